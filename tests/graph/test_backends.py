"""The same questions answered alike by every backend: the seed and dev gold articles ingested through the
pipeline into the embedded store and into each SPARQL server (Oxigraph server, Virtuoso), then events, actors,
relations, the network, SPARQL result types and the API compared with the embedded store's."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from diplokg.graph.network import EventNetwork, event_rows
from diplokg.graph.queries import EventFilter, Span, graph_summary, list_actors, list_events, select_events
from diplokg.ingest.evaluate import load_gold
from diplokg.ingest.pipeline import ingest_articles
from rdflib import Literal, URIRef

from tests.conftest import ENGINES, own_server_url

GOLD = Path(__file__).parents[1] / "data" / "gold"


def _articles():
    return [g.article for g in load_gold([GOLD / "seed", GOLD / "dev"])]


@pytest.fixture(scope="module")
def embedded_run(tmp_path_factory, coder):
    """The 13 gold articles (seed + dev) in the embedded store, with the pipeline's report; read only."""
    from diplokg.graph.store import open_store

    store = open_store(tmp_path_factory.mktemp("backends") / "store")
    yield store, ingest_articles(_articles(), store, coder=coder)
    store.close()


@pytest.fixture(scope="module", params=ENGINES)
def stores(request, embedded_run, coder):
    """The same articles in a server of each engine, beside the embedded store: the stores and the reports."""
    from diplokg.graph.store import open_store

    remote = open_store(own_server_url(request, request.param))
    opened = {"embedded": embedded_run[0], "remote": remote}
    reports = {"embedded": embedded_run[1], "remote": ingest_articles(_articles(), remote, coder=coder)}
    yield opened, reports
    remote.close()


@pytest.fixture
def embedded(stores):
    return stores[0]["embedded"]


@pytest.fixture
def remote(stores):
    return stores[0]["remote"]


def test_pipeline_reports_agree(stores):
    reports = stores[1]
    assert reports["remote"].articles == reports["embedded"].articles == 13
    assert not reports["remote"].failures
    assert (reports["remote"].events, reports["remote"].triples) == \
        (reports["embedded"].events, reports["embedded"].triples)


def test_counts_and_graphs_agree(embedded, remote):
    assert remote.kind == "sparql" and embedded.kind == "oxigraph"
    assert remote.count_quads() == embedded.count_quads()
    assert remote.count_triples() == embedded.count_triples()
    assert sorted(remote.named_graphs()) == sorted(embedded.named_graphs())
    graph = URIRef(sorted(embedded.named_graphs())[0])
    assert _timeless(remote.graph_triples(graph)) == _timeless(embedded.graph_triples(graph))


def _timeless(triples) -> list[tuple]:
    """The triples but the times of the ingest (prov:startedAtTime …), which differ between the two runs."""
    return sorted(t for t in triples if not str(t[1]).endswith("AtTime"))


@pytest.mark.parametrize("kwargs", [
    {}, {"actor": "CHN"}, {"actor": "SYR", "since": "2023-01-01"}, {"until": "2023-06-30"},
    {"modalities": ("asserted", "future", "negated")}, {"min_confidence": 0.8},
    {"article": "dw-2023-09-22-china-syria-partnership"},
])
def test_events_agree(embedded, remote, kwargs):
    expected = list_events(embedded, **kwargs)
    assert expected or kwargs.get("until")
    assert list_events(remote, **kwargs) == expected


_PAGED = [{"actor": "CHN"}, {}, {"actor": "SYR", "since": "2023-01-01"}, {"until": "2023-06-30"},
          {"root": "04"}, {"modalities": ("asserted", "future", "negated")}, {"source": "CHN", "min_confidence": 0.5}]


def _paged(store, flt: EventFilter, size: int, span: Span | None = None) -> list[str]:
    """The ids of every page, cursor after cursor (a loop that does not end fails the test)."""
    after, ids = None, []
    for _page in range(500):
        page, after = select_events(store, flt, limit=size, after=after, span=span)
        ids.extend(e["id"] for e in page)
        if after is None:
            return ids
    raise AssertionError(f"paging {flt} by {size} did not end")


@pytest.mark.parametrize("kwargs", _PAGED)
def test_event_pages_agree(embedded, remote, kwargs):
    """Paged by a cursor, the same events in the same order as unpaged, on every engine: filtered by the
    cursor in the store (Virtuoso 7.2 once sorted such pages on other rows' dates), by a caller's cache of
    keys, and by walking an actor's days."""
    flt = EventFilter(**kwargs)
    expected = [e["id"] for e in select_events(embedded, flt)[0]]
    assert len(expected) > 5 or kwargs.get("until")
    for size in (1, 5):
        assert _paged(remote, flt, size) == _paged(embedded, flt, size) == expected
    cache: dict = {}
    after, ids = None, []
    while True:
        page, after = select_events(remote, flt, limit=5, after=after, cache=cache)
        ids.extend(e["id"] for e in page)
        if after is None:
            break
    assert ids == expected
    if kwargs.get("actor") or kwargs.get("source"):
        walk = Span(10**9, 1, "2000-01-01", "2024-12-31")  # always worth walking, over every day of the events
        assert _paged(remote, flt, 5, walk) == expected


def test_actors_and_summary_agree(embedded, remote):
    assert list_actors(remote) == list_actors(embedded)
    assert list_actors(remote, only_with_events=False) == list_actors(embedded, only_with_events=False)
    got, expected = graph_summary(remote), graph_summary(embedded)
    assert sorted(got.pop("articles")) == sorted(expected.pop("articles"))
    assert got == expected


def test_network_and_relations_agree(embedded, remote):
    assert sorted(event_rows(remote), key=str) == sorted(event_rows(embedded), key=str)
    net, expected = EventNetwork.from_store(remote), EventNetwork.from_store(embedded)
    assert net.graph.number_of_edges() == expected.graph.number_of_edges() > 100
    assert net.relations("CHN", "SYR") == expected.relations("CHN", "SYR")
    assert net.relations("CHN") == expected.relations("CHN")
    assert net.path("SAU", "SYR") == expected.path("SAU", "SYR")
    assert net.centrality("pagerank") == expected.centrality("pagerank")
    article = "dw-2023-09-22-china-syria-partnership"
    assert net.refresh_article(remote, article) == expected.refresh_article(embedded, article)


@pytest.mark.parametrize("query, kind", [
    ("SELECT ?s WHERE { ?s a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> } LIMIT 3", ox.QuerySolutions),
    ("ASK { ?s a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }", ox.QueryBoolean),
    ('CONSTRUCT { ?a ?p ?o } WHERE { ?a <https://w3id.org/diplokg/vocab#code> "SYR" ; ?p ?o }', ox.QueryTriples),
    ("DESCRIBE <https://w3id.org/diplokg/id/actor/CHN>", ox.QueryTriples),
])
def test_query_results_are_pyoxigraphs_on_both(embedded, remote, query, kind):
    got, expected = remote.query(query), embedded.query(query)
    assert isinstance(got, kind) and isinstance(expected, kind)
    if kind is ox.QueryBoolean:
        assert bool(got) is bool(expected) is True
    elif kind is ox.QuerySolutions:
        assert [v.value for v in got.variables] == ["s"] and len(list(got)) == 3
    else:
        triples = {str(t) for t in got}
        assert len(triples) > 3 and triples == {str(t) for t in expected}


def test_select_rows_are_rdflib_terms(embedded, remote):
    query = ('SELECT ?label ?none WHERE { ?a <https://w3id.org/diplokg/vocab#code> "CHN" ; '
             '<http://www.w3.org/2000/01/rdf-schema#label> ?label OPTIONAL { ?a <urn:x:none> ?none } }')
    rows = list(remote.select(query))
    assert rows == list(embedded.select(query))
    assert rows[0]["none"] is None and isinstance(rows[0]["label"], Literal)


def test_a_bad_query_is_a_syntax_error_on_both(embedded, remote):
    for store in (embedded, remote):
        with pytest.raises(SyntaxError):
            store.query("SELECT ?x WHERE { ?x")


def test_the_api_answers_alike(stores):
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings
    from fastapi.testclient import TestClient

    answers = {}
    for name, store in stores[0].items():
        with TestClient(create_app(Settings(), store=store)) as client:
            health = client.get("/health").json()
            events = client.get("/events", params={"actor": "CHN", "limit": 1000}).json()
            relations = client.get("/relations", params={"source": "CHN", "target": "SYR"}).json()
            sparql = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?e a "
                                                            "<http://semanticweb.cs.vu.nl/2009/11/sem/Event> }"},
                                headers={"Accept": "text/csv"}).text
            construct = client.get("/sparql", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 7"},
                                   headers={"Accept": "application/n-triples"})
            assert construct.status_code == 200 and construct.text.count("\n") == 7
            exported = client.get("/export", params={"format": "nquads"})
        assert health["store"] == {"embedded": "oxigraph", "remote": "sparql"}[name]
        # queries on the embedded store run in worker processes; a remote endpoint's on threads
        assert health["sparql"]["runner"] == {"embedded": "processes", "remote": "threads"}[name]
        answers[name] = ({k: v for k, v in health.items() if k not in ("store", "store_path", "sparql")}, events,
                         relations,
                         sparql, exported.content.count(b"\n"))
    assert answers["remote"] == answers["embedded"]
