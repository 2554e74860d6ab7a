"""GDELT 2.0 and POLECAT imports: real column layouts made here, malformed rows, re-imports and broken imports."""

from __future__ import annotations

import zipfile

import pyoxigraph as ox
import pytest
from diplokg.graph.network import EventNetwork
from diplokg.graph.queries import EventFilter, select_events
from diplokg.graph.store import EventStore
from diplokg.ingest.imports import GDELT_COLUMNS, import_files, import_graph
from rdflib import URIRef


def gdelt_row(event_id, day, a1, a1_country, code, a2="", a2_country="", **extra) -> str:
    values = {"GLOBALEVENTID": event_id, "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4],
              "Actor1Code": a1, "Actor1Name": extra.pop("a1_name", a1), "Actor1CountryCode": a1_country,
              "Actor2Code": a2, "Actor2Name": extra.pop("a2_name", a2), "Actor2CountryCode": a2_country,
              "IsRootEvent": "1", "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
              "QuadClass": extra.pop("quad", "1"), "GoldsteinScale": extra.pop("goldstein", "1.0"),
              "NumMentions": extra.pop("mentions", "10"), "NumSources": "2", "NumArticles": "10", "AvgTone": "-1.5",
              "ActionGeo_Type": "4", "ActionGeo_FullName": "Geneva, Geneve, Switzerland",
              "ActionGeo_CountryCode": "SZ", "ActionGeo_Lat": "46.2", "ActionGeo_Long": "6.15",
              "ActionGeo_FeatureID": "-2552035", "DATEADDED": day + "120000",
              "SOURCEURL": extra.pop("url", f"https://news.example.org/{event_id}")}
    values.update(extra)
    return "\t".join(str(values.get(col, "")) for col in GDELT_COLUMNS)


GOOD = [
    gdelt_row("1001", "20230310", "CHNGOV", "CHN", "045", "SAU", "SAU", a1_name="CHINA", mentions="40"),
    gdelt_row("1002", "20230310", "SAU", "SAU", "057", "IRN", "IRN", quad="1", goldstein="8.0"),
    gdelt_row("1003", "20230311", "USA", "USA", "0874", "IRNMIL", "IRN", quad="2"),  # leading zero, 4 digits
    gdelt_row("1004", "20230312", "RUS", "RUS", "163", "UKRGOV", "UKR", quad="4", goldstein="-8.0"),
]
ONE_SIDED = gdelt_row("1005", "20230312", "USA", "USA", "010")
BAD = {
    "too few columns": "1006\t20230312\tUSA",
    "bad date": gdelt_row("1007", "20231332", "USA", "USA", "040", "CHN", "CHN"),
    "unknown code": gdelt_row("1008", "20230312", "USA", "USA", "999", "CHN", "CHN"),
    "bad count": gdelt_row("1009", "20230312", "USA", "USA", "040", "CHN", "CHN", mentions="many"),
    "bad id": gdelt_row("x1010", "20230312", "USA", "USA", "040", "CHN", "CHN"),
}


@pytest.fixture
def gdelt_file(tmp_path):
    path = tmp_path / "20230312000000.export.CSV"
    lines = [GOOD[0], GOOD[1], BAD["too few columns"], GOOD[2], ONE_SIDED, BAD["bad date"], BAD["unknown code"],
             GOOD[3], BAD["bad count"], BAD["bad id"]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(empty_store):
    """A fresh store of each backend: the embedded one and Oxigraph server."""
    return empty_store


def test_gdelt_rows_become_events_and_bad_rows_are_reported_by_line(store, gdelt_file):
    report = import_files("gdelt", [gdelt_file], store)
    assert (report.files, report.rows, report.events, report.one_sided) == (1, 10, 4, 1)
    assert sorted(line for _, line, _ in report.problems) == [3, 6, 7, 9, 10]
    reasons = dict((line, why) for _, line, why in report.problems)
    assert "columns" in reasons[3] and "date" in reasons[6] and "CAMEO" in reasons[7]
    events, _ = select_events(store, EventFilter(actor="IRN"))
    by_code = {e["code"]: e for e in events}
    assert set(by_code) == {"057", "0874"}
    usa = by_code["0874"]
    assert usa["date"] == "2023-03-11" and usa["quad"] == 2 and usa["target"]["country"] == "IRN"
    assert usa["target"]["code"] == "IRNMIL" and usa["article"].startswith("url-")
    from diplokg.graph.model import article_iri

    (row,) = store.select("SELECT ?art WHERE { <https://w3id.org/diplokg/id/event/gdelt-1003> "
                          "<http://www.w3.org/ns/prov#wasDerivedFrom> ?art }")
    assert row["art"] == article_iri(usa["article"])  # the importer writes the IRI the model makes


def test_gdelt_fields_keep_codes_counts_and_place(store, gdelt_file):
    import_files("gdelt", [gdelt_file], store)
    row = next(iter(store.select("""
        PREFIX dk: <https://w3id.org/diplokg/vocab#> PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
        PREFIX schema: <https://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?code ?root ?quad ?plover ?m ?s ?a ?lat ?url WHERE { <https://w3id.org/diplokg/id/event/gdelt-1003>
          dk:cameoCode ?code ; dk:numMentions ?m ; dk:numSources ?s ; dk:numArticles ?a ;
          dk:place/geo:lat ?lat ; prov:wasDerivedFrom/schema:url ?url .
          ?concept skos:notation ?code ; dk:cameoRoot ?root ; dk:quadClass ?quad ; dk:ploverType ?plover }""")))
    assert (str(row["code"]), str(row["root"])) == ("0874", "08")  # strings, leading zeros kept
    assert (int(row["quad"]), str(row["plover"])) == (2, "RETREAT")  # the documented join (docs/model.md)
    assert (int(row["m"]), int(row["s"]), int(row["a"])) == (10, 2, 10)
    assert float(row["lat"]) == 46.2 and str(row["url"]) == "https://news.example.org/1003"


def _stored(store, event_id: str) -> set[str]:
    return {str(r["p"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for r in store.select(
        f"SELECT ?p WHERE {{ <https://w3id.org/diplokg/id/event/{event_id}> ?p ?o }}")}


def test_what_the_code_gives_is_not_stored_and_what_the_file_says_otherwise_is(store, tmp_path):
    """Root, base code, QuadClass, Goldstein and PLOVER type follow from the CAMEO code, type and confidence are
    the same for every imported event: none is stored, unless the file's value differs from the code's; the
    answers are those of the stored values either way."""
    path = tmp_path / "own.export.CSV"
    path.write_text("\n".join([
        gdelt_row("3001", "20230310", "SAU", "SAU", "057", "IRN", "IRN", quad="1", goldstein="8.0"),  # the code's
        gdelt_row("3002", "20230310", "USA", "USA", "040", "CHN", "CHN", quad="3", goldstein="2.5"),  # its own
    ]) + "\n", encoding="utf-8")
    import_files("gdelt", [path], store)
    default = getattr(store, "imports_to_default_graph", False)  # (no modality there: every event is asserted)
    own = {"source", "target", "cameoCode", "date", "wasDerivedFrom", "numMentions", "numSources",
           "numArticles", "place"} | ({"importFile"} if default else {"modality"})
    assert _stored(store, "gdelt-3001") == own
    assert _stored(store, "gdelt-3002") == own | {"quadClass", "goldstein"}
    by_id = {e["id"]: e for e in select_events(store)[0]}
    assert (by_id["gdelt-3001"]["quad"], by_id["gdelt-3002"]["quad"]) == (1, 3)
    assert by_id["gdelt-3001"]["confidence"] == 0.5 and by_id["gdelt-3001"]["plover"] == "AGREE"
    assert {e["id"] for e in select_events(store, EventFilter(quad=3))[0]} == {"gdelt-3002"}
    assert {e["id"] for e in select_events(store, EventFilter(quad=1))[0]} == {"gdelt-3001"}
    assert len(select_events(store, EventFilter(min_confidence=0.5))[0]) == 2
    assert select_events(store, EventFilter(min_confidence=0.51))[0] == []
    # the join docs/model.md gives SPARQL users answers what /events does
    import re
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "model.md").read_text()
    prefixes = re.search(r"```\n(PREFIX.*?)```", doc, re.S).group(1)
    (join,) = [q for q in re.findall(r"```sparql\n(.*?)```", doc, re.S) if "?ownQuad" in q]
    joined = {str(r["e"]).rsplit("/", 1)[-1]: (int(r["quad"]), float(r["goldstein"]), str(r["plover"]),
                                                 float(r["confidence"])) for r in store.select(prefixes + join)}
    assert joined == {e["id"]: (e["quad"], 2.5 if e["id"] == "gdelt-3002" else e["goldstein"], e["plover"],
                                e["confidence"]) for e in select_events(store)[0]}  # (/events: the code's Goldstein)
    net = EventNetwork.from_store(store)
    assert net.relations("USA", "CHN")["outgoing"]["goldstein_mean"] == 2.5  # the file's own value
    assert net.relations("SAU", "IRN")["outgoing"]["goldstein_mean"] == 8.0  # the code's
    for aggregate in (False, True):  # with and without the import's tallies: the same
        assert _dyads(EventNetwork.from_store(store, aggregate=aggregate)) == _dyads(net)


def test_gdelt_actors_are_represented_by_their_country(store, gdelt_file):
    import_files("gdelt", [gdelt_file], store)
    net = EventNetwork.from_store(store)
    assert net.graph.has_edge("CHN", "SAU")  # CHNGOV acts for China
    assert "IRN" in {n["actor"] for n in net.neighbors("USA")}


def test_reimport_adds_nothing_and_zip_is_read(store, gdelt_file, tmp_path):
    import_files("gdelt", [gdelt_file], store)
    quads = store.count_quads()
    again = import_files("gdelt", [gdelt_file], store)
    assert again.already == 1 and again.files == 0 and store.count_quads() == quads
    zipped = tmp_path / "z.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("z.export.CSV", GOOD[0] + "\n")
    other = EventStore(tmp_path / "other")
    report = import_files("gdelt", [zipped], other)
    assert report.events == 1 and report.files == 1


def test_an_import_in_parts_stores_the_same_as_one_in_a_piece(store, gdelt_file, tmp_path):
    whole = EventStore(tmp_path / "whole")
    whole.imports_to_default_graph = getattr(store, "imports_to_default_graph", False)  # (the layout of `store`)
    import_files("gdelt", [gdelt_file], whole)
    report = import_files("gdelt", [gdelt_file], store, part_lines=3)  # a part of ~3 lines: many bulk loads
    everything = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"

    def quads(st):
        default = [] if st.kind != "oxigraph" else [  # (the embedded store's imported events: its default graph)
            {"g": "", "s": q.subject.value, "p": q.predicate.value, "o": str(q.object)}
            for q in st._store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
        return {tuple(str(r[k]) for k in ("g", "s", "p", "o")) for r in [*st.select(everything), *default]
                if not str(r["p"]).endswith("generatedAtTime")}

    assert report.events == 4 and quads(store) == quads(whole)


def test_an_interrupted_import_leaves_nothing_and_a_killed_one_is_redone(store, gdelt_file, interrupt_writer):
    from diplokg.ingest import imports
    from diplokg.ingest.pipeline import ensure_reference

    ensure_reference(store)
    before = store.count_quads()
    restore = interrupt_writer()
    with pytest.raises(KeyboardInterrupt):
        import_files("gdelt", [gdelt_file], store)
    assert store.count_quads() == before
    restore()
    # a process killed mid-import leaves a graph without its completion mark: the next import redoes it
    graph = URIRef(import_graph("gdelt", imports._file_hash(gdelt_file)))
    store.stream_graph(graph, b"<https://example.org/half> <https://example.org/p> \"written\" .\n")
    report = import_files("gdelt", [gdelt_file], store)
    assert report.files == 1 and report.events == 4
    assert not list(store.select("SELECT ?s WHERE { ?s <https://example.org/p> ?o }"))


def test_a_store_imported_with_every_triple_answers_the_same(store, gdelt_file):
    """Imports made before the derivable triples were left out stored them all (type, root, base, QuadClass,
    Goldstein, PLOVER type, confidence): such a store answers as one without them."""
    from diplokg.graph.model import codebook, plover_type, quad_class
    from diplokg.ingest import imports
    from rdflib import RDF, XSD, Literal
    from rdflib.namespace import Namespace

    dk, sem = Namespace("https://w3id.org/diplokg/vocab#"), Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    store.imports_to_default_graph = False  # (imports of those days wrote their events into the file's graph)
    import_files("gdelt", [gdelt_file], store)

    def answers():
        events = sorted(select_events(store, per_article=True)[0], key=lambda e: e["id"])
        nets = [_dyads(EventNetwork.from_store(store, aggregate=a)) for a in (False, True)]
        quads = [sorted(e["id"] for e in select_events(store, EventFilter(quad=q))[0]) for q in (1, 2, 3, 4)]
        return events, nets, quads, len(select_events(store, EventFilter(min_confidence=0.5))[0])

    now = answers()
    graph = URIRef(import_graph("gdelt", imports._file_hash(gdelt_file)))
    triples = list(store.graph_triples(graph))
    old = list(triples)
    for s, _, code in [t for t in triples if t[1] == dk.cameoCode]:
        code = str(code)
        gold = [o for s2, p, o in triples if s2 == s and p == dk.goldstein]
        old += [(s, RDF.type, sem.Event), (s, dk.cameoRoot, Literal(code[:2])), (s, dk.cameoBaseCode, Literal(code[:3])),
                (s, dk.confidence, Literal("0.5", datatype=XSD.decimal))]
        if not any(p == dk.quadClass for s2, p, _ in triples if s2 == s):
            old.append((s, dk.quadClass, Literal(quad_class(code))))
        if not gold:
            old.append((s, dk.goldstein, Literal(repr(codebook()[code].goldstein), datatype=XSD.decimal)))
        if plover_type(code):
            old.append((s, dk.ploverType, Literal(plover_type(code))))
    store.replace_graph(graph, old)
    assert len(list(store.graph_triples(graph))) > len(triples)
    assert answers() == now


POLECAT_HEADER = ["Event ID", "Event Date", "Event Type", "Event Mode", "Quad Code", "Actor Name", "Actor Country",
                  "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Wikipedia Recipient ID", "Placename",
                  "Latitude", "Longitude", "GeoNames ID", "Source"]


def polecat_line(**v) -> str:
    return "\t".join(v.get(h, "") for h in POLECAT_HEADER)


def test_polecat_rows_keep_plover_and_wikidata(store, tmp_path):
    path = tmp_path / "ngec_coded_all_2023.txt"
    rows = [
        "\t".join(POLECAT_HEADER),
        polecat_line(**{"Event ID": "p1", "Event Date": "2023-03-10", "Event Type": "AGREE", "Event Mode": "",
                        "Actor Name": "Wang Yi", "Actor Country": "CHN", "Wikipedia Actor ID": "Q10988",
                        "Recipient Name": "", "Recipient Country": "IRN", "Latitude": "39.9", "Longitude": "116.4",
                        "GeoNames ID": "1816670", "Source": "https://example.org/p1"}),
        polecat_line(**{"Event ID": "p2", "Event Date": "2023-03-11", "Event Type": "SANCTION",
                        "Event Mode": "economic", "Actor Name": "", "Actor Country": "USA",
                        "Recipient Name": "", "Recipient Country": "RUS"}),
        polecat_line(**{"Event ID": "p3", "Event Date": "2023-03-11", "Event Type": "DANCE",
                        "Actor Country": "USA", "Recipient Country": "RUS"}),                     # not PLOVER
        polecat_line(**{"Event ID": "p4", "Event Date": "yesterday", "Event Type": "CONSULT",
                        "Actor Country": "USA", "Recipient Country": "RUS"}),                     # bad date
        polecat_line(**{"Event ID": "p5", "Event Date": "2023-03-11", "Event Type": "CONSULT",
                        "Actor Country": "USA"}),                                                 # no recipient
        "p6\t2023-03-11",                                                                         # short row
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = import_files("polecat", [path], store)
    assert (report.events, report.one_sided) == (2, 1)
    assert sorted(line for _, line, _ in report.problems) == [4, 5, 7]
    events, _ = select_events(store, EventFilter(source="CHN"))
    (agree,) = events
    assert agree["plover"] == "AGREE" and agree["code"] == "03" and agree["target"]["code"] == "IRN"
    assert agree["source"]["code"] == "Q10988" and agree["source"]["country"] == "CHN"
    assert list(store.select("ASK { <https://w3id.org/diplokg/id/actor/Q10988> "
                             "<http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q10988> }"
                             .replace("ASK {", "SELECT * WHERE {")))
    (sanction,) = select_events(store, EventFilter(source="USA"))[0]
    assert sanction["code"] == "16" and sanction["plover"] == "SANCTION"
    # the import's tallies count Wang Yi's agreement for China, as the events do
    aggregated = EventNetwork.from_store(store, aggregate=True)
    assert _dyads(aggregated) == _dyads(EventNetwork.from_store(store))
    assert aggregated.dyads["CHN", "IRN"].codes == {"03": 1}


def test_a_file_that_is_not_polecat_is_refused_whole(store, gdelt_file):
    from diplokg.ingest.pipeline import ensure_reference

    ensure_reference(store)
    before = store.count_quads()
    report = import_files("polecat", [gdelt_file], store)
    assert report.files == 0 and report.failures and "not a POLECAT file" in report.failures[0].reason
    assert store.count_quads() == before


def test_cli_import_reports_lines_and_exit_code(tmp_path, gdelt_file, capsys):
    from diplokg.cli import main

    code = main(["import", "gdelt", str(gdelt_file), "--store", str(tmp_path / "cli")])
    out, err = capsys.readouterr()
    assert code == 1 and "4 events" in out and f"{gdelt_file}:6: SQLDATE is not a date" in err


def test_an_import_into_a_new_store_does_not_load_the_coder(tmp_path, gdelt_file):
    """Importing events needs the reference graph, not spaCy (two seconds of every import, once)."""
    import subprocess
    import sys

    script = ("import sys; from diplokg.cli import main; "
              f"main(['import', 'gdelt', {str(gdelt_file)!r}, '--store', {str(tmp_path / 'new')!r}]); "
              "print('spacy' in sys.modules, 'lemminflect' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert "4 events" in done.stdout, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False False"


def _dyads(net: EventNetwork) -> dict:
    return {pair: (s.events, dict(s.codes), s.first, s.last, round(s.goldstein_mean or 0, 6))
            for pair, s in net.dyads.items()}


def test_the_dyad_network_reads_import_tallies_and_counts_the_rest(store, gdelt_file, tmp_path, coder):
    """An import counts its dyads as it writes them (``dk:DyadTally``); the aggregated network reads those and
    counts only the other graphs (articles, imports without tallies) — and must equal a network counted event
    by event."""
    from diplokg.ingest.pipeline import ingest

    from tests.conftest import SEED_TXT

    more = tmp_path / "more.export.CSV"  # same dyads again, through other actor codes of the same states
    more.write_text("\n".join([
        gdelt_row("2001", "20230101", "CHN", "CHN", "040", "SAUGOV", "SAU", goldstein="1.0"),
        gdelt_row("2002", "20230401", "CHNMIL", "CHN", "045", "SAU", "SAU", goldstein="5.0"),
        gdelt_row("2003", "20230402", "USA", "USA", "0874", "IRN", "IRN", quad="2", goldstein="-2.0"),
        gdelt_row("2004", "20230403", "CHN", "CHN", "057", "SYR", "SYR", goldstein="8.0"),
    ]) + "\n", encoding="utf-8")
    import_files("gdelt", [gdelt_file, more], store)
    assert ingest([str(SEED_TXT)], store, coder=coder).articles == 1
    tallies = list(store.select("PREFIX dk: <https://w3id.org/diplokg/vocab#> "
                                "SELECT ?x ?n WHERE { ?x a dk:DyadTally ; dk:tallyEvents ?n }"))
    assert sum(int(r["n"]) for r in tallies) == 8  # every imported event in exactly one tally

    counted = _dyads(EventNetwork.from_store(store))  # one edge per event
    aggregated = EventNetwork.from_store(store, aggregate=True)
    assert _dyads(aggregated) == counted
    # CHNGOV, CHN and CHNMIL are China; the seed article's mediation is the fourth
    assert counted["CHN", "SAU"][:2] == (4, {"045": 3, "040": 1})
    assert counted["CHN", "SYR"][0] > 1  # an import's and the seed article's
    assert aggregated.relations("CHN", "SAU")["events"] == 4

    # an import made before tallies existed (or one whose tallies are gone) is counted event by event
    from diplokg.ingest import imports

    graph = URIRef(import_graph("gdelt", imports._file_hash(more)))
    triples = list(store.graph_triples(graph))
    tally_nodes = {s for s, p, o in triples if str(o).endswith("#DyadTally")}
    assert tally_nodes
    store.replace_graph(graph, [t for t in triples if t[0] not in tally_nodes])
    assert _dyads(EventNetwork.from_store(store, aggregate=True)) == counted
