"""Following a source into the store, each item once: an RSS or Atom feed (its entries as articles) or a GDELT 2.0
update list (its export files imported).

What has been taken in is kept in the store, so it survives restarts:

- **Feeds**: an entry is stored as an article, whose named graph is written in one transaction. An entry is
  skipped when the store holds an article of its key (from the entry's id, :func:`~.readers.feeds.entry_key`),
  of its link (``schema:url``) or of its text (``dk:contentHash``): :class:`StoredEntries` asks before the
  entry's page is fetched. An article is there whole or not at all, so a round that is killed is finished by the
  next one, and nothing comes twice.
- **Update lists** (GDELT's ``lastupdate.txt``: ``size md5 url`` a line): each export file listed is downloaded,
  its size and MD5 checked, imported by :func:`~diplokg.ingest.imports.import_files` (one named graph a file,
  whole or dropped), and then noted in the source's own graph (``…/graph/watch/<hash of the source>``, one
  ``schema:DataDownload`` a file: URL, MD5, when). A kill between the import and the note costs a download: the
  import of a file already whole adds nothing.

>>> parse_update_list("150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip\\n", "list")
[ListedFile(size=150383, md5='297a16b493de7cf6ca809a7cc31d0b93', url='http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip', line=1)]
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pyoxigraph as ox
from diplokg.errors import BadInput
from diplokg.graph.model import article_graph
from diplokg.graph.namespace import BASE, DK, PROV, SCHEMA
from diplokg.ingest.article import Article
from diplokg.ingest.readers.feeds import FeedEntry, is_local_host, looks_like_feed, read_feed
from rdflib import RDF, XSD, Literal, URIRef

__all__ = ["MAX_EXPORT_BYTES", "ListedFile", "Polled", "StoredEntries", "follow_feed", "follow_source",
           "follow_update_list", "imported_files", "parse_update_list", "read_source", "state_graph"]

#: The largest export file an update list may name (GDELT's 15-minute exports are a few MB zipped).
MAX_EXPORT_BYTES = 500_000_000
_LINE = re.compile(r"^(\d+)\s+([0-9a-fA-F]{32})\s+(\S+)$")
_EXPORT = re.compile(r"\.export\.csv(\.zip)?$", re.IGNORECASE)


@dataclass
class Polled:
    """What one poll of one source did: ``new`` items stored, ``seen`` skipped as stored already, ``errors``
    (one line each: an item reported and skipped), ``failed`` the source itself could not be read."""

    source: str
    kind: str = "unknown"  # feed, gdelt
    new: int = 0
    seen: int = 0
    errors: list[str] = field(default_factory=list)
    failed: bool = False
    stopped: bool = False  # the round was cut short by a stop
    unchanged: bool = False  # the source answered 304 Not Modified: nothing to read

    def fail(self, exc: BadInput) -> None:
        self.errors.append(str(exc))


def _literal(value: str, datatype: str | None = None) -> str:
    """``value`` as a SPARQL literal, every character escaped that must be."""
    return str(ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value))


class StoredEntries:
    """Which feed entries the store holds already (:class:`~diplokg.ingest.readers.feeds.Seen`): by the entry's
    key, its link or its text's hash; and, within one reading, the articles let through so far. ``skipped``
    counts the entries skipped."""

    def __init__(self, store):
        self.store = store
        self.keys: set[str] = set()
        self.urls: set[str] = set()
        self.hashes: set[str] = set()
        self.skipped = 0

    def _stored(self, prop: URIRef, value: str) -> bool:
        """Whether an article (a node with a content hash: not a GDELT row's source) has ``prop`` ``value``."""
        datatype = str(XSD.anyURI) if prop == SCHEMA.url else None
        query = (f"SELECT ?a WHERE {{ ?a <{prop}> {_literal(value, datatype)} ; <{DK.contentHash}> ?h }} LIMIT 1")
        return any(True for _ in self.store.select(query))

    def _known(self, key: str | None, urls: list[str], text_hash: str | None) -> bool:
        if key and (key in self.keys or self.store.has_graph(article_graph(key))):
            return True
        for url in urls:
            if url in self.urls or self._stored(SCHEMA.url, url):
                return True
        return bool(text_hash) and (text_hash in self.hashes or self._stored(DK.contentHash, text_hash))

    def entry(self, entry: FeedEntry) -> bool:
        text_hash = hashlib.sha256(entry.text.encode("utf-8")).hexdigest() if entry.text else None
        known = self._known(entry.key, [entry.link] if entry.link else [], text_hash)
        self.skipped += known
        return known

    def article(self, article: Article) -> bool:
        urls = [u for u in (article.url, article.extra.get("page_url")) if u]
        if self._known(article.key, urls, article.content_hash):
            self.skipped += 1
            return True
        self.keys.add(article.key)
        self.urls.update(urls)
        self.hashes.add(article.content_hash)
        return False


def read_source(source: str, *, timeout: float, max_bytes: int,
                known: dict | None = None) -> tuple[bytes | None, str | None, dict]:
    """The bytes of a source (an http(s) URL or a file), the URL they came from (None for a file) and the
    answer's validators (``etag``, ``last_modified``). Given the validators ``known`` of an earlier reading, a URL
    is asked for conditionally, and the bytes are None if it has not changed since."""
    if source.lower().startswith(("http://", "https://")):
        from diplokg.ingest.readers.url import download

        known = known or {}
        dl = download(source, timeout=timeout, max_bytes=max_bytes, etag=known.get("etag"),
                      last_modified=known.get("last_modified"))
        validators = {k: v for k, v in (("etag", dl.etag), ("last_modified", dl.last_modified)) if v}
        return (None if dl.not_modified else dl.body), dl.url, validators
    from diplokg.ingest.readers.files import read_bytes

    return read_bytes(source, source=source, max_bytes=max_bytes), None, {}


@dataclass(frozen=True)
class ListedFile:
    size: int
    md5: str
    url: str
    line: int


def looks_like_update_list(data: bytes) -> bool:
    """Whether the first non-empty line of ``data`` is ``size md5 url``."""
    for line in data[:4096].decode("utf-8", "replace").splitlines():
        if line.strip():
            return _LINE.match(line.strip()) is not None
    return False


def parse_update_list(text: str, source: str, base: str | None = None) -> list[ListedFile | BadInput]:
    """The files of an update list, a ``size md5 url`` line each (a relative URL is resolved against ``base``);
    a line of another form is a BadInput naming its number."""
    found: list[ListedFile | BadInput] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _LINE.match(line.strip())
        if match is None:
            found.append(BadInput(f"{source}:{n}", f"not 'size md5 url': {line.strip()[:80]!r}"))
            continue
        url = urljoin(base, match[3]) if base else match[3]
        found.append(ListedFile(int(match[1]), match[2].lower(), url, n))
    return found


def state_graph(source: str) -> URIRef:
    """The named graph where what was taken from ``source`` is noted."""
    return URIRef(f"{BASE}graph/watch/{hashlib.sha256(source.encode('utf-8')).hexdigest()[:32]}")


def imported_files(store, source: str) -> set[str]:
    """The MD5s of the files of ``source`` imported so far."""
    graph = state_graph(source)
    rows = store.select(f"SELECT ?md5 WHERE {{ GRAPH <{graph}> {{ ?f a <{SCHEMA.DataDownload}> ; "
                        f"<{SCHEMA.identifier}> ?md5 }} }}")
    return {str(row["md5"]) for row in rows}


def _note_file(store, source: str, listed: ListedFile, new: bool) -> None:
    graph = state_graph(source)
    node = URIRef(f"{graph}/file/{listed.md5}")
    triples = [(node, RDF.type, SCHEMA.DataDownload), (node, SCHEMA.identifier, Literal(listed.md5)),
               (node, SCHEMA.contentUrl, Literal(listed.url, datatype=XSD.anyURI)),
               (node, SCHEMA.contentSize, Literal(listed.size)),
               (node, PROV.generatedAtTime, Literal(datetime.now(UTC).isoformat(), datatype=XSD.dateTime))]
    if new:  # the source's description, with its first file
        triples += [(graph, RDF.type, SCHEMA.DataFeed), (graph, SCHEMA.url, Literal(source))]
    store.add_graph(graph, triples)


def _export_file(listed: ListedFile, *, timeout: float, folder: str, here: str | None, local_ok: bool) -> Path:
    """The export file downloaded into ``folder`` under its own name, its size and MD5 checked; a path (in a list
    that is a file) is read relative to the list's folder ``here``. Raises BadInput."""
    from diplokg.ingest.readers.url import download

    if listed.size > MAX_EXPORT_BYTES:
        raise BadInput(listed.url, f"listed at {listed.size} bytes, over the limit of {MAX_EXPORT_BYTES}")
    if listed.url.lower().startswith(("http://", "https://")):
        if not local_ok and is_local_host(listed.url):
            raise BadInput(listed.url, "on a local or private address and the update list is not: not fetched")
        body = download(listed.url, timeout=timeout, max_bytes=max(listed.size, 1)).body
    elif here is None:
        raise BadInput(listed.url, "not an http(s) URL")
    else:
        try:
            body = (Path(here) / listed.url).read_bytes()
        except OSError as exc:
            raise BadInput(listed.url, exc.strerror or str(exc)) from None
    if len(body) != listed.size:
        raise BadInput(listed.url, f"{len(body)} bytes, the list says {listed.size}")
    md5 = hashlib.md5(body, usedforsecurity=False).hexdigest()
    if md5 != listed.md5:
        raise BadInput(listed.url, f"wrong checksum: MD5 {md5}, the list says {listed.md5}")
    name = os.path.basename(urlsplit(listed.url).path) or f"{listed.md5}.export.CSV"
    path = Path(folder) / name
    path.write_bytes(body)
    return path


def follow_update_list(source: str, data: bytes, base: str | None, store, polled: Polled, *,
                       lock: AbstractContextManager | None = None, changed: Callable[[str | None], None] | None = None,
                       stopping: Callable[[], bool] = lambda: False, timeout: float = 60.0, coder=None) -> None:
    """Import the export files of an update list not imported yet, in list order (mentions and GKG files are
    not events: passed over). ``coder`` is not needed (the rows are coded already)."""
    from diplokg.ingest.imports import import_files

    polled.kind = "gdelt"
    lock = lock or nullcontext()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(source, f"not UTF-8 (byte at offset {exc.start})") from None
    done = imported_files(store, source)
    here = None if base else os.path.dirname(os.path.abspath(source))  # a list that is a file may name files
    local_ok = base is None or is_local_host(base)
    for listed in parse_update_list(text, source, base):
        if isinstance(listed, BadInput):
            polled.fail(listed)
            continue
        if not _EXPORT.search(urlsplit(listed.url).path):
            continue
        if listed.md5 in done:
            polled.seen += 1
            continue
        if stopping():
            polled.stopped = True
            return
        with tempfile.TemporaryDirectory(prefix="diplokg-gdelt-") as folder:
            try:
                path = _export_file(listed, timeout=timeout, folder=folder, here=here, local_ok=local_ok)
            except BadInput as exc:
                polled.fail(exc)
                continue
            with lock:
                report = import_files("gdelt", [path], store)
                if report.failures:
                    polled.errors.extend(f"{listed.url}: {f.reason}" for f in report.failures)
                    continue
                _note_file(store, source, listed, new=not done)
                store.flush()
                if changed is not None and report.files:
                    changed(None)
        done.add(listed.md5)
        if report.already:
            polled.seen += 1
        else:
            polled.new += 1
        if report.bad_rows:
            _, line, why = report.problems[0]
            polled.errors.append(f"{listed.url}: {report.bad_rows} bad rows left out, the rest imported (first: line "
                                 f"{line}: {why})")


def follow_feed(source: str, data: bytes, url: str | None, store, polled: Polled, *, coder=None,
                lock: AbstractContextManager | None = None, changed: Callable[[str | None], None] | None = None,
                stopping: Callable[[], bool] = lambda: False, timeout: float = 20.0,
                max_bytes: int = 5_000_000) -> None:
    """Store the feed's entries not stored yet, one article (one transaction) at a time; a stop is obeyed between
    entries. ``coder`` is a Coder or a function making one (called only when there is something to code)."""
    from diplokg.ingest.pipeline import ingest_articles

    polled.kind = "feed"
    lock = lock or nullcontext()
    seen = StoredEntries(store)
    made = None
    for item in read_feed(data, source=source, url=url, seen=seen, timeout=timeout, max_bytes=max_bytes):
        if isinstance(item, BadInput):
            if item.source == source:  # the feed itself is broken
                raise item
            polled.fail(item)
        else:
            if made is None:
                made = coder() if callable(coder) else coder
                if made is None:
                    from diplokg.ingest.coder import Coder

                    made = Coder()
            with lock:
                report = ingest_articles([item], store, coder=made)
                if report.articles and changed is not None:
                    changed(item.key)
            polled.new += report.articles
            polled.seen += report.skipped
            polled.errors.extend(str(f) for f in report.failures)
        if stopping():  # the item under way is finished: stop before the next one
            polled.stopped = True
            break
    polled.seen += seen.skipped


def follow_source(source: str, store, *, remembered: dict | None = None, **options) -> Polled:
    """One poll of ``source``, a feed or an update list, told apart by what it holds. The source's own failure
    (unreachable, neither kind) sets ``failed``; a bad item is one line of ``errors`` and the rest goes on.

    ``remembered`` (a dict the caller keeps for the source from poll to poll) holds the validators of the last
    reading that took in all there was: the next poll is then a conditional GET, and a source that has not
    changed (304) is not read again. After a round with errors or a stop it is emptied, so the next round reads
    the source again and retries what failed."""
    polled = Polled(source)
    timeout = options.pop("timeout", 20.0)
    max_bytes = options.pop("max_bytes", 5_000_000)
    known = remembered if remembered is not None else {}
    validators: dict = {}
    try:
        data, url, validators = read_source(source, timeout=timeout, max_bytes=max_bytes, known=known)
        if data is None:
            polled.kind, polled.unchanged = known.get("kind", "unknown"), True
            return polled
        known.clear()
        if looks_like_update_list(data):
            follow_update_list(source, data, url, store, polled, timeout=max(timeout, 60.0), **options)
        elif looks_like_feed(data):
            follow_feed(source, data, url, store, polled, timeout=timeout, max_bytes=max_bytes, **options)
        else:
            raise BadInput(source, "neither an RSS or Atom feed nor a GDELT update list (size md5 url lines)")
    except BadInput as exc:
        polled.failed = True
        polled.fail(exc)
    if validators and not (polled.failed or polled.errors or polled.stopped):
        known.update(validators, kind=polled.kind)
    return polled
