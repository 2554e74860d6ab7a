"""Roles from sentence structure: who is the source and who the target of a trigger.

Subject groups and coordination, objects and prepositional objects, the passive agent after "by", "between A and
B", possessive and adjectival modifiers of noun triggers, light verbs, object control, coordinated verb phrases
and VP ellipsis. Used by ``diplokg.ingest.coder.Coder``; the words come from ``data/grammar.yaml``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from diplokg.graph.model import Actor, Event
from diplokg.ingest.dates import find_dates
from diplokg.ingest.gazetteer import Mention
from diplokg.ingest.implicit import dateline_end
from diplokg.ingest.lexicon import Grammar, Trigger, base_verb, gerund
from diplokg.ingest.mentions import group_mentions

__all__ = ["Sentence", "RoleFinder", "PUNCT", "QUOTES", "RIGHT_WINDOW"]

PUNCT = {",", ";", ":", "—", "–", "(", ")", '"', "“", "”", "'", "‘", "’", "-", "."}
STOP_LEFT = {";", ":"}
QUOTES = {'"', "“", "”", "'", "‘", "’"}
RIGHT_WINDOW = 7
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "whose"})
AMOUNT_WORDS = frozenset({"$", "€", "£", "%", "million", "billion", "trillion", "bn", "m", "-"})
_ANY_DAY = date(2000, 1, 1)  # an anchor for finding where date phrases stand, not what they mean


class Sentence:
    """One sentence under analysis: tokens, mentions, groups and positions."""

    def __init__(self, span, tokens: list[str], lower: list[str], mentions: list[Mention], grammar: Grammar):
        self.span = span
        self.tokens = tokens
        self.lower = lower
        self.mentions = mentions
        self.grammar = grammar
        self.groups = self._split_at_fronted_comma(group_mentions([m for m in mentions], self.lower))
        self.group_at = {g[0].start: g for g in self.groups}
        self.triggers: list[Trigger] = []
        self._date_spans: dict[int, int] | None = None  # (date_end, computed once when first asked)

    def _split_at_fronted_comma(self, groups: list[list[Mention]]) -> list[list[Mention]]:
        """A fronted adverbial ends at its comma: no list of actors runs across it ("After years of talks mediated
        by the U.S., Israel and Lebanon have struck a deal": the U.S. is not a third party to the deal)."""
        start = self.fronted_start()
        if start is None or "," not in self.lower[start:]:
            return groups
        comma = self.lower.index(",", start)
        out = []
        for group in groups:
            before = [m for m in group if m.end <= comma]
            after = [m for m in group if m.start > comma]
            out.extend([before, after] if before and after else [group])
        return out

    def fronted_start(self) -> int | None:
        """Where a sentence-initial adverbial opens, after any dateline ("In Washington, ...", "BANGKOK — After
        deporting ..., Thailand"): its preposition's position, else None."""
        start = dateline_end(self.tokens)
        while start < len(self.lower) - 1 and self.lower[start] in QUOTES:
            start += 1  # ('"At the request of Mozambique's government, ...," Kigali said')
        words = self.grammar.words
        return start if start < len(self.lower) and (self.lower[start] in words["fronting_prepositions"]
                                                     or self.lower[start] in words["fronting_subordinators"]) \
            else None

    def date_end(self, j: int) -> int | None:
        """Where a date phrase starting at token ``j`` ends ("on March 1, 2025", "on Friday"), its preposition
        included, else None."""
        spans = self._date_spans
        if spans is None:
            base = self.span.start_char
            starts = {self.span[k].idx - base: k for k in range(len(self.span))}
            ends = {self.span[k].idx - base + len(self.span[k].text): k + 1 for k in range(len(self.span))}
            spans = {}
            for m in find_dates(self.span.text, _ANY_DAY):  # (only where the phrases stand matters here)
                if m.anchored or m.background:
                    continue  # ("two weeks after <clause>": a clause of its own follows)
                a, b = starts.get(m.start), ends.get(m.end)
                if a is not None and b is not None:
                    if "," in m.text and b < len(self.lower) and self.lower[b] == ",":
                        b += 1  # "on March 1, 2025, against": the date's closing comma
                    spans[a] = b
                    if a > 0 and self.lower[a - 1] in ("on", "in"):
                        spans[a - 1] = b
            self._date_spans = spans
        return spans.get(j)

    def group_after(self, start: int, reach: int) -> list[Actor] | None:
        """The actors of the first group that starts within ``reach`` tokens from ``start`` ("by the Saudi-led
        coalition", "blamed on the Libyan strongman Khalifa Haftar"), else None."""
        k = next((k for k in range(start, min(len(self.tokens), start + reach)) if k in self.group_at), None)
        return [a for m in self.group_at[k] for a in m.actors] if k is not None else None

    def skip_adverbs(self, j: int) -> int:
        """The position at or before ``j`` past adverbs ("closely", "internationally", "also")."""
        while j >= 0 and (self.lower[j] in self.grammar.words["adverbs"] or len(self.lower[j]) > 4
                          and self.lower[j].endswith("ly")):
            j -= 1
        return j

    def prev_word(self, i: int) -> tuple[int, str | None]:
        """The token before position i, skipping determiners and partitives ("thousands of"); (-1, None) at the
        sentence start."""
        words = self.grammar.words
        j = i - 1
        while j >= 0 and self.lower[j] in words["determiners"]:
            j -= 1
        while j >= 1 and self.lower[j] in ("of", "from", "for") and self.lower[j - 1] in words["partitives"]:
            j -= 2  # "Thousands of protesters", "gunmen from al-Shabab", "Leaders of the G7", "a spokesman for the
            # ministry": the group is the subject
            while j >= 0 and (self.lower[j] in words["determiners"] or self.lower[j] in words["partitives"]):
                j -= 1
        return j, (self.lower[j] if j >= 0 else None)

    def subject_like(self, group: list[Mention]) -> bool:
        j, word = self.prev_word(group[0].start)
        if word is None or word in PUNCT or word in ('"', "“"):
            return True
        if word in self.grammar.words["prepositions"]:
            return False
        return word in self.grammar.words["subject_openers"] or word in self.grammar.reporting_forms or \
            self._after_dated_report(j)

    def _after_dated_report(self, j: int) -> bool:
        """Whether token ``j`` ends a date phrase right after a reporting verb ("said on Monday the envoy ...") or
        at the head of the sentence ("On Monday the United States and its partners hit ...")."""
        words = self.grammar.words
        openers = words["date_phrase_openers"]
        k = j
        while k >= 0 and j - k < 4 and (self.lower[k] in words["name_openers"] or self.lower[k].isdigit()
                                         or self.lower[k] in openers):
            k -= 1
        return k < j and self.lower[k + 1] in openers and (
            k >= 0 and self.lower[k] in self.grammar.reporting_forms
            or k < dateline_end(self.tokens))  # "On Thursday Russian Foreign Ministry spokesperson ...": fronted

    def after_preposition(self, group: list[Mention]) -> str | None:
        j, word = self.prev_word(group[0].start)
        return word if word in self.grammar.words["prepositions"] else None


class RoleFinder:
    """The role-finding half of the coder (mixed into ``Coder``, which provides ``self.grammar``)."""

    grammar: Grammar

    def _subject(self, sent: Sentence, pos: int, references: bool = True, weak: bool = False,
                 past_unknown: bool = False) -> tuple[list[Actor], bool] | None:
        """The subject group left of token ``pos``: the nearest one in subject position, else the nearest one
        not governed by a preposition (less sure). With ``weak``, a people named by its demonym counts ("Two
        Canadians were arrested"); with ``past_unknown``, names the gazetteer does not know are passed over."""
        fallback = None
        j = sent.skip_adverbs(pos - 1)
        if j >= 1 and sent.lower[j] == "and" and sent.lower[j - 1] == "," and pos - j <= 3:
            # ", and accused the West of ...": a second verb with no subject of its own shares the sentence's
            # first subject ("Russia has told the US that ..., and accused the West")
            first = self._first_subject(sent, j)
            if first is not None:
                return [a for m in first for a in m.actors], True
        for group in reversed(sent.groups):
            if group[0].end > pos:
                continue
            between_tokens = sent.lower[group[-1].end:pos]
            if any(t in STOP_LEFT for t in between_tokens):
                break
            opener = max((k for k, t in enumerate(between_tokens) if t in self.grammar.words["subordinators"]),
                         default=None)
            # (not "after meeting with Assad": a gerund right after the opener shares the main subject)
            if opener is not None and "," not in between_tokens[opener:] and opener < len(between_tokens) - 1:
                break  # "..., after House Speaker Pelosi visited Taiwan": not across a clause opener
            if self._reported_clause_subject(sent, group[-1].end, pos):
                break  # "It said those killed had been protesting": the reported clause has its own subject
            if all(m.weak and not (weak and m.how == "demonym") for m in group) or (
                    not references and all(m.how == "reference" for m in group)) or (
                    past_unknown and not any(m.actors for m in group)):  # ("the Canadians Michael Spavor and
                continue  # Michael Kovrig were released": past the names the gazetteer does not know)
            if group[-1].possessive and group[-1].end + 1 < pos and group[-1].end + 1 in sent.group_at:
                continue
            if self._apposition(sent, group, pos) or self._relative_clause(sent, group, pos):
                continue  # "Hamas, the Palestinian militant group, mounted ...": the name before it
            if sent.prev_word(group[0].start)[1] in self.grammar.verbs["telling_verbs"]:
                continue  # "told India to withdraw, warning ...": the one told (an infinitive's controller is
                # found apart, by _controlled_subject)
            actors = [a for m in group for a in m.actors]
            if sent.subject_like(group):
                return actors, True
            if fallback is None and not sent.after_preposition(group) and not group[-1].possessive and \
                    all(t in self.grammar.words["adverbs"] or t in self.grammar.words["verb_auxiliaries"]
                        for t in between_tokens):
                # "Soon after the US strikes Iran fired", "Putin said 755 US diplomats would be expelled": the name
                # right before the verb and its auxiliaries
                return actors, False
            if fallback is None and not sent.after_preposition(group):
                fallback = actors
        return (fallback, False) if fallback else None

    def _first_subject(self, sent: Sentence, end: int) -> list[Mention] | None:
        """The sentence's first subject before ``end``: the earliest group with actors in subject position or
        governed by no preposition, not the one told ("told the US that") nor a possessor; past a fronted phrase
        ("Speaking while visiting the US, Vucic said ...") if one has a subject after it."""
        start = dateline_end(sent.tokens)
        fronted = sent.fronted_start() is not None or start < len(sent.lower) and gerund(sent.lower[start])
        after = sent.lower.index(",", start) if fronted and "," in sent.lower[start:end] else -1

        def earliest(since: int) -> list[Mention] | None:
            return next((grp for grp in sent.groups if since < grp[0].start < end
                         and not any(m.weak or m.possessive or not m.actors for m in grp)
                         and sent.prev_word(grp[0].start)[1] not in self.grammar.verbs["telling_verbs"]
                         and (sent.subject_like(grp) or not sent.after_preposition(grp))), None)

        return earliest(after) or earliest(-1)

    def _reported_clause_subject(self, sent: Sentence, start: int, pos: int) -> bool:
        """Whether a reporting verb between ``start`` and ``pos`` opens a clause whose subject is a noun phrase
        with no actor in it ("It said those killed had been protesting", "Iran said the strike hit a base"): the
        reporter is not the subject of what follows."""
        lower, g = sent.lower, self.grammar
        r = max((k for k in range(start, pos) if lower[k] in g.reporting_forms), default=None)
        if r is None:
            return False
        k = r + 1
        while k < pos and (lower[k] in ("that", ",") or lower[k] in g.words["prepositions"]):
            if lower[k] in g.words["prepositions"]:  # "said on Monday that": a dated phrase
                k += 1
                while k < pos and lower[k] not in ("that", ",") and lower[k] not in g.words["noun_phrase_openers"]:
                    k += 1
                continue
            k += 1
        return k < pos - 1 and lower[k] in g.words["noun_phrase_openers"] and \
            not any(k <= m.start < pos for m in sent.mentions if m.actors)

    def _apposition(self, sent: Sentence, group, pos: int) -> bool:
        """Whether a group describes the name before it, between commas: "Hamas, the Palestinian militant
        group, ...", "Tsai, Taiwan's president, ..."."""
        j = group[0].start - 1
        while j >= 0 and sent.lower[j] in self.grammar.words["determiners"]:
            j -= 1
        if j < 1 or sent.lower[j] != "," or not any(m.end == j and m.actors and not m.weak for m in sent.mentions):
            return False
        start = sent.fronted_start()
        if start is not None and start < j and "," not in sent.lower[start:j]:
            return False  # "At the White House, the Azerbaijani president ... signed", "As they ended the talks in
            # Japan, Abe and Putin agreed": the comma ends a fronted adverbial, the subject follows
        k = group[-1].end
        while k < pos and k - group[-1].end <= 4 and sent.lower[k] != ",":
            k += 1
        return k < pos and sent.lower[k] == ","

    def _relative_clause(self, sent: Sentence, group, pos: int) -> bool:
        """Whether a group stands in a relative clause between commas before ``pos``: "NATO, of which Turkey is a
        member, held a meeting", "Iran, which Russia backs, said"."""
        j = group[0].start - 1
        while j >= 0 and group[0].start - j <= 3 and sent.lower[j] not in RELATIVE_PRONOUNS:
            j -= 1
        if j < 1 or sent.lower[j] not in RELATIVE_PRONOUNS:
            return False
        k = j - 1
        while k >= 0 and sent.lower[k] in ("of", "in", "to", "for", "with", "by", "from"):
            k -= 1
        return k >= 0 and sent.lower[k] == "," and "," in sent.lower[group[-1].end:pos]

    def _object(self, sent: Sentence, pos: int, entry, max_gap: int, references: bool = True) -> list[Actor] | None:
        """The first actor group right of ``pos`` within the clause (not a location, not an agent). References
        to earlier events ("the truce") count only where asked (as the parties of a mediation)."""
        g = self.grammar
        j = pos
        steps = 0
        while j < len(sent.tokens) and steps <= max_gap:
            if j in sent.group_at:
                group = sent.group_at[j]
                prep = sent.after_preposition(group)
                weak = all(m.weak for m in group)
                located = prep in g.words["locative_prepositions"] and prep not in entry.prepositions and \
                    not any(m.how == "reference" for m in group)  # "mediated in the dispute" is no place
                located = located or prep == "of" and group[0].start > 1 and \
                    sent.lower[group[0].start - 2] in g.words["located_of_nouns"]  # "the streets of Paris"
                is_ref = all(m.how == "reference" for m in group)
                compound = all(m.compound for m in group)
                weak_far = weak and steps > 2 and prep not in ("against", "with") and prep not in entry.prepositions
                if prep == "between" and entry.frame == "default" and steps <= max_gap:
                    return [a for m in group for a in m.actors]  # "hosted talks between the two sides"
                if prep == "by" or located or weak_far or compound or prep == "between" or (is_ref and not references):
                    j = group[-1].end
                    steps += 1
                    continue
                if group[-1].possessive and group[-1].end + 1 in sent.group_at and not weak \
                        and not all(m.compound for m in sent.group_at[group[-1].end + 1]):
                    # "China's Belt and Road Initiative"; not "Somalia's UN-backed government" (a compound modifier)
                    nxt = sent.group_at[group[-1].end + 1]
                    return [a for m in nxt for a in m.actors]
                if group[-1].possessive and group[-1].how == "pronoun":
                    # "telephoned his Nepalese counterpart", "accused its longtime rival Saudi Arabia": the one
                    # named after the owner's few words
                    k = group[-1].end
                    while k < min(len(sent.tokens), group[-1].end + 3) and k not in sent.group_at \
                            and sent.tokens[k].isalpha() and sent.tokens[k].islower() \
                            and sent.lower[k] not in g.words["prepositions"] and sent.lower[k] not in g.words["clause_breaks"]:
                        k += 1
                    if k in sent.group_at:
                        return [a for m in sent.group_at[k] for a in m.actors]
                return [a for m in group for a in m.actors]
            dated = sent.date_end(j + 1) if sent.lower[j] == "," else sent.date_end(j)
            if dated is not None:  # "air strikes on March 1, 2025, against al Shabaab": past the date phrase
                j = dated
                continue
            if sent.lower[j] in g.words["clause_breaks"] and sent.lower[j] not in ("(",):
                return None
            if sent.lower[j] in ("'s", "’s") and j > pos:
                return None  # "denounced the coalition's campaign against Yemen": the possessor's act, not Yemen's
            named = self._described_name(sent, j)
            if named is not None:  # "against the militant Islamist group Boko Haram": the words describe the name
                j = named
                continue
            j += 1
            steps += 1
        return None

    def _described_name(self, sent: Sentence, j: int) -> int | None:
        """Where a name starts that the lower-case words from ``j`` describe, ending in a descriptive head noun
        ("the militant Islamist group Boko Haram", "the separatist movement M23"), or None."""
        heads = self.grammar.words["descriptive_heads"]
        for k in range(j, min(len(sent.lower) - 1, j + 5)):
            tok = sent.tokens[k]
            if sent.lower[k] in heads and k + 1 in sent.group_at and k > j - 1:
                return k + 1
            if k in sent.group_at and not all(m.how == "unknown" for m in sent.group_at[k]) \
                    or not (tok.isalpha() or tok == "-"):
                return None  # (an unknown name in the description is part of it: "the Islamist group Boko Haram")
        return None

    def _provenance(self, sent: Sentence, trig) -> tuple[list[Actor], list[Actor]] | None:
        """A transfer named by its noun with where it comes from and goes to: "relief supplies from China and
        Turkey reached Pakistan", "aid from Japan arrived in Nepal". The source is the group after "from" right
        behind the noun; the target the group after an arrival word or "to" later in the clause."""
        g = self.grammar
        for j in range(trig.end, min(len(sent.tokens) - 1, trig.end + 3)):
            if sent.lower[j] in g.words["clause_breaks"]:
                return None
            if sent.lower[j] != "from":
                continue
            k = next((k for k in range(j + 1, min(len(sent.tokens), j + 3)) if k in sent.group_at), None)
            if k is None:
                return None
            sources = [a for m in sent.group_at[k] for a in m.actors]
            after = sent.group_at[k][-1].end
            for i in range(after, min(len(sent.tokens), after + RIGHT_WINDOW)):
                if sent.lower[i] in g.words["clause_breaks"]:
                    break
                if sent.lower[i] in g.words["arrival_words"]:
                    k2 = next((k2 for k2 in range(i + 1, min(len(sent.tokens), i + 4)) if k2 in sent.group_at), None)
                    if k2 is not None:
                        return sources, [a for m in sent.group_at[k2] for a in m.actors]
            return sources, []
        return None

    def _carried(self, sent: Sentence, trig) -> tuple[list[Actor], list[Actor]] | None:
        """Goods named by their noun as a carrier's load: "an American aircraft carrying humanitarian supplies
        touched down in the Somali capital", "planes from New Zealand and Australia, loaded with relief goods,
        left for Tonga", "Chinese experts flew into Rome with medical supplies". The givers are the groups before
        the carrying words (grammar ``carrying_words``), the receiver the group after the first arrival word
        (``arrival_words``) of the sentence that is not a giver."""
        g = self.grammar.words
        lower = sent.lower
        carrying = sorted((c.split() for c in g["carrying_words"]), key=len, reverse=True)
        j, steps = trig.start - 1, 0  # back over the load's own words ("a large quantity of medical")
        while j >= 0 and steps < 6 and j not in sent.group_at and not any(
                lower[j - len(c) + 1:j + 1] == c for c in carrying):
            if lower[j] in g["clause_breaks"]:
                return None
            j, steps = j - 1, steps + 1
        phrase = next((c for c in carrying if lower[max(0, j - len(c) + 1):j + 1] == c), None)
        if phrase is None:
            return None
        start = j - len(phrase) + 1
        arrival = set(g["arrival_words"])

        def destination(group) -> bool:
            return sent.prev_word(group[0].start)[1] in arrival

        def relative(group) -> bool:  # "the province that borders Myanmar": no carrier
            k = group[0].start - 1
            while k >= 0 and group[0].start - k <= 4 and lower[k] != ",":
                if lower[k] in g["relative_pronouns"] or lower[k] == "that":
                    return True
                k -= 1
            return False

        before = [grp for grp in sent.groups if grp[-1].end <= start]
        sources = [a for grp in before if not destination(grp) and not relative(grp) for m in grp for a in m.actors]
        if not sources:
            return None
        places = [grp for grp in sent.groups if grp[0].start >= trig.end and destination(grp)] + \
            [grp for grp in before if destination(grp)]
        targets = next(([a for m in grp for a in m.actors if a not in sources] for grp in places
                        if any(a not in sources for m in grp for a in m.actors)), [])
        return sources, targets

    def _holder(self, sent: Sentence, pos: int = 0, between: int = 0) -> list[Actor]:
        """Who held the people a release frees: the group after "held by|in", "detained in" … (grammar
        ``holding_words``), before "prison|custody" … after "in" (``custody_nouns``: "in Chinese prisons"), or
        between "whom" and "was holding" ("five Iranians whom the US was holding"); the first from ``pos`` on, else
        the first before it. One after ``pos`` with more than ``between`` other groups before it held others ("had
        been freed, along with 39 Palestinians held in Israeli prisons")."""
        g = self.grammar.words
        lower = sent.lower
        holding = [h.split() for h in g["holding_words"]]
        for start, group in sorted(sent.group_at.items(), key=lambda item: (item[0] < pos, item[0])):
            actors = [a for m in group for a in m.actors]
            end = group[-1].end
            if start >= pos and sum(1 for k in sent.group_at if pos <= k < start) > between:
                continue
            if any(lower[max(0, start - len(h)):start] == h for h in holding):
                return actors  # "held by Iran", "detained in Venezuela"
            if start > 0 and lower[start - 1] == "in" and end < len(lower) and lower[end] in g["custody_nouns"]:
                return actors  # "in Russian prisons"
            if sent.prev_word(start)[1] in ("whom", "who") and any(w in ("holding", "held") for w in lower[end:end + 3]):
                return actors  # "whom the US was holding"
        return []

    def _agent(self, sent: Sentence, pos: int, window: int = RIGHT_WINDOW) -> list[Actor] | None:
        for j in range(pos, min(len(sent.tokens), pos + window)):
            if sent.lower[j] == "by" and j + 1 < len(sent.tokens):
                return sent.group_after(j + 1, 3)
            if sent.lower[j] in (";",):
                return None
            if sent.lower[j] == "," and j + 1 < len(sent.lower) and sent.lower[j + 1] in ("has", "have", "had", "was",
                                                                                           "were", "is", "are"):
                return None  # ("..., in which 134 people were killed, has been condemned by the UNSC": the
                # agent of another verb)
        return None

    def _reporter(self, sent: Sentence, trig: Trigger) -> list[Actor] | None:
        """Who reports the clause a trigger stands in: the subject of a reporting verb before it ("Gonzalez said
        the ambassador had been summoned") or after it, past the clause ("..., were detained on Monday, foreign
        ministry spokesman Lu Kang said")."""
        g = self.grammar
        for r in range(trig.start - 1, -1, -1):
            if sent.lower[r] in (";", ":"):
                break
            if sent.lower[r] in g.reporting_forms:
                subject = self._subject(sent, r)
                return subject[0] if subject else None
        for r in range(trig.end, len(sent.lower)):
            if sent.lower[r] in (";", ":"):
                break
            if sent.lower[r] in g.reporting_forms and sent.lower[r - 1] not in ("and", "to", "who", "which"):
                group = next((grp for grp in reversed(sent.groups) if trig.end <= grp[0].start and grp[-1].end <= r),
                             None)
                if group is not None and all(t not in (",", "that") for t in sent.lower[group[-1].end:r]):
                    return [a for m in group for a in m.actors]
                nxt = sent.group_at.get(r + 1)  # "..., said Lu Kang"
                return [a for m in nxt for a in m.actors] if nxt else None
        return None

    def _between(self, sent: Sentence, trig: Trigger) -> list[Actor] | None:
        """'between A and B' right after the trigger (within a few tokens, or ending it: "war between"), or the pair
        a reference stands for."""
        first = trig.end - 1 if sent.lower[trig.end - 1] == "between" else trig.end
        for j in range(first, min(len(sent.tokens), trig.end + 6)):
            if sent.lower[j] in (";", "."):
                break
            shared = trig.entry.frame == "symmetric" and sent.lower[j] == "of" and j > 0 \
                and sent.lower[j - 1] in self.grammar.words["shared_place_nouns"]  # "clashes along the border of
            if sent.lower[j] == "between" or shared:  # Armenia and Azerbaijan"
                k = j + 1
                while k < len(sent.tokens) and k - j < 4 and k not in sent.group_at:
                    k += 1
                group = sent.group_at.get(k)
                if group:
                    actors = [a for m in group for a in m.actors]
                    return actors if len(actors) >= 2 else None
                return None
        return None

    def _between_before(self, sent: Sentence, trig: Trigger) -> list[Actor] | None:
        """'a deal between A and B to restore ties': a two-sided trigger inherits a pair named just before it."""
        for j in range(trig.start - 1, max(-1, trig.start - 10), -1):
            if sent.lower[j] in (";", ":", "—") or (sent.lower[j] == "," and j < trig.start - 1):
                return None
            if sent.lower[j] == "between":
                group = next((g for start, g in sent.group_at.items() if j < start < j + 4), None)
                actors = [a for m in group for a in m.actors] if group else []
                return actors if len(actors) >= 2 else None
        return None

    def _compound_agent(self, sent: Sentence, trig: Trigger) -> list[Actor] | None:
        """'US-brokered', 'Saudi-led', 'Algeria-backed': the actor before the hyphen is the agent."""
        if trig.head_tag not in ("VBN", "VBD") or trig.start < 2 or sent.tokens[trig.start - 1] not in ("-", "–"):
            return None
        for m in sent.mentions:
            if m.end == trig.start - 1:
                return list(m.actors)
        return None

    def _modifier(self, sent: Sentence, trig: Trigger) -> list[Actor] | None:
        """The actor that modifies a noun trigger: "Western sanctions", "China's veto", "its veto power", "a U.S.
        $2.2 billion arms sale" (an amount between them does not count)."""
        start = trig.start
        while start > 0 and (sent.lower[start - 1] in AMOUNT_WORDS or sent.lower[start - 1][:1].isdigit()):
            start -= 1
        for m in sent.mentions:
            if m.end <= start and start - m.end <= (1 if m.possessive else 0) + 2:
                between = sent.lower[m.end + (1 if m.possessive else 0):start]
                if any(t in PUNCT or t in self.grammar.words["prepositions"] for t in between):
                    continue
                if m.possessive or m.how in ("demonym", "organ") or m.end == start:
                    group = next((grp for grp in sent.groups if grp[-1] is m), [m])
                    return [a for g in group for a in g.actors]  # ("South Korea's, China's and Japan's ministers")
                if len(between) == 2 and between[0] in ("and", "or") and sent.tokens[start - 1][:1].isupper():
                    return list(m.actors)  # "unilateral US and European sanctions": the first of two modifiers
        return None

    def _light_verb(self, sent: Sentence, trig: Trigger) -> int | None:
        """Position of the verb governing a noun trigger: "held talks", "imposed sweeping sanctions",
        "announced the establishment of a partnership", "will support Syria's reconstruction"."""
        for j in range(trig.start - 1, max(-1, trig.start - 7), -1):
            tok = sent.lower[j]
            if tok in self.grammar.light_verb_forms or tok in self.grammar.reversing_forms:
                return j
            if tok in QUOTES or tok in ("'s", "’s", "-"):
                continue
            if tok == "in" and j > 0 and sent.lower[j - 1] in self.grammar.verbs["in_light_verbs"]:
                return j - 1  # "engaged in a deadly brawl"
            if tok == "in" and j > 1 and sent.lower[j - 1] == "part" and sent.lower[j - 2] in self.grammar.verbs["part_light_verbs"] \
                    and not (sent.lower[j - 2].endswith("ing") and j > 2 and sent.lower[j - 3] not in self.grammar.words["be_forms"]):
                return j - 2  # "took part in the fight against"; not "the companies taking part in the sale"
            if tok == "with":  # "hit the fighters in Iraq and Syria with 19 air strikes": the verb of force
                verb = self._instrument_verb(sent, j)
                if verb is not None:
                    return verb
            if tok not in ("of", "with") and tok in self.grammar.words["prepositions"]:
                return None  # "establish relations in a deal": the deal is not what is established
            inside = [m for m in sent.mentions if m.start <= j < m.end]
            if inside and all(m.weak or m.possessive for m in inside):
                continue
            if inside and inside[0].start > 0 and sent.lower[inside[0].start - 1] in self.grammar.verbs["ditransitive_verbs"]:
                return inside[0].start - 1  # "gave Sweden an ultimatum", "offered Ukraine a loan": the receiver between
            if tok in PUNCT or inside:
                return None
        return None

    def _instrument_verb(self, sent: Sentence, with_at: int, reach: int = 12) -> int | None:
        """Position of a verb of force whose object the act after "with" at ``with_at`` is done to, in the same
        clause ("pounded rebel positions near Goma with artillery")."""
        for j in range(with_at - 1, max(-1, with_at - reach), -1):
            tok = sent.lower[j]
            if tok in self.grammar.verbs["instrument_verbs"]:
                return j if j + 1 < with_at else None
            if tok in PUNCT or tok in self.grammar.words["subordinators"]:
                return None
        return None

    def _ellipsis(self, sent: Sentence, events: list[Event]) -> list[Event]:
        """'..., as had the United States' / 'as did Britain': the same act by another actor."""
        copies: list[Event] = []
        for j in range(1, len(sent.lower) - 2):
            if sent.lower[j] == "as" and sent.lower[j + 1] in ("had", "did", "has", "have", "does", "do", "would",
                                                                "was", "were"):
                group = next((g for start, g in sent.group_at.items() if j + 1 < start <= j + 4), None)
                if not group:
                    continue
                before = [e for e in events if e.evidence and e.modality == "asserted"]
                for actor in (a for m in group for a in m.actors):
                    for e in before:
                        if actor.represents() not in (e.source.represents(), e.target.represents()):
                            copies.append(replace(e, source=actor, confidence=e.confidence * 0.8,
                                                  evidence=list(e.evidence)))
        return copies

    def _gapped(self, sent: Sentence, events: list[Event]) -> list[Event]:
        """A verb of sums left out before each further giver ("Kuwait pledged $500 million, the EU nearly $1.2
        billion and Saudi Arabia $60 million"): the same act by each actor that stands, after a comma or "and",
        before a sum (a currency sign or a number, then grammar ``sum_words``) within a few words."""
        g = self.grammar.words
        lower = sent.lower
        done = [e for e in events if e.evidence and e.modality == "asserted" and e.evidence[0].pattern
                and any(w in g["sum_words"] for w in e.evidence[0].pattern.replace("|", " ").split())]
        if not done:
            return []
        first = done[0]
        own = {e.source.represents() for e in events}  # (the first giver among them)
        copies = []
        for start, group in sorted(sent.group_at.items()):
            if sent.prev_word(start)[1] not in (",", "and"):
                continue
            end = group[-1].end
            after = lower[end:end + 5]
            if not any(w in g["sum_words"] for w in after) or not any(
                    w[:1] in "$€£¥" or w[:1].isdigit() for w in after):
                continue
            for actor in (a for m in group for a in m.actors):
                if actor.represents() not in own and actor.represents() != first.target.represents():
                    own.add(actor.represents())
                    copies.append(replace(first, source=actor, confidence=first.confidence * 0.8,
                                          evidence=list(first.evidence)))
        return copies

    def _not_a_predicate(self, sent: Sentence, trig: Trigger) -> bool:
        """'the internationally recognised government' (a participle as adjective) and 'accused Doha of backing
        groups' (a gerund whose subject is the accused, not the accuser) code nothing themselves."""
        j = sent.skip_adverbs(trig.start - 1)  # ("the internationally recognised", "of unlawfully deporting")
        prev = sent.lower[j] if j >= 0 else None
        if trig.head_tag in ("VBN", "VBD", "VBG") and (prev in ("'s", "’s", "the", "a", "an", "its", "their", "his", "her",
                                                                "those", "these")):  # ("those killed")
            return True
        if trig.head_tag == "VBN" and prev in ("of", "for", "on", "with", "from", "about", "over") \
                and trig.end - trig.start > 1:  # "the release of frozen assets": a participle as adjective
            return True
        # (and "stopping anyone from threatening", "without consulting": prevented or absent acts)
        if trig.head_tag == "VBG" and (prev in ("of", "for", "from", "without")
                                       or prev == "with" and self._accusation_before(sent, j)) \
                and not (prev == "of" and j > 0 and sent.lower[j - 1] in self.grammar.words["phase_nouns"]):
            return True  # (but "began the process of withdrawing": the act itself)
        return sent.lower[trig.start] == "back" and trig.end == trig.start + 1 and self._particle(sent, trig.start)

    def _with_phrase_subject(self, sent: Sentence, trig: Trigger) -> tuple[list[Actor], bool] | None:
        """A noun trigger in a "with" phrase after the main clause's comma takes that clause's subject ("Erdogan is
        travelling in Latin America, with official visits to Colombia, Cuba and Mexico on his programme")."""
        j = trig.start - 1
        while j > 0 and trig.start - j <= 3 and sent.tokens[j].isalpha() and sent.tokens[j].islower() \
                and sent.lower[j] != "with" and j not in sent.group_at:
            j -= 1
        if j < 2 or sent.lower[j] != "with" or sent.lower[j - 1] != ",":
            return None
        subject = self._subject(sent, j - 1)
        return (subject[0], False) if subject else None

    def _absolute_subject(self, sent: Sentence, head: int) -> list[Actor] | None:
        """The subject of a gerund in an absolute phrase, the group right after "with" before it ("with Nicaragua now
        calling home its ambassadors", "with Russia pressing on with its offensive")."""
        j = sent.skip_adverbs(head - 1)
        group = next((grp for grp in sent.groups if grp[-1].end == j + 1), None)
        if group is None or group[0].start < 1 or sent.lower[group[0].start - 1] != "with":
            return None
        return [a for m in group for a in m.actors] or None

    def _charge_content(self, sent: Sentence, trig: Trigger) -> bool:
        """Whether a noun trigger follows "of" or "with" (a determiner between) that a verb of charging governs a
        few words before: "accused Ukraine of genocide", "charging Myanmar with genocide" (the charge is the
        accusation's own event)."""
        j, word = sent.prev_word(trig.start)
        return word in ("of", "with") and self._accusation_before(sent, j)

    def _accusation_before(self, sent: Sentence, j: int) -> bool:
        """Whether a verb of charging stands a few words before ``j`` ("charged Rwanda and Uganda with")."""
        return any(sent.lower[k] in self.grammar.verbs["charging_verbs"] for k in range(max(0, j - 6), j))

    def _particle(self, sent: Sentence, i: int) -> bool:
        """Whether "back" at ``i`` is the particle of a verb a few words before it ("called its envoy back")."""
        verbs = self.grammar.verbs["particle_back_verbs"]
        return self._in_clause_before(sent, i, 4, lambda j: sent.lower[j] in verbs)

    def _in_clause_before(self, sent: Sentence, pos: int, reach: int, hit) -> bool:
        """Whether ``hit(j)`` holds for one of the ``reach`` tokens before ``pos``, within its clause."""
        for j in range(pos - 1, max(-1, pos - 1 - reach), -1):
            if sent.lower[j] in self.grammar.words["clause_breaks"]:
                return False
            if hit(j):
                return True
        return False

    def _controlled_subject(self, sent: Sentence, pos: int) -> tuple[list[Actor], bool] | None:
        """The object of a control verb is the subject of the infinitive after it: 'urged X to meet'. Also says
        whether the verb implies the act happened ('prompted X to expel')."""
        lower = sent.lower
        bare = pos >= 2 and lower[pos - 1] in ("and", "or") and base_verb(sent.tokens[pos])  # "to sign … and normalise"
        if pos < 2 or lower[pos - 1] != "to" and not bare:
            return None
        if bare or lower[pos - 2] in ("and", "or", ","):  # "urged Russia to respect the report and to cooperate with
            for k in range(pos - 2, max(0, pos - 20), -1):  # it", "pressed him to sign …, to expel …": the first
                if lower[k] in (";", ":"):  # infinitive's controller
                    break
                if lower[k] == "to" and k + 1 < pos - 1 and base_verb(sent.tokens[k + 1]):
                    return self._controlled_subject(sent, k + 1)
            if bare:
                return None
        for group in reversed(sent.groups):
            if group[-1].end > pos - 1:
                continue
            if pos - 1 - group[-1].end > 2:
                return None
            j, word = sent.prev_word(group[0].start)
            if word in ("on", "upon") and j >= 1:  # "called on India to pull its troops back"
                word = sent.lower[j - 1]
            if word in self.grammar.verbs["control_verbs"]:
                return [a for m in group for a in m.actors], word in self.grammar.verbs["implicative_verbs"]
            return None
        return None

    def _own_order(self, sent: Sentence, pos: int, told: list[Actor]) -> bool:
        """Whether the act at ``pos`` is ordered by its own side to its own organ ("told his administration to stop
        funding", "ordered its forces to withdraw"): an order verb (grammar ``ordering_verbs``) whose subject stands
        for the same state as the one told, the order carried out as given."""
        order = self._teller(sent, pos, self.grammar.verbs["ordering_verbs"])
        return order is not None and {a.represents() for a in order[0]} == {a.represents() for a in told}

    def _imposer(self, sent: Sentence, pos: int) -> tuple[list[Actor], list[Actor]] | None:
        """'told China to shut its consulate', 'ordered the US to reduce its staff': who imposes the act (the
        subject of an ``imposing_verbs`` verb) and on whom (its object, the act's subject); or None."""
        return self._teller(sent, pos, self.grammar.verbs["imposing_verbs"])

    def _teller(self, sent: Sentence, pos: int, verbs) -> tuple[list[Actor], list[Actor]] | None:
        """For the infinitive at ``pos`` after "X told|ordered <object> to": (the subject of a verb of ``verbs``,
        its object), or None."""
        if pos < 2 or sent.lower[pos - 1] != "to":
            return None
        group = next((grp for grp in reversed(sent.groups) if grp[-1].end <= pos - 1), None)
        if group is None or pos - 1 - group[-1].end > 2:
            return None
        j, word = sent.prev_word(group[0].start)
        if word not in verbs:
            return None
        subject = self._subject(sent, j)
        if not subject:
            return None
        return subject[0], [a for m in group for a in m.actors]

    def _coordinated(self, sent: Sentence, pos: int) -> bool:
        """The trigger heads a verb phrase coordinated with the one before: '..., and (would) reimpose'."""
        for j in range(pos - 1, max(-1, pos - 4), -1):
            if sent.lower[j] == "and":
                return True
            if sent.lower[j] not in self.grammar.words["future_cues"] and sent.lower[j] not in self.grammar.words["adverbs"] \
                    and sent.lower[j] not in (",",) and sent.lower[j] not in self.grammar.words["perfect_auxiliaries"]:
                return False
        return False

    def _with_partner(self, sent: Sentence, pos: int, window: int = 8) -> list[Actor] | None:
        """A two-sided act's partner introduced by "with" a few words on: "talks with X", "relations with X"."""
        for j in range(pos, min(len(sent.tokens), pos + window)):
            if sent.lower[j] in self.grammar.words["clause_breaks"]:
                return None
            if sent.lower[j] == "with":
                k = j + 1
                while k < len(sent.tokens) and sent.lower[k] in self.grammar.words["determiners"]:
                    k += 1
                group = sent.group_at.get(k)
                if group and not all(m.weak for m in group):
                    return [a for m in group for a in m.actors]
                return None
        return None

    def _agent_verb_is_trigger(self, sent: Sentence, trig: Trigger) -> bool:
        """'ceasefires, brokered by Russia, France and the US': the participle codes its own event."""
        for j in range(trig.end, min(len(sent.tokens), trig.end + 8)):
            if sent.lower[j] == "by":
                return any(t.start < j and t.end > trig.end for t in sent.triggers)
        return False

    def _after_event_preposition(self, sent: Sentence, trig: Trigger) -> bool:
        _j, word = sent.prev_word(trig.start)
        return word in self.grammar.words["event_prepositions"]

    def _after_be(self, sent: Sentence, pos: int) -> bool:
        j = pos - 1
        while j >= 0 and sent.lower[j] in self.grammar.words["adverbs"]:
            j -= 1
        return j >= 0 and sent.lower[j] in self.grammar.words["be_forms"]

    def _is_passive(self, sent: Sentence, trig: Trigger) -> bool:
        if trig.head_tag not in ("VBN", "VBD"):
            return False
        if self._after_be(sent, trig.start):
            return True
        j = trig.start - 1
        while j >= 0 and sent.lower[j] in self.grammar.words["adverbs"]:
            j -= 1
        # reduced relative: "a deal brokered by the United States", "ceasefires, brokered in October by Russia"
        agent_follows = any(sent.lower[k] == "by" and not self._measure_after(sent, k + 1)
                            for k in range(trig.end, min(len(sent.tokens), trig.end + 5)))
        perfect = j >= 0 and (sent.lower[j] in self.grammar.words["perfect_auxiliaries"]
                              or sent.lower[j] in ("had", "having"))  # "had summoned X over criticism by Y": active
        return (j >= 0 and agent_follows and not perfect and j not in sent.group_at
                and not any(m.start <= j < m.end for m in sent.mentions))

    def _other_owner(self, sent: Sentence, trig: Trigger, sources: list[Actor]) -> list[Actor]:
        """For an act of force whose target came out as its own source through a possessive pronoun in or right
        after the trigger ("turned water cannons on two of its vessels"): the nearest other actor named before
        the trigger in the sentence, else none."""
        own = {a.represents() for a in sources}
        pronoun = next((m for m in sent.mentions if m.how == "pronoun" and m.possessive
                        and trig.start < m.start <= trig.end + 4 and m.actors
                        and {a.represents() for a in m.actors} <= own), None)
        if pronoun is None:
            return []
        for m in sorted((m for m in sent.mentions if m.end <= trig.start and m.actors and not m.weak),
                        key=lambda m: -m.start):
            others = [a for a in m.actors if a.represents() not in own]
            if others:
                return others
        return []

    def _measure_after(self, sent: Sentence, k: int) -> bool:
        """Whether an amount stands at ``k`` ("cut its aid by $100 million", "by 50%", "by half"): "by" then
        measures, it names no agent."""
        if k >= len(sent.lower):
            return False
        word = sent.lower[k]
        return word[0].isdigit() or word in self.grammar.words["measure_words"] or (word,) in self.grammar.maps["numbers"]

    def _partner(self, sent: Sentence, source: Actor, trig: Trigger) -> Actor | None:
        """For a two-sided event with one actor named: the nearest other actor of the sentence (not one in a
        fronted adverbial clause before the trigger's)."""
        best = None
        lower, start = sent.lower, sent.fronted_start()
        fronted = lower.index(",", start) if start is not None and "," in lower[start:] else None
        for m in sent.mentions:
            if m.start >= trig.start or m.weak or any(a.represents() == source.represents() for a in m.actors):
                continue
            j, word = sent.prev_word(m.start)
            if word in self.grammar.words["locative_prepositions"]:
                continue
            if any(t in RELATIVE_PRONOUNS for t in sent.lower[m.end:trig.start]):
                continue  # "Hollande said the text, which the separatists had signed": not across a relative clause
            if fronted is not None and m.end <= fronted < trig.start:
                continue  # "After deporting refugees to China, Thailand met a storm of criticism": not out of it
            dist = abs(m.start - trig.start)
            if best is None or dist < best[0]:
                best = (dist, m.actor)
        return best[1] if best else None

    # -- modality, dates, counts -------------------------------------------------------------------------
