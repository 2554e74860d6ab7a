"""Any SPARQL 1.1 server as the store: :class:`RemoteStore` speaks the SPARQL 1.1 Protocol (query, update) and,
where the server offers it, the Graph Store HTTP Protocol (bulk loads, dumps), with the interface of
:class:`~diplokg.graph.store.EventStore`.

- **Reads** ``POST`` the query to the query endpoint and ask for SPARQL results JSON (SELECT/ASK) or N-Triples
  (CONSTRUCT/DESCRIBE); the answer is parsed by pyoxigraph, so :meth:`RemoteStore.query` returns the same
  result objects as the embedded store and :meth:`RemoteStore.select` the same rows of rdflib terms.
- **The union default graph.** diplokg's queries read the union of all named graphs (one graph per article,
  plus the reference graph) as the default graph. Servers differ: Oxigraph server takes a
  ``union-default-graph`` protocol parameter (or ``--union-default-graph`` at start), Fuseki needs
  ``tdb2:unionDefaultGraph true`` in its dataset configuration, GraphDB and Neptune query the union of all
  graphs by default. ``union="auto"`` (the default) sends Oxigraph's parameter to a server that says it is
  Oxigraph (its ``Server`` header) and trusts any other server's configuration, and then *checks* it once the
  store holds data: if a triple of a named graph is missing from the default graph, every read raises
  :class:`~diplokg.errors.StoreError` saying which setting to change, rather than answering from an empty
  default graph. ``union="oxigraph"`` always sends the parameter, ``union="server"`` never does.
- **Writes** are SPARQL Update: graphs go as ``INSERT DATA { GRAPH <g> {…} GRAPH <h> {…} }`` requests within the
  server's limits (:data:`~diplokg.graph.engines.WRITE_LIMITS`: Virtuoso's SPARQL compiler fails near 5,000
  triples in one request). A write that fits in one request is applied atomically by the server; one cut into
  several is not (no server has a transaction across requests), and a failure half-way drops the graphs it had
  begun (see :meth:`RemoteStore._write`). ``remove_graph`` is ``DROP SILENT GRAPH``, ``replace_graph`` a drop
  with the first request. The update endpoint is the query URL with its final ``/query`` replaced by
  ``/update`` (Oxigraph server, Fuseki), or ``update_url``, else the query URL (Virtuoso, Neptune).
- **Engines**: what differs between servers (Virtuoso's own graphs, its ASK, boolean and blank node answers, its
  format choice) is made the same by :mod:`diplokg.graph.engines`, so that every engine answers as the embedded
  store does.
- **Bulk loads**: with a Graph Store Protocol endpoint (``gsp_url``; found by itself on Oxigraph server, at
  ``/store``), :meth:`RemoteStore.add_graphs` POSTs the graphs as one TriG document instead, and
  :meth:`RemoteStore.bulk_load` an N-Quads or TriG file as it is; a server answering 404/405/415 there is
  written to by UPDATE from then on.
- **Credentials** come from the environment, never from a message: ``DIPLOKG_STORE_TOKEN`` (sent as
  ``Authorization: Bearer``) or ``DIPLOKG_STORE_USER`` and ``DIPLOKG_STORE_PASSWORD`` (HTTP basic; digest with
  ``DIPLOKG_STORE_AUTH=digest``, as Virtuoso's ``/sparql-auth`` asks), or user
  information in the URL. Error messages name the endpoint without user information or query string.

>>> RemoteStore("http://localhost:7878/query").update_url
'http://localhost:7878/update'
>>> RemoteStore("https://user:secret@db.example.org/ds/sparql", update_url="https://db.example.org/ds/update").path
'https://db.example.org/ds/sparql'
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from diplokg.errors import StoreError
from diplokg.graph import engines
from diplokg.graph.engines import WriteLimits
from diplokg.graph.store import EventStore, from_ox, parse_turtle, to_ox
from rdflib import URIRef

__all__ = ["UNION_MODES", "RemoteStore", "is_endpoint_url", "public_url"]

UNION_MODES = ("auto", "oxigraph", "server")
_SOLUTIONS = "application/sparql-results+json"
_TRIPLES = "application/n-triples"
_QUADS = "application/n-quads"
_UNSUPPORTED = {404, 405, 415, 501}  # a Graph Store endpoint that is not there or will not take N-Quads
#: Finds a named-graph triple the default graph does not show: then the default graph is not their union.
_UNION_PROBE = ("ASK { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } "
                "FILTER NOT EXISTS { ?s ?p ?o } }")
_HAS_DATA = "ASK { GRAPH ?g { ?s ?p ?o } }"


def is_endpoint_url(location: object) -> bool:
    """Is ``location`` an ``http(s)://`` URL (a SPARQL endpoint) rather than a directory?

    >>> is_endpoint_url("http://localhost:7878/query"), is_endpoint_url("/var/lib/diplokg"), is_endpoint_url(None)
    (True, False, False)
    """
    return isinstance(location, str) and location.lower().startswith(("http://", "https://"))


def public_url(url: str) -> str:
    """The URL as it may appear in a message: no user information, no query string or fragment.

    >>> public_url("https://user:pw@db.example.org:8443/ds/query?key=abc")
    'https://db.example.org:8443/ds/query'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _sibling(url: str, name: str) -> str | None:
    """``url`` with a final ``/query`` replaced by ``/name``; None if it ends otherwise."""
    parts = urlsplit(url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if last != "query":
        return None
    return urlunsplit((parts.scheme, parts.netloc, f"{head}/{name}", parts.query, ""))


def _auth_from_env(url: str) -> tuple[httpx.Auth | None, dict[str, str]]:
    token = os.environ.get("DIPLOKG_STORE_TOKEN")
    if token:
        return None, {"Authorization": f"Bearer {token}"}
    user = os.environ.get("DIPLOKG_STORE_USER")
    if user:
        password = os.environ.get("DIPLOKG_STORE_PASSWORD", "")
        if os.environ.get("DIPLOKG_STORE_AUTH", "basic").lower() == "digest":  # Virtuoso's /sparql-auth
            return httpx.DigestAuth(user, password), {}
        return httpx.BasicAuth(user, password), {}
    parts = urlsplit(url)
    if parts.username:  # httpx would send these too; said here so that it is clear
        return httpx.BasicAuth(parts.username, parts.password or ""), {}
    return None, {}


def _strip_userinfo(url: str) -> str:
    parts = urlsplit(url)
    if not parts.username:
        return url
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, parts.query, parts.fragment))


class RemoteStore:
    """A SPARQL 1.1 server as the store. ``url`` is its query endpoint.

    ``update_url`` defaults to ``$DIPLOKG_UPDATE_URL``, else the query URL ending in ``/update`` instead of
    ``/query``, else the query URL itself. ``gsp_url`` (Graph Store Protocol, for bulk loads) defaults to
    ``$DIPLOKG_GSP_URL``, else ``/store`` on an Oxigraph server, else none; ``gsp_url=False`` (or
    ``DIPLOKG_GSP_URL=none``) writes by UPDATE only. ``union`` is one of :data:`UNION_MODES`
    (``$DIPLOKG_UNION``, default ``auto``; see the module's documentation). ``timeout`` is in seconds, per
    request (connecting: at most 10 s). ``client`` is an ``httpx.Client`` to use instead of one of its own,
    which then also decides the authentication.
    """

    kind = "sparql"

    def __init__(self, url: str, *, update_url: str | None = None, gsp_url: str | bool | None = None,
                 read_only: bool = False, union: str | None = None, timeout: float = 60.0,
                 client: httpx.Client | None = None, write_limits: WriteLimits | None = None):
        if not is_endpoint_url(url):
            raise StoreError(f"not an http(s) URL of a SPARQL endpoint: {url!r}")
        union = union or os.environ.get("DIPLOKG_UNION") or "auto"
        if union not in UNION_MODES:
            raise StoreError(f"unknown union mode {union!r}; choose one of {', '.join(UNION_MODES)}")
        self.path = public_url(url)  # what /health and `diplokg summary` show
        self.read_only = read_only
        self.query_url = _strip_userinfo(url)
        self.update_url = _strip_userinfo(update_url or os.environ.get("DIPLOKG_UPDATE_URL")
                                          or _sibling(url, "update") or url)
        gsp = os.environ.get("DIPLOKG_GSP_URL") if gsp_url is None else gsp_url
        if isinstance(gsp, str) and gsp.lower() in ("", "none", "off"):
            gsp = False
        self.gsp_url: str | None = _strip_userinfo(gsp) if isinstance(gsp, str) else None
        self._gsp_decided = gsp is not None and gsp is not True
        self.union = union
        self._union_param: bool | None = {"oxigraph": True, "server": False}.get(union)
        self._union_checked = False
        auth, headers = _auth_from_env(url)
        self._own_client = client is None
        self._client = client or httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                                              auth=auth, headers=headers, follow_redirects=True)
        self._server: str | None = None
        self._write_limits = write_limits
        self._system_graphs: list[str] | None = None

    # -- HTTP ----------------------------------------------------------------------------------------------
    def _request(self, method: str, url: str, what: str, **kwargs) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise StoreError(f"{what} at {public_url(url)} timed out ({type(exc).__name__})") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {public_url(url)}: {type(exc).__name__}: "
                             f"{exc}") from None  # the URLs requested carry no user information
        if self._server is None:
            self._server = response.headers.get("server", "")
        return response

    def _fail(self, response: httpx.Response, url: str, what: str) -> StoreError:
        detail = response.text.strip().replace("\n", " ")[:300]
        hint = ""
        if response.status_code in (401, 403):
            hint = " (set DIPLOKG_STORE_TOKEN, or DIPLOKG_STORE_USER and DIPLOKG_STORE_PASSWORD)"
        return StoreError(f"{what} failed at {public_url(url)}: HTTP {response.status_code}"
                          f"{': ' + detail if detail else ''}{hint}")

    def _update(self, text: str, what: str) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        response = self._request("POST", self.update_url, what, content=text.encode("utf-8"),
                                 headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        if response.status_code >= 300:
            raise self._fail(response, self.update_url, what)

    def engine(self) -> str:
        """``oxigraph``, ``virtuoso`` or ``other``: the server, by its ``Server`` header (asked once)."""
        if self._server is None:
            self._request("POST", self.query_url, "the query", data={"query": "ASK {}"},
                          headers={"Accept": _SOLUTIONS})
        return engines.engine_of(self._server or "")

    def _is_oxigraph(self) -> bool:
        return self.engine() == "oxigraph"

    def _raw_query(self, sparql: str, *, union: bool, timeout: float | None = None) -> tuple[str, bytes]:
        """The answer's media type and body, made standard (see :mod:`diplokg.graph.engines`)."""
        form = engines.query_form(sparql)
        virtuoso = self.engine() == "virtuoso"
        if virtuoso:  # Virtuoso answers in the first type of the header, whatever the query and the weights
            accept = _TRIPLES if form in ("CONSTRUCT", "DESCRIBE") else _SOLUTIONS
            sparql = engines.virtuoso_defines(self._virtuoso_graphs(), form, sparql) + sparql
        else:
            accept = f"{_SOLUTIONS}, {_TRIPLES};q=0.9"
        data = {"query": sparql}
        if union:
            data["union-default-graph"] = ""
        extra = {"timeout": timeout} if timeout is not None else {}
        response = self._request("POST", self.query_url, "the query", data=data, headers={"Accept": accept},
                                 **extra)
        if response.status_code == 400:  # as pyoxigraph does for a query it cannot parse
            raise SyntaxError(f"{public_url(self.query_url)} rejected the query: "
                              f"{response.text.strip()[:300]}")
        if response.status_code >= 300:
            raise self._fail(response, self.query_url, "the query")
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if not virtuoso:
            return media, response.content
        self._check_complete(response)
        return media, engines.virtuoso_solutions(response.content) if media == _SOLUTIONS else response.content

    def _virtuoso_graphs(self) -> list[str]:
        """Virtuoso's own graphs, kept out of every query (found once)."""
        if self._system_graphs is None:
            response = self._request("POST", self.query_url, "the query", data={"query": engines.VIRTUOSO_SERVICE_GRAPHS},
                                     headers={"Accept": _SOLUTIONS})
            if response.status_code >= 300:
                raise self._fail(response, self.query_url, "the query")
            rows = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
            self._system_graphs = [*engines.VIRTUOSO_SYSTEM_GRAPHS, *(r["g"].value for r in rows)]
        return self._system_graphs

    def _check_complete(self, response: httpx.Response) -> None:
        cut = engines.virtuoso_cut(response.headers)
        if cut:
            raise StoreError(f"{self.path} {cut}; see docs/deploy.md")

    # -- the union default graph ---------------------------------------------------------------------------
    def _union(self) -> bool:
        """Whether to send ``union-default-graph``; checks once, when there is data, that the union is read."""
        if self._union_param is None:
            self._union_param = self._is_oxigraph()
        if not self._union_checked:
            if _boolean(self._raw_query(_HAS_DATA, union=False)):
                if _boolean(self._raw_query(_UNION_PROBE, union=self._union_param)):
                    raise StoreError(
                        f"the SPARQL endpoint {self.path} does not query the union of its named graphs as the "
                        "default graph, which diplokg needs: configure the server so (Fuseki: "
                        "tdb2:unionDefaultGraph true; Oxigraph server: --union-default-graph), or set "
                        "DIPLOKG_UNION=oxigraph for an Oxigraph server behind a proxy; see docs/deploy.md")
                self._union_checked = True
        return self._union_param

    # -- writing -------------------------------------------------------------------------------------------
    def has_graph(self, graph: URIRef) -> bool:
        return _boolean(self._raw_query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", union=False))

    def add_graph(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        """Write triples into a named graph; returns the number of distinct triples sent."""
        return self.add_graphs([(graph, triples)])[0]

    def add_graphs(self, graphs: Iterable[tuple[URIRef, Iterable[tuple]]]) -> list[int]:
        """Write several named graphs: in one request, which the server applies whole or not at all, when they fit
        in the server's limits (:data:`~diplokg.graph.engines.WRITE_LIMITS`), else in several, and a failure
        half-way removes the graphs the write had begun (see :meth:`_write`)."""
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        batches = _batches(graphs)
        counts = [len(triples) for _, triples in batches]
        if any(counts):
            self._write(batches, f"writing {len(counts)} graphs")
        return counts

    def bulk_load(self, data: bytes | str, fmt: str = "nquads") -> None:
        """Load an N-Quads or TriG document: in one Graph Store Protocol request where the server has one, else
        by SPARQL Update as :meth:`add_graphs` writes."""
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        if fmt not in formats:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(formats)}")
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        data = data.encode("utf-8") if isinstance(data, str) else data
        if self._gsp() is not None:
            media = _QUADS if fmt == "nquads" else "application/trig"
            if self._post_quads(data, "the bulk load", media):
                return
        graphs: dict[ox.NamedNode, list] = {}
        for quad in ox.parse(data, format=formats[fmt]):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise StoreError("the bulk load holds triples outside a named graph; diplokg writes named graphs")
            graphs.setdefault(quad.graph_name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
        self._write(list(graphs.items()), "the bulk load", gsp=False)

    def stream_graph(self, graph, ntriples, chunk: int = 8 << 20) -> None:
        """Load an N-Triples stream (or bytes) into one named graph, in requests of about ``chunk`` bytes: to
        the Graph Store endpoint (``?graph=``) where there is one, else as SPARQL UPDATE (within the server's
        limits). Not transactional as a whole, like the embedded bulk loader: a caller that fails drops the
        graph."""
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        reader = io.BytesIO(ntriples) if isinstance(ntriples, bytes | bytearray) else ntriples
        name = ox.NamedNode(str(graph))
        rest = b""
        while True:
            block = reader.read(chunk)
            data = rest + (block or b"")
            if not block:
                rest, body = b"", data
            else:
                cut = data.rfind(b"\n") + 1
                rest, body = data[cut:], data[:cut]
            if body.strip():
                gsp = self._gsp()
                if gsp is None or not self._post_graph(gsp, str(graph), body):
                    triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES, lenient=True))
                    blank = engines.has_blank_nodes([(name, triples)])
                    for request in engines.write_chunks([(name, triples)], self._limits()):
                        self._update(engines.insert_text(request, blank), "the bulk load")
            if not block:
                return

    def _limits(self) -> WriteLimits:
        return self._write_limits or engines.WRITE_LIMITS[self.engine()]

    def _write(self, batches: list[tuple[ox.NamedNode, list[ox.Triple]]], what: str, *,
               replace: ox.NamedNode | None = None, gsp: bool = True) -> None:
        """Write the graphs (after dropping ``replace``) in requests within the server's limits.

        One request is applied whole or not at all by any SPARQL 1.1 server. Several are not one transaction on
        any server (the protocol has none across requests): if one fails, the graphs this write had begun are
        dropped again (for ``replace``, the graph; otherwise those that did not exist before), and the error says
        so, or says which graphs to remove if that failed too. Triples added to a graph that existed before stay.
        Readers may see a graph cut into several requests half-written while the write runs."""
        requests = engines.write_chunks(batches, self._limits())
        drop = f"DROP SILENT GRAPH {replace} ;\n" if replace is not None else ""
        blank = engines.has_blank_nodes(batches)
        if len(requests) <= 1:
            if requests or drop:
                self._send(requests[0] if requests else [], drop, blank, gsp, f"{what} (nothing was written)")
            return
        graphs = [graph for graph, triples in batches if triples]
        begun = graphs if replace is not None else self._missing(graphs)
        for number, request in enumerate(requests):
            try:
                self._send(request, drop if number == 0 else "", blank, gsp, what)
            except StoreError as exc:
                if number == 0:
                    raise StoreError(f"{exc} (nothing was written)") from None
                raise self._undo(exc, begun, graphs, number, len(requests)) from None

    def _send(self, request: list[tuple[ox.NamedNode, bytes]], drop: str, blank: bool, gsp: bool,
              what: str) -> None:
        if not drop and gsp and self._gsp() is not None and self._post_quads(engines.trig_text(request), what,
                                                                             "application/trig"):
            return
        text = drop + engines.insert_text(request, blank) if request else drop.rstrip(" ;\n")
        self._update(text, what)

    def _missing(self, graphs: list[ox.NamedNode]) -> list[ox.NamedNode]:
        """Those of the graphs the store does not hold."""
        values = " ".join(str(g) for g in graphs)
        rows = self._solutions(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} "
                               "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }")
        there = {row["g"] for row in rows}
        return [g for g in graphs if g not in there]

    def _undo(self, error: StoreError, begun: list[ox.NamedNode], graphs: list[ox.NamedNode], number: int,
              total: int) -> StoreError:
        """Drop the graphs a write failing at request ``number`` had begun; the error to raise."""
        names = ", ".join(str(g) for g in begun)
        done = "the write had begun no new graph"
        if begun:
            try:
                self._update(" ;\n".join(f"DROP SILENT GRAPH {g}" for g in begun), "removing what was written")
                done = f"what it had written was removed ({names})"
            except StoreError as again:
                done = f"removing what it had written failed too ({again}): remove {names} by hand"
        kept = [str(g) for g in graphs if g not in begun]
        if kept:
            done += f"; triples it added to graphs that existed before ({', '.join(kept)}) stay"
        return StoreError(f"{error} (request {number + 1} of {total}; {done})")

    def _post_graph(self, gsp: str, graph: str, body: bytes) -> bool:
        response = self._request("POST", gsp, "the bulk load", params={"graph": graph}, content=body,
                                 headers={"Content-Type": "application/n-triples"})
        if response.status_code in _UNSUPPORTED:
            return False
        if response.status_code >= 300:
            raise self._fail(response, gsp, "the bulk load")
        return True

    def _gsp(self) -> str | None:
        if self.gsp_url is None and not self._gsp_decided:
            self._gsp_decided = True  # look once
            if self._is_oxigraph():
                self.gsp_url = _sibling(self.query_url, "store")
        return self.gsp_url

    def _post_quads(self, body: bytes, what: str, media: str = _QUADS) -> bool:
        """POST a dataset document to the Graph Store endpoint; False if the server has none (then UPDATE)."""
        url = self.gsp_url
        response = self._request("POST", url, what, content=body, headers={"Content-Type": media})
        if response.status_code in _UNSUPPORTED:
            self.gsp_url = None
            return False
        if response.status_code >= 300:
            raise self._fail(response, url, what)
        return True

    def replace_graph(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        """Drop the graph and write it anew: in one request when it fits in the server's limits, else the drop
        goes with the first request, and a failure half-way drops the graph (see :meth:`_write`)."""
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
        batches = _batches([(graph, triples)])
        self._write(batches, f"replacing the graph <{graph}>", replace=batches[0][0], gsp=False)
        return len(batches[0][1])

    def remove_graph(self, graph: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH <{graph}>", f"removing the graph <{graph}>")

    def flush(self) -> None:
        """Nothing to do: the server has applied every request when it answered."""

    # -- reading -------------------------------------------------------------------------------------------
    def query(self, sparql: str, *, timeout: float | None = None):
        """Run a SPARQL query over the union of all graphs; pyoxigraph's result object, as EventStore.query."""
        media, body = self._raw_query(sparql, union=self._union(), timeout=timeout)
        if media == _SOLUTIONS:
            return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        formats = {_TRIPLES: ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
                   "application/rdf+xml": ox.RdfFormat.RDF_XML}
        if media not in formats:
            raise StoreError(f"{self.path} answered a query as {media or 'nothing'!r}, which diplokg cannot read")
        graph = ox.Store()  # a QueryTriples, as the embedded store returns, from the triples received
        graph.load(body, formats[media], to_graph=ox.DefaultGraph())
        return graph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")

    def select(self, sparql: str) -> Iterator[dict[str, object]]:
        """Rows of a SELECT as dicts of rdflib terms (unbound variables map to None)."""
        result = self.query(sparql)
        names = [v.value for v in result.variables]
        for solution in result:
            yield {name: from_ox(solution[name]) for name in names}

    def _solutions(self, sparql: str) -> ox.QuerySolutions:
        return ox.parse_query_results(self._raw_query(sparql, union=False)[1], ox.QueryResultsFormat.JSON)

    def graph_triples(self, graph: URIRef) -> Iterator[tuple]:
        for s in self._solutions(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
            yield from_ox(s["s"]), from_ox(s["p"]), from_ox(s["o"])

    def named_graphs(self) -> list[str]:
        rows = self._solutions("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode)]

    def count_triples(self) -> int:
        """Distinct triples over the union of graphs."""
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
        return int(next(iter(rows))["n"].value)

    def count_quads(self) -> int:
        """Quads in the named graphs (a remote default graph, which diplokg never writes, is not counted)."""
        rows = self._solutions("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(rows))["n"].value)

    def dump_nquads(self) -> bytes:
        """Every quad of the named graphs as N-Quads: a Graph Store GET of the dataset on Oxigraph server (what
        a GET without ``graph`` answers is not standard), else a SELECT."""
        url = self._gsp()
        if url is not None and self._is_oxigraph():
            response = self._request("GET", url, "the dump", headers={"Accept": _QUADS})
            if response.status_code < 300 and response.headers.get("content-type", "").startswith(_QUADS):
                return response.content
        rows = self._solutions("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return ox.serialize((ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows), format=ox.RdfFormat.N_QUADS)

    def export(self, fmt: str, output: io.IOBase | str | os.PathLike | None = None) -> bytes | None:
        """Serialise the store as EventStore.export does, from a copy of its named graphs held in memory."""
        local = EventStore(None)
        try:
            local.bulk_load(self.dump_nquads(), "nquads")
            return local.export(fmt, output)
        finally:
            local.close()

    def close(self) -> None:
        if self._own_client:
            self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.path!r})"


def _boolean(answer: tuple[str, bytes]) -> bool:
    return bool(ox.parse_query_results(answer[1], ox.QueryResultsFormat.JSON))


def _batches(graphs: Iterable[tuple[URIRef, Iterable[tuple]]]) -> list[tuple[ox.NamedNode, list[ox.Triple]]]:
    """Graphs as pyoxigraph terms, their triples made distinct; any bad term fails here, before a request."""
    out = []
    for graph, triples in graphs:
        distinct = set(parse_turtle(triples)) if isinstance(triples, bytes) else {
            ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples}
        out.append((to_ox(graph), list(distinct)))
    return out
