"""News-aware date resolution: find date expressions in a sentence and resolve them against the dateline.

News prose dates events relative to the article's publication day ("on Friday", "in March", "last month"), and
the resolution depends on the tense of the clause the expression stands in (:func:`local_tense`): a past "on
Saturday" in a Friday article is the day before yesterday, a future one ("will meet on Saturday") is tomorrow.
General-purpose parsers get this wrong (and are slow), so this module is a small, deterministic, standard-library
resolver tuned for wire copy. Following TimeML's TIMEX3, each value carries its granularity: day, week (ISO
week values, "last week", "over the weekend"), month or year; expressions anchored on another event ("two days
after <clause>", "barely a month after") carry their offset for the caller to resolve from the main clause.

This module is the public face: :func:`find_dates` keeps the longest of overlapping candidates and marks the
backdrops. The patterns and their candidates are in ``date_expressions.py``, the calendar arithmetic in
``date_arithmetic.py``, the clause tense in ``tense.py``; the names other modules use are re-exported here.

>>> [(m.text, m.value, m.precision) for m in find_dates("Ministers met on Thursday and in March.", date(2023, 9, 22))]
[('on Thursday', '2023-09-21', 'day'), ('in March', '2023-03', 'month')]
>>> [(m.text, m.value, m.precision) for m in find_dates("Talks will resume next week.", date(2023, 9, 22))]
[('next week', '2023-W39', 'week')]
>>> parse_full_date("Sept. 22, 2023")
datetime.date(2023, 9, 22)

Deliberately unsupported: anaphoric expressions with no anchor in the sentence ("a day earlier", "days later":
the coder resolves the grammar's list against the discourse, ``timing.py``), decades ("the 1990s"), numeric
day/month forms ("22/09/2023", ambiguous between locales), weekday abbreviations ("Fri") and vague spans without
a date ("in the past", "in recent years").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from diplokg.ingest.date_arithmetic import model_date, shift_anchored
from diplokg.ingest.date_expressions import (
    Candidate,
    find_candidates,
    month_of_year,
    parse_full_date,
    weekday_of_week,
)
from diplokg.ingest.tense import first_tense, local_tense

__all__ = ["DateMention", "find_dates", "first_tense", "local_tense", "model_date", "parse_full_date",
           "shift_anchored"]


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a sentence.

    ``start``/``end`` are character offsets into the text given, ``text`` is ``text[start:end]``. ``value`` is
    ISO, possibly partial (``"2023-09-22"``, ``"2023-03"``, ``"2022"``) at ``precision`` ``"day"``, ``"month"``
    or ``"year"``. ``relative`` is True when the value was resolved against the anchor (weekdays, "in March",
    "last month"), False when the text spells it out. ``background`` is True for start points and backdrops
    ("since 2011", "since the war began in 2014"), which are not the date of the sentence's own event.

    Following TimeML's TIMEX3, a value has a granularity: ``precision`` may also be ``"week"``, with an ISO week
    value (``"2023-W50"``, ``"2023-W50-WE"`` for its weekend): "last week", "over the weekend". The graph has no
    week precision; :func:`model_date` turns such a value into the month or year that holds the whole week.

    ``anchored`` is set for expressions anchored on another event, "two days after <clause>", "barely a month
    after <clause>", "a week before <clause>": ``(n, unit, fuzzy)``, the offset of the clause they introduce from
    the time of the sentence's main clause (negative for "after"), in ``"day"``, ``"week"``, ``"month"`` or
    ``"year"`` units, ``fuzzy`` when no number is given ("days after"). Their ``value`` is that offset taken from
    the anchor (as if the main clause happened on the dateline; :func:`shift_anchored` recomputes it from
    another date), and they are ``background``: they date the clause they introduce, not the sentence.

    ``start_point`` is set for a recent day after "since" ("has been refusing entry since Wednesday"): not
    background, it dates the act that began then, but it is no day the narration moves to.

    ``deadline`` is set for a limit after "by", or after "until" or "till" in a clause not told in the past ("told
    him to leave by February 7", "will stay closed until Monday"): the time an act must be done by or lasts to, not
    when the sentence's event happened.
    """

    start: int
    end: int
    text: str
    value: str
    precision: str
    relative: bool
    background: bool
    anchored: tuple[int, str, bool] | None = None
    start_point: bool = False
    deadline: bool = False


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TENSES = frozenset({"past", "present", "future", "auto"})
_BACKGROUND_CUES = ("since", "dating back to", "dating to", "as far back as", "going back to")
_DEADLINE_CUES = frozenset({"by", "until", "till"})
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\u2013\u2014.!?\"]")


def find_dates(text: str, anchor: date, tense: str = "auto") -> list[DateMention]:
    """All date expressions in ``text`` (one sentence), left to right, resolved against ``anchor``.

    ``anchor`` is the article's dateline. Which way a weekday, bare month or yearless date points is decided by
    the tense of its own clause (:func:`local_tense`): "met on Friday" is the last Friday on or before the
    dateline, "will meet on Friday", "is meeting on Friday", "due to meet on Friday" the next one on or after
    it. ``tense`` (``"past"``, ``"present"``, ``"future"``) is the tense of the event being dated, used where
    the clause shows none; ``"auto"`` reads it as past. Where matches overlap the longest wins ("on Friday,
    September 22, 2023" is one mention).

    >>> fri = date(2023, 9, 22)
    >>> [m.value for m in find_dates("He will attend the summit on Saturday.", fri)]
    ['2023-09-23']
    >>> [m.value for m in find_dates("He attended the summit on Saturday.", fri)]
    ['2023-09-16']
    >>> m, = find_dates("Fighting has raged since 2011.", fri)
    >>> (m.text, m.value, m.precision, m.relative, m.background)
    ('since 2011', '2011', 'year', False, True)
    """
    if tense not in _TENSES:
        raise ValueError(f"tense must be one of {sorted(_TENSES)}, not {tense!r}")
    return list(_find_dates(text, anchor, "future" if tense == "future" else "past"))


@lru_cache(maxsize=64)  # the coder asks for the same sentence once per event and once for the paragraph
def _find_dates(text: str, anchor: date, tense: str) -> tuple[DateMention, ...]:
    lower = text.lower()
    if len(lower) != len(text):  # "İ" lowercases to two characters; keep offsets aligned
        lower = text.translate(_ASCII_LOWER)
    default = tense == "future"

    def future(start: int, end: int, weekday: bool | str) -> bool | None:
        t = local_tense(text, start, end)
        if t is None or (t in ("present", "intent") and weekday is not True):
            # a yearless date in a clause of no clear tense: the occurrence nearest the dateline
            return None if weekday == "date" and not default else default
        return t != "past"

    cands = find_candidates(text, lower, anchor, future)
    if not cands:
        return ()
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
    chosen: list[Candidate] = []
    for c in cands:
        if all(c[1] <= o[0] or c[0] >= o[1] for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c[0])

    if "week" in lower and len(chosen) > 1:
        chosen = weekday_of_week(text, chosen, anchor)
    if len(chosen) > 1:
        chosen = month_of_year(text, chosen)

    cued = "since" in lower or "back" in lower or "dating" in lower  # the only background cues
    out: list[DateMention] = []
    prev_end = 0
    for c in chosen:
        start, end, value, precision, relative, pre = c[:6]
        anchored = c[6] if len(c) > 6 else None
        start_point = _recent_start(pre, precision, relative)
        background = anchored is not None or (cued and not start_point
                                              and _is_background(text, lower, start, pre, prev_end))
        if text[end:end + 1] == ")" and "(" in text[start:end]:
            end += 1  # "Thursday (14 December)"
        cue = pre.lower().strip() if pre and anchored is None else None
        deadline = cue == "by" or cue in _DEADLINE_CUES and local_tense(text, start, end) != "past"
        # (not "fought until 1991": when the fighting ended)
        out.append(DateMention(start, end, text[start:end], value, precision, relative, background, anchored,
                               start_point, deadline))
        prev_end = end
    return tuple(out)


def _recent_start(pre: str | None, precision: str, relative: bool) -> bool:
    """A day named relative to the dateline right after "since" ("has been refusing entry since Wednesday"): the
    act the clause reports began that day, which dates it; a year or a date of long ago stays background."""
    return bool(pre) and pre.lower().strip() == "since" and precision == "day" and relative


def _is_background(text: str, lower: str, start: int, pre: str | None, prev_end: int) -> bool:
    """A start point: "since 2011", or the first date after "since" in the same clause ("since the war
    began in 2014"), but not a later one ("since 2019 on Friday": Friday is the event)."""
    if pre and ("since" in pre.lower() or pre.lower().startswith(("dating", "as far"))):
        return True
    lo = max(prev_end, start - 80)
    cue = max(lower.rfind(c, lo, start) for c in _BACKGROUND_CUES)
    return cue >= 0 and not (cue and lower[cue - 1].isalpha()) and not _CLAUSE_BREAK.search(text, cue, start)
