"""Plain text and Markdown articles, with optional YAML front matter."""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml
from diplokg.errors import BadInput
from diplokg.ingest.article import Article

from .clean import clean_text, split_head, strip_markdown
from .fields import build_article, coerce_fields

__all__ = ["read_text", "split_front_matter"]

_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """A SafeLoader that keeps timestamps as strings, so a bad ``published`` gets our own clear reason."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _Loader


def split_front_matter(raw: str, source: str = "") -> tuple[dict[str, Any], str]:
    """Split a leading ``---`` YAML block off ``raw``; return (mapping, body). BadInput if it is malformed."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    first, sep, rest = text.partition("\n")
    if first.rstrip() != "---" or not sep:
        return {}, raw
    close = _FM_CLOSE.search(rest)
    if close is None:
        raise BadInput(source, "front matter not closed (no second '---' line)")
    block, body = rest[: close.start()], rest[close.end() :]
    try:
        data = yaml.load(block, Loader=_loader())
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise BadInput(source, f"bad YAML front matter: {problem}{where}") from None
    except ValueError as e:  # a constructor failing on a scalar
        raise BadInput(source, f"bad YAML front matter: {e}") from None
    except RecursionError:  # PyYAML composes nested collections recursively
        raise BadInput(source, "bad YAML front matter: nested too deeply") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BadInput(source, f"front matter must be a mapping, not {type(data).__name__}")
    return data, body


def read_text(raw: str, *, source: str = "", meta: dict | None = None) -> Article:
    """Read a .txt/.md article: front matter, Markdown markers, cleaning, title and dateline detection.

    ``meta`` fields override front matter ones. Raises BadInput.
    """
    raw = raw.removeprefix("\ufeff")
    if not raw:
        raise BadInput(source, "empty")
    if not raw.strip():
        raise BadInput(source, "whitespace only")
    front, body = split_front_matter(raw, source)
    fields = coerce_fields({**front, **(meta or {})}, source)
    text = clean_text(strip_markdown(body))
    title = fields.get("title")
    if title and text.split("\n", 1)[0].strip() == title:
        text = text.split("\n", 1)[1].lstrip("\n") if "\n" in text else ""
    head = split_head(text, want_title=not title, want_date=fields.get("published") is None)
    if head.title:
        fields["title"] = head.title
    if head.published:
        fields["published"] = head.published
    return build_article(head.body, source=source, fields=fields)
