"""Graph questions over HTTP: relations of a dyad, neighbours, paths, centrality, timelines, communities.

Answered by the networkx working graph (``diplokg.graph.network``), built once from the store and rebuilt after
writes; evidence comes from the store for the events an answer names. Answers are remembered until the next write
(``Service.respond``, their JSON rendered once): a hot question costs one dictionary lookup, on the event loop.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Annotated, Any

from diplokg.api.deps import ServiceDep, only_params
from diplokg.api.errors import ProblemError, problem_responses
from diplokg.graph.queries import EventFilter, select_events
from fastapi import APIRouter, Depends, Path, Query

router = APIRouter(tags=["graph"])
ACTOR = r"^[A-Za-z0-9_.\-]{1,64}$"
SAMPLE = 50


def plain(obj: Any) -> Any:
    """Dataclasses, Counters, sets and tuples as JSON-ready dicts and lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Counter):
        return {str(k): v for k, v in obj.most_common()}
    if isinstance(obj, dict):
        return {str(k) if not isinstance(k, str) else k: plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [plain(v) for v in obj]
    return obj


def _dyad_events(service, pairs) -> list[dict[str, Any]]:
    """Up to ``SAMPLE`` events of these (source, target) pairs, oldest first, with their evidence: read from the
    store through its indexes (the dyad network counts events, it does not hold them)."""
    items = []
    for a, b in dict.fromkeys(pairs):
        flt = EventFilter(source=a, target=b)  # (the first page: from the dyad network's, when it has it)
        found, _ = select_events(service.store, flt, limit=SAMPLE, span=service.span(a, b),
                                 first=service.first_keys(flt, SAMPLE + 1))
        items.extend(found)
    items.sort(key=lambda e: (e["date"] or "9999", e["id"]))
    return items[:SAMPLE]


@router.get("/relations", summary="What two actors did to each other, with evidence",
            dependencies=[Depends(only_params("source", "target"))], responses=problem_responses(404))
async def relations(
    service: ServiceDep,
    source: Annotated[str, Query(pattern=ACTOR, description="Actor code", examples=["CHN"])],
    target: Annotated[str | None, Query(pattern=ACTOR, description="Other actor code; omit for all of the "
                                        "source's dyads", examples=["SYR"])] = None,
) -> dict[str, Any] | list[dict[str, Any]]:
    """Per direction: counts per CAMEO code and QuadClass, first and last date, mean Goldstein; and the events
    themselves (up to 50) with their evidence sentences."""
    return await service.respond(f"relations:{source}:{target}", lambda: _relations(service, source, target))


def _relations(service, source: str, target: str | None) -> dict[str, Any]:
    summary = plain(service.network.relations(source, target))
    if target is not None:
        a, b = summary["actor"], summary["counterpart"]  # a person's dyad is their state's
        summary["events"] = _dyad_events(service, [(a, b), (b, a)])
        # events at a third party that concern the other actor: a veto at the Security Council on Syria
        concerning = []
        for a, b in ((source, target), (target, source)):
            items, _ = select_events(service.store, EventFilter(source=a, about=b), limit=SAMPLE)
            concerning.extend(items)
        summary["concerning"] = concerning
    return summary


@router.get("/neighbors/{code}", summary="Actors within a few hops", dependencies=[Depends(only_params("depth"))],
            responses=problem_responses(404))
async def neighbors(
    service: ServiceDep,
    code: Annotated[str, Path(pattern=ACTOR, description="Actor code", examples=["CHN"])],
    depth: Annotated[int, Query(ge=1, le=3, description="Hops (1–3)", examples=[1])] = 1,
) -> dict[str, Any]:
    return await service.respond(f"neighbors:{code}:{depth}", lambda: {
        "actor": code, "depth": depth, "neighbors": plain(service.network.neighbors(code, depth))})


@router.get("/path", summary="How two actors are connected, hop by hop, with the events of each hop",
            dependencies=[Depends(only_params("from", "to", "max_hops", "directed"))],
            responses=problem_responses(404))
async def path(
    service: ServiceDep,
    source: Annotated[str, Query(alias="from", pattern=ACTOR, description="Start actor", examples=["SAU"])],
    target: Annotated[str, Query(alias="to", pattern=ACTOR, description="End actor", examples=["SYR"])],
    max_hops: Annotated[int, Query(ge=1, le=6, description="Longest path considered", examples=[4])] = 4,
    directed: Annotated[bool, Query(description="Follow event direction (source → target)")] = False,
) -> dict[str, Any]:
    return await service.respond(f"path:{source}:{target}:{max_hops}:{directed}",
                                 lambda: _path(service, source, target, max_hops, directed))


def _path(service, source: str, target: str, max_hops: int, directed: bool) -> dict[str, Any]:
    hops = service.network.path(source, target, max_hops=max_hops, directed=directed)
    if hops is None:
        raise ProblemError(404, f"no path from {source} to {target} within {max_hops} hops")
    out = []
    for hop in plain(hops):
        pairs = [(hop["source"], hop["target"])] + ([] if directed else [(hop["target"], hop["source"])])
        out.append({**hop, "events": _dyad_events(service, pairs)})
    return {"from": source, "to": target, "hops": out}


@router.get("/centrality", summary="The most central actors",
            dependencies=[Depends(only_params("metric", "limit"))])
async def centrality(
    service: ServiceDep,
    metric: Annotated[str, Query(pattern=r"^(degree|pagerank|betweenness)$", description="degree, pagerank or "
                                 "betweenness (weighted by event counts where the metric allows)",
                                 examples=["pagerank"])] = "degree",
    limit: Annotated[int, Query(ge=1, le=1000, description="How many actors", examples=[10])] = 20,
) -> dict[str, Any]:
    return await service.respond(f"centrality:{metric}:{limit}", lambda: {
        "metric": metric, "actors": plain(service.network.centrality(metric, limit=limit))})


@router.get("/timeline", summary="A dyad's events and mean Goldstein per period",
            dependencies=[Depends(only_params("source", "target", "interval"))], responses=problem_responses(404))
async def timeline(
    service: ServiceDep,
    source: Annotated[str, Query(pattern=ACTOR, description="Actor code", examples=["CHN"])],
    target: Annotated[str, Query(pattern=ACTOR, description="Other actor code", examples=["SYR"])],
    interval: Annotated[str, Query(pattern=r"^(month|year)$", description="month or year",
                                   examples=["month"])] = "month",
) -> dict[str, Any]:
    """The trend of a dyad from cooperation (Goldstein > 0) to conflict (< 0), both directions together."""
    return await service.respond(f"timeline:{source}:{target}:{interval}",
                                 lambda: plain(service.network.timeline(source, target, interval=interval)))


@router.get("/communities", summary="Groups of closely tied actors", dependencies=[Depends(only_params())])
async def communities(service: ServiceDep) -> dict[str, Any]:
    return await service.respond("communities", lambda: {"communities": plain(service.network.communities())})
