"""The date the coder gives an event (``TimeAndModality._date``): each kind of temporal expression news uses,
with a made-up sentence and its dateline, the event it must code and the date (value and TIMEX3-style
precision) it must carry; near misses where the expression must not lend its date. Roles are not what is
tested here: an event is found by its source and target, whatever its code."""

from __future__ import annotations

from datetime import date

import pytest
from diplokg.ingest.article import Article

SAT = date(2023, 9, 23)
MON = date(2023, 9, 25)
WED = date(2023, 9, 20)
FRI = date(2023, 9, 22)
DEC = date(2023, 12, 18)  # a Monday


def _dates(coder, text: str, published: date, source: str, target: str) -> set[tuple]:
    events = coder.code(Article(text, id="t", published=published))
    found = {(e.date, e.precision) for e in events
             if e.source.represents() == source and e.target.represents() == target}
    assert found, [(e.source.represents(), e.code, e.target.represents()) for e in events]
    return found


# text, dateline, source, target, (date, precision)
CASES = {
    # a weekday in past narration: the last such day on or before the dateline
    "past weekday, day before": ("The French president travelled to Ukraine on Friday.", SAT, "FRA", "UKR",
                                 ("2023-09-22", "day")),
    "past weekday, same day": ("The French president travelled to Ukraine on Friday.", FRI, "FRA", "UKR",
                               ("2023-09-22", "day")),
    "possessive weekday": ("Russia criticised Germany after Tuesday's vote.", WED, "RUS", "DEU",
                           ("2023-09-19", "day")),
    "said on Thursday that": ("Iran said on Thursday that it would hold talks with Saudi Arabia.", MON, "IRN",
                              "SAU", ("2023-09-21", "day")),
    # the expression of the trigger's own clause, not the nearest one across ", and"
    "own clause": ("France's foreign minister met German officials in Berlin last month and held talks with "
                   "Russia's foreign minister in Moscow on Tuesday.", FRI, "FRA", "RUS", ("2023-09-19", "day")),
    # days, weeks, months relative to the dateline, at their own precision
    "yesterday": ("Iran accused Israel of the attack yesterday.", MON, "IRN", "ISR", ("2023-09-24", "day")),
    "last night": ("Iran accused Israel of the attack last night.", MON, "IRN", "ISR", ("2023-09-24", "day")),
    "tonight": ("Iran will hold talks with Israel tonight.", MON, "IRN", "ISR", ("2023-09-25", "day")),
    "last week": ("Iran accused Israel of the attack last week.", MON, "IRN", "ISR", ("2023-09", "month")),
    "over the weekend": ("Iran accused Israel of the attack over the weekend.", MON, "IRN", "ISR",
                         ("2023-09", "month")),
    "earlier this month": ("Iran accused Israel of the attack earlier this month.", MON, "IRN", "ISR",
                           ("2023-09", "month")),
    "late last month": ("Iran accused Israel of the attack late last month.", MON, "IRN", "ISR",
                        ("2023-08", "month")),
    "weekday with its date": ("Iran accused Israel on Thursday (14 December).", DEC, "IRN", "ISR",
                              ("2023-12-14", "day")),
    # a clause anchored on the main one: dated from it, no finer than the offset allows
    "two days after": ("The foreign ministers of India and China spoke on Wednesday, two days after China "
                       "attacked India.", date(2020, 6, 17), "CHN", "IND", ("2020-06-15", "day")),
    # a year before a noun dates the noun, not a later verb
    "the 2015 agreement": ("The United States withdrew from the 2015 nuclear agreement with Iran and reimposed "
                           "sanctions on Iran.", date(2018, 5, 8), "USA", "IRN", ("2018-05-08", "day")),
    # … and so does a calendar date before a noun, unless the event hangs on that noun
    "the Sept. 11 attacks": ("The United States criticised Iran on Friday, citing the Sept. 11 attacks.", SAT,
                             "USA", "IRN", ("2023-09-22", "day")),
    "the December 3 referendum, which": ("Following the December 3 referendum, which backed the annexation, "
                                         "Venezuela threatened Guyana.", date(2023, 12, 15), "VEN", "GUY",
                                         ("2023-12-15", "day")),
    # a possessive weekday dates its own noun ("Tuesday's attack"), and what happened in or at it, not a verb
    # elsewhere in the sentence (the article's news day or the dateline does)
    "possessive, its noun": ("Iran criticised Tuesday's talks between Israel and Egypt.", FRI, "ISR", "EGY",
                             ("2023-09-19", "day")),
    "possessive, in it": ("Iran thanked Iraq in Wednesday's statement.", FRI, "IRN", "IRQ", ("2023-09-20", "day")),
    "possessive, not a later verb": ("Turkey rejected the Greek claims on Saturday.\n\nGreece dismissed Turkey's "
                                     "claims about Friday's incident.", SAT, "GRC", "TUR", ("2023-09-23", "day")),
    # a participle clause on a later noun keeps its date ("a contract awarded in 2016"), a range does not hide
    "a contract awarded in": ("Australia scrapped a contract awarded in 2016 to France.", date(2021, 9, 16), "AUS",
                              "FRA", ("2021-09-16", "day")),
    "the ties cut in": ("Cuba and the United States decided to restore the ties cut in January 1961.",
                        date(2015, 7, 2), "CUB", "USA", ("2015-07-02", "day")),
    # a fronted start point ("Since January, …") does not outrank the clause's own date
    "fronted since": ("Since January, diplomats have worked on the agreement announced on Dec 17, under which Cuba "
                      "decided to restore relations with the United States.", date(2015, 7, 2), "CUB", "USA",
                      ("2014-12-17", "day")),
    "a long clause in which": ("It goes far beyond a 2014 dispute in which Saudi Arabia, the United Arab Emirates and "
                               "Bahrain, citing long-standing grievances about the emirate's media and its foreign "
                               "policy, withdrew their ambassadors from Qatar.", date(2017, 6, 5), "BHR", "QAT",
                               ("2014", "year")),
    "a war from 1998": ("Ethiopia and Eritrea fought a war over their disputed border from 1998 to 2000.",
                        date(2018, 7, 9), "ETH", "ERI", ("1998", "year")),
    # a relative clause without a comma keeps its date
    "countries that cut ties in": ("The declaration was signed by Egypt and the United Arab Emirates, the countries "
                                   "that cut ties with Qatar in June 2017, and by Qatar.", date(2021, 1, 5), "EGY",
                                   "ARE", ("2021-01-05", "day")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_event_date(coder, name: str) -> None:
    text, published, source, target, expected = CASES[name]
    assert _dates(coder, text, published, source, target) == {expected}


def test_barely_a_month_after_dates_its_clause(coder) -> None:
    found = _dates(coder, "Barely a month after Iran accused Israel of the attack, the two sides met.", MON,
                   "IRN", "ISR")
    assert found == {("2023-08", "month"), ("2023-09-25", "day")}  # the accusation, the meeting


# ------------------------------------------- undated sentences: the paragraph's or the article's news day
# text, dateline, source, target, (date, precision)
NEWS_DAY = {
    # the day the paragraph named, ahead of the dateline
    "paragraph's day": ("On Monday, Azerbaijani forces shot down an Armenian helicopter. Azerbaijan apologised "
                        "to Armenia.", date(2023, 9, 26), "AZE", "ARM", {("2023-09-25", "day")}),
    # a present-perfect lede whose next paragraph names the day
    "article's news day": ("PARIS, Sept 23 — France has recalled its ambassador to Australia.\n\nThe foreign "
                           "minister said on Friday that the decision was justified.", SAT, "FRA", "AUS",
                           {("2023-09-22", "day")}),
    "later paragraph, same news day": ("Iran accused Israel of the attack on Monday.\n\nSaudi Arabia criticised "
                                       "Israel.", date(2023, 9, 26), "SAU", "ISR", {("2023-09-25", "day")}),
    # the lede's own calendar day, even more than a week before the dateline, dates the undated narration
    "lede's day": ("Japan's prime minister arrived in Seoul on Monday, 26 September.\n\nAfterwards Japan's prime "
                   "minister met South Korea's foreign minister.", date(2016, 10, 4), "JPN", "KOR",
                   {("2016-09-26", "day")}),
    # anaphora opening a paragraph counts from the last date the article named, not from the dateline
    "a day earlier": ("On Thursday evening, Egypt criticised Israel.\n\nA day earlier, Egypt had criticised "
                      "Hamas.", date(2021, 5, 21), "EGY", "HAMAS", {("2021-05-19", "day")}),
    "later that afternoon": ("France condemned Russia on Monday, 26 September.\n\nLater that afternoon France "
                             "recalled its ambassador to Russia.", date(2016, 10, 4), "FRA", "RUS",
                             {("2016-09-26", "day")}),
    # a lede after a wire header ("BAGHDAD -- Early on Thursday, …") names the news day
    "wire header lede": ("BAGHDAD -- Early on Thursday, protesters stormed Sweden's embassy in Baghdad.\n\nA few "
                         "hours later, Iraq cut diplomatic relations with Sweden.", date(2023, 7, 21), "IRQ", "SWE",
                         {("2023-07-20", "day")}),
    # a quotation mark does not cut the clause whose tense decides ('said China had used "dollar diplomacy"')
    "quoted words": ("The Solomon Islands on Monday cut ties with Taiwan.\n\nTaiwan's foreign minister said China "
                     "had used \"dollar diplomacy\" against Taiwan.", date(2019, 9, 17), "TWN", "CHN",
                     {("2019-09-16", "day")}),
    # the tense of the verb that governs a noun trigger ("has declared X, the head of Y, persona non grata")
    "governed noun": ("KHARTOUM — Sudan has declared Poland's envoy, the head of its mission, persona non grata.\n\n"
                      "The ministry said on Friday that the envoy had to leave.", SAT, "SDN", "POL",
                      {("2023-09-22", "day")}),
    # an act announced in the past ("said officials would go to Haiti") is dated when it was announced
    "announced act": ("On Friday Haiti asked the United States for troops.\n\nThe White House said senior US "
                      "officials would go to Haiti.", SAT, "USA", "HTI", {("2023-09-22", "day")}),
    # an act reported in the present ("has said it is ending") by a past statement: the statement's news day
    "reported present": ("Sudan has said it is ending its military cooperation with Egypt.\n\nIn a statement read "
                         "on Friday evening, the government said the accord was over.", SAT, "SDN", "EGY",
                         {("2023-09-22", "day")}),
    # an act going on "since" a recent day began that day (a year stays background: "since 2011")
    "since a weekday": ("Rwanda has been refusing entry to vehicles from Uganda since Wednesday.", SAT, "RWA", "UGA",
                        {("2023-09-20", "day")}),
    "since a year": ("Rwanda has been refusing entry to vehicles from Uganda since 2019.", SAT, "RWA", "UGA",
                     {(None, None)}),
    # near misses: a background paragraph lends nothing, nor does a present-tense lede's article, nor a
    # future sentence
    "background year": ("In 2011 France recognised the Libyan rebels.\n\nFrance condemned Russia.", SAT, "FRA",
                        "RUS", {("2023-09-23", "day")}),
    "background month": ("In December the EU imposed sanctions on Russia. Germany condemned Russia.",
                         date(2024, 1, 10), "DEU", "RUS", {("2024-01-10", "day")}),
    "present lede": ("Iran accuses Israel of the attack.\n\nOn Sunday, Israel struck a target in Syria.\n\n"
                     "Saudi Arabia criticised Israel.", date(2023, 9, 26), "SAU", "ISR", {("2023-09-26", "day")}),
    "future sentence": ("On Monday, Iran accused Israel of the attack. Iran will hold talks with Saudi Arabia.",
                        date(2023, 9, 26), "IRN", "SAU", {("2023-09-26", "day")}),
}


@pytest.mark.parametrize("name", list(NEWS_DAY))
def test_news_day(coder, name: str) -> None:
    text, published, source, target, expected = NEWS_DAY[name]
    assert _dates(coder, text, published, source, target) == expected
