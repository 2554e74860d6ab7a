"""The article: what every reader produces and the coder consumes; and the rules its id and text must keep."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from diplokg.errors import BadInput

__all__ = ["ID_MAX", "ID_PATTERN", "Article", "check_article", "check_id", "check_text"]

#: The longest article id.
ID_MAX = 300
#: An article id: ASCII letters and digits, then also ``. _ ~ : @ -``; up to ID_MAX characters. These are the
#: characters a URL path segment holds as they are (RFC 3986 unreserved, ':' and '@'), so ``/articles/{id}``
#: addresses every id without encoding, and an id maps one to one onto its IRI (``graph.model.article_iri``).
#: ``/``, spaces, ``%``, ``?``, ``#``, quotes, brackets and non-ASCII letters are refused.
ID_PATTERN = rf"^[A-Za-z0-9][A-Za-z0-9._~:@-]{{0,{ID_MAX - 1}}}$"
_ID = re.compile(ID_PATTERN.replace("$", r"\Z"))
#: What no field may hold: characters outside XML 1.0's Char production. Lone surrogates (JSON and YAML
#: ``\ud800`` escapes decode into them) are not Unicode text at all, UTF-8 cannot encode them; C0 controls
#: but tab, line feed and carriage return, and U+FFFE/U+FFFF, no XML (RDF/XML, GEXF, GraphML) or HTML page
#: can carry. The cleaner turns form feeds and vertical tabs of a text into line breaks first.
_NOT_TEXT = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Article:
    """One news article, cleaned and ready to code.

    ``text`` is the body as stored and as evidence offsets refer to it. ``published`` is the dateline that
    relative dates resolve against. ``source`` says where the article was read from (a path, ``file.jsonl:3``,
    a URL or ``-``), for messages.
    """

    text: str
    id: str | None = None
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def key(self) -> str:
        """Stable identity: the given id, else a hash of the content (so re-ingesting adds nothing)."""
        return self.id or "sha256-" + self.content_hash[:32]


def _shown(value: str, limit: int = 60) -> str:
    """``value`` quoted for a message: escaped (no raw surrogate or control reaches a terminal or a JSON
    answer) and cut to ``limit`` characters."""
    return repr(value[:limit]) + ("…" if len(value) > limit else "")


def check_text(value: str, what: str, source: str) -> None:
    r"""BadInput naming ``what`` and the first character no store, XML export or page can hold.

    >>> check_text("Talks in Doha.", "text", "a.txt")
    >>> check_text("China \ud800 Russia", "text", "a.jsonl:3")
    Traceback (most recent call last):
    ...
    diplokg.errors.BadInput: a.jsonl:3: text holds U+D800 at character 6, a lone surrogate: not Unicode text
    """
    bad = _NOT_TEXT.search(value)
    if bad is None:
        return
    char = bad.group()
    code = ord(char)
    kind = ("a lone surrogate: not Unicode text" if 0xD800 <= code <= 0xDFFF
            else "a control character" if code < 0x20 else "a noncharacter")
    raise BadInput(source, f"{what} holds U+{code:04X} at character {bad.start()}, {kind}")


def check_id(value: str, source: str) -> None:
    """BadInput unless ``value`` is an article id by the rule of :data:`ID_PATTERN`.

    >>> check_id("dw-2023-09-22-china-syria-partnership", "a.jsonl:1")
    >>> check_id("a/b", "a.jsonl:2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    diplokg.errors.BadInput: a.jsonl:2: id 'a/b' is not an article id: 1-300 of A-Z a-z 0-9 . _ ~ : @ -, ...
    """
    if not _ID.match(value):
        check_text(value, "id", source)  # a lone surrogate is named as such
        raise BadInput(source, f"id {_shown(value)} is not an article id: 1-{ID_MAX} of A-Z a-z 0-9 . _ ~ : @ -, "
                               "starting with a letter or digit")


def check_article(article: Article) -> None:
    """BadInput (naming the article's source) if its id breaks the id rule or a field holds a character no
    store, XML export or page can hold. Every reader checks what it builds; the pipeline checks again, for
    articles a caller built."""
    source = article.source or (article.id if article.id and _ID.match(article.id) else "article")
    if article.id is not None and article.id != "":
        check_id(article.id, source)
    for what in ("text", "title", "outlet", "url"):
        value = getattr(article, what)
        if value:
            check_text(value, what, source)
