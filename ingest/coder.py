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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import combinations

import spacy
from diplokg.graph.model import Actor, Event, Evidence, merge_key
from diplokg.ingest.article import Article
from diplokg.ingest.clauses import Clauses
from diplokg.ingest.dates import find_dates
from diplokg.ingest.discourse import HEDGED, Discourse
from diplokg.ingest.gazetteer import Gazetteer, Mention, load_gazetteer
from diplokg.ingest.lexicon import (
    Grammar,
    Lexicon,
    Trigger,
    base_verb,
    gerund,
    load_grammar,
    load_lexicon,
    noun_lemma,
)
from diplokg.ingest.mentions import DocState, find_mentions
from diplokg.ingest.roles import RIGHT_WINDOW, RoleFinder, Sentence
from diplokg.ingest.timing import WIRE_DATELINE, TimeAndModality
from spacy.language import Language

__all__ = ["Coder", "SentenceReport"]



@dataclass
class SentenceReport:
    """What the coder saw in one sentence (for ``diplokg explain``)."""

    text: str
    mentions: list[Mention]
    triggers: list[Trigger]
    events: list[Event]
    notes: list[str]

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


NOUN_AUXILIARIES = frozenset({"were", "are", "have", "had", "was", "is", "has", "will", "would"})


@lru_cache(maxsize=65536)
def _modifier_word(prev: str, word: str) -> bool:
    """Whether ``prev`` modifies ``word`` as a noun: an adjective that is no verb ("formal", "fresh",
    "humanitarian"), or a singular noun that is no verb before a bare form ("emergency aid", "border clash")."""
    from lemminflect import getAllLemmas

    readings = getAllLemmas(prev)
    if not readings or not set(readings) <= {"ADJ", "NOUN"}:
        return False  # (a verb, an adverb, a preposition: "after meeting", "then protested")
    if "ADJ" in readings:
        return True
    return set(readings) == {"NOUN"} and not prev.endswith("s") and not word.endswith(("s", "ed", "ing"))


class Coder(RoleFinder, TimeAndModality, Discourse, Clauses):
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
        state = DocState(text_lower=article.text.lower(),
                         published=article.published.isoformat() if article.published else None)
        merged: dict[tuple, Event] = {}
        for sno, span in enumerate(doc.sents):
            state.sentence_no = sno
            paragraph = article.text.count("\n\n", 0, span.start_char)
            if paragraph != state.paragraph:
                state.paragraph, state.narrative = paragraph, None
            tokens = [t.text for t in span]
            lower = [t.lower_ for t in span]
            mentions = find_mentions(tokens, lower, self.gaz, self.grammar, state)
            sent = Sentence(span, tokens, lower, mentions, self.grammar)
            blocked = {i for m in mentions if m.how != "pronoun" and not m.weak for i in range(m.start, m.end)}
            inner = {i for m in mentions if m.possessive or m.how in ("organ", "act") for i in range(m.start, m.end)}
            triggers = [t for t in self.lex.match(lower, blocked, partial(self._prefers_noun, sent), inner,
                                                  partial(self._reads_as_noun, sent))
                        if not (t.entry.pos == "verb" and t.head_tag in ("VB", "VBP")
                                and self._bare_after_organ(sent, t.start))]
            notes: list[str] = []
            events: list[Event] = []
            previous: list[Event] = []
            # a verb that governs a noun trigger ("will support Syria's reconstruction") lends it its subject
            # and modality; the noun carries the event
            governors = {self._light_verb(sent, t) for t in triggers if t.entry.pos == "noun"}
            triggers = [t for t in triggers if not (t.entry.pos == "verb" and t.start in governors
                                                    and t.entry.frame != "mediation")]
            # "agreed to impose sanctions", "decided to expel": the act is the event, not an agreement
            starts = {t.start for t in triggers if t.entry.pos == "verb"}
            triggers = [t for t in triggers if not (lower[t.start] in self.grammar.verbs["deciding_verbs"]
                                                    and self._to_act(lower, t.end, starts))]
            sent.triggers = triggers
            pair_before, unmediated, untargeted = list(state.last_pair), [], []
            placed: list[tuple[int, Event]] = []  # (trigger position, event) of the acts coded
            for trig in triggers:
                coded = self._code_trigger(sent, trig, article, state, notes, previous)
                events.extend(coded)
                placed.extend((trig.start, e) for e in coded)
                previous = coded or previous
                if coded:
                    state.last_source = coded[0].source
                    state.lead_source = state.lead_source or coded[0].source
                elif trig.entry.frame == "mediation":
                    unmediated.append(trig)
                elif trig.entry.code.startswith(tuple(self.grammar.words["announcing_codes"])) \
                        or self._retaliation(sent, trig):
                    untargeted.append(trig)
            events = self._cancelled(sent, triggers, placed, events, article, state, notes, previous)
            for trig in untargeted:
                if self._retaliation(sent, trig):
                    # "Iran vowed revenge after a US strike killed its general": aimed at whoever attacked
                    struck = next((e for _, e in placed if int(e.code[:2]) >= 17 and e.source is not None), None)
                    if struck is not None:
                        events.extend(self._code_trigger(sent, trig, article, state, notes, previous,
                                                         fallback_target=struck.source))
                    continue
                # "Argentina warned that Mercosur would throw Venezuela out": the warning is aimed at the one the
                # act it announces is aimed at
                later = next((e for start, e in placed if start >= trig.end and int(e.code[:2]) >= 10), None)
                if later is not None:
                    events.extend(self._code_trigger(sent, trig, article, state, notes, previous,
                                                     fallback_target=later.target))
            if unmediated and state.last_pair != pair_before:
                # "After talks brokered by the African Union, Sudan agreed to a ceasefire with Chad": the talks'
                # parties are those of the agreement the sentence goes on to state
                for trig in unmediated:
                    events.extend(self._code_trigger(sent, trig, article, state, notes, previous))
            events.extend(self._ellipsis(sent, events))
            events.extend(self._gapped(sent, events))
            events.extend(self._echo(sent, article, state, placed, bool(events), notes))
            if not any(int(e.code[:2]) >= 10 for e in events):
                events.extend(self._reported_evaluation(sent, article, state, notes))
            if not any(e.code.startswith("11") for e in events):
                events.extend(self._what_called(sent, article, state, notes))
            if not any(e.code.startswith("11") for e in events):
                events.extend(self._named_judgement(sent, article, state, notes))
            if article.published is not None and any(c.isdigit() or c.isupper() for c in span.text):
                for m in find_dates(span.text, article.published, "past"):  # what "the next day" counts from
                    if not (m.background or m.start_point or m.deadline) \
                            and not WIRE_DATELINE.match(span.text[:m.start]):
                        state.narrative = (m.value, m.precision)
            state.remember(mentions, lower)
            state.last_event = next((e for e in reversed(events) if e.modality == "asserted"), state.last_event)
            for ev in events:
                key = merge_key(ev)  # one event however often the article states it (see graph.model)
                if key in merged:
                    kept = merged[key]
                    kept.evidence.extend(e for e in ev.evidence if e not in kept.evidence)
                    kept.about = kept.about or ev.about
                    kept.count = kept.count or ev.count
                    kept.confidence = max(kept.confidence, ev.confidence)
                else:
                    merged[key] = ev
            if reports is not None:
                if not triggers:
                    notes.append("no trigger")
                elif not mentions:
                    notes.append("no actor")
                reports.append(SentenceReport(span.text, mentions, triggers, events, notes))
        return list(merged.values())

    def _passive_source(self, sent: Sentence, trig: Trigger) -> list[Actor] | None:
        """In the passive with no "by": an actor after one of the entry's ``passive_source`` prepositions
        ("was summoned to the French foreign ministry")."""
        for j in range(trig.end, min(len(sent.tokens) - 1, trig.end + 4)):
            if sent.lower[j] in trig.entry.passive_source:
                for k in range(j + 1, min(len(sent.tokens), j + 4)):
                    if k in sent.group_at:
                        return [a for m in sent.group_at[k] for a in m.actors]
                return None
        return None

    def _reacted_to(self, sent: Sentence, i: int) -> bool:
        """A verb pattern's word read as the noun a reaction verb governs ("China strongly condemned the violent
        attack"): the act reacted to, whose doer is not the one reacting."""
        lower = sent.lower
        j = i - 1
        while j >= 0 and i - j <= 3 and lower[j] not in self.grammar.words["determiners"]:
            j -= 1
        word = lower[i]
        return j >= 1 and lower[j] in self.grammar.words["determiners"] \
            and lower[j - 1] in self.grammar.verbs["reaction_verbs"] \
            and (noun_lemma(word) or word.endswith("s") and noun_lemma(word[:-1]))

    def _describing_participle(self, sent: Sentence, trig: Trigger) -> bool:
        """A participle of a standing tie (``descriptive_compound_roots``) with its agent, right after the actor it
        describes, no auxiliary or coordination before it: "Syrian forces backed by Russia", "the Lebanese group
        backed by Iran"."""
        g, head = self.grammar, trig.start
        return trig.entry.code[:2] in g.words["descriptive_compound_roots"] and trig.head_tag in ("VBN", "VBD") \
            and trig.end < len(sent.lower) and sent.lower[trig.end] == "by" and head > 0 \
            and sent.lower[head - 1] not in g.words["verb_auxiliaries"] and sent.lower[head - 1] not in ("and", ",")

    def _reported(self, sent: Sentence) -> bool:
        """Whether a reporting verb stands in the sentence outside any actor's name ("the United States" holds a
        form of "state")."""
        named = {i for m in sent.mentions for i in range(m.start, m.end)}
        return any(t in self.grammar.reporting_forms and i not in named for i, t in enumerate(sent.lower))

    def _bare_after_organ(self, sent: Sentence, i: int) -> bool:
        """A bare form that is also a noun right after a singular organ is that organ's noun, no verb ("a Chinese
        coastguard ship in its waters": no shipping)."""
        lower = sent.lower
        return i > 0 and base_verb(lower[i]) and noun_lemma(lower[i]) and not lower[i - 1].endswith("s") \
            and any(m.end == i and m.how == "organ" for m in sent.mentions)

    def _reads_as_noun(self, sent: Sentence, i: int) -> bool:
        """A word that reads as a noun here is no verb: after a determiner or a possessive ("keep their promises",
        "Iran's seizure"), after an adjective or a noun modifier ("a formal protest", "emergency aid"), or a plural
        before an auxiliary ("Sanctions were imposed")."""
        lower = sent.lower
        if i > 0 and (lower[i - 1] in self.grammar.words["determiners"] or lower[i - 1] in ("'s", "’s")
                      or any(m.end == i and m.possessive for m in sent.mentions)):
            return True
        if i + 1 < len(lower) and lower[i].endswith("s") and lower[i + 1] in NOUN_AUXILIARIES \
                and (i == 0 or not any(m.end == i for m in sent.mentions)):
            return True  # ("Sanctions were imposed"; not "Iran protests were ...": a subject before)
        return i > 0 and sent.tokens[i - 1].isalpha() and not any(m.end == i for m in sent.mentions) and \
            _modifier_word(lower[i - 1], lower[i])

    def _prefers_noun(self, sent: Sentence, i: int) -> bool:
        """A word both noun and verb ("sanctions", "visit") reads as a noun after a determiner, a possessive,
        an adjectival demonym or a light verb."""
        if i == 0:
            return False
        prev = sent.lower[i - 1]
        if prev in self.grammar.words["determiners"] or prev in ("'s", "’s") or prev in self.grammar.light_verb_forms:
            return True
        if i > 1 and sent.lower[i - 2] in ("and", "or") and sent.tokens[i - 1][:1].isupper() \
                and not any(m.start <= i - 1 < m.end for m in sent.mentions):
            return True  # "US and European sanctions": a second, capitalised modifier
        return any(m.start <= i - 1 < m.end and (m.weak or m.possessive) for m in sent.mentions)

    def _cancelled(self, sent: Sentence, triggers: list[Trigger], placed: list[tuple[int, Event]],
                   events: list[Event], article: Article, state: DocState, notes: list[str],
                   previous: list[Event]) -> list[Event]:
        """A meeting, visit or deal a verb of these codes cancels ("called off his meeting with Duterte",
        "cancelled the visit to Beijing") did not take place: its events are negated, and the cancelling verb is
        aimed at the noun's target (grammar ``cancelling_codes``, ``cancelled_roots``)."""
        g = self.grammar
        for trig in triggers:
            if trig.entry.pos != "verb" or trig.entry.code not in g.words["cancelling_codes"]:
                continue
            j = trig.end  # (past determiners, the modifiers of grammar and lower-case attributive words: "called
            while j < min(len(sent.lower), trig.end + 6) and (  # off a high-level defence meeting")
                    sent.lower[j] in g.words["determiners"] or sent.lower[j] in g.words["cancelled_modifiers"]
                    or sent.tokens[j] == "-" or sent.tokens[j].isalpha() and sent.tokens[j].islower()
                    and sent.lower[j] not in g.words["prepositions"] and sent.lower[j] not in g.words["clause_breaks"]
                    and not any(t.start == j for t in triggers)):
                j += 1
            noun = next((t for t in triggers if t.start == j and (t.entry.pos == "noun" or sent.lower[j].endswith("ing"))
                         and t.entry.code[:2] in g.words["cancelled_roots"]), None)  # (also "defence meeting")
            if noun is None:
                continue
            cancelled = [e for start, e in placed if start == noun.start and e.modality == "asserted"]
            if not cancelled:
                continue
            notes.append(f"{noun.pattern!r}: cancelled by {trig.pattern!r}")
            events = [replace(e, modality="negated") if any(e is c for c in cancelled) else e for e in events]
            if not any(start == trig.start for start, _ in placed):
                events.extend(self._code_trigger(sent, trig, article, state, notes, previous,
                                                 fallback_target=cancelled[0].target))
        return events

    def _official_protest(self, sent: Sentence, trig: Trigger, pairs) -> str | None:
        """The official complaint (grammar ``official_protests``) a protest verb is when its protesters are all
        states, their organs, leaders or bodies with no people named before it ("Tokyo protested to Pyongyang"),
        else None."""
        g = self.grammar
        official = g.maps["official_protests"].match_at([trig.entry.code], 0)
        if not official[0] or trig.entry.pos == "noun" or not pairs or not all(
                s_.kind in g.words["official_kinds"] and not s_.code.endswith("OPP") for s_, _ in pairs):
            return None
        head = trig.start
        if any(w in g.words["opposition_words"] or w in g.words["partitives"] for w in sent.lower[max(0, head - 5):head]):
            return None
        return str(official[1])

    def _default_intent(self, code: str) -> str | None:
        """The CAMEO intent (03x) of a cooperative act pledged, by its root (grammar ``default_intents``), for
        lexicon entries that name none."""
        found = self.grammar.maps["default_intents"].match_at([code[:2]], 0)
        return str(found[1]) if found[0] else None

    def _retaliation(self, sent: Sentence, trig: Trigger) -> bool:
        """Whether a threat trigger names retaliation ("vowed revenge", "promised harsh retaliation")."""
        return trig.entry.code.startswith("13") and any(
            w in self.grammar.words["retaliation_words"] for w in sent.lower[trig.start:trig.end])

    # -- per trigger -------------------------------------------------------------------------------------
    def _code_trigger(self, sent: Sentence, trig: Trigger, article: Article, state: DocState,
                      notes: list[str], previous: list[Event], fallback_target: Actor | None = None) -> list[Event]:
        entry = trig.entry
        g = self.grammar
        if entry.context and not any(c.lower() in state.text_lower for c in entry.context):
            notes.append(f"{trig.pattern!r}: context words missing from the article")
            return []
        if entry.exclude and entry.excluded(sent.lower):
            notes.append(f"{trig.pattern!r}: excluded by the sentence")
            return []
        head = trig.start
        noun = entry.pos == "noun"
        if entry.no_infinitive and trig.end < len(sent.tokens) and sent.lower[trig.end - 1] == "to" \
                and base_verb(sent.tokens[trig.end]):
            notes.append(f"{trig.pattern!r}: 'to' before a verb (an infinitive, no destination)")
            return []
        if entry.conditional and (not self._conditional(sent) or self._in_condition(sent, trig.start)
                                  or not self._reported(sent)):
            # (someone's warning, not the writer's forecast: "If Iran attacks Israel, the US would retaliate")
            notes.append(f"{trig.pattern!r}: codes only in the main clause of a condition someone states")
            return []
        if entry.voice == "passive" and (noun or not self._is_passive(sent, trig)):
            notes.append(f"{trig.pattern!r}: codes only in the passive")
            return []
        if not noun and self._reacted_to(sent, head):
            notes.append(f"{trig.pattern!r}: the act a reaction is about ('condemned the attack'), no act of the reactor")
            return []
        if not noun and self._habitual(sent, trig):
            notes.append(f"{trig.pattern!r}: a present-tense relative clause (a standing state, no event)")
            return []
        if not noun and self._not_a_predicate(sent, trig):
            notes.append(f"{trig.pattern!r}: not a predicate (a participle as adjective, a gerund complement or a particle)")
            return []
        if (noun or not sent.lower[head].endswith("ing")) and self._charge_content(sent, trig):
            # (also a noun read as a verb: "accused Kyiv of attacks aimed at ...")
            notes.append(f"{trig.pattern!r}: what a charge alleges ('accused Ukraine of genocide'), no act asserted")
            return []
        governor = self._light_verb(sent, trig) if noun else None
        if noun and governor is None and entry.governed_by:  # "declared X, the envoy of Y, 'persona non grata'"
            governor = next((j for j in range(trig.start - 1, max(-1, trig.start - 25), -1)
                             if sent.lower[j] in entry.governed_by), None)
        anchor = governor if governor is not None else head
        passive = not noun and self._is_passive(sent, trig)
        modality, intent = self._modality(sent, anchor)
        hedged = self._hedged(sent, anchor)
        if hedged and modality == "future" and not self._future_marked(sent, anchor):
            modality, intent = "asserted", False  # "is believed to be supplying": a present claim, not a plan
        if governor is not None and sent.lower[governor] in g.verbs["intent_verbs"] and modality == "asserted":
            modality, intent = "future", True  # "promising him a loan"
        if noun and governor is None and modality == "asserted" and self._scheduled(sent, trig):
            modality = "future"  # "the intra-Afghan talks are due to open on March 10"
        if modality == "asserted" and self._proposed(sent, anchor):
            modality = "future"  # "rejected a US proposal to resume talks": the talks are only proposed
        # "they get no support from Iran"; whatever the modality: "pledged not to allow X to threaten Y", "neither
        # A nor B will threaten the other"
        if (modality == "asserted" and self._denied_noun(sent, trig)) or self._prevented(sent, anchor) \
                or self._neither(sent, anchor):
            modality, intent = "negated", False
        refused = modality == "negated" and entry.negated is not None
        if refused:  # "did not accept the offer": a refusal, asserted
            modality, intent = "asserted", False
        if modality == "negated":  # coded and stored for the record, never asserted ("did not sign")
            notes.append(f"{trig.pattern!r}: negated")

        sources: list[Actor] = []
        targets: list[Actor] = []
        certainty = 1.0
        releasing = entry.code.startswith(tuple(g.words["holder_codes"]))  # (whoever held the people freed)
        reversing = governor is not None and sent.lower[governor] in g.reversing_forms
        between = self._between(sent, trig)
        if between is None and entry.frame == "symmetric":
            between = self._between_before(sent, trig)
        compound = self._compound_agent(sent, trig)
        if not noun and self._describing_participle(sent, trig):
            notes.append(f"{trig.pattern!r}: a participle that describes an actor (a standing tie, no event)")
            return []
        if compound and entry.code[:2] in g.words["descriptive_compound_roots"] and entry.frame != "mediation":
            # "the Iran-backed Houthis", "Rwanda-backed rebels": a standing tie named to describe them, no event
            notes.append(f"{trig.pattern!r}: a compound that describes an actor (a standing tie, no event)")
            return []
        if compound:  # "US-brokered", "Algeria-backed Polisario Front"
            sources = compound
            obj = self._object(sent, trig.end, entry, max_gap=2, references=False)
            targets = obj or []
            if not targets and entry.frame == "mediation":  # "A and B agreed to a Russian-brokered ceasefire"
                subject = self._subject(sent, head - 2, references=False)
                targets = subject[0] if subject else []
        elif passive:
            sources = self._agent(sent, trig.end) or self._passive_source(sent, trig) or []
            subject = self._subject(sent, head, weak=releasing or entry.code.startswith(
                tuple(g.words["place_agent_codes"])), past_unknown=releasing)
            targets = subject[0] if subject else []
            if not targets and entry.prepositions:  # "a water cannon was fired by China's coast guard at a
                targets = self._passive_aim(sent, trig)  # Philippine boat"
            mandated = None if sources else self._mandator(sent, trig)
            if mandated:  # "instructed that 10 ambassadors ... be declared persona non grata"
                sources, targets = mandated[0], mandated[1] or targets
            if not targets and trig.end - 1 > head and sent.lower[trig.end - 1] in g.words["prepositions"] \
                    and trig.end in sent.group_at:
                # "sanctions were imposed on Iran by the EU": the thing is the subject, the target follows the
                # pattern's preposition
                targets = [a for m in sent.group_at[trig.end] for a in m.actors if a not in sources]
            if trig.object_at >= 0:  # "a tanker flying the British flag was seized": the object's owner
                owner = [m for m in sent.mentions if trig.object_at - 3 <= m.start < head and m.actors
                         and m.how != "reference"]
                targets = list(owner[0].actors) if owner else targets
            if not sources and entry.code.startswith(tuple(g.words["reported_agent_codes"])):
                # "the Moroccan ambassador had been summoned, Gonzalez said": a state's own act, reported by it
                # (not where the reporter speaks for the patient: "Canada said two Canadians were detained")
                patients = {a.represents() for a in targets}
                sources = [a for a in self._reporter(sent, trig) or [] if a.represents() not in patients]
        else:
            modifier = self._modifier(sent, trig) if noun else None
            freed = entry.frame == "reverse" and releasing
            # (a people named by its demonym protests: "thousands of Armenians protested against")
            subject = self._subject(sent, anchor, weak=freed or entry.code[:2] in g.words["place_people_codes"],
                                    past_unknown=freed) \
                if (not noun or governor is not None) else None
            if not noun and subject is not None and entry.frame == "default" and self._reduced_passive(sent, trig):
                subject = None  # "a ceremony for the Iranians killed in the stampede": no doer named
            absolute = self._absolute_subject(sent, head) if not noun and trig.head_tag == "VBG" else None
            if absolute:  # "with Nicaragua now calling home its ambassadors": the group after "with"
                subject = (absolute, True)
            if not noun and trig.head_tag == "VBG" and not self._after_be(sent, head) and \
                    self._bare_participle_of_noun(sent, head):
                subject = None  # "a warning to forces seeking independence": not the actor before "forces"
            # a bare participle ("EU leaders meeting in Brussels broke ...") takes only a near object
            # (but a gerund after a preposition is a clause of its own: "answered by imposing tariffs on X")
            own_clause = head > 0 and (sent.lower[head - 1] in g.words["prepositions"]
                                       or sent.lower[head - 1] in g.words["subordinators"])
            reach = 3 if noun or (trig.head_tag == "VBG" and not self._after_be(sent, head) and not own_clause) \
                else RIGHT_WINDOW
            conflictual = int(entry.code[:2]) >= 10  # "condemned the deals": their parties
            # (not the object of a gerund the pattern's preposition governs: "charged Rwanda with backing the rebels")
            gerund_next = trig.end < len(sent.tokens) and sent.lower[trig.end - 1] in g.words["prepositions"] \
                and gerund(sent.tokens[trig.end])
            obj = None if entry.inside or gerund_next else self._object(
                sent, trig.end, entry, max_gap=reach, references=entry.frame == "mediation" or conflictual)
            if not noun and entry.frame == "default":  # "rejects the statements made by Trump"
                obj = self._authored_object(sent, trig) or obj
            if not obj and not noun and sent.lower[trig.start] in g.verbs["reaction_verbs"]:
                obj = self._relative_doer(sent, trig.end) or obj  # "condemned a launch that North Korea carried out"
            act = self._reacted_act(sent, trig) if not noun else None
            if act is not None:  # "condemned the attack on the US embassy": the attacker's act, not the victim's
                obj = self._act_doer(sent, act, state) or None
            if obj is None and governor is not None:  # "promising him a loan", "gave Qatar an ultimatum"
                obj = self._object(sent, governor + 1, entry, max_gap=trig.start - governor - 2, references=False)
                if obj and modifier and sent.lower[governor] in g.verbs["ditransitive_verbs"] \
                        and {a.represents() for a in modifier} <= {a.represents() for a in obj}:
                    modifier = None  # "handed Somalia its first military aid": the receiver's own, given
            if not obj and governor is not None and entry.governed_by:  # (past a name it does not know, to the
                obj = next(([a for m in grp for a in m.actors] for start, grp in sorted(sent.group_at.items())
                            if governor < start < trig.start and any(m.actors for m in grp)), None)  # appositive)
            # "accept an Egyptian proposal", "summoned Russia's envoy": the actor inside the pattern; also before a
            # pronoun after it ("broke into the Swedish embassy and set it on fire")
            first = trig.start + 1  # (past the object's modifiers: "charged neighbouring Turkey with", and a
            if first < trig.end - 1 and sent.lower[first] in ("for", "on", "upon"):  # particle: "called for Russia to")
                first += 1
            firsts = {first}  # ("charged the West with": a name may begin with a modifier's word)
            while first < trig.end and sent.lower[first] in g.words["object_modifiers"]:
                first += 1
                firsts.add(first)
            inside = [m for m in sent.mentions if trig.start < m.start < trig.end
                      and (m.weak or m.possessive or m.how in ("organ", "act") or m.start in firsts)]
            after = next((m for m in sent.mentions if m.start >= trig.end and m.actors), None)
            own = {a.represents() for a in subject[0]} if subject else set()
            owner = inside and inside[0].how == "demonym" and inside[0].end == trig.end - 1 and not noun \
                and entry.frame == "default"  # "turned down an Egyptian proposal to restart talks with the AU"
            if inside and (obj is None or owner or {a.represents() for a in obj} <= own and inside[0].start in firsts
                           or inside[0].how == "organ" and after is not None and (
                    after.how == "pronoun" or {a.represents() for a in obj} <= own)):
                group = next((grp for grp in sent.groups if grp[0] is inside[0]), [inside[0]])
                obj = [a for m in group if m.end <= trig.end for a in m.actors]  # ("Rwanda and Uganda")
                # (also "called in South Africa's envoy to Nigeria", by Nigeria)
            if noun and subject is None and modifier is None and entry.frame == "symmetric" and obj \
                    and self._with_partner(sent, trig.end) and self._after_event_preposition(sent, trig):
                subject = self._subject(sent, trig.start)  # "arrived in Beijing for talks with Li Qiang"
            if (noun or trig.head_tag == "VBG" and head > 0 and sent.lower[head - 1] in g.words["fronting_prepositions"]) \
                    and subject is None and modifier is None:
                # "In a telephone call with Erdogan, Sunak said ...", "After expelling the envoy, Mali ..."
                subject = self._fronted_subject(sent, trig)
            if noun and subject is None and modifier is None:
                subject = self._with_phrase_subject(sent, trig)  # "is travelling ..., with official visits to A"
            told = self._told_in(sent, trig) if noun and subject is None and modifier is None \
                and entry.frame == "symmetric" else None
            if told:  # "Lavrov told Mike Pompeo, the US Secretary of State, in a telephone call that ..."
                subject, obj = (told[0], True), obj or told[1]
            controlled = self._controlled_subject(sent, anchor)
            if controlled:  # "urged the parties to sit down together": they have not, yet
                subject = (controlled[0], True)
                if modality == "asserted" and not controlled[1] and not self._own_order(sent, anchor, controlled[0]):
                    modality = "future"  # (but "told his administration to stop funding the WHO": done)
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
                mine = {a.represents() for a in sources}
                imposed = self._imposer(sent, anchor) if not noun and entry.frame == "default" \
                    and entry.code[:2] in g.words["imposed_roots"] \
                    and all(a.represents() in mine for a in targets) else None
                if imposed is not None:  # "told China to shut its consulate": the teller's act on China
                    sources, targets = imposed
                    modality = "asserted" if modality == "future" else modality
                relative = self._relative_object(sent, trig, previous) if not noun and entry.frame == "default" \
                    else None
                if relative is not None:  # "Israel, which it accuses of ...", "a move Washington called ..."
                    sources, targets = relative
                participle = self._executed_by(sent, trig) if noun and not sources else None
                if participle is not None:
                    sources = self._agent(sent, trig.end, window=12) or []  # "air raids carried out by the coalition"
                    targets = [t for t in targets if t not in sources] or \
                        self._participle_object(sent, participle, sources)  # "a loan was extended to Pakistan by"
                if noun and not sources and participle is None:
                    sources = self._nominal_agent(sent, trig)  # "the first visit to Mexico by Bernardo Arevalo"
                    targets = [t for t in targets if t not in sources]
                if noun and not sources and entry.code[:2] in g.words["attack_roots"]:
                    sources = self._mission_attacker(sent, trig)  # "an attack on the Cuban embassy in Washington"
                if noun and not sources and entry.code[:2] in g.words["place_target_roots"]:
                    sources = self._blamed_on(sent, trig)  # "the raid, blamed on Haftar"
                    targets = [t for t in targets if t not in sources]
                if noun and not targets and entry.code[:2] in g.words["place_target_roots"]:
                    targets = [t for t in self._victims_after(sent, trig) if t not in sources]  # "an attack that
                    # killed three American service members"
                moved = self._provenance(sent, trig) if noun and not sources and \
                    entry.code[:2] in g.words["provenance_roots"] else None
                if moved:  # "relief supplies from China and Turkey reached Pakistan"
                    sources, targets = moved[0], moved[1] or [t for t in targets if t not in moved[0]]
                carried = self._carried(sent, trig) if noun and not (sources and targets) and \
                    entry.code[:2] in g.words["provenance_roots"] else None
                if carried:  # "an American aircraft carrying relief supplies touched down in the Somali capital"
                    sources = sources or carried[0]
                    targets = [t for t in targets if t not in sources] or carried[1]
                held = self._relative_agent(sent, trig) if noun and not sources else None
                if held:  # "a phone call that Trump held with Tsai", "the sanctions the EU imposed on Russia"
                    sources, targets = held[0], held[1] or [t for t in targets if t not in held[0]]

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
        hosted, host_code = None, None
        if noun and entry.frame == "symmetric" and not between and not self._agent_verb_is_trigger(sent, trig):
            agents = self._agent(sent, trig.end, window=12)
            host_code = self._hosted(sent, trig) if agents else None
            if host_code:  # "talks organised by the US and Saudi Arabia": hosts, no parties
                hosted = [(h, p) for h in agents for p in (sources or state.last_pair)
                          if h.represents() != p.represents()]
                sources, targets = [], []
            elif agents and len(agents) >= 2:  # "the AUKUS partnership, unveiled by Biden, Morrison and Johnson"
                between = agents
        if entry.frame == "default" and targets and not noun:
            targets = self._protested_state(sent, trig, targets)  # "in protest at the arrest of opposition figures"
        if entry.frame == "default" and sources:
            # "they would close all links with Qatar and gave Qatari citizens 14 days to leave their territory"
            own = {s.represents() for s in sources}
            targets = [t for t in targets if t.represents() not in own]
            if not targets and not entry.target:
                inside = [m for m in sent.mentions if trig.start < m.start < trig.end and m.weak]
                targets = [a for a in (inside[0].actors if inside else []) if a.represents() not in own]
        if not sources and targets and entry.frame == "default" and entry.code.startswith(
                tuple(g.words["place_agent_codes"])):
            # "33 Russian nationals were detained in Belarus", "people demonstrated outside Japan's consulate in
            # Wellington"
            sources = self._place_agent(sent, trig, targets)
        if not sources and entry.frame == "default" and entry.code.startswith(tuple(g.words["place_people_codes"])):
            sources = self._crowd(sent, trig, state, targets)  # "several hundred people demonstrated against"
        if not sources and len(targets) == 1 and entry.frame == "default" and not between \
                and entry.code[:2] in g.words["partner_source_roots"]:
            # "Aid reached Nepal on Monday", "Iran was condemned": by the one the target has had most events with
            partner = state.partner(targets[0].represents())
            sources = [partner] if partner is not None else sources
        if entry.frame == "mediation" and not targets and not between:
            targets = list(state.last_pair or state.last_dispute)  # "Qatar also helped mediate": the parties
        if entry.frame == "reverse" and not reversing:  # "amid condemnation from Tokyo"
            sources, targets = targets, sources
            if not noun and targets:  # "Israel and the US will pay a heavy price [for the attack], Iran said"
                patients = {a.represents() for a in targets}
                reporter = [a for a in self._reporter(sent, trig) or [] if a.represents() not in patients]
                sources = reporter or sources
        if entry.conditional and not targets:  # "Beijing would retaliate unless the US went back on it"
            targets = [a for a in self._condition_subject(sent) if a.represents() not in
                       {s_.represents() for s_ in sources}]
        if releasing and (not sources or entry.frame == "reverse"):
            holder = self._holder(sent, trig.end, between=int(noun))  # "the Canadians were released after three years in Chinese prisons"
            sources = holder or ([] if entry.frame == "reverse" else sources)
            targets = [t for t in targets if t.represents() not in {h.represents() for h in holder}]
        if sources and int(entry.code[:2]) >= 15 and not between and \
                {t.represents() for t in targets} <= {s_.represents() for s_ in sources}:
            # "the Philippines said the China Coast Guard had turned water cannons on two of its vessels": no force
            # on its own; "its" is the other actor named before
            targets = self._other_owner(sent, trig, sources) or targets
        # "India and Pakistan accused each other", "blamed one another": each of the others
        mutual = len(sources) >= 2 and not between and self._reciprocal_object(sent, trig)
        targets = [] if mutual else targets  # (not what "each other" was taken to refer to)
        if sources and not targets and not between and not mutual:
            # ("The United States sent assistance", "He ordered a call-up")
            targets = self._implicit_targets(sent, trig, state, sources, anchor, fallback=fallback_target,
                                             content_verb=not reversing and (not noun or governor is not None))
        if mutual or len(sources) == 2 and not targets and not between and entry.frame == "default" and \
                entry.code[:2] in g.words["reciprocal_roots"] and (
                    self._reciprocal_subject(sent, anchor) or self._shared_object(sent, trig, sources)):
            # "both countries withdrew their ambassadors", "Colombia and Venezuela reopened their border": each
            # of the other
            pairs = [(s, t) for s in sources for t in sources if s.represents() != t.represents()]
        else:
            pairs = []
        pairs = pairs or hosted or self._domestic(self._pairs(entry.frame, sources, targets, between, sent, trig),
                                                  entry.code, sent)
        if entry.code[:2] in g.words["state_answers_roots"]:  # "an inquiry into the crackdown on protesters in Iran":
            pairs = [(s_, self.gaz.actors.get(t_.code[:-3], t_) if t_.code.endswith("OPP") else t_)  # Iran's
                     for s_, t_ in pairs]
            pairs = [(s_, t_) for s_, t_ in pairs if s_.represents() != t_.represents()]
        if entry.code in g.words["denial_codes"]:  # "Rwanda denies that it backs the rebels": to its accuser
            accused = {s_.represents() for s_, _ in pairs} or {a.represents() for a in sources}
            accuser = next((state.accusers[k] for k in accused if k in state.accusers), None)
            if accuser is not None:
                pairs = [(s_, accuser) for s_ in dict.fromkeys(s_ for s_, _ in pairs) or sources
                         if s_.represents() != accuser.represents()]
        if entry.frame == "symmetric" and " ".join(sent.lower[trig.start:trig.end]) in g.words["bilateral_nouns"] \
                and len({a.represents() for pair in pairs for a in pair}) > 2:
            # "In a rare joint statement, the leaders of the three countries said": a statement, not a deal
            # between each two of them
            notes.append(f"{trig.pattern!r}: a joint statement of three or more, no agreement between each two")
            pairs = []
        if entry.target_kinds:  # "leave the OAS", not "leave Moscow"
            pairs = [(s_, t_) for s_, t_ in pairs if t_.kind in entry.target_kinds]
        official = self._official_protest(sent, trig, pairs)
        if official and head > 0 and sent.lower[head - 1] in g.words["purpose_markers"] \
                and self._controlled_subject(sent, head) is None:  # (not "instructed the ministry to protest")
            notes.append(f"{trig.pattern!r}: the purpose of another act ('recalled its envoy to protest')")
            return []
        if entry.frame == "mediation" and between:
            state.last_pair = list(between)
        elif len(pairs) == 1 and entry.frame == "symmetric":
            state.last_pair = [pairs[0][0], pairs[0][1]]  # the parties "the deal" refers to
        if pairs and modality == "asserted":
            state.last_target[entry.code[:2]] = pairs[-1][1]
        if pairs and int(entry.code[:2]) >= 10:
            state.last_dispute = [pairs[0][0], pairs[0][1]]  # the parties "the dispute" refers to
            state.dispute_sentence = state.sentence_no
        if modality == "asserted":  # who had events with whom: the article's dyads
            for s_, t_ in pairs:
                state.pair(s_, t_)
                if entry.code.startswith(tuple(g.words["accusation_codes"])):
                    state.accusers[t_.represents()] = s_  # whom a later denial answers
        if sources and modality == "asserted":  # who did an act of this root ("the launch" refers to it later)
            state.doers[entry.code[:2]] = sources[0]
        if not pairs:
            notes.append(f"{trig.pattern!r}: no {'source' if not sources else 'target'}")
            return []

        code = host_code if hosted else self._ultimatum_act(sent, trig, self._demanded(sent, trig, entry.code))
        if refused:
            code = entry.negated
        verbal = g.maps["verbal_attacks"].match_at([sent.lower[head]], 0)
        if verbal[0] and not noun and all(s_.kind == "person" and t.kind == "person" for s_, t in pairs):
            code = str(verbal[1])  # "Trump attacked Justin Trudeau": words, not force
        if official and code == entry.code:
            code = official  # a state, its organs or its leaders protest in words: an official complaint
        stated = False  # a pledge or intent: the event is the statement, dated when it was made
        pledge = entry.intent or self._default_intent(code)
        if intent and modality == "future" and pledge:
            code, modality, stated = pledge, "asserted", True
        if not stated and modality in ("future", "asserted") and (
                code[:2] in g.words["threat_roots"] or code[:2] in g.words["pledge_threat_roots"]
                and self._pledge_cue(sent, anchor)) and self._pledged(sent, anchor):
            # "Iran said it would strike Israel", "the Houthis vowed to attack ships": force its user announces is
            # a threat, made now; announced by another ("US intelligence said Russia would invade") a forecast
            reporters = {a.represents() for a in self._reporter(sent, trig) or []}
            if reporters & {a.represents() for a in sources} or not reporters and self._pledge_cue(sent, anchor):
                code, modality, stated = self._threat_code(code) or code, "asserted", True
            else:
                modality = "future"
        would = modality == "future" or modality == "asserted" and any(
            w in ("would", "will") for w in self._window(sent, anchor))  # ("told Sweden that Iraq would ... if")
        threat = self._threat_code(code) if would and self._conditional(sent) \
            and not self._in_condition(sent, anchor) else None
        if threat:  # "Iraq would break off relations if the Koran was burned": a threat, made now
            code, modality, stated = threat, "asserted", True
        if entry.conditional and modality in ("future", "asserted"):  # "would retaliate unless": said now
            modality, stated = "asserted", True
        tense = "future" if modality == "future" else "past"  # a pledge is dated when it was made
        count = self._count(sent, trig)
        when, precision, date_certainty = self._date(sent, trig, article.published, tense, anchor,
                                                     background_ok=not stated, count=count, state=state)
        confidence = entry.weight * certainty * date_certainty * (0.7 if modality == "future" else 1.0)
        if hedged:  # "is believed to be supplying", "reportedly seized": kept, less sure
            confidence *= HEDGED
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

    def _one_and_list(self, sent: Sentence, actors: list[Actor]) -> bool:
        """Whether a coordinated group reads "A and B, C and D": its first member, "and", then a list with
        commas (two sides), not "A, B and C" (all of them alike)."""
        group = next((g for g in sent.groups if [a for m in g for a in m.actors] == actors), None)
        if group is None or len(group) < 3:
            return False
        lower = sent.lower
        first = [t for t in lower[group[0].end:group[1].start] if t not in self.grammar.words["determiners"]]
        return first == ["and"] and "," in lower[group[1].end:group[-1].start]

    def _direct_object(self, sent: Sentence, trig: Trigger, targets: list[Actor]) -> bool:
        """Whether the targets stand right after the trigger (a determiner between), as its object."""
        wanted = {a.represents() for a in targets}
        j = trig.end
        while j < len(sent.lower) and sent.lower[j] in self.grammar.words["determiners"]:
            j += 1
        return any(m.start == j and m.actors and m.actors[0].represents() in wanted and m.how != "pronoun"
                   for m in sent.mentions)

    def _pairs(self, frame, sources, targets, between, sent: Sentence, trig: Trigger):
        def distinct(a: Actor, b: Actor) -> bool:
            return a.represents() != b.represents()

        if frame == "mediation":
            parties = between or targets
            return [(s, t) for s in sources for t in parties if distinct(s, t)]
        if frame == "symmetric":
            many = between if between and len(between) >= 3 else sources if len(sources) >= 3 and not targets else None
            host = self._host(sent, trig) if many and trig.entry.code[:2] == "04" else None
            if host is not None:  # "leaders of France, Germany, Italy and Spain met in Rome": each with the host
                return [(a, host) for a in many if distinct(a, host)]
            if many is sources and len(sources) >= 4 and trig.entry.code[:2] == "04":
                return []  # four or more meeting with no host or body named: one summit, not every pair of them
            if between and len(between) >= 3 and self._one_and_list(sent, between):
                # "talks between Iran and the United States, Britain, China, France and Russia": one side and the
                # others, not every pair
                return [(between[0], b) for b in between[1:] if distinct(between[0], b)]
            if between and len(between) >= 2:
                return [(a, b) for a, b in combinations(between, 2) if distinct(a, b)]
            partner = self._with_partner(sent, trig.start + 1)  # "made peace with Israel": inside the pattern too
            if partner and sources:  # "signed agreements to normalise relations with Israel"
                targets = partner
            elif len(sources) >= 2 and targets and not set(a.represents() for a in targets) <= \
                    set(a.represents() for a in sources) and not self._direct_object(sent, trig, targets):
                # "the two countries should cooperate in the face of threats from X": reciprocal (but "France and
                # Germany met China": the object met)
                targets = []
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
