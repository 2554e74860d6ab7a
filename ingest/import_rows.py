"""What every reader of event files (``ingest/gdelt.py``, ``ingest/polecat.py``) makes and shares: the imported
event with its actors and place, the checks of a row's fields (a bad field raises :class:`RowError`, which
says why), a file's text lines, and the count of its rows, good, bad and one-sided, in the :class:`ImportReport`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from diplokg.errors import BadInput
from diplokg.graph.model import codebook

__all__ = ["ACTOR_CODE", "ImportReport", "ImportedActor", "ImportedEvent", "Place", "RowError", "actor_code_field",
           "code_field", "counted_events", "day_field", "float_field", "int_field", "text_lines"]

ACTOR_CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


class RowError(ValueError):
    """A row that cannot be imported; the message says why."""


@dataclass(frozen=True)
class ImportedActor:
    code: str
    name: str = ""
    country: str | None = None
    qid: str | None = None
    wikipedia: str | None = None


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    lat: float | None
    lon: float | None
    country: str = ""
    feature: str = ""


@dataclass
class ImportedEvent:
    id: str
    source: ImportedActor
    target: ImportedActor
    code: str
    date: str
    base: str | None = None
    root: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    num_mentions: int | None = None
    num_sources: int | None = None
    num_articles: int | None = None
    place: Place | None = None
    url: str = ""
    plover: str | None = None
    mode: str = ""


@dataclass
class ImportReport:
    files: int = 0
    already: int = 0
    rows: int = 0
    events: int = 0
    one_sided: int = 0
    triples: int = 0
    bad_rows: int = 0
    problems: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, reason), first 1,000
    failures: list[BadInput] = field(default_factory=list)  # whole files that could not be read
    seconds: float = 0.0

    def bad(self, source: str, line: int, reason: str) -> None:
        self.bad_rows += 1
        if len(self.problems) < 1000:
            self.problems.append((source, line, reason))

    def summary(self) -> str:
        rate = f", {self.events / self.seconds:,.0f} events/s" if self.seconds and self.events else ""
        return (f"{self.files} files imported ({self.already} already), {self.rows:,} rows: {self.events:,} events, "
                f"{self.one_sided:,} one-sided rows left out, {self.bad_rows:,} bad rows skipped; "
                f"{self.triples:,} triples in {self.seconds:.1f} s{rate}")


def int_field(value: str, name: str) -> int | None:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise RowError(f"{name} is not an integer: {value[:40]!r}") from None


def float_field(value: str, name: str) -> float | None:
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise RowError(f"{name} is not a number: {value[:40]!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise RowError(f"{name} is not a finite number: {value[:40]!r}")
    return number


_DAYS: dict[str, str] = {}  # SQLDATE -> ISO date: a file holds few distinct days


def day_field(value: str, name: str) -> str:
    text = value.strip()
    known = _DAYS.get(text)
    if known is not None:
        return known
    try:
        if len(text) == 8 and text.isdigit():
            day = date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        else:
            day = date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise RowError(f"{name} is not a date: {value[:40]!r}") from None
    if len(_DAYS) < 100_000:
        _DAYS[text] = day
    return day


def code_field(value: str, name: str) -> str:
    code = value.strip()
    if code not in codebook():
        raise RowError(f"{name} {code[:20]!r} is not a CAMEO event code")
    return code


def actor_code_field(value: str, name: str) -> str:
    if not ACTOR_CODE.fullmatch(value):
        raise RowError(f"{name} is not an actor code: {value[:40]!r}")
    return value


def text_lines(path: Path) -> Iterator[str]:
    """The lines of a file, or of the one data file inside a .zip, decoded as UTF-8 (bad bytes replaced)."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise BadInput(str(path), f"a zip of {len(members)} files; expected one export inside")
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        return
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        yield from fh


T = TypeVar("T")


def counted_events(path: Path, report: ImportReport, rows: Iterator[tuple[int, T]],
                   parse: Callable[[T], ImportedEvent | None]) -> Iterator[ImportedEvent]:
    """The events ``parse`` makes of (line number, row) pairs; a bad row is reported with its line, a one-sided one
    counted. (One parse function for the file, no object made a row: a GDELT import runs this a million times.)"""
    source = str(path)
    for number, row in rows:
        report.rows += 1
        try:
            event = parse(row)
        except RowError as exc:
            report.bad(source, number, str(exc))
            continue
        if event is None:
            report.one_sided += 1
            continue
        report.events += 1
        yield event
