/* diplokg time: the view of a range of months, the time bar under the network and a tie's trend in the panel.
 *
 * Loaded before graph.js, which wires them to the network; everything is drawn on <canvas> (no markup is built
 * from data here: canvas text is pixels). The page's data carries, per tie, its events per month as a flat list
 * t = [month, events, Goldstein sum, ...] (months counted from DATA.time.first), tu = [month, events without a
 * Goldstein value, ...] and ty = [year, events, ...] for events dated to a year only; DATA.more holds the ties
 * the view left out past DATA.max_edges, as [from, to, quad, count, t, ty, tu] with node indexes.
 *
 * view(ties, opts, range) picks what the page draws for a range the way the server's build_graph does for
 * since/until (partial dates compared at their precision: a month's events are in it, a year-only event is in
 * every month of its year, an undated one in no range), so the drawn counts are those of /graph/data.
 */
(function () {
  "use strict";

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var QUAD_COLOURS = { 1: "#4f9d4a", 2: "#2a78b8", 3: "#ec8b24", 4: "#d1303c" };

  function pad(n) { return n < 10 ? "0" + n : String(n); }
  /** "YYYY-MM" of month i counted from origin (months since year 0). */
  function monthName(origin, i) { var m = origin + i; return Math.floor(m / 12) + "-" + pad(m % 12 + 1); }
  function monthLabel(origin, i) { var m = origin + i; return MONTHS[m % 12] + " " + Math.floor(m / 12); }

  // -- the ties and the view of a range ------------------------------------------------------------------------
  /** Every tie the page may draw: the view's edges and DATA.more, with their series; ranked as the server ranks
   * ties of equal count, by (source, target, QuadClass). */
  function ties(data) {
    var out = [];
    (data.edges || []).forEach(function (e) {
      out.push({ id: e.id, from: e.from, to: e.to, quad: e.quad, total: e.count, t: e.t || [], ty: e.ty || [],
                 tu: e.tu || [], edge: e });
    });
    var ids = (data.nodes || []).map(function (n) { return n.id; });
    (data.more || []).forEach(function (m) {
      var from = ids[m[0]], to = ids[m[1]];
      out.push({ id: from + "|" + to + "|" + m[2], from: from, to: to, quad: m[2], total: m[3], t: m[4] || [],
                 ty: m[5] || [], tu: m[6] || [], edge: null });
    });
    return rank(out);
  }

  function rank(list) {
    var order = list.slice().sort(function (a, b) {
      return a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : a.quad - b.quad;
    });
    order.forEach(function (tie, i) { tie.rank = i; });
    return list;
  }

  /** Events of a tie in months lo..hi (and years ylo..yhi for year-only dates). */
  function countIn(tie, lo, hi, ylo, yhi) {
    var n = 0, t = tie.t, ty = tie.ty, i;
    for (i = 0; i < t.length; i += 3) if (t[i] >= lo && t[i] <= hi) n += t[i + 1];
    for (i = 0; i < ty.length; i += 2) if (ty[i] >= ylo && ty[i] <= yhi) n += ty[i + 1];
    return n;
  }

  /** What to draw for range {lo, hi} (null: no range) under opts {origin, min, centre, depth, maxEdges}: the
   * kept ties with their counts ({tie, n}) and each drawn actor's events. */
  function view(list, opts, range) {
    var kept = [], i, tie, n;
    var ylo = range ? Math.floor((opts.origin + range.lo) / 12) : 0;
    var yhi = range ? Math.floor((opts.origin + range.hi) / 12) : 0;
    for (i = 0; i < list.length; i++) {
      tie = list[i];
      n = range ? countIn(tie, range.lo, range.hi, ylo, yhi) : tie.total;
      if (n >= (opts.min || 1)) kept.push({ tie: tie, n: n });
    }
    if (opts.centre) {
      var seen = {}, frontier = {}, next, d, k;
      seen[opts.centre] = frontier[opts.centre] = true;
      for (d = 0; d < (opts.depth || 2); d++) {
        next = {};
        for (k = 0; k < kept.length; k++) {
          tie = kept[k].tie;
          if (frontier[tie.from] && !seen[tie.to]) next[tie.to] = true;
          if (frontier[tie.to] && !seen[tie.from]) next[tie.from] = true;
        }
        for (var x in next) seen[x] = true;
        frontier = next;
      }
      kept = kept.filter(function (k) { return seen[k.tie.from] && seen[k.tie.to]; });
    }
    var matching = kept.length, limit = opts.maxEdges || Infinity;
    if (kept.length > limit) {
      kept.sort(function (a, b) { return b.n - a.n || a.tie.rank - b.tie.rank; });
      var best = {}, keep = [];
      kept.forEach(function (k, j) {
        var strong = j < limit;
        if (!(k.tie.from in best)) { best[k.tie.from] = true; strong = true; }
        if (!(k.tie.to in best)) { best[k.tie.to] = true; strong = true; }
        if (strong) keep.push(k);
      });
      kept = keep;
    }
    var degree = {}, events = 0;
    kept.forEach(function (k) {
      degree[k.tie.from] = (degree[k.tie.from] || 0) + k.n;
      if (k.tie.to !== k.tie.from) degree[k.tie.to] = (degree[k.tie.to] || 0) + k.n;
      events += k.n;
    });
    if (opts.centre && !(opts.centre in degree)) degree[opts.centre] = 0;
    return { ties: kept, degree: degree, events: events, matching: matching };
  }

  /** Events per month and QuadClass over ties: {q1..q4 arrays, total array, max}. */
  function histogram(list, months) {
    var q = { 1: new Float64Array(months), 2: new Float64Array(months), 3: new Float64Array(months),
              4: new Float64Array(months) };
    var total = new Float64Array(months), max = 0, i, t;
    list.forEach(function (tie) {
      t = tie.t;
      for (i = 0; i < t.length; i += 3) {
        if (t[i] < 0 || t[i] >= months) continue;
        q[tie.quad][t[i]] += t[i + 1];
        total[t[i]] += t[i + 1];
      }
    });
    for (i = 0; i < months; i++) if (total[i] > max) max = total[i];
    return { quads: q, total: total, max: max };
  }

  // -- canvas helpers -------------------------------------------------------------------------------------------
  function fit(canvas, cssHeight) {
    var dpr = window.devicePixelRatio || 1, w = canvas.clientWidth || canvas.parentNode.clientWidth || 300;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(cssHeight * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(cssHeight * dpr);
    }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { ctx: ctx, w: w, h: cssHeight };
  }

  // -- the time bar ---------------------------------------------------------------------------------------------
  /** The histogram of the view's months with a range to drag. opts: {canvas, months, origin, hist, onChange(range,
   * final)}; range is {lo, hi} or null (all time). */
  function TimeBar(opts) {
    this.canvas = opts.canvas;
    this.months = opts.months;
    this.origin = opts.origin;
    this.hist = opts.hist;
    this.onChange = opts.onChange;
    this.range = null;
    this.height = opts.height || 60;
    this.pad = { left: 8, right: 8, top: 4, bottom: 16 };
    this.drag = null;
    this.lastDrawMs = 0;
    this._listen();
  }

  TimeBar.prototype.geometry = function () {
    var w = this.canvas.clientWidth || 300;
    var plot = w - this.pad.left - this.pad.right;
    return { left: this.pad.left, top: this.pad.top, width: plot, height: this.height - this.pad.top - this.pad.bottom,
             slot: plot / Math.max(1, this.months), months: this.months };
  };

  TimeBar.prototype.bounds = function () {
    return this.range ? this.range : { lo: 0, hi: this.months - 1 };
  };

  TimeBar.prototype.draw = function () {
    var t0 = performance.now();
    var f = fit(this.canvas, this.height), ctx = f.ctx, g = this.geometry(), h = this.hist, b = this.bounds();
    ctx.clearRect(0, 0, f.w, f.h);
    if (!this.months) {
      ctx.fillStyle = "#4a5568";
      ctx.font = "12px system-ui, sans-serif";
      ctx.fillText("No events dated to a month in this view.", g.left, 20);
      this.lastDrawMs = performance.now() - t0;
      return;
    }
    var x0 = g.left + b.lo * g.slot, x1 = g.left + (b.hi + 1) * g.slot;
    if (this.range) {
      ctx.fillStyle = "#e3edf9";
      ctx.fillRect(x0, g.top, x1 - x0, g.height);
    }
    var bw = Math.max(1, g.slot * 0.8), off = (g.slot - bw) / 2, scale = h.max ? g.height / h.max : 0;
    var base = g.top + g.height;
    [1, 2, 3, 4].forEach(function (q) {
      var col = h.quads[q];
      for (var pass = 0; pass < 2; pass++) {  // outside the range faded, inside full
        ctx.fillStyle = QUAD_COLOURS[q];
        ctx.globalAlpha = pass ? 1 : 0.28;
        for (var i = 0; i < g.months; i++) {
          if (!col[i] || ((i >= b.lo && i <= b.hi) ? 0 : 1) !== 1 - pass) continue;
          var below = 0;
          for (var p = 1; p < q; p++) below += h.quads[p][i];
          ctx.fillRect(g.left + i * g.slot + off, base - (below + col[i]) * scale, bw, col[i] * scale);
        }
      }
    });
    ctx.globalAlpha = 1;
    // axis and year ticks
    ctx.fillStyle = "#8a94a6";
    ctx.fillRect(g.left, base, g.width, 1);
    ctx.font = "11px system-ui, sans-serif";
    ctx.fillStyle = "#4a5568";
    var i, m;
    if (g.months <= 36) {  // months, named where there is room
      var every = Math.max(1, Math.ceil(44 / g.slot));
      for (i = 0; i < g.months; i++) {
        m = this.origin + i;
        ctx.fillRect(g.left + i * g.slot, base, 1, i % every ? 2 : 4);
        if (i % every) continue;
        ctx.fillText(i === 0 || m % 12 === 0 ? monthLabel(this.origin, i) : MONTHS[m % 12], g.left + i * g.slot + 2,
                     base + 13);
      }
    } else {  // years
      var years = Math.max(1, Math.ceil(34 / (12 * g.slot)));
      for (i = 0; i < g.months; i++) {
        m = this.origin + i;
        if (m % 12 || Math.floor(m / 12) % years) continue;
        ctx.fillRect(g.left + i * g.slot, base, 1, 4);
        ctx.fillText(String(Math.floor(m / 12)), g.left + i * g.slot + 2, base + 13);
      }
    }
    // handles
    [x0, x1].forEach(function (x) {
      ctx.fillStyle = "#1f4f8f";
      ctx.fillRect(x - 1, g.top, 2, g.height);
      ctx.fillRect(x - 4, g.top + g.height / 2 - 8, 8, 16);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(x - 1, g.top + g.height / 2 - 5, 1, 10);
    });
    this.lastDrawMs = performance.now() - t0;
  };

  TimeBar.prototype.set = function (lo, hi, final) {
    var n = this.months;
    if (!n) return;
    lo = Math.max(0, Math.min(n - 1, lo));
    hi = Math.max(0, Math.min(n - 1, hi));
    if (lo > hi) { var s = lo; lo = hi; hi = s; }
    var next = lo === 0 && hi === n - 1 ? null : { lo: lo, hi: hi };
    var same = next === this.range || (next && this.range && next.lo === this.range.lo && next.hi === this.range.hi);
    this.range = next;
    if (!same || final) {
      this.draw();
      this.onChange(this.range, !!final);
    }
  };

  TimeBar.prototype.all = function () {
    this.stop();
    this.set(0, this.months - 1, true);
  };

  TimeBar.prototype.monthAt = function (clientX) {
    var r = this.canvas.getBoundingClientRect(), g = this.geometry();
    return Math.floor((clientX - r.left - g.left) / g.slot);
  };

  TimeBar.prototype._listen = function () {
    var self = this, c = this.canvas;
    c.addEventListener("pointerdown", function (ev) {
      if (!self.months) return;
      self.stop();
      var r = c.getBoundingClientRect(), g = self.geometry(), b = self.bounds(), x = ev.clientX - r.left;
      var i = Math.max(0, Math.min(self.months - 1, self.monthAt(ev.clientX)));
      var xl = g.left + b.lo * g.slot, xh = g.left + (b.hi + 1) * g.slot;
      if (Math.abs(x - xl) <= 6 && Math.abs(x - xl) <= Math.abs(x - xh)) self.drag = { kind: "lo" };
      else if (Math.abs(x - xh) <= 6) self.drag = { kind: "hi" };
      else if (self.range && i >= b.lo && i <= b.hi) self.drag = { kind: "move", offset: i - b.lo, width: b.hi - b.lo };
      else { self.drag = { kind: "new", anchor: i }; self.set(i, i, false); }
      c.setPointerCapture(ev.pointerId);
      ev.preventDefault();
    });
    c.addEventListener("pointermove", function (ev) {
      var i = self.monthAt(ev.clientX);
      if (i >= 0 && i < self.months) {
        var n = self.hist.total[i];
        c.title = monthName(self.origin, i) + ": " + n + " event" + (n === 1 ? "" : "s") +
          " · drag to choose months, double-click for all time";
      }
      if (!self.drag) return;
      var b = self.bounds(), d = self.drag;
      i = Math.max(0, Math.min(self.months - 1, i));
      var edge = Math.max(0, Math.min(self.months, self.monthAt(ev.clientX + self.geometry().slot / 2)));
      if (d.kind === "lo") self.set(Math.min(edge, b.hi), b.hi, false);
      else if (d.kind === "hi") self.set(b.lo, Math.max(edge - 1, b.lo), false);
      else if (d.kind === "move") {
        var lo = Math.max(0, Math.min(self.months - 1 - d.width, i - d.offset));
        self.set(lo, lo + d.width, false);
      } else self.set(Math.min(d.anchor, i), Math.max(d.anchor, i), false);
    });
    function end(ev) {
      if (!self.drag) return;
      self.drag = null;
      if (c.hasPointerCapture(ev.pointerId)) c.releasePointerCapture(ev.pointerId);
      var b = self.bounds();
      self.set(b.lo, b.hi, true);
    }
    c.addEventListener("pointerup", end);
    c.addEventListener("pointercancel", end);
    c.addEventListener("dblclick", function () { self.all(); });
    c.addEventListener("keydown", function (ev) {
      var b = self.bounds(), step = ev.key === "ArrowLeft" ? -1 : ev.key === "ArrowRight" ? 1 : 0;
      if (step && ev.shiftKey) self.set(b.lo, Math.max(b.lo, b.hi + step), true);
      else if (step && !self.range) self.set(step < 0 ? 0 : self.months - 1, step < 0 ? 0 : self.months - 1, true);
      else if (step) {
        var lo = Math.max(0, Math.min(self.months - 1 - (b.hi - b.lo), b.lo + step));
        self.set(lo, lo + b.hi - b.lo, true);
      } else if (ev.key === "Escape") self.all();
      else if (ev.key === " " || ev.key === "Enter") self.toggle();
      else return;
      ev.preventDefault();
    });
    window.addEventListener("resize", function () { self.draw(); });
  };

  /** Play: step the range (one month when all time is shown) a month at a time to the last month. */
  TimeBar.prototype.play = function () {
    if (!this.months || this.timer) return;
    var self = this, b = this.range || { lo: 0, hi: 0 };
    if (b.hi >= this.months - 1) b = { lo: 0, hi: b.hi - b.lo };
    this.set(b.lo, b.hi, true);
    var every = Math.max(120, Math.min(700, Math.round(24000 / this.months)));
    this.timer = window.setInterval(function () {
      var r = self.bounds();
      if (r.hi >= self.months - 1) { self.stop(); return; }
      self.set(r.lo + 1, r.hi + 1, true);
    }, every);
    if (this.onPlay) this.onPlay(true);
  };

  TimeBar.prototype.stop = function () {
    if (!this.timer) return;
    window.clearInterval(this.timer);
    this.timer = null;
    if (this.onPlay) this.onPlay(false);
  };

  TimeBar.prototype.toggle = function () { if (this.timer) this.stop(); else this.play(); };

  // -- a range on the network ----------------------------------------------------------------------------------
  function round(x, digits) { var f = Math.pow(10, digits); return Math.round(x * f) / f; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function copy(o) { var c = {}; for (var k in o) c[k] = o[k]; return c; }

  /** Shows ranges of months on a vis-network. opts: {network, edges (its DataSet), ties, view (the options of
   * view()), nodeById, quads (QuadClass -> {name, color}), origin}. Actors and ties outside a range are hidden in
   * place (vis-network's own `hidden` option, set on its items directly: going through the DataSets costs ~60 µs
   * an item, 0.3-0.6 s for a range at 2,000 actors); `drawnNodes` (actor -> events) and `drawnEdges` (tie ->
   * {count, width}) say what is drawn, `current` the range, its events and how many ties matched it. */
  function RangeView(opts) {
    this.network = opts.network;
    this.edges = opts.edges;
    this.ties = opts.ties;
    this.opts = opts.view;
    this.nodeById = opts.nodeById;
    this.quads = opts.quads;
    this.origin = opts.origin || 0;
    this.drawnNodes = {};
    this.drawnEdges = {};
    this.current = { range: null, events: 0, matching: 0 };
  }

  RangeView.prototype.rangeText = function (range) {
    return range ? monthName(this.origin, range.lo) + (range.hi > range.lo ? " to " +
      monthName(this.origin, range.hi) : "") : "all time";
  };

  /** A tie's tooltip: its own (with the range's share when a range is shown), or made here for a tie past the
   * view's limit. */
  RangeView.prototype.titleOf = function (tie, n, range) {
    if (tie.edge) {
      return (range && n !== tie.total ? n + " of these " + tie.total + " events in " + this.rangeText(range) + "\n"
        : "") + tie.edge.title;
    }
    var from = this.nodeById[tie.from], to = this.nodeById[tie.to];
    return (from ? from.label : tie.from) + " → " + (to ? to.label : tie.to) + ": " +
      (this.quads[tie.quad] || {}).name + "\n" + plural(n, "event") +
      (range ? " in " + this.rangeText(range) + " (" + tie.total + " in all)" : "") + "\nclick for the evidence";
  };

  /** A tie as a vis-network edge with n events. */
  RangeView.prototype.edgeOf = function (tie, n, width, range) {
    var e;
    if (tie.edge) {
      e = copy(tie.edge);
    } else {
      var c = (this.quads[tie.quad] || {}).color || "#888888";
      e = { id: tie.id, from: tie.from, to: tie.to, quad: tie.quad, arrows: "to", codes: [], event_ids: null,
            color: { color: c, highlight: c, hover: c, opacity: 0.85 } };
    }
    e.count = n;
    e.width = width;
    e.title = this.titleOf(tie, n, range);
    return e;
  };

  /** Take what the DataSets hold as drawn (all time): after the page is built or a file's own filters. */
  RangeView.prototype.mirror = function (nodes, edges, events, matching) {
    var self = this;
    this.drawnNodes = {};
    this.drawnEdges = {};
    nodes.get().forEach(function (n) { self.drawnNodes[n.id] = n.events; });
    edges.get().forEach(function (e) { if (!e.hidden) self.drawnEdges[e.id] = { count: e.count, width: e.width }; });
    this.current = { range: null, events: events, matching: matching };
  };

  /** Draw the view of range (null: all the page's events); its timings in ms. */
  RangeView.prototype.apply = function (range) {
    var t0 = performance.now();
    var v = view(this.ties, this.opts, range);
    var t1 = performance.now();
    var network = this.network, body = network.body, topNode = 1, topEdge = 1, id, k, i;
    for (id in v.degree) if (v.degree[id] > topNode) topNode = v.degree[id];
    for (i = 0; i < v.ties.length; i++) if (v.ties[i].n > topEdge) topEdge = v.ties[i].n;
    var fresh = [];
    for (i = 0; i < v.ties.length; i++) {
      k = v.ties[i];
      if (!body.edges[k.tie.id]) fresh.push(this.edgeOf(k.tie, k.n, 2, range));
    }
    if (fresh.length) this.edges.add(fresh);  // the page holds every tie from the start: only if it did not
    var shown = {}, drawnEdges = this.drawnEdges, retitle = !sameRange(this.current.range, range);
    for (i = 0; i < v.ties.length; i++) {
      k = v.ties[i];
      var e = body.edges[k.tie.id], width = topEdge > 1 ? round(1 + 7 * Math.sqrt(k.n / topEdge), 2) : 2;
      var was = drawnEdges[k.tie.id];
      e.options.hidden = false;
      if (!was || was.count !== k.n || was.width !== width || retitle) {
        e.options.width = width;
        e.options.title = this.titleOf(k.tie, k.n, range);
      }
      shown[k.tie.id] = { count: k.n, width: width };
    }
    for (id in drawnEdges) if (!shown[id] && body.edges[id]) body.edges[id].options.hidden = true;
    var visible = {};
    for (id in body.nodes) {
      var node = body.nodes[id];
      if (!(id in v.degree)) { node.options.hidden = true; continue; }
      var size = round(8 + 24 * Math.sqrt(v.degree[id] / topNode), 1);
      node.options.hidden = false;
      if (node.options.size !== size) { node.options.size = size; node.needsRefresh(); }
      visible[id] = v.degree[id];
    }
    this.drawnNodes = visible;
    this.drawnEdges = shown;
    // what vis-network's _updateVisibleIndices would find (no clustering here), without its walk over every
    // item, hidden ones included (12 ms at 17,800 ties)
    body.nodeIndices = Object.keys(visible);
    body.edgeIndices = Object.keys(shown);
    this.current = { range: range, events: v.events, matching: v.matching };
    var t2 = performance.now();
    network.redraw();
    return { viewMs: t1 - t0, applyMs: t2 - t0, drawMs: performance.now() - t2 };
  };

  function sameRange(a, b) { return a === b || (!!a && !!b && a.lo === b.lo && a.hi === b.hi); }

  window.diplokgTime = { ties: ties, rank: rank, view: view, histogram: histogram, TimeBar: TimeBar,
                         RangeView: RangeView, sameRange: sameRange, fit: fit, plural: plural, monthName: monthName,
                         monthLabel: monthLabel, countIn: countIn, QUAD_COLOURS: QUAD_COLOURS };
})();
