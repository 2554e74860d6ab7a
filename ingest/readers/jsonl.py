"""JSON Lines (one article object per line) and JSON documents (one object or an array of them)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

from diplokg.errors import BadInput
from diplokg.ingest.article import Article

from .clean import clean_text
from .fields import build_article, coerce_fields
from .files import decode_utf8, os_reason

__all__ = ["read_json_document", "read_jsonl", "record_to_article"]

_SNIFF = 8192
#: json.loads recurses once per nesting level: a line of 100,000 '[' exhausts the stack
TOO_DEEP = "invalid JSON: nested too deeply"


def record_to_article(record: Any, *, source: str) -> Article:
    """One JSON object with ``id, title, published, outlet, url, text`` → Article. Raises BadInput."""
    if not isinstance(record, dict):
        raise BadInput(source, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise BadInput(source, "missing 'text'")
    if not isinstance(text, str):
        raise BadInput(source, f"'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise BadInput(source, "empty 'text'")
    fields = coerce_fields(record, source)
    return build_article(clean_text(text), source=source, fields=fields)


def read_jsonl(
    path_or_lines: str | os.PathLike | Iterable[str | bytes], *, source: str
) -> Iterator[Article | BadInput]:
    """Articles of a JSON Lines file (a path) or of an iterable of lines; a bad line yields BadInput(``source:N``)."""
    if isinstance(path_or_lines, (str, os.PathLike)):
        yield from _read_jsonl_file(path_or_lines, source)
        return
    found = False
    for lineno, line in enumerate(path_or_lines, 1):
        item = _read_line(line, f"{source}:{lineno}", first=lineno == 1)
        if item is not None:
            found = True
            yield item
    if not found:
        yield BadInput(source, "empty")


def _read_jsonl_file(path: str | os.PathLike, source: str) -> Iterator[Article | BadInput]:
    try:
        with open(path, "rb") as f:
            head = f.read(_SNIFF)
            if not head:
                yield BadInput(source, "empty")
                return
            if b"\x00" in head:
                yield BadInput(source, "binary file (contains NUL bytes)")
                return
            f.seek(0)
            found = False
            for lineno, line in enumerate(f, 1):
                item = _read_line(line, f"{source}:{lineno}", first=lineno == 1)
                if item is not None:
                    found = True
                    yield item
    except OSError as e:
        yield BadInput(source, os_reason(e))
        return
    if not found:
        yield BadInput(source, "whitespace only")


def _read_line(line: str | bytes, source: str, *, first: bool) -> Article | BadInput | None:
    """One line → Article, BadInput, or None for a blank line."""
    if isinstance(line, bytes):
        try:
            line = decode_utf8(line, source)
        except BadInput as e:
            return e
    if first:
        line = line.removeprefix("\ufeff")
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return BadInput(source, f"invalid JSON: {e.msg} (column {e.colno})")
    except RecursionError:
        return BadInput(source, TOO_DEEP)
    except ValueError as e:  # a number over Python's 4,300-digit limit
        return BadInput(source, f"invalid JSON: {e}")
    try:
        return record_to_article(record, source=source)
    except BadInput as e:
        return e


def read_json_document(raw: str, *, source: str) -> Iterator[Article | BadInput]:
    """A JSON document: one article object, or an array of them (sources ``source[i]``)."""
    try:
        data = json.loads(raw.removeprefix("\ufeff"))
    except json.JSONDecodeError as e:
        yield BadInput(source, f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})")
        return
    except RecursionError:
        yield BadInput(source, TOO_DEEP)
        return
    except ValueError as e:  # a number over Python's 4,300-digit limit
        yield BadInput(source, f"invalid JSON: {e}")
        return
    if isinstance(data, dict):
        records: list[tuple[str, Any]] = [(source, data)]
    elif isinstance(data, list):
        records = [(f"{source}[{i}]", item) for i, item in enumerate(data)]
    else:
        yield BadInput(source, f"expected a JSON object or array, got {type(data).__name__}")
        return
    for name, record in records:
        try:
            yield record_to_article(record, source=name)
        except BadInput as e:
            yield e
