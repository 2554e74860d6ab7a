"""Events read back as the dicts of the JSON contract, for a page of event IRIs (what ``select_events`` returns)."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import unquote

from diplokg.graph.model import IMPORTED_CONFIDENCE, codebook, plover_type, quad_class
from diplokg.graph.sparql_rows import (
    ARTICLE_ID,
    MODALITY_NAMES,
    PREFIXES,
    _actors,
    _iri_list,
    _undescribed,
    event_layout,
    over,
    per_report,
)
from diplokg.graph.store import EventStore

__all__ = ["describe_events"]


def describe_events(store: EventStore, order: dict[str, int], article: str | None, per_article: bool) -> list[dict]:
    """The events of ``order`` (IRI → rank) as dicts. What every report of an event shares (actors, code,
    date, modality) is read over the union of graphs; what each article says of it (confidence, count, whom it
    concerns) is read per named graph, so one event reported by several articles keeps each article's word."""
    values = f"VALUES ?e {{ {_iri_list(order)} }}"
    page, layout = f"{{ SELECT ?e WHERE {{ {values} }} }}", event_layout(store)
    core = {str(r["e"]): r for r in store.select(PREFIXES + f"""
        SELECT DISTINCT ?e ?code ?quad ?date ?prec ?mod ?src ?tgt WHERE {{
          {per_report("?e dk:source ?src ; dk:target ?tgt ; dk:cameoCode ?code . ?e dk:modality ?mod .",
                      ["?e dk:quadClass ?quad", "?e dk:date ?date", "?e dk:datePrecision ?prec"], anchor=page, layout=layout)}
        }}""", **over(layout))}  # one pattern per OPTIONAL: two make Oxigraph hash-join every date of the store (3 s at 100,000)
    reports: dict[str, dict[str, dict]] = defaultdict(dict)
    article_ids = {}
    for r in store.select(PREFIXES + f"""
        SELECT ?e ?art ?article ?conf ?count ?about WHERE {{
          {per_report("?e prov:wasDerivedFrom ?art .", ["?e dk:confidence ?conf", "?e dk:count ?count",
                                                       "?e dk:about ?about"], anchor=page,
                     then=ARTICLE_ID, layout=layout)}
        }}"""):  # OPTIONALs inside GRAPH cost 40x (0.5 s for 50 events of 20,000)
        article_ids[str(r["art"])] = str(r["article"])
        reports[str(r["e"])][str(r["article"])] = {
            "confidence": float(r["conf"]) if r["conf"] is not None else IMPORTED_CONFIDENCE, "count": int(r["count"]) if r["count"] is not None else None,
            "about": str(r["about"]) if r["about"] is not None else None}
    evidence = defaultdict(list)
    for r in store.select(PREFIXES + f"""
        SELECT ?e ?text ?start ?end ?art WHERE {{ {values}
          ?e dk:evidence ?ev . ?ev schema:text ?text ; oa:start ?start ; oa:end ?end ; oa:hasSource ?art }}"""):
        art = article_ids.get(str(r["art"])) or unquote(str(r["art"]).rsplit("/", 1)[-1])
        item = {"sentence": str(r["text"]), "start": int(r["start"]), "end": int(r["end"]), "article": art}
        if item not in evidence[str(r["e"])]:
            evidence[str(r["e"])].append(item)
    actors = _actors(store, {str(r[k]) for r in core.values() for k in ("src", "tgt")}
                     | {rep["about"] for reps in reports.values() for rep in reps.values() if rep["about"]})

    def actor(iri):
        return (actors.get(iri) or _undescribed(iri)) if iri else None

    out = []
    for iri in sorted(core, key=order.__getitem__):
        r, reps = core[iri], reports.get(iri, {})
        code = str(r["code"])
        concept = codebook().get(code)
        sources = sorted(reps)
        evs = sorted(evidence.get(iri, []), key=lambda x: (x["article"], x["start"]))
        event = {
            "id": iri.rsplit("/", 1)[-1],
            "article": article if article in reps else (sources[0] if sources else None),
            "code": code,
            "label": concept.label if concept else None,
            "root": code[:2],
            "plover": plover_type(code),
            "quad": int(r["quad"]) if r["quad"] is not None else quad_class(code),
            "goldstein": concept.goldstein if concept else None,
            "date": str(r["date"]) if r["date"] else None,
            "date_precision": str(r["prec"]) if r["prec"] else None,
            "count": max((x["count"] for x in reps.values() if x["count"] is not None), default=None),
            "modality": MODALITY_NAMES.get(str(r["mod"]).rsplit("#", 1)[-1], "asserted"),
            "confidence": max((x["confidence"] for x in reps.values()), default=0.0),
            "source": actor(str(r["src"])),
            "target": actor(str(r["tgt"])),
            "about": actor(next((x["about"] for x in reps.values() if x["about"]), None)),
            "articles": sources,
            "sources": len(sources),
            "mentions": len(evs),
            "evidence": evs,
        }
        if not per_article:
            out.append(event)
            continue
        for art in sources if article is None else [a for a in sources if a == article]:
            rep = reps[art]
            out.append({**event, "article": art, "confidence": rep["confidence"], "count": rep["count"],
                        "about": actor(rep["about"]), "evidence": [x for x in evs if x["article"] == art]})
    return out
