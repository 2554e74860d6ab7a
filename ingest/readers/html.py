"""HTML pages: main text and metadata via trafilatura, then the shared cleaning."""

from __future__ import annotations

from diplokg.errors import BadInput
from diplokg.ingest.article import Article

from .clean import clean_text, parse_published, split_head
from .fields import build_article

__all__ = ["read_html"]

#: htmldate settings: dates from markup only (no guessing from copyright lines), first publication.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: A page whose extracted text has no block with this many words (menus, link lists) has no article.
_MIN_PARAGRAPH_WORDS = 8


def read_html(raw: str | bytes, *, source: str = "", url: str | None = None) -> Article:
    """Extract the article of an HTML page (title, date, site name, URL from its metadata). Raises BadInput."""
    import trafilatura  # heavy: imported on first use only

    if not raw.strip():
        raise BadInput(source, "empty")
    try:
        doc = trafilatura.bare_extraction(
            raw,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as e:
        raise BadInput(source, f"HTML extraction failed: {e}") from None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or max((len(line.split()) for line in body.split("\n")), default=0) < _MIN_PARAGRAPH_WORDS:
        raise BadInput(source, "no article text found")
    # trafilatura puts one block per line; make each a paragraph.
    text = clean_text("\n\n".join(line for line in body.split("\n") if line.strip()))
    try:
        published = parse_published(doc.date)
    except ValueError:
        published = None
    title = (doc.title or "").strip() or None
    if title and text.split("\n", 1)[0].strip() == title:
        text = text.split("\n", 1)[1].lstrip("\n") if "\n" in text else ""
    head = split_head(text, want_title=False, want_date=published is None)
    extra = {k: v for k, v in (("author", doc.author), ("description", doc.description)) if v}
    fields = {
        "title": title,
        "published": published or head.published,
        "outlet": (doc.sitename or "").strip() or None,
        "url": url or doc.url,
        "extra": extra,
    }
    return build_article(head.body, source=source, fields=fields)
