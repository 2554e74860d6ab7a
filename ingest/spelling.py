"""British and American spellings of one word, so that a pattern or a word list written in one spelling codes
news written in the other ("criticise"/"criticize", "harbour"/"harbor", "defence"/"defense")."""

from __future__ import annotations

from functools import cache

# British and American spellings of one word: news in either matches a pattern written in one
_OUR = {"harbour", "honour", "labour", "neighbour", "favour", "rumour", "endeavour", "behaviour", "colour", "vigour",
        "armour", "valour"}
_PAIRS = {"defence": "defense", "offence": "offense", "licence": "license", "towards": "toward",
          "programme": "program", "catalogue": "catalog", "dialogue": "dialog", "pretence": "pretense"}
_PAIRS |= {v: k for k, v in _PAIRS.items()} | {w: w[:-2] + "r" for w in _OUR} | {w[:-2] + "r": w for w in _OUR}


def spellings(word: str) -> set[str]:
    """A pattern word and its other spelling ("criticise"/"criticize", "harbour"/"harbor", "defence"/"defense")."""
    out = {word}
    if word in _PAIRS:
        out.add(_PAIRS[word])
    if len(word) >= 7 and word.endswith("ize"):
        out.add(word[:-3] + "ise")
    elif len(word) >= 7 and word.endswith("ise") and _is_word(word[:-3] + "ize"):
        out.add(word[:-3] + "ize")
    return out


@cache
def _is_word(word: str) -> bool:
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word))
