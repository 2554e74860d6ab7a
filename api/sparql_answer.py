"""A SPARQL query's answer in the format the client asked for: content negotiation and serialisation.

Used by ``/sparql`` on whatever runs the query: a worker process (:mod:`diplokg.api.sparql_pool`) for the
embedded store, a thread for other stores. Nothing here knows about requests.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from diplokg.api.errors import ProblemError
from diplokg.graph.query_guard import OPAQUE
from diplokg.graph.store import PREFIXES

__all__ = ["GRAPH_ALIASES", "GRAPH_TYPES", "SOLUTION_ALIASES", "SOLUTION_TYPES", "Abandoned", "Answer", "answer",
           "negotiate", "not_acceptable", "uses_service"]

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
SOLUTION_ALIASES = {"application/json": "application/sparql-results+json",
                     "application/xml": "application/sparql-results+xml",
                     "text/xml": "application/sparql-results+xml"}
GRAPH_ALIASES = {"application/x-turtle": "text/turtle", "text/plain": "application/n-triples",
                  "application/xml": "application/rdf+xml", "text/xml": "application/rdf+xml"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SERVICE = re.compile(r"(?<![\w:?$\-])SERVICE(?![\w:\-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (the keyword outside strings, IRIs, comments, names).

    >>> uses_service("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service WHERE { ?s <http://x/service> "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(OPAQUE.sub(" ", query)))


def not_acceptable(accept: str | None, offered: Sequence[str], what: str) -> ProblemError:
    return ProblemError(406, f"cannot answer {what} as {accept!r}; offered: {', '.join(offered)}",
                        offered=list(offered))


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
    >>> negotiate("application/json", list(SOLUTION_TYPES), SOLUTION_ALIASES)
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



class Abandoned(Exception):
    """The request stopped waiting; the query gives up at the next row."""


@dataclass
class Answer:
    """A query's answer, serialised: the body, its media type, and whether it was cut at the result limit."""

    body: bytes
    media_type: str
    truncated: bool = False


def _take(results: Iterable, cap: int, stop: threading.Event) -> tuple[list, bool]:
    taken = []
    for item in results:
        if stop.is_set():
            raise Abandoned
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


def answer(store, text: str, accept: str | None, cap: int, stop: threading.Event, **query_options) -> Answer:
    """Run the query on ``store`` (an EventStore or a RemoteStore) and serialise at most ``cap`` rows/triples in
    the negotiated format (``query_options`` go to ``store.query``); a ProblemError for a query that cannot be
    answered."""
    try:
        result = store.query(text, **query_options)
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, list(GRAPH_TYPES), GRAPH_ALIASES)
            if media is None:
                raise not_acceptable(accept, list(GRAPH_TYPES), "a CONSTRUCT/DESCRIBE query")
            triples, truncated = _take(result, cap, stop)
            fmt = GRAPH_TYPES[media]
            prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
            return Answer(ox.serialize(triples, format=fmt, prefixes=prefixes), media, truncated)
        media = negotiate(accept, list(SOLUTION_TYPES), SOLUTION_ALIASES)
        if media is None:
            raise not_acceptable(accept, list(SOLUTION_TYPES), "a SELECT/ASK query")
        fmt = SOLUTION_TYPES[media]
        if isinstance(result, ox.QueryBoolean):
            return Answer(result.serialize(format=fmt), media)
        variables = [v.value for v in result.variables]
        rows, truncated = _take(result, cap, stop)
        body = _solutions_json(variables, rows)
        if fmt != ox.QueryResultsFormat.JSON:  # pyoxigraph writes the other formats from the capped JSON
            body = ox.parse_query_results(body, ox.QueryResultsFormat.JSON).serialize(format=fmt)
        return Answer(body, media, truncated)
    except SyntaxError as exc:
        raise ProblemError(400, f"invalid SPARQL query: {exc}", title="Invalid SPARQL query") from exc
    except OSError as exc:  # a failed SERVICE call or a store read error
        raise ProblemError(502 if uses_service(text) else 503, f"the query failed: {exc}") from exc
