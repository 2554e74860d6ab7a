"""What differs between the SPARQL servers :class:`~diplokg.graph.remote.RemoteStore` writes to and reads from,
kept apart from the protocol: which engine a server is, how big one write request may be, how a write is cut
into requests, and Virtuoso's dialect (the graphs it keeps for itself, its answers to ASK, its blank node and
boolean spellings, the result format it picks whatever the ``Accept`` header's weights say).

>>> engine_of("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu"), engine_of("Oxigraph/0.5.13"), engine_of("")
('virtuoso', 'oxigraph', 'other')
>>> query_form("PREFIX ex: <https://example.org/#> # a comment\\nask { ?s ex:p ?o }")
'ASK'
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["VALUES_LIMIT", "VIRTUOSO_SYSTEM_GRAPHS", "WRITE_LIMITS", "WriteLimits", "engine_of", "has_blank_nodes",
           "insert_text", "query_form", "trig_text", "virtuoso_cut", "virtuoso_defines", "virtuoso_solutions", "write_chunks"]


def engine_of(server: str) -> str:
    """``oxigraph``, ``virtuoso`` or ``other``, from a response's ``Server`` header."""
    server = server.lower()
    for engine in ("oxigraph", "virtuoso"):
        if server.startswith(engine):
            return engine
    return "other"


@dataclass(frozen=True)
class WriteLimits:
    """The most triples and bytes (of N-Triples) one write request carries."""
    triples: int
    bytes: int


#: Virtuoso 7's SPARQL compiler runs out of parser stack ("SP030 … memory exhausted") near 5,000 triples in one
#: ``INSERT DATA``, and its HTTP server refuses a body of ~16 MB (HT057). Oxigraph server takes any size in
#: one transaction; the bound only keeps requests (and the server's memory per request) reasonable. Other
#: servers get a middle value.
WRITE_LIMITS = {"virtuoso": WriteLimits(2_000, 2 << 20), "oxigraph": WriteLimits(50_000, 16 << 20),
                "other": WriteLimits(10_000, 4 << 20)}

#: The most values one variable of a ``VALUES`` block may list: Virtuoso 7.2 compiles one into an ``IN`` of at
#: most 4,094 arguments and refuses more ("SP030 … Too many arguments for standard built-in function in").
VALUES_LIMIT = 4_094

_PROLOGUE = re.compile(r"""\s+|\#[^\n]*|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>
                           |(?i:DEFINE)\s+\S+\s+(?:<[^>]*>|"[^"]*"|'[^']*'|[^\s<"']+)""", re.VERBOSE)
_FORM = re.compile(r"(?i:SELECT|ASK|CONSTRUCT|DESCRIBE)\b")


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's first keyword after its prologue (None if not found)."""
    at = 0
    while match := _PROLOGUE.match(sparql, at):
        at = match.end()
    form = _FORM.match(sparql, at)
    return form.group(0).upper() if form else None


def write_chunks(batches: list[tuple[ox.NamedNode, list[ox.Triple]]],
                 limits: WriteLimits) -> list[list[tuple[ox.NamedNode, bytes]]]:
    """The graphs cut into requests of at most ``limits``: whole graphs packed together where they fit, a graph
    too big for one request cut into several, with its own description (triples whose subject is the graph's
    IRI: a content hash, a completeness mark) in its last piece. Each piece is N-Triples text."""
    requests: list[list[tuple[ox.NamedNode, bytes]]] = []
    current: list[tuple[ox.NamedNode, bytes]] = []
    size = count = 0
    for graph, triples in batches:
        if not triples:
            continue
        own = [t for t in triples if t.subject == graph]
        lines = ox.serialize([t for t in triples if t.subject != graph] + own,
                             format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
        body = b"".join(lines)
        if count + len(lines) <= limits.triples and size + len(body) <= limits.bytes:
            current.append((graph, body))
            count, size = count + len(lines), size + len(body)
            continue
        if current:
            requests.append(current)
            current, size, count = [], 0, 0
        start = 0
        while start < len(lines):  # the graph alone: whole if it fits, else in pieces
            end, piece = start, 0
            while end < len(lines) and end - start < limits.triples and (
                    end == start or piece + len(lines[end]) <= limits.bytes):
                piece += len(lines[end])
                end += 1
            if end == len(lines):
                current, count, size = [(graph, b"".join(lines[start:end]))], end - start, piece
            else:
                requests.append([(graph, b"".join(lines[start:end]))])
            start = end
    if current:
        requests.append(current)
    return requests


def has_blank_nodes(batches: list[tuple[ox.NamedNode, list[ox.Triple]]]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
               for _, triples in batches for t in triples)


def insert_text(request: list[tuple[ox.NamedNode, bytes]], blank: bool) -> str:
    """One ``INSERT DATA`` with a ``GRAPH`` block per graph; ``INSERT {…} WHERE {}`` when blank nodes are among
    the triples, which Virtuoso refuses in ``INSERT DATA`` (the same labels are the same nodes in one request,
    not across requests)."""
    blocks = "\n".join(f"GRAPH {graph} {{\n{body.decode('utf-8')}}}" for graph, body in request)
    return f"INSERT {{\n{blocks}\n}} WHERE {{}}" if blank else f"INSERT DATA {{\n{blocks}\n}}"


def trig_text(request: list[tuple[ox.NamedNode, bytes]]) -> bytes:
    """The graphs as one TriG document (as cheap to write as the UPDATE, unlike N-Quads built from Quads)."""
    return b"\n".join(b"%s {\n%s}" % (str(graph).encode(), body) for graph, body in request)


#: Graphs a fresh Virtuoso holds for itself (its RDF views, the Linked Data Platform vocabulary); its SPARQL
#: service description graph is found at run time (its IRI follows the server's URIQA settings).
VIRTUOSO_SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#")
VIRTUOSO_SERVICE_GRAPHS = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a "
                           "<http://www.w3.org/ns/sparql-service-description#Service> } }")


#: A ``GRAPH`` pattern naming its graph, or a ``FROM``: Virtuoso's graph exclusions empty these (a bug of 7.2).
_NAMED_DATASET = re.compile(r"\bGRAPH\s+(?![?$])|\bFROM\b", re.IGNORECASE)


def virtuoso_defines(system_graphs: list[str], form: str | None, sparql: str) -> str:
    """Virtuoso pragmas put before a query: its own graphs out of the default graph (which is the union of all
    graphs) and out of ``GRAPH ?g``, and a DESCRIBE that describes (Virtuoso's default answers nothing when the
    query names no graph). Virtuoso 7.2 answers nothing for ``GRAPH <g>`` or ``FROM`` once graphs are excluded,
    so a query naming a graph goes without exclusions (and sees Virtuoso's graphs in its default graph).

    >>> virtuoso_defines(["urn:sys"], "DESCRIBE", "DESCRIBE <urn:x>")
    'DEFINE input:default-graph-exclude <urn:sys> DEFINE input:named-graph-exclude <urn:sys> DEFINE sql:describe-mode "CBD" '
    >>> virtuoso_defines(["urn:sys"], "ASK", "ASK { GRAPH <urn:g> { ?s ?p ?o } }")
    ''
    """
    text = ""
    if not _NAMED_DATASET.search(sparql):
        text = "".join(f"DEFINE input:default-graph-exclude <{g}> DEFINE input:named-graph-exclude <{g}> "
                       for g in system_graphs)
    if form == "DESCRIBE" and "describe-mode" not in sparql:
        text += 'DEFINE sql:describe-mode "CBD" '
    return text


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def virtuoso_solutions(body: bytes) -> bytes:
    """Virtuoso's SPARQL results JSON made standard: ASK answers as a boolean (Virtuoso sends a one-column
    ``__ASK_RETVAL`` table, empty for false), blank nodes without its ``nodeID://`` prefix (not a valid label),
    booleans as ``true``/``false`` (Virtuoso answers ``1``/``0``).

    >>> virtuoso_solutions(b'{"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": []}}')
    b'{"head": {}, "boolean": false}'
    """
    if b"__ASK_RETVAL" not in body and b"nodeID://" not in body and _BOOLEAN.encode() not in body:
        return body
    data = json.loads(body)
    if data.get("head", {}).get("vars") == ["__ASK_RETVAL"]:
        rows = data.get("results", {}).get("bindings", [])
        value = bool(rows) and rows[0].get("__ASK_RETVAL", {}).get("value") not in ("0", "false")
        return json.dumps({"head": {}, "boolean": value}).encode()
    for row in data.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode" and term["value"].startswith("nodeID://"):
                term["value"] = term["value"][len("nodeID://"):]
            elif term.get("datatype") == _BOOLEAN and term.get("value") in ("0", "1"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(data, ensure_ascii=False).encode()


def virtuoso_cut(headers: Mapping[str, str]) -> str | None:
    """What Virtuoso's headers say about an answer it cut short, if it did: at its ResultSetMaxRows, or at
    MaxQueryExecutionTime (an "anytime" answer); it says so nowhere else."""
    if headers.get("x-sql-state", "") == "S1TAT":
        return ("answered only part of the query within its time limit (Virtuoso's MaxQueryExecutionTime in "
                "[SPARQL] of virtuoso.ini)")
    if headers.get("x-sparql-maxrows"):
        return (f"cut the answer at {headers['x-sparql-maxrows']} rows (Virtuoso's ResultSetMaxRows in [SPARQL] "
                "of virtuoso.ini)")
    return None
