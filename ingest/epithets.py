"""Epithets: a definite description that stands for a state the article has named ("the Gulf emirate", "the
self-ruled island", "the landlocked Himalayan republic", "the war-ravaged country").

News writers name a state once and then vary the reference. An epithet is "the", up to four modifiers and a head
noun of ``epithet_heads`` (``data/grammar.yaml``). It refers to the nearest state named before it, in its sentence
or the two before, that fits what the modifiers say: a region word ("South American", "Gulf", "Pacific") keeps the
states of that region (``epithet_regions``), an island word the island states (``island_states``). As an object
it is not its own clause's subject ("Russia ... threatened the Baltic state": not Russia). Nothing fits: the
epithet stays unresolved, never the nearest state by default.
"""

from __future__ import annotations

import re

from diplokg.graph.model import Actor
from diplokg.ingest.docstate import DocState
from diplokg.ingest.gazetteer import Mention
from diplokg.ingest.lexicon import Grammar, gerund

__all__ = ["epithet_at", "resolve_epithet"]

_WORD = re.compile(r"^[A-Za-z][A-Za-z-]*$")
_MAX_TOKENS = 7  # four modifiers and the hyphens between them


def epithet_at(tokens, lower, i: int, grammar: Grammar) -> tuple[int, frozenset[str] | None]:
    """The length of an epithet starting at token ``i`` (0 if none) and the state codes that fit it (None: any)."""
    if lower[i] != "the":
        return 0, None
    heads, stops = grammar.words["epithet_heads"], grammar.words["epithet_stops"]
    regions = grammar.maps["epithet_regions"]
    fits: set[str] | None = None
    j = i + 1
    while j < len(tokens) and j - i - 1 <= _MAX_TOKENS:
        word = lower[j]
        if word in heads and tokens[j] == word and j > i + 1:
            break
        if word == "-" and j > i + 1 and j + 1 < len(tokens) and _WORD.match(tokens[j + 1]):
            j += 1  # "self - governed": the tokenizer's hyphen
            continue
        if not _WORD.match(tokens[j]) or word in stops:
            return 0, None
        length, states = regions.match_at(lower, j)
        if length:
            fits = set(states) if fits is None else fits & set(states)
            j += length
            continue
        if tokens[j] != word:  # a capitalised word that names no region: a name ("the Islamic State")
            return 0, None
        j += 1
    else:
        return 0, None
    while j + 1 < len(tokens) and lower[j + 1] in heads and tokens[j + 1] == lower[j + 1]:
        j += 1  # "the Pacific island state"
    after = lower[j + 1] if j + 1 < len(tokens) else ""
    if after in _plural_heads(grammar):
        return 0, None  # "the Pacific island countries": many, not one named before
    charge = j + 2 < len(tokens) and gerund(tokens[j + 2])
    if after == "of" and not charge or (j + 1 < len(tokens) and tokens[j + 1][:1].isupper()
                                        and _WORD.match(tokens[j + 1])):
        return 0, None  # "the Gulf state of Qatar", "the island nation Nauru": the name follows (not "accusing the
        # Middle Eastern country of giving money": the charge follows)
    if any(w in grammar.words["island_words"] for w in lower[i + 1:j + 1]):
        islands = {s.upper() for s in grammar.words["island_states"]}
        fits = islands if fits is None else fits & islands
    return j + 1 - i, frozenset(fits) if fits is not None else None


_PLURALS: dict[int, frozenset[str]] = {}


def _plural_heads(grammar: Grammar) -> frozenset[str]:
    key = id(grammar)
    if key not in _PLURALS:
        _PLURALS[key] = frozenset(h + ("es" if h.endswith("s") else "s") for h in grammar.words["epithet_heads"]) | {
            "countries", "nations", "states", "islands", "monarchies", "republics"}
    return _PLURALS[key]


def resolve_epithet(i: int, fits: frozenset[str] | None, earlier: list[Mention], state: DocState,
                    not_subject: Mention | None) -> Actor | None:
    """The nearest state named before token ``i`` that fits, skipping ``not_subject`` (the clause's subject when
    the epithet is its object)."""
    here = sorted((m for m in earlier if m.end <= i and m.how != "reference" and m is not not_subject),
                  key=lambda m: -m.start)
    for m in here + [m for m in state.recent() if m.how != "reference"]:
        if m.weak or not m.actors or len(m.actors) != 1:
            continue
        actor = m.actor
        if actor.kind == "state" and (fits is None or actor.code in fits):
            return actor
    return None
