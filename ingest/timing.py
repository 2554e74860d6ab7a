"""Modality, dates and counts of a coded event, from its clause (used by ``diplokg.ingest.coder.Coder``)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from diplokg.ingest.dates import DateMention, find_dates, first_tense, local_tense, model_date, shift_anchored
from diplokg.ingest.lexicon import Grammar, Trigger
from diplokg.ingest.mentions import DocState
from diplokg.ingest.roles import Sentence

__all__ = ["TimeAndModality", "WIRE_DATELINE", "YEAR_MODIFIER"]

YEAR_MODIFIER = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that)|['’]s)\s+$", re.I)
WIRE_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]+,\s*$")
# Between a date expression and the trigger: a clause boundary makes the expression less likely to be its date.
_CLAUSE_BOUNDARY = re.compile(
    r"[\u2014\u2013()]|,\s+(?:and|but|while|whereas|as|although|though)\b|\s(?:and|but)\s"
    r"|\b(?:after|before|when|while|whereas|because|although|until|since|that|which|who)\b", re.I)
# Before a fronted expression: nothing, or a wire dateline / header ending in a dash or colon.
_FRONT = re.compile(r"^\s*(?:[^,;]{0,40}(?:\u2014|\u2013|--|:)\s*)?$")
_PREPOSITIONS = frozenset("on in at by since until from during before after over through as".split())
_RX_IN_AT = re.compile(r"\b(?:in|at|during)\s+$", re.I)
_MONTH_HEADS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())
_BOUND_RELATIVES = frozenset({"that", "which", "who"})
# Words before "that" that make it open a complement clause ("said that"), not a relative one.
_NOT_NOUNS = frozenset("""so such now given than said says say told tell tells ensure means mean is was are were be
believe believes think thinks fear fears hope hopes know knows show shows warn warns argue argues insist insists
claim claims deny denies add adds suggest suggests note notes stress stresses recall recalls indicate indicates
and or but that this all""".split())
_CLAUSE_END = re.compile(r"[,;:()\u2014\u2013\"“”]|\.(?:\s|$)")


_THAT = re.compile(r"\bthat\b")


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
        if g.phrases["negators"].contains(window) or g.phrases["denials"].contains(window) and "any" in window:
            return "negated", False  # (also "denied that any Rwandans were detained"; a plain denial: contested)
        if "would" in window and not g.phrases["hypothetical_cues"].contains(window) \
                and any(t in g.words["decision_reports"] for t in sent.lower[:pos]):
            return "asserted", False  # "announced that X would reimpose sanctions": the decision, reported
        if pos > 0 and sent.lower[pos - 1] in self.grammar.verbs["cessation_verbs"] and sent.lower[pos].endswith("ing"):
            return "negated", False  # "stopped training Turkish pilots": no training goes on
        if self._warned_against(sent, pos):
            return "future", False  # "warned Russia against invading Ukraine": no invasion asserted
        if g.phrases["intent_cues"].contains(window):
            return "future", True
        if g.phrases["future_cues"].contains(window) or g.phrases["hypothetical_cues"].contains(window):
            return "future", False
        return "asserted", False

    def _warned_against(self, sent: Sentence, pos: int) -> bool:
        """Whether the act at ``pos`` follows "against" (a determiner between) that a warning verb governs a few
        words before ("warned Russia against invading Ukraine", "cautioned against an escalation")."""
        j, word = sent.prev_word(pos)
        return word == "against" and any(sent.lower[k] in self.grammar.verbs["warning_verbs"]
                                         for k in range(max(0, j - 5), j))

    def _pledged(self, sent: Sentence, pos: int) -> bool:
        """Whether the act at ``pos`` is announced or pledged for later ("would strike", "will attack", "vowed to
        hit"), not hedged ("could strike") nor negated."""
        window = self._window(sent, pos)
        g = self.grammar
        return g.phrases["intent_cues"].contains(window) and not g.phrases["hypothetical_cues"].contains(window) \
            and not g.phrases["negators"].contains(window) and not g.phrases["denials"].contains(window)

    def _pledge_cue(self, sent: Sentence, pos: int) -> bool:
        """Whether a pledge verb governs the act at ``pos`` ("vowed to strike"), which makes it its subject's own
        announcement even with no reporting verb."""
        return self.grammar.phrases["pledge_cues"].contains(self._window(sent, pos))

    def _date(self, sent: Sentence, trig: Trigger, published: date | None, tense: str, anchor: int,
              background_ok: bool = True, count: int | None = None, state: DocState | None = None):
        """The event's date (value, precision, certainty), TIMEX3-style: a value at the granularity the text
        gives, never finer.

        The date expression of the trigger's own clause wins: expressions across a clause break (", and",
        "that", "after", a dash) count less, across a ";" not at all, and a fronted one ("On Thursday, …")
        scopes over the whole sentence. Each expression points the way its own clause's tense says ("said on
        Thursday that it would …": the last Thursday). An event inside a clause anchored on the main one ("two
        days after the clash …", "barely a month after …") is dated from the main clause's date at the precision
        the offset allows. Else a date relative to the one the paragraph last named ("the following month");
        else none for background statements ("has long backed"); else, for an event told in the past tense, the
        news day its paragraph or the article's narration names (``_news_day``); else the dateline (less
        sure)."""
        text = sent.span.text
        base = sent.span.start_char
        trig_char = sent.span[trig.start].idx - base
        if published is not None:
            mentions = [m for m in find_dates(text, published, tense) if not m.deadline]
        else:
            mentions = [m for m in find_dates(text, date.today(), tense) if not m.relative and not m.deadline]
        if mentions:
            speech = trig.entry.code[:2] in self.grammar.words["speech_roots"]
            picked = self._pick(sent, text, mentions, trig_char, published, stated=not background_ok, speech=speech)
            if picked is not None:
                return picked
        narrative = state.narrative if state is not None else None
        if narrative is not None and narrative[1] == "week":
            narrative = model_date(*narrative)
            narrative = narrative if narrative[0] else None
        shift = None
        for i in range(len(sent.lower)):
            length, found = self.grammar.maps["anaphoric_dates"].match_at(sent.lower, i)
            if length and i >= 2 and sent.lower[i - 1] == "of" and not i - 3 <= trig.start < i - 1:
                continue  # "recalled its envoy over the strikes of the day before": the strikes' day
            if length:
                shift = (int(found[0]), str(found[1]))
                break
        if shift is None and _RX_THAT_DAY.search(text):
            shift = (0, "day")  # "later that afternoon", "that evening"
        if shift is not None:
            # what it counts from: the date the paragraph last named, else the article before it, else the dateline
            base_value = narrative or _last_named(sent.span.doc, base, published) \
                or ((published.isoformat(), "day") if published else None)
            if base_value:
                return (*_shift(base_value, *shift), 0.8)
        window = self._window(sent, max(anchor, trig.start), 8)
        perfect = any(w in self.grammar.words["perfect_auxiliaries"] for w in window)
        if background_ok and (self.grammar.phrases["background_cues"].contains(window)
                              or (perfect and count is not None)):
            return None, None, 0.9
        if published is None:
            return None, None, 0.8
        inherited = self._news_day(sent, trig, published, tense, state, anchor)
        if inherited is not None:
            return inherited.isoformat(), "day", 0.8
        return published.isoformat(), "day", 0.8

    def _news_day(self, sent: Sentence, trig: Trigger, published: date, tense: str,
                  state: DocState | None, anchor: int | None = None) -> date | None:
        """The day an undated event told in the past tense (or announced or reported by a past statement)
        happened, when the text says it is not the dateline:
        the day the paragraph last named ("On Monday, Azerbaijani forces shot down a helicopter. Baku
        apologised …"), else the article's news day — the first recent day its narration names ("France has
        recalled its ambassadors …" in a Saturday report whose next paragraph says "said on Friday"). Only days
        within a week before the dateline count: a background paragraph's date ("In 2011 …", "In December …")
        lends nothing."""
        # "offered to pay": the tense of "offered"; "has declared X, the envoy of Y, persona non grata": of the verb
        # that governs the noun; an act announced or reported in the present ("said it would send officials", "has
        # said it is ending"): the statement's
        at = min(trig.start, anchor) if anchor is not None else trig.start
        text = sent.span.text

        def tense_at(j: int) -> str | None:
            tok = sent.span[j]
            end = tok.idx + len(tok.text) - sent.span.start_char
            return local_tense(text, end, end)

        own = tense_at(at)
        if tense == "future" or own in ("future", "intent", "present"):
            at = next((j for j in range(at - 1, -1, -1) if sent.lower[j] in self.grammar.reporting_forms), None)
            own = tense_at(at) if at is not None else None
        if own != "past":
            return None
        narrative = state.narrative if state is not None else None
        if narrative is not None and narrative[1] == "day":
            day = date.fromisoformat(narrative[0])
            if timedelta(0) <= published - day <= _NEWS_WINDOW:
                return day if day != published else None
        day = _reference_day(sent.span.doc, published)
        return day if day != published else None

    def _pick(self, sent: Sentence, text: str, mentions: list[DateMention], trig_char: int,
              published: date | None, stated: bool = False, speech: bool = False):
        """The date the sentence's own expressions give the trigger at ``trig_char``, or None if none does."""
        # a wire dateline ("PARIS, Sept 18 — ") dates the article, not this event; a year before a noun dates
        # the noun ("the 2015 nuclear agreement"); "the death last week of …" dates the death
        mentions = [m for m in mentions if not WIRE_DATELINE.match(text[:m.start]) and not _named_year(text, m)
                    and _attributive_ok(text, m, trig_char) and _postmodifier_ok(text, m, trig_char)
                    and _of_modifier_ok(text, m, trig_char)
                    and not _in_reduced_relative(text, m, trig_char)]
        if stated:  # a pledge is dated when it was made, not by the date of the act pledged
            mentions = [m for m in mentions if local_tense(text, m.start, m.end) not in ("future", "intent")]
        # "Lebanon's foreign minister, who visited Syria on Monday, criticised Israel on Tuesday": a date inside a
        # relative clause the trigger is not in dates that clause's event
        # (but not one on the statement that carries the report: "In a statement that state media broadcast on
        # Monday, Managua said ...": Monday dates the statement, the report's day)
        asides = [(a, b) for a, b in self._relative_clauses(sent, bound=True) if not a <= trig_char < b
                  and not _on_statement(text, a, self.grammar.words["statement_nouns"])]
        # "two days after the clash left 20 dead": the clause an anchored expression introduces
        anchored = [(m, m.end, _clause_end(text, m.end)) for m in mentions if m.anchored]
        inside = next(((m, a, b) for m, a, b in anchored if a <= trig_char < b), None)
        if inside is not None:
            own = [m for m in mentions if inside[1] <= m.start < inside[2] and not m.anchored]
            if own:
                mentions = own
            else:
                ref = self._pick(sent, text, [m for m in mentions if not (inside[1] <= m.start < inside[2])
                                              and m is not inside[0]], inside[0].start, published)
                if ref is not None and ref[1] in ("month", "year") and inside[0].anchored[1] in ("day", "week"):
                    return ref  # "a day after" a date known to the month: that month
                ref_date = _as_date(ref) if ref is not None and ref[0] is not None else published
                if ref_date is None:
                    return None, None, 0.8
                shifted = shift_anchored(ref_date, inside[0].anchored)
                return (*shifted, 0.9) if shifted else (None, None, 0.9)
        else:
            asides += [(a, b) for _, a, b in anchored]
        mentions = [m for m in mentions if not m.anchored and not any(a <= m.start < b for a, b in asides)]
        best = None
        for m in mentions:
            lo, hi = (m.end, trig_char) if m.end <= trig_char else (trig_char, m.start)
            between = text[lo:hi]
            if ";" in between:
                continue  # another sentence in all but name
            if speech and m.start > trig_char and _THAT.search(between):
                continue  # "Taipei charged that two officials had attacked ... on October 8": the charge's content
            fronted = not m.background and (m.start <= 1 or _FRONT.match(text[:m.start]))
            crossings = 0 if fronted and m.start < trig_char else len(_CLAUSE_BOUNDARY.findall(between))
            score = (crossings, abs((m.start + m.end) / 2 - trig_char))
            if best is None or score < best[0]:
                best = (score, m)
        if best is None:
            return None
        m = best[1]
        if m.background:
            return None, None, 0.9
        value, precision = model_date(m.value, m.precision)
        if value is None:
            return None, None, 0.9
        return value, precision, 1.0

    def _relative_clauses(self, sent: Sentence, bound: bool = False) -> list[tuple[int, int]]:
        """Character spans (within the sentence) of relative clauses set off by a comma: from ", who" or
        ", which" to the next clause break or the end of the sentence; with ``bound``, also those hanging on a
        noun without a comma ("the four countries that cut ties in June 2017", "officials who took part"),
        told from a complement clause ("said that", "warned Iran that") by the word before them."""
        spans, lower, base = [], sent.lower, sent.span.start_char
        breaks = {",", ";", "—", "–", "(", ")"}
        for i in range(1, len(lower) - 1):
            prev = sent.tokens[i - 1]
            if (lower[i - 1] == "," and lower[i] in self.grammar.words["relative_pronouns"]) or (
                    bound and lower[i] in _BOUND_RELATIVES and prev.isalpha() and prev.islower()
                    and not prev.endswith("ed") and prev not in _NOT_NOUNS):
                # (up to a break, or a second relative clause: "which run through Thursday and which X protested")
                j = next((k for k in range(i + 1, len(lower)) if lower[k] in breaks or (
                    lower[k] == "and" and k + 1 < len(lower) and lower[k + 1] in self.grammar.words["relative_pronouns"])),
                    len(lower))
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


_RX_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")


def _on_statement(text: str, start: int, nouns) -> bool:
    """Whether the relative clause at ``start`` hangs on a noun of a statement ("a statement that", "an interview
    which")."""
    last = _RX_LAST_WORD.search(text, max(0, start - 30), start)
    return last is not None and last.group(1).lower() in nouns


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


def _clause_end(text: str, pos: int) -> int:
    """Where the clause that starts at ``pos`` ends: the next comma, semicolon, dash, bracket or full stop."""
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


_RX_NAME_BEFORE = re.compile(r"(?:^|[\s(])(?!(?:In|On|By|Since|Until|From|Of|Before|After|During)\b)"
                             r"[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*\s+$")
_RX_NUMBER_PAREN = re.compile(r"\d\s*\($")


def _named_year(text: str, m: DateMention) -> bool:
    """A bare year that is part of a name or a number dates nothing: "APEC 2017", "the G20 2023", "resolution 2356
    (2017)"."""
    if m.precision != "year" or not m.text[:1].isdigit():
        return False
    before = text[max(0, m.start - 30):m.start]
    return bool(_RX_NAME_BEFORE.search(before) or _RX_NUMBER_PAREN.search(before))


def _attributive_ok(text: str, m: DateMention, trig_char: int) -> bool:
    """A bare year, calendar date or possessive weekday standing before a noun ("the 2015 nuclear agreement",
    "Japan's 1910-1945 colonial rule", "the Sept. 11 attacks", "Friday's uprising") dates that noun, not the
    sentence: it may date the trigger only inside that noun phrase ("the 2019 summit", "Tuesday's chemical
    attack") or a clause hanging on it ("a 2014 dispute in which … withdrew"); a possessive weekday also dates
    what happened in or at it ("thanked in Friday's statement")."""
    possessive = m.precision == "day" and text[m.end:m.end + 2] in ("'s", "’s") and m.text[:1].isupper()
    if possessive:
        # "Friday's uprising": the uprising's day; "in Friday's statement": also the day of what was said in it
        if _RX_IN_AT.search(text, max(0, m.start - 8), m.start):
            return True
        between = text[m.end + 2:trig_char] if trig_char > m.end else None
        return between is not None and _np_holds(between)
    bare = m.text[:1].isdigit() if m.precision == "year" else (
        m.precision in ("day", "month") and m.text[:1].isupper() and m.text[:3].lower() in _MONTH_HEADS)
    if not bare or not YEAR_MODIFIER.search(text[:m.start]):
        return True
    nxt = text[m.end:m.end + 2]
    if not nxt or not (nxt[0] == " " or nxt[0] in "-\u2013") or not nxt[1:].strip() or not nxt[1:2].isalnum():
        return True  # "in the 2019." / "the 2019 ," — not before a noun
    if trig_char < m.start:
        return False
    return _np_holds(text[m.end:trig_char])


def _np_holds(between: str) -> bool:
    """The trigger, ``between`` after a dated modifier, is in the noun phrase it modifies or a clause hanging
    on that noun."""
    if len(between) <= 40 and not re.search(r"[,;:]|\s(?:and|with|to|from|of|on|in)\s", between):
        return True
    if len(between) > 200:
        return False
    hanging = _RX_HANGING.search(between)  # "in which …" up to the end of the sentence or a semicolon
    if hanging and hanging.start() <= 40 and ";" not in between:
        return True
    relative = _RX_HANGING_RELATIVE.search(between)  # inside ", which …" up to its closing comma
    return bool(relative) and not re.search(r"[,;]", between[relative.end():])


# a clause hanging on the dated noun: "a 2014 dispute in which …", "the December 3 referendum, which …"
_RX_HANGING = re.compile(r"\b(?:in|during|under) which\b|\bwhen\b")
_RX_HANGING_RELATIVE = re.compile(r"^\s*[\w-]+(?:\s+[\w-]+)?\s*,?\s+(?:which|that)\b")


def _as_date(picked: tuple) -> date | None:
    """A day-precision pick as a date (a reference for anchored clauses); None otherwise."""
    value, precision = picked[0], picked[1]
    if precision == "day" and value:
        return date.fromisoformat(value)
    if precision == "month" and value:
        return date(int(value[:4]), int(value[5:7]), 15)
    return None


_RX_NP_GOES_ON = re.compile(r"\s+(?:of|by)\s")  # "the death last week of …", "the visit this week by …"
_RX_POSTMOD = re.compile(r"(?:\b(?:the|a|an|this|that|its|their|his|her)|['’]s)\s+[a-z]+\s+$")


def _postmodifier_ok(text: str, m: DateMention, trig_char: int) -> bool:
    """A bare relative expression inside a noun phrase ("the death last week of Soleimani", "the visit this
    week by Pelosi") dates that noun: it may date the trigger only if the trigger is that noun."""
    if not m.relative or m.text[:1].isupper() or m.text.split(" ", 1)[0].lower() in _PREPOSITIONS \
            or not _RX_NP_GOES_ON.match(text, m.end):
        return True
    head = _RX_POSTMOD.search(text, max(0, m.start - 40), m.start)
    return head is None or head.start() <= trig_char < m.start


_RX_OF_HEAD = re.compile(r"\b[a-z]+\s+of\s+(?:the\s+)?$")  # "the strikes of (the day before)"


def _of_modifier_ok(text: str, m: DateMention, trig_char: int) -> bool:
    """A date after "of" ("the strikes of the day before", "an Israeli strike of April 1") dates the noun
    before it: it may date the trigger only if the trigger is that noun."""
    head = _RX_OF_HEAD.search(text, max(0, m.start - 40), m.start)
    return head is None or head.start() <= trig_char < m.start


_NEWS_WINDOW = timedelta(days=6)  # how far before the dateline a news day may be
_LEDE_WINDOW = timedelta(days=31)  # … when the first sentence names it
_RX_THAT_DAY = re.compile(r"\b(?:[Tt]hat|the same) (?:morning|afternoon|evening|night|date)\b")
_REFERENCE_SENTENCES = 10  # how many of an article's first sentences are looked at for its news day


def _reference_day(doc, published: date) -> date | None:
    """The article's news day: the first day within a week before the dateline (a month for the lede's own
    day) that its narration names in the past tense ("on Sunday", "late on Saturday", "yesterday"), looked for
    in its first sentences, when the lede itself is told in the past ("has recalled", "transferred")."""
    cache = doc.user_data
    key = ("diplokg.news_day", published)
    if key in cache:
        return cache[key]
    found = None
    k = -1
    for span in doc.sents:
        text = span.text
        if not text.strip():
            continue
        k += 1
        if k >= _REFERENCE_SENTENCES:
            break
        if k == 0 and _lede_tense(text) != "past":
            break  # "New Zealand is dispatching two ships …", "Iran accuses …": the news is the dateline's
        for m in find_dates(text, published):
            if m.precision != "day" or m.background or m.deadline or not m.relative \
                    or WIRE_DATELINE.match(text[:m.start]):
                continue
            day = date.fromisoformat(m.value)
            window = _LEDE_WINDOW if k == 0 else _NEWS_WINDOW  # the lede's own day dates the news
            if timedelta(0) <= published - day <= window and local_tense(text, m.start, m.end) == "past":
                found = day
                break
        if found is not None:
            break
    cache[key] = found
    return found


def _lede_tense(text: str) -> str | None:
    """The tense of an article's first sentence: its first verb group's (after a wire dateline)."""
    head = _RX_LEDE_HEAD.match(text)
    return first_tense(text[head.end() if head else 0:])


_RX_LEDE_HEAD = re.compile(r"^[^a-z]{0,60}?(?:\u2014|\u2013|--|:)\s*")


def _last_named(doc, before: int, published: date | None) -> tuple[str, str] | None:
    """The last date the article names before character ``before`` in its narration (not a background or
    anchored one, not a wire dateline): what "a day earlier" opening a paragraph counts from."""
    if published is None:
        return None
    key = ("diplokg.timeline", published)
    timeline = doc.user_data.get(key)
    if timeline is None:
        timeline = []
        for span in doc.sents:
            text = span.text
            if not any(c.isdigit() or c.isupper() for c in text):
                continue
            for m in find_dates(text, published):
                if m.background or m.deadline or WIRE_DATELINE.match(text[:m.start]):
                    continue
                value, precision = model_date(m.value, m.precision)
                if value:
                    timeline.append((span.start_char + m.start, value, precision))
        doc.user_data[key] = timeline
    last = None
    for pos, value, precision in timeline:
        if pos >= before:
            break
        last = (value, precision)
    return last


# "<noun> signed in 2001": a past participle right after a common noun, then the date within a few words
_RX_REDUCED = re.compile(r"\b(?:a|an|the|its|their|his|her|[a-z]+['’]s)\s+(?:[a-z-]+\s+){0,3}?[a-z]{3,}\s+"
                         r"(?:[a-z]+ed|signed|held|made|taken|given|seen|built|won|set|struck|brought|sent|led|cut"
                         r"|put|shut|hit|spent|lost|fought|bought|kept|paid|sold|drawn|shown|written|begun|broken)"
                         r"(?:\s+(?:by|at|under|with|for|between)(?:\s+[a-z]+){0,3})?\s+$")


def _in_reduced_relative(text: str, m: DateMention, trig_char: int) -> bool:
    """The date stands in a participle clause on a noun after the trigger ("agreed to revive a security pact
    signed in 2001", "scrapped a contract awarded in 2016"): it dates the noun's own event, not the trigger's."""
    if m.start <= trig_char:
        return False
    return bool(_RX_REDUCED.search(text, max(trig_char, m.start - 90), m.start))
