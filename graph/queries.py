"""Read events, actors and figures back from the store with SPARQL, as plain dicts (the JSON contract).

The event dict is the contract of ``diplokg events --format json`` (``../shared/corpus/README.md``): ``article``,
``code``, ``quad``, ``date``, ``count``, ``source``/``target`` with ``code`` and ``country``, plus ``id``,
``label``, ``root``, ``goldstein``, ``date_precision``, ``modality``, ``confidence`` and ``evidence``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from urllib.parse import unquote

from diplokg.graph.namespace import BASE
from diplokg.graph.store import EventStore

__all__ = ["PREFIXES", "graph_summary", "list_actors", "list_events"]

PREFIXES = """PREFIX dk: <https://w3id.org/diplokg/vocab#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

MODALITY_NAMES = {"Asserted": "asserted", "Future": "future", "Negated": "negated"}


def _lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _actors(store: EventStore) -> dict[str, dict]:
    rows = store.select(PREFIXES + """
        SELECT ?a ?code ?label ?kind ?c ?ccode WHERE {
          ?a dk:code ?code . OPTIONAL { ?a rdfs:label ?label } OPTIONAL { ?a dk:kind ?kind }
          OPTIONAL { ?a dk:country ?c OPTIONAL { ?c dk:code ?ccode } }
        }""")
    actors = {}
    for r in rows:
        kind = str(r["kind"]) if r["kind"] else None
        code = str(r["code"])
        if r["ccode"] is not None:
            country = str(r["ccode"])
        elif r["c"] is not None:  # a country the reference graph does not describe, e.g. an opposition
            country = unquote(str(r["c"]).rsplit("/", 1)[-1])
        else:
            country = code if kind == "state" else None
        actors[str(r["a"])] = {"code": code, "label": str(r["label"]) if r["label"] else code, "kind": kind,
                               "country": country}
    return actors


def list_events(store: EventStore, *, actor: str | None = None, since: str | date | None = None,
                until: str | date | None = None, modalities: tuple[str, ...] = ("asserted", "future"),
                article: str | None = None) -> list[dict]:
    """Events in the store, oldest first, filtered by actor code (as source or target, or as their country),
    date range (ISO, partial dates compare by prefix) and modality."""
    filters = []
    if article:
        filters.append(f"FILTER(?article = {_lit(article)})")
    rows = list(store.select(PREFIXES + f"""
        SELECT ?e ?article ?code ?quad ?gold ?date ?prec ?count ?conf ?mod ?src ?tgt ?label WHERE {{
          ?e a sem:Event ; dk:source ?src ; dk:target ?tgt ; dk:cameoCode ?code ; dk:quadClass ?quad ;
             dk:modality ?mod ; dk:confidence ?conf ; prov:wasDerivedFrom ?art .
          ?art schema:identifier ?article .
          OPTIONAL {{ ?e dk:goldstein ?gold }}
          OPTIONAL {{ ?e dk:date ?date ; dk:datePrecision ?prec }}
          OPTIONAL {{ ?e dk:count ?count }}
          OPTIONAL {{ ?e sem:eventType/skos:prefLabel ?label }}
          {' '.join(filters)}
        }}"""))
    evidence = defaultdict(list)
    for r in store.select(PREFIXES + """
        SELECT ?e ?ev ?text ?start ?end WHERE { ?e dk:evidence ?ev . ?ev schema:text ?text ; oa:start ?start ;
        oa:end ?end }"""):
        evidence[str(r["e"])].append({"sentence": str(r["text"]), "start": int(r["start"]), "end": int(r["end"]),
                                      "_iri": str(r["ev"])})
    actors = _actors(store)
    since_s, until_s = (str(since) if since else None), (str(until) if until else None)
    out = []
    for r in rows:
        modality = MODALITY_NAMES.get(str(r["mod"]).rsplit("#", 1)[-1], "asserted")
        if modality not in modalities:
            continue
        src = actors.get(str(r["src"]), {"code": str(r["src"]).rsplit("/", 1)[-1], "country": None})
        tgt = actors.get(str(r["tgt"]), {"code": str(r["tgt"]).rsplit("/", 1)[-1], "country": None})
        if actor and actor not in (src["code"], tgt["code"], src.get("country"), tgt.get("country")):
            continue
        when = str(r["date"]) if r["date"] else None
        if since_s and (not when or when < since_s[: len(when)]):
            continue
        if until_s and (not when or when[: len(until_s)] > until_s):
            continue
        evs = sorted(evidence.get(str(r["e"]), []), key=lambda e: e["_iri"])
        for ev in evs:
            ev.pop("_iri", None)
        code = str(r["code"])
        out.append({
            "id": str(r["e"]).rsplit("/", 1)[-1],
            "article": str(r["article"]),
            "code": code,
            "label": str(r["label"]) if r["label"] else None,
            "root": code[:2],
            "quad": int(r["quad"]),
            "goldstein": float(r["gold"]) if r["gold"] is not None else None,
            "date": when,
            "date_precision": str(r["prec"]) if r["prec"] else None,
            "count": int(r["count"]) if r["count"] is not None else None,
            "modality": modality,
            "confidence": float(r["conf"]),
            "source": src,
            "target": tgt,
            "evidence": evs,
        })
    out.sort(key=lambda e: (e["date"] or "9999", e["article"], e["evidence"][0]["start"] if e["evidence"] else 0,
                            e["source"]["code"], e["code"], e["target"]["code"]))
    return out


def list_actors(store: EventStore, *, only_with_events: bool = True) -> list[dict]:
    """Actors with their number of events (as source or target)."""
    counts = {str(r["a"]): int(r["n"]) for r in store.select(PREFIXES + """
        SELECT ?a (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event . { ?e dk:source ?a } UNION { ?e dk:target ?a } }
        GROUP BY ?a""")}
    actors = _actors(store)
    out = []
    for iri, info in actors.items():
        n = counts.get(iri, 0)
        if only_with_events and not n:
            continue
        out.append({**info, "events": n})
    out.sort(key=lambda a: (-a["events"], a["code"]))
    return out


def graph_summary(store: EventStore) -> dict:
    """Figures for the summary: articles, events, actors, triples, and the relations asserted."""
    articles = [str(r["id"]) for r in store.select(PREFIXES + "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id }")]
    relations = []
    for r in store.select(PREFIXES + f"""
        SELECT DISTINCT ?s ?p ?o WHERE {{ ?e dk:relation ?p ; dk:source ?sa ; dk:target ?oa .
          ?sa dk:code ?s . ?oa dk:code ?o . FILTER(STRSTARTS(STR(?p), "{BASE}vocab#")) }}"""):
        relations.append((str(r["s"]), str(r["p"]).rsplit("#", 1)[-1], str(r["o"])))
    return {
        "articles": articles,
        "events": len(list_events(store, modalities=("asserted", "future", "negated"))),
        "triples": store.count_triples(),
        "graphs": len(store.named_graphs()),
        "relations": sorted(relations),
    }
