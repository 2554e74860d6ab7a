"""Clause-level readings that decide whether and how a trigger codes: a standing state in a present-tense relative
clause, an act only proposed, talks hosted by a third party, two subjects acting on their shared thing, a noun event
given in the passive. A mixin of ``Coder`` (beside ``RoleFinder``, ``TimeAndModality`` and ``Discourse``); the words
come from ``data/grammar.yaml``."""

from __future__ import annotations

from diplokg.graph.model import Actor
from diplokg.ingest.implicit import opposition_actor
from diplokg.ingest.lexicon import Grammar, Trigger
from diplokg.ingest.roles import Sentence

PARTICIPLE_PREPOSITIONS = frozenset({"to", "on", "upon", "against", "for", "with", "at", "into"})


class Clauses:
    """Clause readings (mixed into ``Coder``, which provides ``self.grammar`` and ``_in_clause_before``)."""

    grammar: Grammar

    def _habitual(self, sent: Sentence, trig: Trigger) -> bool:
        """A verb in the simple present right after a relative pronoun describes a standing state, not an event:
        "countries that recognise Taiwan", "PIF members, many of which receive aid from Beijing"."""
        j = sent.skip_adverbs(trig.start - 1)
        if trig.head_tag in ("VBN", "VBD", "VBG") and j > 0 and sent.lower[j] in ("is", "are"):
            # "who is closely allied with Putin", "which are backed by Iran", "the coalition, which is fighting the
            # militants in Iraq": a state too
            j = sent.skip_adverbs(j - 1)
        elif trig.head_tag not in ("VBZ", "VBP", "VB"):  # (a bare form right after "that" is a present plural)
            return False
        if j < 0 or sent.lower[j] not in ("that", "which", "who"):
            return False
        # ("argues that aid should ...": a complementiser after a verb of saying, not a relative pronoun)
        return sent.lower[j] != "that" or not self._in_clause_before(
            sent, j, 5, lambda k: sent.lower[k] in self.grammar.reporting_forms)

    def _reduced_passive(self, sent: Sentence, trig: Trigger) -> bool:
        """A past participle right after a noun and right before a preposition other than "by" modifies that noun
        as a passive with no agent named ("the Iranians killed in the stampede", "everyone killed in the war"):
        the sentence's subject is not its doer."""
        head, g = trig.start, self.grammar
        if trig.end != head + 1 or not sent.lower[head].endswith("ed") or head == 0 or trig.end >= len(sent.lower):
            return False
        prev, nxt = sent.lower[head - 1], sent.lower[trig.end]
        return nxt in g.words["reduced_passive_prepositions"] and prev.isalpha() \
            and not g.phrases["amount_phrases"].match_at(sent.lower, trig.end)[0] \
            and prev not in g.words["be_forms"] and prev not in g.words["adverbs"] \
            and prev not in g.words["perfect_auxiliaries"] and prev not in ("had", "having") \
            and prev not in g.words["relative_pronouns"] and prev not in g.words["subject_pronouns"] \
            and not any(m.start <= head - 1 < m.end and m.how in ("name", "metonym", "organ", "person", "title",
                                                                  "short", "dynamic") for m in sent.mentions)

    def _relative_object(self, sent: Sentence, trig: Trigger, previous) -> tuple[list[Actor], list[Actor]] | None:
        """A verb in an object relative clause: its subject stands right before it and its object is what the
        clause hangs on, so the verb takes no object of its own ("Israel, which it accuses of setting off the
        pagers": Israel; "..., a step China's foreign ministry on Wednesday described as a provocation", "a move
        Washington called a constructive step": the act the sentence told just before, so its doer). The
        (subject, object) actors, or None."""
        g = self.grammar
        head = trig.start
        if trig.end in sent.group_at:
            return None  # ("which it accuses Israel of ...": an object of its own)
        j = head - 1
        while j >= 0 and (sent.lower[j] in g.words["adverbs"] or sent.lower[j] in g.words["date_phrase_words"]
                          or sent.lower[j] in g.words["verb_auxiliaries"]):
            j -= 1  # ("that Washington has condemned")
        group = next((grp for grp in sent.groups if grp[-1].end == j + 1), None)
        if group is None or any(m.possessive or m.weak for m in group) or group[0].start < 2:
            return None
        subject = [a for m in group for a in m.actors]
        k = group[0].start - 1
        if sent.lower[k] in ("which", "whom"):
            k -= 1 + (sent.lower[k - 1] == ",")
            antecedent = next((grp for grp in sent.groups if grp[-1].end == k + 1), None)
            objects = [a for m in antecedent for a in m.actors] if antecedent else []
        elif sent.lower[k] in g.words["act_nouns"] and k >= 2 and sent.lower[k - 1] in ("a", "an") \
                and sent.lower[k - 2] == "," and previous:
            objects = [previous[-1].source]  # "..., a move Washington called ...": the act just told
        elif sent.lower[k] == "that" and previous and trig.entry.code[:2] in g.words["relative_reaction_roots"] and \
                previous[-1].evidence[0].sentence == sent.span.text:
            objects = list(dict.fromkeys(e.source for e in previous))  # "a wave of arrests of opposition figures
            # that Washington has condemned": the act just told in this sentence, so its doers
        else:
            return None
        own = {a.represents() for a in subject}
        objects = [a for a in objects if a.represents() not in own]
        return (subject, objects) if subject and objects else None

    def _relative_agent(self, sent: Sentence, trig: Trigger) -> tuple[list[Actor], list[Actor]] | None:
        """A noun trigger that a relative clause right after it has done by its subject with a light verb ("a phone
        call that Trump held with Tsai", "the sanctions the EU imposed on Russia"): (the clause's subject, the actors
        after the verb's "with"/"on"/"against"), or None."""
        g = self.grammar
        k = trig.end
        if k < len(sent.lower) and sent.lower[k] in ("that", "which"):
            k += 1
        group = sent.group_at.get(k) or (sent.group_at.get(k + 1) if k < len(sent.lower) and sent.lower[k] == "the"
                                          else None)
        if not group or any(m.possessive for m in group):
            return None
        v = group[-1].end
        while v < len(sent.lower) and sent.lower[v] in g.words["perfect_auxiliaries"]:
            v += 1
        if v >= len(sent.lower) or sent.lower[v] not in g.light_verb_forms:
            return None
        subject = [a for m in group for a in m.actors]
        objects: list[Actor] = []
        for j in range(v + 1, min(len(sent.lower), v + 4)):
            if sent.lower[j] in ("with", "on", "against", "upon") and j + 1 in sent.group_at:
                objects = [a for m in sent.group_at[j + 1] for a in m.actors]
                break
        own = {a.represents() for a in subject}
        return (subject, [a for a in objects if a.represents() not in own]) if subject else None

    def _proposed(self, sent: Sentence, anchor: int) -> bool:
        """Whether the act is the content of a proposal, plan or bid ("a proposal to resume talks", "a bid to join
        NATO", "plans for a summit"): ``proposal_nouns`` then "to" or "for" right before it."""
        nouns = self.grammar.words["proposal_nouns"]
        for j in range(anchor - 1, max(0, anchor - 4), -1):
            if sent.lower[j] in ("to", "for") and sent.lower[j - 1] in nouns:
                return True
            if sent.lower[j] in self.grammar.words["clause_breaks"]:
                return False
        return False

    def _hosted(self, sent: Sentence, trig: Trigger) -> str | None:
        """The CAMEO code of hosting talks when a noun trigger is followed by a participle of hosting and "by"
        ("talks organised by X", "negotiations convened by X": ``host_participles``), else None."""
        for j in range(trig.end, min(len(sent.tokens) - 1, trig.end + 4)):
            if sent.lower[j] in self.grammar.words["clause_breaks"] and sent.lower[j] != ",":
                return None
            code = self.grammar.maps["host_participles"].match_at(sent.lower, j)[1]
            if code and sent.lower[j + 1] == "by":
                return code
        return None

    def _shared_object(self, sent: Sentence, trig: Trigger, sources: list[Actor]) -> bool:
        """Whether the trigger's object is the two subjects' shared thing: "their" inside the pattern standing for
        both, before a noun of ``shared_nouns`` ("Colombia and Venezuela reopened their border"; not "France and
        Germany recalled their ambassadors": each its own)."""
        own = {a.represents() for a in sources}
        shared = self.grammar.words["shared_nouns"]
        return any(trig.start < m.start < trig.end and m.how == "pronoun" and m.possessive
                   and {a.represents() for a in m.actors} == own
                   and any(w in shared for w in sent.lower[m.end:min(m.end + 3, trig.end)]) for m in sent.mentions)

    def _participle_object(self, sent: Sentence, participle: int, agents: list[Actor]) -> list[Actor]:
        """The actor a participle's preposition names before its agent: "was extended to Pakistan by China"."""
        for j in range(participle + 1, min(len(sent.tokens) - 1, participle + 5)):
            if sent.lower[j] in ("by", ";") or sent.lower[j] in self.grammar.words["clause_breaks"]:
                break
            if sent.lower[j] in PARTICIPLE_PREPOSITIONS and j + 1 in sent.group_at:
                return [a for m in sent.group_at[j + 1] for a in m.actors if a not in agents]
        return []

    def _blamed_on(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """The one an attack named as a noun is blamed on later in its sentence ("the raid, blamed on the Libyan
        strongman Khalifa Haftar", "A drone attack that killed three ... was blamed on Iran's proxy groups"): its
        doer as the text reports it (grammar ``blame_phrases``)."""
        end = self._phrase_after(sent, trig.end, "blame_phrases")
        return (sent.group_after(end, 3) or []) if end is not None else []

    def _phrase_after(self, sent: Sentence, start: int, key: str, stop: int | None = None) -> int | None:
        """Where the first phrase of grammar ``key`` starting from ``start`` (and before ``stop``) in the clause ends,
        else None."""
        phrases = self.grammar.phrases[key]
        for j in range(start, min(len(sent.lower), stop) if stop is not None else len(sent.lower)):
            if sent.lower[j] in (";", ":"):
                return None
            length = phrases.match_at(sent.lower, j)[0]
            if length:
                return j + length
        return None

    def _victims_after(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """Whom an attack named as a noun killed or wounded, in the relative clause right after it ("a drone attack
        that killed three American service members"): the first group after the victim verb (grammar
        ``victim_verbs``), a demonym's people included."""
        j = trig.end
        if j + 1 >= len(sent.lower) or sent.lower[j] not in ("that", "which") or \
                sent.lower[j + 1] not in self.grammar.words["victim_verbs"]:
            return []
        for k in range(j + 2, min(len(sent.lower), j + 7)):
            if sent.lower[k] in self.grammar.words["clause_breaks"]:
                return []
            if k in sent.group_at:
                return [a for m in sent.group_at[k] for a in m.actors]
        return []

    def _authored_object(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """The author of what a verb is aimed at, named after a participle and "by" ("rejects the dangerous
        statements made on March 19 by US President Donald Trump", "welcomed the decision taken by Rwanda"): the
        group after "by", when the object is a few words of no actor and the participle one of grammar
        ``authoring_participles``, or right after a noun of words (``authored_nouns``: "rejected fresh accusations
        by Colombian President Ivan Duque")."""
        g = self.grammar
        j = trig.end
        acts = {k for m in sent.mentions if m.how == "act" for k in range(m.start, m.end)}  # (the act is its
        # author's, not the one a reference to an earlier act finds)
        while j < min(len(sent.lower), trig.end + 5) and sent.tokens[j].isalpha() \
                and (j not in sent.group_at or j in acts) \
                and sent.lower[j] not in g.words["clause_breaks"] and sent.lower[j] not in g.words["prepositions"] \
                and sent.lower[j] not in g.words["authoring_participles"]:
            j += 1
        if trig.end < j < len(sent.lower) and sent.lower[j] == "by" and sent.lower[j - 1] in g.words["authored_nouns"]:
            return self._agent(sent, j) or []  # "rejected fresh accusations by Colombia's president"
        if j == trig.end or j >= len(sent.lower) or sent.lower[j] not in g.words["authoring_participles"]:
            return []
        for k in range(j + 1, min(len(sent.lower) - 1, j + 10)):
            if sent.lower[k] == "by":
                return self._agent(sent, k) or []
            if k in sent.group_at or sent.lower[k] in (";", ":") or sent.lower[k] in g.words["subordinators"]:
                return []
        return []

    def _mandator(self, sent: Sentence, trig: Trigger) -> tuple[list[Actor], list[Actor]] | None:
        """Who ordered a subjunctive passive and whom it is done to ("Erdogan says he has instructed that 10
        ambassadors, among them the envoys of France and the US, be declared persona non grata"): the subject of the
        verb of grammar ``mandative_verbs`` before "that", and the actors between "that" and the bare "be" before the
        trigger; else None."""
        g = self.grammar
        j = sent.skip_adverbs(trig.start - 1)
        if j < 0 or sent.lower[j] != "be":
            return None
        for k in range(j - 1, max(0, j - 20), -1):
            if sent.lower[k] in (";", ":"):
                return None
            if sent.lower[k] == "that" and sent.lower[k - 1] in g.verbs["mandative_verbs"]:
                subject = self._subject(sent, k - 1)
                patients = [a for m in sent.mentions if k < m.start < j for a in m.actors]
                return (subject[0] if subject else []), patients
        return None

    def _reacted_act(self, sent: Sentence, trig: Trigger) -> Trigger | None:
        """The act of force a reaction verb is about, named as a noun right after it ("condemned the attack on the
        US embassy", "denounced an assault on Azerbaijan's embassy"): that noun trigger, else None."""
        if sent.lower[trig.start] not in self.grammar.verbs["reaction_verbs"]:
            return None
        return next((t for t in sent.triggers if t.entry.pos == "noun" and trig.end <= t.start <= trig.end + 4
                     and t.entry.code[:2] in self.grammar.words["attack_roots"]), None)

    def _protested_state(self, sent: Sentence, trig: Trigger, targets: list[Actor]) -> list[Actor]:
        """A state's opposition named inside a protest phrase after a verb is the protested act's victim: the act
        is its own state's, which the protest is aimed at ("withdrew their ambassadors in protest at the arrest of
        opposition figures": at Nicaragua, not its opposition)."""
        stop = self._phrase_after(sent, trig.end, "protest_purposes", trig.end + 8)  # ("in protest at")
        if stop is None:
            return targets
        inside = {a.code for m in sent.mentions if m.start >= stop for a in m.actors}
        out = []
        for a in targets:
            state = self.gaz.actors.get(a.code[:-3]) if a.code.endswith("OPP") and a.code in inside else None
            out.append(state or a)
        return out

    def _relative_doer(self, sent: Sentence, pos: int) -> list[Actor]:
        """The doer of what a reaction is aimed at, named as the subject of a relative clause on it, within a few
        words of ``pos`` ("condemned a ballistic missile launch that North Korea had carried out"): [] if none."""
        lower = sent.lower
        for j in range(pos, min(len(lower) - 2, pos + 6)):
            if lower[j] not in ("that", "which") and (lower[j] in self.grammar.words["clause_breaks"]
                                                     or sent.group_at.get(j)):
                return []
            if lower[j] in ("that", "which"):
                k = j + 1
                group = sent.group_at.get(k)
                if not group:
                    return []
                after = group[-1].end
                verb = lower[after] if after < len(lower) else ""
                if verb in self.grammar.words["perfect_auxiliaries"] or verb in ("had", "did") \
                        or verb.endswith("ed") or verb in self.grammar.words["execution_participles"]:
                    return [a for m in group for a in m.actors]
                return []
        return []

    def _act_doer(self, sent: Sentence, act: Trigger, state) -> list[Actor]:
        """Who did an act of force named as a noun: its modifier ("Israel's attack on", "the Russian strikes"),
        the one after "by" behind it, the opposition of the state where an attacked embassy stands, else whoever
        did an act of its root earlier in the article; [] if no one."""
        doer = self._modifier(sent, act) or self._nominal_agent(sent, act) or self._mission_attacker(sent, act)
        if doer:
            return doer
        earlier = state.doers.get(act.entry.code[:2])
        return [earlier] if earlier is not None else []

    def _mission_attacker(self, sent: Sentence, act: Trigger) -> list[Actor]:
        """An attack on a state's embassy or consulate with no doer named is by the host state's opposition, the
        state of the place after "in" ("an attack on the Cuban embassy in Washington": USAOPP)."""
        g = self.grammar
        mission = next((m for m in sent.mentions if act.end <= m.start <= act.end + 3 and m.how == "organ"
                        and sent.lower[m.end - 1] in g.words["mission_words"] and m.actors), None)
        if mission is None:
            return []
        own = {a.represents() for a in mission.actors}
        k = mission.end + 1 if mission.end < len(sent.lower) and sent.lower[mission.end] == "in" else None
        host = [a for m in sent.group_at.get(k, []) for a in m.actors if a.kind == "state"] if k else []
        host = [a for a in host if a.represents() not in own]
        return [opposition_actor(host[0], self.gaz)] if host else []

    def _passive_aim(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """Whom a passive act is aimed at, after one of its entry's prepositions past the agent ("a water cannon was
        fired by China's coast guard at a Philippine boat"): the group after it, within the clause."""
        for j in range(trig.end, min(len(sent.lower) - 1, trig.end + 10)):
            if sent.lower[j] in self.grammar.words["clause_breaks"]:
                return []
            if sent.lower[j] in trig.entry.prepositions and sent.lower[j] != "by":
                return sent.group_after(j + 1, 2) or []  # (past a determiner)
        return []

    def _nominal_agent(self, sent: Sentence, trig: Trigger) -> list[Actor]:
        """The doer of an act named as a noun, after "by" right behind it and its object ("the first visit to
        Mexico by Bernardo Arevalo", "an attack on the embassy by gunmen"); not an amount ("cut by $100 million")."""
        g = self.grammar
        inside = {k for m in sent.mentions for k in range(m.start, m.end)}
        for k in range(trig.end, min(len(sent.lower) - 1, trig.end + 5)):
            tok = sent.lower[k]
            if tok != "by" and tok not in g.words["prepositions"] and tok not in g.words["determiners"] \
                    and k not in inside:
                return []  # (only the noun's object between: not "a deal brokered by", "sanctions imposed by")
            if tok == "by":
                return [] if self._measure_after(sent, k + 1) else self._agent(sent, k) or []
        return []

    def _executed_by(self, sent: Sentence, trig: Trigger) -> int | None:
        """Where a noun trigger is followed by a participle of carrying out or giving ("raids carried out by", "a
        loan of $2 billion was extended to Pakistan by"): the participle's position, else None."""
        words = self.grammar.words["execution_participles"]
        for j in range(trig.start + 1, min(len(sent.tokens), trig.end + 8)):  # (also its own: "rockets were fired")
            if sent.lower[j] in self.grammar.words["clause_breaks"]:
                break
            if sent.lower[j] in words and (j - trig.end < 2 or sent.lower[j - 1] in ("was", "were", "been", "be")):
                return j  # ("raids carried out by", "an arms package for Taiwan was approved by")
        return None
