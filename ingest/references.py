"""References in a sentence resolved against what the article named before: pronouns ("it", "the country"),
pair references ("the two leaders", "both sides"), event and dispute references ("the truce", "the dispute"), act
references ("the decision", "the launch"), epithets ("the Gulf emirate") and dummy "it" (no one). Called by
``find_mentions`` once the names are found; the words come from ``data/grammar.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence

from diplokg.graph.model import Actor
from diplokg.ingest.docstate import DocState, group_mentions
from diplokg.ingest.epithets import epithet_at, resolve_epithet
from diplokg.ingest.gazetteer import Mention
from diplokg.ingest.lexicon import Grammar

CLAUSE_OPENERS = {"that", "who", "which", "said", "says", "told", "when", "after", "before", "because", "if"}


def _match_phrase(lower: Sequence[str], i: int, phrases) -> int:
    """Length of the longest phrase at position i, or 0."""
    return phrases.match_at(lower, i)[0]


def _references(tokens, lower, grammar: Grammar, state: DocState, mentions: list[Mention], taken: set[int]):
    """Pronouns, pair references and event references, resolved to earlier actors."""
    pronouns = grammar.maps["pronouns"]
    pairs = grammar.maps["pair_references"]
    events = grammar.phrases["event_references"]
    disputes = grammar.phrases["dispute_references"]
    acts = grammar.phrases["act_references"]
    out: list[Mention] = []
    starters = _reference_starters(grammar)
    i = 0
    while i < len(tokens):
        if i in taken or (lower[i] not in starters and lower[i] not in ("which", "who")):
            i += 1
            continue
        for phrases, pair in ((events, state.last_pair), (disputes, state.last_dispute)):
            ev_len = _match_phrase(lower, i, phrases)
            if ev_len and len(pair) >= 2:
                out.append(Mention(i, i + ev_len, list(pair), "reference", text=" ".join(tokens[i:i + ev_len])))
                break
        else:
            ev_len = 0
        if ev_len:
            i += ev_len
            continue
        grp_len, size = grammar.maps["group_references"].match_at(lower, i)
        if grp_len:
            here = [[a for m in g for a in m.actors] for g in group_mentions(
                [m for m in mentions + out if m.end <= i and m.how != "reference"], lower)]
            group = next((actors for actors in reversed(here + [a for _, a in state.plural]) if len(actors) == size),
                         None)
            if group:
                out.append(Mention(i, i + grp_len, list(group), "pronoun", text=" ".join(tokens[i:i + grp_len])))
                i += grp_len
                continue
        act_len = _match_phrase(lower, i, acts)
        if not act_len and i > 0 and lower[i - 1] in grammar.verbs["reaction_verbs"]:
            act_len = _match_phrase(lower, i, grammar.phrases["object_act_references"])  # "denounced the arrest"
        if act_len and i > 0 and lower[i - 1] in grammar.words["adjunct_prepositions"]:
            act_len = 0  # "after the launch", "following the decision": when, not who
        if act_len:
            # "condemned the launch": who last did an act of the kind the noun names; "criticised the decision":
            # in news, the act an article is about, its lead
            roots = grammar.maps["act_reference_roots"].match_at(lower, i)[1] or ()
            doer = next((state.doers[r] for r in roots if r in state.doers), None) or state.lead_source
            if doer is not None:
                out.append(Mention(i, i + act_len, [doer], "act", text=" ".join(tokens[i:i + act_len])))
                i += act_len
                continue
        epithet, fits = epithet_at(tokens, lower, i, grammar)
        inside = [m for m in mentions if m.start < i + epithet and m.end > i] if epithet else []
        if fits is not None and inside and all(m.how == "demonym" for m in inside):
            for m in inside:  # "the Central American nation": a region, not the US
                mentions.remove(m)
                taken.difference_update(range(m.start, m.end))
        if epithet and not any(k in taken for k in range(i, i + epithet)):
            earlier = [m for m in mentions + out if m.end <= i]
            subject = next((m for m in reversed(earlier) if m.subject), None)
            if subject is not None and any(t in CLAUSE_OPENERS for t in lower[subject.end:i]):
                subject = None  # (the epithet's clause is another one)
            actor = resolve_epithet(i, fits, earlier, state, subject)
            if actor is not None:
                out.append(Mention(i, i + epithet, [actor], "pronoun", text=" ".join(tokens[i:i + epithet])))
            i += epithet
            continue
        matched = None
        for table, is_pair in ((pairs, True), (pronouns, False)):
            length, kind = table.match_at(lower, i)
            if length and (matched is None or length > len(matched[0])):
                matched = (tuple(lower[i:i + length]), kind, is_pair)
        if matched is None and lower[i] in ("which", "who") and i >= 2 and tokens[i - 1] == ",":
            before = [m for m in mentions + out if m.end == i - 1]
            if before:
                out.append(Mention(i, i + 1, list(before[-1].actors), "reference", text=tokens[i]))
            i += 1
            continue
        if matched is not None and i + 2 < len(lower) and lower[i] in ("his", "her", "their", "its") \
                and lower[i + 1] in ("counterpart", "counterparts") and lower[i + 2] in ("from", "of") \
                and any(m.start == i + 3 for m in mentions):
            i += 2  # "met his counterparts from Nigeria and Angola": they are named, the pronoun stands for no one
            continue
        if matched is None or any(k in taken for k in range(i, i + len(matched[0]))):
            i += 1  # (not "the Republic" of "the Republic of Congo")
            continue
        phrase, kind, is_pair = matched
        if phrase == ("it",) and _expletive(lower, i, grammar):
            i += 1  # "it was feared that ...": no one
            continue
        earlier = [m for m in mentions + out if m.end <= i]
        if i and (lower[i - 1] in grammar.reporting_forms or lower[i - 1] == "that" and i > 1
                  and lower[i - 2] in grammar.reporting_forms):
            # "ECOWAS, of which Mali is a member, said it was suspending Mali": the speaker, not the subject of a
            # relative clause between commas on it
            earlier = [m for m in earlier if not _in_relative(lower, m.start, i)]
        if phrase in (("him",), ("them",)) or kind == "state" and i and \
                lower[i - 1] in grammar.words["target_prepositions"]:
            # ("fired missiles at the country": not the firing state)
            # an object pronoun is not its own clause's subject: "Modi called Koirala and promised him help"
            subject = next((m for m in reversed(earlier) if m.subject), None)
            if subject is not None and not any(t in CLAUSE_OPENERS for t in lower[subject.end:i]):
                earlier = [m for m in earlier if m is not subject]
        actors = _resolve(kind, is_pair, earlier, state, phrase, lower, grammar.words["locative_prepositions"],
                          grammar.words["person_organ_heads"], opens_clause=i > 0 and lower[i - 1] in CLAUSE_OPENERS)
        if actors is not None:  # (an empty list: a name the gazetteer does not know, held by the pronoun)
            possessive = lower[i] in ("his", "her", "its", "their")
            out.append(Mention(i, i + len(phrase), actors, "pronoun", possessive=possessive,
                               text=" ".join(tokens[i:i + len(phrase)])))
        i += len(phrase)
    return out


def _in_relative(lower, start: int, end: int) -> bool:
    """Whether token ``start`` stands in a relative clause between commas that closes before ``end`` ("ECOWAS, of
    which Mali is a member, said it")."""
    k = start - 1
    while k >= 0 and lower[k] != ",":
        if lower[k] in ("which", "who", "whom", "whose"):
            return "," in lower[start:end]
        k -= 1
    return False


def _expletive(lower, i: int, grammar: Grammar) -> bool:
    """Whether the "it" at ``i`` is a dummy subject: "it was feared", "it is unclear", "it seems"."""
    length = grammar.phrases["expletive_it_verbs"].match_at(lower, i + 1)[0]
    k = i + 1 + length
    if not length or k >= len(lower) or lower[k] not in grammar.words["expletive_it_words"]:
        return False
    # "it is believed to have fired", "it is likely to strike": raising, "it" is the one believed or likely
    return not (k + 1 < len(lower) and lower[k + 1] == "to" and lower[k] in grammar.words["raising_words"])


_STARTERS: dict[int, frozenset[str]] = {}


def _reference_starters(grammar: Grammar) -> frozenset[str]:
    """First words of every reference phrase: other tokens cannot start a reference."""
    key = id(grammar)
    if key not in _STARTERS:
        tables = [grammar.maps[k] for k in ("pronouns", "pair_references", "group_references")] + [
            grammar.phrases[k] for k in ("event_references", "dispute_references", "act_references")]
        _STARTERS[key] = frozenset().union(*(t.first_tokens for t in tables))
    return _STARTERS[key]


def _resolve(kind: str, is_pair: bool, earlier: list[Mention], state: DocState, phrase=(),
             lower=(), locative=frozenset(), person_heads=frozenset(), opens_clause=False) -> list[Actor] | None:
    """The actors a reference stands for: None if none; [] if it is a name the gazetteer does not know.
    ``opens_clause``: the reference begins a clause of its own ("Armenia's ministry said the two states had …")."""
    candidates = [m for m in reversed(earlier) if m.how != "reference"] + [
        m for m in state.recent() if m.how != "reference"
    ]
    if is_pair:
        # "the two met": the two this sentence just named; else "the two leaders", "both sides": the article's two
        # most mentioned (then most recent) distinct actors of that kind, other than those this sentence already
        # named ("Egypt held talks with both sides")
        named: list[Actor] = []
        for m in reversed(earlier):
            for actor in m.actors:
                if not m.weak and _fits(actor, kind) and all(actor.represents() != a.represents() for a in named):
                    named.append(actor)
        if len(named) > 2 and lower:  # "urged both Israel and Iran to ..., and Macron called on the two sides":
            pairs = [g for g in group_mentions([m for m in earlier if m.how != "reference"], lower)  # the pair
                     if len({a.represents() for m in g for a in m.actors}) == 2]  # coordinated before it
            if pairs:
                return [a for m in pairs[-1] for a in m.actors]
        if len(named) >= 2:
            return named[:2][::-1]
        here = {a.represents() for a in named}
        order: dict[str, tuple[int, int, Actor]] = {}
        for rank, m in enumerate(candidates + [m for _, m in reversed(state.history)]):
            for actor in m.actors:
                key = actor.represents()
                if key in here or key in order or m.weak or not _fits(actor, kind):
                    continue
                order[key] = (state.frequency.get(key, 0), -rank, actor)
        best = sorted(order.values(), key=lambda t: (t[0], t[1]), reverse=True)[:2]
        if len(named) == 1 and opens_clause and best:
            # "a statement by Armenia's ministry said the two states had reached a deal": the subject of a clause
            # of its own, the pair is the one named before and its main counterpart ("Egypt held talks with both
            # sides" excludes Egypt: the pair is its verb's object)
            return [named[0], best[0][2]]
        return [t[2] for t in best] if len(best) == 2 else None
    if kind == "plural":
        groups = [g for g in group_mentions([m for m in earlier if m.how != "reference"], lower)
                  if sum(len(m.actors) for m in g) >= 2]
        if groups:
            return [a for m in groups[-1] for a in m.actors]
        organs = [m for m in earlier if m.how == "organ" and m.actors and not m.weak and m.text.lower().endswith("s")]
        organs = [m for m in organs if not m.subject] + [m for m in organs if m.subject]  # (subjects first)
        if organs:  # "Afghan border guards had opened fire, killing two soldiers, and they had shelled a village"
            return list(organs[-1].actors)
        # "The Zorblax rebels seized the town. They ...": a group the gazetteer does not know, if it is nearer
        if any(m.how == "unknown" and m.kind == "organisation" for m in earlier):
            return []
        unknown = next((sno for sno, m in reversed(state.history) if m.how == "unknown" and m.subject
                        and m.kind == "organisation" and state.sentence_no - sno <= 2), None)
        for sno, actors in reversed(state.plural):
            if state.sentence_no - sno <= 2 and (unknown is None or sno > unknown):
                return list(actors)
            break
        if unknown is not None:
            return []
    if kind == "other":  # "its neighbour": the nearest state or body named before that is not the possessor
        here = sorted((m for m in earlier if m.subject and m.actors and not m.weak and m.how != "reference"),
                      key=lambda m: m.start)  # the main clause's subject: the sentence's first
        possessor = here[0].actor if here else next((m.actor for m in candidates if m.subject and m.actors
                                                     and not m.weak), None)
        own = possessor.represents() if possessor is not None else None
        for m in sorted([m for m in earlier if m.how != "reference"], key=lambda m: -m.start) + \
                [m for m in state.recent() if m.how != "reference"]:
            if m.actors and not m.weak and m.actor.represents() != own and m.actor.kind != "person":
                return [m.actor]
        return None
    title = phrase[-1] if phrase and phrase[0] == "the" and kind == "person" else None
    # "it", "he", "they": subjects first (the centre of attention is the preferred antecedent);
    # "its", "his", "their" and the object "him" (never its own clause's subject): the nearest
    if not (phrase and phrase[-1] in ("its", "his", "her", "their", "him")):
        candidates = [m for m in candidates if m.subject] + [m for m in candidates if not m.subject]
    elif lower:
        # "Iran vowed revenge after a US strike in Iraq killed its top general": a place named is no owner while
        # another candidate is
        here = {id(m) for m in earlier}

        def placed(m: Mention) -> bool:
            if id(m) not in here:
                return False
            j = m.start - 1
            j -= j >= 0 and lower[j] == "the"
            return id(m) in here and j >= 0 and lower[j] in locative and m.how in ("name", "metonym")
        candidates = [m for m in candidates if not placed(m)] + [m for m in candidates if placed(m)]
    for m in candidates:
        if m.how == "unknown":  # "The Zorblax Front attacked ... It said": not the known actor before it
            if title is None and (kind == "person" and m.kind == "name" or kind in ("thing", "body", "group")
                                  or kind == "organisation" and m.kind == "organisation"):
                return []  # (but "the organisation" is no unknown person: "Minister Denis Moncada")
            continue
        if m.weak or not m.actors:
            continue
        if title and m.actor.kind == "person":
            if title in m.text.lower() or any(title in p.office for p in m.actor.positions):
                return [m.actor]
            continue
        if kind == "person" and m.actor.kind == "person":
            return [m.actor]
        if kind == "person" and m.how == "organ" and m.text.lower().split()[-1] in person_heads \
                and not any(p.actors and p.actor.kind == "person" and 0 <= m.start - p.end <= 2 for p in earlier):
            return [m.actor]  # "Nicaragua's foreign minister ... he": the state's organ (not an appositive's)
        if kind == "thing" and m.actor.kind != "person" and len(m.actors) == 1:
            return [m.actor]
        if kind == "state" and m.actor.kind == "state":
            return [m.actor]
        if kind == "organisation" and m.actor.kind in ("organisation", "bloc") or kind == "group" and m.actor.kind == kind:
            return [m.actor]  # ("the bloc", "the organisation": Mercosur, the OAS)
        if kind == "body" and (m.actor.kind in ("organisation", "group", "bloc") or "led" in m.text.lower().split()):
            return [m.actor]  # ("the coalition": the Saudi-led coalition, its leader)
        if kind == "plural" and len(m.actors) >= 2:
            return list(m.actors)
    return None


def _fits(actor: Actor, kind: str) -> bool:
    """Whether an actor can be what a pair reference names: persons for "the two leaders", states (or persons
    standing for them) for "the two countries", anything for "both sides"."""
    if kind == "person":
        return actor.kind == "person"
    if kind == "state":
        return actor.kind == "state" or (actor.kind == "person" and len(actor.represents()) == 3)
    return True
