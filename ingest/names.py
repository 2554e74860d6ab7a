"""Names the gazetteer does not know, and the organ phrases that stand for a state (used by
``diplokg.ingest.mentions``).

A capitalised name the actor files do not know ("the Zorblax Front", "JNIM", "Zorblax rebels") becomes a mention
without actors: it holds its place as subject, object or antecedent, so no known actor takes its events. The
words that tell a name come from ``data/actors/name_cues.csv``.

>>> from diplokg.ingest.gazetteer import load_gazetteer
>>> from diplokg.ingest.lexicon import load_grammar
>>> tokens = "The Zorblax Front attacked a convoy .".split()
>>> found = unknown_names(tokens, [t.lower() for t in tokens], load_grammar(), load_gazetteer(), [], set())
>>> [(m.text, m.how, m.kind, m.actors) for m in found]
[('Zorblax Front', 'unknown', 'organisation', [])]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from diplokg.ingest.gazetteer import Gazetteer, Mention
from diplokg.ingest.lexicon import Grammar

__all__ = ["PARTICLES", "capitalised", "organ_at", "organ_ending", "person_name", "stop_word", "unknown_names"]

PUNCT = re.compile(r"^\W+$")
PARTICLES = {"al", "bin", "bint", "ibn", "de", "del", "da", "van", "von", "der", "el", "la", "le", "abu", "-", "jr", "jr."}


def capitalised(tok: str) -> bool:
    return tok[:1].isupper() and any(c.isalpha() for c in tok) and not tok.isupper() or (
        len(tok) > 1 and tok[:1].isupper() and tok[1:2] == "."
    )


def person_name(tokens, lower, i, taken) -> int:
    """End of a run of capitalised name tokens starting at i (particles like al-, bin allowed inside)."""
    j = i
    while j < len(tokens) and j - i < 6 and j not in taken:
        if capitalised(tokens[j]) and not PUNCT.match(tokens[j]) or lower[j] in PARTICLES and j + 1 < len(tokens) and j > i - 1 and (
            capitalised(tokens[j + 1]) or tokens[j + 1] == "-"
        ):
            j += 1
        else:
            break
    while j > i and lower[j - 1] in PARTICLES:
        j -= 1
    return j


def _match_phrase(lower: Sequence[str], i: int, phrases) -> int:
    return phrases.match_at(lower, i)[0]


def _ends_with_phrase(lower: Sequence[str], end: int, phrases) -> int:
    return phrases.match_ending(lower, end)[0]


def organ_at(lower: Sequence[str], i: int, grammar: Grammar, gaz: Gazetteer) -> int:
    """Length of the longest organ phrase at i: the grammar's ("officials", "side") or a state organ's, after
    at most two qualifiers ("Yemen's internationally recognised government", "the interim government") or model
    designators ("Turkish F-16 jets")."""
    qualifiers = grammar.words["organ_qualifiers"]
    best = 0  # (the longest: "Russian military jets" is the jets, "military" a qualifier there)
    for skip in range(3):
        if skip and (i + skip > len(lower) or lower[i + skip - 1] not in qualifiers
                     and not any(c.isdigit() for c in lower[i + skip - 1])):
            break
        found = max(_match_phrase(lower, i + skip, grammar.phrases["organs"]), gaz.organ_at(lower, i + skip))
        if found:
            best = max(best, skip + found)
    return best


def organ_ending(lower: Sequence[str], end: int, grammar: Grammar, gaz: Gazetteer) -> int:
    return max(_ends_with_phrase(lower, end, grammar.phrases["organs"]), gaz.organ_ending(lower, end))


_SPEAKING = frozenset({"said", "says", "told", "tells", "added", "adds", "wrote", "writes", "noted"})
_OPENERS = frozenset({"—", "–", "-", ":", '"', "“", "‘", "(", "•", "*"})
_NOT_VERBS = frozenset({"and", "or", "nor", "but", "than", "the", "a", "an", "which", "who", "whose", "where"})
_CONNECTORS = frozenset({"of", "for", "al", "el", "bin", "ibn", "abu", "wal", "ul", "de", "del", "la", "-", "–", "'s"})


def _name_token(tok: str) -> bool:
    return tok[:1].isupper() and any(c.isalpha() for c in tok)


@lru_cache(maxsize=65536)
def stop_word(word: str) -> bool:
    """A function word ("the", "it", "on"): never a name, whatever its capital."""
    from spacy.lang.en.stop_words import STOP_WORDS  # (spaCy: not at import, see _common_word)

    return word in STOP_WORDS


@lru_cache(maxsize=65536)
def _common_word(word: str) -> bool:
    """A word of English (not a name), for the sentence's first word: its capital says nothing."""
    from lemminflect import getAllLemmas  # (loads spaCy, which the coder has loaded anyway)

    return bool(getAllLemmas(word))


def _subject_position(lower: Sequence[str], i: int, grammar: Grammar) -> bool:
    j = i - 1
    while j >= 0 and lower[j] in grammar.words["determiners"]:
        j -= 1
    if j >= 0 and lower[j] in ("-", "'s", "’s"):
        return False  # inside a word: "al-Hawa"
    return j < 0 or PUNCT.match(lower[j]) is not None or lower[j] in grammar.words["subject_openers"] \
        or lower[j] in grammar.reporting_forms


def unknown_names(tokens, lower, grammar: Grammar, gaz: Gazetteer, mentions: list[Mention],
                   taken: set[int]) -> list[Mention]:
    """Capitalised names the gazetteer does not know, as mentions without actors ("the Zorblax Front", "JNIM",
    "Zorblax rebels"). An organisation-like name (a head word such as Front, Army, Council, or a group noun after
    it: "rebels") counts anywhere; another name (a person, a place, an acronym) only as a subject. Right after a
    state ("Kenya's Zorblax Council", "the Chinese Communist Party") an organisation-like name is that state's
    organ. Not in a headline in title case, not a run of words that are no names alone (days, titles,
    "Islamic"), not a state organ ("the Foreign Ministry")."""
    n = len(tokens)
    heads, nouns, not_names = gaz.cues["organisation_head"], gaz.cues["group_noun"], gaz.cues["not_a_name"]
    words = [t for t in tokens if t[:1].isalpha() and t not in not_names and (
        stop_word(t.lower()) or _common_word(t.lower()))]
    if len(words) >= 3 and sum(1 for t in words if t[:1].isupper()) > 0.6 * len(words):
        return []  # a headline in title case ("China Signs Strategic Partnership With Syria"): capitals say nothing
    titles = grammar.maps["titles"]
    first = next((k for k, t in enumerate(tokens) if t[:1].isalpha()), n)
    by_end = {m.end: m for m in mentions}
    out: list[Mention] = []
    i = 0
    while i < n:
        start = i
        t_len = titles.match_at(lower, i)[0] if _name_token(tokens[i]) and i not in taken else 0
        if t_len and _name_token(tokens[i + t_len - 1]):  # "Prime Minister Zorblax": the title is the person's
            i += t_len
            if i >= n or i in taken or not _name_token(tokens[i]):
                continue
        opening = i == first or i > 0 and lower[i - 1] in _OPENERS  # a capital that says nothing
        if i in taken or not _name_token(tokens[i]) or stop_word(lower[i]) or opening and _common_word(lower[i]) \
                and not (i + 1 < n and i + 1 not in taken and _name_token(tokens[i + 1])
                         and tokens[i + 1] not in not_names):  # "Amnesty International", not "Meanwhile,"
            i += 1
            continue
        start = min(start, i)
        j = i + 1
        while j < n and j not in taken:
            k = j
            while k < n and lower[k] in _CONNECTORS and k not in taken:  # "Bab al-Hawa", "Army of Islam"
                k += 1
            if k < n and k not in taken and _name_token(tokens[k]):
                j = k + 1
            else:
                break
        run = tokens[i:j]
        if all(t in not_names for t in run) or organ_at(lower, i, grammar, gaz) >= j - i or (
                len(run) > 1 or i == first) and all(t.isupper() for t in run if t[:1].isalpha()):
            i = j  # no name; a state organ ("the Foreign Ministry"); a wire dateline ("NUSA DUA, Indonesia")
            continue
        noun = j < n and j not in taken and lower[j] in nouns
        organisation = noun or any(t in heads for t in run)
        end = j + 1 if noun else j
        owner = by_end.get(i) or (by_end.get(i - 1) if i >= 1 and lower[i - 1] in ("'s", "’s") else None)
        if owner is not None and owner.actors and owner.actor.kind == "state":
            if organisation:  # "Kenya's Zorblax Council", "the Chinese Communist Party": the state's organ
                owner.end, owner.how, owner.weak, owner.possessive = end, "organ", False, False
                owner.text = " ".join(tokens[owner.start:end])
                taken.update(range(i, end))
            i = j  # "China Daily", "Saudi Aramco": a name the state's name begins
            continue
        if j in taken or (i - 1 in taken and tokens[i - 1] not in ("'s", "’s")) or not organisation and (
                not _subject_position(lower, start, grammar) or j >= n or not (lower[j] in ("'s", "’s") or (
                    tokens[j][:1].islower() and tokens[j][:1].isalpha() and lower[j] not in _NOT_VERBS
                    and lower[j] not in grammar.words["prepositions"]))):
            # glued to a known name; or a name (a person, a place) that is not a subject followed by its verb
            # ("Tibet and Hong Kong", "Zorblax, a former minister,")
            i = j
            continue
        kind = "organisation" if organisation or (len(run) == 1 and run[0].isupper()) else "name"
        # the speaker of "said", "told": the antecedent of a later "it"/"he", but no subject of the clause it
        # reports ("Zorblax told reporters the Kremlin welcomed the move": the Kremlin welcomed it)
        weak = end < n and lower[end] in _SPEAKING
        out.append(Mention(start, end, [], "unknown", weak=weak, text=" ".join(tokens[start:end]), kind=kind))
        taken.update(range(start, end))
        i = end
    return out
