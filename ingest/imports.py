"""Structured event files into the graph: GDELT 2.0 event exports and POLECAT files.

Each file has one named graph (``…/graph/import/<kind>/<sha256 of the file>``) and is written with Oxigraph's bulk
loader as lines made here row by row: streaming, with memory bounded by the de-duplication caches, not by the
file. In the embedded store (``imports_to_default_graph``) the lines are N-Quads: each event and its article go
into the default graph (three indexes, not six), the event linked to the file's graph by ``dk:importFile``, and
the rest (the file's description, actors, places, relations, tallies) into that graph; on a SPARQL endpoint they
are the file graph's N-Triples. Importing the same file again adds nothing; an import that fails or is interrupted
is removed (its graph and the events linked to it: ``EventStore.remove_graph``), and one that was killed (its graph
lacks ``dk:complete``) is removed and redone by the next import of that file.

Events land in the same model as coded articles (``graph/model.py``): ``dk:source``/``dk:target`` actors (a GDELT
actor code such as ``USAGOV`` is an actor representing ``dk:country`` USA), CAMEO code as a string, day-precision
date, the source's mention, source and article counts, the place and the source article — less what a query
derives from the code or knows of every imported event (root, base code, QuadClass, Goldstein, PLOVER type, type
and confidence: ``ingest/event_triples.py``). Rows without a source or target actor (GDELT's one-sided events) are counted, not stored: every
event in the graph is a dyad. Bad rows are reported with their line numbers and skipped.

The rows of each format are read by ``ingest/gdelt.py`` and ``ingest/polecat.py`` (what they share:
``ingest/import_rows.py``), written as N-Triples by ``ingest/event_triples.py`` with the dyads tallied by
``ingest/tallies.py``; this module feeds them to the store's bulk loader, one graph a file.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from pathlib import Path

from diplokg.errors import BadInput
from diplokg.graph.namespace import BASE, DK, PROV
from diplokg.graph.store import EventStore
from diplokg.ingest.event_triples import TERMS, EventWriter
from diplokg.ingest.gdelt import GDELT_COLUMNS, gdelt_event, gdelt_rows
from diplokg.ingest.import_rows import ImportReport
from diplokg.ingest.ntriples import INTEGER, iri, lit, typed
from diplokg.ingest.polecat import polecat_event, polecat_rows
from rdflib import RDF, XSD

__all__ = ["GDELT_COLUMNS", "ImportReport", "gdelt_event", "import_files", "import_graph", "polecat_event"]


class _LineStream(io.RawIOBase):
    """N-Triples as a binary stream, for Oxigraph's bulk loader, from strings of one or more whole lines
    (``count``: lines handed over). With ``part_lines``, the stream ends after about that many lines (a *part*);
    :meth:`next_part` goes on with the next one, until ``done``."""

    def __init__(self, lines: Iterator[str], part_lines: int | None = None):
        self.lines, self.buffer, self.offset, self.count = lines, b"", 0, 0
        self.part_lines, self.part, self.done = part_lines, 0, False

    def readable(self) -> bool:
        return True

    def next_part(self) -> bool:
        """Start the next part; False when the lines are all handed over."""
        self.part = 0
        return not self.done

    def readinto(self, target) -> int:
        if self.offset >= len(self.buffer):
            if self.part_lines and self.part >= self.part_lines:
                return 0  # this part is whole: the loader ends it, the next part goes on
            chunk = list(islice(self.lines, 1024))
            if not chunk:
                self.done = True
                return 0
            chunk.append("")  # (the last line's newline, without another copy of the chunk)
            data = "\n".join(chunk).encode("utf-8")
            self.buffer, self.offset = memoryview(data), 0
            lines = data.count(b"\n")
            self.count += lines
            self.part += lines
        n = min(len(target), len(self.buffer) - self.offset)
        target[:n] = self.buffer[self.offset:self.offset + n]  # (a view: not copied twice)
        self.offset += n
        return n


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


READERS = {"gdelt": gdelt_rows, "polecat": polecat_rows}
# N-Triples lines a bulk load takes at once: Oxigraph's loader holds a part in memory to sort it into its indexes,
# so a file goes in parts (benchmarks/import_parts.py measures the sizes)
LOAD_PART_LINES: int | None = None


def _file_lines(kind: str, path: Path, graph_iri: str, writer: EventWriter, report: ImportReport,
                progress: Callable[[ImportReport], None] | None) -> Iterator[str]:
    """The N-Triples of one file's import graph: its description, its events, and last the completion mark."""
    node, rows_before, end = iri(graph_iri), report.rows, writer.end
    yield f"{node} {TERMS['type']} {iri(DK.Import)}{end}"
    yield f"{node} {TERMS['identifier']} {lit(path.name)}{end}"
    for n, event in enumerate(READERS[kind](path, report)):
        yield writer.text(event)  # (one string an event, not one a line: fewer steps to the loader)
        if progress and n % 10_000 == 0:
            progress(report)
    yield from writer.tally_lines()
    yield f"{node} {iri(DK.rows)} {typed(report.rows - rows_before, INTEGER)}{end}"
    yield f"{node} {iri(PROV.generatedAtTime)} {typed(datetime.now(UTC).isoformat(), XSD.dateTime)}{end}"
    yield f"{node} {iri(DK.complete)} {typed('true', XSD.boolean)}{end}"  # last: the import is whole


def _remove_import(store: EventStore, graph) -> None:
    """Remove an import whole: its graph, and on the embedded store its events in the default graph."""
    remove = getattr(store, "remove_import", None)  # (a SPARQL endpoint keeps the import's events in its graph)
    (remove or store.remove_graph)(graph)


def import_graph(kind: str, file_hash: str) -> str:
    return f"{BASE}graph/import/{kind}/{file_hash}"


def _known_actors(store: EventStore) -> dict[str, str]:
    """The actors the store describes: code -> the code it represents (its country, else itself)."""
    from diplokg.graph.queries import _actors

    return {info["code"]: info["country"] or info["code"] for info in _actors(store).values()}


def import_files(kind: str, paths: Iterable[str | Path], store: EventStore, *,
                 progress: Callable[[ImportReport], None] | None = None,
                 part_lines: int | None = LOAD_PART_LINES) -> ImportReport:
    """Import GDELT (``kind="gdelt"``) or POLECAT (``"polecat"``) files into ``store``, one named graph each, handed
    to the bulk loader in parts of ``part_lines`` N-Triples lines (None: one part a file)."""
    if kind not in READERS:
        raise ValueError(f"unknown import kind {kind!r}; choose gdelt or polecat")
    from diplokg.ingest.pipeline import ensure_reference
    from rdflib import URIRef

    report = ImportReport()
    started = time.perf_counter()
    ensure_reference(store)
    known = _known_actors(store)
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            report.failures.append(BadInput(str(path), "no such file"))
            continue
        graph_iri = import_graph(kind, _file_hash(path))
        graph = URIRef(graph_iri)
        if store.has_graph(graph):
            done = list(store.select(
                f"SELECT ?x WHERE {{ GRAPH <{graph_iri}> {{ <{graph_iri}> <{DK.complete}> ?x }} }}"))
            if done:
                report.already += 1
                continue
            _remove_import(store, graph)  # an import that was killed half-way: start again
        default = getattr(store, "imports_to_default_graph", False)
        writer = EventWriter(known, iri(graph_iri), path.name, default_graph=default)
        rows_before, events_before = report.rows, report.events

        stream = _LineStream(_file_lines(kind, path, graph_iri, writer, report, progress), part_lines)
        try:
            if default:  # the graph first, in a transaction: a killed load leaves it, without dk:complete
                store.add_graph(graph, [(graph, RDF.type, DK.Import)])
            load = store.stream_quads if default else partial(store.stream_graph, graph)
            load(stream)
            while stream.next_part():
                load(stream)
        except BadInput as exc:
            _remove_import(store, graph)
            report.failures.append(exc)
            report.rows, report.events = rows_before, events_before
            continue
        except BaseException:
            _remove_import(store, graph)  # nothing half-written stays
            raise
        report.files += 1
        report.triples += stream.count
        if progress:
            progress(report)
    store.flush()
    report.seconds = time.perf_counter() - started
    return report
