"""RSS and Atom feeds, read with feedparser: each entry becomes an article.

An entry that carries its full text (``content:encoded`` or Atom ``<content>`` of some length, or a long
``description``) is read as it is; any other entry's page is fetched and extracted as a URL is
(:func:`~diplokg.ingest.readers.url.fetch_url`). Either way the article keeps the entry's id (as its key, see
:func:`entry_key`), link, title and date; the page fills in what the entry lacks.

An entry's page on a loopback, private or link-local address is fetched only when the feed is on such an address
too (or is a file): a feed on the internet cannot make a server inside a network read its neighbours
(:func:`is_local_host`).

A ``seen`` filter (see :class:`Seen`; ``diplokg.ingest.follow.StoredEntries`` asks the store) is asked about
every entry before its page is fetched and about every article before it is yielded, so that following a feed
fetches and adds each article once.

>>> feed = b'''<rss version="2.0"><channel><title>Wire</title><item><guid>tag:wire.example,2023:1</guid>
... <title>Talks</title><pubDate>Fri, 10 Mar 2023 10:00:00 GMT</pubDate><description>Saudi Arabia and Iran
... agreed on Friday to restore ties.</description></item></channel></rss>'''
>>> [article] = read_feed(feed, source="wire.rss")
>>> article.id, article.title, article.published.isoformat(), article.outlet
('wire.example-2023-1-0558b68381d6', 'Talks', '2023-03-10', 'Wire')
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import urlsplit

from diplokg.errors import BadInput
from diplokg.ingest.article import Article, check_article

from .clean import clean_text
from .fields import build_article

__all__ = ["FEED_TYPES", "MIN_CONTENT_WORDS", "MIN_SUMMARY_WORDS", "FeedEntry", "Seen", "entry_key",
           "is_local_host", "looks_like_feed", "parse_feed", "read_feed"]

#: Media types a URL answers with that are read as feeds (and ``application/xml``, ``text/xml`` that look so).
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml"}
#: An entry's ``content`` (``content:encoded``, Atom ``<content>``) of at least this many words is its full text.
MIN_CONTENT_WORDS = 25
#: A ``description``/``<summary>`` alone is a teaser unless it has this many words; then it is the full text.
MIN_SUMMARY_WORDS = 150
_FEED_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>/]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?://)?")
_NOT_ID = re.compile(r"[^A-Za-z0-9._~@-]+")


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, as read; ``text`` is the cleaned full text it carries (None: its page must be
    fetched), ``number`` its place in the feed (1-based), for messages."""

    feed: str
    number: int
    id: str | None
    link: str | None
    title: str | None
    published: date | None
    text: str | None

    @property
    def key(self) -> str | None:
        """The article key of this entry (:func:`entry_key`), None for an entry with neither id nor link."""
        return entry_key(self.id or self.link, self.feed) if self.id or self.link else None

    @property
    def source(self) -> str:
        return f"{self.feed} entry {self.number}" + (f" ({self.id or self.link})" if self.id or self.link else "")


class Seen(Protocol):
    """What a feed reader asks before it fetches an entry's page and before it yields an article: True means
    'already stored, skip it'. ``article`` also notes what it lets through, so a round adds an article once."""

    def entry(self, entry: FeedEntry) -> bool: ...

    def article(self, article: Article) -> bool: ...


def entry_key(entry_id: str, feed: str) -> str:
    """The article key of a feed entry: its id (else its link) made fit for the id rule, and a hash.

    An id that is an IRI (``tag:``, ``urn:``, ``http:`` …; Atom ids must be) is global, so the same entry in
    two feeds has one key; any other id (an RSS ``guid`` such as ``123``) is only unique within its feed, so
    the feed is part of its hash.

    >>> entry_key("https://news.example.org/2023/03/talks", "a.rss")
    'news.example.org-2023-03-talks-e6c6b52ee23d'
    >>> entry_key("123", "a.rss") != entry_key("123", "b.rss")
    True
    """
    scoped = entry_id if _SCHEME.match(entry_id) else f"{feed}\n{entry_id}"
    digest = hashlib.sha256(scoped.encode("utf-8")).hexdigest()[:12]
    slug = _NOT_ID.sub("-", _SCHEME.sub("", entry_id, count=1))[:80]
    slug = re.sub(r"^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "", slug)
    return f"{slug}-{digest}" if slug else f"entry-{digest}"


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` starts (after a declaration, comments, a BOM) with an RSS, Atom or RDF root element.

    >>> looks_like_feed(b'<?xml version="1.0"?>\\n<feed xmlns="http://www.w3.org/2005/Atom">'), looks_like_feed(b"<html>")
    (True, False)
    """
    return _FEED_START.search(data[:4096]) is not None


def is_local_host(url: str) -> bool:
    """Whether the host of ``url`` is, or resolves to, a loopback, private, link-local or otherwise non-public
    address (a name that does not resolve is not: its fetch fails on its own).

    >>> is_local_host("http://127.0.0.1:8000/feed"), is_local_host("http://[::1]/"), is_local_host("http://10.1.2.3/")
    (True, True, True)
    >>> is_local_host("http://93.184.215.14/news")
    False
    """
    host = urlsplit(url).hostname
    if not host:
        return False
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in socket.getaddrinfo(host, None)]
        except (OSError, ValueError):
            return False
    return any(not a.is_global or a.is_multicast for a in addresses)


class _Text(HTMLParser):
    """The text of an HTML fragment, a paragraph per block element; scripts and styles dropped."""

    BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
              "table", "tr", "section", "article", "figure", "figcaption", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data) -> None:
        if not self.skip:
            self.parts.append(data)


def _plain(value: str, media_type: str | None) -> str:
    """Cleaned text of an entry's content or summary (HTML unless it says it is plain text)."""
    if media_type == "text/plain":
        return clean_text(value)
    parser = _Text()
    parser.feed(value)
    parser.close()
    text = "".join(parser.parts)
    return clean_text("\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip()))


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _date(entry) -> date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(name)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _entry(raw, feed: str, number: int) -> FeedEntry:
    contents = [_plain(c.get("value") or "", c.get("type")) for c in raw.get("content") or []]
    content = max(contents, key=_words, default=None)
    detail = raw.get("summary_detail") or {}
    summary = _plain(raw.get("summary") or "", detail.get("type")) if raw.get("summary") else None
    link = (raw.get("link") or "").strip() or None
    if link and not link.lower().startswith(("http://", "https://")):
        link = None  # (feedparser takes an RSS guid for the link, which may be a tag: or urn: id)
    if _words(content) >= MIN_CONTENT_WORDS:
        text = content
    elif _words(summary) >= MIN_SUMMARY_WORDS:
        text = summary
    elif link is None:  # nothing to fetch: what the entry holds is all there is
        text = max((content, summary), key=_words) or None
    else:
        text = None
    title = " ".join((raw.get("title") or "").split()) or None
    entry_id = (raw.get("id") or "").strip() or None
    return FeedEntry(feed, number, entry_id, link, title, _date(raw), text)


def parse_feed(data: bytes, *, source: str, url: str | None = None) -> tuple[str | None, list[FeedEntry]]:
    """The feed's title and its entries. Raises BadInput if ``data`` is no RSS or Atom feed."""
    import feedparser  # imported on first use only

    headers = {"content-location": url} if url else {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        raise BadInput(source, "not an RSS or Atom feed" + (f" ({problem})" if problem else ""))
    if parsed.get("bozo") and not parsed.entries:
        problem = str(parsed.get("bozo_exception")).replace("<unknown>:", "line ", 1)
        raise BadInput(source, f"broken feed: {problem}")
    title = " ".join((parsed.feed.get("title") or "").split()) or None
    return title, [_entry(raw, source, n) for n, raw in enumerate(parsed.entries, 1)]


def entry_article(entry: FeedEntry, *, outlet: str | None, timeout: float, max_bytes: int,
                  local_pages: bool = True) -> Article:
    """The article of one entry: its own text, else its page fetched and extracted (not from a local address
    unless ``local_pages``). Raises BadInput."""
    fields = {"id": entry.key, "title": entry.title, "published": entry.published, "outlet": outlet,
              "url": entry.link, "extra": {"feed": entry.feed, **({"entry_id": entry.id} if entry.id else {})}}
    if entry.text is not None:
        return build_article(entry.text, source=entry.source, fields=fields)
    if entry.link is None:
        raise BadInput(entry.source, "the entry has no text and no link")
    from .url import fetch_url

    if not local_pages and is_local_host(entry.link):
        raise BadInput(entry.source, f"its page {entry.link} is on a local or private address and the feed is not: "
                                     "not fetched")
    try:
        page = fetch_url(entry.link, timeout=timeout, max_bytes=max_bytes)
    except BadInput as exc:
        raise BadInput(entry.source, f"its page {exc.source}: {exc.reason}") from None
    extra = {**page.extra, **fields["extra"]}
    if page.url and page.url != entry.link:
        extra["page_url"] = page.url
    article = replace(page, id=entry.key, title=entry.title or page.title, published=entry.published or page.published,
                      outlet=page.outlet or outlet, url=entry.link, source=entry.source, extra=extra)
    check_article(article)
    return article


def read_feed(data: bytes, *, source: str, url: str | None = None, seen: Seen | None = None,
              timeout: float = 20.0, max_bytes: int = 5_000_000,
              local_pages: bool | None = None) -> Iterator[Article | BadInput]:
    """The articles of a feed's entries, in feed order, each once; a broken entry (no text and no link, a page
    that cannot be fetched or read, a field no store can hold) is yielded as a BadInput and the rest goes on.
    A feed that cannot be parsed is one BadInput. Entries ``seen`` already are skipped before any fetch.

    ``url`` is where the feed was fetched from (None: a file). Pages on local or private addresses are fetched
    if ``local_pages``; by default, when the feed is a file or on such an address itself."""
    if local_pages is None:
        local_pages = url is None or is_local_host(url)
    try:
        outlet, entries = parse_feed(data, source=source, url=url)
    except BadInput as exc:
        yield exc
        return
    for entry in entries:
        if seen is not None and seen.entry(entry):
            continue
        try:
            article = entry_article(entry, outlet=outlet, timeout=timeout, max_bytes=max_bytes,
                                    local_pages=local_pages)
        except BadInput as exc:
            yield exc
            continue
        if seen is not None and seen.article(article):
            continue
        yield article
