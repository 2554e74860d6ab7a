/* diplokg graph page: draws the network embedded as JSON, and shows the events behind a node or an edge.
 *
 * Safety: everything shown comes from articles and may hold markup. The data is read with JSON.parse from a
 * <script type="application/json"> block; the panel is built with createElement/textContent only (never
 * innerHTML); links are made only for http(s) URLs; vis-network shows string titles as text.
 *
 * Time: the time bar under the network filters the drawn ties to a range of months (time.js computes the view
 * as /graph/data?since=&until= would); a tie's panel opens with the dyad's trend above its evidence.
 */
(function () {
  "use strict";

  var raw = document.getElementById("graph-data");
  var DATA = JSON.parse(raw.textContent);
  var MODE = DATA.mode || {};
  var API = MODE.api_base || "";
  var QUADS = {};
  (DATA.legend && DATA.legend.quads || []).forEach(function (q) { QUADS[q.quad] = q; });
  var container = document.getElementById("graph");
  var statusEl = document.getElementById("status");
  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  var articleCache = {};
  var started = performance.now();
  var state = { stabilised: false, stabilisedAt: null, loadedAt: started, panel: null };
  window.diplokg = state;

  // -- small DOM helpers: text only ---------------------------------------------------------------------------
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function swatch(colour, round) {
    var s = el("span", null, round ? "swatch dot" : "swatch line");
    s.style.backgroundColor = colour;  // CSSOM: allowed by style-src 'self'
    return s;
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }
  function status(text) { statusEl.textContent = text; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // -- the network --------------------------------------------------------------------------------------------
  var allNodes = DATA.nodes || [];
  var allEdges = DATA.edges || [];
  function copy(o) { var c = {}; for (var k in o) c[k] = o[k]; return c; }
  var T = window.diplokgTime;
  var TIME = DATA.time || { months: 0, origin: 0 };
  var nodeById = {};
  allNodes.forEach(function (n) { nodeById[n.id] = n; });
  var ties = T.ties(DATA);
  var edges = new vis.DataSet(allEdges.map(copy));
  var ranges = new T.RangeView({
    edges: edges, ties: ties, nodeById: nodeById, quads: QUADS, origin: TIME.origin,
    view: { origin: TIME.origin || 0, min: (DATA.filters || {}).min_count || 1, centre: DATA.centre,
            depth: (DATA.filters || {}).depth || 2, maxEdges: DATA.max_edges || Infinity } });
  // the ties past max_edges are there from the start, hidden and out of the layout, for a range to show them:
  // adding items to vis-network later costs ~80 ms a time, hiding and showing them almost nothing
  edges.add(ties.filter(function (t) { return !t.edge; }).map(function (t) {
    var e = ranges.edgeOf(t, t.total, 2, null);
    e.hidden = true;
    e.physics = false;
    return e;
  }));
  var nodes = new vis.DataSet(allNodes.map(copy));
  var network = ranges.network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options || {});
  window.network = network;
  ranges.mirror(nodes, edges, allEdges.reduce(function (a, e) { return a + (e.count || 0); }, 0),
                (DATA.stats || {}).matching_edges || allEdges.length);
  function rangeText(range) { return ranges.rangeText(range); }

  function summary() {
    var current = ranges.current;
    var nn = Object.keys(ranges.drawnNodes).length, ne = Object.keys(ranges.drawnEdges).length;
    var text = plural(nn, "actor") + ", " + plural(ne, "tie") + ", " + plural(current.events, "event");
    if (current.range) text += " in " + rangeText(current.range);
    if (current.matching > ne) text += " · the " + ne + " strongest of " + current.matching +
      " ties are drawn: raise the minimum, centre on an actor or narrow the months";
    return text;
  }

  function onStabilised() {
    network.setOptions({ physics: { enabled: false } });
    state.stabilised = true;
    state.stabilisedAt = performance.now();
    document.body.setAttribute("data-state", "stabilised");
    if (timebar && timebar.range) applyRange(timebar.range);
    status(summary());
    if (DATA.centre && nodes.get(DATA.centre)) {
      focusNode(DATA.centre, false);
    }
  }

  function layout() {
    state.stabilised = false;
    document.body.setAttribute("data-state", "layout");
    if (!nodes.length) {
      status("No events match these filters.");
      state.stabilised = true;
      state.stabilisedAt = performance.now();
      document.body.setAttribute("data-state", "stabilised");
      return;
    }
    network.once("stabilizationIterationsDone", onStabilised);
    network.setOptions({ physics: { enabled: true } });
    network.stabilize((DATA.options && DATA.options.physics && DATA.options.physics.stabilization || {}).iterations);
  }
  network.on("stabilizationProgress", function (p) {
    status("laying out " + plural(nodes.length, "actor") + "… " + Math.round(100 * p.iterations / p.total) + "%");
  });
  network.once("stabilizationIterationsDone", onStabilised);
  if (!nodes.length) layout();

  function focusNode(id, animate) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: animate ? { duration: 400 } : false });
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else closePanel();
  });

  // -- time: the bar under the network, the view of a range of months -----------------------------------------
  /** Draw the view of range (null: all the page's events) and say so. */
  function applyRange(range) {
    var took = ranges.apply(range), body = network.body;
    state.time = { range: range ? { since: T.monthName(TIME.origin, range.lo), until: T.monthName(TIME.origin, range.hi) }
                   : null, nodes: body.nodeIndices.length, edges: body.edgeIndices.length,
                   events: ranges.current.events, viewMs: took.viewMs, applyMs: took.applyMs, drawMs: took.drawMs };
    document.body.setAttribute("data-range", range ? state.time.range.since + "/" + state.time.range.until : "");
    status(summary());
    if (state.panel && state.panel.kind === "edge" && state.panel.redrawTrend) state.panel.redrawTrend();
    return state.time;
  }

  var timebar = null, pending = null, frame = null;
  // the form's dates say the range, so Apply keeps it (and all time gives back the page's own dates)
  var formDates = { since: document.getElementById("f-since").value, until: document.getElementById("f-until").value };
  function syncForm(range) {
    if (MODE.standalone) return;  // a file filters by the time bar alone
    document.getElementById("f-since").value = range ? T.monthName(TIME.origin, range.lo) : formDates.since;
    document.getElementById("f-until").value = range ? T.monthName(TIME.origin, range.hi) : formDates.until;
  }
  window.addEventListener("resize", function () {
    if (state.panel && state.panel.redrawTrend) state.panel.redrawTrend();
  });
  (function timeBar() {
    var box = document.getElementById("timebar");
    var canvas = document.getElementById("tb-canvas"), label = document.getElementById("tb-label");
    var play = document.getElementById("tb-play"), all = document.getElementById("tb-all");
    function describe(range) {
      var h = timebar.hist, n = 0, lo = range ? range.lo : 0, hi = range ? range.hi : TIME.months - 1;
      for (var i = lo; i <= hi; i++) n += h.total[i];
      var text = range ? rangeText(range) + ": " + plural(n, "event") + " in these months"
        : !TIME.months ? "No events dated to a month in this view"
        : "All time: " + TIME.months + " month" + (TIME.months === 1 ? "" : "s") + " from " +
          T.monthLabel(TIME.origin, 0);
      if (!range && (TIME.coarser || TIME.undated)) {
        text += " (" + [TIME.coarser ? TIME.coarser + " dated to a year only" : "",
                        TIME.undated ? TIME.undated + " undated" : ""].filter(Boolean).join(", ") + ")";
      }
      label.textContent = text;
      canvas.setAttribute("aria-label", "Events per month. " + text + ". Drag to choose months; arrow keys move " +
                          "the range, shift+arrows widen it, Escape shows all time.");
      all.disabled = !range;
    }
    timebar = new T.TimeBar({
      canvas: canvas, months: TIME.months || 0, origin: TIME.origin || 0, hist: T.histogram(ties, TIME.months || 0),
      onChange: function (range, final) {
        describe(range);
        pending = range;
        if (!state.stabilised) return;  // applied once laid out
        if (final) {
          syncForm(range);
          if (frame) { window.cancelAnimationFrame(frame); frame = null; applyRange(range); }
          else if (!T.sameRange(range, ranges.current.range)) applyRange(range);
        } else if (!frame) {
          frame = window.requestAnimationFrame(function () { frame = null; applyRange(pending); });
        }
      }
    });
    timebar.onPlay = function (on) {
      play.textContent = on ? "❚❚" : "▶";
      play.setAttribute("aria-pressed", on ? "true" : "false");
      play.title = on ? "Pause" : "Step through the months";
    };
    play.addEventListener("click", function () { timebar.toggle(); });
    all.addEventListener("click", function () { timebar.all(); });
    if (!TIME.months) { play.disabled = true; box.classList.add("empty"); }
    timebar.describe = describe;
    describe(null);
    timebar.draw();
  })();

  /** For tests and benchmarks: show months lo..hi (indexes from DATA.time.first) now; the timings. */
  state.setRange = function (lo, hi) {
    var t0 = performance.now();
    timebar.set(lo, hi, true);
    return { barMs: timebar.lastDrawMs, viewMs: state.time ? state.time.viewMs : 0,
             applyMs: state.time ? state.time.applyMs : 0, totalMs: performance.now() - t0 };
  };
  state.timebar = timebar;

  // -- legend -------------------------------------------------------------------------------------------------
  (function legend() {
    var box = document.getElementById("legend");
    var l = DATA.legend || { kinds: [], quads: [] };
    var kinds = el("ul", null, "kinds");
    l.kinds.forEach(function (k) {
      var li = el("li"); li.appendChild(swatch(k.color, true)); li.appendChild(el("span", k.kind)); kinds.appendChild(li);
    });
    var quads = el("ul", null, "quads");
    l.quads.forEach(function (q) {
      var li = el("li"); li.appendChild(swatch(q.color, false)); li.appendChild(el("span", q.name)); quads.appendChild(li);
    });
    box.appendChild(el("h2", "Actors"));
    box.appendChild(kinds);
    box.appendChild(el("h2", "Events"));
    box.appendChild(quads);
    box.appendChild(el("p", "Size, width: number of events; arrows: who acted on whom.", "note"));
    document.querySelectorAll("#f-quads label.quad").forEach(function (label) {
      var q = QUADS[label.querySelector("input").value];
      if (q) label.insertBefore(swatch(q.color, false), label.firstChild);
    });
  })();

  // -- search -------------------------------------------------------------------------------------------------
  (function search() {
    var list = document.getElementById("actor-list");
    allNodes.slice().sort(function (a, b) { return String(a.label).localeCompare(String(b.label)); })
      .forEach(function (n) {
        var o = document.createElement("option");
        o.value = n.label + " (" + n.id + ")";
        list.appendChild(o);
      });
    document.getElementById("search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var id = findActor(document.getElementById("search").value);
      if (id) focusNode(id, true);
      else status("No actor in this view matches " + JSON.stringify(document.getElementById("search").value) + ".");
    });
  })();

  function findActor(query) {
    var q = String(query || "").trim();
    if (!q) return null;
    var m = /\(([^()]+)\)\s*$/.exec(q);
    if (m && m[1] in ranges.drawnNodes) return m[1];
    var lower = q.toLowerCase(), found = null;
    var list = nodes.get().filter(function (n) { return n.id in ranges.drawnNodes; });
    list.forEach(function (n) { if (!found && String(n.id).toLowerCase() === lower) found = n.id; });
    list.forEach(function (n) { if (!found && String(n.label).toLowerCase() === lower) found = n.id; });
    list.forEach(function (n) { if (!found && String(n.label).toLowerCase().indexOf(lower) >= 0) found = n.id; });
    return found;
  }
  window.diplokg.findActor = findActor;
  window.diplokg.focus = function (id) { focusNode(id, false); };

  // -- filters: a served page reloads /graph?…; a standalone file filters what it holds --------------------------
  var form = document.getElementById("filters");
  form.addEventListener("submit", function (ev) {
    var params = new URLSearchParams();
    var quads = Array.prototype.slice.call(form.querySelectorAll("input[name=quad]:checked"))
      .map(function (i) { return i.value; });
    ["actor", "depth", "since", "until", "code", "min_count"].forEach(function (name) {
      var v = form.elements[name].value.trim();
      if (v && !(name === "min_count" && v === "1") && !(name === "depth" && (v === "2" || !form.elements.actor.value.trim()))) {
        params.set(name, v);
      }
    });
    if (quads.length && quads.length < 4) params.set("quad", quads.join(","));
    ev.preventDefault();
    if (MODE.standalone) {
      applyLocal(params, quads);
    } else {
      var q = params.toString();
      window.location.assign(API + "/graph" + (q ? "?" + q : ""));
    }
  });

  function inRange(day, since, until) {
    if (!since && !until) return true;
    if (!day) return false;
    return (!since || day >= since.slice(0, day.length)) && (!until || day.slice(0, until.length) <= until);
  }

  function applyLocal(params, quads) {
    var since = params.get("since"), until = params.get("until"), code = params.get("code") || "";
    var min = parseInt(params.get("min_count") || "1", 10) || 1;
    var want = {};
    (quads.length ? quads : ["1", "2", "3", "4"]).forEach(function (q) { want[q] = true; });
    var events = DATA.events || {};
    var kept = [];
    allEdges.forEach(function (e) {
      if (!want[String(e.quad)]) return;
      var n = e.count;
      if (since || until || code) {
        n = e.event_ids.filter(function (id) {
          var ev = events[id];
          return ev ? inRange(ev.date, since, until) && ev.code.indexOf(code) === 0 : !(since || until || code);
        }).length;
      }
      if (n >= min) kept.push(e);
    });
    var actor = params.get("actor"), keep = null;
    if (actor) {
      var centre = findActor(actor);
      if (!centre) { status("No actor " + JSON.stringify(actor) + " in this file."); return; }
      var depth = parseInt(params.get("depth") || "2", 10), seen = {}, frontier = [centre];
      seen[centre] = true;
      for (var d = 0; d < depth; d++) {
        var next = [];
        kept.forEach(function (e) {
          [[e.from, e.to], [e.to, e.from]].forEach(function (p) {
            if (frontier.indexOf(p[0]) >= 0 && !seen[p[1]]) { seen[p[1]] = true; next.push(p[1]); }
          });
        });
        frontier = next;
      }
      keep = seen;
      DATA.centre = centre;
    } else {
      DATA.centre = null;
    }
    kept = kept.filter(function (e) { return !keep || (keep[e.from] && keep[e.to]); });
    var ids = {};
    kept.forEach(function (e) { ids[e.from] = true; ids[e.to] = true; });
    if (keep) ids[DATA.centre] = true;
    closePanel();
    nodes.clear(); edges.clear();
    nodes.add(allNodes.filter(function (n) { return ids[n.id]; }).map(copy));
    edges.add(kept.map(copy));
    // the time bar now ranges over what is left
    ties = ranges.ties = T.ties({ nodes: allNodes, edges: kept });
    ranges.opts = { origin: TIME.origin || 0, min: 1, centre: null, depth: 1, maxEdges: Infinity };
    timebar.stop();
    timebar.range = null;
    timebar.hist = T.histogram(ties, TIME.months || 0);
    timebar.describe(null);
    timebar.draw();
    ranges.mirror(nodes, edges, kept.reduce(function (a, e) { return a + (e.count || 0); }, 0), kept.length);
    layout();
  }

  // -- the details panel ----------------------------------------------------------------------------------------
  function closePanel() {
    panel.hidden = true;
    state.panel = null;
    while (panelBody.firstChild) panelBody.removeChild(panelBody.firstChild);
  }
  document.getElementById("panel-close").addEventListener("click", function () {
    network.unselectAll();
    closePanel();
  });

  function openPanel(kind, id, heading, sub) {
    closePanel();
    panel.hidden = false;
    state.panel = { kind: kind, id: id, loaded: false };
    panelBody.appendChild(el("h2", heading));
    if (sub) panelBody.appendChild(el("p", sub, "sub"));
    return state.panel;
  }

  function getJSON(path) {
    return fetch(API + path, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.json();
      });
  }

  function article(id) {
    if (MODE.standalone) return Promise.resolve((DATA.articles || {})[id] || { id: id });
    if (!articleCache[id]) {
      articleCache[id] = getJSON("/articles/" + encodeURIComponent(id))
        .then(function (a) { return { id: a.id, title: a.title, url: a.url, published: a.published }; })
        .catch(function () { return { id: id }; });
    }
    return articleCache[id];
  }

  function renderEvents(view, events, note) {
    if (state.panel !== view) return;  // another click came first
    var list = el("ol", null, "events");
    if (!events.length) panelBody.appendChild(el("p", "No events with evidence to show.", "sub"));
    events.forEach(function (ev) { list.appendChild(eventItem(ev)); });
    panelBody.appendChild(list);
    if (note) panelBody.appendChild(el("p", note, "sub"));
    view.loaded = true;
  }

  /** One event as a list item: date, code, who, evidence sentences, article (all as text). */
  function eventItem(ev) {
    var li = el("li", null, "event");
    li.setAttribute("data-event", String(ev.id));
    var head = el("p", null, "head");
    head.appendChild(el("span", ev.date || "undated", "date"));
    var q = QUADS[ev.quad];
    if (q) head.appendChild(swatch(q.color, false));
    head.appendChild(el("span", (ev.label || "event") + " (" + ev.code + ")", "code"));
    if (ev.count) head.appendChild(el("span", "× " + ev.count, "count"));
    li.appendChild(head);
    var who = (ev.source && (ev.source.label || ev.source.code)) + " → " +
      (ev.target && (ev.target.label || ev.target.code));
    if (ev.modality && ev.modality !== "asserted") who += " (" + ev.modality + ")";
    li.appendChild(el("p", who, "who"));
    (ev.evidence || []).forEach(function (e) { li.appendChild(el("blockquote", e.sentence, "evidence")); });
    var src = el("p", null, "source");
    var title = el("span", ev.article, "article");
    src.appendChild(el("span", "Article: "));
    src.appendChild(title);
    li.appendChild(src);
    article(ev.article).then(function (a) {
      var url = safeUrl(a.url);
      var label = a.title || a.id || ev.article;
      var node;
      if (url) {
        node = el("a", label, "article");
        node.href = url;
        node.rel = "noopener noreferrer";
        node.target = "_blank";
      } else {
        node = el("span", label, "article");
      }
      if (title.parentNode) title.parentNode.replaceChild(node, title);
      title = node;
    });
    return li;
  }

  function failed(view, err) {
    if (state.panel !== view) return;
    panelBody.appendChild(el("p", "Could not load the events: " + err.message, "error"));
    view.loaded = true;
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    var view = openPanel("node", id, n.label + " (" + n.id + ")",
      (n.kind || "actor") + " · " + plural(id in ranges.drawnNodes ? ranges.drawnNodes[id] : n.events || 0, "event") +
      " in this view" + (ranges.current.range ? " (" + rangeText(ranges.current.range) + ")" : ""));
    var f = DATA.filters || {};
    if (MODE.standalone) {
      var ids = {};
      edges.get().forEach(function (e) {
        if (e.from === id || e.to === id) (e.event_ids || []).forEach(function (x) { ids[x] = true; });
      });
      renderEvents(view, localEvents(Object.keys(ids)).slice(0, 50));
      return;
    }
    var q = "/events?actor=" + encodeURIComponent(id) + "&limit=50";
    if (f.since) q += "&since=" + encodeURIComponent(f.since);
    if (f.until) q += "&until=" + encodeURIComponent(f.until);
    if (f.quad && f.quad.length === 1) q += "&quad=" + f.quad[0];
    getJSON(q).then(function (page) {
      renderEvents(view, page.items || [], page.next ? "The first 50 events; more at /events?actor=" + id : null);
    }).catch(function (err) { failed(view, err); });
  }

  function localEvents(ids) {
    var events = DATA.events || {};
    return ids.map(function (x) { return events[x]; }).filter(Boolean).sort(function (a, b) {
      return (a.date || "9999").localeCompare(b.date || "9999");
    });
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    var from = nodes.get(e.from), to = nodes.get(e.to), q = QUADS[e.quad] || {};
    var shownCount = ranges.drawnEdges[id] ? ranges.drawnEdges[id].count : e.count;
    var view = openPanel("edge", id, (from ? from.label : e.from) + " → " + (to ? to.label : e.to),
      (q.name || "") + " · " + plural(shownCount, "event") +
      (ranges.current.range ? " in " + rangeText(ranges.current.range) : "") +
      (e.first ? " · " + e.first + (e.last && e.last !== e.first ? " to " + e.last : "") : "") +
      (e.goldstein_mean !== null && e.goldstein_mean !== undefined ? " · mean Goldstein " + e.goldstein_mean : ""));
    showTrend(view, e.from, e.to, from ? from.label : e.from, to ? to.label : e.to);
    var codes = el("ul", null, "codes");
    (e.codes || []).forEach(function (c) {
      codes.appendChild(el("li", c.code + " " + (c.label || "") + (c.events > 1 ? " × " + c.events : "")));
    });
    panelBody.appendChild(codes);
    if (MODE.standalone) {
      renderEvents(view, localEvents(e.event_ids || []));
      return;
    }
    if (!e.event_ids) {  // a tie drawn only for a range of months: its events from /events
      var f = DATA.filters || {};
      getJSON("/events?source=" + encodeURIComponent(e.from) + "&target=" + encodeURIComponent(e.to) + "&quad=" +
              e.quad + "&limit=50" + (f.since ? "&since=" + encodeURIComponent(f.since) : "") +
              (f.until ? "&until=" + encodeURIComponent(f.until) : ""))
        .then(function (page) {
          var items = (page.items || []).filter(function (ev) { return !f.code || ev.code.indexOf(f.code) === 0; });
          renderEvents(view, items, page.next ? "The first 50 events." : null);
        }).catch(function (err) { failed(view, err); });
      return;
    }
    getJSON("/relations?source=" + encodeURIComponent(e.from) + "&target=" + encodeURIComponent(e.to))
      .then(function (rel) {
        var wanted = {};
        e.event_ids.forEach(function (x) { wanted[x] = true; });
        var items = (rel.events || []).filter(function (ev) { return wanted[ev.id]; });
        var more = e.event_ids.length > items.length ?
          "Showing " + items.length + " of " + e.event_ids.length + " events." : null;
        renderEvents(view, items, more);
      }).catch(function (err) { failed(view, err); });
  }

  // -- a tie's trend: both directions per month, above its evidence ----------------------------------------------
  function showTrend(view, a, b, labelA, labelB) {
    var section = new window.diplokgTrend.TrendSection({
      ties: ties, a: a, b: b, labels: [labelA, labelB], origin: TIME.origin, quads: QUADS, el: el,
      range: function () { return timebar && timebar.range; },
      onChoose: function (bar, heading, box) { listMonth(view, a, b, bar, box, heading); } });
    panelBody.appendChild(section.element);
    section.draw();
    state.trend = section.state;
    view.redrawTrend = section.draw;
  }

  /** The events of one month between a and b (both directions), with their sentences, under the trend. */
  function listMonth(view, a, b, bar, box, heading) {
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(el("h3", heading));
    var asked = { period: bar.period, loaded: false, count: 0 };
    state.month = asked;
    var f = DATA.filters || {}, quads = {};
    (f.quad || [1, 2, 3, 4]).forEach(function (q) { quads[q] = true; });
    function keep(ev) {
      return ev.date && ev.date.slice(0, 7) === bar.period && quads[ev.quad] && (!f.code || ev.code.indexOf(f.code) === 0);
    }
    function show(items, more) {
      if (state.month !== asked || state.panel !== view) return;
      items.sort(function (x, y) { return (x.date || "").localeCompare(y.date || "") || (x.id < y.id ? -1 : 1); });
      var list = el("ol", null, "events");
      items.forEach(function (ev) { list.appendChild(eventItem(ev)); });
      box.appendChild(list);
      if (!items.length) box.appendChild(el("p", "No events with evidence to show.", "sub"));
      if (more) box.appendChild(el("p", "The first 100 events each way.", "sub"));
      asked.count = items.length;
      asked.loaded = true;
    }
    if (MODE.standalone) {
      var ids = {};
      ties.forEach(function (t) {
        if (t.edge && t.edge.event_ids && ((t.from === a && t.to === b) || (t.from === b && t.to === a))) {
          t.edge.event_ids.forEach(function (x) { ids[x] = true; });
        }
      });
      show(localEvents(Object.keys(ids)).filter(keep), false);
      return;
    }
    var q = "&since=" + bar.period + "&until=" + bar.period + "&limit=100";
    Promise.all([[a, b], [b, a]].filter(function (p, k) { return k === 0 || a !== b; }).map(function (p) {
      return getJSON("/events?source=" + encodeURIComponent(p[0]) + "&target=" + encodeURIComponent(p[1]) + q);
    })).then(function (pages) {
      var items = [], seen = {}, more = false;
      pages.forEach(function (page) {
        more = more || !!page.next;
        (page.items || []).forEach(function (ev) {
          if (!seen[ev.id] && keep(ev)) { seen[ev.id] = true; items.push(ev); }
        });
      });
      show(items, more);
    }).catch(function (err) {
      if (state.month !== asked) return;
      box.appendChild(el("p", "Could not load the events: " + err.message, "error"));
      asked.loaded = true;
    });
  }

  window.diplokg.showNode = showNode;
  window.diplokg.showEdge = showEdge;
})();
