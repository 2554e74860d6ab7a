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
the network current after an article is posted or deleted.

>>> net = sample_network()
>>> sorted(net.graph.nodes)
['CHN', 'IRN', 'SAU', 'SYR']
>>> net.dyads["CHN", "SYR"].events, net.dyads["CHN", "SYR"].codes
(2, Counter({'040': 1, '050': 1}))
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

import networkx as nx
from diplokg.errors import UnknownActor
from diplokg.graph.model import DATE_TYPES, actor_iri, article_graph, article_iri, codebook, quad_class
from diplokg.graph.queries import MODALITY_NAMES, PREFIXES, Span, _actors, _iri_list, _represented_by
from diplokg.graph.store import EventStore

__all__ = ["CENTRALITY_METRICS", "DyadSummary", "EventNetwork", "actor_table", "event_rows", "sample_network"]

CENTRALITY_METRICS = ("degree", "pagerank", "betweenness")
_MODALITY_IRIS = {name: local for local, name in MODALITY_NAMES.items()}
_EVENT_FIELDS = ("id", "source", "target", "source_actor", "target_actor", "code", "quad", "goldstein", "date",
                 "precision", "count", "article", "confidence", "modality")
# (property, variable, optional): the event fields read from the store; precision comes from the date's datatype
_EVENT_PROPERTIES = (("dk:source", "s", False), ("dk:target", "t", False), ("dk:cameoCode", "code", False),
                     ("dk:confidence", "conf", False), ("prov:wasDerivedFrom", "art", False),
                     ("dk:goldstein", "gold", True), ("dk:date", "date", True), ("dk:count", "count", True))
_PRECISIONS = {str(datatype): precision for precision, datatype in DATE_TYPES.items()}


def _events_query(modalities: tuple[str, ...], article: str | None) -> str:
    """The one SELECT over the events. Over the whole store each property is read by its own sub-SELECT, so
    Oxigraph hash-joins eight index scans instead of making eight lookups per event (3x faster at 100,000
    events); for one article the plain pattern is best, inside the article's graph. An event several articles
    report is described in each of their graphs: the shared properties are read DISTINCT, the article's own
    (source article, confidence) together within one graph, so the rows are one per report, never one per
    combination of reports."""
    values = "VALUES ?mod { " + " ".join(f"dk:{_MODALITY_IRIS[m]}" for m in modalities) + " }"
    if article is None:
        parts = ["{ SELECT DISTINCT ?e ?mod WHERE { " + values + " ?e dk:modality ?mod } }",
                 "{ SELECT ?e ?art ?conf WHERE { GRAPH ?g { ?e prov:wasDerivedFrom ?art ; dk:confidence ?conf } } }"]
        parts += [f"{'OPTIONAL ' if opt else ''}{{ SELECT DISTINCT ?e ?{var} WHERE {{ ?e {prop} ?{var} }} }}"
                  for prop, var, opt in _EVENT_PROPERTIES if var not in ("art", "conf")]
        return PREFIXES + "SELECT * WHERE {\n  " + "\n  ".join(parts) + "\n}"
    parts = [f"VALUES ?art {{ <{article_iri(article)}> }} {values} ?e dk:modality ?mod ."]
    parts += [f"OPTIONAL {{ ?e {prop} ?{var} }}" if opt else f"?e {prop} ?{var} ."
              for prop, var, opt in _EVENT_PROPERTIES]
    return PREFIXES + f"SELECT * WHERE {{ GRAPH <{article_graph(article)}> {{\n  " + "\n  ".join(parts) + "\n} }"


def event_rows(store: EventStore, *, modalities: Iterable[str] = ("asserted",), article: str | None = None,
               actors: Mapping[str, Mapping] | None = None) -> list[dict]:
    """The events of the store (or of one article) as flat rows, the input of :meth:`EventNetwork.add_events`.

    One SELECT over the events (no evidence), one over the articles' identifiers, and the actors as
    ``diplokg.graph.queries._actors`` reads them (pass ``actors``, keyed by IRI, to reuse a table). Each row
    holds ``id`` (the local name of the event IRI), ``source``/``target`` (the codes the actors represent),
    ``source_actor``/``target_actor`` (their own codes), ``code``, ``quad``, ``goldstein``, ``date``,
    ``precision``, ``count``, ``article``, ``confidence`` and ``modality``.
    """
    modalities = tuple(modalities)
    unknown = [m for m in modalities if m not in _MODALITY_IRIS]
    if unknown or not modalities:
        raise ValueError(f"unknown modalities {unknown}; choose from {', '.join(_MODALITY_IRIS)}")
    actors = _actors(store) if actors is None else actors
    if article is None:
        articles = {s["art"].value: s["id"].value for s in store.query(
            PREFIXES + "SELECT ?art ?id WHERE { ?art a schema:NewsArticle ; schema:identifier ?id }")}
    else:
        articles = {str(article_iri(article)): article}
    intern, codes, rows = sys.intern, {}, []
    for s in store.query(_events_query(modalities, article)):
        src, tgt, art = s["s"].value, s["t"].value, s["art"].value
        for iri in (src, tgt):
            if iri not in codes:  # (own code, the code represented: a person's country, else its own)
                info = actors.get(iri) or {"code": unquote(iri.rsplit("/", 1)[-1]), "country": None}
                codes[iri] = intern(info["code"]), intern(info["country"] or info["code"])
        gold, count, date, code = s["gold"], s["count"], s["date"], intern(s["code"].value)
        rows.append({
            "id": s["e"].value.rsplit("/", 1)[-1], "source": codes[src][1], "target": codes[tgt][1],
            "source_actor": codes[src][0], "target_actor": codes[tgt][0], "code": code, "quad": quad_class(code),
            "goldstein": float(gold.value) if gold is not None else None,
            "date": intern(date.value) if date is not None else None,
            "precision": _PRECISIONS.get(date.datatype.value) if date is not None else None,
            "count": int(count.value) if count is not None else None,
            "article": intern(articles.get(art) or unquote(art.rsplit("/", 1)[-1])),
            "confidence": float(s["conf"].value), "modality": MODALITY_NAMES[s["mod"].value.rsplit("#", 1)[-1]],
        })
    return rows


def _tallied_graphs(store: EventStore) -> set[str]:
    """The import graphs that hold dyad tallies (``dk:DyadTally``, written by ``diplokg import``), complete."""
    return {r["g"].value for r in store.query(PREFIXES + (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g dk:complete ?done } FILTER EXISTS { GRAPH ?g { ?x a dk:DyadTally } } }"))}


def _tally_rows(store: EventStore) -> Iterator[tuple[str, str, str, Counter, str | None, str | None, float, int]]:
    """The tallies of the imports as (source, target, modality, events per code, first date, last date, Goldstein
    sum, events scored): one per dyad and import."""
    query = PREFIXES + (  # sub-SELECTs: hash joins of five index scans, not five lookups per tally (~2x faster)
        "SELECT * WHERE { { SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g dk:complete ?done } } } "
        "{ SELECT ?g ?x ?codes WHERE { GRAPH ?g { ?x dk:tallyCodes ?codes } } } "
        "{ SELECT ?x ?s WHERE { ?x dk:tallySource ?s } } { SELECT ?x ?t WHERE { ?x dk:tallyTarget ?t } } "
        "{ SELECT ?x ?gs WHERE { ?x dk:tallyGoldstein ?gs } } { SELECT ?x ?gn WHERE { ?x dk:tallyScored ?gn } } "
        "OPTIONAL { SELECT ?x ?first ?last WHERE { ?x dk:tallyFirst ?first ; dk:tallyLast ?last } } }")
    for r in store.query(query):
        codes = Counter()
        for item in r["codes"].value.split():
            code, _, n = item.rpartition(":")
            codes[code] += int(n)
        first, last = (r["first"].value, r["last"].value) if r["first"] is not None else (None, None)
        yield (r["s"].value, r["t"].value, "Asserted", codes, first, last, float(r["gs"].value),
               int(r["gn"].value))


def _article_actors(store: EventStore, article_id: str) -> set[str]:
    """The IRIs of the actors of one article's events."""
    return {r["a"].value for r in store.query(PREFIXES + f"SELECT DISTINCT ?a WHERE {{ GRAPH <{article_graph(article_id)}> "
                                              "{ { ?e dk:source ?a } UNION { ?e dk:target ?a } } }")}


def _represented(actors: Mapping[str, Mapping], iri: str) -> str:
    info = actors.get(iri) or {"code": unquote(iri.rsplit("/", 1)[-1]), "country": None}
    return info["country"] or info["code"]


def dyad_rows(store: EventStore, *, modalities: Iterable[str] = ("asserted",),
              pairs: Iterable[tuple[str, str]] | None = None,
              actors: Mapping[str, Mapping] | None = None) -> list[dict]:
    """The events of the store counted in the store: one row per represented source, represented target and
    modality, with ``weight`` (events), ``codes`` (events per CAMEO code), ``date`` and ``last`` (first and last
    dates), ``gsum`` and ``scored`` (Goldstein sum, events scored) and ``goldstein`` (their mean) — the input of
    an aggregated :class:`EventNetwork`, which then holds dyads, not events. Imports' events are read from the
    tallies the import wrote (one per dyad and import); the other graphs' events are counted by a GROUP BY.
    ``pairs`` (represented codes) limits it to those dyads, counted from their events through the indexes."""
    modalities = tuple(modalities)
    actors = _actors(store) if actors is None else actors
    values = "VALUES ?mod { " + " ".join(f"dk:{_MODALITY_IRIS[m]}" for m in modalities) + " }"
    # (an unbound value makes MIN/AVG unbound in Oxigraph: hence the COALESCEs, and SUM/COUNT for the mean)
    aggregate = ("SELECT ?s ?t ?code ?mod (COUNT(DISTINCT ?e) AS ?n) (MIN(COALESCE(STR(?date), \"9999\")) AS ?first) "
                 "(MAX(COALESCE(STR(?date), \"\")) AS ?last) (SUM(COALESCE(?g, 0)) AS ?gs) (COUNT(?g) AS ?gn) "
                 "WHERE {{ {body} }} GROUP BY ?s ?t ?code ?mod")
    queries, tallies = [], []
    if pairs is None:  # plain patterns: Oxigraph streams the join into the groups (memory follows the groups;
        # sub-SELECTs hash-join faster but hold every event: 2 s but 450 MB at 85,000 events, this 5 s, 200 MB)
        body = (  # within one graph: a report's triples once (see _events_query)
            f"{values} GRAPH ?gr {{ ?e dk:modality ?mod . ?e dk:source ?s . ?e dk:target ?t . ?e dk:cameoCode ?code }} "
            "OPTIONAL { GRAPH ?gr { ?e dk:date ?date } } OPTIONAL { GRAPH ?gr { ?e dk:goldstein ?g } }")
        tallied = _tallied_graphs(store)
        if tallied:  # imports counted their dyads as they were written: read those, count only the other graphs
            if "asserted" in modalities:
                tallies = _tally_rows(store)
            others = [g for g in store.named_graphs() if g not in tallied]
            if others:
                queries.append(aggregate.format(body=f"VALUES ?gr {{ {' '.join(f'<{g}>' for g in others)} }} {body}"))
        else:
            queries.append(aggregate.format(body=body))
    else:
        for a, b in pairs:
            queries.append(aggregate.format(body=(  # each side its own sub-SELECT: hash-joined index scans
                f"{{ SELECT DISTINCT ?e ?s ?t WHERE {{ "
                f"{{ SELECT ?e ?s WHERE {{ VALUES ?s {{ {_iri_list(_represented_by(store, a))} }} ?e dk:source ?s }} }} "
                f"{{ SELECT ?e ?t WHERE {{ VALUES ?t {{ {_iri_list(_represented_by(store, b))} }} ?e dk:target ?t }} }} }} }} "
                "GRAPH ?gr { ?e dk:modality ?mod ; dk:cameoCode ?code } "
                "OPTIONAL { GRAPH ?gr { ?e dk:date ?date } } OPTIONAL { GRAPH ?gr { ?e dk:goldstein ?g } } "
                "FILTER(?mod IN (" + ", ".join(f"dk:{_MODALITY_IRIS[m]}" for m in modalities) + "))")))

    def counted() -> Iterator[tuple[str, str, str, Counter, str | None, str | None, float, int]]:
        for query in queries:
            for r in store.query(PREFIXES + query):
                first, last, n, rows = r["first"].value, r["last"].value, int(r["n"].value), int(r["gn"].value)
                # (an event several articles report is one event but a row per report: its mean, n events)
                gsum, scored = (float(r["gs"].value) / rows * n, n) if rows else (0.0, 0)
                yield (r["s"].value, r["t"].value, r["mod"].value.rsplit("#", 1)[-1],
                       Counter({r["code"].value: n}), None if first == "9999" else first, last or None, gsum, scored)
        yield from tallies

    groups: dict[tuple, list] = {}  # two actors representing one state (USAGOV, USAMIL) count in one group
    for s, t, mod, codes, first, last, gsum, scored in counted():
        key = (_represented(actors, s), _represented(actors, t), MODALITY_NAMES[mod])
        acc = groups.get(key)
        if acc is None:
            groups[key] = [codes, first, last, gsum, scored]
            continue
        acc[0].update(codes)
        if first:
            acc[1] = first if acc[1] is None or first < acc[1] else acc[1]
            acc[2] = last if acc[2] is None or last > acc[2] else acc[2]
        acc[3] += gsum
        acc[4] += scored
    intern = sys.intern
    return [{"id": f"{u}|{v}|{mod}", "source": intern(u), "target": intern(v), "codes": codes,
             "weight": sum(codes.values()), "date": first, "last": last, "gsum": gsum, "scored": scored,
             "goldstein": gsum / scored if scored else None, "modality": mod}
            for (u, v, mod), (codes, first, last, gsum, scored) in groups.items()]


def _dyad_event_rows(store: EventStore, a: str, b: str, modalities: tuple[str, ...],
                     from_target: bool = False) -> list[dict]:
    """Date, code and Goldstein of each event from ``a`` to ``b`` (represented codes), found from the side with
    fewer events (``from_target``): 1.6 s instead of 3.8 s for USA→CHN among a million events."""
    # the modality as a FILTER, never bound first: a bound dk:Asserted makes Oxigraph scan every asserted event
    # (39 s instead of 3 s for USA→CHN among a million events)
    mod_filter = "FILTER(?mod IN (" + ", ".join(f"dk:{_MODALITY_IRIS[m]}" for m in modalities) + "))"
    (near, near_p), (far, far_p) = ((b, "dk:target"), (a, "dk:source")) if from_target else \
        ((a, "dk:source"), (b, "dk:target"))
    far_list = ", ".join(f"<{iri}>" for iri in _represented_by(store, far))
    rows = store.query(PREFIXES + f"""SELECT ?e ?code ?date ?g WHERE {{
        {{ SELECT DISTINCT ?e WHERE {{ VALUES ?x {{ {_iri_list(_represented_by(store, near))} }}
           ?e {near_p} ?x . ?e {far_p} ?y . FILTER(?y IN ({far_list})) }} }}
        GRAPH ?gr {{ ?e dk:modality ?mod ; dk:cameoCode ?code }}
        OPTIONAL {{ GRAPH ?gr {{ ?e dk:date ?date }} }} OPTIONAL {{ GRAPH ?gr {{ ?e dk:goldstein ?g }} }} {mod_filter} }}""")
    seen, out = set(), []
    for r in rows:
        if r["e"].value in seen:
            continue
        seen.add(r["e"].value)
        out.append({"code": r["code"].value, "date": r["date"].value if r["date"] is not None else None,
                    "goldstein": float(r["g"].value) if r["g"] is not None else None})
    return out


def actor_table(store: EventStore, actors: Mapping[str, Mapping] | None = None, *,
                subset: bool = False) -> dict[str, dict]:
    """Actors by code: ``label``, ``kind``, ``country`` (the code a person represents) and Wikidata ``qid``
    (``actors``: the table of ``diplokg.graph.queries._actors``, keyed by IRI, when already read; ``subset``:
    it holds only some actors, whose Wikidata ids are then looked up one by one)."""
    actors = _actors(store) if actors is None else actors
    table = {info["code"]: {"label": info["label"], "kind": info["kind"], "country": info["country"], "qid": None}
             for info in actors.values()}
    if subset and not actors:
        return table
    values = f"VALUES ?a {{ {' '.join(f'<{iri}>' for iri in actors)} }} " if subset else ""
    for s in store.query(PREFIXES + f"SELECT ?code ?q WHERE {{ {values}?a dk:code ?code ; owl:sameAs ?q }}"):
        code = s["code"].value
        if code in table:
            table[code]["qid"] = s["q"].value.rsplit("/", 1)[-1]
    return table


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


class EventNetwork:
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
                                   last=None, gsum=0.0, scored=0, modality=row.get("modality") or "asserted")
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

    def refresh_dyads(self, store: EventStore, pairs: Iterable[tuple[str, str]]) -> None:
        """Recount these dyads (represented codes) from the store: an aggregated network's way to follow writes."""
        pairs = set(pairs)
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
        codes = {r[k] for r in rows for k in ("source", "target")}
        self.add_events(rows, actor_table(store, by_iri, subset=True) if codes - self.actors.keys() else None)

    def refresh_article(self, store: EventStore, article_id: str) -> int:
        """Make one article's events match the store (after it was ingested, re-ingested or deleted);
        returns the number of its events now in the network (of its dyads, when aggregated). An aggregated
        network recounts the dyads the article touches, now or when it was last refreshed; for an article it
        never saw that is gone, it cannot know them and says so by raising LookupError (rebuild it)."""
        by_iri = _actors(store, _article_actors(store, article_id))  # (its actors only, see refresh_dyads)
        if self.aggregated:
            now = {(r["source"], r["target"]) for r in event_rows(store, modalities=self.modalities,
                                                                 article=article_id, actors=by_iri)}
            before = self._article_pairs.pop(article_id, None)
            if before is None and not now:
                raise LookupError(f"article {article_id!r} is gone and its dyads are unknown")
            self.refresh_dyads(store, now | (before or set()))
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
                    scored=d["scored"])
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

    def _label(self, code: str) -> str:
        return self.graph.nodes[code]["label"] if code in self.graph else code

    # -- questions ----------------------------------------------------------------------------------------
    def relations(self, a: str, b: str | None = None) -> dict | list[dict]:
        """What ``a`` and ``b`` did to each other: ``outgoing`` (a→b) and ``incoming`` (b→a) summaries (see
        :meth:`DyadSummary.as_dict`) and their total ``events``. Without ``b``: one such dict per counterpart
        of ``a``, most events first. Raises :class:`~diplokg.errors.UnknownActor` for a code not in the network.

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

    def timeline(self, a: str, b: str, interval: str = "month") -> dict:
        """The events between ``a`` and ``b`` (both directions) per month or year, oldest first: ``events``,
        ``goldstein_mean`` and ``codes`` per period. Undated events are left out and counted in ``undated``;
        with ``interval="month"``, events dated only to a year are left out too and counted in ``coarser``
        (day- and month-precision dates bucket into months, all dates into years).

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
        for u, v in {(a, b), (b, a)}:
            if self.aggregated:  # the dyad's events, light rows read from the store through its indexes
                if self.store is None:
                    raise ValueError("an aggregated network needs its store for timelines")
                smaller = self.graph.nodes[v]["events"] < self.graph.nodes[u]["events"]
                found = _dyad_event_rows(self.store, u, v, self.modalities, from_target=smaller)
            else:
                found = (self.graph.get_edge_data(u, v) or {}).values()
            for d in found:
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
