"""``/sparql``: the SPARQL 1.1 Protocol, query operation only, read-only whatever is sent.

A query runs over the union of all named graphs (``EventStore.query``). The answer's format is chosen from the
``Accept`` header (or a ``format`` parameter, which replaces it): SPARQL results JSON, XML, CSV or TSV for
``SELECT``/``ASK``; Turtle, N-Triples, JSON-LD or RDF/XML for ``CONSTRUCT``/``DESCRIBE``.

Nothing can write: an ``update`` parameter or an ``application/sparql-update`` body is refused with 403 before
anything runs, and an update sent as ``query`` fails to parse as a query (400). ``SERVICE`` (federated) clauses
are refused with 403 unless ``settings.sparql_allow_service``.

Limits (settings, see :class:`~diplokg.api.settings.Settings` and docs/reliability.md):

- **text**: a query longer than ``sparql_max_chars`` or nested deeper than ``sparql_max_depth`` is refused (400)
  before the engine parses it (:mod:`diplokg.graph.query_guard`: deep nesting overflows the engine's stack);
- **time, memory, clients**: on the embedded store each query runs in a worker process that is killed when the
  query passes ``sparql_timeout`` or ``sparql_max_memory_mb``; a client may have ``sparql_max_per_client``
  queries running or waiting (429 beyond), ``sparql_max_running`` run at once, and one worker is kept for short
  queries (:mod:`diplokg.api.sparql_pool`). On other stores a query runs on a thread, told to stop at the limit
  (:mod:`diplokg.api.sparql_threads`);
- **size**: at most ``settings.sparql_max_results`` rows or triples are sent; a longer answer is cut there and
  the response carries ``X-Diplokg-Truncated: true`` (200, not 413, so a client still gets the first rows; add
  ``LIMIT``/``OFFSET`` to page).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from diplokg.api.deps import ServiceDep, only_params
from diplokg.api.errors import PROBLEM_JSON, ProblemError
from diplokg.api.sparql_answer import (
    GRAPH_ALIASES,
    GRAPH_TYPES,
    SOLUTION_ALIASES,
    SOLUTION_TYPES,
    negotiate,
    not_acceptable,
    uses_service,
)
from diplokg.errors import QueryRejected
from diplokg.graph.query_guard import check_query
from fastapi import APIRouter, Depends, Query, Request, Response

__all__ = ["GRAPH_TYPES", "SOLUTION_TYPES", "negotiate", "router", "uses_service"]

router = APIRouter(tags=["sparql"])

# ``format=`` names (SPARQLWrapper sends ``format=json``/``xml``): each stands for an Accept header.
_FORMAT_NAMES = {
    "json": "application/sparql-results+json, application/ld+json",
    "xml": "application/sparql-results+xml, application/rdf+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_PARAMS = ("query", "update", "default-graph-uri", "named-graph-uri", "format")

# -- protocol ----------------------------------------------------------------------------------------------


def _protocol_query(items: Iterable[tuple[str, str]], allow_service: bool) -> tuple[str, str | None]:
    """The query text and the ``format`` parameter from the protocol's parameters, or a ProblemError."""
    params: dict[str, list[str]] = {}
    for key, value in items:
        params.setdefault(key, []).append(value)
    unknown = sorted(set(params) - set(_PARAMS))
    if unknown:
        raise ProblemError(400, f"unknown parameter(s): {', '.join(unknown)}; this endpoint takes: "
                                f"{', '.join(_PARAMS)}")
    if "update" in params:
        raise ProblemError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in params:
            raise ProblemError(400, f"'{name}' is not supported: queries run over the union of all graphs; "
                                    "name graphs in the query with FROM, FROM NAMED or GRAPH")
    queries = [q for q in params.get("query", []) if q.strip()]
    if not queries:
        raise ProblemError(400, "no query: send 'query=' (GET or a form POST) or an application/sparql-query body")
    if len(params.get("query", [])) > 1 or len(params.get("format", [])) > 1:
        raise ProblemError(400, "send one 'query' (and at most one 'format')")
    if not allow_service and uses_service(queries[0]):
        raise ProblemError(403, "SERVICE (federated) queries are disabled on this server")
    return queries[0], (params.get("format") or [None])[0]


def _accept_for(fmt: str | None, accept: str | None) -> str | None:
    if fmt is None:
        return accept
    if "/" in fmt:
        return fmt
    if fmt.lower() in _FORMAT_NAMES:
        return _FORMAT_NAMES[fmt.lower()]
    raise ProblemError(400, f"unknown format {fmt!r}; choose one of {', '.join(_FORMAT_NAMES)} or a media type")


async def _respond(request: Request, service: ServiceDep, items: Iterable[tuple[str, str]]) -> Response:
    settings = service.settings
    text, fmt = _protocol_query(items, settings.sparql_allow_service)
    try:
        check_query(text, max_chars=settings.sparql_max_chars, max_depth=settings.sparql_max_depth)
    except QueryRejected as exc:
        raise ProblemError(400, str(exc), title="Query refused") from exc
    accept = _accept_for(fmt, request.headers.get("accept"))
    if negotiate(accept, list(SOLUTION_TYPES), SOLUTION_ALIASES) is None and \
            negotiate(accept, list(GRAPH_TYPES), GRAPH_ALIASES) is None:
        raise not_acceptable(accept, [*SOLUTION_TYPES, *GRAPH_TYPES], "any query")
    client = request.client.host if request.client else "-"
    answer = await service.sparql.run(client, text, accept, settings.sparql_max_results)
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-Diplokg-Truncated"] = "true"
        headers["X-Diplokg-Result-Limit"] = str(settings.sparql_max_results)
    return Response(answer.body, media_type=answer.media_type, headers=headers)


# -- routes ------------------------------------------------------------------------------------------------

_EXAMPLES = {
    "events": {
        "summary": "Events with their CAMEO code, source and target",
        "value": "PREFIX dk: <https://w3id.org/diplokg/vocab#>\n"
                 "SELECT ?event ?code ?source ?target WHERE {\n"
                 "  ?event dk:cameoCode ?code ; dk:source ?source ; dk:target ?target .\n"
                 "} LIMIT 10",
    },
    "ask": {
        "summary": "Is there any event?",
        "value": "ASK { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }",
    },
    "construct": {
        "summary": "Who acted towards whom, as a graph",
        "value": "PREFIX dk: <https://w3id.org/diplokg/vocab#>\n"
                 "CONSTRUCT { ?source dk:actedTowards ?target } WHERE { ?e dk:source ?source ; dk:target ?target }",
    },
}
_PROBLEM = {"content": {PROBLEM_JSON: {}}}
_RESPONSES = {
    200: {"description": "SELECT/ASK: SPARQL results (JSON, XML, CSV, TSV); CONSTRUCT/DESCRIBE: RDF (Turtle, "
                         "N-Triples, JSON-LD, RDF/XML). Chosen by Accept. `X-Diplokg-Truncated: true` when the "
                         "answer was cut at the result limit.",
          "content": {media: {} for media in [*SOLUTION_TYPES, *GRAPH_TYPES]}},
    400: {"description": "No query, a syntax error (updates fail as queries), a query over the length or nesting "
                         "limit, an unknown parameter, or default-graph-uri/named-graph-uri (not supported)",
          **_PROBLEM},
    403: {"description": "An update (`update=` or an application/sparql-update body), or a SERVICE clause while "
                         "federation is disabled", **_PROBLEM},
    406: {"description": "No offered media type is acceptable; the problem lists them (`offered`)", **_PROBLEM},
    429: {"description": "This client has as many queries running or waiting as it may (`Retry-After`)",
          **_PROBLEM},
    503: {"description": "The query passed its time or memory limit, or the server is busy (`Retry-After`)",
          **_PROBLEM},
}
_DESCRIPTION = """\
The [SPARQL 1.1 Protocol](https://www.w3.org/TR/sparql11-protocol/) query operation over the union of all
graphs. Read-only: updates are refused, `SERVICE` is refused unless the server allows federation.

The answer's format follows `Accept` (q-values honoured): `application/sparql-results+json` (default),
`application/sparql-results+xml`, `text/csv`, `text/tab-separated-values` for SELECT/ASK; `text/turtle`
(default), `application/n-triples`, `application/ld+json`, `application/rdf+xml` for CONSTRUCT/DESCRIBE.
A query has a length and a nesting limit (400 beyond, before it runs), a time and a memory limit (it is stopped,
503), a per-client limit (429) and a result limit (the answer is cut, `X-Diplokg-Truncated: true`).
"""


@router.get("/sparql", summary="Run a SPARQL query (GET)", description=_DESCRIPTION, response_class=Response,
            responses=_RESPONSES, dependencies=[Depends(only_params(*_PARAMS))])
async def sparql_get(
    request: Request,
    service: ServiceDep,
    query: Annotated[str | None, Query(description="The SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE).",
                                       openapi_examples=_EXAMPLES)] = None,
    format: Annotated[str | None, Query(
        description="Replaces the Accept header: json, xml, csv, tsv, turtle, nt, jsonld, rdfxml or a media type.",
        openapi_examples={"csv": {"summary": "CSV results", "value": "csv"}})] = None,
    default_graph_uri: Annotated[str | None, Query(
        alias="default-graph-uri", description="Not supported (400): queries run over the union of all graphs.",
        examples=["https://w3id.org/diplokg/graph/reference"])] = None,
    named_graph_uri: Annotated[str | None, Query(
        alias="named-graph-uri", description="Not supported (400).",
        examples=["https://w3id.org/diplokg/graph/reference"])] = None,
) -> Response:
    # The declared parameters document the endpoint; the protocol checks read the raw items so that a repeated
    # or refused parameter (``update``) is caught the same way for GET and POST.
    return await _respond(request, service, request.query_params.multi_items())


_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "required": ["query"], "properties": {
                    "query": {"type": "string", "description": "The SPARQL query."},
                    "format": {"type": "string", "description": "Replaces the Accept header (see GET)."}}},
                "examples": {name: {"summary": ex["summary"], "value": {"query": ex["value"]}}
                             for name, ex in _EXAMPLES.items()},
            },
            "application/sparql-query": {
                "schema": {"type": "string"},
                "examples": {name: {"summary": ex["summary"], "value": ex["value"]} for name, ex in _EXAMPLES.items()},
            },
        },
    }
}


@router.post("/sparql", summary="Run a SPARQL query (POST)",
             description=_DESCRIPTION + "\nSend `query=` form-encoded, or the query itself as an "
                                        "`application/sparql-query` body. An `application/sparql-update` body is "
                                        "refused (403); other content types get 415.",
             response_class=Response, openapi_extra=_BODY,
             responses={**_RESPONSES, 415: {"description": "Unsupported request content type", **_PROBLEM}},
             dependencies=[Depends(only_params(*_PARAMS))])
async def sparql_post(request: Request, service: ServiceDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    items = list(request.query_params.multi_items())
    if content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        items += [(key, value) for key, value in form.multi_items() if isinstance(value, str)]
    elif content_type == "application/sparql-query":
        try:
            items.append(("query", (await request.body()).decode("utf-8")))
        except UnicodeDecodeError as exc:
            raise ProblemError(400, f"the query is not UTF-8: {exc}") from exc
    elif content_type == "application/sparql-update":
        raise ProblemError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    else:
        raise ProblemError(415, f"unsupported content type {content_type or 'none'!r}; send "
                                "application/x-www-form-urlencoded (query=…) or application/sparql-query")
    return await _respond(request, service, items)
