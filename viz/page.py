"""The interactive graph page: the network as vis-network data (built with pyvis), and the HTML around it.

:func:`build_graph` turns an :class:`~diplokg.graph.network.EventNetwork` into plain node and edge dicts — one
node per actor, one edge per dyad *and* QuadClass — with pyvis' ``Network`` (imported lazily: it pulls in
IPython). :func:`render_page` puts them into our own Jinja2 template (autoescaped; pyvis' template is not safe
and links CDNs), with the data as escaped JSON in a ``<script type="application/json">`` block. Served pages
load their JS and CSS from the app (see ``diplokg.api.routers.graph_page``); ``standalone=True`` inlines every
asset and the events with their evidence, for one offline file (:func:`write_page`).

>>> from diplokg.graph.network import sample_network
>>> data = build_graph(sample_network())
>>> sorted(n["id"] for n in data["nodes"]), len(data["edges"])
(['CHN', 'IRN', 'SAU', 'SYR'], 5)
>>> [e["id"] for e in build_graph(sample_network(), actor="SAU", depth=1, quad=[1])["edges"]]
['CHN|IRN|1', 'CHN|SAU|1', 'SAU|IRN|1']
>>> page = render_page({"nodes": [{"id": "X", "label": "</script>"}], "edges": []})
>>> page.count("</script>") == page.count("<script")
True
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from diplokg.errors import BadInput
from diplokg.viz.assets import asset, inline_script, inline_style

__all__ = ["CSP", "KIND_COLOURS", "QUADS", "MAX_EDGES", "build_graph", "page_json", "render_page", "write_page"]

#: QuadClass -> (name, edge colour)
QUADS: dict[int, tuple[str, str]] = {1: ("verbal cooperation", "#4f9d4a"), 2: ("material cooperation", "#2a78b8"),
                                     3: ("verbal conflict", "#ec8b24"), 4: ("material conflict", "#d1303c")}
#: actor kind -> node colour (``None``: an actor the gazetteer does not describe)
KIND_COLOURS: dict[str | None, str] = {"state": "#8cb4e0", "person": "#c9a3dc", "organisation": "#f3c74f",
                                       "group": "#c49a7c", "initiative": "#7cc7bf", "bloc": "#b8b1ad",
                                       None: "#d5d5d5"}
#: the Content-Security-Policy of the served page: nothing but the app's own origin
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
#: above this many edges a view keeps the strongest ones (and each actor's strongest), so it stays fluid
MAX_EDGES = 2500
BIG = 100  # nodes above which the layout is bounded: seeded, no improvedLayout, fewer iterations, straight edges
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_NO_FILTERS = {"actor": None, "depth": 2, "since": None, "until": None, "quad": None, "code": None, "min_count": 1}
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


# -- the data -------------------------------------------------------------------------------------------------
def _in_range(day: str | None, since: str | None, until: str | None) -> bool:
    """Partial ISO dates compare at the precision of the event's date (as ``diplokg events`` does)."""
    if since is None and until is None:
        return True
    if not day:
        return False
    return (since is None or day >= since[: len(day)]) and (until is None or day[: len(until)] <= until)


def _quads(quad) -> set[int] | None:
    if quad is None:
        return None
    wanted = {int(quad)} if isinstance(quad, int | str) else {int(q) for q in quad}
    if not wanted <= QUADS.keys():
        raise BadInput("quad", f"QuadClass must be 1-4, not {sorted(wanted - QUADS.keys())}")
    return wanted if wanted != set(QUADS) else None


def _aggregate(network, since, until, quads, code) -> dict[tuple[str, str, int], dict]:
    """The events kept by the filters, grouped per (source, target, QuadClass)."""
    groups: dict[tuple[str, str, int], dict] = {}
    for u, v, eid, d in network.graph.edges(keys=True, data=True):
        if quads is not None and d["quad"] not in quads:
            continue
        if code and not d["code"].startswith(code):
            continue
        if not _in_range(d["date"], since, until):
            continue
        g = groups.get((u, v, d["quad"]))
        if g is None:
            g = groups[u, v, d["quad"]] = {"events": [], "codes": Counter(), "gold": [], "dates": [], "when": []}
        g["events"].append((d["date"] or "9999", eid))
        g["when"].append((d["date"], d["goldstein"]))
        g["codes"][d["code"]] += 1
        if d["goldstein"] is not None:
            g["gold"].append(d["goldstein"])
        if d["date"]:
            g["dates"].append(d["date"])
    return groups


def _month(day: str) -> int | None:
    """Months since year 0 of a date with a month (``YYYY-MM…``); None for a year-only or malformed date.

    >>> _month("2023-09-22") - _month("2023-01")
    8
    """
    return _month_of(day[:7]) if len(day) >= 7 else None


@cache
def _month_of(prefix: str) -> int | None:
    try:
        return int(prefix[:4]) * 12 + int(prefix[5:7]) - 1 if prefix[4] == "-" else None
    except ValueError:
        return None


def _number(x: float) -> float | int:
    x = round(x, 2)
    return int(x) if x == int(x) else x


def _series(when: Iterable[tuple[str | None, float | None]], origin: int) -> dict[str, list]:
    """A group's events through time, as flat lists for the page's time bar: ``t`` = [month, events, Goldstein
    sum, …] (month counted from ``origin``), ``tu`` = [month, events without a Goldstein value, …] and ``ty`` =
    [year, events, …] for events dated to a year only; the last two only when not empty. Undated events are the
    group's count less these.

    >>> _series([("2023-09-22", 4.0), ("2023-09", None), ("2023-11-01", -2.5), ("2022", 1.0), (None, 3.0)],
    ...         _month("2023-09"))
    {'t': [0, 2, 4, 2, 1, -2.5], 'tu': [0, 1], 'ty': [2022, 1]}
    """
    months: dict[int, list] = {}
    years: dict[int, int] = {}
    for day, gold in when:
        if not day:
            continue
        m = _month_of(day[:7]) if len(day) >= 7 else None
        if m is not None:
            acc = months.get(m)
            if acc is None:
                acc = months[m] = [0, 0.0, 0]
            acc[0] += 1
            if gold is not None:
                acc[1] += gold
                acc[2] += 1
        elif len(day) == 4 and day.isdigit():
            years[int(day)] = years.get(int(day), 0) + 1
    order = sorted(months)
    out: dict[str, list] = {"t": [x for m in order for x in (m - origin, months[m][0], _number(months[m][1]))]}
    unscored = [x for m in order if months[m][2] < months[m][0] for x in (m - origin, months[m][0] - months[m][2])]
    if unscored:
        out["tu"] = unscored
    if years:
        out["ty"] = [x for y in sorted(years) for x in (y, years[y])]
    return out


def _time(groups: Mapping, keys: Iterable[tuple[str, str, int]]) -> dict[str, Any]:
    """The extent of the view's dated events: ``first`` month (YYYY-MM, None without any), ``months`` from it to
    the last, ``origin`` (months since year 0 of ``first``), ``coarser`` (dated to a year only), ``undated``."""
    found: set[int] = set()
    coarser = undated = 0
    for k in keys:
        for day, _ in groups[k]["when"]:
            m = _month_of(day[:7]) if day and len(day) >= 7 else None
            if m is not None:
                found.add(m)
            elif day:
                coarser += 1
            else:
                undated += 1
    if not found:
        return {"first": None, "months": 0, "origin": None, "coarser": coarser, "undated": undated}
    lo, hi = min(found), max(found)
    return {"first": f"{lo // 12:04d}-{lo % 12 + 1:02d}", "months": hi - lo + 1, "origin": lo, "coarser": coarser,
            "undated": undated}


def _neighbourhood(edges: Iterable[tuple[str, str]], centre: str, depth: int) -> set[str]:
    adj: dict[str, set[str]] = defaultdict(set)
    for u, v in edges:
        adj[u].add(v)
        adj[v].add(u)
    seen, frontier = {centre}, {centre}
    for _ in range(depth):
        frontier = {w for u in frontier for w in adj[u]} - seen
        seen |= frontier
    return seen


def _strongest(keys: list[tuple[str, str, int]], counts: Mapping, limit: int) -> tuple[list, int]:
    """At most ``limit`` edges by count, plus each actor's strongest edge so no actor drops out."""
    if len(keys) <= limit:
        return keys, 0
    ranked = sorted(keys, key=lambda k: (-counts[k], k))
    kept = set(ranked[:limit])
    best: dict[str, tuple] = {}
    for k in ranked:
        for node in k[:2]:
            best.setdefault(node, k)
    kept |= set(best.values())
    return [k for k in ranked if k in kept], len(keys) - len(kept)


def _label(network, code: str) -> str:
    return network.graph.nodes[code].get("label") or code


def _edge_title(src: str, tgt: str, quad: int, n: int, first, last, gold, codes: list[dict]) -> str:
    lines = [f"{src} → {tgt}: {QUADS[quad][0]}", f"{n} event{'s' if n != 1 else ''}"
             + (f", {first} to {last}" if first and first != last else f", {first}" if first else "")]
    lines.append(" · ".join(f"{c['code']} {c['label'] or ''}".rstrip() + (f" ×{c['events']}" if c["events"] > 1
                                                                         else "") for c in codes[:4])
                 + (" …" if len(codes) > 4 else ""))
    if gold is not None:
        lines.append(f"mean Goldstein {gold:+.1f}")
    lines.append("click for the evidence")
    return "\n".join(lines)


class _Ids(list):
    """pyvis looks node ids up in a list for every edge; this list answers ``in`` from a set (2,000 actors)."""

    def __init__(self):
        super().__init__()
        self._set: set = set()

    def append(self, item) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item) -> bool:
        return item in self._set


def build_graph(network, *, actor: str | None = None, depth: int = 2, since: str | None = None,
                until: str | None = None, quad: int | Iterable[int] | None = None, code: str | None = None,
                min_count: int = 1, max_edges: int = MAX_EDGES) -> dict[str, Any]:
    """The view of ``network`` (an ``EventNetwork``) the page draws, as plain JSON-ready dicts.

    Events are kept by date (``since``/``until``, partial ISO dates), QuadClass (``quad``: one or several of
    1–4), CAMEO ``code`` (a code or its prefix: ``"04"`` is every consultation), then grouped per source,
    target and QuadClass; groups with fewer than ``min_count`` events are dropped. With ``actor`` the view is
    the actors within ``depth`` hops of it (either direction). Past ``max_edges`` edges, the strongest are kept
    with each actor's strongest, and ``stats["hidden_edges"]`` says how many were left out.

    Returns ``nodes`` (``id``, ``label``, ``kind``, ``events``, ``color``, ``size``, ``title``), ``edges``
    (``id`` = ``"SRC|TGT|QUAD"``, ``from``, ``to``, ``quad``, ``count``, ``codes``, ``first``, ``last``,
    ``goldstein_mean``, ``event_ids``, ``color``, ``width``, ``title``, and the events through time for the
    page's time bar: ``t``, maybe ``tu`` and ``ty``, see :func:`_series`), ``more`` (the ties past
    ``max_edges``, each ``[from, to, quad, count, t]`` + ``[ty, tu]`` when either is not empty, ``from`` and
    ``to`` indexes into ``nodes``: a time range may draw them), ``time`` (the dated events' extent, see
    :func:`_time`), ``max_edges``, vis-network ``options``, ``centre``, the normalised ``filters``, ``legend``
    and ``stats``. Restricting the events to a range of months in the page (``since``/``until`` months,
    QuadClass and the other filters kept) gives the same nodes and edges as this function with those dates. Titles are plain text: vis-network shows them as
    text, never as HTML. Bad filters raise :class:`~diplokg.errors.BadInput`, an unknown actor
    :class:`~diplokg.errors.UnknownActor`.
    """
    from diplokg.graph.model import codebook
    from pyvis.network import Network  # imports IPython: only when a page is built

    if depth not in (1, 2, 3):
        raise BadInput("depth", f"must be 1, 2 or 3, not {depth!r}")
    if min_count < 1:
        raise BadInput("min_count", f"must be at least 1, not {min_count!r}")
    for name, value in (("since", since), ("until", until)):
        if value is not None and not _PARTIAL_DATE.match(value):
            raise BadInput(name, f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    quads = _quads(quad)
    centre = network.node(actor) if actor else None
    groups = _aggregate(network, since, until, quads, code)
    keys = [k for k, g in groups.items() if len(g["events"]) >= min_count]
    if centre is not None:
        near = _neighbourhood(((u, v) for u, v, _ in keys), centre, depth)
        keys = [k for k in keys if k[0] in near and k[1] in near]
    counts = {k: len(groups[k]["events"]) for k in keys}
    total_edges = len(keys)
    extent = _time(groups, keys)
    series = {k: _series(groups[k]["when"], extent["origin"] or 0) for k in keys}
    matching = keys
    keys, hidden = _strongest(keys, counts, max_edges)

    degree: Counter = Counter()
    for k in keys:
        degree[k[0]] += counts[k]
        if k[1] != k[0]:
            degree[k[1]] += counts[k]
    if centre is not None:
        degree.setdefault(centre, 0)
    big = len(degree) > BIG
    top = max(degree.values(), default=1) or 1
    top_edge = max(counts.values(), default=1)

    net = Network(directed=True)
    net.node_ids = _Ids()
    seeds = _spiral(keys, degree) if big else {}
    for code_ in sorted(degree, key=lambda c: (-degree[c], c)):
        attrs = network.graph.nodes[code_]
        kind, label, n = attrs.get("kind"), _label(network, code_), degree[code_]
        title = f"{label} ({code_}), {kind or 'actor'}\n{n} event{'s' if n != 1 else ''} in this view"
        if attrs.get("events", n) != n:
            title += f" ({attrs['events']} in all)"
        net.add_node(code_, label=label, color=KIND_COLOURS.get(kind, KIND_COLOURS[None]), title=title,
                     size=round(8 + 24 * math.sqrt(n / top), 1), kind=kind, events=n, code=code_,
                     borderWidth=3 if code_ == centre else 1, **seeds.get(code_, {}))

    book = codebook()
    pair_edges: Counter = Counter(frozenset(k[:2]) for k in keys)
    pair_seen: Counter = Counter()
    for k in sorted(keys):
        u, v, q = k
        g = groups[k]
        n = counts[k]
        codes = [{"code": c, "label": book[c].label if c in book else None, "events": m}
                 for c, m in sorted(g["codes"].items(), key=lambda cm: (-cm[1], cm[0]))]
        first, last = (min(g["dates"]), max(g["dates"])) if g["dates"] else (None, None)
        gold = round(sum(g["gold"]) / len(g["gold"]), 3) if g["gold"] else None
        options = {}
        pair = frozenset((u, v))
        if pair_edges[pair] > 1 and u != v:  # several quads or both directions: bend them apart
            pair_seen[pair, u] += 1
            options["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.12 * pair_seen[pair, u]}
        net.add_edge(u, v, id=f"{u}|{v}|{q}", quad=q, count=n, color={"color": QUADS[q][1], "highlight": QUADS[q][1],
                                                                        "hover": QUADS[q][1], "opacity": 0.85},
                     width=round(1 + 7 * math.sqrt(n / top_edge), 2) if top_edge > 1 else 2,
                     title=_edge_title(_label(network, u), _label(network, v), q, n, first, last, gold, codes),
                     codes=codes, first=first, last=last, goldstein_mean=gold,
                     event_ids=[eid for _, eid in sorted(g["events"])], **series[k], **options)

    kinds = sorted({n.get("kind") for n in net.nodes}, key=lambda k: (k is None, k or ""))
    index = {n["id"]: i for i, n in enumerate(net.nodes)}
    drawn = set(keys)
    more = []  # the ties left out past max_edges: a narrower time range may draw them
    for k in sorted(k for k in matching if k not in drawn):
        s = series[k]
        row = [index[k[0]], index[k[1]], k[2], counts[k], s["t"]]
        if "ty" in s or "tu" in s:
            row += [s.get("ty", []), s.get("tu", [])]
        more.append(row)
    return {
        "nodes": [dict(n) for n in net.nodes],
        "edges": [dict(e) for e in net.edges],
        "more": more,
        "time": extent,
        "max_edges": max_edges,
        "options": _options(len(net.nodes), len(net.edges), big),
        "centre": centre,
        "filters": {"actor": actor, "depth": depth, "since": since, "until": until,
                    "quad": sorted(quads) if quads else None, "code": code, "min_count": min_count},
        "legend": {"kinds": [{"kind": k or "other", "color": KIND_COLOURS.get(k, KIND_COLOURS[None])} for k in kinds],
                   "quads": [{"quad": q, "name": name, "color": colour} for q, (name, colour) in QUADS.items()]},
        "stats": {"actors": len(net.nodes), "edges": len(net.edges), "events": sum(counts[k] for k in keys),
                  "hidden_edges": hidden, "matching_edges": total_edges,
                  "actors_total": network.graph.number_of_nodes(), "events_total": network.graph.number_of_edges()},
    }


def _spiral(keys: Iterable[tuple[str, str, int]], degree: Mapping[str, int]) -> dict[str, dict[str, float]]:
    """Starting positions for a big view, so a short stabilisation suffices: actors in breadth-first order from
    the busiest (neighbours busiest first) along a golden-angle spiral — hubs in the middle, each near the
    actors it is tied to."""
    adj: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in keys:
        adj[u].add(v)
        adj[v].add(u)
    order: list[str] = []
    seen: set[str] = set()
    for root in sorted(degree, key=lambda c: (-degree[c], c)):
        if root in seen:
            continue
        seen.add(root)
        queue = [root]
        for node in queue:
            order.append(node)
            for w in sorted(adj[node] - seen, key=lambda c: (-degree[c], c)):
                seen.add(w)
                queue.append(w)
    golden = math.pi * (3 - math.sqrt(5))
    return {code: {"x": round(18 * math.sqrt(k) * math.cos(k * golden), 1),
                   "y": round(18 * math.sqrt(k) * math.sin(k * golden), 1)} for k, code in enumerate(order)}


def _options(nodes: int, edges: int, big: bool) -> dict[str, Any]:
    """vis-network options: physics that stabilises (bounded for big graphs) and is then switched off."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not big},
        "physics": {
            "enabled": True, "solver": "barnesHut", "minVelocity": 1.0, "maxVelocity": 60,
            # big views: a coarser Barnes-Hut (theta 0.9) and one force pass per step halve the cost of a step
            "adaptiveTimestep": not big,
            "barnesHut": {"gravitationalConstant": -6000 if not big else -2500, "centralGravity": 0.35,
                          "springLength": 140 if not big else 80, "springConstant": 0.03, "damping": 0.35,
                          "avoidOverlap": 0.1 if not big else 0, "theta": 0.5 if not big else 0.9},
            "stabilization": {"enabled": True, "updateInterval": 25, "fit": True,
                              "iterations": 600 if not big else max(100, min(300, 30000 // nodes))},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
        "nodes": {"shape": "dot", "borderWidth": 1, "borderWidthSelected": 3,
                  "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  # big views: labels appear when zoomed in enough to read them (and cost nothing before)
                  "scaling": {"label": {"drawThreshold": 9 if big else 5}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.55}}, "selectionWidth": 2,
                  "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.2}},
    }


# -- standalone extras ------------------------------------------------------------------------------------------
def _standalone_records(store, data: dict) -> tuple[dict, dict]:
    """The events of the drawn edges, with evidence, and their articles' title, url and date."""
    from diplokg.graph.queries import PREFIXES, EventFilter, select_events
    from diplokg.graph.sparql_rows import article_nodes

    ids = sorted({eid for e in data["edges"] for eid in e["event_ids"]})
    events: dict[str, dict] = {}
    for i in range(0, len(ids), 500):
        items, _ = select_events(store, EventFilter(ids=ids[i:i + 500], modalities=("asserted", "future", "negated")))
        events.update((ev["id"], ev) for ev in items)
    articles: dict[str, dict] = {}
    wanted = sorted({ev["article"] for ev in events.values()})
    for i in range(0, len(wanted), 200):
        for r in store.select(PREFIXES + f"""SELECT ?id ?title ?url ?published WHERE {{ {article_nodes(wanted[i:i + 200])}
              OPTIONAL {{ ?a schema:headline ?title }}
              OPTIONAL {{ ?a schema:url ?url }} OPTIONAL {{ ?a schema:datePublished ?published }} }}"""):
            articles[str(r["id"])] = {"id": str(r["id"]), "title": str(r["title"]) if r["title"] else None,
                                      "url": str(r["url"]) if r["url"] else None,
                                      "published": str(r["published"]) if r["published"] else None}
    return events, articles


# -- the HTML ----------------------------------------------------------------------------------------------------
def page_json(data: Mapping[str, Any]) -> str:
    """``data`` as JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028 and U+2029 escaped.

    >>> page_json({"t": "</script><b>&\\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _sha256(source: str) -> str:
    import base64

    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def render_page(data: Mapping[str, Any], *, standalone: bool = False, api_base: str = "") -> str:
    """The HTML page for ``data`` (a :func:`build_graph` answer). Served (default): JS and CSS are linked from
    ``{api_base}/static/`` with a content hash, and no inline script or style is used, so the strict
    :data:`CSP` holds. ``standalone=True``: one offline file, assets inlined and allowed by their hashes in a
    ``<meta>`` Content-Security-Policy that permits no network access at all."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(loader=jinja2.PackageLoader("diplokg.viz", "templates"),
                             autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    payload = {**data, "mode": {"standalone": standalone, "api_base": api_base}}
    context: dict[str, Any] = {"data_json": Markup(page_json(payload)),
                               "standalone": standalone, "api_base": api_base,
                               "filters": {**_NO_FILTERS, **(data.get("filters") or {})},
                               "stats": {"actors": 0, "events": 0, **(data.get("stats") or {})},
                               "quads": QUADS}
    if standalone:
        scripts = [inline_script(asset(n).text) for n in ("vis-network.min.js", "time.js", "trend.js", "graph.js")]
        styles = [inline_style(asset(n).text) for n in ("vis-network.css", "graph.css")]
        context["scripts"] = [Markup(s) for s in scripts]
        context["styles"] = [Markup(s) for s in styles]
        context["csp"] = ("default-src 'none'; script-src " + " ".join(map(_sha256, scripts))
                          + "; style-src " + " ".join(map(_sha256, styles))
                          + "; img-src data:; connect-src 'none'; object-src 'none'; base-uri 'none'; "
                            "form-action 'none'")
    else:
        context["urls"] = {n: f"{api_base}/static/{n}?v={asset(n).digest}" for n in
                           ("vis-network.min.js", "vis-network.css", "time.js", "trend.js", "graph.js", "graph.css")}
    return env.get_template("graph.html").render(**context)


def write_page(store_or_network, path: str | Path, **filters) -> Path:
    """Write the standalone page of a store (or of an ``EventNetwork``) to ``path``; ``filters`` are those of
    :func:`build_graph`. From a store, the events of the drawn edges are embedded with their evidence and
    articles, so the details panel works offline; from a bare network, the panel shows the summaries only."""
    from diplokg.graph.network import EventNetwork

    if isinstance(store_or_network, EventNetwork):
        store, network = None, store_or_network
    else:
        store, network = store_or_network, EventNetwork.from_store(store_or_network)
    data = build_graph(network, **filters)
    if store is not None:
        data["events"], data["articles"] = _standalone_records(store, data)
    path = Path(path)
    path.write_text(render_page(data, standalone=True), encoding="utf-8")
    return path
