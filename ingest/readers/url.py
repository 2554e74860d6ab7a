"""http(s) URLs: a size- and time-limited download with urllib, then dispatch by content type (an RSS or Atom
feed is read entry by entry, see ``feeds``)."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from diplokg.errors import BadInput
from diplokg.ingest.article import Article

from .feeds import FEED_TYPES, Seen, looks_like_feed, read_feed
from .html import read_html
from .jsonl import read_json_document, read_jsonl
from .text import read_text

__all__ = ["download", "fetch_url", "read_url"]

_USER_AGENT = "diplokg/0.1 (+article reader)"
_CHUNK = 65536
_HTML = {"text/html", "application/xhtml+xml"}
_TEXT = {"text/plain", "text/markdown", "text/x-markdown"}
_JSON = {"application/json"}
_XML = {"application/xml", "text/xml"}
_JSONL = {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"}


@dataclass(frozen=True)
class Download:
    url: str
    media_type: str
    charset: str | None
    body: bytes
    etag: str | None = None  # the validators of the answer, for a conditional GET of the same URL later
    last_modified: str | None = None
    not_modified: bool = False  # 304: unchanged since the validators given (no body)


def download(url: str, *, timeout: float, max_bytes: int, etag: str | None = None,
             last_modified: str | None = None) -> Download:
    """GET ``url``: at most ``max_bytes`` within ``timeout`` seconds overall. With ``etag`` or ``last_modified``
    (of an earlier answer) the GET is conditional, and an unchanged resource is a ``not_modified`` Download
    without a body. Raises BadInput."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise BadInput(url, f"unsupported URL scheme {scheme!r} (only http and https)")
    headers = {"User-Agent": _USER_AGENT, "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise BadInput(url, f"larger than {max_bytes} bytes")
            chunks: list[bytes] = []
            size = 0
            while size <= max_bytes:
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunk = resp.read(min(_CHUNK, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            if size > max_bytes:
                raise BadInput(url, f"larger than {max_bytes} bytes")
            return Download(
                url=resp.geturl(),
                media_type=resp.headers.get_content_type(),
                charset=resp.headers.get_content_charset(),
                body=b"".join(chunks),
                etag=resp.headers.get("ETag"),
                last_modified=resp.headers.get("Last-Modified"),
            )
    except BadInput:
        raise
    except urllib.error.HTTPError as e:
        if e.code == 304 and (etag or last_modified):
            return Download(url=url, media_type="", charset=None, body=b"", etag=etag, last_modified=last_modified,
                            not_modified=True)
        raise BadInput(url, _reason(e, timeout)) from None
    except Exception as e:
        raise BadInput(url, _reason(e, timeout)) from None


def _reason(e: BaseException, timeout: float) -> str:
    """A short reason for a failed download."""
    if isinstance(e, urllib.error.HTTPError):
        return f"HTTP {e.code} {e.reason}".strip()
    if isinstance(e, urllib.error.URLError):
        e = e.reason if isinstance(e.reason, BaseException) else e
    if isinstance(e, TimeoutError):
        return f"timed out after {timeout:g}s"
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    if isinstance(e, socket.gaierror):
        return f"cannot resolve host ({e.strerror})"
    if isinstance(e, ssl.SSLError):
        return f"TLS error: {e.reason or e}"
    if isinstance(e, http.client.HTTPException):
        return f"bad HTTP response ({type(e).__name__})"
    if isinstance(e, urllib.error.URLError):
        return str(e.reason)
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return f"{type(e).__name__}: {e}"


def _decode(dl: Download, source: str) -> str:
    charset = dl.charset or "utf-8"
    try:
        return dl.body.decode(charset).removeprefix("\ufeff")
    except LookupError:
        raise BadInput(source, f"unknown charset {charset!r}") from None
    except UnicodeDecodeError as e:
        raise BadInput(source, f"not {charset} (byte 0x{dl.body[e.start]:02x} at offset {e.start})") from None


def read_url(url: str, *, timeout: float, max_bytes: int, seen: Seen | None = None,
             feeds: bool = True) -> Iterator[Article | BadInput]:
    """Articles at ``url`` (several for JSON Lines / JSON arrays and feeds); a failure yields one BadInput.
    ``seen`` skips a feed's entries already stored (see ``feeds.read_feed``); without ``feeds`` a feed is a
    BadInput (an entry's page that is a feed is not followed: a feed linking to itself would never end)."""
    try:
        dl = download(url, timeout=timeout, max_bytes=max_bytes)
        if not dl.body:
            raise BadInput(url, "empty")
        if dl.media_type in FEED_TYPES or (dl.media_type in _XML and looks_like_feed(dl.body)):
            if not feeds:
                raise BadInput(url, "a feed, not an article")
            yield from read_feed(dl.body, source=url, url=dl.url, seen=seen, timeout=timeout, max_bytes=max_bytes)
        elif dl.media_type in _HTML:
            raw: str | bytes = _decode(dl, url) if dl.charset else dl.body
            yield read_html(raw, source=url, url=dl.url)
        elif dl.media_type in _TEXT:
            yield read_text(_decode(dl, url), source=url, meta={"url": dl.url})
        elif dl.media_type in _JSON:
            yield from read_json_document(_decode(dl, url), source=url)
        elif dl.media_type in _JSONL:
            yield from read_jsonl(_decode(dl, url).splitlines(), source=url)
        else:
            raise BadInput(url, f"unsupported content type {dl.media_type!r}")
    except BadInput as e:
        yield e


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> Article:
    """The one article at ``url``. Raises BadInput (also when the URL holds several articles, or a feed)."""
    items = list(read_url(url, timeout=timeout, max_bytes=max_bytes, feeds=False))
    for item in items:
        if isinstance(item, BadInput):
            raise item
    if len(items) != 1:
        raise BadInput(url, f"{len(items)} articles at this URL; use read_inputs for collections")
    return items[0]
