"""The event coder: an article in, coded CAMEO events out — general rules over data, with their evidence.

For each sentence the coder finds actor mentions (``mentions.py``) and lexicon triggers (``lexicon.py``), then
gives each trigger its roles from the sentence's structure: the subject group to its left (coordinated actors
fan out), its object or prepositional object to the right, the agent after "by" in the passive, "between A
and B", possessive and adjectival modifiers of noun triggers, and the subject of the light verb that governs
a noun ("held talks", "imposed sanctions"). Modality (negated, future/intended, hypothetical), counts and dates
(``dates.py``, anchored on the dateline) come from the same clause.

>>> from datetime import date, timedelta
>>> from diplokg.ingest.article import Article
>>> coder = Coder()
>>> events = coder.code(Article("Russia and China vetoed a UN Security Council resolution on Friday.",
...                             id="a", published=date(2020, 7, 10)))
>>> sorted((e.source.code, e.target.code, e.code, e.date) for e in events)
[('CHN', 'UNSC', '129', '2020-07-10'), ('RUS', 'UNSC', '129', '2020-07-10')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial
from itertools import combinations

import spacy
from diplokg.graph.model import Actor, Event, Evidence
from diplokg.ingest.article import Article
from diplokg.ingest.dates import find_dates
from diplokg.ingest.gazetteer import Gazetteer, Mention, load_gazetteer
from diplokg.ingest.lexicon import Grammar, Lexicon, Trigger, load_grammar, load_lexicon
from diplokg.ingest.mentions import DocState, find_mentions, group_mentions
from spacy.language import Language

__all__ = ["Coder", "SentenceReport"]

PUNCT = {",", ";", ":", "—", "–", "(", ")", '"', "“", "”", "'", "‘", "’", "-", "."}
STOP_LEFT = {";", ":"}
QUOTES = {'"', "“", "”", "'", "‘", "’"}
RIGHT_WINDOW = 7
YEAR_MODIFIER = re.compile(r"\b(the|a|an|its|their|his|her)\s+$", re.I)
WIRE_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]+,\s*$")


@dataclass
class SentenceReport:
    """What the coder saw in one sentence (for ``diplokg explain``)."""

    text: str
    mentions: list[Mention]
    triggers: list[Trigger]
    events: list[Event]
    notes: list[str]


class _Sentence:
    """One sentence under analysis: tokens, mentions, groups and positions."""

    def __init__(self, span, tokens: list[str], lower: list[str], mentions: list[Mention], grammar: Grammar):
        self.span = span
        self.tokens = tokens
        self.lower = lower
        self.mentions = mentions
        self.groups = group_mentions([m for m in mentions], self.lower)
        self.grammar = grammar
        self.group_at = {g[0].start: g for g in self.groups}
        self.triggers: list[Trigger] = []

    def prev_word(self, i: int) -> tuple[int, str | None]:
        """The token before position i, skipping determiners; (-1, None) at the sentence start."""
        j = i - 1
        while j >= 0 and self.lower[j] in self.grammar.words["determiners"]:
            j -= 1
        return j, (self.lower[j] if j >= 0 else None)

    def subject_like(self, group: list[Mention]) -> bool:
        j, word = self.prev_word(group[0].start)
        if word is None or word in PUNCT or word in ('"', "“"):
            return True
        if word in self.grammar.words["prepositions"]:
            return False
        return word in self.grammar.words["subject_openers"] or word in self.grammar.reporting_forms

    def after_preposition(self, group: list[Mention]) -> str | None:
        j, word = self.prev_word(group[0].start)
        return word if word in self.grammar.words["prepositions"] else None


@Language.component("diplokg_line_breaks")
def _line_breaks(doc):
    """Headlines, captions and paragraphs end at a line break even without a full stop."""
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc


def make_pipeline():
    """spaCy's blank English pipeline: rule tokenizer, punctuation sentencizer, and line breaks as boundaries.
    No trained model (none is available offline here) and no lemmatizer: the lexicon is pre-inflected."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("diplokg_line_breaks")
    return nlp


class Coder:
    """Codes articles into events. Loads the gazetteer, lexicon and grammar once; reuse one instance."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None,
                 grammar: Grammar | None = None):
        self.gaz = gazetteer or load_gazetteer()
        self.lex = lexicon or load_lexicon()
        self.grammar = grammar or load_grammar()
        self.nlp = make_pipeline()

    # -- public ------------------------------------------------------------------------------------------
    def code(self, article: Article) -> list[Event]:
        """The events an article reports, one per (source, target, code, date), with all their evidence."""
        return self._code_doc(article, self.nlp(article.text), None)

    def code_many(self, articles: Sequence[Article], batch_size: int = 64) -> Iterable[list[Event]]:
        docs = self.nlp.pipe((a.text for a in articles), batch_size=batch_size)
        for article, doc in zip(articles, docs):
            yield self._code_doc(article, doc, None)

    def explain(self, article: Article) -> list[SentenceReport]:
        reports: list[SentenceReport] = []
        self._code_doc(article, self.nlp(article.text), reports)
        return reports

    # -- per article -------------------------------------------------------------------------------------
    def _code_doc(self, article: Article, doc, reports: list[SentenceReport] | None) -> list[Event]:
        state = DocState(text_lower=article.text.lower())
        merged: dict[tuple, Event] = {}
        for sno, span in enumerate(doc.sents):
            state.sentence_no = sno
            paragraph = article.text.count("\n\n", 0, span.start_char)
            if paragraph != state.paragraph:
                state.paragraph, state.narrative = paragraph, None
            tokens = [t.text for t in span]
            lower = [t.lower_ for t in span]
            mentions = find_mentions(tokens, lower, self.gaz, self.grammar, state)
            sent = _Sentence(span, tokens, lower, mentions, self.grammar)
            blocked = {i for m in mentions if m.how != "pronoun" and not m.weak for i in range(m.start, m.end)}
            triggers = self.lex.match(lower, blocked, partial(self._prefers_noun, sent))
            notes: list[str] = []
            events: list[Event] = []
            previous: list[Event] = []
            # a verb that governs a noun trigger ("will support Syria's reconstruction") lends it its subject
            # and modality; the noun carries the event
            governors = {self._light_verb(sent, t) for t in triggers if t.entry.pos == "noun"}
            triggers = [t for t in triggers if not (t.entry.pos == "verb" and t.start in governors
                                                    and t.entry.frame != "mediation")]
            sent.triggers = triggers
            for trig in triggers:
                coded = self._code_trigger(sent, trig, article, state, notes, previous)
                events.extend(coded)
                previous = coded or previous
                if coded:
                    state.last_source = coded[0].source
                    state.lead_source = state.lead_source or coded[0].source
            events.extend(self._ellipsis(sent, events))
            if article.published is not None and any(c.isdigit() or c.isupper() for c in span.text):
                for m in find_dates(span.text, article.published, "past"):  # what "the next day" counts from
                    if not m.background and not WIRE_DATELINE.match(span.text[:m.start]):
                        state.narrative = (m.value, m.precision)
            state.remember(mentions, lower)
            for ev in events:
                key = (ev.source.code, ev.target.code, ev.code, ev.date, ev.modality)
                if key in merged:
                    merged[key].evidence.extend(e for e in ev.evidence if e not in merged[key].evidence)
                    merged[key].about = merged[key].about or ev.about
                    merged[key].confidence = max(merged[key].confidence, ev.confidence)
                else:
                    merged[key] = ev
            if reports is not None:
                if not triggers:
                    notes.append("no trigger")
                elif not mentions:
                    notes.append("no actor")
                reports.append(SentenceReport(span.text, mentions, triggers, events, notes))
        return list(merged.values())

    def _prefers_noun(self, sent: _Sentence, i: int) -> bool:
        """A word both noun and verb ("sanctions", "visit") reads as a noun after a determiner, a possessive,
        an adjectival demonym or a light verb."""
        if i == 0:
            return False
        prev = sent.lower[i - 1]
        if prev in self.grammar.words["determiners"] or prev in ("'s", "’s") or prev in self.grammar.light_verb_forms:
            return True
        return any(m.start <= i - 1 < m.end and (m.weak or m.possessive) for m in sent.mentions)

    # -- per trigger -------------------------------------------------------------------------------------
    def _code_trigger(self, sent: _Sentence, trig: Trigger, article: Article, state: DocState,
                      notes: list[str], previous: list[Event]) -> list[Event]:
        entry = trig.entry
        g = self.grammar
        if entry.context and not any(c.lower() in state.text_lower for c in entry.context):
            notes.append(f"{trig.pattern!r}: context words missing from the article")
            return []
        if entry.exclude and any(w.lower() in sent.lower for w in entry.exclude):
            notes.append(f"{trig.pattern!r}: excluded by the sentence")
            return []
        head = trig.start
        noun = entry.pos == "noun"
        if not noun and self._not_a_predicate(sent, trig):
            notes.append(f"{trig.pattern!r}: participle used as adjective or gerund complement")
            return []
        governor = self._light_verb(sent, trig) if noun else None
        anchor = governor if governor is not None else head
        passive = not noun and self._is_passive(sent, trig)
        modality, intent = self._modality(sent, anchor)
        if governor is not None and sent.lower[governor] in g.verbs["intent_verbs"] and modality == "asserted":
            modality, intent = "future", True  # "promising him a loan"
        if modality == "negated":  # coded and stored for the record, never asserted ("did not sign")
            notes.append(f"{trig.pattern!r}: negated")

        sources: list[Actor] = []
        targets: list[Actor] = []
        certainty = 1.0
        reversing = governor is not None and sent.lower[governor] in g.reversing_forms
        between = self._between(sent, trig)
        if between is None and entry.frame == "symmetric":
            between = self._between_before(sent, trig)
        compound = self._compound_agent(sent, trig)
        if compound:  # "US-brokered", "Algeria-backed Polisario Front"
            sources = compound
            obj = self._object(sent, trig.end, entry, max_gap=2, references=False)
            targets = obj or []
            if not targets and entry.frame == "mediation":  # "A and B agreed to a Russian-brokered ceasefire"
                subject = self._subject(sent, head - 2, references=False)
                targets = subject[0] if subject else []
        elif passive:
            sources = self._agent(sent, trig.end) or []
            subject = self._subject(sent, head)
            targets = subject[0] if subject else []
        else:
            modifier = self._modifier(sent, trig) if noun else None
            subject = self._subject(sent, anchor) if (not noun or governor is not None) else None
            # a bare participle ("EU leaders meeting in Brussels broke ...") takes only a near object
            reach = 3 if noun or (trig.head_tag == "VBG" and not self._after_be(sent, head)) else RIGHT_WINDOW
            conflictual = int(entry.code[:2]) >= 10  # "condemned the deals": their parties
            obj = self._object(sent, trig.end, entry, max_gap=reach,
                               references=entry.frame == "mediation" or conflictual)
            if obj is None and governor is not None:  # "promising him a loan", "gave Qatar an ultimatum"
                obj = self._object(sent, governor + 1, entry, max_gap=trig.start - governor - 2, references=False)
            if obj is None:  # "accept an Egyptian proposal": the demonym inside the pattern
                inside = [m for m in sent.mentions if trig.start < m.start < trig.end and m.weak]
                obj = list(inside[0].actors) if inside else None
            if noun and subject is None and modifier is None and entry.frame == "symmetric" and obj \
                    and self._with_partner(sent, trig.end) and self._after_event_preposition(sent, trig):
                subject = self._subject(sent, trig.start)  # "arrived in Beijing for talks with Li Qiang"
            controlled = self._controlled_subject(sent, anchor)
            if controlled:  # "urged the parties to sit down together": they have not, yet
                subject = (controlled[0], True)
                if modality == "asserted" and not controlled[1]:
                    modality = "future"
            if reversing:  # "faces Western sanctions", "drawing condemnation from Tokyo"
                targets = subject[0] if subject else []
                sources = modifier or self._agent(sent, trig.end) or obj or []
            elif modifier and entry.modifier == "target":  # "Syria's reconstruction": Syria receives
                targets = modifier
                sources = subject[0] if subject else []
            else:
                if modifier and entry.frame == "symmetric" and all(a.kind != "state" and a.kind != "person"
                                                                  for a in modifier):
                    modifier = None  # "the AUKUS partnership": the name of the pact, not a party to it
                if modifier:
                    sources = modifier
                elif subject:
                    sources, sure = subject
                    certainty = 1.0 if sure else 0.7
                targets = obj or []

        about = None
        if entry.target:
            fixed = self.gaz.actors.get(entry.target)
            if fixed:  # "vetoed resolutions against Assad's government": at the UNSC, about Syria
                own = {a.represents() for a in sources} | {fixed.code}
                about = next((a for a in targets if a.represents() not in own), None)
                targets = [fixed]
        if previous and not noun and self._coordinated(sent, anchor):  # "withdrew from the deal and would reimpose sanctions"
            sources = sources or [previous[0].source]
            if not targets and entry.frame != "symmetric":
                targets = list(dict.fromkeys(e.target for e in previous))
        if noun and entry.frame == "symmetric" and not between and not self._agent_verb_is_trigger(sent, trig):
            agents = self._agent(sent, trig.end, window=12)
            if agents and len(agents) >= 2:  # "the AUKUS partnership, unveiled by Biden, Morrison and Johnson"
                between = agents
        if entry.frame == "default" and sources:
            # "they would close all links with Qatar and gave Qatari citizens 14 days to leave their territory"
            own = {s.represents() for s in sources}
            targets = [t for t in targets if t.represents() not in own]
            if not targets and not entry.target:
                inside = [m for m in sent.mentions if trig.start < m.start < trig.end and m.weak]
                targets = [a for a in (inside[0].actors if inside else []) if a.represents() not in own]
        if entry.frame == "mediation" and not targets and not between:
            targets = list(state.last_pair or state.last_dispute)  # "Qatar also helped mediate": the parties
        if entry.frame == "reverse" and not reversing:  # "amid condemnation from Tokyo"
            sources, targets = targets, sources
        pairs = self._pairs(entry.frame, sources, targets, between, sent, trig)
        if entry.frame == "mediation" and between:
            state.last_pair = list(between)
        elif len(pairs) == 1 and entry.frame == "symmetric":
            state.last_pair = [pairs[0][0], pairs[0][1]]  # the parties "the deal" refers to
        if pairs and int(entry.code[:2]) >= 10:
            state.last_dispute = [pairs[0][0], pairs[0][1]]  # the parties "the dispute" refers to
        if not pairs:
            notes.append(f"{trig.pattern!r}: no {'source' if not sources else 'target'}")
            return []

        code = entry.code
        stated = False  # a pledge or intent: the event is the statement, dated when it was made
        if intent and modality == "future" and entry.intent:
            code, modality, stated = entry.intent, "asserted", True
        tense = "future" if modality == "future" else "past"  # a pledge is dated when it was made
        count = self._count(sent, trig)
        when, precision, date_certainty = self._date(sent, trig, article.published, tense, anchor,
                                                     background_ok=not stated, count=count, state=state)
        confidence = entry.weight * certainty * date_certainty * (0.7 if modality == "future" else 1.0)
        evidence = Evidence(
            sentence=sent.span.text, start=sent.span.start_char, end=sent.span.end_char,
            trigger=sent.span[trig.start:trig.end].text, pattern=trig.pattern,
        )
        return [
            Event(source=s, target=t, code=code, date=when, precision=precision, count=count, modality=modality,
                  confidence=confidence, evidence=[evidence], relation=entry.relation if code == entry.code else None,
                  about=about)
            for s, t in pairs
        ]

    def _pairs(self, frame, sources, targets, between, sent: _Sentence, trig: Trigger):
        def distinct(a: Actor, b: Actor) -> bool:
            return a.represents() != b.represents()

        if frame == "mediation":
            parties = between or targets
            return [(s, t) for s in sources for t in parties if distinct(s, t)]
        if frame == "symmetric":
            if between and len(between) >= 2:
                return [(a, b) for a, b in combinations(between, 2) if distinct(a, b)]
            partner = self._with_partner(sent, trig.start + 1)  # "made peace with Israel": inside the pattern too
            if partner and sources:  # "signed agreements to normalise relations with Israel"
                targets = partner
            elif len(sources) >= 2 and targets and not set(a.represents() for a in targets) <= \
                    set(a.represents() for a in sources):
                targets = []  # "the two countries should cooperate in the face of threats from X": reciprocal
            if sources and targets:
                seen: set[frozenset] = set()
                pairs = []
                for s in sources:
                    for t in targets:
                        key = frozenset((s.represents(), t.represents()))
                        if distinct(s, t) and key not in seen:
                            seen.add(key)
                            pairs.append((s, t))
                return pairs
            if len(sources) >= 2:
                return [(a, b) for a, b in combinations(sources, 2) if distinct(a, b)]
            if len(sources) == 1:
                partner = self._partner(sent, sources[0], trig)
                return [(sources[0], partner)] if partner else []
            return []
        return [(s, t) for s in sources for t in targets if distinct(s, t)]

    # -- roles -------------------------------------------------------------------------------------------
    def _subject(self, sent: _Sentence, pos: int, references: bool = True) -> tuple[list[Actor], bool] | None:
        """The subject group left of token ``pos``: the nearest one in subject position, else the nearest one
        not governed by a preposition (less sure)."""
        fallback = None
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
            if all(m.weak for m in group) or (not references and all(m.how == "reference" for m in group)):
                continue
            if group[-1].possessive and group[-1].end + 1 < pos and group[-1].end + 1 in sent.group_at:
                continue
            actors = [a for m in group for a in m.actors]
            if sent.subject_like(group):
                return actors, True
            if fallback is None and not sent.after_preposition(group):
                fallback = actors
        return (fallback, False) if fallback else None

    def _object(self, sent: _Sentence, pos: int, entry, max_gap: int, references: bool = True) -> list[Actor] | None:
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
                is_ref = all(m.how == "reference" for m in group)
                compound = all(m.compound for m in group)
                weak_far = weak and steps > 2 and prep not in ("against", "with") and prep not in entry.prepositions
                if prep == "between" and entry.frame == "default" and steps <= max_gap:
                    return [a for m in group for a in m.actors]  # "hosted talks between the two sides"
                if prep == "by" or located or weak_far or compound or prep == "between" or (is_ref and not references):
                    j = group[-1].end
                    steps += 1
                    continue
                if group[-1].possessive and group[-1].end + 1 in sent.group_at and not weak:
                    nxt = sent.group_at[group[-1].end + 1]  # "China's Belt and Road Initiative"
                    return [a for m in nxt for a in m.actors]
                return [a for m in group for a in m.actors]
            if sent.lower[j] in g.words["clause_breaks"] and sent.lower[j] not in ("(",):
                return None
            j += 1
            steps += 1
        return None

    def _agent(self, sent: _Sentence, pos: int, window: int = RIGHT_WINDOW) -> list[Actor] | None:
        for j in range(pos, min(len(sent.tokens), pos + window)):
            if sent.lower[j] == "by" and j + 1 < len(sent.tokens):
                for k in range(j + 1, min(len(sent.tokens), j + 4)):
                    if k in sent.group_at:
                        return [a for m in sent.group_at[k] for a in m.actors]
                return None
            if sent.lower[j] in (";",):
                return None
        return None

    def _between(self, sent: _Sentence, trig: Trigger) -> list[Actor] | None:
        """'between A and B' right after the trigger (within a few tokens), or the pair a reference stands for."""
        for j in range(trig.end, min(len(sent.tokens), trig.end + 6)):
            if sent.lower[j] in (";", "."):
                break
            if sent.lower[j] == "between":
                k = j + 1
                while k < len(sent.tokens) and k - j < 4 and k not in sent.group_at:
                    k += 1
                group = sent.group_at.get(k)
                if group:
                    actors = [a for m in group for a in m.actors]
                    return actors if len(actors) >= 2 else None
                return None
        return None

    def _between_before(self, sent: _Sentence, trig: Trigger) -> list[Actor] | None:
        """'a deal between A and B to restore ties': a two-sided trigger inherits a pair named just before it."""
        for j in range(trig.start - 1, max(-1, trig.start - 10), -1):
            if sent.lower[j] in (";", ":", "—") or (sent.lower[j] == "," and j < trig.start - 1):
                return None
            if sent.lower[j] == "between":
                group = next((g for start, g in sent.group_at.items() if j < start < j + 4), None)
                actors = [a for m in group for a in m.actors] if group else []
                return actors if len(actors) >= 2 else None
        return None

    def _compound_agent(self, sent: _Sentence, trig: Trigger) -> list[Actor] | None:
        """'US-brokered', 'Saudi-led', 'Algeria-backed': the actor before the hyphen is the agent."""
        if trig.head_tag not in ("VBN", "VBD") or trig.start < 2 or sent.tokens[trig.start - 1] not in ("-", "–"):
            return None
        for m in sent.mentions:
            if m.end == trig.start - 1:
                return list(m.actors)
        return None

    def _modifier(self, sent: _Sentence, trig: Trigger) -> list[Actor] | None:
        """The actor that modifies a noun trigger: "Western sanctions", "China's veto", "its veto power"."""
        for m in sent.mentions:
            if m.end <= trig.start and trig.start - m.end <= (1 if m.possessive else 0) + 2:
                between = sent.lower[m.end + (1 if m.possessive else 0):trig.start]
                if any(t in PUNCT or t in self.grammar.words["prepositions"] for t in between):
                    continue
                if m.possessive or m.how in ("demonym", "organ") or m.end == trig.start:
                    return list(m.actors)
        return None

    def _light_verb(self, sent: _Sentence, trig: Trigger) -> int | None:
        """Position of the verb governing a noun trigger: "held talks", "imposed sweeping sanctions",
        "announced the establishment of a partnership", "will support Syria's reconstruction"."""
        for j in range(trig.start - 1, max(-1, trig.start - 7), -1):
            tok = sent.lower[j]
            if tok in self.grammar.light_verb_forms or tok in self.grammar.reversing_forms:
                return j
            if tok in QUOTES or tok in ("'s", "’s", "-"):
                continue
            if tok not in ("of", "with") and tok in self.grammar.words["prepositions"]:
                return None  # "establish relations in a deal": the deal is not what is established
            inside = [m for m in sent.mentions if m.start <= j < m.end]
            if inside and all(m.weak or m.possessive for m in inside):
                continue
            if tok in PUNCT or inside:
                return None
        return None

    def _ellipsis(self, sent: _Sentence, events: list[Event]) -> list[Event]:
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

    def _not_a_predicate(self, sent: _Sentence, trig: Trigger) -> bool:
        """'the internationally recognised government' (a participle as adjective) and 'accused Doha of backing
        groups' (a gerund whose subject is the accused, not the accuser) code nothing themselves."""
        j = trig.start - 1
        while j >= 0 and sent.lower[j] in self.grammar.words["adverbs"] | {"internationally", "widely"}:
            j -= 1
        prev = sent.lower[j] if j >= 0 else None
        if trig.head_tag in ("VBN", "VBD", "VBG") and (prev in ("'s", "’s", "the", "a", "an", "its", "their", "his", "her")):
            return True
        return trig.head_tag == "VBG" and prev in ("of", "for")

    def _controlled_subject(self, sent: _Sentence, pos: int) -> tuple[list[Actor], bool] | None:
        """The object of a control verb is the subject of the infinitive after it: 'urged X to meet'. Also says
        whether the verb implies the act happened ('prompted X to expel')."""
        if pos < 2 or sent.lower[pos - 1] != "to":
            return None
        for group in reversed(sent.groups):
            if group[-1].end > pos - 1:
                continue
            if pos - 1 - group[-1].end > 2:
                return None
            j, word = sent.prev_word(group[0].start)
            if word in self.grammar.verbs["control_verbs"]:
                return [a for m in group for a in m.actors], word in self.grammar.verbs["implicative_verbs"]
            return None
        return None

    def _coordinated(self, sent: _Sentence, pos: int) -> bool:
        """The trigger heads a verb phrase coordinated with the one before: '..., and (would) reimpose'."""
        for j in range(pos - 1, max(-1, pos - 4), -1):
            if sent.lower[j] == "and":
                return True
            if sent.lower[j] not in self.grammar.words["future_cues"] and sent.lower[j] not in self.grammar.words["adverbs"] \
                    and sent.lower[j] not in (",",) and sent.lower[j] not in self.grammar.words["perfect_auxiliaries"]:
                return False
        return False

    def _with_partner(self, sent: _Sentence, pos: int, window: int = 8) -> list[Actor] | None:
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

    def _agent_verb_is_trigger(self, sent: _Sentence, trig: Trigger) -> bool:
        """'ceasefires, brokered by Russia, France and the US': the participle codes its own event."""
        for j in range(trig.end, min(len(sent.tokens), trig.end + 8)):
            if sent.lower[j] == "by":
                return any(t.start < j and t.end > trig.end for t in sent.triggers)
        return False

    def _after_event_preposition(self, sent: _Sentence, trig: Trigger) -> bool:
        _j, word = sent.prev_word(trig.start)
        return word in self.grammar.words["event_prepositions"]

    def _after_be(self, sent: _Sentence, pos: int) -> bool:
        j = pos - 1
        while j >= 0 and sent.lower[j] in self.grammar.words["adverbs"]:
            j -= 1
        return j >= 0 and sent.lower[j] in self.grammar.words["be_forms"]

    def _is_passive(self, sent: _Sentence, trig: Trigger) -> bool:
        if trig.head_tag not in ("VBN", "VBD"):
            return False
        if self._after_be(sent, trig.start):
            return True
        j = trig.start - 1
        while j >= 0 and sent.lower[j] in self.grammar.words["adverbs"]:
            j -= 1
        # reduced relative: "a deal brokered by the United States", "ceasefires, brokered in October by Russia"
        agent_follows = any(sent.lower[k] == "by" for k in range(trig.end, min(len(sent.tokens), trig.end + 5)))
        return (j >= 0 and agent_follows and j not in sent.group_at
                and not any(m.start <= j < m.end for m in sent.mentions))

    def _partner(self, sent: _Sentence, source: Actor, trig: Trigger) -> Actor | None:
        """For a two-sided event with one actor named: the nearest other actor of the sentence."""
        best = None
        for m in sent.mentions:
            if m.start >= trig.start or m.weak or any(a.represents() == source.represents() for a in m.actors):
                continue
            j, word = sent.prev_word(m.start)
            if word in self.grammar.words["locative_prepositions"]:
                continue
            dist = abs(m.start - trig.start)
            if best is None or dist < best[0]:
                best = (dist, m.actor)
        return best[1] if best else None

    # -- modality, dates, counts -------------------------------------------------------------------------
    def _window(self, sent: _Sentence, pos: int, size: int = 6) -> list[str]:
        out: list[str] = []
        j = pos - 1
        while j >= 0 and len(out) < size and sent.lower[j] not in (";", ":", "—", ","):
            out.append(sent.lower[j])
            j -= 1
        return out[::-1]

    def _modality(self, sent: _Sentence, pos: int) -> tuple[str, bool]:
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

    def _date(self, sent: _Sentence, trig: Trigger, published: date | None, tense: str, anchor: int,
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

    def _count(self, sent: _Sentence, trig: Trigger) -> int | None:
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
