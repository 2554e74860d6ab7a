"""Modality, dates and counts of a coded event, from its clause (used by ``diplokg.ingest.coder.Coder``)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from diplokg.ingest.dates import find_dates
from diplokg.ingest.lexicon import Grammar, Trigger
from diplokg.ingest.mentions import DocState
from diplokg.ingest.roles import Sentence

__all__ = ["TimeAndModality", "WIRE_DATELINE", "YEAR_MODIFIER"]

YEAR_MODIFIER = re.compile(r"\b(the|a|an|its|their|his|her)\s+$", re.I)
WIRE_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]+,\s*$")


class TimeAndModality:
    """The modality, date and count half of the coder (mixed into ``Coder``, which provides ``self.grammar``)."""

    grammar: Grammar

    def _window(self, sent: Sentence, pos: int, size: int = 6) -> list[str]:
        out: list[str] = []
        j = pos - 1
        while j >= 0 and len(out) < size and sent.lower[j] not in (";", ":", "—", ","):
            out.append(sent.lower[j])
            j -= 1
        return out[::-1]

    def _modality(self, sent: Sentence, pos: int) -> tuple[str, bool]:
        window = self._window(sent, pos)
        g = self.grammar
        if g.phrases["negators"].contains(window):
            return "negated", False
        if "would" in window and not g.phrases["hypothetical_cues"].contains(window) \
                and any(t in g.words["decision_reports"] for t in sent.lower[:pos]):
            return "asserted", False  # "announced that X would reimpose sanctions": the decision, reported
        if g.phrases["intent_cues"].contains(window):
            return "future", True
        if g.phrases["future_cues"].contains(window) or g.phrases["hypothetical_cues"].contains(window):
            return "future", False
        return "asserted", False

    def _date(self, sent: Sentence, trig: Trigger, published: date | None, tense: str, anchor: int,
              background_ok: bool = True, count: int | None = None, state: DocState | None = None):
        """The event's date: the nearest date expression of the sentence; else one relative to the date the
        paragraph last named ("the following month", "the same day"); else none for background statements
        ("has long backed"); else the dateline (less sure). Inheriting the paragraph's date for undated
        sentences was measured too: +0.01 date agreement on dev, -0.01 on the extra set, so it is not done."""
        text = sent.span.text
        base = sent.span.start_char
        trig_char = sent.span[trig.start].idx - base
        if published is not None:
            mentions = find_dates(text, published, tense)
        else:
            mentions = [m for m in find_dates(text, date.today(), tense) if not m.relative]
        # a wire dateline ("PARIS, Sept 18 — ") dates the article, not this event; "withdrew from the 2015
        # nuclear agreement" names a thing, it does not date the withdrawal (but "a 2014 dispute in which …" does)
        mentions = [m for m in mentions if not WIRE_DATELINE.match(text[:m.start])
                    and not (m.precision == "year" and m.start > trig_char and YEAR_MODIFIER.search(text[:m.start]))]
        # "Lebanon's foreign minister, who visited Syria on Monday, criticised Israel on Tuesday": a date inside a
        # relative clause the trigger is not in dates that clause's event
        asides = [(a, b) for a, b in self._relative_clauses(sent) if not a <= trig_char < b]
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in asides)]
        best = None
        for m in mentions:
            dist = abs((m.start + m.end) / 2 - trig_char)
            if best is None or dist < best[0]:
                best = (dist, m)
        if best:
            m = best[1]
            if m.background:
                return None, None, 0.9
            return m.value, m.precision, 1.0
        narrative = state.narrative if state is not None else None
        for i in range(len(sent.lower)):
            length, shift = self.grammar.maps["anaphoric_dates"].match_at(sent.lower, i)
            if length:
                base_value = narrative or ((published.isoformat(), "day") if published else None)
                if base_value:
                    return (*_shift(base_value, int(shift[0]), str(shift[1])), 0.8)
        window = self._window(sent, max(anchor, trig.start), 8)
        perfect = any(w in self.grammar.words["perfect_auxiliaries"] for w in window)
        if background_ok and (self.grammar.phrases["background_cues"].contains(window)
                              or (perfect and count is not None)):
            return None, None, 0.9
        if published is None:
            return None, None, 0.8
        return published.isoformat(), "day", 0.8

    def _relative_clauses(self, sent: Sentence) -> list[tuple[int, int]]:
        """Character spans (within the sentence) of relative clauses set off by a comma: from ", who" or
        ", which" to the next clause break or the end of the sentence."""
        spans, lower, base = [], sent.lower, sent.span.start_char
        breaks = {",", ";", "—", "–", "(", ")"}
        for i in range(1, len(lower) - 1):
            if lower[i - 1] == "," and lower[i] in self.grammar.words["relative_pronouns"]:
                j = next((k for k in range(i + 1, len(lower)) if lower[k] in breaks), len(lower))
                end = sent.span[j].idx - base if j < len(lower) else len(sent.span.text)
                spans.append((sent.span[i].idx - base, end))
        return spans

    def _count(self, sent: Sentence, trig: Trigger) -> int | None:
        g = self.grammar
        numbers = g.maps["numbers"]
        lo, hi = max(0, trig.start - 8), min(len(sent.lower), trig.end + 10)
        words = sent.lower[lo:hi]
        for k, tok in enumerate(words):
            if (tok,) in g.maps["multiplicatives"]:
                return int(g.maps["multiplicatives"][(tok,)])
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if nxt in g.words["count_nouns"]:
                if (tok,) in numbers:
                    return int(numbers[(tok,)])
                if tok.isdigit() and int(tok) < 1000:
                    return int(tok)
            if tok == "for" and k + 3 < len(words) and words[k + 1] == "the" and words[k + 3] == "time":
                ordinal = words[k + 2]
                if (ordinal,) in g.maps["ordinals"]:
                    return int(g.maps["ordinals"][(ordinal,)])
                digits = ordinal.rstrip("stndrh")
                if digits.isdigit():
                    return int(digits)
        return None


def _shift(value: tuple[str, str], offset: int, unit: str) -> tuple[str, str]:
    """A partial ISO date moved by ``offset`` days, months or years (no finer than its own precision).

    >>> _shift(("2016-05", "month"), 1, "month"), _shift(("2020-07-07", "day"), 0, "day")
    (('2016-06', 'month'), ('2020-07-07', 'day'))
    """
    text, precision = value
    order = {"year": 0, "month": 1, "day": 2}
    if order[unit] > order[precision]:
        return value  # "the next day" after "in 2019" is still 2019
    y = int(text[:4])
    m = int(text[5:7]) if precision != "year" else 1
    d = int(text[8:10]) if precision == "day" else 1
    if unit == "day":
        return (date(y, m, d) + timedelta(days=offset)).isoformat(), "day"
    y, m = divmod(y * 12 + (m - 1) + (offset if unit == "month" else 12 * offset), 12)
    if precision == "year":
        return f"{y:04d}", "year"
    if precision == "month":
        return f"{y:04d}-{m + 1:02d}", "month"
    return date(y, m + 1, min(d, 28)).isoformat(), "day"
