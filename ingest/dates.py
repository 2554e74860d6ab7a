"""News-aware date resolution: find date expressions in a sentence and resolve them against the dateline.

News prose dates events relative to the article's publication day ("on Friday", "in March", "last month"), and
the resolution depends on the tense of the clause the expression stands in (:func:`local_tense`): a past "on
Saturday" in a Friday article is the day before yesterday, a future one ("will meet on Saturday") is tomorrow.
General-purpose parsers get this wrong (and are slow), so this module is a small, deterministic, standard-library
resolver tuned for wire copy. Following TimeML's TIMEX3, each value carries its granularity: day, week (ISO
week values, "last week", "over the weekend"), month or year; expressions anchored on another event ("two days
after <clause>", "barely a month after") carry their offset for the caller to resolve from the main clause.

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

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

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
    """

    start: int
    end: int
    text: str
    value: str
    precision: str
    relative: bool
    background: bool
    anchored: tuple[int, str, bool] | None = None


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
_TENSES = frozenset({"past", "present", "future", "auto"})

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

_BACKGROUND_CUES = ("since", "dating back to", "dating to", "as far back as", "going back to")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\u2013\u2014.!?\"]")
_RX_NEXT_WORD = re.compile(r"\s*['’]?([A-Za-z]+)")
_RX_PREV_WORD = re.compile(r"([A-Za-z]+)\.?\s*$")

_RX_FULL = re.compile(
    rf"\s*{_WD_LEAD}?(?:{_MON}\s+{_DAY},?\s+{_YEAR}|{_DAY.replace('day>', 'day2>')}(?:\s+of)?\s+"
    rf"{_MON.replace('mon>', 'mon2>').replace('dot>', 'dot2>')},?\s+{_YEAR.replace('year>', 'year2>')}"
    r"|(?P<iso>(?:19|20)\d\d-(?:0[1-9]|1[0-2])-[0-3]\d))\s*")


# --------------------------------------------------------------------------------------------- local tense
# The tense of the clause a relative date stands in decides which way it points: "met on Friday" (the last
# Friday), "will meet on Friday", "is meeting on Friday", "talks due on Friday" (the next one). The verb group
# nearest to the expression in its own clause decides; when the clause has none, the next clause after a
# fronted expression ("On Friday, the council will vote") does; else the caller's tense.
_IRREGULAR_PAST = _words("""
was were had did said told met held made took gave came went left began spoke sent won lost fought struck
brought bought caught sought taught thought felt kept led meant paid put read ran saw set shut sat stood
understood wrote drove rode rose broke chose froze stole woke spoke forgot got hit hurt cut quit split spread
threw grew knew flew drew showed shown seen given taken done gone written spoken begun chosen broken frozen
stolen driven risen fallen fell sold found heard hid laid lay lent let lit sank sang slept slid sprang swore
swept swung tore wore withdrew withdrawn undertook overtook overthrew upheld withheld forbade foresaw became
been dealt meant shot bound ground wound fled""")
# Words ending in "-ed" that are not past verbs.
_NOT_PAST = _words("""
need needs indeed proceed exceed succeed embed speed bed red shed seed feed weed breed creed hundred united
unprecedented naked wicked sacred rugged ahmed mohammed muhammad mohamed hamed saeed rasheed javed hamid
ed fred ted alfred""")
_FUTURE = _words("will 'll shall wo won't would upcoming")
_FUTURE_ALWAYS = _words("due scheduled slated upcoming forthcoming")  # "due in March", "scheduled for Friday"
# "... to": "due to meet on Friday"; verbs of intent, agreement and request: "agreed to meet on Friday", "asked
# to meet Putin in Paris on Monday", "invited him to visit on Friday" (the act comes after the asking)
_FUTURE_WORDS_TO = _words("""going due set expected scheduled slated plans plan planned planning intends intend
intended aims aim is are was were hopes hope poised""")
_INTENT_TO = _words("""hoped agreed agree agrees decided decide decides promised promise promises pledged pledge
pledges vowed vow vows offered offer offers asked ask asks invited invite invites urged urge urges wants want wanted
sought seek seeks proposed propose proposes threatened threaten threatens prepared ready""")
_OBJECT_PRONOUNS = _words("him her them it us me")
_FUTURE_ADJ = _words("planned scheduled expected proposed upcoming forthcoming slated anticipated coming")
_DETERMINERS = _words("the a an its their his her our this that these those 's")
_BE_PRESENT = _words("is are am 're 's")
_BE_INF = _words("be being")
_HAVE = _words("has have 've had been")
_PRESENT_VERBS = _words("""meets holds begins starts resumes opens travels hosts arrives leaves heads returns
convenes takes visits votes meet hold begin start resume open travel host arrive leave head return convene""")
_AUX = _words("to will would shall 'll can could may might must should do does did not never also")
_RX_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|['’]ll")
_CLAUSE_CHARS = ",;:()[]\u2013\u2014\"“”"
_TENSE_REACH = 100  # characters looked at either side
_RX_CLAUSE_CUT = re.compile(r"[,;()\[\]\u2013\u2014]|:(?!\d)|--")  # not "3:45"; a quotation mark is no clause break


def _word_tense(words: list[str], i: int) -> str | None:
    """What ``words[i]`` says of its clause's tense, reading its neighbours: "future", "past", "present",
    "intent" (an infinitive after a verb of intent or request: "agreed to meet"), ``"skip"`` (part of a verb
    group whose auxiliary decides: "be held", "meeting") or None (not a verb cue)."""
    w = words[i]
    prev = words[i - 1] if i else ""
    if w in _FUTURE or w in _FUTURE_ALWAYS:
        return "future"
    if w == "to":
        if prev in _FUTURE_WORDS_TO:
            return "future"
        if prev in _INTENT_TO or (i >= 2 and words[i - 2] in _INTENT_TO and prev in _OBJECT_PRONOUNS):
            return "intent"  # "agreed to meet", "invited him to visit": after the agreeing, a weekday points on
        return None
    if w in _FUTURE_ADJ and (prev in _DETERMINERS or prev.endswith("'s")):
        return "future"  # "the planned talks on Friday"
    if w in _BE_PRESENT:
        return "present"
    if w in _BE_INF:
        return "skip"
    if w in _HAVE:
        return "past"
    if w.endswith("ing") and len(w) > 4:
        return "skip"  # "is meeting", "was meeting", "will be meeting": the auxiliary decides
    if w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 3 and w not in _NOT_PAST):
        if prev in _BE_INF:
            return "skip"  # "will be held", "to be signed"
        if prev in _BE_PRESENT:
            return "present"  # "is scheduled for Friday"
        return "past"
    if w in _PRESENT_VERBS and prev not in _DETERMINERS and not prev.endswith("'s") and prev not in _AUX:
        if prev in ("and", "or") and not w.endswith("s"):
            return "skip"  # "would restore ties and open embassies": the first verb's auxiliary decides
        return "present"
    return None


def _clause_tense(words: list[str], backwards: bool) -> str | None:
    """The first verb cue reading backwards from the expression; read forwards (the expression comes first),
    the verb group that starts at the first cue ("is expected to", "will be held") decides as a whole."""
    if backwards:
        for i in range(len(words) - 1, -1, -1):
            t = _word_tense(words, i)
            if t is not None and t != "skip":
                return t
        return None
    for i in range(len(words)):
        if _word_tense(words, i) is None:
            continue
        j = i + 1
        while j < len(words) and j < i + 4 and _word_tense(words, j) not in (None, "intent"):
            j += 1  # "is expected to vote" is one group; "threatened | to retaliate" two: the first decides
        return _clause_tense(words[:j], backwards=True)
    return None


def _lower_words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _RX_WORD.findall(text)]


def first_tense(text: str) -> str | None:
    """The tense of the first verb group of ``text`` ("France has recalled …": ``"past"``; "New Zealand is
    dispatching …": ``"present"``), or None if it has none this module knows.

    >>> first_tense("France has recalled its ambassadors."), first_tense("Iran will respond.")
    ('past', 'future')
    """
    return _clause_tense(_lower_words(text), backwards=False)


@lru_cache(maxsize=256)
def local_tense(text: str, start: int, end: int) -> str | None:
    """The tense of the clause holding ``text[start:end]``: ``"past"``, ``"present"``, ``"future"``, ``"intent"``
    (an infinitive after "agreed to", "asked to") or None.

    >>> local_tense("The council will vote on Friday.", 22, 31), local_tense("He met them on Friday.", 12, 21)
    ('future', 'past')
    >>> local_tense("On Friday, the council is expected to vote.", 0, 9)
    'future'
    """
    lo = max(0, start - _TENSE_REACH)
    cut = max((m.start() for m in _RX_CLAUSE_CUT.finditer(text, lo, start)), default=-1)
    words = _lower_words(text[cut + 1 if cut >= 0 else lo:start])
    if cut < 0 and lo > 0 and words:
        words = words[1:]  # a word cut in two
    t = _clause_tense(words, backwards=True)
    if t:
        return t
    right = text[end:min(len(text), end + _TENSE_REACH)]
    stop = min((i for i in (right.find(c) for c in _CLAUSE_CHARS if c != ",") if i >= 0), default=len(right))
    right = right[:stop]
    comma = right.find(",")
    if comma >= 0:
        if not words and not right[:comma].strip():
            nxt = right.find(",", comma + 1)
            right = right[comma + 1:nxt if nxt >= 0 else len(right)]  # fronted: "On Friday, the council will …"
        else:
            right = right[:comma]
    return _clause_tense(_lower_words(right)[:12], backwards=False)


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


# One candidate: (start, end, value, precision, relative, pre[, anchored])
_Cand = tuple
# Whether the expression text[start:end] points forward (True) or back from the anchor; the flag says it is a
# weekday (which a present tense points forward: "the council meets on Friday"), or "date" for a yearless
# calendar date, for which None means the occurrence nearest the anchor.
_Direction = Callable[[int, int, "bool | str"], "bool | None"]


def _lead_weekday(text: str, start: int, end: int) -> int | None:
    """The weekday a calendar date is written with ("Thursday, Dec. 14", "Monday, 26 September")."""
    m = _RX_WEEKDAY.search(text, start, end)
    return _WEEKDAY_NUM[m["wd"].lower()] if m else None


def _weekday_year(anchor: date, month: int, day: int, wd: int) -> date | None:
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


def _month_candidates(text: str, m: re.Match[str], anchor: date, future: _Direction,
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
        wd = _lead_weekday(text, start, end)
        resolved = _weekday_year(anchor, month, day, wd) if wd is not None else None
        direction = future(start, end, "date")
        if direction is None:
            before, after = _month_day(anchor, month, day, False), _month_day(anchor, month, day, True)
            resolved = resolved or (before if not after or (before and anchor - before <= after - anchor)
                                    else after)
        else:
            resolved = resolved or _month_day(anchor, month, day, direction)
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
        y, mo = _month(anchor, month, future(left.start, mon_end, False), which)
        add((left.start, mon_end, f"{y:04d}-{mo:02d}", "month", True, left.pre))


def _candidates(text: str, lower: str, anchor: date, future: _Direction) -> list[_Cand]:
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
            # a present tense points a weekday forward ("meets on Friday"), not a possessive one ("Tuesday's
            # vote is a blow"): only a future does
            possessive = text[m.end():m.end() + 2] in ("'s", "’s")
            d = _weekday(anchor, _WEEKDAY_NUM[m["wd"].lower()], future(left.start, m.end(), not possessive), which)
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
                value, precision = _iso_week(anchor - timedelta(days=7 * n)), "week"
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


# ----------------------------------------------------------------------------------------- weeks, anchors
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


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _week_candidates(text: str, lower: str, anchor: date, future: _Direction, add: Callable[[_Cand], None]) -> None:
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
            add((left.start, m.end(), _iso_week(anchor + timedelta(days=7 * k)), "week", True, left.pre))
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
        add((left.start, m.end(), _iso_week(saturday) + "-WE", "week", True, left.pre))


def _anchored_candidates(text: str, lower: str, anchor: date, add: Callable[[_Cand], None]) -> None:
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


def shift_anchored(ref: date, anchored: tuple[int, str, bool]) -> tuple[str, str] | None:
    """The date of a clause anchored ``anchored`` from ``ref`` (see :class:`DateMention`), at the precision
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
        y, mo = _ym(ref.year, ref.month, n)
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


def _weekday_of_week(text: str, chosen: list[_Cand], anchor: date) -> list[_Cand]:
    """"on Friday last week", "on Friday next week": one day, the weekday of that week."""
    out: list[_Cand] = []
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


# -------------------------------------------------------------------------------------------------- public

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

    cands = _candidates(text, lower, anchor, future)
    if not cands:
        return ()
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))  # longest first, then leftmost
    chosen: list[_Cand] = []
    for c in cands:
        if all(c[1] <= o[0] or c[0] >= o[1] for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c[0])

    if "week" in lower and len(chosen) > 1:
        chosen = _weekday_of_week(text, chosen, anchor)

    cued = "since" in lower or "back" in lower or "dating" in lower  # the only background cues
    out: list[DateMention] = []
    prev_end = 0
    for c in chosen:
        start, end, value, precision, relative, pre = c[:6]
        anchored = c[6] if len(c) > 6 else None
        background = anchored is not None or (cued and _is_background(text, lower, start, pre, prev_end))
        if text[end:end + 1] == ")" and "(" in text[start:end]:
            end += 1  # "Thursday (14 December)"
        out.append(DateMention(start, end, text[start:end], value, precision, relative, background, anchored))
        prev_end = end
    return tuple(out)


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
