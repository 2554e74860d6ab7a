/* diplokg graph page: draws the network embedded as JSON, and shows the events behind a node or an edge.
 *
 * Safety: everything shown comes from articles and may hold markup. The data is read with JSON.parse from a
 * <script type="application/json"> block; the panel is built with createElement/textContent only (never
 * innerHTML); links are made only for http(s) URLs; vis-network shows string titles as text.
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
  var nodes = new vis.DataSet(allNodes);
  var edges = new vis.DataSet(allEdges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options || {});
  window.network = network;

  function summary() {
    var s = DATA.stats || {};
    var text = plural(nodes.length, "actor") + ", " + plural(edges.length, "tie") + ", " +
      plural(edges.get().reduce(function (a, e) { return a + (e.count || 0); }, 0), "event");
    if (s.hidden_edges) text += " · the " + s.edges + " strongest of " + s.matching_edges +
      " ties are drawn: raise the minimum or centre on an actor";
    return text;
  }

  function onStabilised() {
    network.setOptions({ physics: { enabled: false } });
    state.stabilised = true;
    state.stabilisedAt = performance.now();
    document.body.setAttribute("data-state", "stabilised");
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
    if (m && nodes.get(m[1])) return m[1];
    var lower = q.toLowerCase(), found = null;
    var list = nodes.get();
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
    nodes.add(allNodes.filter(function (n) { return ids[n.id]; }));
    edges.add(kept);
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
    events.forEach(function (ev) {
      var li = el("li", null, "event");
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
      list.appendChild(li);
    });
    panelBody.appendChild(list);
    if (note) panelBody.appendChild(el("p", note, "sub"));
    view.loaded = true;
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
      (n.kind || "actor") + " · " + plural(n.events || 0, "event") + " in this view");
    var f = DATA.filters || {};
    if (MODE.standalone) {
      var ids = {};
      edges.get().forEach(function (e) {
        if (e.from === id || e.to === id) e.event_ids.forEach(function (x) { ids[x] = true; });
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
    var view = openPanel("edge", id, (from ? from.label : e.from) + " → " + (to ? to.label : e.to),
      (q.name || "") + " · " + plural(e.count, "event") +
      (e.first ? " · " + e.first + (e.last && e.last !== e.first ? " to " + e.last : "") : "") +
      (e.goldstein_mean !== null && e.goldstein_mean !== undefined ? " · mean Goldstein " + e.goldstein_mean : ""));
    var codes = el("ul", null, "codes");
    (e.codes || []).forEach(function (c) {
      codes.appendChild(el("li", c.code + " " + (c.label || "") + (c.events > 1 ? " × " + c.events : "")));
    });
    panelBody.appendChild(codes);
    if (MODE.standalone) {
      renderEvents(view, localEvents(e.event_ids));
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

  window.diplokg.showNode = showNode;
  window.diplokg.showEdge = showEdge;
})();
