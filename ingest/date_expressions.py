"""Date expressions in news prose: the patterns that find them in a sentence and their reading into candidates.

Each candidate is the span of an expression with its lead-in words ("since early", "late on", "last"), its value
resolved against the anchor (``date_arithmetic.py``) and its precision. Overlaps are left for the caller to settle
(``dates.find_dates`` keeps the longest). The core of each expression is found with cheap literal-led patterns; the
lead-in words before it are then matched once, backwards, on the reversed text before the core.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from diplokg.ingest.date_arithmetic import (
    add_months,
    iso_week,
    nearest_month,
    nearest_month_day,
    nearest_weekday,
    shift_anchored,
    weekday_year,
)

__all__ = ["Candidate", "Direction", "find_candidates", "parse_full_date", "weekday_of_week"]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MONTH_NUM = {name[:3].lower(): i for i, name in enumerate(_MONTHS, 1)}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NUM = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_NUMBER_WORDS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                             "nine", "ten", "eleven", "twelve"))} | {"a": 1, "an": 1}

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
_LEFT_DATE = re.compile(rf"(?:(?:\s*\(|\s+,?)\s*(?-i:{_alt([w[::-1] for w in _WEEKDAYS])})\b)?" + _lead(_PRE_G).pattern,
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
    rf"\s+s?(?P<unit>yad|keew|htnom|raey)\s+(?P<n>\d{{1,3}}|{_alt([w[::-1] for w in _NUMBER_WORDS])})(?!\w)", _I)
_RX_DAYWORD = re.compile(
    r"(?P<word>yesterday|today|tonight|tomorrow|night|morning|afternoon|evening|Yesterday|Today|Tonight|Tomorrow)\b")
_LEFT_DAYWORD = re.compile(r"\s+(?P<which>tsal|siht)\b", _I)  # "last night", "this morning"
_DAYWORD_HINTS = ("yesterday", "today", "tonight", "tomorrow", "morning", "afternoon", "evening", "night")

_RX_NEXT_WORD = re.compile(r"\s*['’]?([A-Za-z]+)")
_RX_PREV_WORD = re.compile(r"([A-Za-z]+)\.?\s*$")

_RX_FULL = re.compile(
    rf"\s*{_WD_LEAD}?(?:{_MON}\s+{_DAY},?\s+{_YEAR}|{_DAY.replace('day>', 'day2>')}(?:\s+of)?\s+"
    rf"{_MON.replace('mon>', 'mon2>').replace('dot>', 'dot2>')},?\s+{_YEAR.replace('year>', 'year2>')}"
    r"|(?P<iso>(?:19|20)\d\d-(?:0[1-9]|1[0-2])-[0-3]\d))\s*")

_RX_WEEK = re.compile(r"(?P<unit>week|weekend)\b(?!-)")
_LEFT_WEEKEND = re.compile(r"\s+(?P<which>tsal|siht|txen|eht)\b", _I)  # "the weekend", reversed
_SPAN_WORDS = _words("for every within during throughout each")
_ANAPHORS = _words("that this which it")
_WEEKEND_PRE = _words("over at during on through throughout across")
_RX_ANCHOR = re.compile(r"(?P<rel>after|before)\b")
_FEW = {"few a": 3, "several": 3, "few": 3, "couple a": 2}
_QUANTITIES_REVERSED = sorted((w[::-1] for w in list(_NUMBER_WORDS) + list(_FEW)), key=len, reverse=True)
_LEFT_ANCHOR = re.compile(  # "barely a month ", "two days ", "the day ", reversed
    r"\s+(?P<unit>s?ruoh|s?yad|s?keew|s?htnom|s?raey)"
    rf"(?:\s+(?P<n>\d{{1,3}}|{_alt(_QUANTITIES_REVERSED)}))?"
    r"(?:\s+(?P<q>ylerab|tsuj|ylno|emos|tuoba|ylraen|tsomla|naht\s+ssel|naht\s+erom|revo|eht|fo\s+elpuoc\s+a))?"
    r"(?!\w)", _I)



def _month_num(name: str) -> int:
    return _MONTH_NUM[name[:3].lower()]


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


# One candidate: (start, end, value, precision, relative, pre[, anchored])
Candidate = tuple
# Whether the expression text[start:end] points forward (True) or back from the anchor; the flag says it is a
# weekday (which a present tense points forward: "the council meets on Friday"), or "date" for a yearless
# calendar date, for which None means the occurrence nearest the anchor.
Direction = Callable[[int, int, "bool | str"], "bool | None"]


def _lead_weekday(text: str, start: int, end: int) -> int | None:
    """The weekday a calendar date is written with ("Thursday, Dec. 14", "Monday, 26 September")."""
    m = _RX_WEEKDAY.search(text, start, end)
    return _WEEKDAY_NUM[m["wd"].lower()] if m else None


def _month_candidates(text: str, m: re.Match[str], anchor: date, future: Direction,
                      add: Callable[[Candidate], None]) -> None:
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
        wd = _lead_weekday(text, start, end)
        resolved = weekday_year(anchor, month, day, wd) if wd is not None else None
        direction = future(start, end, "date")
        if direction is None:
            before, after = nearest_month_day(anchor, month, day, False), nearest_month_day(anchor, month, day, True)
            resolved = resolved or (before if not after or (before and anchor - before <= after - anchor)
                                    else after)
        else:
            resolved = resolved or nearest_month_day(anchor, month, day, direction)
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
        y, mo = nearest_month(anchor, month, future(left.start, mon_end, False), which)
        add((left.start, mon_end, f"{y:04d}-{mo:02d}", "month", True, left.pre))


def find_candidates(text: str, lower: str, anchor: date, future: Direction) -> list[Candidate]:
    """Every date expression in ``text`` (``lower`` is it lower-cased, offsets kept), overlapping ones included,
    resolved against ``anchor`` in the direction ``future`` gives for each."""
    out: list[Candidate] = []
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
            # a present tense points a weekday forward ("meets on Friday"), not a possessive one ("Tuesday's
            # vote is a blow"): only a future does
            possessive = text[m.end():m.end() + 2] in ("'s", "’s")
            d = nearest_weekday(anchor, _WEEKDAY_NUM[m["wd"].lower()], future(left.start, m.end(), not possessive), which)
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
                y, mo = add_months(anchor.year, anchor.month, k)
                add((left.start, m.end(), f"{y:04d}-{mo:02d}", "month", True, left.pre))

    if "week" in lower:
        _week_candidates(text, lower, anchor, future, add)

    if "after" in lower or "before" in lower:
        _anchored_candidates(text, lower, anchor, add)

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
            elif unit == "keew":
                value, precision = iso_week(anchor - timedelta(days=7 * n)), "week"
            elif unit == "htnom":
                y, mo = add_months(anchor.year, anchor.month, -n)
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


def _week_candidates(text: str, lower: str, anchor: date, future: Direction, add: Callable[[Candidate], None]) -> None:
    """"last week", "earlier this week", "late next week" (an ISO week); "over the weekend", "last weekend"
    (the weekend of an ISO week: ``2023-W50-WE``)."""
    for m in _RX_WEEK.finditer(lower):
        if m.start() and lower[m.start() - 1].isalpha():
            continue
        if m["unit"] == "week":
            w = _LEFT_PERIOD_WHICH.match(lower[max(0, m.start() - 8):m.start()][::-1])
            if not w:
                continue
            left = _left(_LEFT_PERIOD, text, m.start() - w.end())
            k = {"tsal": -1, "siht": 0, "txen": 1}[w["which"]]
            add((left.start, m.end(), iso_week(anchor + timedelta(days=7 * k)), "week", True, left.pre))
            continue
        w = _LEFT_WEEKEND.match(lower[max(0, m.start() - 8):m.start()][::-1])
        if not w:
            continue
        which = w["which"][::-1]
        left = _left(_LEFT_PRE, text, m.start() - w.end())
        wd = anchor.weekday()
        if which == "last":
            saturday = anchor - timedelta(days=wd + 2)
        elif which == "next":
            saturday = anchor + timedelta(days=5 - wd if wd < 5 else 12 - wd)
        elif wd >= 5:
            saturday = anchor - timedelta(days=wd - 5)  # a weekend report: this weekend
        elif future(left.start, m.end(), True):
            saturday = anchor + timedelta(days=5 - wd)
        elif which == "the" and not (left.pre or _prev_word(text, m.start() - w.end()).lower() in _WEEKEND_PRE):
            continue  # "the weekend" with no preposition: a noun ("the weekend's talks") or a span
        else:
            saturday = anchor - timedelta(days=wd + 2)
        add((left.start, m.end(), iso_week(saturday) + "-WE", "week", True, left.pre))


def _anchored_candidates(text: str, lower: str, anchor: date, add: Callable[[Candidate], None]) -> None:
    """"two days after <clause>", "barely a month after", "a week before", "hours after", "the day after"."""
    for m in _RX_ANCHOR.finditer(lower):
        if m.start() and lower[m.start() - 1].isalpha():
            continue
        nxt = _RX_NEXT_WORD.match(text, m.end())
        if not nxt or text[m.end():nxt.start(1)].strip():
            continue  # "a day before." is the anaphoric "the day before": no clause of its own
        a = _LEFT_ANCHOR.match(lower[max(0, m.start() - 40):m.start()][::-1])
        if not a:
            continue
        unit_text, n_text, q = a["unit"][::-1], a["n"] and a["n"][::-1], a["q"] and a["q"][::-1]
        plural = unit_text.endswith("s")
        unit = unit_text.rstrip("s")
        if not (n_text or plural or q == "the") or (q == "the" and plural):
            continue  # "day after day"; "in the months before the election" is a span
        if _prev_word(text, m.start() - a.end()).lower() in _SPAN_WORDS or nxt[1].lower() in _ANAPHORS:
            continue  # "for two hours before …", "every six months after that": a duration, a period, an anaphor
        fuzzy = (n_text is None and q != "the") or n_text in _FEW
        n = (_FEW.get(n_text) or (int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text])) if n_text else 1
        if plural and n_text is None:
            n = 3
        if unit == "hour":
            n, unit, fuzzy = 0, "day", False
        offset = (-n if m["rel"] == "after" else n, unit, fuzzy)
        resolved = shift_anchored(anchor, offset)
        value, precision = resolved or ("", "")
        add((m.start() - a.end(), m.end(), value, precision, True, None, offset))


def weekday_of_week(text: str, chosen: list[Candidate], anchor: date) -> list[Candidate]:
    """"on Friday last week", "on Friday next week": one day, the weekday of that week."""
    out: list[Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if (prev is not None and c[3] == "week" and not c[2].endswith("WE") and prev[3] == "day"
                and not text[prev[1]:c[0]].strip() and _RX_WEEKDAY.search(text, prev[0], prev[1])):
            wd = _WEEKDAY_NUM[_RX_WEEKDAY.search(text, prev[0], prev[1])["wd"].lower()]
            y, w = int(c[2][:4]), int(c[2][6:8])
            out[-1] = (prev[0], c[1], date.fromisocalendar(y, w, wd + 1).isoformat(), "day", True, prev[5])
            continue
        out.append(c)
    return out


def month_of_year(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """"in July of last year", "December of 2019", "in March this year": one month, of the year the second
    expression names (a bare month alone points to the nearest one)."""
    out: list[Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if (prev is not None and prev[3] == "month" and c[3] == "year" and len(prev[2]) == 7
                and (text[prev[1]:c[0]].strip().lower() in ("", "of")
                     or text[prev[1]:c[0]].strip() == "," and text[c[0]:c[1]].strip().isdigit())):
            out[-1] = (prev[0], c[1], f"{c[2][:4]}-{prev[2][5:7]}", "month", prev[4] or c[4], prev[5])
            continue
        out.append(c)
    return out


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
