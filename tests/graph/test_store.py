"""The embedded store: persistence, all-or-nothing writes, re-ingest, locking, exports."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from diplokg.errors import StoreLocked
from diplokg.graph.model import REFERENCE_GRAPH, codebook
from diplokg.graph.store import EventStore
from diplokg.ingest.article import Article
from diplokg.ingest.pipeline import ingest_articles
from rdflib import Dataset, Graph, Literal, URIRef

EX = "https://example.org/"


def test_data_survives_reopening(tmp_path):
    with EventStore(tmp_path / "s") as store:
        store.add_graph(URIRef(EX + "g"), [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("x"))])
    with EventStore(tmp_path / "s", read_only=True) as store:
        assert store.has_graph(URIRef(EX + "g"))
        assert store.count_triples() == 1


def test_a_failing_write_leaves_nothing(tmp_path):
    store = EventStore(tmp_path / "s")
    good = (URIRef(EX + "a"), URIRef(EX + "p"), Literal("x"))
    with pytest.raises(TypeError):
        store.add_graph(URIRef(EX + "g"), [good, (URIRef(EX + "a"), URIRef(EX + "p"), object())])
    assert not store.has_graph(URIRef(EX + "g")) and store.count_quads() == 0


def test_reingest_adds_zero_triples(tmp_path, coder):
    store = EventStore(tmp_path / "s")
    art = Article("Egypt and Israel signed a peace deal on Monday.", published=date(2023, 9, 22))
    first = ingest_articles([art], store, coder=coder)
    before = store.count_quads()
    again = ingest_articles([art], store, coder=coder)
    assert first.articles == 1 and again.articles == 0 and again.skipped == 1
    assert store.count_quads() == before


def test_reference_graph_holds_codebook_and_gazetteer(seed_store):
    rows = list(seed_store.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        f"SELECT (COUNT(?c) AS ?n) WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{ ?c a skos:Concept }} }}"))
    assert int(rows[0]["n"]) == len(codebook())
    rows = list(seed_store.select(
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
def test_exports_parse_with_rdflib(seed_store, fmt, parse_as, dataset):
    data = seed_store.export(fmt)
    graph = Dataset() if dataset else Graph()
    graph.parse(data=data, format=parse_as)
    assert len(graph) > 1000 or sum(1 for _ in graph.quads()) > 1000
