"""The interactive graph page: ``GET /graph`` (HTML), ``GET /graph/data`` (its JSON twin) and ``GET /static/…``.

The page is built by ``diplokg.viz.page`` from the service's networkx working graph; this router validates the
filters, calls it and shapes the answer. The HTML is sent with a Content-Security-Policy allowing only this
origin, so its scripts and styles are files served here (vis-network from the installed pyvis, our own
graph.js and graph.css), never inline.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from diplokg.api.deps import ServiceDep, only_params
from diplokg.api.errors import ProblemError, problem_responses
from diplokg.api.routers.events import check_date
from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["graph page"])

PARAMS = ("actor", "depth", "since", "until", "quad", "code", "min_count")
ACTOR = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
CODE = re.compile(r"^\d{2,4}$")
PAGE_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache",
                "X-Frame-Options": "DENY"}


def view_filters(
    actor: Annotated[str | None, Query(description="Centre the view on this actor code (persons stand for "
                                       "their state)", examples=["CHN"])] = None,
    depth: Annotated[int, Query(ge=1, le=3, description="Hops around the centre actor (1–3)", examples=[2])] = 2,
    since: Annotated[str | None, Query(description="Earliest event date, YYYY[-MM[-DD]]",
                                       examples=["2020"])] = None,
    until: Annotated[str | None, Query(description="Latest event date, YYYY[-MM[-DD]]",
                                       examples=["2023-12"])] = None,
    quad: Annotated[list[str] | None, Query(description="QuadClasses to show: repeat or comma-separate 1 (verbal "
                                            "cooperation), 2 (material cooperation), 3 (verbal conflict), 4 "
                                            "(material conflict)", examples=["1,2"])] = None,
    code: Annotated[str | None, Query(description="A CAMEO code or its prefix (04: all consultations)",
                                      examples=["04"])] = None,
    min_count: Annotated[int, Query(ge=1, le=100000, description="Hide ties with fewer events",
                                    examples=[1])] = 1,
) -> dict[str, Any]:
    """The view's filters, validated; empty values (an empty form field) mean no filter."""
    actor, code = actor or None, code or None
    if actor is not None and not ACTOR.match(actor):
        raise ProblemError(400, f"actor={actor!r} is not an actor code")
    if code is not None and not CODE.match(code):
        raise ProblemError(400, f"code={code!r} is not a CAMEO code or prefix (2 to 4 digits)")
    quads: list[int] = []
    for part in (p.strip() for value in quad or () for p in value.split(",")):
        if part not in ("1", "2", "3", "4"):
            raise ProblemError(400, f"quad={part!r} is not a QuadClass: use 1, 2, 3 or 4")
        quads.append(int(part))
    return {"actor": actor, "depth": depth, "since": check_date("since", since or None),
            "until": check_date("until", until or None), "quad": sorted(set(quads)) or None, "code": code,
            "min_count": min_count}


Filters = Annotated[dict[str, Any], Depends(view_filters)]


@router.get("/graph", response_class=HTMLResponse, summary="The interactive graph page",
            dependencies=[Depends(only_params(*PARAMS))], responses=problem_responses(404))
def graph_page(request: Request, service: ServiceDep, filters: Filters) -> HTMLResponse:
    """Actors as nodes (colour: kind, size: events), ties per dyad and QuadClass as edges (colour: QuadClass,
    width: events); click a node or an edge for its events and their evidence. Served with a strict
    Content-Security-Policy: nothing is loaded from elsewhere."""
    from diplokg.viz.page import CSP, build_graph, render_page

    data = build_graph(service.event_network, **filters)
    html = render_page(data, api_base=request.scope.get("root_path", "").rstrip("/"))
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP, **PAGE_HEADERS})


@router.get("/graph/data", summary="The graph page's data: nodes and edges as vis-network draws them",
            dependencies=[Depends(only_params(*PARAMS))], responses=problem_responses(404))
def graph_data(service: ServiceDep, filters: Filters) -> dict[str, Any]:
    """The JSON twin of `/graph`: `nodes`, `edges` (one per dyad and QuadClass, with its event ids and its events
    per month `t` = [month, events, Goldstein sum, …] counted from `time.first`), `more` (the ties past the
    2,500 drawn, compact, for the page's time bar), `time` (the months the events span), the layout `options`,
    the normalised `filters`, a `legend` and `stats`."""
    from diplokg.viz.page import build_graph

    return build_graph(service.event_network, **filters)


@router.get("/static/{name}", summary="The graph page's scripts and styles", include_in_schema=False,
            dependencies=[Depends(only_params("v"))])
def static_asset(name: Annotated[str, Path(pattern=r"^[a-z.\-]{1,40}$")], request: Request) -> Response:
    """Only the page's own files. With the content hash as ``?v=`` (as the page links them) they are cached for
    a year; otherwise revalidated by ETag."""
    from diplokg.viz.assets import ASSETS, asset

    if name not in ASSETS:
        raise ProblemError(404, f"no static file {name!r}")
    found = asset(name)
    etag = f'"{found.digest}"'
    versioned = request.query_params.get("v") == found.digest
    headers = {"ETag": etag, "X-Content-Type-Options": "nosniff",
               "Cache-Control": "public, max-age=31536000, immutable" if versioned else "public, max-age=0, "
                                                                                    "must-revalidate"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(found.body, media_type=found.media_type, headers=headers)
