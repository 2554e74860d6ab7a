"""GET /health: is the service up, and what does its store hold."""

from __future__ import annotations

from diplokg.api.deps import ServiceDep, only_params
from fastapi import APIRouter, Depends
from pydantic import BaseModel

router = APIRouter(tags=["service"])


class SparqlStatus(BaseModel):
    runner: str  # "processes" (embedded store) or "threads"
    capacity: int  # queries that may run at once
    running: int
    waiting: int
    stopped: dict[str, int]  # queries stopped since start, by limit: timeout, memory, long, preempted


class WatchRound(BaseModel):
    at: str  # when the round started (UTC, ISO 8601)
    seconds: float
    kind: str  # feed, gdelt, or unknown (the source could not be read)
    new: int  # articles stored or export files imported
    seen: int  # items skipped as stored already
    errors: list[str]  # items reported and skipped (the first 20), or why the source failed
    failed: bool  # the source itself could not be read: the next round waits longer
    unchanged: bool  # the source answered 304 Not Modified to a conditional GET: nothing new to read
    next: str  # when the next round is due


class WatchStatus(BaseModel):
    source: str
    last_round: WatchRound | None  # None until the first round has ended


class Health(BaseModel):
    status: str
    store: str
    store_path: str | None
    triples: int
    events: int
    actors: int
    articles: int
    sparql: SparqlStatus
    watch: list[WatchStatus] | None = None  # the sources of `diplokg serve --watch`, if any


@router.get("/health", response_model=Health, summary="Service status and store figures",
            dependencies=[Depends(only_params())])
async def health(service: ServiceDep) -> Health:
    """`triples` counts quads in the store (a triple asserted by two articles counts twice); `actors` counts those
    taking part in at least one event; `sparql` says where SPARQL queries run and how many the limits stopped;
    `watch` gives the last round of each source the server watches (`diplokg serve --watch`)."""
    figures = await service.current_figures()
    return Health(status="ok", store=service.store.kind,
                  store_path=str(service.store.path) if service.store.path else None,
                  sparql=SparqlStatus(**service.sparql.status()),
                  watch=service.watcher.status() if service.watcher is not None else None, **figures)

