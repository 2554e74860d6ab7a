"""End to end on the raw seed .txt: the three relations the user named, read back from exported RDF."""

from __future__ import annotations

from pathlib import Path

from diplokg.cli import main
from rdflib import Graph

SEED_TXT = Path(__file__).parent / "data" / "gold" / "seed" / "dw-2023-09-22-china-syria-partnership.txt"

PREFIX = """PREFIX dk: <https://w3id.org/diplokg/vocab#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX actor: <https://w3id.org/diplokg/id/actor/>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def _exported(tmp_path, capsys) -> Graph:
    store = str(tmp_path / "store")
    assert main(["ingest", str(SEED_TXT), "--store", store]) == 0
    assert "1 articles" in capsys.readouterr().out
    out = tmp_path / "graph.ttl"
    assert main(["export", "--store", store, "--format", "turtle", "-o", str(out)]) == 0
    return Graph().parse(out, format="turtle")


def _by_country(code: str) -> str:
    return f"{{ ?x dk:code \"{code}\" }} UNION {{ ?x dk:country/dk:code \"{code}\" }}"


def test_seed_relations_through_exported_rdf(tmp_path, capsys):
    g = _exported(tmp_path, capsys)
    # 1. China–Syria strategic partnership, 2023-09-22, with its evidence, as one triple pattern too
    rows = list(g.query(PREFIX + """
        SELECT ?date ?text ?start ?end WHERE {
          ?e a sem:Event ; dk:relation dk:partnerOf ; dk:source ?s ; dk:target ?t ; dk:date ?date ;
             dk:evidence [ schema:text ?text ; oa:start ?start ; oa:end ?end ] .
          { ?s dk:code "CHN" } UNION { ?s dk:country actor:CHN }
          { ?t dk:code "SYR" } UNION { ?t dk:country actor:SYR }
        }"""))
    assert rows and str(rows[0].date) == "2023-09-22"
    assert "strategic partnership" in str(rows[0].text)
    article = next(g.objects(None, g.namespace_manager.expand_curie("schema:articleBody")))
    assert str(article)[int(rows[0].start):int(rows[0].end)] == str(rows[0].text)
    assert g.query(PREFIX + "ASK { ?a dk:partnerOf ?b . { ?a dk:code 'CHN' } UNION { ?a dk:country actor:CHN } }").askAnswer

    # 2. China's vetoes at the UN Security Council, count 8
    rows = list(g.query(PREFIX + """
        SELECT ?count WHERE { ?e dk:cameoCode "129" ; dk:source actor:CHN ; dk:target actor:UNSC ; dk:count ?count }"""))
    assert [int(r[0]) for r in rows] == [8]
    assert g.query(PREFIX + "ASK { actor:CHN dk:vetoedAt actor:UNSC }").askAnswer

    # 3. China mediates between Saudi Arabia and Iran in March 2023, and the Saudi–Iranian agreement
    rows = {str(r.t): str(r.date) for r in g.query(PREFIX + """
        SELECT ?t ?date WHERE { ?e dk:cameoCode "045" ; dk:source actor:CHN ; dk:target/dk:code ?t ; dk:date ?date }""")}
    assert rows == {"SAU": "2023-03", "IRN": "2023-03"}
    assert g.query(PREFIX + "ASK { actor:SAU dk:agreedWith actor:IRN . actor:IRN dk:agreedWith actor:SAU }").askAnswer
    assert g.query(PREFIX + "ASK { actor:CHN dk:mediatedFor actor:SAU , actor:IRN }").askAnswer


def test_seed_facts_are_triples(seed_store):
    ask = PREFIX + "ASK { actor:CHN dk:permanentMemberOf actor:UNSC . actor:SYR dk:memberOf actor:BRI }"
    assert seed_store.query(ask)
    people = PREFIX + """ASK { actor:xi_jinping dk:holds ?p . ?p dk:office "head_of_state" ; dk:ofActor actor:CHN ;
        schema:startDate "2013-03-14"^^<http://www.w3.org/2001/XMLSchema#date> }"""
    assert seed_store.query(people)


def test_workers_store_the_same_events_as_one_process(tmp_path):
    import json

    from diplokg.graph.queries import list_events
    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ingest

    gold = sorted((Path(__file__).parent / "data" / "gold" / "dev").glob("*.json"))[:6]
    batch = tmp_path / "batch.jsonl"
    with batch.open("w") as fh:
        for path in gold:
            doc = json.loads(path.read_text())
            fh.write(json.dumps({k: doc.get(k) for k in ("id", "title", "published", "text")}) + "\n")
        fh.write("{broken\n")
    got = []
    for workers in (1, 2):
        with EventStore(tmp_path / f"s{workers}") as store:
            report = ingest([str(batch)], store, workers=workers)
            assert report.articles == len(gold) and len(report.failures) == 1
            got.append([(e["article"], e["source"]["code"], e["code"], e["target"]["code"], e["date"])
                        for e in list_events(store)])
    assert got[0] == got[1] and got[0]
