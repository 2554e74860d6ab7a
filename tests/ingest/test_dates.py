"""Table tests for the news-aware date resolver (diplokg.ingest.dates).

Speed, measured when this was written (Python 3.11, a shared 2-core VM, best of 5 x 10,000 calls): a 28-31 word
news sentence holding two or three date expressions ("on Thursday ... since ... in February 2022") runs at
about 13,000-17,000 calls/s (60-75 µs a call); a 31-word sentence with no date at about 180,000 calls/s
(~5.5 µs): the literal-led scans find nothing and the costlier steps never run.
"""

from __future__ import annotations

from datetime import date

import pytest
from diplokg.ingest.dates import (
    DateMention,
    find_dates,
    local_tense,
    model_date,
    parse_full_date,
    shift_anchored,
)

FRI = date(2023, 9, 22)  # a Friday: the default anchor
MON = date(2023, 9, 25)  # a Monday
FEB = date(2022, 2, 4)  # early in the year, so bare months fall in the previous year
SAT = date(2023, 9, 23)  # a Saturday
WED = date(2023, 9, 20)  # a Wednesday
THU_DEC = date(2023, 12, 18)  # a Monday in December, after Thursday 14 December
LEAP = date(2024, 3, 1)


def _one(sentence: str, anchor: date, tense: str = "past") -> DateMention:
    found = find_dates(sentence, anchor, tense)
    assert len(found) == 1, found
    m = found[0]
    assert sentence[m.start:m.end] == m.text
    return m


def _check(sentence: str, anchor: date, tense: str, text: str, value: str, precision: str, relative: bool,
           background: bool = False) -> None:
    m = _one(sentence, anchor, tense)
    assert (m.text, m.value, m.precision, m.relative, m.background) == (
        text, value, precision, relative, background)


# sentence, anchor, tense, matched text, value ------------------------------------------------- weekdays
WEEKDAYS = [
    ("Ministers met on Friday.", FRI, "past", "on Friday", "2023-09-22"),
    ("Ministers met on Thursday.", FRI, "past", "on Thursday", "2023-09-21"),
    ("He met them on Saturday.", FRI, "past", "on Saturday", "2023-09-16"),
    ("Talks ran on Thursday night.", FRI, "past", "on Thursday night", "2023-09-21"),
    ("The deal was signed late on Thursday.", FRI, "past", "late on Thursday", "2023-09-21"),
    ("Shelling resumed early on Friday.", FRI, "past", "early on Friday", "2023-09-22"),
    ("The vote came Friday afternoon.", FRI, "past", "Friday afternoon", "2023-09-22"),
    ("He spoke on Tuesday evening.", FRI, "past", "on Tuesday evening", "2023-09-19"),
    ("Troops withdrew late Wednesday.", FRI, "past", "late Wednesday", "2023-09-20"),
    ("Friday's vote was delayed.", FRI, "past", "Friday", "2023-09-22"),
    ("The ministry is reviewing the offer on Friday.", FRI, "present", "on Friday", "2023-09-22"),
    ("He will attend the summit on Saturday.", FRI, "future", "on Saturday", "2023-09-23"),
    ("The council will vote on Friday.", FRI, "future", "on Friday", "2023-09-22"),
    ("She will fly to Kyiv on Thursday.", FRI, "future", "on Thursday", "2023-09-28"),
    ("Leaders met on Sunday.", MON, "past", "on Sunday", "2023-09-24"),
    ("Leaders met last Friday.", FRI, "past", "last Friday", "2023-09-15"),
    ("Talks resume next Monday.", FRI, "future", "next Monday", "2023-09-25"),
]


@pytest.mark.parametrize("sentence, anchor, tense, text, value", WEEKDAYS)
def test_weekdays(sentence: str, anchor: date, tense: str, text: str, value: str) -> None:
    _check(sentence, anchor, tense, text, value, "day", True)


# ----------------------------------------------------------------------------------------- bare months
MONTHS = [
    ("The two sides met in March.", FRI, "past", "in March", "2023-03"),
    ("In May, the two sides met.", FRI, "past", "In May", "2023-05"),
    ("Relations soured in December.", FEB, "past", "in December", "2021-12"),
    ("Relations soured in September.", FRI, "past", "in September", "2023-09"),
    ("Elections are due in March.", FRI, "future", "in March", "2024-03"),
    ("The summit will be held in September.", FRI, "future", "in September", "2023-09"),
    ("The pact will be signed by December.", FRI, "future", "by December", "2023-12"),
    ("Fighting flared in mid-March.", FRI, "past", "in mid-March", "2023-03"),
    ("Fighting flared in early June.", FRI, "past", "in early June", "2023-06"),
    ("The envoy visited last March.", FRI, "past", "last March", "2023-03"),
    ("The envoy visited last March.", date(2023, 3, 10), "past", "last March", "2022-03"),
    ("Talks collapsed in Dec.", FRI, "past", "in Dec.", "2022-12"),
    ("In March 12 people died in the clashes.", FRI, "past", "In March", "2023-03"),
]


@pytest.mark.parametrize("sentence, anchor, tense, text, value", MONTHS)
def test_bare_months(sentence: str, anchor: date, tense: str, text: str, value: str) -> None:
    _check(sentence, anchor, tense, text, value, "month", True)


# ------------------------------------------------------------------------------------ month with a year
MONTH_YEARS = [
    ("Russia annexed Crimea in February 2014.", "in February 2014", "2014-02"),
    ("The talks began in November 2013.", "in November 2013", "2013-11"),
    ("February 2019 saw a summit in Hanoi.", "February 2019", "2019-02"),
    ("The summit of Feb. 2019 failed.", "Feb. 2019", "2019-02"),
    ("The accord, signed in March 2019, held.", "in March 2019", "2019-03"),
    ("The draft dates from May 2021.", "from May 2021", "2021-05"),
    ("SEOUL, MARCH 2019 — talks stalled.", "MARCH 2019", "2019-03"),
]


@pytest.mark.parametrize("sentence, text, value", MONTH_YEARS)
def test_month_year(sentence: str, text: str, value: str) -> None:
    _check(sentence, FRI, "past", text, value, "month", False)


# ------------------------------------------------------------------------------ month and day (± year)
MONTH_DAYS = [
    ("The ceasefire began on August 7.", FRI, "past", "on August 7", "2023-08-07", True),
    ("Talks were held August 11.", FRI, "past", "August 11", "2023-08-11", True),
    ("Talks were held Aug. 11.", FRI, "past", "Aug. 11", "2023-08-11", True),
    ("Talks were held Aug 11.", FRI, "past", "Aug 11", "2023-08-11", True),
    ("The truce expired 7 August.", FRI, "past", "7 August", "2023-08-07", True),
    ("The truce expired on 7 August.", FRI, "past", "on 7 August", "2023-08-07", True),
    ("The decree was issued on May 3.", FRI, "past", "on May 3", "2023-05-03", True),
    ("He spoke on Sept 18.", FRI, "past", "on Sept 18", "2023-09-18", True),
    ("They met on October 2.", FRI, "past", "on October 2", "2022-10-02", True),
    ("They will meet on October 2.", FRI, "future", "on October 2", "2023-10-02", True),
    ("They will meet on September 10.", FRI, "future", "on September 10", "2024-09-10", True),
    ("They met on September 22.", FRI, "past", "on September 22", "2023-09-22", True),
    ("The vote was on February 29.", LEAP, "past", "on February 29", "2024-02-29", True),
    ("The vote was on February 29.", FRI, "past", "on February 29", "2020-02-29", True),
    ("It was signed on Sept. 18, 2023.", FRI, "past", "on Sept. 18, 2023", "2023-09-18", False),
    ("It was signed August 7, 2019.", FRI, "past", "August 7, 2019", "2019-08-07", False),
    ("It was signed 7 August 2019.", FRI, "past", "7 August 2019", "2019-08-07", False),
    ("It was signed on the 7th of August 2019.", FRI, "past", "on the 7th of August 2019", "2019-08-07", False),
    ("It was signed on 2019-08-07.", FRI, "past", "on 2019-08-07", "2019-08-07", False),
]


@pytest.mark.parametrize("sentence, anchor, tense, text, value, relative", MONTH_DAYS)
def test_month_day(sentence: str, anchor: date, tense: str, text: str, value: str, relative: bool) -> None:
    _check(sentence, anchor, tense, text, value, "day", relative)


# -------------------------------------------------------------------------------------- wire datelines
DATELINES = [
    ("PARIS, Sept 18 — France recalled its ambassador.", "Sept 18", "2023-09-18"),
    ("UNITED NATIONS, July 10 — The council met.", "July 10", "2023-07-10"),
    ("KYIV, SEPT 20 (Reuters) - Ukraine said.", "SEPT 20", "2023-09-20"),
]


@pytest.mark.parametrize("sentence, text, value", DATELINES)
def test_datelines(sentence: str, text: str, value: str) -> None:
    _check(sentence, FRI, "past", text, value, "day", True)


# ---------------------------------------------------------------------------------------------- years
# sentence, text, value, background
YEARS = [
    ("In 2022, Russia invaded Ukraine.", "In 2022", "2022", False),
    ("The deal was struck in 2015.", "in 2015", "2015", False),
    ("The 2019 summit in Hanoi failed.", "2019", "2019", False),
    ("Emissions must halve by 2030.", "by 2030", "2030", False),
    ("Growth slowed in mid-2019.", "in mid-2019", "2019", False),
    ("Syria has been at war since 2011.", "since 2011", "2011", True),
    ("Sanctions have been in place since 2015.", "since 2015", "2015", True),
    ("Millions have fled since the conflict began in 2011.", "in 2011", "2011", True),
    ("Ties have been strained ever since 2014.", "ever since 2014", "2014", True),
    ("Resolution 2046 (2012) demanded a halt.", "2012", "2012", False),
]


@pytest.mark.parametrize("sentence, text, value, background", YEARS)
def test_years(sentence: str, text: str, value: str, background: bool) -> None:
    _check(sentence, FRI, "past", text, value, "year", False, background)


# -------------------------------------------------------------------------- relative to the dateline
# sentence, anchor, text, value, precision
RELATIVE = [
    ("Exports fell last month.", FRI, "last month", "2023-08", "month"),
    ("Exports fell last month.", date(2023, 1, 15), "last month", "2022-12", "month"),
    ("Exports fell this month.", FRI, "this month", "2023-09", "month"),
    ("Exports will rise next month.", date(2023, 12, 5), "next month", "2024-01", "month"),
    ("Elections were held last year.", FRI, "last year", "2022", "year"),
    ("Elections were held this year.", FRI, "this year", "2023", "year"),
    ("The two leaders met earlier this year.", FRI, "earlier this year", "2023", "year"),
    ("Elections are due next year.", FRI, "next year", "2024", "year"),
    ("The minister resigned yesterday.", FRI, "yesterday", "2023-09-21", "day"),
    ("Yesterday, the minister resigned.", date(2023, 1, 1), "Yesterday", "2022-12-31", "day"),
    ("The minister resigns today.", FRI, "today", "2023-09-22", "day"),
    ("The council meets tonight.", FRI, "tonight", "2023-09-22", "day"),
    ("Envoys arrived this morning.", FRI, "this morning", "2023-09-22", "day"),
    ("The talks resume tomorrow.", FRI, "tomorrow", "2023-09-23", "day"),
    ("The talks failed two years ago.", FRI, "two years ago", "2021", "year"),
    ("The talks failed three days ago.", FRI, "three days ago", "2023-09-19", "day"),
]


@pytest.mark.parametrize("sentence, anchor, text, value, precision", RELATIVE)
def test_relative(sentence: str, anchor: date, text: str, value: str, precision: str) -> None:
    _check(sentence, anchor, "past", text, value, precision, True)


def test_since_marks_relative_background() -> None:
    m = _one("Prices have risen since last month.", FRI)
    assert (m.text, m.value, m.background) == ("since last month", "2023-08", True)


def test_since_march_is_background() -> None:
    assert _one("Talks since March have stalled.", FRI).background


def test_offsets_survive_unicode_lowercasing() -> None:
    # "İ".lower() is two characters long; offsets must still index the original text
    sentence = "İstanbul talks have stalled since the war began in 2022, ministers said yesterday."
    found = find_dates(sentence, FRI)
    assert [(m.text, m.background) for m in found] == [("in 2022", True), ("yesterday", False)]
    assert all(sentence[m.start:m.end] == m.text for m in found)


# ------------------------------------------------------------------------------ no mention at all
NEGATIVES = [
    "Thousands march on the capital.",
    "March organisers said the route was cleared.",
    "Theresa May said the talks would continue.",
    "May said it was a good deal.",
    "The talks may resume soon.",
    "Critics spoke out after May said she would stay.",
    "They share a 2,200-kilometre border.",
    "The country deployed 100,000 troops.",
    "The fund holds $1.5 billion.",
    "The EU sanctioned 40 Belarusian officials.",
    "The navy will buy 12 conventional submarines.",
    "The bill costs $2019 a head.",
    "Some 2000 troops crossed the border.",
    "The launch was set for 1900 GMT.",
    "The region was unstable in the 1990s.",
    "A day earlier, the envoy had left.",
    "Days later, the troops withdrew.",
    "The Good Friday Agreement ended the Troubles.",
    "The March 23 Movement seized the town.",
    "The summit was held in Mar del Plata.",
    "Foreign Minister Jan Lipavsky spoke.",
    "He gave a talk on Sundays.",
    "It was a moment of concern in the past.",
    "The war has killed 1,200 people.",
    "This year-long process is over.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_no_mention(sentence: str) -> None:
    assert find_dates(sentence, FRI) == []


# ------------------------------------------------------------- overlaps and several mentions, in order
# sentence, [(text, value, precision, relative, background), ...]
SEVERAL = [
    ("He spoke on Friday, September 22, 2023, in Paris.",
     [("on Friday, September 22, 2023", "2023-09-22", "day", False, False)]),
    ("The accord of March 2019 held.", [("March 2019", "2019-03", "month", False, False)]),
    ("The first visit since 2019 took place on Friday.",
     [("since 2019", "2019", "year", False, True), ("on Friday", "2023-09-22", "day", True, False)]),
    ("Trade rose in 2015 and fell in 2016.",
     [("in 2015", "2015", "year", False, False), ("in 2016", "2016", "year", False, False)]),
    ("From March until June, talks stalled.",
     [("From March", "2023-03", "month", True, False), ("until June", "2023-06", "month", True, False)]),
    ("The truce, agreed on August 7, collapsed on Thursday.",
     [("on August 7", "2023-08-07", "day", True, False), ("on Thursday", "2023-09-21", "day", True, False)]),
]


@pytest.mark.parametrize("sentence, expected", SEVERAL)
def test_several(sentence: str, expected: list[tuple]) -> None:
    found = find_dates(sentence, FRI)
    assert [(m.text, m.value, m.precision, m.relative, m.background) for m in found] == expected
    assert all(sentence[m.start:m.end] == m.text for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_rejects_unknown_tense() -> None:
    with pytest.raises(ValueError):
        find_dates("on Friday", FRI, tense="conditional")


# --------------------------------------------------------------------------------------- full dates
FULL_DATES = [
    ("September 22, 2023", date(2023, 9, 22)),
    ("22 September 2023", date(2023, 9, 22)),
    ("2023-09-22", date(2023, 9, 22)),
    ("Sept. 22, 2023", date(2023, 9, 22)),
    ("Sep 22 2023", date(2023, 9, 22)),
    ("  Friday, September 22, 2023 ", date(2023, 9, 22)),
    ("September 2023", None),
    ("September 22", None),
    ("June 31, 2023", None),
    ("2023-13-01", None),
    ("on September 22, 2023", None),
    ("", None),
]


@pytest.mark.parametrize("text, expected", FULL_DATES)
def test_parse_full_date(text: str, expected: date | None) -> None:
    assert parse_full_date(text) == expected


# ------------------------------------------------------------------ tense of the expression's own clause
# The clause around a weekday decides which way it points; no tense is passed (the default, "auto").
# sentence, anchor, [(text, value), ...]
TENSE_AWARE = [
    # past narration: the last such day on or before the dateline
    ("The president travelled to Kyiv on Friday.", SAT, [("on Friday", "2023-09-22")]),
    ("The president travelled to Kyiv on Friday.", FRI, [("on Friday", "2023-09-22")]),
    ("He had said in an interview on Thursday that talks were over.", MON, [("on Thursday", "2023-09-21")]),
    ("Russia condemned Tuesday's vote.", WED, [("Tuesday", "2023-09-19")]),
    ("Tuesday's vote is a blow to the government.", WED, [("Tuesday", "2023-09-19")]),
    # future contexts: the next one on or after it
    ("The leaders will meet on Friday.", SAT, [("on Friday", "2023-09-29")]),
    ("The two leaders are due to meet on Friday.", SAT, [("on Friday", "2023-09-29")]),
    ("The talks will be held on Monday.", FRI, [("on Monday", "2023-09-25")]),
    ("The council is meeting on Friday.", WED, [("on Friday", "2023-09-22")]),
    ("On Friday, the council is expected to vote.", WED, [("On Friday", "2023-09-22")]),
    ("The planned talks on Monday were cancelled.", WED, [("on Monday", "2023-09-25")]),
    ("Ministers were scheduled to meet on Friday.", WED, [("on Friday", "2023-09-22")]),
    # an infinitive after a verb of agreement or request comes after it: its weekday points on
    ("The two sides agreed to meet on Friday.", SAT, [("on Friday", "2023-09-29")]),
    ("He asked to meet the president in Paris on Monday.", SAT, [("on Monday", "2023-09-25")]),
    ("She invited him to visit on Friday.", SAT, [("on Friday", "2023-09-29")]),
    ("On Tuesday, Israel threatened to retaliate.", SAT, [("On Tuesday", "2023-09-19")]),  # dates "threatened"
    # a yearless date in a clause of no clear tense: the occurrence nearest the dateline, not one a year back
    ("The deal calls for the Taliban to open talks on March 10.", date(2020, 2, 29), [("on March 10", "2020-03-10")]),
    ("Cuba and the US to restore relations on July 20", date(2015, 7, 2), [("on July 20", "2015-07-20")]),
    # a verb coordinated under an auxiliary takes its tense
    ("They said they would restore ties and open embassies from July 20.", date(2015, 7, 2),
     [("from July 20", "2015-07-20")]),
    # … but not a calendar date, whose year would be the next one
    ("Commanders had agreed to disengage at talks on June 6.", date(2020, 6, 17), [("on June 6", "2020-06-06")]),
    # each expression by its own clause
    ("She said on Wednesday that talks would be held on Friday.", THU_DEC,
     [("on Wednesday", "2023-12-13"), ("on Friday", "2023-12-22")]),
    ("Iran, which attacked on Sunday, will vote on Monday.", WED,
     [("on Sunday", "2023-09-17"), ("on Monday", "2023-09-25")]),
]


@pytest.mark.parametrize("sentence, anchor, expected", TENSE_AWARE)
def test_tense_of_own_clause(sentence: str, anchor: date, expected: list[tuple[str, str]]) -> None:
    found = find_dates(sentence, anchor)
    assert [(m.text, m.value) for m in found] == expected


def test_local_tense() -> None:
    text = "Ministers met on Friday and will meet again on Monday."
    assert local_tense(text, 14, 23) == "past"
    assert local_tense(text, 42, 53) == "future"
    assert local_tense("Talks resume on Monday.", 13, 22) == "present"
    assert local_tense("On Friday.", 0, 9) is None
    assert local_tense("Officials said the missiles struck at 3:45 a.m. today.", 49, 54) == "past"  # not cut at "3:45"


# --------------------------------------------------------- weeks: TIMEX3 week granularity, not a day
# sentence, anchor, text, value
WEEKS = [
    ("Talks were held last week.", FRI, "last week", "2023-W37"),
    ("Talks were held this week.", FRI, "this week", "2023-W38"),
    ("Talks were held earlier this week.", FRI, "earlier this week", "2023-W38"),
    ("Talks resume next week.", FRI, "next week", "2023-W39"),
    ("Troops withdrew late last week.", MON, "late last week", "2023-W38"),
    ("The envoy left two weeks ago.", FRI, "two weeks ago", "2023-W36"),
    ("Protests erupted over the weekend.", MON, "the weekend", "2023-W38-WE"),
    ("Protests erupted last weekend.", MON, "last weekend", "2023-W38-WE"),
    ("Protests erupted last weekend.", SAT, "last weekend", "2023-W37-WE"),
    ("Protests will be held this weekend.", WED, "this weekend", "2023-W38-WE"),
    ("Protests will be held next weekend.", SAT, "next weekend", "2023-W39-WE"),
]


@pytest.mark.parametrize("sentence, anchor, text, value", WEEKS)
def test_weeks(sentence: str, anchor: date, text: str, value: str) -> None:
    _check(sentence, anchor, "past", text, value, "week", True)


# value, precision -> what the graph stores (day, month or year; a week as the month or year holding it)
MODEL_DATES = [
    (("2023-W37", "week"), ("2023-09", "month")),
    (("2023-W35", "week"), ("2023", "year")),  # 28 August - 3 September
    (("2020-W01", "week"), (None, None)),  # 30 December 2019 - 5 January 2020
    (("2023-W38-WE", "week"), ("2023-09", "month")),
    (("2023-09-22", "day"), ("2023-09-22", "day")),
    (("2023", "year"), ("2023", "year")),
]


@pytest.mark.parametrize("given, expected", MODEL_DATES)
def test_model_date(given: tuple[str, str], expected: tuple) -> None:
    assert model_date(*given) == expected


# ------------------------------------------------------------- month spans relative to the dateline
# sentence, anchor, text, value
MONTH_SPANS = [
    ("Exports fell earlier this month.", FRI, "earlier this month", "2023-09"),
    ("Exports fell late last month.", FRI, "late last month", "2023-08"),
    ("Exports fell late last month.", date(2024, 1, 3), "late last month", "2023-12"),
    ("Exports will rise later this month.", FRI, "later this month", "2023-09"),
    ("Exports will rise early next month.", date(2023, 12, 5), "early next month", "2024-01"),
]


@pytest.mark.parametrize("sentence, anchor, text, value", MONTH_SPANS)
def test_month_spans(sentence: str, anchor: date, text: str, value: str) -> None:
    _check(sentence, anchor, "past", text, value, "month", True)


# ------------------------------------------------------------------ calendar dates with their weekday
# sentence, anchor, text, value
WEEKDAY_DATES = [
    ("The council met on Thursday (14 December).", THU_DEC, "on Thursday (14 December)", "2023-12-14"),
    ("The council met on Thursday, Dec. 14.", THU_DEC, "on Thursday, Dec. 14", "2023-12-14"),
    ("The council met Thursday, December 14, 2023.", THU_DEC, "Thursday, December 14, 2023", "2023-12-14"),
    # the weekday picks the year: 26 September was a Monday in 2016
    ("He left early on Monday, 26 September, for Cartagena.", date(2016, 10, 4), "on Monday, 26 September",
     "2016-09-26"),
    # a yearless date after the dateline, said to be a Friday: the coming one, whatever the tense
    ("The vote was set for Friday, December 22.", THU_DEC, "Friday, December 22", "2023-12-22"),
]


@pytest.mark.parametrize("sentence, anchor, text, value", WEEKDAY_DATES)
def test_dates_with_weekdays(sentence: str, anchor: date, text: str, value: str) -> None:
    m = _one(sentence, anchor)
    assert (m.text, m.value, m.precision) == (text, value, "day")


# ------------------------------------------------ expressions anchored on another event's clause
# sentence, anchor, text, value, precision, offset
ANCHORED = [
    ("Talks began two days after the clash left 20 soldiers dead.", WED, "two days after", "2023-09-18", "day",
     (-2, "day", False)),
    ("Barely a month after the election, the cabinet fell.", FRI, "Barely a month after", "2023-08", "month",
     (-1, "month", False)),
    ("The rupture came two weeks after the president visited Riyadh.", FRI, "two weeks after", "2023-09", "month",
     (-2, "week", False)),
    ("Ministers met a day after the envoy arrived.", FRI, "a day after", "2023-09-21", "day", (-1, "day", False)),
    ("Ministers met the day before the vote took place.", FRI, "the day before", "2023-09-23", "day",
     (1, "day", False)),
    ("The strike came hours after the talks collapsed.", FRI, "hours after", "2023-09-22", "day", (0, "day", False)),
    ("The army moved in days after the coup.", FRI, "days after", "2023-09", "month", (-3, "day", True)),
    ("The deal came a year after the war began.", FRI, "a year after", "2022", "year", (-1, "year", False)),
]


@pytest.mark.parametrize("sentence, anchor, text, value, precision, offset", ANCHORED)
def test_anchored(sentence: str, anchor: date, text: str, value: str, precision: str, offset: tuple) -> None:
    m = _one(sentence, anchor)
    assert (m.text, m.value, m.precision, m.background, m.anchored) == (text, value, precision, True, offset)


ANCHORED_NEGATIVES = [
    "Fighting went on day after day.",
    "Myanmar must report every six months after that.",  # a period and an anaphor
    "In the months before the election, opponents were jailed.",  # a span
    "Flames burned at the base for two hours before being put out.",  # a duration
    "The envoy had left the day before.",
    "He spoke after the vote.",
]


@pytest.mark.parametrize("sentence", ANCHORED_NEGATIVES)
def test_not_anchored(sentence: str) -> None:
    assert find_dates(sentence, FRI) == []


def test_shift_anchored_straddling_months_is_coarser() -> None:
    # two weeks before 10 June is 27 May ± 2 days: May
    assert shift_anchored(date(2023, 6, 10), (-2, "week", False)) == ("2023-05", "month")
    # one week before 9 June is 2 June ± 2 days: May or June, so only the year
    assert shift_anchored(date(2023, 6, 9), (-1, "week", False)) == ("2023", "year")
    assert shift_anchored(date(2023, 1, 8), (-1, "week", False)) is None  # 30 December - 3 January


# "on Friday last week", "on Friday next week": the weekday of that week, one day
WEEKDAY_OF_WEEK = [
    ("They met on Friday last week.", MON, "on Friday last week", "2023-09-22"),
    ("They will meet on Friday next week.", MON, "on Friday next week", "2023-10-06"),
    ("They will meet on Monday next week.", FRI, "on Monday next week", "2023-09-25"),
]


@pytest.mark.parametrize("sentence, anchor, text, value", WEEKDAY_OF_WEEK)
def test_weekday_of_week(sentence: str, anchor: date, text: str, value: str) -> None:
    m = _one(sentence, anchor)
    assert (m.text, m.value, m.precision) == (text, value, "day")


@pytest.mark.parametrize("sentence, text, value", [
    ("Turkey helped to broker the agreement in July of last year.", "in July of last year", "2022-07"),
    ("They met in March this year.", "in March this year", "2023-03"),
    ("The deal was signed in December of 2019.", "in December of 2019", "2019-12"),
    ("The deal was signed in December, 2019.", "in December, 2019", "2019-12"),
])
def test_month_of_a_named_year(sentence: str, text: str, value: str) -> None:
    (m,) = find_dates(sentence, date(2023, 7, 18))
    assert (m.text, m.value, m.precision) == (text, value, "month")


def test_a_month_and_a_year_in_separate_phrases_stay_apart() -> None:
    # near miss: "in July, last year it said": a comma before a relative year separates them
    assert [m.value for m in find_dates("They met in July, last year it said.", date(2023, 7, 18))] == ["2023-07", "2022"]


def test_a_speech_act_is_dated_when_made_not_by_a_date_in_what_it_says(code):
    got = code("On Friday Taiwan charged that two Chinese officials had attacked a member of its staff on "
               "September 8.")
    # (the attack charged, on Taiwan's staff, keeps its own date)
    assert ("TWN", "112", "CHN", "2023-09-22", None) in got and set(got) <= {
        ("TWN", "112", "CHN", "2023-09-22", None), ("CHN", "190", "TWN", "2023-09-08", None)}
    # near miss: a date before the "that" dates the charge
    assert ("TWN", "112", "CHN", "2023-09-19", None) in code(
        "On Tuesday Taiwan charged that two Chinese officials had attacked a member of its staff.")
