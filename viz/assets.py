"""The page's static files: vis-network (shipped inside the installed pyvis package) and our own JS and CSS.

Only the names in :data:`ASSETS` exist; nothing is read at import time, and each file is read once.

>>> sorted(ASSETS)
['graph.css', 'graph.js', 'time.js', 'trend.js', 'vis-network.css', 'vis-network.min.js']
>>> asset("graph.css").media_type
'text/css; charset=utf-8'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["ASSETS", "Asset", "asset", "inline_script", "inline_style"]

VIS_VERSION = "9.1.2"
_CLOSE_SCRIPT = re.compile(r"</(script)", re.I)
_CLOSE_STYLE = re.compile(r"</(style)", re.I)
JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"

# name -> (package, path inside it, media type)
ASSETS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "vis-network.min.js": ("pyvis", ("lib", f"vis-{VIS_VERSION}", "vis-network.min.js"), JS),
    "vis-network.css": ("pyvis", ("lib", f"vis-{VIS_VERSION}", "vis-network.css"), CSS),
    "time.js": ("diplokg.viz", ("static", "time.js"), JS),
    "trend.js": ("diplokg.viz", ("static", "trend.js"), JS),
    "graph.js": ("diplokg.viz", ("static", "graph.js"), JS),
    "graph.css": ("diplokg.viz", ("static", "graph.css"), CSS),
}


@dataclass(frozen=True)
class Asset:
    name: str
    body: bytes
    media_type: str

    @property
    def digest(self) -> str:
        """A short content hash: the cache-busting ``?v=`` of the asset's URL and its ETag."""
        return hashlib.sha256(self.body).hexdigest()[:16]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@cache
def asset(name: str) -> Asset:
    """One of :data:`ASSETS`, read from its package (``KeyError`` for any other name)."""
    package, parts, media_type = ASSETS[name]
    return Asset(name, resources.files(package).joinpath(*parts).read_bytes(), media_type)


def inline_script(source: str) -> str:
    """JavaScript made safe to place inside ``<script>…</script>``: no ``</script`` can end the element
    (``<\\/script`` means the same in a JS string, regex or comment; other ``</`` are left alone: ``/</`` is a
    regex). A source holding both ``<!--`` and ``<script`` could
    put the HTML parser in its "double escaped" state, so it is refused rather than guessed at.

    >>> inline_script('s = "</script>"; ok = /</.test(c);')
    's = "<\\\\/script>"; ok = /</.test(c);'
    """
    if "<!--" in source and "<script" in source.lower():
        raise ValueError("script holds both '<!--' and '<script': cannot be inlined safely")
    return _CLOSE_SCRIPT.sub(r"<\\/\1", _newlines(source))


def _newlines(source: str) -> str:
    """Line breaks as the HTML parser leaves them (CRLF and CR become LF), so a CSP hash matches."""
    return source.replace("\r\n", "\n").replace("\r", "\n")


def inline_style(source: str) -> str:
    """CSS made safe to place inside ``<style>…</style>``."""
    return _CLOSE_STYLE.sub(r"<\\/\1", _newlines(source))
