"""The article: what every reader produces and the coder consumes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

__all__ = ["Article"]


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
