"""News-aware date resolution: find date expressions in a sentence and resolve them against the dateline.

News prose dates events relative to the article's publication day ("on Friday", "in March", "last month"), and
the resolution depends on the tense of the event: a past "on Saturday" in a Friday article is the day before
yesterday, a future one is tomorrow. General-purpose parsers get this wrong (and are slow), so this module is a
small, deterministic, standard-library resolver tuned for wire copy.

>>> [(m.text, m.value, m.precision) for m in find_dates("Ministers met on Thursday and in March.", date(2023, 9, 22))]
[('on Thursday', '2023-09-21', 'day'), ('in March', '2023-03', 'month')]
>>> parse_full_date("Sept. 22, 2023")
datetime.date(2023, 9, 22)

Deliberately unsupported: week precision ("last week"), expressions anchored on other events ("a day earlier",
"two weeks after"), decades ("the 1990s"), numeric day/month forms ("22/09/2023", ambiguous between locales),
weekday abbreviations ("Fri") and vague spans without a date ("in the past", "in recent years").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

__all__ = ["DateMention", "find_dates", "parse_full_date"]


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a sentence.

    ``start``/``end`` are character offsets into the text given, ``text`` is ``text[start:end]``. ``value`` is
    ISO, possibly partial (``"2023-09-22"``, ``"2023-03"``, ``"2022"``) at ``precision`` ``"day"``, ``"month"``
    or ``"year"``. ``relative`` is True when the value was resolved against the anchor (weekdays, "in March",
    "last month"), False when the text spells it out. ``background`` is True for start points and backdrops
    ("since 2011", "since the war began in 2014"), which are not the date of the sentence's own event.
    """

    start: int
    end: int
    text: str
    value: str
    precision: str
    relative: bool
    background: bool


# --------------------------------------------------------------------------------------------------- tables

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MONTH_NUM = {name[:3].lower(): i for i, name in enumerate(_MONTHS, 1)}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NUM = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_NUMBER_WORDS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                             "nine", "ten", "eleven", "twelve"))} | {"a": 1, "an": 1}
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TENSES = frozenset({"past", "present", "future"})

# Words after a four-digit number that make it a quantity or a clock time, not a year.
_UNITS = _words("""
troops soldiers people civilians refugees migrants prisoners residents workers members personnel fighters
deaths dead casualties victims votes seats km kilometres kilometers miles metres meters feet tonnes tons
barrels hectares dollars euros pounds yuan rubles roubles percent per cent gmt utc hrs hours local et edt
est bst cet cest jst""")
# Words before a four-digit number that make it a label, not a year.
_LABELS = _words("resolution resolutions no number article articles flight route chapter section "
                 "paragraph room page pages vol volume unit highway")
# Capitalised words before a weekday that make it a name ("Good Friday", "Bloody Sunday").
_WEEKDAY_NAMES = _words("good black bloody holy ash palm easter cyber")
# Capitalised words after a date that make it a name ("Good Friday Agreement", "March 23 Movement").
_NAME_TAILS = _words("agreement accord accords movement times telegraph mirror express")
# Verbs after a bare month that show it is a person ("after May said").
_SPEECH_VERBS = _words("said says told added argued warned insisted wrote announced declared")


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(words)


_FULL_NAMES = frozenset(m.lower() for m in _MONTHS)
_TRIE = ("Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
         "|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
_WD_LEAD = rf"(?:(?:{_alt(_WEEKDAYS)}),?\s+)"  # "Friday, " before a calendar date
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d|[.,]\d)"
# A month name: a full name or an abbreviation, which may carry a dot; Title case or capitals, never lower
# case ("they march", "may"). ``(?![A-Za-z])`` keeps "Jun" out of "Junior" and "May" out of "Mayor".
_MON = rf"(?P<mon>{_TRIE}|{_TRIE.upper()})(?P<dot>\.)?(?![A-Za-z])"

_I = re.IGNORECASE


# The core of each expression is found first (cheap, literal-led patterns); the lead-in words before it ("on",
# "since early", "late on", "last") are then matched once, backwards, on the reversed text before the core.
def _lead(*groups: tuple[str | None, str, str]) -> re.Pattern[str]:
    """Compile optional lead-in groups, given left to right as (name, "phrase|phrase", separator regex), into
    one pattern that matches them right to left on reversed text (a space in a phrase is any whitespace)."""
    parts = []
    for name, phrases, sep in reversed(groups):
        alts = "|".join(r"\s+".join(map(re.escape, p[::-1].split(" ")))
                        for p in sorted(phrases.split("|"), key=len, reverse=True))
        parts.append(f"(?:{sep}({f'?P<{name}>' if name else '?:'}{alts})\\b)?")
    return re.compile("".join(parts), _I)


_PRE_WORDS = ("ever since|since|in|on|by|until|till|through|throughout|during|from|before|after|back in"
              "|as of|as early as|as far back as|dating back to")
_PRE_G = ("pre", _PRE_WORDS, r"\s+")
_MOD_G = ("mod", "early|late|mid|the end of|the beginning of|the start of", r"(?:\s+|-)")
_WHICH_G = ("which", "last|this|next", r"\s+")
_LEFT_DATE = re.compile(rf"(?:\s+,?(?-i:{_alt([w[::-1] for w in _WEEKDAYS])})\b)?" + _lead(_PRE_G).pattern,
                        _I)
_LEFT_SPAN = _lead(_PRE_G, _MOD_G)
_LEFT_MONTH = _lead(_PRE_G, _MOD_G, _WHICH_G)
_LEFT_WD = _lead(_PRE_G, ("tod", "late on|early on|late|early", r"\s+"), _WHICH_G)
_LEFT_PERIOD = _lead(_PRE_G, (None, "earlier|later|early|late", r"\s+"))
_LEFT_PRE = _lead(_PRE_G)
# "7 ", "the 7th of " before a month name, reversed
_LEFT_DAY = re.compile(r"\s+(?:fo\s+)?(?:ts|dn|dr|ht)?(?P<day>\d\d?)(?!\d)(?:\s+(?P<the>eht)\b)?", _I)

# Core patterns start with a literal (no \b, no IGNORECASE) so the regex engine can skip ahead fast; the
# word boundary before them is checked in Python.
_RX_MON = re.compile(_MON)
_RX_AFTER_DAY = re.compile(rf"\s+(?P<dd>{_DAY})(?:,?\s+{_YEAR})?")
_RX_AFTER_YEAR = re.compile(rf",?\s+{_YEAR}")
_RX_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)(?!\d|[.,]\d|-?[A-Za-z]|s\b|['’]s\b(?<=0['’]s)|%|/)")
_RX_ISO_TAIL = re.compile(r"-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\d-])")
_RX_WEEKDAY = re.compile(
    rf"(?P<wd>{_alt(_WEEKDAYS + tuple(w.upper() for w in _WEEKDAYS))})(?![A-Za-z])"
    r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night))\b)?")
_RX_PERIOD = re.compile(r"(?P<unit>month|year|Month|Year)\b(?!-)")
_LEFT_PERIOD_WHICH = re.compile(r"\s+(?P<which>tsal|siht|txen)\b", _I)  # "last ", reversed
_RX_AGO = re.compile(r"ago\b")
_LEFT_AGO = re.compile(  # "three days ", reversed
    rf"\s+s?(?P<unit>yad|htnom|raey)\s+(?P<n>\d{{1,3}}|{_alt([w[::-1] for w in _NUMBER_WORDS])})(?!\w)", _I)
_RX_DAYWORD = re.compile(
    r"(?P<word>yesterday|today|tonight|tomorrow|night|morning|afternoon|evening|Yesterday|Today|Tonight|Tomorrow)\b")
_LEFT_DAYWORD = re.compile(r"\s+(?P<which>tsal|siht)\b", _I)  # "last night", "this morning"
_DAYWORD_HINTS = ("yesterday", "today", "tonight", "tomorrow", "morning", "afternoon", "evening", "night")

_BACKGROUND_CUES = ("since", "dating back to", "dating to", "as far back as", "going back to")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\u2013\u2014.!?\"]")
_RX_NEXT_WORD = re.compile(r"\s*['’]?([A-Za-z]+)")
_RX_PREV_WORD = re.compile(r"([A-Za-z]+)\.?\s*$")

_RX_FULL = re.compile(
    rf"\s*{_WD_LEAD}?(?:{_MON}\s+{_DAY},?\s+{_YEAR}|{_DAY.replace('day>', 'day2>')}(?:\s+of)?\s+"
    rf"{_MON.replace('mon>', 'mon2>').replace('dot>', 'dot2>')},?\s+{_YEAR.replace('year>', 'year2>')}"
    r"|(?P<iso>(?:19|20)\d\d-(?:0[1-9]|1[0-2])-[0-3]\d))\s*")


# ---------------------------------------------------------------------------------------------- resolution

def _month_num(name: str) -> int:
    return _MONTH_NUM[name[:3].lower()]


def _ym(year: int, month: int, k: int = 0) -> tuple[int, int]:
    """(year, month) shifted by ``k`` months."""
    n = year * 12 + month - 1 + k
    return n // 12, n % 12 + 1


def _weekday(anchor: date, wd: int, future: bool, which: str | None) -> date:
    if which == "last":
        return anchor - timedelta(days=(anchor.weekday() - wd) % 7 or 7)
    if which == "next":
        return anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    if future:
        return anchor + timedelta(days=(wd - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - wd) % 7)


def _month(anchor: date, month: int, future: bool, which: str | None) -> tuple[int, int]:
    y = anchor.year
    if which == "this":
        return y, month
    if which == "last":
        return (y, month) if month < anchor.month else (y - 1, month)
    if which == "next" or future:
        later = month > anchor.month or (which is None and month == anchor.month)
        return (y, month) if later else (y + 1, month)
    return (y, month) if month <= anchor.month else (y - 1, month)


def _month_day(anchor: date, month: int, day: int, future: bool) -> date | None:
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


def _next_word(text: str, pos: int) -> str:
    m = _RX_NEXT_WORD.match(text, pos)
    return m.group(1) if m else ""


def _prev_word(text: str, pos: int) -> str:
    m = _RX_PREV_WORD.search(text, max(0, pos - 20), pos)
    return m.group(1) if m else ""


class _Lead(NamedTuple):
    start: int
    pre: str | None
    mod: str | None
    which: str | None


def _left(rx: re.Pattern[str], text: str, pos: int) -> _Lead:
    """The lead-in words right before ``pos`` (possibly none), matched by one of the ``_LEFT_*`` patterns."""
    m = rx.match(text[max(0, pos - 60):pos][::-1])
    if not m or not m.end():
        return _Lead(pos, None, None, None)
    g = m.groupdict()
    pre, mod, which = g.get("pre"), g.get("mod"), g.get("which")
    return _Lead(pos - m.end(), pre and pre[::-1], mod and mod[::-1], which and which[::-1])


def _year_ok(text: str, end: int) -> bool:
    """A year is not followed by a unit: "2000 troops", "1900 GMT"."""
    return _next_word(text, end).lower() not in _UNITS


def _is_name(text: str, end: int) -> bool:
    """The expression is part of a name: "Good Friday Agreement", "March 23 Movement", "Sunday Times"."""
    m = _RX_NEXT_WORD.match(text, end)
    return bool(m and m.group(1)[0].isupper() and m.group(1).lower() in _NAME_TAILS)


# One candidate: (start, end, value, precision, relative, pre)
_Cand = tuple[int, int, str, str, bool, str | None]


def _month_candidates(text: str, m: re.Match[str], anchor: date, future: bool,
                      add: Callable[[_Cand], None]) -> None:
    name = m["mon"]
    month, full = _month_num(name), name.lower() in _FULL_NAMES
    mon_end = m.end() if m["dot"] and not full else m.end("mon")  # "in March." keeps its full stop out
    after_year = _RX_AFTER_YEAR.match(text, mon_end)
    if after_year and not _year_ok(text, after_year.end()):
        after_year = None

    def add_day(start: int, end: int, day: int, year: str | None, pre: str | None) -> None:
        if _is_name(text, end):
            return
        if year:
            try:
                add((start, end, date(int(year), month, day).isoformat(), "day", False, pre))
            except ValueError:
                pass
            return
        resolved = _month_day(anchor, month, day, future)
        if resolved:
            add((start, end, resolved.isoformat(), "day", True, pre))

    # "August 7", "Aug. 7, 2019"
    after = _RX_AFTER_DAY.match(text, mon_end)
    if after and not after["year"] and _next_word(text, after.end()).lower() in _UNITS:
        after = None  # "In March 12 people died": a count, not a day
    if after:
        year = after["year"] if after["year"] and _year_ok(text, after.end()) else None
        left = _left(_LEFT_DATE, text, m.start())
        add_day(left.start, after.end() if year else after.end("dd"), int(after["day"]), year, left.pre)
    # "7 August", "the 7th of August 2019"
    before = _LEFT_DAY.match(text[max(0, m.start() - 16):m.start()][::-1])
    day_start = m.start() - before.end() if before else 0
    if before and (before["the"] or not day_start or text[day_start - 1] not in "$€£#.,-+"):
        left = _left(_LEFT_DATE, text, day_start)
        end = after_year.end() if after_year else mon_end
        add_day(left.start, end, int(before["day"][::-1]), after_year["year"] if after_year else None, left.pre)
    # "February 2019"
    if after_year:
        left = _left(_LEFT_SPAN, text, m.start())
        add((left.start, after_year.end(), f"{after_year['year']}-{month:02d}", "month", False, left.pre))
    # "in March", "last March": only with a lead-in word, since a bare "March"/"May" may be a verb or a name
    if full or m["dot"]:
        left = _left(_LEFT_MONTH, text, m.start())
        if not (left.pre or left.mod or left.which):
            return
        if text[mon_end:mon_end + 2] in ("'s", "’s") or _next_word(text, mon_end).lower() in _SPEECH_VERBS:
            return
        which = left.which.lower() if left.which else None
        y, mo = _month(anchor, month, future, which)
        add((left.start, mon_end, f"{y:04d}-{mo:02d}", "month", True, left.pre))


def _candidates(text: str, lower: str, anchor: date, future: bool) -> list[_Cand]:
    out: list[_Cand] = []
    add = out.append

    for m in _RX_MON.finditer(text):
        if not (m.start() and text[m.start() - 1].isalpha()):
            _month_candidates(text, m, anchor, future, add)

    if "19" in text or "20" in text:
        for m in _RX_YEAR.finditer(text):
            ys = m.start()
            prev = text[ys - 1] if ys else " "
            if prev.isalnum():
                continue
            iso = _RX_ISO_TAIL.match(text, m.end())
            if iso:
                left = _left(_LEFT_DATE, text, ys)
                try:
                    d = date(int(m["year"]), int(iso["m"]), int(iso["d"]))
                    add((left.start, iso.end(), d.isoformat(), "day", False, left.pre))
                except ValueError:
                    pass
            left = _left(_LEFT_SPAN, text, ys)
            if prev in "$€£#.,/+" or (prev == "-" and not left.mod) or not _year_ok(text, m.end()):
                continue
            if not (left.pre or left.mod) and _prev_word(text, ys).lower() in _LABELS:
                continue
            add((left.start, m.end(), m["year"], "year", False, left.pre))

    if "day" in text or "DAY" in text:
        for m in _RX_WEEKDAY.finditer(text):
            if m.start() and text[m.start() - 1].isalpha():
                continue
            left = _left(_LEFT_WD, text, m.start())
            if left.start == m.start() and _prev_word(text, m.start()).lower() in _WEEKDAY_NAMES:
                continue
            if _is_name(text, m.end()):
                continue
            which = left.which.lower() if left.which else None
            d = _weekday(anchor, _WEEKDAY_NUM[m["wd"].lower()], future, which)
            add((left.start, m.end(), d.isoformat(), "day", True, left.pre))

    if "month" in lower or "year" in lower:
        for m in _RX_PERIOD.finditer(text):
            w = _LEFT_PERIOD_WHICH.match(text[max(0, m.start() - 8):m.start()][::-1])
            if not w:
                continue
            left = _left(_LEFT_PERIOD, text, m.start() - w.end())
            k = {"tsal": -1, "siht": 0, "txen": 1}[w["which"].lower()]
            if m["unit"].lower() == "year":
                add((left.start, m.end(), f"{anchor.year + k:04d}", "year", True, left.pre))
            else:
                y, mo = _ym(anchor.year, anchor.month, k)
                add((left.start, m.end(), f"{y:04d}-{mo:02d}", "month", True, left.pre))

    if "ago" in lower:
        for m in _RX_AGO.finditer(lower):
            a = _LEFT_AGO.match(lower[max(0, m.start() - 24):m.start()][::-1])
            if not a:
                continue
            left = _left(_LEFT_PRE, text, m.start() - a.end())
            n_text = a["n"][::-1]
            n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
            unit = a["unit"]
            if unit == "yad":
                value, precision = (anchor - timedelta(days=n)).isoformat(), "day"
            elif unit == "htnom":
                y, mo = _ym(anchor.year, anchor.month, -n)
                value, precision = f"{y:04d}-{mo:02d}", "month"
            else:
                value, precision = f"{anchor.year - n:04d}", "year"
            add((left.start, m.end(), value, precision, True, left.pre))

    if any(h in lower for h in _DAYWORD_HINTS):
        for m in _RX_DAYWORD.finditer(text):
            start, word = m.start(), m["word"].lower()
            if start and text[start - 1].isalpha():
                continue
            if word in ("night", "morning", "afternoon", "evening"):
                w = _LEFT_DAYWORD.match(text[max(0, start - 8):start][::-1])
                if not w or (w["which"].lower() == "tsal") != (word == "night"):
                    continue  # "last night", "this morning"; not "last morning"
                start -= w.end()
                word = w["which"][::-1].lower() + " " + word
            left = _left(_LEFT_PRE, text, start)
            shift = -1 if word == "yesterday" or word.startswith("last") else 1 if word == "tomorrow" else 0
            add((left.start, m.end(), (anchor + timedelta(days=shift)).isoformat(), "day", True, left.pre))
    return out


# -------------------------------------------------------------------------------------------------- public

def find_dates(text: str, anchor: date, tense: str = "past") -> list[DateMention]:
    """All date expressions in ``text`` (one sentence), left to right, resolved against ``anchor``.

    ``anchor`` is the article's dateline; ``tense`` (``"past"``, ``"present"`` or ``"future"``) is the tense
    of the event being dated, and decides which way a weekday, bare month or yearless date points. Where
    matches overlap the longest wins ("on Friday, September 22, 2023" is one mention).

    >>> fri = date(2023, 9, 22)
    >>> [m.value for m in find_dates("He will attend the summit on Saturday.", fri, "future")]
    ['2023-09-23']
    >>> m, = find_dates("Fighting has raged since 2011.", fri)
    >>> (m.text, m.value, m.precision, m.relative, m.background)
    ('since 2011', '2011', 'year', False, True)
    """
    if tense not in _TENSES:
        raise ValueError(f"tense must be one of {sorted(_TENSES)}, not {tense!r}")
    lower = text.lower()
    if len(lower) != len(text):  # "İ" lowercases to two characters; keep offsets aligned
        lower = text.translate(_ASCII_LOWER)
    cands = _candidates(text, lower, anchor, tense == "future")
    if not cands:
        return []
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
    chosen: list[_Cand] = []
    for c in cands:
        if all(c[1] <= o[0] or c[0] >= o[1] for o in chosen):
            chosen.append(c)
    chosen.sort()

    cued = "since" in lower or "back" in lower or "dating" in lower  # the only background cues
    out: list[DateMention] = []
    prev_end = 0
    for start, end, value, precision, relative, pre in chosen:
        background = cued and _is_background(text, lower, start, pre, prev_end)
        out.append(DateMention(start, end, text[start:end], value, precision, relative, background))
        prev_end = end
    return out


def _is_background(text: str, lower: str, start: int, pre: str | None, prev_end: int) -> bool:
    """A start point: "since 2011", or the first date after "since" in the same clause ("since the war
    began in 2014"), but not a later one ("since 2019 on Friday": Friday is the event)."""
    if pre and ("since" in pre.lower() or pre.lower().startswith(("dating", "as far"))):
        return True
    lo = max(prev_end, start - 80)
    cue = max(lower.rfind(c, lo, start) for c in _BACKGROUND_CUES)
    return cue >= 0 and not (cue and lower[cue - 1].isalpha()) and not _CLAUSE_BREAK.search(text, cue, start)


def parse_full_date(text: str) -> date | None:
    """A complete date written on its own, else None.

    Accepts "September 22, 2023", "22 September 2023", "Sept. 22, 2023", "Friday, September 22, 2023" and
    ISO "2023-09-22"; anything partial, padded with other words, or impossible (31 June) gives None.

    >>> parse_full_date("22 September 2023")
    datetime.date(2023, 9, 22)
    >>> parse_full_date("September 2023") is None
    True
    """
    m = _RX_FULL.fullmatch(text)
    if not m:
        return None
    try:
        if m["iso"]:
            return date.fromisoformat(m["iso"])
        if m["mon"]:
            return date(int(m["year"]), _month_num(m["mon"]), int(m["day"]))
        return date(int(m["year2"]), _month_num(m["mon2"]), int(m["day2"]))
    except ValueError:
        return None
