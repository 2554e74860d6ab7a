"""The store, on both backends (the embedded store and an Oxigraph server, see ``backend`` in conftest.py):
persistence, all-or-nothing writes, re-ingest, removal, exports; locking is the embedded store's alone."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pyoxigraph as ox
import pytest
from diplokg.errors import DiplokgError, StoreLocked
from diplokg.graph.model import REFERENCE_GRAPH, article_graph, codebook
from diplokg.graph.store import EXPORT_FORMATS, EventStore, open_store
from diplokg.ingest.article import Article
from diplokg.ingest.pipeline import ingest_articles
from rdflib import Dataset, Graph, Literal, URIRef

EX = "https://example.org/"


def _triple(value: str) -> tuple:
    return URIRef(EX + "a"), URIRef(EX + "p"), Literal(value)


def test_data_survives_reopening(empty_store):
    location = empty_store.path
    with empty_store as store:
        store.add_graph(URIRef(EX + "g"), [_triple("x")])
    with open_store(location, read_only=True) as store:
        assert store.has_graph(URIRef(EX + "g")) and not store.has_graph(URIRef(EX + "h"))
        assert store.count_triples() == 1
        assert store.named_graphs() == [EX + "g"]
        assert [tuple(map(str, t)) for t in store.graph_triples(URIRef(EX + "g"))] == [tuple(map(str, _triple("x")))]


def test_a_failing_write_leaves_nothing(empty_store):
    with pytest.raises(TypeError):
        empty_store.add_graphs([(URIRef(EX + "g"), [_triple("x")]),
                                (URIRef(EX + "h"), [_triple("y"), (URIRef(EX + "a"), URIRef(EX + "p"), object())])])
    assert not empty_store.has_graph(URIRef(EX + "g")) and empty_store.count_quads() == 0


def test_several_graphs_in_one_write(empty_store):
    counts = empty_store.add_graphs([(URIRef(EX + "g"), [_triple("x"), _triple("x"), _triple("é\n\"")]),
                                     (URIRef(EX + "h"), [_triple("x")])])
    assert counts == [2, 1]
    assert empty_store.count_quads() == 3 and empty_store.count_triples() == 2
    assert sorted(empty_store.named_graphs()) == [EX + "g", EX + "h"]
    assert {str(t[2]) for t in empty_store.graph_triples(URIRef(EX + "g"))} == {"x", "é\n\""}
    assert empty_store.replace_graph(URIRef(EX + "g"), [_triple("z")]) == 1
    rows = list(empty_store.select(f"SELECT ?o WHERE {{ <{EX}a> ?p ?o }} ORDER BY ?o"))
    assert [str(r["o"]) for r in rows] == ["x", "z"]  # over the union of the graphs


def test_bulk_load_is_all_or_nothing(empty_store):
    good = f'<{EX}a> <{EX}p> "1" <{EX}g> .\n<{EX}a> <{EX}p> "2"@en <{EX}h> .\n'
    with pytest.raises((SyntaxError, DiplokgError)):
        empty_store.bulk_load(good + f'<{EX}a> <{EX}p> "3 <{EX}i> .\n')
    assert empty_store.count_quads() == 0
    empty_store.bulk_load(good)
    assert sorted(empty_store.named_graphs()) == [EX + "g", EX + "h"]
    assert int(next(iter(empty_store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"]) == 2


def test_reingest_adds_zero_triples(empty_store, coder):
    art = Article("Egypt and Israel signed a peace deal on Monday.", published=date(2023, 9, 22))
    first = ingest_articles([art], empty_store, coder=coder)
    before = empty_store.count_quads()
    again = ingest_articles([art], empty_store, coder=coder)
    assert first.articles == 1 and again.articles == 0 and again.skipped == 1
    assert empty_store.count_quads() == before


def test_removing_an_article_restores_the_counts(empty_store, coder):
    first = Article("Egypt and Israel signed a peace deal on Monday.", id="a1", published=date(2023, 9, 22))
    second = Article("France recalled its ambassador to Mali on Tuesday.", id="a2", published=date(2023, 9, 22))
    ingest_articles([first], empty_store, coder=coder)
    before = empty_store.count_quads(), empty_store.count_triples(), sorted(empty_store.named_graphs())
    report = ingest_articles([second], empty_store, coder=coder)
    assert report.articles == 1 and empty_store.count_quads() > before[0]
    empty_store.remove_graph(article_graph("a2"))
    empty_store.remove_graph(article_graph("a2"))  # removing what is not there is no error
    assert (empty_store.count_quads(), empty_store.count_triples(), sorted(empty_store.named_graphs())) == before


def test_reference_graph_holds_codebook_and_gazetteer(any_seed_store):
    rows = list(any_seed_store.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        f"SELECT (COUNT(?c) AS ?n) WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{ ?c a skos:Concept }} }}"))
    assert int(rows[0]["n"]) == len(codebook())
    rows = list(any_seed_store.select(
        "PREFIX dk: <https://w3id.org/diplokg/vocab#> SELECT ?label WHERE { ?a dk:code \"CHN\" ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"))
    assert str(rows[0]["label"]) == "China"


def test_second_writer_gets_a_clear_error(tmp_path):
    path = tmp_path / "s"
    store = EventStore(path)
    code = f"from diplokg.graph.store import EventStore; EventStore({str(path)!r})"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0 and "StoreLocked" in result.stderr
    reader = subprocess.run([sys.executable, "-c", code.replace(")", ", read_only=True)")], capture_output=True)
    assert reader.returncode == 0  # readers keep working
    store.close()
    with pytest.raises(StoreLocked):
        a = EventStore(tmp_path / "t")
        try:
            EventStore(tmp_path / "t")
        finally:
            a.close()


@pytest.mark.parametrize("fmt, parse_as, dataset", [
    ("turtle", "turtle", False), ("nt", "nt", False), ("nquads", "nquads", True), ("trig", "trig", True),
    ("jsonld", "json-ld", True),
])
def test_exports_parse_with_rdflib(any_seed_store, seed_store, fmt, parse_as, dataset):
    data = any_seed_store.export(fmt)

    graph = Dataset() if dataset else Graph()
    graph.parse(data=data, format=parse_as)
    size = sum(1 for _ in graph.quads()) if dataset else len(graph)
    assert size > 1000
    if any_seed_store is not seed_store:  # the server's export holds as many statements as the embedded one's
        assert size == sum(1 for _ in ox.parse(seed_store.export(fmt), EXPORT_FORMATS[fmt]))


def test_export_to_a_file(any_seed_store, tmp_path):
    assert any_seed_store.export("nquads", tmp_path / "out.nq") is None
    assert (tmp_path / "out.nq").read_bytes().count(b"\n") == any_seed_store.count_quads()
