"""``/export``: the whole graph as an RDF file, and the actor network for graph tools (Gephi, Cytoscape).

``GET /export?format=trig`` writes the store (dataset formats keep the named graphs; Turtle and N-Triples write
their union); without ``format`` the ``Accept`` header chooses, TriG by default. The file is written to a
temporary file first and streamed from there, so a large store is never held in memory whole.
``GET /export/network?format=gexf`` writes the networkx working graph: GEXF, GraphML, or its edges as CSV.
"""

from __future__ import annotations

import os
import tempfile
from enum import Enum, StrEnum
from typing import Annotated

from diplokg.api.deps import ServiceDep, only_params
from diplokg.api.errors import PROBLEM_JSON, ProblemError
from diplokg.api.routers.sparql import negotiate
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

__all__ = ["NETWORK_TYPES", "RDF_TYPES", "NetworkFormat", "RdfExportFormat", "router"]

router = APIRouter(tags=["export"])


class RdfExportFormat(StrEnum):
    trig = "trig"
    nquads = "nquads"
    turtle = "turtle"
    nt = "nt"
    jsonld = "jsonld"


class NetworkFormat(StrEnum):
    gexf = "gexf"
    graphml = "graphml"
    csv = "csv"


#: format → (media type, file name), the first one the default.
RDF_TYPES: dict[RdfExportFormat, tuple[str, str]] = {
    RdfExportFormat.trig: ("application/trig", "diplokg.trig"),
    RdfExportFormat.nquads: ("application/n-quads", "diplokg.nq"),
    RdfExportFormat.turtle: ("text/turtle", "diplokg.ttl"),
    RdfExportFormat.nt: ("application/n-triples", "diplokg.nt"),
    RdfExportFormat.jsonld: ("application/ld+json", "diplokg.jsonld"),
}
NETWORK_TYPES: dict[NetworkFormat, tuple[str, str]] = {
    NetworkFormat.gexf: ("application/gexf+xml", "diplokg-network.gexf"),
    NetworkFormat.graphml: ("application/graphml+xml", "diplokg-network.graphml"),
    NetworkFormat.csv: ("text/csv", "diplokg-edges.csv"),
}
_PROBLEM = {"content": {PROBLEM_JSON: {}}}


def _chosen(fmt: Enum | None, accept: str | None, types: dict) -> Enum:
    """The format asked for, else the one the Accept header prefers, else 406."""
    if fmt is not None:
        return fmt
    by_media = {media: key for key, (media, _) in types.items()}
    media = negotiate(accept, list(by_media))
    if media is None:
        raise ProblemError(406, f"cannot answer as {accept!r}; offered: {', '.join(by_media)} "
                                f"(or ask with ?format={'|'.join(k.value for k in types)})",
                           offered=list(by_media))
    return by_media[media]


def _responses(types: dict, what: str) -> dict:
    return {
        200: {"description": what, "content": {media: {} for media, _ in types.values()}},
        400: {"description": "An unknown query parameter", **_PROBLEM},
        406: {"description": "No format given and none acceptable by Accept", **_PROBLEM},
        422: {"description": "An unknown format", **_PROBLEM},
    }


@router.get("/export", summary="Export the graph as RDF", response_class=Response,
            description="The whole store as one file, `Content-Disposition: attachment`. TriG, N-Quads and "
                        "JSON-LD keep the named graphs (one per article, plus the reference graph); Turtle and "
                        "N-Triples hold their union. Without `format`, `Accept` chooses (TriG by default).",
            responses=_responses(RDF_TYPES, "The RDF file"), dependencies=[Depends(only_params("format"))])
def export_rdf(
    request: Request,
    service: ServiceDep,
    format: Annotated[RdfExportFormat | None, Query(description="RDF format; default: by Accept, else TriG.",
                                                    examples=["trig"])] = None,
) -> FileResponse:
    fmt = _chosen(format, request.headers.get("accept"), RDF_TYPES)
    media, filename = RDF_TYPES[fmt]
    handle, path = tempfile.mkstemp(prefix="diplokg-export-", suffix=os.path.splitext(filename)[1])
    os.close(handle)
    try:
        service.store.export(fmt.value, path)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(path, media_type=media, filename=filename, content_disposition_type="attachment",
                        background=BackgroundTask(os.unlink, path))


@router.get("/export/network", summary="Export the actor network", response_class=Response,
            description="The networkx working graph (actors as nodes, their events as weighted edges) for Gephi, "
                        "Cytoscape or a spreadsheet: GEXF (default), GraphML, or its edges as CSV. Without "
                        "`format`, `Accept` chooses.",
            responses=_responses(NETWORK_TYPES, "The network file"), dependencies=[Depends(only_params("format"))])
def export_network(
    request: Request,
    service: ServiceDep,
    format: Annotated[NetworkFormat | None, Query(description="Network format; default: by Accept, else GEXF.",
                                                  examples=["graphml"])] = None,
) -> Response:
    fmt = _chosen(format, request.headers.get("accept"), NETWORK_TYPES)
    media, filename = NETWORK_TYPES[fmt]
    network = service.network
    text = {NetworkFormat.gexf: network.to_gexf, NetworkFormat.graphml: network.to_graphml,
            NetworkFormat.csv: network.edges_csv}[fmt]()
    return Response(text.encode("utf-8"), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Vary": "Accept"})
