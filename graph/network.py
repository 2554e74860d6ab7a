"""The working graph for graph questions: events as a networkx ``MultiDiGraph`` between the actors they concern.

The RDF store stays the record; :class:`EventNetwork` is an in-memory view built with one SPARQL SELECT over the
events (no evidence text) and one over the actors. Nodes are the codes actors *represent* — a person's state,
else the actor's own code — so Xi Jinping's events are China's: analysts ask about states. A person's code is
accepted wherever a node code is and stands for the state the person represents.

Three structures are kept current together, never recomputed per call:

* ``graph``: one edge per event (``key`` = event id) with its code, date, Goldstein value and original actors;
* ``dyads``: a :class:`DyadSummary` per directed pair;
* a lazily built undirected weighted projection (and the results computed on it: centrality, communities),
  dropped on every change and rebuilt on next use.

:meth:`EventNetwork.add_events`, :meth:`~EventNetwork.remove_article` and :meth:`~EventNetwork.refresh_article`
update ``graph`` and ``dyads`` incrementally (only the dyads touched are re-summarised), so a service can keep
the network current after an article is posted or deleted. The rows it is built from are read by
``graph/network_rows.py``; the questions it answers are asked in ``graph/network_answers.py``.

>>> net = sample_network()
>>> sorted(net.graph.nodes)
['CHN', 'IRN', 'SAU', 'SYR']
>>> net.dyads["CHN", "SYR"].events, net.dyads["CHN", "SYR"].codes
(2, Counter({'040': 1, '050': 1}))
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
from diplokg.graph.model import actor_iri, codebook, quad_class
from diplokg.graph.network_answers import CENTRALITY_METRICS, DyadSummary, NetworkAnswers
from diplokg.graph.network_rows import (
    actor_table,
    article_actors,
    dyad_rows,
    event_rows,
    kept_page,
    merge_pages,
    page_of,
)
from diplokg.graph.queries import Span, _actors, _represented_by
from diplokg.graph.store import EventStore

__all__ = ["CENTRALITY_METRICS", "DyadSummary", "EventNetwork", "actor_table", "dyad_rows", "event_rows",
           "sample_network"]

_EVENT_FIELDS = ("id", "source", "target", "source_actor", "target_actor", "code", "quad", "goldstein", "date",
                 "precision", "count", "article", "confidence", "modality")


def _edge(row: Mapping) -> dict:
    """A row as edge attributes: every field present, defaults filled from the codebook."""
    attrs = {name: row.get(name) for name in _EVENT_FIELDS}
    attrs["source_actor"] = attrs["source_actor"] or attrs["source"]
    attrs["target_actor"] = attrs["target_actor"] or attrs["target"]
    if attrs["quad"] is None:
        attrs["quad"] = quad_class(attrs["code"])
    if attrs["goldstein"] is None and attrs["code"] in codebook():
        attrs["goldstein"] = codebook()[attrs["code"]].goldstein
    if attrs["date"] and not attrs["precision"]:
        attrs["precision"] = {4: "year", 7: "month"}.get(len(attrs["date"]), "day")
    attrs["modality"] = attrs["modality"] or "asserted"
    return attrs


class EventNetwork(NetworkAnswers):
    """Events between actors as a networkx graph, with per-dyad summaries; see the module docstring.

    >>> net = EventNetwork.from_rows([{"id": "e1", "source": "EGY", "target": "ISR", "code": "057"}])
    >>> net.graph.edges(keys=True, data="goldstein")
    OutMultiEdgeDataView([('EGY', 'ISR', 'e1', 8.0)])
    """

    def __init__(self, actors: Mapping[str, Mapping] | None = None, *, modalities: Iterable[str] = ("asserted",)):
        self.graph = nx.MultiDiGraph()
        self.dyads: dict[tuple[str, str], DyadSummary] = {}
        self.actors: dict[str, dict] = {code: dict(info) for code, info in (actors or {}).items()}
        self.modalities = tuple(modalities)
        self._where: dict[str, tuple[str, str]] = {}  # event id -> (source, target)
        self._by_article: dict[str, list[str]] = defaultdict(list)
        self._sources: dict[str, set[str]] = {}  # event id -> the articles reporting it
        self._cache: dict[str, object] = {}
        self.aggregated = False  # True: edges are groups of events (dyad, code), see dyad_rows
        self.store: EventStore | None = None  # an aggregated network's store, for what it does not hold
        self._article_pairs: dict[str, set[tuple[str, str]]] = {}

    # -- building and keeping current ---------------------------------------------------------------------
    @classmethod
    def from_store(cls, store: EventStore, *, modalities: Iterable[str] = ("asserted",),
                   aggregate: bool = False) -> EventNetwork:
        """The network of the events in ``store`` with one of ``modalities`` (asserted, future, negated).

        With ``aggregate`` the events are counted in the store and the network holds one edge per dyad and
        CAMEO code (:func:`dyad_rows`): a fraction of the memory and build time of one edge per event, the
        same answers to relations, neighbours, paths, centrality and communities, but no event ids (ask the
        store for a dyad's events) and no per-event dates (timelines need the per-event network)."""
        by_iri = _actors(store)
        net = cls(actor_table(store, by_iri), modalities=modalities)
        if aggregate:
            net.aggregated, net.store = True, store
            net.add_events(dyad_rows(store, modalities=net.modalities, actors=by_iri))
        else:
            net.add_events(event_rows(store, modalities=net.modalities, actors=by_iri))
        return net

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping], actors: Mapping[str, Mapping] | None = None) -> EventNetwork:
        """A network from event rows (see :func:`event_rows`; only ``id``, ``source``, ``target`` and ``code``
        are required) and an optional actor table ``{code: {"label": …, "kind": …}}``."""
        net = cls(actors)
        net.add_events(rows)
        return net

    def add_events(self, rows: Iterable[Mapping], actors: Mapping[str, Mapping] | None = None) -> int:
        """Add event rows (ids already present are skipped); returns the number added."""
        for code, info in (actors or {}).items():
            self.actors[code] = dict(info)
        touched, added = set(), 0
        graph, nodes = self.graph, self.graph.nodes
        for row in rows:
            if self.aggregated:  # one edge per dyad, its codes counted (rows are per dyad: see dyad_rows)
                u, v, w = row["source"], row["target"], row["weight"]
                for node in {u, v}:
                    if node not in graph:
                        info = self.actors.get(node, {})
                        graph.add_node(node, label=info.get("label") or node, kind=info.get("kind"), events=0)
                    nodes[node]["events"] += w
                if not graph.has_edge(u, v, "dyad"):
                    graph.add_edge(u, v, key="dyad", weight=0, codes=Counter(), quads=Counter(), date=None,
                                   last=None, gsum=0.0, scored=0, modality=row.get("modality") or "asserted",
                                   page=row.get("page"))
                else:  # (one dyad in several rows: their first pages merged, unknown if one is)
                    d = graph.edges[u, v, "dyad"]
                    d["page"] = merge_pages(d["page"], row.get("page"))
                d = graph.edges[u, v, "dyad"]
                d["weight"] += w
                d["codes"].update(row["codes"])
                for code, n in row["codes"].items():
                    d["quads"][quad_class(code)] += n
                if row.get("date"):
                    d["date"] = min(d["date"] or "9999", row["date"])
                    d["last"] = max(d["last"] or "", row.get("last") or row["date"])
                d["gsum"] += row["gsum"]
                d["scored"] += row["scored"]
                touched.add((u, v))
                added += w
                continue
            attrs = _edge(row)
            eid, u, v = attrs["id"], attrs["source"], attrs["target"]
            if eid in self._where:  # one event, reported by another article too
                if attrs["article"] not in self._sources[eid]:
                    self._sources[eid].add(attrs["article"])
                    self._by_article[attrs["article"]].append(eid)
                continue
            for node in {u, v}:
                if node not in graph:
                    info = self.actors.get(node, {})
                    graph.add_node(node, label=info.get("label") or node, kind=info.get("kind"), events=0)
                nodes[node]["events"] += 1
            graph.add_edge(u, v, key=eid, **attrs)
            self._where[eid] = (u, v)
            self._by_article[attrs["article"]].append(eid)
            self._sources[eid] = {attrs["article"]}
            touched.add((u, v))
            added += 1
        self._resummarise(touched)
        return added

    def remove_article(self, article_id: str) -> int:
        """Drop the events of one article (those other articles report too stay); returns how many were
        removed."""
        ids = self._by_article.pop(article_id, [])
        touched, removed = set(), 0
        for eid in ids:
            sources = self._sources[eid]
            sources.discard(article_id)
            u, v = self._where[eid]
            if sources:
                self.graph.edges[u, v, eid]["article"] = min(sources)
                continue
            del self._where[eid], self._sources[eid]
            removed += 1
            self.graph.remove_edge(u, v, key=eid)
            touched.add((u, v))
            for node in {u, v}:
                self.graph.nodes[node]["events"] -= 1
                if not self.graph.nodes[node]["events"]:
                    self.graph.remove_node(node)
        self._resummarise(touched)
        return removed

    def refresh_dyads(self, store: EventStore, pairs: Iterable[tuple[str, str]],
                      added: Mapping[tuple[str, str], Iterable[str]] | None = None) -> None:
        """Recount these dyads (represented codes) from the store: an aggregated network's way to follow writes.
        ``added``: keys (``date|local name``) of events of these dyads the write may have added (an article's),
        with which each dyad's first page is kept rather than read again when none of its events went."""
        pairs = set(pairs)
        pages = {pair: self.dyads[pair].page if pair in self.dyads else "" for pair in pairs}
        # only the actors of these dyads: a write must not read every actor of the store (that grew with it)
        by_iri = _actors(store, {iri for pair in pairs for code in pair for iri in _represented_by(store, code)})
        for u, v in pairs:
            for key in list(self.graph.get_edge_data(u, v) or {}):
                weight = self.graph.edges[u, v, key]["weight"]
                self.graph.remove_edge(u, v, key=key)
                for node in {u, v}:
                    self.graph.nodes[node]["events"] -= weight
            for node in (u, v):
                if node in self.graph and not self.graph.nodes[node]["events"]:
                    self.graph.remove_node(node)
        self._resummarise(pairs)
        rows = dyad_rows(store, modalities=self.modalities, pairs=pairs, actors=by_iri)
        if self.modalities == ("asserted",):  # each dyad's first page: kept, else its days walked from its first
            total = sum(s.events for s in self.dyads.values()) + sum(r["weight"] for r in rows)
            for r in rows:
                pair = (r["source"], r["target"])
                r["page"] = kept_page(store, pages.get(pair), (added or {}).get(pair, ())) or page_of(
                    store, *pair, Span(r["weight"], total, r["date"], r["last"]))
        codes = {r[k] for r in rows for k in ("source", "target")}
        self.add_events(rows, actor_table(store, by_iri, subset=True) if codes - self.actors.keys() else None)

    def refresh_article(self, store: EventStore, article_id: str) -> int:
        """Make one article's events match the store (after it was ingested, re-ingested or deleted);
        returns the number of its events now in the network (of its dyads, when aggregated). An aggregated
        network recounts the dyads the article touches, now or when it was last refreshed; for an article it
        never saw that is gone, it cannot know them and says so by raising LookupError (rebuild it)."""
        by_iri = _actors(store, article_actors(store, article_id))  # (its actors only, see refresh_dyads)
        if self.aggregated:
            keys: dict[tuple[str, str], list[str]] = defaultdict(list)
            for r in event_rows(store, modalities=self.modalities, article=article_id, actors=by_iri):
                keys[r["source"], r["target"]].append(f"{r['date'] or '9999'}|{r['id']}")
            now = set(keys)
            before = self._article_pairs.pop(article_id, None)
            if before is None and not now:
                raise LookupError(f"article {article_id!r} is gone and its dyads are unknown")
            self.refresh_dyads(store, now | (before or set()), added=keys)
            if now:
                self._article_pairs[article_id] = now
            return sum(self.dyads[p].events for p in now if p in self.dyads)
        self.remove_article(article_id)
        rows = event_rows(store, modalities=self.modalities, article=article_id, actors=by_iri)
        codes = {r[k] for r in rows for k in ("source", "target", "source_actor", "target_actor")}
        if codes - self.actors.keys():
            countries = {str(actor_iri(info["country"])) for info in by_iri.values() if info["country"]}
            self.add_events(rows, actor_table(store, {**_actors(store, countries), **by_iri}, subset=True))
        else:
            self.add_events(rows)
        return len(rows)

    def invalidate(self) -> None:
        """Drop the cached projection and results; they are rebuilt on next use."""
        self._cache.clear()

    def _resummarise(self, pairs: Iterable[tuple[str, str]]) -> None:
        for u, v in pairs:
            edges = self.graph.get_edge_data(u, v)
            if not edges:
                self.dyads.pop((u, v), None)
                continue
            if self.aggregated:
                d = edges["dyad"]
                self.dyads[u, v] = DyadSummary(
                    u, v, events=d["weight"], codes=Counter(d["codes"]), quads=Counter(d["quads"]), first=d["date"],
                    last=d["last"], goldstein_mean=d["gsum"] / d["scored"] if d["scored"] else None,
                    scored=d["scored"], page=d["page"])
                continue
            s = DyadSummary(u, v, events=len(edges))
            dated, total = [], 0.0
            for eid, d in edges.items():
                s.codes[d["code"]] += 1
                s.quads[d["quad"]] += 1
                dated.append((d["date"] or "9999", eid))
                if d["goldstein"] is not None:
                    total += d["goldstein"]
                    s.scored += 1
            dated.sort()
            s.event_ids = [eid for _, eid in dated]
            dates = [day for day, _ in dated if day != "9999"]
            s.first, s.last = (min(dates), max(dates)) if dates else (None, None)
            s.goldstein_mean = total / s.scored if s.scored else None
            self.dyads[u, v] = s
        self.invalidate()

    def _projection(self) -> nx.Graph:
        """Undirected: ``weight`` = events either way, ``goldstein_mean``, ``distance`` = 1/weight."""
        if "projection" not in self._cache:
            sums: dict[tuple[str, str], list] = defaultdict(lambda: [0, 0.0, 0])  # events, Goldstein sum, scored
            for (u, v), s in self.dyads.items():
                acc = sums[min(u, v), max(u, v)]
                acc[0] += s.events
                acc[1] += (s.goldstein_mean or 0.0) * s.scored
                acc[2] += s.scored
            g = nx.Graph()
            g.add_nodes_from(self.graph.nodes(data=True))
            g.add_edges_from((u, v, {"weight": n, "distance": 1.0 / n, "goldstein_mean": total / k if k else None})
                             for (u, v), (n, total, k) in sums.items())
            self._cache["projection"] = g
        return self._cache["projection"]


def sample_network() -> EventNetwork:
    """A six-event network for examples: China and Syria meet and partner, China mediates Saudi–Iran talks.

    >>> sample_network().graph.number_of_edges()
    6
    """
    rows = [dict(zip(("id", "source", "target", "code", "date", "article"), row)) for row in (
        ("e1", "CHN", "SYR", "040", "2023-09-22", "a1"), ("e2", "CHN", "SYR", "050", "2023-09-22", "a1"),
        ("e3", "SYR", "CHN", "050", None, "a1"), ("e4", "CHN", "IRN", "045", "2023-03", "a2"),
        ("e5", "CHN", "SAU", "045", "2023-03", "a2"), ("e6", "SAU", "IRN", "057", "2023-03-10", "a2"))]
    rows[0]["source_actor"] = "xi_jinping"
    actors = {"CHN": {"label": "China", "kind": "state"}, "SYR": {"label": "Syria", "kind": "state"},
              "SAU": {"label": "Saudi Arabia", "kind": "state"}, "IRN": {"label": "Iran", "kind": "state"},
              "xi_jinping": {"label": "Xi Jinping", "kind": "person", "country": "CHN"}}
    return EventNetwork.from_rows(rows, actors)
