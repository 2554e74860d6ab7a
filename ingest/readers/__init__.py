"""diplokg.ingest.readers: turn files, directories, standard input and URLs into cleaned Articles.

One module per input format (``text``, ``html``, ``jsonl``, ``url``, ``feeds``); ``clean`` holds the cleaning shared by
all of them; ``local`` dispatches files by extension. Unreadable inputs are yielded as BadInput, not raised,
so a batch goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from diplokg.errors import BadInput
from diplokg.ingest.article import Article

from .clean import clean_text
from .feeds import Seen, read_feed
from .files import os_reason
from .html import read_html
from .jsonl import read_jsonl
from .local import EXTENSIONS, read_dir, read_file, read_stdin
from .text import read_text
from .url import fetch_url, read_url

__all__ = [
    "EXTENSIONS",
    "clean_text",
    "fetch_url",
    "Seen",
    "read_feed",
    "read_html",
    "read_inputs",
    "read_jsonl",
    "read_text",
    "read_url",
]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")


def read_inputs(
    inputs: Iterable[str], *, timeout: float = 20.0, max_bytes: int = 5_000_000, seen: Seen | None = None
) -> Iterator[Article | BadInput]:
    """Expand and read every input: a file path, a directory (recursively, files with known extensions only,
    sorted), '-' (standard input: JSON Lines if every non-empty line starts with '{', else one text article),
    or an http(s) URL; an RSS or Atom feed (a URL or a ``.rss``, ``.atom`` or ``.xml`` file) gives an article per
    entry, those ``seen`` already skipped (``diplokg.ingest.follow.StoredEntries`` asks the store).

    Yields an Article per article read, or a BadInput (not raised!) per input that cannot be read, so a batch
    goes on.
    """
    for item in inputs:
        if item == "-":
            yield from read_stdin(max_bytes=max_bytes)
        elif _SCHEME.match(item):
            yield from read_url(item, timeout=timeout, max_bytes=max_bytes, seen=seen)
        elif not item:
            yield BadInput(item, "empty input name")
        else:
            try:
                is_dir = os.path.isdir(item)
                if not is_dir:
                    os.stat(item)
            except OSError as e:
                yield BadInput(item, os_reason(e))
                continue
            if is_dir:
                yield from read_dir(item, max_bytes=max_bytes)
            else:
                yield from read_file(item, max_bytes=max_bytes, seen=seen)
