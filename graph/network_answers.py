"""The questions an :class:`~diplokg.graph.network.EventNetwork` answers, and its exports: what two actors did to
each other (:class:`DyadSummary`, :meth:`~NetworkAnswers.relations`), neighbours, paths, centrality, timelines,
communities, and the dyad graph as GEXF, GraphML or CSV. :class:`NetworkAnswers` reads the structures the
network keeps current (``graph``, ``dyads``, the cached projection) and changes none of them."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import networkx as nx
from diplokg.errors import UnknownActor
from diplokg.graph.model import codebook
from diplokg.graph.network_rows import EVENT_IRI, dyad_event_rows
from diplokg.graph.queries import Span
from diplokg.graph.store import EventStore
from diplokg.ingest.tallies import PAGE_KEYS

__all__ = ["CENTRALITY_METRICS", "DyadSummary", "NetworkAnswers"]

CENTRALITY_METRICS = ("degree", "pagerank", "betweenness")


@dataclass
class DyadSummary:
    """What ``source`` did to ``target``: events, codes and QuadClasses counted, first and last date, mean
    Goldstein value and the event ids (oldest first)."""

    source: str
    target: str
    events: int = 0
    codes: Counter = field(default_factory=Counter)
    quads: Counter = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None
    goldstein_mean: float | None = None
    event_ids: list[str] = field(default_factory=list)
    scored: int = field(default=0, repr=False)  # events with a Goldstein value, to merge means
    # an aggregated network's: the keys (``date|local name``, space-separated) of the dyad's first asserted events
    # in /events order, ``PAGE_KEYS`` at most; None when unknown (a tally written before pages)
    page: str | None = field(default=None, repr=False)

    @property
    def top_code(self) -> str | None:
        """The most frequent code (the lowest on ties)."""
        return min(self.codes.items(), key=lambda kv: (-kv[1], kv[0]))[0] if self.codes else None

    def as_dict(self) -> dict:
        """Plain JSON: codes with their CAMEO labels, most frequent first."""
        book = codebook()
        codes = sorted(self.codes.items(), key=lambda kv: (-kv[1], kv[0]))
        return {
            "source": self.source, "target": self.target, "events": self.events,
            "codes": [{"code": c, "label": book[c].label if c in book else None, "events": n} for c, n in codes],
            "quads": dict(sorted(self.quads.items())), "first": self.first, "last": self.last,
            "goldstein_mean": _round(self.goldstein_mean), "event_ids": list(self.event_ids),
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


class NetworkAnswers:
    """The questions of :class:`~diplokg.graph.network.EventNetwork`, which builds and keeps current what they
    read: ``graph`` (one edge per event, or per dyad when ``aggregated``), ``dyads``, ``actors`` and, cached, the
    undirected projection (``_projection``)."""

    graph: nx.MultiDiGraph
    dyads: dict[tuple[str, str], DyadSummary]
    actors: dict[str, dict]
    modalities: tuple[str, ...]
    aggregated: bool
    store: EventStore | None
    _cache: dict[str, object]

    def _projection(self) -> nx.Graph:
        raise NotImplementedError  # EventNetwork's, kept with its caches

    def node(self, code: str) -> str:
        """The node standing for ``code``: itself, or the state a person represents; UnknownActor otherwise."""
        if code in self.graph:
            return code
        country = (self.actors.get(code) or {}).get("country")
        if country in self.graph:
            return country
        raise UnknownActor(code)

    def span(self, a: str, b: str | None = None) -> Span | None:
        """The events of actor ``a`` (either side; a person's are their state's, a superset), or of the dyad
        ``a`` → ``b``: how many, of how many in all, first and last day — the hint with which
        :func:`~diplokg.graph.queries.select_events` walks days for busy actors. None for an unknown actor."""
        try:
            u = self.node(a)
            v = self.node(b) if b is not None else None
        except UnknownActor:
            return None
        if v is not None:
            dyads = [self.dyads[u, v]] if (u, v) in self.dyads else []
        else:
            dyads = [self.dyads[e] for e in (*self.graph.out_edges(u), *self.graph.in_edges(u)) if e in self.dyads]
            dyads = list({(d.source, d.target): d for d in dyads}.values())
        total = self._cache.get("total")
        if total is None:
            total = self._cache["total"] = sum(d.events for d in self.dyads.values())
        firsts, lasts = [d.first for d in dyads if d.first], [d.last for d in dyads if d.last]
        return Span(sum(d.events for d in dyads), total, min(firsts, default=None), max(lasts, default=None))

    def first_keys(self, n: int, *, actor: str | None = None, source: str | None = None,
                   target: str | None = None) -> list[str] | None:
        """The sort keys (``date|IRI``) of the first ``n`` asserted events of an actor (either side), a source, a
        target or a dyad, as :func:`~diplokg.graph.queries.select_events` orders them, read from the dyads' first
        pages (``first`` of ``select_events``): an actor's first ``n`` events are among the first ``n`` of each of
        its dyads. None when the pages cannot say: a per-event or multi-modality network, ``n`` beyond a page, a
        code that is not its own node (a person's events are a part of their state's), a page unknown.

        >>> from diplokg.graph.network import EventNetwork
        >>> net = EventNetwork.from_rows([], {"xi_jinping": {"label": "Xi Jinping", "country": "CHN"}})
        >>> net.aggregated = True
        >>> net.add_events([{"source": "CHN", "target": "SYR", "weight": 2, "codes": {"040": 2}, "gsum": 2.0,
        ...                  "scored": 2, "page": "2023-09-22|e1 2023-09-23|e2"}])
        2
        >>> net.first_keys(1, actor="SYR")
        ['2023-09-22|https://w3id.org/diplokg/id/event/e1']
        >>> net.first_keys(5, source="SYR"), net.first_keys(5, source="xi_jinping")
        ([], None)
        """
        if not self.aggregated or self.modalities != ("asserted",) or n > PAGE_KEYS:
            return None
        codes = [c for c in (actor, source, target) if c is not None]
        if not codes or (actor is not None and (source is not None or target is not None)):
            return None
        for code in codes:  # a code standing for itself only: the events select_events finds are its node's
            if (self.actors.get(code) or {}).get("country") not in (None, code):
                return None
        if any(code not in self.graph for code in codes):
            return []  # (an actor with no asserted events)
        if actor is not None:
            pairs = {*self.graph.out_edges(actor), *self.graph.in_edges(actor)}
        elif source is not None and target is not None:
            pairs = {(source, target)}
        elif source is not None:
            pairs = set(self.graph.out_edges(source))
        else:
            pairs = set(self.graph.in_edges(target))
        pages = []
        for pair in pairs:
            summary = self.dyads.get(pair)
            if summary is None:
                continue
            if summary.page is None or not summary.page:  # (unknown; or empty, which a dyad with events is not)
                return None
            pages.append((summary.page.split(" ", 1)[0], summary.page))
        pages.sort()  # by their first keys: once a page's first comes after the n-th found, none has more to give
        best: list[str] = []
        for head, page in pages:
            if len(best) >= n and head > best[n - 1]:
                break
            best = sorted(set(best).union(page.split(" ", n)[:n]))[:n]
        return [key.replace("|", "|" + EVENT_IRI, 1) for key in best]

    def _label(self, code: str) -> str:
        return self.graph.nodes[code]["label"] if code in self.graph else code

    # -- questions ----------------------------------------------------------------------------------------
    def relations(self, a: str, b: str | None = None) -> dict | list[dict]:
        """What ``a`` and ``b`` did to each other: ``outgoing`` (a→b) and ``incoming`` (b→a) summaries (see
        :meth:`DyadSummary.as_dict`) and their total ``events``. Without ``b``: one such dict per counterpart
        of ``a``, most events first. Raises :class:`~diplokg.errors.UnknownActor` for a code not in the network.

        >>> from diplokg.graph.network import sample_network
        >>> rel = sample_network().relations("CHN", "SYR")
        >>> rel["events"], [c["code"] for c in rel["outgoing"]["codes"]], rel["incoming"]["events"]
        (3, ['040', '050'], 1)
        >>> [r["counterpart"] for r in sample_network().relations("CHN")]
        ['SYR', 'IRN', 'SAU']
        """
        a = self.node(a)
        if b is None:
            others = set(self.graph.successors(a)) | set(self.graph.predecessors(a))
            out = [self.relations(a, other) for other in others]
            return sorted(out, key=lambda r: (-r["events"], r["counterpart"]))
        b = self.node(b)
        fwd = self.dyads.get((a, b)) or DyadSummary(a, b)
        back = (self.dyads.get((b, a)) or DyadSummary(b, a)) if a != b else DyadSummary(b, a)
        return {"actor": a, "counterpart": b, "label": self._label(b), "events": fwd.events + back.events,
                "outgoing": fwd.as_dict(), "incoming": back.as_dict()}

    def neighbors(self, a: str, depth: int = 1) -> list[dict]:
        """Actors within ``depth`` (1 to 3) hops of ``a``, ignoring direction, nearest and busiest first; each
        with its ``distance``, the previous-hop actors it is reached ``via`` and the ``events`` linking them.

        >>> from diplokg.graph.network import sample_network
        >>> [(n["actor"], n["distance"], n["events"]) for n in sample_network().neighbors("SYR", depth=2)]
        [('CHN', 1, 3), ('IRN', 2, 1), ('SAU', 2, 1)]
        """
        if depth not in (1, 2, 3):
            raise ValueError(f"depth must be 1, 2 or 3, not {depth!r}")
        a = self.node(a)
        proj, seen, frontier, out = self._projection(), {a}, [a], []
        for distance in range(1, depth + 1):
            links: dict[str, int] = defaultdict(int)
            via: dict[str, list[str]] = defaultdict(list)
            for u in frontier:
                for v, e in proj[u].items():
                    if v not in seen:
                        links[v] += e["weight"]
                        via[v].append(u)
            level = sorted(links, key=lambda v: (-links[v], v))
            out.extend({"actor": v, "label": self._label(v), "distance": distance, "events": links[v],
                        "via": sorted(via[v])} for v in level)
            seen.update(level)
            frontier = level
        return out

    def path(self, a: str, b: str, max_hops: int = 4, directed: bool = False) -> list[dict] | None:
        """The shortest chain of actors linking ``a`` to ``b`` (fewest hops; among those, the most events),
        following event direction when ``directed``. A list of hops ``{source, target, events, codes}`` (event
        ids and a Counter of codes; undirected hops count both directions), ``[]`` when ``a == b``, None when
        no path has at most ``max_hops`` hops.

        >>> from diplokg.graph.network import sample_network
        >>> [(h["source"], h["target"], h["events"]) for h in sample_network().path("SYR", "SAU")]
        [('SYR', 'CHN', ['e1', 'e2', 'e3']), ('CHN', 'SAU', ['e5'])]
        >>> sample_network().path("SAU", "SYR", directed=True) is None  # Saudi Arabia only acted on Iran
        True
        """
        a, b = self.node(a), self.node(b)
        if a == b:
            return []
        adj = self.graph.succ if directed else self._projection().adj
        if directed:  # events u→v (or either way)
            def weight(edges):
                return sum(d.get("weight") or 1 for d in edges.values())
        else:
            def weight(e):
                return e["weight"]
        best: dict[str, tuple[int, str | None]] = {a: (0, None)}  # node -> (events along the path, previous)
        frontier = [a]
        for _ in range(max_hops):
            level: dict[str, tuple[int, str]] = {}
            for u in frontier:
                for v, e in adj[u].items():
                    if v not in best and (v not in level or best[u][0] + weight(e) > level[v][0]):
                        level[v] = (best[u][0] + weight(e), u)
            best.update(level)
            if b in level:
                break
            frontier = sorted(level)
        else:
            return None
        hops, node = [], b
        while node != a:
            prev = best[node][1]
            pairs = [(prev, node)] if directed else [(prev, node), (node, prev)]
            sums = [self.dyads[p] for p in pairs if p in self.dyads]
            hops.append({"source": prev, "target": node, "events": sorted(e for s in sums for e in s.event_ids),
                         "codes": sum((s.codes for s in sums), Counter())})
            node = prev
        return hops[::-1]

    def centrality(self, metric: str = "degree", limit: int | None = 20) -> list[dict]:
        """Actors ranked by ``metric``, each ``{actor, label, score}``:

        * ``degree``: the number of events the actor takes part in (weighted degree);
        * ``pagerank``: PageRank (alpha 0.85) over the directed dyads weighted by events — being the target of
          many actors' events ranks high;
        * ``betweenness``: betweenness on the undirected projection, an edge's length being 1/events (sampled
          from 200 sources when there are more nodes, seed 0).

        >>> from diplokg.graph.network import sample_network
        >>> [(r["actor"], r["score"]) for r in sample_network().centrality("degree", limit=2)]
        [('CHN', 5), ('SYR', 3)]
        """
        if metric not in CENTRALITY_METRICS:
            raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(CENTRALITY_METRICS)}")
        key = f"centrality:{metric}"
        if key not in self._cache:
            if metric == "degree":
                scores = dict(self.graph.nodes(data="events"))
            elif metric == "pagerank":
                scores = _pagerank(self.graph.nodes, self.dyads)
            else:
                proj = self._projection()
                k = 200 if len(proj) > 200 else None
                scores = nx.betweenness_centrality(proj, k=k, weight="distance", seed=0)
            self._cache[key] = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        ranked = self._cache[key][:limit] if limit is not None else self._cache[key]
        return [{"actor": code, "label": self._label(code),
                 "score": score if metric == "degree" else round(score, 6)} for code, score in ranked]

    def dyad_events(self, a: str, b: str) -> Iterator[dict]:
        """The event rows between two actor nodes, both directions (an aggregated network reads the dyad's
        light rows from the store through its indexes)."""
        for u, v in {(a, b), (b, a)}:
            if self.aggregated:
                if self.store is None:
                    raise ValueError("an aggregated network needs its store for a dyad's events")
                smaller = self.graph.nodes[v]["events"] < self.graph.nodes[u]["events"]
                yield from dyad_event_rows(self.store, u, v, self.modalities, from_target=smaller)
            else:
                yield from (self.graph.get_edge_data(u, v) or {}).values()

    def timeline(self, a: str, b: str, interval: str = "month") -> dict:
        """The events between ``a`` and ``b`` (both directions) per month or year, oldest first: ``events``,
        ``goldstein_mean`` and ``codes`` per period. Undated events are left out and counted in ``undated``;
        with ``interval="month"``, events dated only to a year are left out too and counted in ``coarser``
        (day- and month-precision dates bucket into months, all dates into years).

        >>> from diplokg.graph.network import sample_network
        >>> t = sample_network().timeline("CHN", "SYR")
        >>> [(p["period"], p["events"]) for p in t["periods"]], t["undated"]
        ([('2023-09', 2)], 1)
        """
        if interval not in ("month", "year"):
            raise ValueError(f"interval must be 'month' or 'year', not {interval!r}")
        a, b = self.node(a), self.node(b)
        width = 7 if interval == "month" else 4
        buckets: dict[str, list[dict]] = defaultdict(list)
        undated = coarser = 0
        for d in self.dyad_events(a, b):
            if not d["date"]:
                undated += 1
            elif len(d["date"]) < width:
                coarser += 1
            else:
                buckets[d["date"][:width]].append(d)
        periods = []
        for period in sorted(buckets):
            evs = buckets[period]
            scored = [d["goldstein"] for d in evs if d["goldstein"] is not None]
            periods.append({"period": period, "events": len(evs),
                            "goldstein_mean": _round(sum(scored) / len(scored)) if scored else None,
                            "codes": dict(sorted(Counter(d["code"] for d in evs).items()))})
        return {"actors": [a, b], "interval": interval, "periods": periods, "undated": undated,
                "coarser": coarser}

    def communities(self) -> list[list[str]]:
        """Groups of actors: Louvain (seed 42) on the undirected projection weighted by events, largest first.

        >>> from diplokg.graph.network import sample_network
        >>> sample_network().communities()
        [['CHN', 'SYR'], ['IRN', 'SAU']]
        """
        if "communities" not in self._cache:
            found = nx.community.louvain_communities(self._projection(), weight="weight", seed=42)
            self._cache["communities"] = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
        return [list(c) for c in self._cache["communities"]]

    # -- export -------------------------------------------------------------------------------------------
    def dyad_graph(self) -> nx.DiGraph:
        """One edge per directed dyad with plain attributes (``weight``/``events``, ``goldstein_mean``,
        ``first``, ``last``, ``top_code``, ``codes`` as ``"040:2 050:1"``) — what GEXF and GraphML hold."""
        g = nx.DiGraph()
        for code, d in self.graph.nodes(data=True):
            info = self.actors.get(code, {})
            g.add_node(code, label=d["label"], kind=d["kind"] or "", events=d["events"],
                       qid=info.get("qid") or "")
        for (u, v), s in self.dyads.items():
            attrs = {"weight": float(s.events), "events": s.events, "first": s.first or "", "last": s.last or "",
                     "top_code": s.top_code or "", "codes": " ".join(f"{c}:{n}" for c, n in sorted(s.codes.items()))}
            if s.goldstein_mean is not None:
                attrs["goldstein_mean"] = round(s.goldstein_mean, 3)
            g.add_edge(u, v, **attrs)
        return g

    def to_gexf(self) -> str:
        """The dyad graph as GEXF 1.2 (Gephi)."""
        return "\n".join(nx.generate_gexf(self.dyad_graph()))

    def to_graphml(self) -> str:
        """The dyad graph as GraphML."""
        return "\n".join(nx.generate_graphml(self.dyad_graph()))

    def edges_csv(self) -> str:
        """One CSV row per directed dyad, most events first.

        >>> from diplokg.graph.network import sample_network
        >>> print(sample_network().edges_csv().splitlines()[1])
        CHN,SYR,2,2.25,2023-09-22,2023-09-22,040
        """
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\n")
        out.writerow(["source", "target", "events", "goldstein_mean", "first", "last", "top_code"])
        for s in sorted(self.dyads.values(), key=lambda s: (-s.events, s.source, s.target)):
            out.writerow([s.source, s.target, s.events, _round(s.goldstein_mean), s.first, s.last, s.top_code])
        return buf.getvalue()


def _pagerank(nodes, dyads: Mapping[tuple[str, str], DyadSummary], alpha: float = 0.85, tol: float = 1e-10,
              max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration, as ``nx.pagerank`` (which needs SciPy); self-loops ignored."""
    nodes = list(nodes)
    if not nodes:
        return {}
    n = len(nodes)
    succ: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (u, v), s in dyads.items():
        if u != v:
            succ[u].append((v, s.events))
    out = {u: sum(w for _, w in links) for u, links in succ.items()}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if u not in out) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u, links in succ.items():
            share = alpha * rank[u] / out[u]
            for v, w in links:
                new[v] += share * w
        err = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if err < n * tol:
            break
    return rank
