"""The first pages the dyad network keeps — each import's tallies hold its dyads' first events (``dk:tallyPage``),
the other graphs' events are read at start, a write recounts the dyads it touches — give the same first events of
an actor, a source, a target or a dyad as sorting their events in the store: after POST (an article ingested),
DELETE (an article retracted) and re-import, on the embedded store and on both SPARQL servers."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from diplokg.graph import network_answers, network_rows
from diplokg.graph.model import article_graph
from diplokg.graph.network import EventNetwork
from diplokg.graph.queries import EventFilter, Span, ordered_keys, select_events
from diplokg.ingest import tallies
from diplokg.ingest.article import Article
from diplokg.ingest.imports import _file_hash, import_files, import_graph
from diplokg.ingest.pipeline import ingest, ingest_articles
from rdflib import URIRef

from tests.conftest import SEED_TXT
from tests.ingest.test_imports import gdelt_row

PAGE = 3  # pages this short are cut and merged in every dyad below


@pytest.fixture
def small_pages(monkeypatch):
    for module in (tallies, network_rows, network_answers):
        monkeypatch.setattr(module, "PAGE_KEYS", PAGE)


def _rows(first_id: int, rows: list[tuple]) -> str:
    return "\n".join(gdelt_row(str(first_id + n), *row) for n, row in enumerate(rows)) + "\n"


FIRST = [  # (day, actor 1, its country, code, actor 2, its country): ties on a day sort by event IRI
    ("20230310", "CHNGOV", "CHN", "045", "SAU", "SAU"), ("20230310", "CHN", "CHN", "040", "SAU", "SAU"),
    ("20230312", "CHNMIL", "CHN", "042", "SAUGOV", "SAU"), ("20230301", "CHN", "CHN", "057", "SAU", "SAU"),
    ("20230305", "SAU", "SAU", "057", "IRN", "IRN"), ("20230306", "SAU", "SAU", "040", "IRN", "IRN"),
    ("20230307", "SAU", "SAU", "036", "IRN", "IRN"), ("20230308", "SAU", "SAU", "043", "IRN", "IRN"),
    ("20230311", "USA", "USA", "0874", "IRNMIL", "IRN"), ("20230312", "RUS", "RUS", "163", "UKRGOV", "UKR"),
    ("20230309", "IRN", "IRN", "040", "SAU", "SAU"), ("20230302", "CHN", "CHN", "010", "CHN", "CHN"),
]
SECOND = [
    ("20230101", "CHN", "CHN", "040", "SAUGOV", "SAU"), ("20230401", "CHNMIL", "CHN", "045", "SAU", "SAU"),
    ("20230402", "USA", "USA", "0874", "IRN", "IRN"), ("20230403", "CHN", "CHN", "057", "SYR", "SYR"),
    ("20230304", "SAU", "SAU", "040", "IRN", "IRN"), ("20230930", "SYR", "SYR", "040", "CHN", "CHN"),
]
POSTED = Article("China and Saudi Arabia signed an agreement on Monday. Iran and Saudi Arabia agreed on Friday "
                 "to restore ties.", id="posted", published=date(2023, 1, 10))


def _same_first_pages(store, net: EventNetwork) -> int:
    """Every actor's, source's, target's and dyad's first key and first PAGE keys from the network equal the store's sort;
    returns how many were compared."""
    codes = sorted(net.graph.nodes) + ["ZZZ"]  # (and an actor without events)
    filters = [dict(actor=c) for c in codes] + [dict(source=c) for c in codes] + [dict(target=c) for c in codes]
    filters += [dict(source=a, target=b) for a, b in itertools.product(codes, repeat=2)]
    compared = 0
    for flt in filters:
        for n in (1, PAGE):  # (one event; the whole page, cut where the pages were)
            mine = net.first_keys(n, **flt)
            assert mine is not None, flt
            assert mine == ordered_keys(store, EventFilter(**flt), n), (flt, n)
            compared += 1
    return compared


def test_first_pages_stay_exact_after_post_delete_and_reimport(empty_store, tmp_path, coder, small_pages):
    store = empty_store
    first, second = tmp_path / "first.export.CSV", tmp_path / "second.export.CSV"
    first.write_text(_rows(3001, FIRST), encoding="utf-8")
    second.write_text(_rows(4001, SECOND), encoding="utf-8")
    import_files("gdelt", [first, second], store)
    pages = [r["p"] for r in store.select("PREFIX dk: <https://w3id.org/diplokg/vocab#> "
                                          "SELECT ?p WHERE { ?x dk:tallyPage ?p }")]
    assert pages and max(len(str(p).split()) for p in pages) == PAGE  # (cut at PAGE keys)
    assert ingest([str(SEED_TXT)], store, coder=coder).articles == 1  # coded events: in no tally

    net = EventNetwork.from_store(store, aggregate=True)
    assert _same_first_pages(store, net) > 300
    assert net.first_keys(2, actor="xi_jinping") is None  # a person's events are a part of China's

    # POST: an article whose events come before the imports' on their dyads
    assert ingest_articles([POSTED], store, coder=coder).articles == 1
    assert net.refresh_article(store, "posted") > 0
    assert net.first_keys(PAGE, source="IRN", target="SAU")[0].startswith("2023-01-06|")  # (Iran's, on Friday)
    _same_first_pages(store, net)
    for (u, v), summary in net.dyads.items():  # (a write recounts a busy dyad's page by walking its days)
        walk = Span(10**6, 1, summary.first, summary.last)
        assert ordered_keys(store, EventFilter(source=u, target=v), PAGE, walk) == \
            ordered_keys(store, EventFilter(source=u, target=v), PAGE)
    rebuilt = EventNetwork.from_store(store, aggregate=True)
    assert {p: s.page for p, s in rebuilt.dyads.items()} == {p: s.page for p, s in net.dyads.items()}

    # DELETE: the article retracted, the dyads recounted
    store.remove_graph(URIRef(str(article_graph("posted"))))
    net.refresh_article(store, "posted")
    _same_first_pages(store, net)

    # re-import: a file's graph dropped and imported again, another added (a server rebuilds its network)
    graph = URIRef(import_graph("gdelt", _file_hash(first)))
    store.remove_graph(graph)
    _same_first_pages(store, EventNetwork.from_store(store, aggregate=True))
    third = tmp_path / "third.export.CSV"
    third.write_text(_rows(5001, [("20221231", "SAU", "SAU", "040", "CHN", "CHN"),
                                  ("20230101", "IRN", "IRN", "040", "SAU", "SAU")]), encoding="utf-8")
    report = import_files("gdelt", [first, third], store)
    assert report.files == 2
    _same_first_pages(store, EventNetwork.from_store(store, aggregate=True))


def test_an_import_without_pages_is_sorted_in_the_store(empty_store, tmp_path, small_pages):
    """A tally written before pages existed: the dyads it counts have no first page (the store sorts theirs),
    the other dyads still have theirs."""
    store = empty_store
    first, second = tmp_path / "first.export.CSV", tmp_path / "second.export.CSV"
    first.write_text(_rows(3001, FIRST), encoding="utf-8")
    second.write_text(_rows(4001, SECOND[:1]), encoding="utf-8")  # CHN -> SAU only
    import_files("gdelt", [first, second], store)
    graph = URIRef(import_graph("gdelt", _file_hash(second)))
    triples = list(store.graph_triples(graph))
    store.replace_graph(graph, [t for t in triples if not str(t[1]).endswith("#tallyPage")])
    net = EventNetwork.from_store(store, aggregate=True)
    assert net.first_keys(2, source="CHN", target="SAU") is None
    assert net.first_keys(2, actor="SAU") is None
    assert net.first_keys(2, source="SAU", target="IRN") == ordered_keys(store, EventFilter(source="SAU",
                                                                                             target="IRN"), 2)
    found, _ = select_events(store, EventFilter(source="SAU", target="IRN"), limit=2,
                             first=net.first_keys(3, source="SAU", target="IRN"))
    assert found == select_events(store, EventFilter(source="SAU", target="IRN"), limit=2)[0]
