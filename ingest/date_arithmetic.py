"""Calendar arithmetic of relative dates: the day, month or year a weekday, a month name, a yearless day or an
offset names, counted from the anchor (the dateline) in the direction the tense gives; ISO weeks, and the month or
year that holds a span of days (TIMEX3 granularity brought down to the graph's day, month and year).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = ["add_months", "iso_week", "model_date", "nearest_month", "nearest_month_day", "nearest_weekday",
           "shift_anchored", "weekday_year"]


def add_months(year: int, month: int, k: int = 0) -> tuple[int, int]:
    """(year, month) shifted by ``k`` months."""
    n = year * 12 + month - 1 + k
    return n // 12, n % 12 + 1


def nearest_weekday(anchor: date, wd: int, future: bool, which: str | None) -> date:
    """The weekday ``wd`` (0 is Monday) named from ``anchor``: "last"/"next" skip the anchor's own day, else the
    one on or before it (or on or after it, ``future``)."""
    if which == "last":
        return anchor - timedelta(days=(anchor.weekday() - wd) % 7 or 7)
    if which == "next":
        return anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    if future:
        return anchor + timedelta(days=(wd - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - wd) % 7)


def nearest_month(anchor: date, month: int, future: bool, which: str | None) -> tuple[int, int]:
    """(year, month) of a month name said with ``which`` ("last", "this", "next" or None) from ``anchor``."""
    y = anchor.year
    if which == "this":
        return y, month
    if which == "last":
        return (y, month) if month < anchor.month else (y - 1, month)
    if which == "next" or future:
        later = month > anchor.month or (which is None and month == anchor.month)
        return (y, month) if later else (y + 1, month)
    return (y, month) if month <= anchor.month else (y - 1, month)


def nearest_month_day(anchor: date, month: int, day: int, future: bool) -> date | None:
    """The latest (past) or next (future) ``month``/``day`` relative to ``anchor``; None if it never exists."""
    if not 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1]):
        return None
    step = 1 if future else -1
    for k in range(9):  # 29 February recurs within eight years
        y = anchor.year + step * k
        if month == 2 and day == 29 and not calendar.isleap(y):
            continue
        d = date(y, month, day)
        if (d >= anchor) if future else (d <= anchor):
            return d
    return None  # pragma: no cover - unreachable for valid days


def weekday_year(anchor: date, month: int, day: int, wd: int) -> date | None:
    """A yearless date written with its weekday: the one nearest the anchor on which it falls on that weekday."""
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d.weekday() == wd and (best is None or abs((d - anchor).days) < abs((best - anchor).days)):
            best = d
    return best if best is not None and abs((best - anchor).days) <= 200 else None


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def shift_anchored(ref: date, anchored: tuple[int, str, bool]) -> tuple[str, str] | None:
    """The date of a clause anchored ``anchored`` from ``ref`` (see ``dates.DateMention``), at the precision
    the offset allows: a day for a counted number of days, else the month (or year) that holds the whole
    likely span; None if that is more than a year.

    >>> ref = date(2020, 6, 17)
    >>> shift_anchored(ref, (-2, "day", False)), shift_anchored(ref, (-2, "week", False))
    (('2020-06-15', 'day'), ('2020-06', 'month'))
    >>> shift_anchored(ref, (-1, "month", False)), shift_anchored(date(2020, 6, 9), (-1, "week", False))
    (('2020-05', 'month'), ('2020', 'year'))
    """
    n, unit, fuzzy = anchored
    if unit == "day" and not fuzzy:
        return (ref + timedelta(days=n)).isoformat(), "day"
    if unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        spread = abs(days) // 2 + 1 if fuzzy else (2 if abs(n) <= 2 else 3) if unit == "week" else 0
        return _span((ref + timedelta(days=days - spread)), ref + timedelta(days=days + spread))
    if unit == "month":
        y, mo = add_months(ref.year, ref.month, n)
        if fuzzy:
            return (f"{y:04d}", "year") if y == ref.year else None
        return f"{y:04d}-{mo:02d}", "month"
    if fuzzy:
        return None
    return f"{ref.year + n:04d}", "year"


def _span(a: date, b: date) -> tuple[str, str] | None:
    """The month, else the year, that holds every day from ``a`` to ``b``; None if none does."""
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.year:04d}-{a.month:02d}", "month"
    if a.year == b.year:
        return f"{a.year:04d}", "year"
    return None


def model_date(value: str, precision: str) -> tuple[str | None, str | None]:
    """A mention's value at a precision the graph holds (day, month, year): a week becomes the month or year
    that holds all of it (``(None, None)`` if it straddles two years); others are returned as they are.

    >>> model_date("2023-W50", "week"), model_date("2023-W48", "week"), model_date("2023-W50-WE", "week")
    (('2023-12', 'month'), ('2023', 'year'), ('2023-12', 'month'))
    """
    if precision != "week":
        return (value or None), (precision or None)
    y, w = int(value[:4]), int(value[6:8])
    if value.endswith("-WE"):
        first = date.fromisocalendar(y, w, 6)
        last = first + timedelta(days=1)
    else:
        first = date.fromisocalendar(y, w, 1)
        last = first + timedelta(days=6)
    return _span(first, last) or (None, None)
