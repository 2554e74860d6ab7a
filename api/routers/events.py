"""GET /events (filtered, paginated) and GET /events/{id}: the event records of ``diplokg events``."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from diplokg.api.deps import ServiceDep, only_params
from diplokg.api.errors import ProblemError, problem_responses
from diplokg.graph.queries import EventFilter, select_events
from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel

router = APIRouter(tags=["events"])

PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CODE = r"^\d{2,4}$"
ACTOR = r"^[A-Za-z0-9_.\-]{1,64}$"
PARAMS = ("actor", "source", "target", "code", "root", "quad", "since", "until", "article", "modality", "limit",
          "cursor", "min_confidence")


class Page(BaseModel):
    items: list[dict[str, Any]]
    next: str | None


def check_date(name: str, value: str | None) -> str | None:
    """A partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) that exists; a malformed one is an error, not ignored."""
    if value is None:
        return None
    ok = bool(PARTIAL_DATE.match(value))
    if ok:
        parts = [int(p) for p in value.split("-")]
        try:
            date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            ok = False
    if not ok:
        raise ProblemError(400, f"{name}={value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


ActorQ = Annotated[str | None, Query(pattern=ACTOR, description="Actor code as source or target (persons count for "
                                     "their state)", examples=["CHN"])]


@router.get("/events", response_model=Page, summary="Events, filtered and paginated",
            dependencies=[Depends(only_params(*PARAMS))])
async def events(
    service: ServiceDep,
    actor: ActorQ = None,
    source: Annotated[str | None, Query(pattern=ACTOR, description="Source actor code", examples=["CHN"])] = None,
    target: Annotated[str | None, Query(pattern=ACTOR, description="Target actor code", examples=["SYR"])] = None,
    code: Annotated[str | None, Query(pattern=CODE, description="Exact CAMEO code", examples=["057"])] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root (two digits)",
                                      examples=["05"])] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="QuadClass: 1 verbal cooperation, 2 material "
                                      "cooperation, 3 verbal conflict, 4 material conflict", examples=[1])] = None,
    since: Annotated[str | None, Query(description="Earliest date, YYYY[-MM[-DD]]", examples=["2023-01"])] = None,
    until: Annotated[str | None, Query(description="Latest date, YYYY[-MM[-DD]]", examples=["2023-12-31"])] = None,
    article: Annotated[str | None, Query(max_length=300, pattern=r"^[^\x00-\x1f\x7f]*$", description="Article id",
                                         examples=["dw-2023-09-22-china-syria-partnership"])] = None,
    modality: Annotated[str | None, Query(pattern=r"^(asserted|future|negated)(,(asserted|future|negated))*$",
                                          description="Comma-separated modalities (default asserted: future and negated events are kept apart)",
                                          examples=["asserted"])] = None,
    limit: Annotated[int | None, Query(ge=1, description="Page size (default from settings, at most the "
                                       "configured maximum)", examples=[50])] = None,
    cursor: Annotated[str | None, Query(max_length=1000, description="The `next` value of the previous page",
                                        examples=[""])] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Only events whose coder confidence "
                                                  "is at least this (0-1)", examples=[0.6])] = None,
) -> Page:
    """Events in date order (undated last), each with its evidence: the JSON of `diplokg events`."""
    size = limit or service.settings.page_size
    if size > service.settings.max_page_size:
        raise ProblemError(400, f"limit={size} is over the maximum page size {service.settings.max_page_size}")
    flt = EventFilter(actor=actor, source=source, target=target, code=code, root=root, quad=quad,
                      since=check_date("since", since), until=check_date("until", until), article=article,
                      modalities=tuple(modality.split(",")) if modality else ("asserted",),
                      min_confidence=min_confidence)
    def page() -> Page:
        span = None  # a busy actor's page is found by walking days, when the dyad network knows it is busy
        if flt.modalities == ("asserted",) and not flt.about:
            span = service.span(actor, None) if actor else service.span(source or target, source and target)
        first = service.first_keys(flt, size + 1) if not cursor else None  # (the dyad network's first pages)
        items, nxt = select_events(service.store, flt, limit=size, after=cursor or None, cache=service.event_keys,
                                   span=span, first=first)
        return Page(items=items, next=nxt)

    return await service.respond(f"events:{flt!r}:{size}:{cursor}", page)


@router.get("/events/{event_id}", summary="One event", dependencies=[Depends(only_params())],
            responses=problem_responses(404))
def event(event_id: Annotated[str, Path(pattern=r"^[0-9A-Za-z_.\-]{1,100}$", description="Event id (coded events: a hash; imported ones: gdelt-…, polecat-…)", examples=["e8fdda76d014eaac2ab2"])], service: ServiceDep) -> dict[str, Any]:
    items, _ = select_events(service.store, EventFilter(ids=[event_id], modalities=("asserted", "future", "negated")))
    if not items:
        raise ProblemError(404, f"no event {event_id}")
    return items[0]
