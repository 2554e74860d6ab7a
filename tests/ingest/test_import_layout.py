"""Imports into the embedded store's default graph (``ingest/imports.py``): each event and its article there with a
``dk:importFile`` link, the rest in the file's graph. The same answers as the layout of a named graph a file (which
stores imported before keep), and removing an import removes exactly what it wrote."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from diplokg.graph.network import EventNetwork
from diplokg.graph.network_rows import dyad_event_rows, dyad_rows, event_rows
from diplokg.graph.queries import EventFilter, Span, list_actors, select_events
from diplokg.graph.store import EventStore
from diplokg.ingest import imports
from diplokg.ingest.imports import import_files, import_graph
from diplokg.ingest.pipeline import ensure_reference
from rdflib import URIRef

from tests.ingest.test_imports import GOOD, gdelt_row

SHARED_URL = "https://news.example.org/shared"
A = [*GOOD, gdelt_row("1011", "20230313", "CHN", "CHN", "040", "USA", "USA", url=SHARED_URL),
     gdelt_row("1012", "20230313", "CHN", "CHN", "042", "USA", "USA", url="")]  # (its source: the import)
B = [  # an article, an actor and a place A has too, an event A has too, and their own
    gdelt_row("2001", "20230314", "CHN", "CHN", "043", "USA", "USA", url=SHARED_URL),
    gdelt_row("1002", "20230310", "SAU", "SAU", "057", "IRN", "IRN", quad="1", goldstein="8.0"),
    gdelt_row("2002", "20230315", "TURGOV", "TUR", "036", "SYRREB", "SYR", quad="2"),
]


def _file(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _quads(store: EventStore) -> set[str]:
    return {str(q) for q in store._store.quads_for_pattern(None, None, None, None)
            if not q.predicate.value.endswith("generatedAtTime")}


def _answers(store: EventStore) -> dict:
    actors = list_actors(store)
    everyone = sum(a["events"] for a in actors)

    def pages(flt: EventFilter, span: Span | None = None) -> list:
        out, after = [], None
        while True:
            page, after = select_events(store, flt, limit=2, after=after, span=span)
            out.append(page)
            if after is None:
                return out

    return {
        "actors": actors,
        "per article": sorted(select_events(store, EventFilter(modalities=("asserted", "future", "negated")),
                                            per_article=True)[0], key=lambda e: (e["id"], e["article"])),
        "pages": [pages(EventFilter(**kw)) for kw in (
            {}, {"actor": "CHN"}, {"source": "CHN", "target": "USA"}, {"quad": 1}, {"quad": 2}, {"root": "04"},
            {"min_confidence": 0.5}, {"min_confidence": 0.6}, {"since": "2023-03-11"}, {"code": "057"},
            {"article": "url-" + __import__("hashlib").sha1(SHARED_URL.encode()).hexdigest()[:24]},
            {"article": "a.export.CSV"})],
        "walked": pages(EventFilter(actor="CHN"), Span(everyone, everyone, "2023-03-01", "2023-03-31")),
        "event rows": sorted(event_rows(store), key=lambda r: (r["id"], r["article"])),
        "dyad rows": sorted(dyad_rows(store), key=lambda r: (r["source"], r["target"], r["modality"])),
        "dyad": dyad_rows(store, pairs=[("CHN", "USA")]),
        "dyad events": sorted(dyad_event_rows(store, "CHN", "USA", ("asserted",)), key=str),
        "networks": [{pair: (s.events, dict(s.codes), s.first, s.last, round(s.goldstein_mean or 0, 6))
                      for pair, s in EventNetwork.from_store(store, aggregate=a).dyads.items()} for a in (False, True)],
        **_articles(store),
    }


def _articles(store: EventStore) -> dict:
    """What the API, the summary and the page say of articles and how many events there are."""
    import threading
    from types import SimpleNamespace

    from diplokg.api.deps import Service
    from diplokg.api.routers.articles import _article_rows
    from diplokg.graph.queries import graph_summary
    from diplokg.viz.page import _standalone_records

    service = SimpleNamespace(store=store, _figures=None, _figures_lock=threading.Lock(), _generation=0)
    figures = Service.figures(service)
    summary = graph_summary(store)
    rows = _article_rows(service)
    events = select_events(store, EventFilter(modalities=("asserted", "future", "negated")), limit=1000)[0]
    return {
        "figures": {k: v for k, v in figures.items() if k != "triples"},
        # (a set: in a graph a file an article two files share is listed once per file, as it always was)
        "summary": (sorted(set(summary["articles"])), summary["events"]),
        "article rows": rows,
        "one article": [_article_rows(service, r["id"]) for r in rows],
        "page articles": _standalone_records(store, {"edges": [{"event_ids": [e["id"] for e in events]}]})[1],
    }


DK = "https://w3id.org/diplokg/vocab#"
ARTICLE = "https://w3id.org/diplokg/id/article/"


def _implied(store: EventStore) -> list[ox.Quad]:
    """The triples an import into the default graph no longer stores but once did: each linked event's
    ``dk:modality dk:Asserted``, each of its URL articles' ``rdf:type`` and ``schema:identifier``."""
    default, out = ox.DefaultGraph(), []
    for q in store._store.quads_for_pattern(None, ox.NamedNode(DK + "importFile"), None, default):
        out.append(ox.Quad(q.subject, ox.NamedNode(DK + "modality"), ox.NamedNode(DK + "Asserted"), default))
    for q in store._store.quads_for_pattern(None, ox.NamedNode("https://schema.org/url"), None, default):
        if q.subject.value.startswith(ARTICLE + "url-"):
            out.append(ox.Quad(q.subject, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                               ox.NamedNode("https://schema.org/NewsArticle"), default))
            out.append(ox.Quad(q.subject, ox.NamedNode("https://schema.org/identifier"),
                               ox.Literal(q.subject.value[len(ARTICLE):]), default))
    return out


@pytest.fixture
def files(tmp_path):
    return _file(tmp_path, "a.export.CSV", A), _file(tmp_path, "b.export.CSV", B)


def _store(path, default_graph: bool) -> EventStore:
    store = EventStore(path)
    store.imports_to_default_graph = default_graph
    ensure_reference(store)
    return store


def test_both_layouts_answer_the_same_with_an_article_beside(tmp_path, files, coder):
    from diplokg.ingest.pipeline import ingest

    from tests.conftest import SEED_TXT

    answers = []
    for default_graph in (False, True):
        store = _store(tmp_path / f"store-{default_graph}", default_graph)
        import_files("gdelt", files, store)
        assert ingest([str(SEED_TXT)], store, coder=coder).articles == 1
        events_in_default = len(list(store._store.quads_for_pattern(
            None, ox.NamedNode("https://w3id.org/diplokg/vocab#importFile"), None, ox.DefaultGraph())))
        assert events_in_default == (9 if default_graph else 0)  # (1002 in both files: two links)
        answers.append(_answers(store))
    assert answers[0] == answers[1]


def test_both_layouts_answer_the_same_with_imports_alone(tmp_path, files):
    """With no coded article the store holds the default layout alone, and reads the default graph alone."""
    answers = []
    for default_graph in (False, True):
        store = _store(tmp_path / f"store-{default_graph}", default_graph)
        import_files("gdelt", files, store)
        answers.append(_answers(store))
    assert answers[0] == answers[1]


def test_removing_an_import_removes_what_it_alone_wrote(tmp_path, files):
    a, b = files
    store = _store(tmp_path / "store", True)
    import_files("gdelt", [a], store)
    before, answered = _quads(store), _answers(store)
    import_files("gdelt", [b], store)
    assert _quads(store) > before
    graph = URIRef(import_graph("gdelt", imports._file_hash(b)))
    assert store.remove_import(graph) == 2  # 2001 and 2002; 1002 stays, A lists it too
    assert _quads(store) == before and _answers(store) == answered
    # and the other way round: what A alone wrote goes, what B shares with it stays
    import_files("gdelt", [b], store)
    store.remove_import(URIRef(import_graph("gdelt", imports._file_hash(a))))
    only_b = _store(tmp_path / "only-b", True)
    import_files("gdelt", [b], only_b)
    assert _answers(store) == _answers(only_b)
    assert {q for q in _quads(store) if "/graph/import/" not in q} == \
        {q for q in _quads(only_b) if "/graph/import/" not in q}


def test_a_failed_import_leaves_the_store_as_it_was(tmp_path, files, interrupt_writer):
    a, b = files
    store = _store(tmp_path / "store", True)
    import_files("gdelt", [a], store)
    before = _quads(store)
    interrupt_writer()
    with pytest.raises(KeyboardInterrupt):
        import_files("gdelt", [b], store)
    assert _quads(store) == before


def test_a_store_imported_into_named_graphs_goes_on_with_the_default_graph(tmp_path, files):
    """A store whose imports predate the default graph keeps answering, and a file imported into it now lands in
    the default graph: both layouts in one store answer as one. (Not an event in both layouts: the union of graphs
    then holds its default-graph triples besides its file graph's, and ``event_rows`` reads one report more.)"""
    a, _ = files
    b = _file(tmp_path, "b2.export.CSV", [B[0], B[2]])
    mixed = _store(tmp_path / "mixed", False)
    import_files("gdelt", [a], mixed)
    mixed.imports_to_default_graph = True
    import_files("gdelt", [b], mixed)
    named = _store(tmp_path / "named", False)
    import_files("gdelt", [a, b], named)
    assert _answers(mixed) == _answers(named)


def test_the_default_graph_stores_no_modality_and_no_article_type_or_identifier(tmp_path, files):
    """An import's event in the default graph is asserted and its article named by its IRI: neither is stored."""
    store = _store(tmp_path / "store", True)
    import_files("gdelt", files, store)
    default = [q for q in store._store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    assert default and not _implied_stored(default)
    assert {q.predicate.value for q in default if q.subject.value.startswith(ARTICLE)} == {"https://schema.org/url"}
    implied = _implied(store)  # (what they would be: a modality a link, a type and an identifier a URL article)
    assert {q.predicate.value for q in implied} == {DK + "modality", "https://schema.org/identifier",
                                                    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}


def _implied_stored(quads) -> list:
    return [q for q in quads if q.predicate.value in (DK + "modality", "https://schema.org/identifier",
                                                      "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")]


@pytest.mark.parametrize("which", ["all", "a's"])
def test_a_store_whose_default_graph_holds_modalities_and_article_names_answers_the_same(tmp_path, files, coder,
                                                                                       which):
    """Imports into the default graph made before stored each event's modality and its article's type and
    identifier: such a store answers as one without them, and so does a store holding both (one file's events
    with them, the other's without), beside a coded article."""
    from diplokg.ingest.pipeline import ingest

    from tests.conftest import SEED_TXT

    a, b = files
    store = _store(tmp_path / "store", True)
    import_files("gdelt", [a, b], store)
    assert ingest([str(SEED_TXT)], store, coder=coder).articles == 1
    now = _answers(store)
    implied = _implied(store)
    if which == "a's":  # the events only A lists, and A's articles
        only_b = {q.subject.value for q in store._store.quads_for_pattern(
            None, ox.NamedNode(DK + "importFile"), ox.NamedNode(import_graph("gdelt", imports._file_hash(b))),
            ox.DefaultGraph())}
        implied = [q for q in implied if q.subject.value not in only_b]
    store._store.extend(implied)
    store.event_layout = None
    assert _implied_stored(store._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert _answers(store) == now
