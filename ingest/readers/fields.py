"""Metadata fields shared by front matter, JSON records and URLs: validation and Article assembly."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diplokg.errors import BadInput
from diplokg.ingest.article import Article, check_article

from .clean import dateline_place, parse_published

__all__ = ["FIELDS", "build_article", "coerce_fields"]

#: The metadata keys every input format understands (``text`` aside).
FIELDS = ("id", "title", "published", "outlet", "url")


def coerce_fields(record: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Validate the known fields of ``record``; return Article keyword arguments plus ``extra`` (other keys).

    Raises BadInput on a bad ``published`` value or a non-string field. Text fields are stripped; an id is not
    (``build_article`` checks it against the id rule as given).
    """
    out: dict[str, Any] = {"extra": {}}
    for key, value in record.items():
        if key == "text":
            continue
        if key not in FIELDS:
            out["extra"][str(key)] = value
            continue
        if key == "published":
            try:
                out["published"] = parse_published(value)
            except ValueError as e:
                raise BadInput(source, str(e)) from None
        elif value is None:
            out[key] = None
        elif key == "id" and isinstance(value, int) and not isinstance(value, bool):
            out[key] = str(value)
        elif key == "id" and isinstance(value, str):
            out[key] = value or None  # "" is no id; any other is kept as it is, for check_id
        elif isinstance(value, str):
            out[key] = value.strip() or None
        else:
            raise BadInput(source, f"field {key!r} must be a string, not {type(value).__name__}")
    return out


def build_article(text: str, *, source: str, fields: Mapping[str, Any]) -> Article:
    """Assemble the Article from cleaned ``text`` and coerced ``fields``; note a wire dateline's place.

    Raises BadInput if the id breaks the id rule or a field holds what no store or page can hold
    (:func:`~diplokg.ingest.article.check_article`): every reader builds its articles here."""
    if not text.strip():
        raise BadInput(source, "no article text (only boilerplate or markup)")
    extra = dict(fields.get("extra") or {})
    place = dateline_place(text)
    if place:
        extra["dateline_place"] = place
    kwargs = {k: fields.get(k) for k in FIELDS}
    article = Article(text=text, source=source, extra=extra, **kwargs)
    check_article(article)
    return article
