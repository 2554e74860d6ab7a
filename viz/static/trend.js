/* diplokg trend: a tie's trend in its panel, the dyad's events per month in both directions stacked by QuadClass
 * with the mean Goldstein line, each bar listing its month's events.
 *
 * Loaded after time.js, before graph.js. The numbers come from the page's per-tie series (see time.js), the same
 * as /timeline's; the chart is drawn on <canvas>; the heading and captions are set as text.
 */
(function () {
  "use strict";

  var D = window.diplokgTime;
  var QUAD_COLOURS = D.QUAD_COLOURS, GOLD = "#6b4fa0";
  var fit = D.fit, monthName = D.monthName, monthLabel = D.monthLabel, plural = D.plural;

  /** A dyad's trend from its ties (both directions): per month with events, quads, events, Goldstein mean. */
  function trend(list, a, b) {
    var by = {}, coarser = 0, total = 0, i, t, acc;
    list.forEach(function (tie) {
      if (!((tie.from === a && tie.to === b) || (tie.from === b && tie.to === a))) return;
      total += tie.total;
      t = tie.t;
      for (i = 0; i < t.length; i += 3) {
        acc = by[t[i]] || (by[t[i]] = { i: t[i], quads: [0, 0, 0, 0], events: 0, gsum: 0, scored: 0 });
        acc.quads[tie.quad - 1] += t[i + 1];
        acc.events += t[i + 1];
        acc.gsum += t[i + 2];
        acc.scored += t[i + 1];
      }
      for (i = 0; i < tie.tu.length; i += 2) by[tie.tu[i]].scored -= tie.tu[i + 1];
      for (i = 0; i < tie.ty.length; i += 2) coarser += tie.ty[i + 1];
    });
    var months = Object.keys(by).map(Number).sort(function (x, y) { return x - y; }).map(function (k) {
      var m = by[k];
      m.goldstein_mean = m.scored ? Math.round(1000 * m.gsum / m.scored) / 1000 : null;
      return m;
    });
    var dated = months.reduce(function (s, m) { return s + m.events; }, 0);
    return { months: months, events: total, coarser: coarser, undated: total - dated - coarser };
  }

  /** Draw trend (see trend()) on canvas: bars per month stacked by QuadClass, the mean Goldstein line (right
   * axis, -10..+10), the months of range shaded, month `selected` outlined. Returns the bars' geometry. */
  function drawTrend(canvas, tr, origin, range, selected) {
    var height = 170, f = fit(canvas, height), ctx = f.ctx;
    var left = 30, right = 30, top = 8, bottom = 20, pw = f.w - left - right, ph = height - top - bottom;
    ctx.clearRect(0, 0, f.w, f.h);
    ctx.font = "11px system-ui, sans-serif";
    if (!tr.months.length) {
      ctx.fillStyle = "#4a5568";
      ctx.fillText("No events dated to a month.", left, 40);
      return { bars: [], first: 0, n: 0, left: left, slot: 0 };
    }
    var first = tr.months[0].i, last = tr.months[tr.months.length - 1].i, n = last - first + 1;
    var slot = pw / n, bw = Math.min(40, Math.max(1, slot * 0.8)), max = 0;
    tr.months.forEach(function (m) { if (m.events > max) max = m.events; });
    var step = 1;
    for (var k = 0; Math.ceil(max / step) > 4; k++) step = [1, 2, 5][k % 3] * Math.pow(10, Math.floor(k / 3));
    var ymax = step * Math.max(1, Math.ceil(max / step)), base = top + ph;
    function yc(c) { return base - ph * c / ymax; }
    function yg(g) { return top + ph * (10 - g) / 20; }
    if (range) {
      ctx.fillStyle = "#e3edf9";
      var a = Math.max(first, range.lo), z = Math.min(last, range.hi);
      if (a <= z) ctx.fillRect(left + (a - first) * slot, top, (z - a + 1) * slot, ph);
    }
    ctx.fillStyle = "#4a5568";
    ctx.textAlign = "right";
    for (var tick = 0; tick <= ymax; tick += step) {
      ctx.fillStyle = "#e5e8ee";
      ctx.fillRect(left, Math.round(yc(tick)), pw, 1);
      ctx.fillStyle = "#4a5568";
      ctx.fillText(String(tick), left - 4, yc(tick) + 4);
    }
    ctx.textAlign = "left";
    ctx.fillStyle = GOLD;
    [-10, 0, 10].forEach(function (g) { ctx.fillText(g > 0 ? "+" + g : String(g), left + pw + 4, yg(g) + 4); });
    var bars = [], points = [];
    tr.months.forEach(function (m) {
      var x = left + (m.i - first) * slot + (slot - bw) / 2, below = 0;
      for (var q = 0; q < 4; q++) {
        if (!m.quads[q]) continue;
        ctx.fillStyle = QUAD_COLOURS[q + 1];
        ctx.fillRect(x, yc(below + m.quads[q]), bw, yc(below) - yc(below + m.quads[q]));
        below += m.quads[q];
      }
      if (m.i === selected) {
        ctx.strokeStyle = "#1d2430";
        ctx.lineWidth = 2;
        ctx.strokeRect(x - 1, yc(m.events) - 1, bw + 2, yc(0) - yc(m.events) + 2);
      }
      bars.push({ i: m.i, period: monthName(origin, m.i), events: m.events, quads: m.quads.slice(),
                  goldstein_mean: m.goldstein_mean, x: x, y: yc(m.events), w: bw, h: yc(0) - yc(m.events) });
      if (m.goldstein_mean !== null) points.push([x + bw / 2, yg(m.goldstein_mean)]);
    });
    ctx.strokeStyle = GOLD;
    ctx.globalAlpha = 0.5;
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(left, yg(0)); ctx.lineTo(left + pw, yg(0)); ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2;
    ctx.beginPath();
    points.forEach(function (p, k) { if (k) ctx.lineTo(p[0], p[1]); else ctx.moveTo(p[0], p[1]); });
    ctx.stroke();
    ctx.fillStyle = GOLD;
    points.forEach(function (p) { ctx.beginPath(); ctx.arc(p[0], p[1], n > 60 ? 1.5 : 2.5, 0, 2 * Math.PI); ctx.fill(); });
    ctx.fillStyle = "#8a94a6";
    ctx.fillRect(left, base, pw, 1);
    ctx.fillStyle = "#4a5568";
    ctx.fillText(monthLabel(origin, first), left, base + 14);
    if (n > 1) {
      ctx.textAlign = "right";
      ctx.fillText(monthLabel(origin, last), left + pw, base + 14);
      ctx.textAlign = "left";
    }
    return { bars: bars, first: first, n: n, left: left, slot: slot };
  }

  /** The trend section of a tie's panel: heading, chart, caption and a box for one month's events. opts: {ties,
   * a, b, labels: [a's, b's], origin, quads (QuadClass -> {name}), range() (the time bar's range or null),
   * el(tag, text, cls) (makes an element holding text), onChoose(bar, heading, box) (list a month's events)}.
   * `state` says what is drawn (periods, bars, selected) and has choose(period). */
  function TrendSection(opts) {
    var self = this, el = opts.el, tr = trend(opts.ties, opts.a, opts.b), origin = opts.origin || 0;
    var box = this.element = el("section", null, "trend");
    box.appendChild(el("h3", opts.labels[0] + " and " + opts.labels[1] + ", both directions, per month"));
    var canvas = this.canvas = document.createElement("canvas");
    canvas.className = "trend-chart";
    canvas.tabIndex = 0;
    canvas.setAttribute("role", "img");
    var dated = tr.months.reduce(function (s, m) { return s + m.events; }, 0);
    var note = plural(dated, "event") + " dated to a month" +
      (tr.coarser ? ", " + tr.coarser + " to a year only" : "") + (tr.undated ? ", " + tr.undated + " undated" : "");
    var hint = note + (tr.months.length ? " · click a bar for its events" : "");
    var caption = el("p", hint, "trend-caption");
    var month = el("div", null, "trend-month");
    box.appendChild(canvas);
    box.appendChild(caption);
    box.appendChild(month);
    canvas.setAttribute("aria-label", "Events per month between " + opts.labels[0] + " and " + opts.labels[1] + ": " +
                        note + ". Arrow keys choose a month, Enter lists its events.");
    var drawn = { bars: [], first: 0, left: 0, slot: 1 };
    this.state = { pair: [opts.a, opts.b], periods: [], bars: [], coarser: tr.coarser, undated: tr.undated,
                   selected: null, choose: function (period) {
                     var bar = drawn.bars.filter(function (x) { return x.period === period; })[0];
                     if (bar) choose(bar);
                   } };
    this.draw = function () {
      drawn = drawTrend(canvas, tr, origin, opts.range(), self.state.selected);
      self.state.bars = drawn.bars;
      self.state.periods = drawn.bars.map(function (x) {
        return { period: x.period, events: x.events, quads: x.quads, goldstein_mean: x.goldstein_mean };
      });
    };
    function barAt(clientX) {
      var r = canvas.getBoundingClientRect(), i = Math.floor((clientX - r.left - drawn.left) / drawn.slot) + drawn.first;
      for (var k = 0; k < drawn.bars.length; k++) if (drawn.bars[k].i === i) return drawn.bars[k];
      return null;
    }
    function describe(bar) {
      var parts = bar.quads.map(function (c, q) { return c ? c + " " + opts.quads[q + 1].name : ""; }).filter(Boolean);
      return monthLabel(origin, bar.i) + ": " + plural(bar.events, "event") + " (" + parts.join(", ") + ")" +
        (bar.goldstein_mean !== null ? ", mean Goldstein " + (bar.goldstein_mean > 0 ? "+" : "") +
         bar.goldstein_mean.toFixed(1) : "");
    }
    function choose(bar) {
      self.state.selected = bar.i;
      self.draw();
      opts.onChoose(bar, describe(bar), month);
    }
    canvas.addEventListener("pointermove", function (ev) {
      var bar = barAt(ev.clientX);
      caption.textContent = bar ? describe(bar) : hint;
      canvas.style.cursor = bar ? "pointer" : "default";
    });
    canvas.addEventListener("click", function (ev) { var bar = barAt(ev.clientX); if (bar) choose(bar); });
    canvas.addEventListener("keydown", function (ev) {
      var bars = drawn.bars, k = -1;
      for (var j = 0; j < bars.length; j++) if (bars[j].i === self.state.selected) k = j;
      if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
        k = Math.max(0, Math.min(bars.length - 1, k + (ev.key === "ArrowRight" ? 1 : -1)));
        if (bars[k]) { self.state.selected = bars[k].i; self.draw(); caption.textContent = describe(bars[k]); }
      } else if (ev.key === "Enter" && k >= 0) {
        choose(bars[k]);
      } else return;
      ev.preventDefault();
    });
  }

  window.diplokgTrend = { trend: trend, drawTrend: drawTrend, TrendSection: TrendSection };
})();
