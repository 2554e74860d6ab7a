"""The store: an embedded, persistent Oxigraph (pyoxigraph) dataset behind one small interface.

Triples are built with rdflib terms (the modelling API) and written through pyoxigraph, which measured fastest
here (see README): each named graph is written with ``Store.extend``, which is transactional, so an article lands
whole or not at all. Queries run on the union of all graphs; imports write their events into the default graph
(``stream_quads``, ``remove_import``; ``docs/model.md``).

>>> from rdflib import URIRef, Literal
>>> store = EventStore(None)           # in memory; pass a directory for the on-disk store
>>> g = URIRef("https://example.org/g")
>>> store.add_graph(g, [(URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal(1))])
1
>>> store.has_graph(g), store.count_triples()
(True, 1)
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from diplokg.errors import StoreError, StoreLocked, UsageError
from rdflib import BNode, Literal, URIRef

__all__ = ["EXPORT_FORMATS", "EventStore", "default_store_location", "default_store_path", "open_store"]

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
PREFIXES = {
    "dk": "https://w3id.org/diplokg/vocab#",
    "cameo": "https://w3id.org/diplokg/cameo/",
    "actor": "https://w3id.org/diplokg/id/actor/",
    "event": "https://w3id.org/diplokg/id/event/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oa": "http://www.w3.org/ns/oa#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "wd": "http://www.wikidata.org/entity/",
}


def default_store_path() -> Path:
    """``$DIPLOKG_STORE``, else ``store`` under the user data directory (platformdirs)."""
    env = os.environ.get("DIPLOKG_STORE")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("diplokg") / "store"


def default_store_location() -> str | Path:
    """``$DIPLOKG_STORE`` as given (a directory or an ``http(s)://`` SPARQL endpoint URL), else the default
    directory under the user data directory."""
    env = os.environ.get("DIPLOKG_STORE")
    if env and env.lower().startswith(("http://", "https://")):
        return env
    return default_store_path()


def open_store(location: str | os.PathLike | None = None, *, read_only: bool = False,
               update_url: str | None = None):
    """Open the store at ``location``: an ``http(s)://`` URL names a SPARQL 1.1 query endpoint
    (:class:`~diplokg.graph.remote.RemoteStore`, writing through ``update_url`` or the URL ending in ``/update``),
    anything else a directory of the embedded store; None means :func:`default_store_location`.

    >>> with open_store("http://localhost:7878/query", read_only=True) as store:
    ...     store.kind, store.update_url
    ('sparql', 'http://localhost:7878/update')
    """
    if location is None:
        location = default_store_location()
    if isinstance(location, str) and location.lower().startswith(("http://", "https://")):
        from diplokg.graph.remote import RemoteStore

        return RemoteStore(location, update_url=update_url, read_only=read_only)
    if update_url:
        raise UsageError("an update URL goes with a SPARQL endpoint URL as the store, not a directory")
    return EventStore(location, read_only=read_only)


@lru_cache(maxsize=65536)
def _named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def to_ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return _named(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=_named(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    """A pyoxigraph term as an rdflib term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


def parse_turtle(data: bytes) -> Iterator[ox.Triple]:
    """Triples of a Turtle (or N-Triples) document; a syntax error is a :class:`StoreError`."""
    try:
        yield from ox.parse(data, format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise StoreError(f"not valid Turtle: {exc}") from exc


#: A read-only open lists the store's files, then opens them; a writer compacting meanwhile may delete one in
#: between (RocksDB then reports "Corruption: … No such file"). The open is retried on a fresh listing.
READ_ONLY_ATTEMPTS = 20


def _open_read_only(path: Path) -> ox.Store:
    import time

    for attempt in range(READ_ONLY_ATTEMPTS):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "No such file" not in str(exc) or attempt == READ_ONLY_ATTEMPTS - 1:
                raise StoreError(f"cannot open the store at {path} read-only: {exc}") from exc
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


class EventStore:
    """An Oxigraph dataset on disk (or in memory when ``path`` is None).

    Only one process may open an on-disk store for writing; a second one gets :class:`StoreLocked`. Readers
    that must not wait use ``read_only=True``, a snapshot of the store as it was when opened.
    """

    kind = "oxigraph"
    #: imports write each event and its article into the default graph (three indexes, not six; docs/deploy.md,
    #: "The default graph"), linked to their import graph by dk:importFile
    imports_to_default_graph = True
    event_layout: str | None = None  # (remembered by graph/sparql_rows.event_layout until a write)

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path}")
                self._store = _open_read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(
                    f"the store at {self.path} is open for writing in another process; "
                    "wait for it to finish or open this one read-only"
                ) from exc
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc

    # -- writing -----------------------------------------------------------------------------------------
    def has_graph(self, graph: URIRef) -> bool:
        return self._store.contains_named_graph(_named(str(graph)))

    def add_graph(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        """Write triples into a named graph in one transaction; returns the number of distinct quads written."""
        return self.add_graphs([(graph, triples)])[0]

    def add_graphs(self, graphs: Iterable[tuple[URIRef, Iterable[tuple]]]) -> list[int]:
        """Write several named graphs in one transaction: all of them land, or none. Quads written per graph.
        A graph's triples are rdflib term tuples, or Turtle text (bytes) such as ingest workers send."""
        self.event_layout = None  # (graph/sparql_rows.py: where the events are, asked again)
        quads: list[ox.Quad] = []
        counts = []
        for graph, triples in graphs:
            g = _named(str(graph))
            batch = {ox.Quad(t.subject, t.predicate, t.object, g) for t in parse_turtle(triples)} \
                if isinstance(triples, bytes) else {ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples}
            quads.extend(batch)
            counts.append(len(batch))
        try:
            self._store.extend(quads)
        except OSError as exc:
            raise StoreError(f"writing {len(counts)} graphs failed, nothing was written: {exc}") from exc
        return counts

    def bulk_load(self, data: bytes | str, fmt: str = "nquads") -> None:
        """Load an N-Quads or TriG document in one transaction."""
        self.event_layout = None  # (graph/sparql_rows.py: where the events are, asked again)
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        if fmt not in formats:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(formats)}")
        try:
            self._store.load(data, formats[fmt])
        except OSError as exc:
            raise StoreError(f"the bulk load failed, nothing was written: {exc}") from exc

    def stream_graph(self, graph: URIRef, ntriples: io.RawIOBase | bytes) -> None:
        """Load N-Triples into a named graph with Oxigraph's bulk loader: much faster than :meth:`add_graphs` for
        millions of triples, streaming, but not transactional (a caller that fails drops the graph)."""
        self.event_layout = None  # (graph/sparql_rows.py: where the events are, asked again)
        try:
            self._store.bulk_load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=_named(str(graph)), lenient=True)
        except SyntaxError as exc:
            raise StoreError(f"bulk load into {graph} failed: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"bulk load into {graph} failed: {exc}") from exc

    def stream_quads(self, nquads: io.RawIOBase | bytes) -> None:
        """Load N-Quads with the bulk loader (the triples without a graph into the default graph): an import's
        events and articles, with what the file alone describes in its named graph (``ingest/imports.py``).
        Not transactional: a caller that fails removes what it wrote (:meth:`remove_import`)."""
        self.event_layout = None  # (graph/sparql_rows.py: where the events are, asked again)
        try:
            self._store.bulk_load(nquads, ox.RdfFormat.N_QUADS, lenient=True)
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"bulk load failed: {exc}") from exc
        finally:
            self.event_layout = None  # (and again once it is written: a reader may have asked meanwhile)

    def remove_import(self, graph: URIRef) -> int:
        """Remove an import: its named graph and, in the default graph, each event linked to it by
        ``dk:importFile`` (an event another import also lists keeps its triples and loses that link) and each
        article those events derive from that no event left derives from. Events removed."""
        self.event_layout = None  # (graph/sparql_rows.py: where the events are, asked again)
        from diplokg.graph.import_removal import remove_import

        try:
            return remove_import(self._store, _named(str(graph)))
        finally:
            self.event_layout = None

    def replace_graph(self, graph: URIRef, triples: Iterable[tuple]) -> int:
        """Write a named graph anew (only that graph: an import's events in the default graph stay)."""
        self.event_layout = None  # (graph/sparql_rows.py: where the events are, asked again)
        g = _named(str(graph))
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)
        return self.add_graph(graph, triples)

    def remove_graph(self, graph: URIRef) -> None:
        """Remove a named graph, and what the default graph holds of it: an import's events (:meth:`remove_import`)."""
        self.remove_import(graph)

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self._store.flush()

    # -- reading -----------------------------------------------------------------------------------------
    def query(self, sparql: str, *, union: bool = True, **kwargs):
        """Run a SPARQL query over the union of all graphs (``union=False``: over the default graph, where imports
        write their events, ``GRAPH`` still reading the named ones); pyoxigraph's result object."""
        return self._store.query(sparql, use_default_graph_as_union=union, **kwargs)

    def select(self, sparql: str, *, union: bool = True) -> Iterator[dict[str, object]]:
        """Rows of a SELECT as dicts of rdflib terms (unbound variables map to None)."""
        result = self.query(sparql, union=union)
        names = [v.value for v in result.variables]
        for solution in result:
            yield {name: from_ox(solution[name]) for name in names}

    def graph_triples(self, graph: URIRef) -> Iterator[tuple]:
        for quad in self._store.quads_for_pattern(None, None, None, _named(str(graph))):
            yield from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)

    def named_graphs(self) -> list[str]:
        return [g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def count_triples(self) -> int:
        """Distinct triples over the union of graphs."""
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
        return int(next(iter(result))["n"].value)

    def count_quads(self) -> int:
        return len(self._store)

    def export(self, fmt: str, output: io.IOBase | str | os.PathLike | None = None) -> bytes | None:
        """Serialise the store. Dataset formats (nquads, trig, jsonld) keep the named graphs; triple formats
        (turtle, nt) write the union of all graphs."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        rdf_format = EXPORT_FORMATS[fmt]
        if rdf_format.supports_datasets:
            prefixes = PREFIXES if fmt == "trig" else None
            return self._store.dump(output, rdf_format, prefixes=prefixes)
        triples = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        if fmt != "turtle":
            return triples.serialize(output, rdf_format)
        union = ox.Store()  # Turtle wants prefixes, which only Store.dump writes
        union.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        return union.dump(output, rdf_format, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)

    def close(self) -> None:
        """Flush and let go of the store; closing again does nothing."""
        if not hasattr(self, "_store"):
            return
        self.flush()
        del self._store

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
