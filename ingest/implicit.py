"""Actors a sentence names without a gazetteer entry of their own, and words that look like actors but are not.

- A wire dateline header ("GENEVA, Switzerland —", "Doha:") is where the report was filed, not an actor.
- Short names that stand for an actor once the article named it ("the North" after North Korea).
- Protesters, the opposition, rebels with no state named: the state after them ("protesters in Manila"), the state
  coordinated with them ("the government in Kiev and the rebels"), else the state the article is about; armed-group
  words the armed group the article named last.
- A head of state or government with no state named ("President Santos Calderón"): of the state the article is
  about.

The words come from ``data/grammar.yaml``; ``mentions.find_mentions`` calls these.
"""

from __future__ import annotations

import re

from diplokg.graph.model import Actor
from diplokg.ingest.docstate import DocState, learn_person
from diplokg.ingest.gazetteer import Gazetteer, Mention
from diplokg.ingest.lexicon import Grammar
from diplokg.ingest.names import capitalised, person_name, stop_word

__all__ = ["appositive_officials", "article_aliases", "bare_opposition", "dateline_end", "home_state",
           "opposition_actor", "stateless_officials"]

STATE_OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}



def article_aliases(tokens, lower, grammar: Grammar, gaz: Gazetteer, state: DocState,
                     taken: set[int]) -> list[Mention]:
    """Short names that stand for an actor only once the article has named it ("the North" after North Korea)."""
    out: list[Mention] = []
    table = grammar.maps["article_aliases"]
    i = 0
    while i < len(tokens):
        length, code = (0, None) if i in taken else table.match_at(lower, i)
        actor = gaz.actors.get(str(code)) if length else None
        if actor is None or not state.frequency.get(actor.represents()) or not tokens[i + length - 1][:1].isupper():
            i += 1
            continue
        out.append(Mention(i, i + length, [actor], "metonym", text=" ".join(tokens[i:i + length])))
        taken.update(range(i, i + length))
        i += length
    return out


def bare_opposition(tokens, lower, grammar: Grammar, gaz: Gazetteer, state: DocState, mentions: list[Mention],
                     taken: set[int]) -> list[Mention]:
    """Protesters, the opposition, rebels with no state named before them ("opposition leaders were detained",
    "the rebels seized the town"): armed-group words stand for the armed group the article named last (it is
    the group the story is about); the others for the opposition of the state named right after them ("protesters
    in Manila", "the opposition in Venezuela") or of the city the sentence puts them in ("gathered outside the
    French embassy in Niamey", "in the Iranian capital"), else of the state the article is about so far (its most mentioned state, not the
    one whose embassy they stand at). Without either, the words stay no actor. (The coder gives the opposition a state represses
    to that state: see ``Discourse._domestic``.)"""
    out: list[Mention] = []
    phrases = grammar.phrases["opposition_words"]
    armed = grammar.words["armed_group_words"]
    i = 0
    while i < len(tokens):
        length = 0 if i in taken else phrases.match_at(lower, i)[0]
        end = i + length
        if not length or any(k in taken for k in range(i, end)) or any(m.end in (i, i - 1) for m in mentions) \
                or (end < len(tokens) and lower[end] == "to") or (lower[i:end] == ["opposition"] and lower[i - 1:i] != ["the"]):
            # not "M23 rebels", "Syria's opposition" (the name before them is the actor), "opposition to foreign
            # interference", "an opposition attempt"
            i += 1
            continue
        actor, stance = _named_after(lower, end, mentions, grammar), False
        if actor is None and lower[end - 1] in armed:
            actor = next((a for _, m in reversed(state.history) if m.how not in ("pronoun", "reference")
                          for a in m.actors if a.kind == "group" and not a.code.endswith("OPP")), None)
        if actor is None:
            place = next((m for m in mentions if m.start in (end + 1, end + 2) and lower[end] in ("in", "of", "from")
                          and m.actors and m.actor.kind == "state"), None)
            j = i - 1 if i and lower[i - 1] == "the" else i
            if place is None and j >= 2 and lower[j - 1] == "and":
                # "the government in Kiev and the separatist rebels": the rebels of the state coordinated with them
                place = next((m for m in mentions if m.end == j - 1 and m.actors and m.actor.kind == "state"
                              and m.how in ("organ", "metonym")), None)
            if place is None:
                # "protesters gathered outside the French embassy in Niamey": the city the sentence puts them in
                place = next((m for m in mentions if m.start > end and m.actors and m.actor.kind == "state"
                              and (m.how == "metonym" and lower[m.start - 1] in grammar.words["place_in"]
                                   or _capital_of(m, lower, grammar))), None)
            # not the backer of "Rwanda-backed rebels", nor the state whose embassy they stand at
            near = {a.represents() for m in mentions if i - 4 <= m.start < i or m.start > end and m.how == "organ"
                    and lower[m.end - 1] in grammar.words["mission_words"] for a in m.actors}
            stance = i >= 3 and lower[i - 2] in ("-", "–") and lower[i - 3] in grammar.words["stance_prefixes"]
            if stance:
                found = gaz.longest(tokens, i - 1)  # "pro-Russian separatists": not Russia's
                near |= {gaz.actors[found[1]].represents()} if found and found[1] in gaz.actors else set()
            home = place.actor if place else home_state(state, gaz, mentions, near)
            actor = opposition_actor(home, gaz) if home is not None else None
        if actor is not None:
            start = i - 3 if stance else i  # (the mention holds "pro-Russian")
            start = start - 1 if start and lower[start - 1] == "the" else start
            out.append(Mention(start, end, [actor], "opposition", text=" ".join(tokens[start:end])))
            taken.update(range(start, end))
        i = end
    return out


def _named_after(lower, end: int, mentions: list[Mention], grammar: Grammar):
    """The actor an appositive names right after the words ending at ``end`` ("the rebels, known as the Houthis,",
    "the militants, who call themselves Al-Shabaab,"), or None."""
    if end >= len(lower) or lower[end] != ",":
        return None
    length = grammar.phrases["appositive_naming"].match_at(lower, end + 1)[0]
    if not length:
        return None
    at = end + 1 + length
    at += at < len(lower) and lower[at] == "the"
    named = next((m for m in mentions if m.start == at and m.actors and not m.weak), None)
    return named.actors[0] if named is not None else None


def _capital_of(m: Mention, lower, grammar: Grammar) -> bool:
    """Whether a state's mention names a city it is in: "in the Iranian capital", "the streets of Nepal's
    capital"."""
    after = m.end + 1 if m.possessive else m.end
    if after >= len(lower) or lower[after] not in grammar.words["place_nouns"]:
        return False
    before = lower[m.start - 2:m.start] if not m.possessive else lower[m.start - 1:m.start]
    return before == ["in", "the"] if m.how == "demonym" else bool(before) and before[-1] in ("in", "of")


DATELINE_SEPARATORS = {"—", "–", "--", ":"}
DATELINE_WORDS = re.compile(r"^(?:[A-Z][\w.'’-]*|[A-Z]{2,}|\d{1,2}|,|/|\(|\)|-)$")


def dateline_end(tokens) -> int:
    """Where a wire dateline header ends ("GENEVA, Switzerland —", "MOSCOW, Nov 10 —", "Doha:", "SANAA, Yemen,
    March 26 (UPI) --"): the token after its dash or colon, or 0. The header is capitalised place words, an
    optional date and agency, and it starts the sentence; a capitalised word right after the separator begins the
    report."""
    for k, tok in enumerate(tokens[:12]):
        double = tok == "-" and k + 1 < len(tokens) and tokens[k + 1] == "-"
        if tok in DATELINE_SEPARATORS or double or (tok == "-" and k and tokens[k - 1] == ")"):
            # ("MOSCOW (Reuters) - On Thursday ...": one hyphen after the agency's bracket)
            sep_end = k + 2 if double else k + 1
            head = tokens[:k]
            if not head or not tokens[0][:1].isupper() or (tok == ":" and len(head) > 3):
                return 0
            if sep_end < len(tokens) and tokens[sep_end][:1].isupper() and all(DATELINE_WORDS.match(t) for t in head):
                return sep_end
            return 0
        if not DATELINE_WORDS.match(tok):
            return 0
    return 0


def stateless_officials(unknown: list[Mention], tokens, lower, grammar: Grammar, gaz: Gazetteer, state: DocState,
                         mentions: list[Mention], taken: set[int]) -> list[Mention]:
    """"President Santos Calderón", "Prime Minister Manasseh Sogavare" with no state named: a head of state or
    government, or a foreign or defence minister, of the state the article is about so far (its most mentioned),
    learned as a person so that later mentions and pronouns find them."""
    titles = grammar.maps["titles"]
    out: list[Mention] = []
    covered: set[int] = set()
    for i in range(len(tokens)):
        if i in taken or i in covered or (i and lower[i - 1] in ("'s", "’s")) or not capitalised(tokens[i]):
            continue
        length, office = titles.match_at(lower, i)
        if not length or office not in STATE_OFFICES:
            continue
        end = person_name(tokens, lower, i + length, taken)
        home = home_state(state, gaz, mentions) if end > i + length else None
        if home is None:
            continue
        person = learn_person(tokens[i + length:end], home.code, state)
        out.append(Mention(i, end, [person], "title", text=" ".join(tokens[i:end])))
        covered.update(range(i, end))
    return [m for m in unknown if not covered & set(range(m.start, m.end))] + out


def stateless_organs(tokens, lower, grammar: Grammar, gaz: Gazetteer, state: DocState, mentions: list[Mention],
                     taken: set[int]) -> list[Mention]:
    """"the army said", "a rebuttal by the external affairs ministry", "the coast guard" with no state named: the
    organ of the state of the actor before it in the sentence, else of the state the article is about (named at
    least twice so far, this sentence included). Only the
    organ classes of ``stateless_organ_classes`` (not "the court", "the parliament": bodies named before)."""
    classes = grammar.words["stateless_organ_classes"]
    out: list[Mention] = []
    for i in range(1, len(tokens)):
        # ("Government forces shelled the town", "clashes between government troops and rebels": the state's own)
        governments = lower[i - 1] == "government" and lower[i] in grammar.words["government_organ_heads"] \
            and (i == 1 or lower[i - 2] not in ("-", "–") and not tokens[i - 2][:1].isupper())
        if (lower[i - 1] != "the" and not governments) or i in taken or i - 1 in taken:
            continue
        length, organ = (1, "military") if governments else gaz.organ_class_at(lower, i)
        end = i + length
        if not length or organ not in classes or any(k in taken for k in range(i, end)) \
                or (end + 1 < len(lower) and lower[end] in ("of", "in") and end + 1 in taken):
            continue  # ("the government of Mali", "the authorities in Kabul": the state named)
        # the state of the actor before it in the sentence ("he had instructed the foreign ministry", "Iran said
        # the army"), else the article's
        before = [a for m in mentions if m.end <= i - 1 and not m.weak for a in m.actors]
        owner = gaz.actors.get(before[-1].represents()) if before else None
        home = owner if owner is not None and owner.kind == "state" else home_state(state, gaz, mentions, least=2)
        if home is None:
            continue
        out.append(Mention(i - 1, end, [home], "organ", text=" ".join(tokens[i - 1:end])))
        taken.update(range(i - 1, end))
    return out


def home_state(state: DocState, gaz: Gazetteer, here: list[Mention], besides=frozenset(),
               least: int = 1) -> Actor | None:
    """The state the article has mentioned most so far, this sentence's ``here`` included (persons and organs
    counting for theirs; the earlier mention wins a tie), other than ``besides``, if named ``least`` times."""
    counts = dict(state.frequency)
    for m in here:
        if not m.weak:
            for a in m.actors:
                counts[a.represents()] = counts.get(a.represents(), 0) + 1
    best = max(((n, -rank, code) for rank, (code, n) in enumerate(counts.items())
                if code not in besides and (a := gaz.actors.get(code)) is not None and a.kind == "state"),
               default=None)
    return gaz.actors[best[2]] if best and best[0] >= least else None


def opposition_actor(state_actor: Actor, gaz: Gazetteer) -> Actor:
    code = f"{state_actor.code}OPP"
    return gaz.actors.get(code) or Actor(code, f"{state_actor.label} opposition", "group")


def appositive_officials(tokens, lower, grammar: Grammar, state: DocState, mentions: list[Mention],
                         taken: set[int]) -> list[Mention]:
    """A name followed by its office in an apposition: "Olivier Nduhungirehe, Rwanda's foreign minister, said",
    "sanctions on Abdelrahim Dagalo, the RSF's deputy leader", "Jeremiah Manele, Prime Minister of Solomon Islands":
    the person of that state or body, learned for later sentences."""
    titles, organs = grammar.maps["titles"], grammar.phrases["organs"]
    by_start = {m.start: m for m in mentions if m.actors}
    out: list[Mention] = []
    i = 0
    while i < len(tokens) - 3:
        if i in taken or not capitalised(tokens[i]) or (i and capitalised(tokens[i - 1])):
            i += 1
            continue
        end = person_name(tokens, lower, i, taken)
        while i < end and (lower[i] in grammar.words["name_openers"] or stop_word(lower[i])):
            i += 1  # ("On Sunday Olivier Nduhungirehe, ...": the name starts at Olivier)
        if end - i < 2 or end >= len(tokens) - 2 or tokens[end] != ",":
            i = max(end, i + 1)
            continue
        j = end + 2 if lower[end + 1] == "the" else end + 1
        owner = by_start.get(j)
        office = owner is not None and (
            owner.possessive and any(titles.match_at(lower, k)[0] for k in range(owner.end + 1, owner.end + 3))
            or owner.how == "organ" and (organs.match_ending(lower, owner.end)[0] or titles.match_ending(lower, owner.end)[0]))
        length = titles.match_at(lower, j)[0] if not office else 0
        if length and j + length + 1 < len(lower) and lower[j + length] == "of":
            # "Jeremiah Manele, Prime Minister of Solomon Islands": the office, then "of" and its state or body
            k = j + length + 1
            owner = by_start.get(k + 1 if lower[k] == "the" else k)
            office = owner is not None and not owner.possessive
        if office:
            affiliation = owner.actor.code if owner.actor.kind != "state" else owner.actor.represents()
            person = learn_person(tokens[i:end], affiliation, state)
            out.append(Mention(i, end, [person], "title", text=" ".join(tokens[i:end])))
            taken.update(range(i, end))
        i = end
    return out
