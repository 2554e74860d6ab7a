"""``/sparql``: the SPARQL 1.1 Protocol, query operation only, read-only whatever is sent.

A query runs over the union of all named graphs (``EventStore.query``). The answer's format is chosen from the
``Accept`` header (or a ``format`` parameter, which replaces it): SPARQL results JSON, XML, CSV or TSV for
``SELECT``/``ASK``; Turtle, N-Triples, JSON-LD or RDF/XML for ``CONSTRUCT``/``DESCRIBE``.

Nothing can write: an ``update`` parameter or an ``application/sparql-update`` body is refused with 403 before
anything runs, and an update sent as ``query`` fails to parse as a query (400). ``SERVICE`` (federated) clauses
are refused with 403 unless ``settings.sparql_allow_service``.

Limits:

- **time**: the query and its serialisation run in a daemon worker thread; the request stops waiting after
  ``settings.sparql_timeout`` seconds and answers 503. The worker is told to stop and does so at the next row or
  triple; a query busy inside a single step (a large aggregate, ``ORDER BY``) cannot be interrupted from Python
  and finishes in the background, its answer discarded. At most ``settings.sparql_max_running`` queries run at
  once, stragglers included: beyond, a query is refused with 503 at once, so abusive queries cannot pile up.
  The request awaits the worker on the event loop (asyncio, as under uvicorn), which stays free for others.
- **size**: at most ``settings.sparql_max_results`` rows or triples are sent; a longer answer is cut there and
  the response carries ``X-Diplokg-Truncated: true`` (200, not 413, so a client still gets the first rows; add
  ``LIMIT``/``OFFSET`` to page).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated

import anyio
import pyoxigraph as ox
from diplokg.api.deps import ServiceDep, only_params
from diplokg.api.errors import PROBLEM_JSON, ProblemError
from diplokg.graph.store import PREFIXES, EventStore
from fastapi import APIRouter, Depends, Query, Request, Response

__all__ = ["GRAPH_TYPES", "SOLUTION_TYPES", "negotiate", "router", "uses_service"]

router = APIRouter(tags=["sparql"])

#: Media types of SELECT/ASK answers, the first one the default.
SOLUTION_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
#: Media types of CONSTRUCT/DESCRIBE answers, the first one the default.
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# Generic types clients send, answered with the canonical type (after the canonical ones on equal quality).
_SOLUTION_ALIASES = {"application/json": "application/sparql-results+json",
                     "application/xml": "application/sparql-results+xml",
                     "text/xml": "application/sparql-results+xml"}
_GRAPH_ALIASES = {"application/x-turtle": "text/turtle", "text/plain": "application/n-triples",
                  "application/xml": "application/rdf+xml", "text/xml": "application/rdf+xml"}
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
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
STOP_GRACE = 1.0  # seconds a timed-out query's 503 waits for the query to stop (see _respond)

# -- content negotiation -----------------------------------------------------------------------------------


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``media`` (exact > ``type/*`` > ``*/*``), 0 if none."""
    kind = media.partition("/")[0]
    best, quality = -1, 0.0
    for pattern, q in ranges:
        if pattern == media:
            rank = 2
        elif pattern == f"{kind}/*":
            rank = 1
        elif pattern == "*/*":
            rank = 0
        else:
            continue
        if rank > best:
            best, quality = rank, q
    return quality


def negotiate(accept: str | None, offered: Sequence[str], aliases: dict[str, str] | None = None) -> str | None:
    """The offered media type the ``Accept`` header prefers (the first offered on a tie), None if none is
    acceptable. A missing or empty header accepts the first offered type; an alias answers with its target.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", list(SOLUTION_TYPES))
    'application/sparql-results+xml'
    >>> negotiate("*/*", list(GRAPH_TYPES)), negotiate(None, list(GRAPH_TYPES))
    ('text/turtle', 'text/turtle')
    >>> negotiate("application/json", list(SOLUTION_TYPES), _SOLUTION_ALIASES)
    'application/sparql-results+json'
    >>> negotiate("text/html", list(SOLUTION_TYPES)) is None
    True
    """
    if accept is None or not accept.strip():
        return offered[0]
    ranges = _accept_ranges(accept)
    aliases = aliases or {}
    best, best_q = None, 0.0
    for media in [*offered, *aliases]:
        q = _quality(media, ranges)
        if q > best_q:
            best, best_q = media, q
    return aliases.get(best, best) if best else None


# -- guards ------------------------------------------------------------------------------------------------

_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'         # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'                 # strings
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'             # IRIs (a bare "<" is the less-than operator)
    r"|#[^\n\r]*",                            # comments
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w:?$\-])SERVICE(?![\w:\-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (the keyword outside strings, IRIs, comments, names).

    >>> uses_service("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service WHERE { ?s <http://x/service> "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_OPAQUE.sub(" ", query)))


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


def _not_acceptable(accept: str | None, offered: Sequence[str], what: str) -> ProblemError:
    return ProblemError(406, f"cannot answer {what} as {accept!r}; offered: {', '.join(offered)}",
                        offered=list(offered))


# -- running -----------------------------------------------------------------------------------------------


class _Abandoned(Exception):
    """The request stopped waiting; the worker gives up at the next row."""


@dataclass
class _Answer:
    body: bytes
    media_type: str
    truncated: bool = False


def _take(results: Iterable, cap: int, stop: threading.Event) -> tuple[list, bool]:
    taken = []
    for item in results:
        if stop.is_set():
            raise _Abandoned
        if len(taken) == cap:
            return taken, True
        taken.append(item)
    return taken, False


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def _solutions_json(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    bindings = [{name: _term_json(row[name]) for name in variables if row[name] is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":")).encode()


def _answer(store: EventStore, text: str, accept: str | None, cap: int, stop: threading.Event) -> _Answer:
    """Run the query and serialise at most ``cap`` rows/triples in the negotiated format."""
    try:
        result = store.query(text)
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, list(GRAPH_TYPES), _GRAPH_ALIASES)
            if media is None:
                raise _not_acceptable(accept, list(GRAPH_TYPES), "a CONSTRUCT/DESCRIBE query")
            triples, truncated = _take(result, cap, stop)
            fmt = GRAPH_TYPES[media]
            prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
            return _Answer(ox.serialize(triples, format=fmt, prefixes=prefixes), media, truncated)
        media = negotiate(accept, list(SOLUTION_TYPES), _SOLUTION_ALIASES)
        if media is None:
            raise _not_acceptable(accept, list(SOLUTION_TYPES), "a SELECT/ASK query")
        fmt = SOLUTION_TYPES[media]
        if isinstance(result, ox.QueryBoolean):
            return _Answer(result.serialize(format=fmt), media)
        variables = [v.value for v in result.variables]
        rows, truncated = _take(result, cap, stop)
        body = _solutions_json(variables, rows)
        if fmt != ox.QueryResultsFormat.JSON:  # pyoxigraph writes the other formats from the capped JSON
            body = ox.parse_query_results(body, ox.QueryResultsFormat.JSON).serialize(format=fmt)
        return _Answer(body, media, truncated)
    except SyntaxError as exc:
        raise ProblemError(400, f"invalid SPARQL query: {exc}", title="Invalid SPARQL query") from exc
    except OSError as exc:  # a failed SERVICE call or a store read error
        raise ProblemError(502 if uses_service(text) else 503, f"the query failed: {exc}") from exc


def _drop_locals(exc: BaseException | None) -> None:
    """Free the locals of a worker's traceback in the worker: pyoxigraph's result iterators may only be dropped on
    the thread that made them."""
    while exc is not None:
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


def _in_daemon_thread(work: Callable[[], _Answer], slot: threading.BoundedSemaphore) -> concurrent.futures.Future:
    """Start ``work`` in a daemon thread (one that never holds up the process's exit) and return its future; the
    thread releases ``slot`` (acquired by the caller) when the work really ends."""
    future: concurrent.futures.Future = concurrent.futures.Future()

    def run() -> None:
        future.set_running_or_notify_cancel()
        try:
            result = work()
        except BaseException as exc:  # handed to the waiting request, which re-raises it
            _drop_locals(exc)
            slot.release()
            future.set_exception(exc)
            return
        slot.release()  # before the answer is handed over: the client's next query must find the slot free
        future.set_result(result)

    threading.Thread(target=run, name="diplokg-sparql", daemon=True).start()
    return future


async def _respond(request: Request, service: ServiceDep, items: Iterable[tuple[str, str]]) -> Response:
    settings = service.settings
    text, fmt = _protocol_query(items, settings.sparql_allow_service)
    accept = _accept_for(fmt, request.headers.get("accept"))
    if negotiate(accept, list(SOLUTION_TYPES), _SOLUTION_ALIASES) is None and \
            negotiate(accept, list(GRAPH_TYPES), _GRAPH_ALIASES) is None:
        raise _not_acceptable(accept, [*SOLUTION_TYPES, *GRAPH_TYPES], "any query")
    if not service.sparql_slots.acquire(blocking=False):
        raise ProblemError(503, f"{settings.sparql_max_running} queries are running already (some may be finishing "
                                "after their time limit); try again shortly", title="Busy")
    stop = threading.Event()
    try:
        future = _in_daemon_thread(lambda: _answer(service.store, text, accept, settings.sparql_max_results, stop),
                                   service.sparql_slots)
    except BaseException:
        service.sparql_slots.release()
        raise
    # Awaiting the worker's future leaves the event loop (and the thread pool other routes use) free.
    with anyio.move_on_after(settings.sparql_timeout) as deadline:
        answer = await asyncio.wrap_future(future)
    if deadline.cancelled_caught:
        stop.set()
        # Most queries stop when told, between two solutions; the 503 waits for that, briefly, so that a client's
        # next query does not find this one's slot still taken (it is released when the work really ends).
        done, _ = await asyncio.wait({asyncio.wrap_future(future)}, timeout=STOP_GRACE)
        for finished in done:
            finished.exception()  # (retrieved: the worker's error, if any, is not this answer's)
        raise ProblemError(503, f"query exceeded {settings.sparql_timeout:g} s", title="Query timeout")
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
    400: {"description": "No query, a syntax error (updates fail as queries), an unknown parameter, or "
                         "default-graph-uri/named-graph-uri (not supported)", **_PROBLEM},
    403: {"description": "An update (`update=` or an application/sparql-update body), or a SERVICE clause while "
                         "federation is disabled", **_PROBLEM},
    406: {"description": "No offered media type is acceptable; the problem lists them (`offered`)", **_PROBLEM},
    503: {"description": "The query exceeded the time limit, or too many queries are running", **_PROBLEM},
}
_DESCRIPTION = """\
The [SPARQL 1.1 Protocol](https://www.w3.org/TR/sparql11-protocol/) query operation over the union of all
graphs. Read-only: updates are refused, `SERVICE` is refused unless the server allows federation.

The answer's format follows `Accept` (q-values honoured): `application/sparql-results+json` (default),
`application/sparql-results+xml`, `text/csv`, `text/tab-separated-values` for SELECT/ASK; `text/turtle`
(default), `application/n-triples`, `application/ld+json`, `application/rdf+xml` for CONSTRUCT/DESCRIBE.
A query has a time limit (503 beyond) and a result limit (the answer is cut, `X-Diplokg-Truncated: true`).
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
