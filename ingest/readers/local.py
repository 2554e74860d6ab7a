"""Local inputs: one file (dispatched by extension), a directory tree, standard input."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

from diplokg.errors import BadInput
from diplokg.ingest.article import Article

from .feeds import Seen, looks_like_feed, read_feed
from .files import check_bytes, decode_utf8, os_reason, read_bytes
from .html import read_html
from .jsonl import read_json_document, read_jsonl
from .text import read_text

__all__ = ["EXTENSIONS", "read_dir", "read_file", "read_stdin"]

#: Known extensions and the format each one is read as.
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".rss": "feed",
    ".atom": "feed",
}


def read_file(path: str, *, max_bytes: int, source: str | None = None,
              seen: Seen | None = None) -> Iterator[Article | BadInput]:
    """Articles of one file, by extension (unknown extensions are read as text; ``.xml`` as a feed if it is one).

    ``max_bytes`` bounds single-article files (text, HTML) and a feed's pages; JSON and JSON Lines collections
    are not bounded. ``seen`` skips a feed's entries already stored (see ``feeds.read_feed``).
    """
    source = path if source is None else source
    kind = EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")
    if kind == "jsonl":
        yield from read_jsonl(path, source=source)
        return
    try:
        data = read_bytes(path, source=source, max_bytes=None if kind in ("json", "feed") else max_bytes)
        check_bytes(data, source)
        if kind == "feed" or (path.lower().endswith(".xml") and looks_like_feed(data)):
            yield from read_feed(data, source=source, seen=seen, max_bytes=max_bytes)
        elif kind == "html":
            yield read_html(data, source=source)
        elif kind == "json":
            yield from read_json_document(decode_utf8(data, source), source=source)
        else:
            yield read_text(decode_utf8(data, source), source=source)
    except BadInput as e:
        yield e


def _walk(root: str) -> Iterator[str | BadInput]:
    """Files with known extensions under ``root`` (hidden names skipped), sorted; unreadable folders as BadInput."""
    found: list[tuple[tuple[str, ...], str]] = []
    errors: list[BadInput] = []

    def onerror(e: OSError) -> None:
        errors.append(BadInput(e.filename or root, os_reason(e)))

    for folder, dirs, files in os.walk(root, onerror=onerror):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(folder, root)
        parts = () if rel == os.curdir else tuple(rel.split(os.sep))
        for name in files:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in EXTENSIONS:
                found.append(((*parts, name), os.path.join(folder, name)))
    yield from errors
    for _, path in sorted(found):
        yield path


def read_dir(root: str, *, max_bytes: int) -> Iterator[Article | BadInput]:
    """Articles of every known-extension file under ``root``, in sorted path order."""
    for item in _walk(root):
        if isinstance(item, BadInput):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)


def read_stdin(*, max_bytes: int) -> Iterator[Article | BadInput]:
    """Standard input: JSON Lines if every non-empty line starts with '{', else one text article (source '-')."""
    stream = sys.stdin
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data = buffer.read()
            check_bytes(data, "-")
            raw = decode_utf8(data, "-")
        else:
            raw = stream.read().removeprefix("\ufeff")
            if not raw:
                raise BadInput("-", "empty")
    except BadInput as e:
        yield e
        return
    except OSError as e:
        yield BadInput("-", os_reason(e))
        return
    lines = raw.splitlines()
    nonempty = [line for line in lines if line.strip()]
    if nonempty and all(line.lstrip().startswith("{") for line in nonempty):
        yield from read_jsonl(lines, source="-")
        return
    if len(raw.encode("utf-8")) > max_bytes:
        yield BadInput("-", f"larger than {max_bytes} bytes")
        return
    try:
        yield read_text(raw, source="-")
    except BadInput as e:
        yield e
