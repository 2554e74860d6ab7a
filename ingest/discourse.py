"""What a sentence's words say beyond its trigger's own roles: the discourse rules of the coder.

Each rule is a kind of news construction, with its words in ``data/grammar.yaml``: a negative determiner ("no
support"), a hedge ("is believed to"), a condition that makes an act a threat ("would break off relations if"),
an evaluation in reported speech ("said China had used dollar diplomacy"), a fronted phrase ("In a telephone call
with X, Y said"), a host of a meeting of many, the place an attack strikes, the one told ("told Sweden that"),
the state a story is about (for aid with no receiver and a state's own opposition), and the other side of the
conflict an earlier sentence coded. ``Coder`` mixes them in (``coder.py``).
"""

from __future__ import annotations

from diplokg.graph.model import Actor, Event, Evidence
from diplokg.ingest.article import Article
from diplokg.ingest.dates import find_dates
from diplokg.ingest.gazetteer import load_places, place_key
from diplokg.ingest.implicit import home_state, opposition_actor
from diplokg.ingest.lexicon import LexEntry, Trigger
from diplokg.ingest.mentions import DocState
from diplokg.ingest.roles import RIGHT_WINDOW, Sentence

__all__ = ["EVALUATION", "HEDGED", "Discourse"]

HEDGED = 0.6  # confidence factor of an event stated under a hedge
EVALUATION = 0.5  # confidence of a judgement read from reported speech without an event verb


class Discourse:
    """Mixin of ``Coder``: needs ``grammar``, ``gaz`` and the ``RoleFinder``/``TimeAndModality`` methods."""

    def _scheduled(self, sent: Sentence, trig: Trigger) -> bool:
        """Whether a noun trigger's own predicate, right after it, schedules it ("the talks are due to open", "a
        summit is scheduled to take place"): ``scheduled_cues``."""
        after: list[str] = []
        for j in range(trig.end, min(len(sent.lower), trig.end + 10)):
            if sent.lower[j] in self.grammar.words["clause_breaks"]:
                break
            after.append(sent.lower[j])
        return self.grammar.phrases["scheduled_cues"].contains(after)

    def _neither(self, sent: Sentence, anchor: int) -> bool:
        """Whether the clause's subject is "neither A nor B" ("neither Guyana nor Venezuela will, directly or
        indirectly, threaten the other"): its act is denied, however far the verb stands."""
        for j in range(anchor - 1, max(-1, anchor - 16), -1):
            if sent.lower[j] in (";", ":", "but", "yet") or sent.lower[j] in self.grammar.reporting_forms \
                    or sent.lower[j] != "," and sent.lower[j] in self.grammar.words["clause_breaks"]:
                return False
            if sent.lower[j] == "neither":
                return True
        return False

    def _prevented(self, sent: Sentence, anchor: int) -> bool:
        """Whether the act is one a negated permission keeps from happening: "pledged not to allow al-Qaeda to
        threaten the United States", "will never let Iran build a bomb" (``permission_verbs`` after a negator,
        in the trigger's clause)."""
        g = self.grammar
        for j in range(anchor - 1, max(-1, anchor - 16), -1):
            if sent.lower[j] in (";", ":") or sent.lower[j] in g.reporting_forms:
                return False
            if sent.lower[j] in g.verbs["permission_verbs"]:
                return any(g.phrases["negators"].match_at(sent.lower, k)[0] for k in range(max(0, j - 3), j))
        return False

    def _denied_noun(self, sent: Sentence, trig: Trigger) -> bool:
        """A noun trigger under a negative determiner or the object of a denial: "no support", "no military aid",
        "without talks", "firmly denies any trade blockade"."""
        inside = {i for m in sent.mentions for i in range(m.start, m.end)}
        words = self.grammar.words
        for j in range(trig.start - 1, max(-1, trig.start - 4), -1):
            if sent.lower[j] in words["negative_determiners"] or sent.lower[j] in words["denial_verbs"]:
                return True
            if j in inside or not sent.lower[j].isalpha():
                return False
        return False

    def _bare_participle_of_noun(self, sent: Sentence, head: int) -> bool:
        """A participle right after a generic group noun modifies it ("forces seeking independence", "anyone
        threatening the US"): that noun, not an actor further left, is its subject."""
        return head > 0 and sent.lower[head - 1] in self.grammar.words["generic_heads"] \
            and not any(m.start <= head - 1 < m.end for m in sent.mentions)

    def _told_in(self, sent: Sentence, trig: Trigger) -> tuple[list[Actor], list[Actor]] | None:
        """A contact named after "in|during" that follows a verb of telling and its object ("Lavrov told Mike
        Pompeo, the U.S. Secretary of State, in a telephone call on Friday that ..."): the teller and the one told."""
        g, lower = self.grammar, sent.lower
        j = trig.start - 1
        while j >= 0 and lower[j] in g.words["determiners"]:
            j -= 1
        if j < 1 or lower[j] not in ("in", "during"):
            return None
        for v in range(j - 1, max(-1, j - 16), -1):
            if lower[v] in (";", ":") or lower[v] in g.words["subordinators"]:
                return None
            if lower[v] in g.verbs["telling_verbs"]:
                told = sent.group_at.get(v + 1)
                subject = self._subject(sent, v)
                if not told or not subject:
                    return None
                return subject[0], [a for m in told for a in m.actors]
        return None

    def _fronted_subject(self, sent: Sentence, trig: Trigger) -> tuple[list[Actor], bool] | None:
        """A noun trigger in a fronted phrase ("In a telephone call with Erdogan, Sunak said", "During talks with
        Iran on Monday, the envoy ...") takes the main clause's subject, the first actor after its comma."""
        lower = sent.lower
        if sent.fronted_start() is None:
            return None
        comma = next((j for j in range(trig.end, min(len(lower), trig.end + 12)) if lower[j] == ","), None)
        if comma is None or any(t == "," for t in lower[:trig.start]):
            return None
        for _ in range(2):  # "After deporting them, although it was feared ..., Thailand met": past a concession
            if comma + 1 < len(lower) and lower[comma + 1] in self.grammar.words["subordinators"]:
                comma = next((j for j in range(comma + 2, min(len(lower), comma + 20)) if lower[j] == ","), None)
                if comma is None:
                    return None
        group = sent.group_at.get(comma + 1) or sent.group_at.get(comma + 2)
        return ([a for m in group for a in m.actors], True) if group else None

    def _struck_place(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """The state of a place an attack is spread across or aimed at ("air raids across Sanaa")."""
        for j in range(trig.end, min(len(sent.tokens) - 1, trig.end + 4)):
            if sent.lower[j] in self.grammar.words["clause_breaks"]:
                break
            k = j + 1  # (past "the", "part of", "northern": "over part of northern Japan", "in the Central African")
            while k < min(len(sent.lower), j + 5) and k not in sent.group_at and \
                    sent.lower[k] in self.grammar.words["place_modifiers"]:
                k += 1
            if sent.lower[j] in self.grammar.words["struck_place_prepositions"] and k in sent.group_at:
                group = sent.group_at[k]
                return [a for m in group for a in m.actors if a.kind == "state"]
            if sent.lower[j] in self.grammar.words["struck_place_prepositions"] and sent.tokens[j + 1][:1].isupper():
                placed = self._named_place(sent, j + 1)  # "hit camps in Derna, a city in eastern Libya"
                if placed:  # (not "on Monday")
                    return placed
        return self._named_place(sent, trig.end)

    def _named_place(self, sent: Sentence, pos: int) -> list[Actor]:
        """The state of a place named at ``pos`` that the gazetteer does not know, by the apposition that places it:
        "shelled Kobani, a town in northern Syria", "struck Marib, the government's last stronghold in Yemen"."""
        j = pos
        while j < len(sent.tokens) and j - pos < 4 and j not in sent.group_at and (
                sent.tokens[j][:1].isupper() or sent.tokens[j] == "-" and j > pos and j + 1 < len(sent.tokens)
                and sent.tokens[j + 1][:1].isupper()):
            j += 1
        if j == pos:
            return []
        return self._apposed_place(sent, j) or self._known_place(sent, pos, j)

    def _known_place(self, sent: Sentence, start: int, end: int) -> list[Actor]:
        """The state of a place named at tokens ``[start, end)`` that ``places.csv`` knows ("struck a hospital in
        Kharkiv"), longest name first."""
        places = load_places()
        for k in range(end, start, -1):
            code = places.get(place_key(sent.tokens[start:k]))
            if code and code in self.gaz.actors:
                return [self.gaz.actors[code]]
        return []

    def _apposed_place(self, sent: Sentence, j: int) -> list[Actor]:
        """The state an apposition after a place name (ending at ``j``) places it in: ", a town in northern
        Syria"."""
        if j >= len(sent.tokens) or sent.lower[j] != ",":
            return []
        nouns = self.grammar.words["settlement_nouns"]
        for k in range(j + 1, min(len(sent.tokens) - 1, j + 8)):
            if sent.lower[k] in self.grammar.words["clause_breaks"]:
                return []
            if sent.lower[k - 1] in nouns or any(sent.lower[n] in nouns for n in range(j + 1, k)):
                if sent.lower[k] in ("in", "of"):
                    for n in range(k + 1, min(len(sent.tokens), k + 4)):
                        if n in sent.group_at:
                            return [a for m in sent.group_at[n] for a in m.actors if a.kind == "state"]
                    return []
        return []

    def _host(self, sent: Sentence, trig: Trigger) -> Actor | None:
        """Who hosts a meeting of three or more: the state of the place "in"/"at" after the trigger, else a body
        the sentence names ("at the ASEAN summit", "a NATO meeting")."""
        for j in range(trig.end, min(len(sent.tokens) - 1, trig.end + RIGHT_WINDOW)):
            if sent.lower[j] in self.grammar.words["clause_breaks"]:
                break
            if sent.lower[j] in ("in", "at") and j + 1 in sent.group_at:
                actors = [a for m in sent.group_at[j + 1] for a in m.actors]
                if len(actors) == 1:
                    return actors[0]
        bodies = [a for m in sent.mentions if not m.weak and not self._placed(sent, m)
                  for a in m.actors if a.kind in ("organisation", "bloc")]
        return bodies[0] if len(bodies) == 1 else None  # (not "members of the UN Security Council": weak)

    def _placed(self, sent: Sentence, m) -> bool:
        """Whether a mention is a place: a capital or seat after a place preposition ("gather in Brussels")."""
        return m.how == "metonym" and sent.prev_word(m.start)[1] in self.grammar.words["locative_prepositions"]

    def _reported_evaluation(self, sent: Sentence, article: Article, state: DocState,
                             notes: list[str]) -> list[Event]:
        """A speaker's reported judgement of another actor: "X said Washington alone had created the situation
        and must bear responsibility", "Wu said China had used dollar diplomacy", "Faurie said the situation in
        Venezuela had become intolerable". The speaker is the reporting verb's subject; the judged actor, the
        first other actor of the reported clause; the judgement, an evaluative phrase of the grammar's
        ``evaluations`` (its CAMEO code: 111 criticise, 112 accuse) later in that clause."""
        g = self.grammar
        table = g.maps["evaluations"]
        for r, word in enumerate(sent.lower):
            if word not in g.reporting_forms and word not in g.words["naming_verbs"]:
                continue  # (also "called Australia's drive for an inquiry dangerous")
            subject = self._subject(sent, r)
            if not subject:
                continue
            speakers = subject[0]
            own = {a.represents() for a in speakers}
            judged, found = None, None
            named = {k for m in sent.mentions for k in range(m.start, m.end)}  # ("the United States": no "states")
            for j in range(r + 1, len(sent.lower)):
                if sent.lower[j] in (";",) or sent.lower[j] in g.reporting_forms and j > r + 1 and j not in named:
                    break
                if judged is None and j in sent.group_at:
                    group = [a for m in sent.group_at[j] for a in m.actors]
                    others = [a for a in group if a.represents() not in own]
                    # (the speaker among them, "Yoon said the two countries should cooperate": an exhortation)
                    judged = None if not others else [] if len(others) < len(group) else others
                length, code = table.match_at(sent.lower, j)
                if length and judged and str(code) in g.words["obligation_codes"]:
                    if j + length < len(sent.lower) and sent.lower[j + length] in g.words["negators"]:
                        continue  # ("the first red line that must not be crossed": a warning, not a demand)
                    found = found or (j, length, str(code))  # (a judgement later in the clause wins: "must
                    continue  # therefore bear responsibility")
                if length and judged:
                    found = (j, length, str(code))
                    break
            if not found:
                continue
            j, length, code = found
            if code in g.words["addressed_judgements"] and sent.lower[r] not in g.verbs["telling_verbs"]:
                continue  # ("China said Taiwan was a red line": no warning to Taiwan; "told Biden that": to Biden)
            notes.append(f"reported judgement {' '.join(sent.lower[j:j + length])!r}")
            return self._judgement(sent, article, state, code, " ".join(sent.lower[j:j + length]), (j, j + length),
                                   (j, j + length), r, speakers, judged, "grammar.yaml evaluations")
        return []

    def _judgement(self, sent: Sentence, article: Article, state: DocState, code: str, pattern: str,
                   span: tuple[int, int], shown: tuple[int, int], anchor: int, speakers: list[Actor],
                   judged: list[Actor], origin: str) -> list[Event]:
        """The events of a judgement read from a sentence without an event verb: each speaker toward each judged
        actor, dated as a past act at ``anchor``, the words ``shown`` as its evidence."""
        entry = LexEntry(code=code, pos="verb", origin=origin)
        trig = Trigger(entry, pattern, span[0], span[1], "VBD")
        when, precision, date_certainty = self._date(sent, trig, article.published, "past", anchor, state=state)
        evidence = Evidence(sentence=sent.span.text, start=sent.span.start_char, end=sent.span.end_char,
                            trigger=sent.span[shown[0]:shown[1]].text, pattern=pattern)
        return [Event(source=s, target=t, code=code, date=when, precision=precision, count=None,
                      modality="asserted", confidence=EVALUATION * date_certainty, evidence=[evidence])
                for s in speakers for t in judged if s.represents() != t.represents()]

    def _what_called(self, sent: Sentence, article: Article, state: DocState, notes: list[str]) -> list[Event]:
        """Scare-quote naming: "pointing to what he called the organisation's repeated acts of meddling",
        "answering what he called threatening moves by NATO": the speaker (the subject after "what") criticises
        (111) the first other actor the named thing belongs to, within a few words (grammar ``naming_verbs``)."""
        g = self.grammar
        naming = g.words["naming_verbs"]
        for j, word in enumerate(sent.lower[:-2]):
            first = j + 1 + (sent.lower[j + 1] == "the")  # ("what the White House describes as")
            if word != "what" or first not in sent.group_at:
                continue
            group = sent.group_at[first]
            v = group[-1].end
            if v >= len(sent.lower) or sent.lower[v] not in naming:
                continue
            speakers = [a for m in group for a in m.actors]
            own = {a.represents() for a in speakers}
            judged = None
            for k in range(v + 1, min(len(sent.lower), v + 10)):
                if sent.lower[k] in g.words["clause_breaks"] or sent.lower[k] in (".", ";"):
                    break
                named = sent.group_at.get(k)
                owner = named is not None and (
                    named[-1].possessive or sent.lower[named[-1].end:named[-1].end + 1] in (["'s"], ["’s"])
                    or sent.lower[k - 1] in ("by", "of", "from") or named[0].how in ("demonym", "organ"))
                if owner:  # the named thing's owner or agent ("the organisation's", "by NATO"), not a partner
                    judged = [a for m in named for a in m.actors if a.represents() not in own] or None
                    if judged:
                        break
            if not speakers or not judged:
                continue
            pattern = f"what * {sent.lower[v]}"
            notes.append(f"naming {pattern!r}")
            return self._judgement(sent, article, state, "111", pattern, (v, v + 1), (j, v + 1), v, speakers, judged,
                                   "grammar.yaml naming_verbs")
        return []

    def _named_judgement(self, sent: Sentence, article: Article, state: DocState, notes: list[str]) -> list[Event]:
        """A judgement named on a thing another actor did or owns: "<speaker> called|described <thing> (as)
        '<judgement>'" ("Ambassador Cheng called Australia's drive for an inquiry 'dangerous'", "Merkel described the
        arrest as 'disappointing'", "called what Moscow had done 'very alarming'"): the naming verb's subject toward
        the thing's owner (grammar ``judgement_naming_verbs``, ``named_judgements``, ``judgement_intensifiers``)."""
        g = self.grammar
        lower = sent.lower
        between = g.words["judgement_intensifiers"]
        for v, word in enumerate(lower[:-2]):
            if word not in g.words["judgement_naming_verbs"] or "what" in lower[max(0, v - 4):v]:
                continue  # ("what he called ...": _what_called)
            found = None
            for k in range(v + 2, min(len(lower), v + 14)):
                if lower[k] in (";", ":") or lower[k] in g.words["clause_breaks"] and lower[k] != "as":
                    break
                length, code = g.maps["named_judgements"].match_at(lower, k)
                if length and (lower[k - 1] in between or lower[k - 1] == "as"):
                    found = (k, k + length, code)
                    break
            if found is None:
                continue
            k, end, code = found
            start = k
            while start > v + 1 and lower[start - 1] in between:
                start -= 1  # the thing named ends before "as", "a", the quote mark and intensifiers
            judged = None
            for j in range(v + 1, start):
                named = sent.group_at.get(j)
                if named is None:
                    continue
                owner = named[-1].possessive or lower[named[-1].end:named[-1].end + 1] in (["'s"], ["’s"]) \
                    or lower[j - 1] in ("by", "of", "from", "what") or named[0].how in ("demonym", "organ")
                if owner:
                    judged = [a for m in named for a in m.actors]
                    break
            subject = self._subject(sent, v)
            speakers = subject[0] if subject else []
            own = {a.represents() for a in speakers}
            judged = [a for a in judged or [] if a.represents() not in own]
            if not speakers or not judged:
                continue
            pattern = f"{word} * {' '.join(lower[k:end])}"
            notes.append(f"named judgement {pattern!r}")
            return self._judgement(sent, article, state, code, pattern, (v, v + 1), (v, end), v, speakers, judged,
                                   "grammar.yaml named_judgements")
        return []

    def _echo(self, sent: Sentence, article: Article, state: DocState, placed: list[tuple[int, Event]],
              stated: bool, notes: list[str]) -> list[Event]:
        """An act stated only as the earlier act repeated, with no trigger of its own (``echo_acts``): "Petro then
        took a matching step" (``reverse``: the last act's target returns it to its doer), "Bahrain followed
        suit" (``same``: the same act on the same target by another actor). The earlier act: the last one this
        sentence states before the phrase (``placed``: trigger positions and events), else, if the sentence
        ``stated`` none, the article's last."""
        g = self.grammar
        for j in range(len(sent.lower)):
            length, how = g.maps["echo_acts"].match_at(sent.lower, j)
            if not length:
                continue
            before = [e for start, e in placed if start < j and e.modality == "asserted"]
            last = before[-1] if before else None if stated else state.last_event
            if last is None:
                return []
            subject = self._subject(sent, j)
            if not subject:
                return []
            doers = subject[0]
            if how == "reverse":
                pairs = [(a, last.source) for a in doers if a.represents() == last.target.represents()]
            else:
                pairs = [(a, last.target) for a in doers
                         if a.represents() not in (last.source.represents(), last.target.represents())]
            if not pairs:
                return []
            entry = LexEntry(code=last.code, pos="verb", origin="grammar.yaml echo_acts")
            trig = Trigger(entry, " ".join(sent.lower[j:j + length]), j, j + length, "VBD")
            if article.published is not None and find_dates(sent.span.text, article.published, "past"):
                when, precision, _ = self._date(sent, trig, article.published, "past", j, state=state)
            else:  # no date of its own: when the act it echoes was
                when, precision = last.date, last.precision
            evidence = Evidence(sentence=sent.span.text, start=sent.span.start_char, end=sent.span.end_char,
                                trigger=sent.span[j:j + length].text, pattern=trig.pattern)
            notes.append(f"echo {trig.pattern!r} of {last.code}")
            return [Event(source=s, target=t, code=last.code, date=when, precision=precision, modality="asserted",
                          confidence=last.confidence * 0.8, evidence=[evidence]) for s, t in pairs]
        return []

    def _demanded(self, sent: Sentence, trig: Trigger, code: str) -> str:
        """An appeal (CAMEO 02x) for an act that undoes a wrong ("urged New Delhi to punish those responsible",
        "called on Minsk to free the nationals", "called for every operation to be halted": ``demand_complements``)
        is a demand, the parallel 10x code; an appeal to cooperate ("urged them to stay united") stays 02x."""
        if not code.startswith("02"):
            return code
        g = self.grammar
        lower = sent.lower
        for j in range(trig.start + 1, min(len(lower) - 1, trig.end + 10)):
            if lower[j] in (";", ":") or lower[j] in g.reporting_forms:
                break
            if lower[j] != "to":
                continue
            k = j + 1
            while k < len(lower) and (lower[k] in g.words["adverbs"] or lower[k] in ("be", "immediately")):
                k += 1
            if k < len(lower) and g.phrases["demand_complements"].match_at(lower, k)[0]:
                return "10" + code[2:]
            return code  # (the first "to <verb>" is the appeal's act)
        return code

    def _ultimatum_act(self, sent: Sentence, trig: Trigger, code: str) -> str:
        """An ultimatum (CAMEO 139) whose act is leaving the country ("Iranian diplomats have been given 24 hours by
        Tirana to leave") is an expulsion (166; grammar ``departure_acts``), within a few words of the trigger."""
        if not code.startswith("139"):
            return code
        phrases = self.grammar.phrases["departure_acts"]
        for j in range(trig.start + 1, min(len(sent.lower), trig.end + 8)):
            if sent.lower[j] in (";", ":", ".") or sent.lower[j] in self.grammar.reporting_forms:
                break
            if phrases.match_at(sent.lower, j)[0]:
                return "166"
        return code

    def _reciprocal_object(self, sent: Sentence, trig: Trigger) -> bool:
        """Whether "each other" or "one another" is the trigger's object ("accused each other", "blamed one
        another for")."""
        phrases = self.grammar.phrases["reciprocal_objects"]
        return any(phrases.match_at(sent.lower, k)[0] for k in range(trig.start + 1, min(len(sent.lower), trig.end + 1)))

    def _same_act(self, sent: Sentence, anchor: int) -> bool:
        """Whether the trigger's clause says its act repeats one told before ("followed suit and broke off ties",
        "Yemen also cut ties"): a same-act phrase between the clause's start and just after the trigger (not an
        "also" in another clause of the sentence)."""
        lower, g = sent.lower, self.grammar
        start = anchor
        while start > 0 and lower[start - 1] not in g.words["clause_breaks"]:
            start -= 1
        phrases = g.phrases["same_act_words"]
        return any(phrases.match_at(lower, k)[0] for k in range(start, min(len(lower), anchor + 3)))

    def _hedged(self, sent: Sentence, anchor: int) -> bool:
        """Whether a hedge ("reportedly", "is believed to", "allegedly") stands in the trigger's clause before it."""
        hedges, denials = self.grammar.phrases["hedges"], self.grammar.phrases["denials"]
        # (a denial contests the act it reports without undoing it: "denied that its forces had bombed Mariupol")
        return self._in_clause_before(sent, anchor, 5, lambda j: bool(hedges.match_at(sent.lower, j)[0])) \
            or denials.contains(self._window(sent, anchor))

    def _future_marked(self, sent: Sentence, anchor: int) -> bool:
        """Whether a future auxiliary ("will", "plans to") stands in the clause before the trigger."""
        auxiliaries = self.grammar.words["future_auxiliaries"]
        return self._in_clause_before(sent, anchor, 5, lambda j: sent.lower[j] in auxiliaries)

    def _implicit_targets(self, sent: Sentence, trig: Trigger, state: DocState, sources: list[Actor],
                          anchor: int, content_verb: bool, fallback: Actor | None) -> list[Actor]:
        """For an act with a source and no target in its own clause, the first of: the state the story is about
        (aid and offers of help); the target of the act it repeats ("followed suit"); ``fallback`` (the target of
        the act a warning announces); the one told ("told Sweden that ..."); the state of the place an attack
        strikes; the other side of the conflict an earlier sentence coded (threats, force, apologies, denials).
        ``content_verb``: the trigger is a verb or a noun with its light verb, not one the roles reverse."""
        entry, g = trig.entry, self.grammar
        own = {s.represents() for s in sources}

        def others(actors) -> list[Actor]:
            return [a for a in actors if a is not None and a.represents() not in own]

        default = entry.frame == "default"
        found: list[Actor] = []
        if default and content_verb and entry.code.startswith(tuple(g.words["implicit_recipient_codes"])):
            found = others([home_state(state, self.gaz, [], own, least=2)])
        if not found and default and self._same_act(sent, anchor):
            found = others([state.last_target.get(entry.code[:2])])
        if not found and fallback is not None:
            found = others([fallback])
        if found or not default:
            return found
        found = others(self._addressee(sent, anchor))
        if not found and entry.code[:2] in g.words["appeal_roots"] and len(state.last_dispute) == 2 \
                and self._calls_for_truce(sent, trig):
            found = others(state.last_dispute)  # "Russia, meanwhile, urged an immediate ceasefire": both sides
        if not found and entry.code[:2] in g.words["place_target_roots"]:
            found = others(self._victims(sent, trig)) or others(self._struck_place(sent, trig))
        if not found and entry.code[:2] in g.words["protest_roots"]:
            found = others(self._protested(sent, trig))  # "poured into the streets to protest against Trump's visit"
        if not found and entry.code[:2] in g.words["saying_target_roots"]:
            found = others(self._said_of(sent, trig))
        last = state.last_event
        if not found and entry.code.startswith(tuple(g.words["reaction_codes"])):
            found = others(self._offerer(sent, trig))  # "turning down the $20 million that G7 leaders promised"
        if not found and entry.code.startswith(tuple(g.words["reaction_codes"])) and last is not None \
                and last.target.represents() in own and last.source.represents() not in own:
            found = [last.source]  # "The US offered aid to Venezuela. Caracas refused the aid": the offer's maker
        if not found and entry.code.startswith(tuple(g.words["implicit_adversary_codes"])) \
                and len(state.last_dispute) == 2 and state.dispute_sentence < state.sentence_no:
            # "Israel is at war with Hamas ... He ordered a call-up of reservists"
            sides = [a.represents() for a in state.last_dispute]
            if len(own) == 1 and own <= set(sides) and sides[0] != sides[1]:
                found = [state.last_dispute[1 - sides.index(next(iter(own)))]]
        if not found and len(own) == 1 and entry.code[:2] in g.words["partner_target_roots"]:
            # "On Tuesday Iran demanded an apology": the one the source has had most events with in the article
            # so far
            found = others([state.partner(next(iter(own)))])
        return found

    def _protested(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """Whom a protest is against, named after a purpose phrase later in its sentence (grammar
        ``protest_purposes``: "poured into the streets of Paris to protest against President Trump's visit"): the
        first actor within four words after it."""
        end = self._phrase_after(sent, trig.end, "protest_purposes")
        if end is None:
            return []
        return next((list(m.actors) for m in sent.mentions if end <= m.start < end + 4 and m.actors and not m.weak), [])

    def _offerer(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """Who offered what a refusal refuses, named in a relative clause on its object: "turning down the $20
        million that G7 leaders promised", "rejected the aid which Washington offered" (``intent_verbs``)."""
        g = self.grammar
        for j in range(trig.end, min(len(sent.lower) - 2, trig.end + 8)):
            if sent.lower[j] in (";", ":", "."):
                return []
            start = j + 2 if j + 2 < len(sent.lower) and sent.lower[j + 1] in g.words["determiners"] else j + 1
            if sent.lower[j] in ("that", "which") and start in sent.group_at:
                group = sent.group_at[start]
                k = group[-1].end  # (past its head noun and an auxiliary: "that G7 leaders had promised")
                while k < len(sent.lower) and k - group[-1].end < 3 and sent.lower[k] not in g.verbs["intent_verbs"] \
                        and sent.lower[k].isalpha() and sent.lower[k] not in g.words["relative_pronouns"]:
                    k += 1
                if k < len(sent.lower) and sent.lower[k] in g.verbs["intent_verbs"]:
                    return [a for m in group for a in m.actors]
                return []
        return []

    def _calls_for_truce(self, sent: Sentence, trig: Trigger) -> bool:
        """Whether an appeal asks for a ceasefire, a truce or restraint (``truce_words``), in its own pattern or
        its clause right after it."""
        phrases = self.grammar.phrases["truce_words"]
        for j in range(trig.start, min(len(sent.lower), trig.end + 6)):
            if j >= trig.end and sent.lower[j] in self.grammar.words["clause_breaks"]:
                return False
            if phrases.match_at(sent.lower, j)[0]:
                return True
        return False

    def _place_agent(self, sent: Sentence, trig: Trigger, targets: list[Actor]) -> list[Actor]:
        """An arrest or detention with no agent named is the act of the state it happens in: "33 Russian nationals
        were detained in Belarus", "the detention of two Canadians in China" (``place_agent_codes``); the state or
        city after "in" in the trigger's clause, other than the targets' own. A protest with no protesters named is
        the place's people's ("people demonstrated outside Japan's consulate in Wellington")."""
        g, lower = self.grammar, sent.lower
        own = {t.represents() for t in targets}
        for j in range(trig.end, min(len(lower) - 1, trig.end + 8)):
            if lower[j] in g.words["clause_breaks"] and lower[j] != ",":
                return []
            if lower[j] in g.words["place_in"] and (j + 1 in sent.group_at or sent.tokens[j + 1][:1].isupper()):
                if j + 1 in sent.group_at:
                    place = [a for m in sent.group_at[j + 1] for a in m.actors
                             if m.how in ("name", "metonym") and a.kind == "state" and a.represents() not in own]
                else:  # a city the gazetteer does not know: "were detained in Goma"
                    place = [a for a in self._named_place(sent, j + 1) if a.represents() not in own]
                if place:
                    # (protests with no protesters named: the people of the place)
                    if not trig.entry.code.startswith(tuple(g.words["place_people_codes"])):
                        return place[:1]
                    protest = lower[trig.start] in g.verbs["protest_verbs"]
                    return [opposition_actor(place[0], self.gaz)] if protest else []
        return []

    def _crowd(self, sent: Sentence, trig: Trigger, state: DocState, targets: list[Actor]) -> list[Actor]:
        """A protest whose subject is a crowd no state is named for (grammar ``crowd_nouns``: "several hundred
        people demonstrated", "Thousands took to the streets of Istanbul"): the opposition of the state a demonym
        in the crowd's own phrase names ("5,000 members of Indonesian organisations"), else of the city or state
        after "in"/"of" in the clause ("the streets of Istanbul"), else of the state the article is about so far
        (not one the crowd protests against by name, nor one whose embassy it stands at)."""
        head = self._crowd_head(sent, trig)
        if head is None:
            return []
        j, people = head
        own = {t.represents() for t in targets}
        if people and people[0].kind == "state" and people[0].represents() not in own:
            return [opposition_actor(people[0], self.gaz)]
        lower = sent.lower
        for k in range(j + 1, min(len(lower) - 1, trig.end + 6)):
            if lower[k] in self.grammar.words["place_in"] or lower[k] == "of":  # "the streets of Istanbul"
                if k + 1 in sent.group_at:
                    place = [a for m in sent.group_at[k + 1] for a in m.actors
                             if m.how in ("name", "metonym") and a.kind == "state" and a.represents() not in own]
                else:
                    place = [a for a in self._named_place(sent, k + 1) if a.represents() not in own]
                if place:
                    return [opposition_actor(place[0], self.gaz)]
        besides = {a.represents() for m in sent.mentions if m.actors and m.start > trig.start and (
            m.how in ("name", "metonym") or m.how == "organ" and lower[m.end - 1] in self.grammar.words["mission_words"])
            for a in m.actors}  # (but their own police: "threw rocks at the police")
        home = home_state(state, self.gaz, sent.mentions, besides)
        return [opposition_actor(home, self.gaz)] if home is not None else []

    def _crowd_head(self, sent: Sentence, trig: Trigger) -> tuple[int, list[Actor] | None] | None:
        """Where the crowd noun before a protest trigger stands, within its clause (parentheses allowed), and the
        actors of a demonym between them ("members of a range of Indonesian organisations (NGO) took part"); None
        if an actor other than a demonym stands between, or the crowd is governed by a preposition ("fired on
        crowds") or is a quantity of another head ("thousands of tourists")."""
        g, lower = self.grammar, sent.lower
        crowd = g.words["crowd_nouns"]
        j, people = trig.start - 1, None
        while j >= 0 and trig.start - j <= 20 and lower[j] not in crowd:
            if lower[j] in g.words["clause_breaks"] and lower[j] not in (",", "(", ")"):
                return None
            if j in sent.group_at and any(m.actors for m in sent.group_at[j]):
                group = sent.group_at[j]
                if not all(m.how == "demonym" for m in group) or people is not None:
                    return None  # ("Kenya's opposition": a named crowd is found elsewhere)
                people = group[0].actors
            j -= 1
        if j < 0 or lower[j] not in crowd or j and lower[j - 1] in g.words["prepositions"] and lower[j - 1] != "of":
            return None
        if j + 2 < len(lower) and lower[j + 1] == "of" and lower[j] in g.words["crowd_quantities"] \
                and lower[j + 2] not in crowd:
            return None
        return j, people

    def _victims(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """The ones an attack named as a noun killed or wounded: "Two Syrian soldiers were killed in an Israeli
        air strike", "wounded by Israeli fire" — the subject of the victim verb (``victim_verbs``) the noun's
        "in|by" phrase follows."""
        g = self.grammar
        j = trig.start - 1
        while j >= 0 and trig.start - j <= 5 and sent.lower[j] not in ("in", "by", "during"):
            if sent.lower[j] in g.words["clause_breaks"]:
                return []
            j -= 1
        if j < 1 or sent.lower[j] not in ("in", "by", "during") or sent.lower[j - 1] not in g.words["victim_verbs"]:
            return []
        subject = self._subject(sent, j - 1)
        return list(subject[0]) if subject else []

    def _said_of(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """The first actor of a "saying ..." clause right after a complaint with no target of its own ("Pakistan
        lodged a protest on Sunday, saying Washington had not told Prime Minister Nawaz Sharif"): whom it is
        about."""
        for j in range(trig.end, min(len(sent.lower) - 1, trig.end + 8)):
            if sent.lower[j] in (";", ":"):
                return []
            if sent.lower[j] == "saying" and (j == 0 or sent.lower[j - 1] == ","):
                k = j + 1 + (sent.lower[j + 1] == "that")
                group = sent.group_at.get(k) or sent.group_at.get(k + 1)
                return [a for m in group if not m.weak for a in m.actors] if group else []
        return []

    def _addressee(self, sent: Sentence, anchor: int) -> list[Actor]:
        """The actor told, informed or warned ("told Sweden that ...") before the trigger's clause."""
        for j in range(anchor - 1, -1, -1):
            if sent.lower[j] in self.grammar.verbs["telling_verbs"]:
                group = sent.group_at.get(j + 1)
                return [a for m in group for a in m.actors] if group else []
        return []

    def _threat_code(self, code: str) -> str | None:
        """The CAMEO threat (13x) of a conflictual act stated as a consequence: by the longest code prefix in the
        grammar's ``threat_codes``."""
        table = self.grammar.maps["threat_codes"]
        return next((str(table[(code[:n],)]) for n in range(len(code), 1, -1) if (code[:n],) in table), None)

    def _conditional(self, sent: Sentence) -> bool:
        """Whether the sentence states a condition: "if", "unless", or an inverted "should|had <actor>"."""
        lower = sent.lower
        if any(t in self.grammar.words["condition_markers"] for t in lower):
            return True
        starts = {m.start for m in sent.mentions if m.actors}
        # ("... tariffs on the United States should President Trump carry out his pledge": a modal "should" takes a
        # verb, not an actor; not in a question: "Why should Iran trust them?")
        return any(t == "should" and i + 1 in starts and lower[-1] != "?"
                   or t == "had" and i + 1 in starts and (i == 0 or lower[i - 1] in (",", "and"))
                   for i, t in enumerate(lower))

    def _condition_subject(self, sent: Sentence) -> list[Actor]:
        """The actor group that opens the condition ("unless the US went back", "if it keeps threatening"): the
        first within three words after "if|unless", or right after an inverted "should"."""
        lower = sent.lower
        for j, t in enumerate(lower):
            if t in self.grammar.words["condition_markers"] or t == "should" and j + 1 in sent.group_at:
                k = next((k for k in range(j + 1, min(len(lower), j + 4)) if k in sent.group_at), None)
                if k is not None:
                    return [a for m in sent.group_at[k] for a in m.actors]
        return []

    def _in_condition(self, sent: Sentence, anchor: int) -> bool:
        """Whether the trigger stands in the condition itself ("If Iran attacks Israel, ...")."""
        for j in range(anchor - 1, -1, -1):
            if sent.lower[j] in self.grammar.words["condition_markers"]:
                return True
            if sent.lower[j] in self.grammar.words["clause_breaks"]:
                return False
        return False

    def _to_act(self, lower, pos: int, starts: set[int]) -> bool:
        """Whether "to <trigger>" follows ``pos`` (an adverb may stand between), also past a phase ("to begin
        withdrawing", "to start the formal process of withdrawing")."""
        words = self.grammar.words
        j = pos
        while j < len(lower) and lower[j] in words["adverbs"]:
            j += 1
        if j >= len(lower) or lower[j] != "to":
            return False
        k = j + 1
        while k < len(lower) and lower[k] in words["adverbs"]:
            k += 1
        if k < len(lower) and lower[k] in words["phase_verbs"]:
            k += 1
            noun = next((n for n in range(k, min(len(lower), k + 4)) if lower[n] in words["phase_nouns"]), None)
            if noun is not None and noun + 1 < len(lower) and lower[noun + 1] == "of":
                k = noun + 2
        return k in starts

    def _reciprocal_subject(self, sent: Sentence, anchor: int) -> bool:
        """Whether the subject before ``anchor`` is a pair reference ("both countries", "the two sides")."""
        pairs = self.grammar.maps["pair_references"]
        return any(m.end <= anchor and m.how == "pronoun" and len(m.actors) == 2 and m.subject
                   and tuple(m.text.lower().split()) in pairs for m in sent.mentions)

    def _domestic(self, pairs, code: str, sent: Sentence):
        """A state that arrests, assaults or kills protesters or "the opposition" with no state named acts on its
        own ("the government detained opposition leaders"): they are that state's opposition. Another state's
        violence against a people's unarmed protesters is against that state ("Israeli snipers killed Palestinian
        protesters")."""
        if code[:2] in self.grammar.words["place_people_codes"]:
            # a protest is not against its own state named only as the place ("took to the streets of Nepal's
            # capital")
            named = {a.represents() for m in sent.mentions if not m.weak for a in m.actors}
            return [(s, t) for s, t in pairs if not (s.code == f"{t.code}OPP" and t.represents() not in named)]
        violent = code[:2] in self.grammar.words["violent_roots"]
        if not violent:
            return pairs
        bare = {id(a) for m in sent.mentions if m.how == "opposition" for a in m.actors} \
            if code[:2] in self.grammar.words["domestic_roots"] else set()
        armed = self.grammar.words["armed_group_words"]
        unarmed = {id(a) for m in sent.mentions if m.actors and m.actors[0].code.endswith("OPP")
                   and m.text.lower().split()[-1] not in armed for a in m.actors}
        out = []
        for s, t in pairs:
            state = self.gaz.actors.get(s.represents())
            if id(t) in bare and state is not None and state.kind == "state":
                t = self.gaz.actors.get(f"{state.code}OPP", t)
            elif id(t) in unarmed and state is not None and state.kind == "state" and t.code[:-3] != state.code \
                    and t.code[:-3] in self.gaz.actors:
                # "Israeli snipers killed 60 Palestinian protesters": a foreign force's violence against a
                # people's protesters is against that people (not rebels: "Russia struck Syrian rebels")
                t = self.gaz.actors[t.code[:-3]]
            out.append((s, t))
        return out
