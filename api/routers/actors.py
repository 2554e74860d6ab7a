"""GET /actors (search by name or alias) and GET /actors/{code}."""

from __future__ import annotations

from typing import Annotated, Any

from diplokg.api.deps import ServiceDep, only_params
from diplokg.api.errors import problem_responses
from diplokg.api.routers.articles import sparql_string
from diplokg.errors import UnknownActor
from diplokg.graph.model import actor_iri
from diplokg.graph.queries import PREFIXES
from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel

router = APIRouter(tags=["actors"])
KINDS = r"^(state|person|organisation|group|initiative|bloc)$"


class ActorPage(BaseModel):
    items: list[dict[str, Any]]
    total: int


def _events_by_actor(service) -> dict[str, int]:
    def count() -> dict[str, int]:
        rows = service.store.select(PREFIXES + """
            SELECT ?a (COUNT(DISTINCT ?e) AS ?n) WHERE { { ?e dk:source ?a } UNION { ?e dk:target ?a } }
            GROUP BY ?a""")  # (only events have dk:source and dk:target; in any graph, the default one too)
        return {str(r["a"]): int(r["n"]) for r in rows}

    return service.remember("events_by_actor", count)


@router.get("/actors", response_model=ActorPage, summary="Search actors by name or alias",
            dependencies=[Depends(only_params("q", "kind", "limit", "offset"))])
def actors(
    service: ServiceDep,
    q: Annotated[str | None, Query(min_length=1, max_length=100, description="Part of a name, alias or code "
                                   "(case-insensitive)", examples=["syria"])] = None,
    kind: Annotated[str | None, Query(pattern=KINDS, description="Actor kind", examples=["state"])] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size", examples=[20])] = 50,
    offset: Annotated[int, Query(ge=0, description="Rows to skip", examples=[0])] = 0,
) -> ActorPage:
    """Actors known to the store (the gazetteer and those learned from articles), those with events first."""
    filters = []
    if q:
        needle = sparql_string(q.lower())
        filters.append(f"FILTER(CONTAINS(LCASE(?code), {needle}) || CONTAINS(LCASE(STR(?label)), {needle}) || "
                       f"EXISTS {{ ?a skos:altLabel ?alt FILTER(CONTAINS(LCASE(STR(?alt)), {needle})) }})")
    if kind:
        filters.append(f"FILTER(?kind = {sparql_string(kind)})")
    rows = list(service.store.select(PREFIXES + f"""
        SELECT DISTINCT ?a ?code ?label ?kind ?ccode ?qid WHERE {{
          ?a dk:code ?code ; rdfs:label ?label ; dk:kind ?kind .
          OPTIONAL {{ ?a dk:country/dk:code ?ccode }} OPTIONAL {{ ?a owl:sameAs ?qid }}
          {' '.join(filters)} }}"""))
    counts = _events_by_actor(service)
    items = [{"code": str(r["code"]), "label": str(r["label"]), "kind": str(r["kind"]),
              "country": str(r["ccode"]) if r["ccode"] else (str(r["code"]) if str(r["kind"]) == "state" else None),
              "wikidata": str(r["qid"]) if r["qid"] else None, "events": counts.get(str(r["a"]), 0)} for r in rows]
    items.sort(key=lambda a: (-a["events"], a["code"]))
    return ActorPage(items=items[offset:offset + limit], total=len(items))


@router.get("/actors/{code}", summary="One actor, with its offices and event count",
            dependencies=[Depends(only_params())], responses=problem_responses(404))
def actor(code: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.\-]{1,64}$", description="Actor code",
                                    examples=["CHN"])], service: ServiceDep) -> dict[str, Any]:
    iri = actor_iri(code)
    rows = list(service.store.select(PREFIXES + f"""
        SELECT ?label ?kind ?ccode ?qid WHERE {{ <{iri}> dk:code ?code ; rdfs:label ?label ; dk:kind ?kind .
          OPTIONAL {{ <{iri}> dk:country/dk:code ?ccode }} OPTIONAL {{ <{iri}> owl:sameAs ?qid }} }}"""))
    if not rows:
        raise UnknownActor(code)
    r = rows[0]
    aliases = [str(x["alt"]) for x in service.store.select(PREFIXES + f"SELECT ?alt WHERE {{ <{iri}> skos:altLabel ?alt }}")]
    positions = [{"office": str(p["office"]), "of": str(p["of"]), "start": str(p["start"]) if p["start"] else None,
                  "end": str(p["end"]) if p["end"] else None}
                 for p in service.store.select(PREFIXES + f"""
                    SELECT ?office ?of ?start ?end WHERE {{ <{iri}> dk:holds ?p . ?p dk:office ?office ;
                      dk:ofActor/dk:code ?of . OPTIONAL {{ ?p schema:startDate ?start }}
                      OPTIONAL {{ ?p schema:endDate ?end }} }} ORDER BY ?start""")]
    kind = str(r["kind"])
    return {"code": code, "label": str(r["label"]), "kind": kind,
            "country": str(r["ccode"]) if r["ccode"] else (code if kind == "state" else None),
            "wikidata": str(r["qid"]) if r["qid"] else None, "aliases": sorted(set(aliases)),
            "positions": positions, "events": _events_by_actor(service).get(str(iri), 0)}
