"""The actor gazetteer (``data/actors/*.csv``) and the actor mentions it finds in a sentence.

Surface strings (names, short names, demonyms, capitals and seats used as metonyms, persons' names) are
tokenised like the text and kept in a token trie; a sentence is scanned for the longest match at each token.
Matching is case-sensitive (so "PARIS" in a wire dateline is not France) except for a leading "the".

>>> gaz = load_gazetteer()
>>> gaz.actors["CHN"].label, gaz.actors["xi_jinping"].country
('China', 'CHN')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from diplokg.errors import DataError
from diplokg.graph.model import Actor, Position

__all__ = ["Gazetteer", "Mention", "load_facts", "load_gazetteer", "tokenize_surface"]

KIND_ORDER = {"state": 0, "organisation": 1, "bloc": 2, "group": 3, "initiative": 4, "person": 5}


@dataclass
class Mention:
    """Actors mentioned at tokens ``[start, end)`` of a sentence.

    ``how`` is name, demonym, metonym, person, short (a person's short name), title (a titled person found by
    pattern), organ ("Syrian forces"), pronoun or reference. ``weak`` marks a bare demonym ("Chinese city"),
    which only counts right next to a trigger. ``possessive``: the mention is followed by 's and modifies the
    next noun.
    """

    start: int
    end: int
    actors: list[Actor]
    how: str
    weak: bool = False
    possessive: bool = False
    text: str = ""
    subject: bool = False  # in subject position: the preferred antecedent of a later pronoun
    compound: bool = False  # "US-brokered", "Saudi-led": a modifier inside a compound word

    @property
    def actor(self) -> Actor:
        return self.actors[0]


#: the trie's key for "a surface ends here": not a string, so no token can collide with it (the token "$" did:
#: "China $5bn" crashed the coder)
_MATCH = None


@dataclass
class Gazetteer:
    actors: dict[str, Actor]
    trie: dict = field(default_factory=dict)
    # person code -> short names (matched after the full name appeared in the article, or always when the short
    # name is not an English word: see free_short)
    shorts: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def free_short(self) -> set[str]:
        """The persons with a short name that is not an English word ("Xi", not "Rice"): matched by it even before
        their full name appears. Worked out on first use, by the coder: it needs lemminflect's word list (and
        lemminflect loads spaCy), which whatever only reads the gazetteer, like an import, does not."""
        return {pid for pid, names in self.shorts.items() if any(not _is_english_word(n) for n in names)}

    def add_surface(self, text: str, code: str, how: str) -> None:
        tokens = tokenize_surface(text)
        if not tokens:
            return
        node = self.trie
        for tok in tokens:
            node = node.setdefault(tok, {})
        node.setdefault(_MATCH, (code, how))

    def longest(self, tokens: Sequence[str], i: int) -> tuple[int, str, str] | None:
        """Longest surface match starting at token i: (end, code, how)."""
        node, best = self.trie, None
        j = i
        while j < len(tokens):
            tok = tokens[j]
            nxt = node.get(tok) or (node.get(tok.lower()) if j == i and tok in ("The", "THE") else None)
            if nxt is None:
                break
            node = nxt
            j += 1
            if _MATCH in node:
                best = (j, *node[_MATCH])
        return best


_SPLIT = re.compile(r"\s+|(?<=\w)(?=[-–])|(?<=[-–])(?=\w)|(?=['’]s\b)")


def tokenize_surface(text: str) -> tuple[str, ...]:
    """Split a surface string like spaCy's English tokenizer splits running text (hyphens, 's)."""
    tokens = tuple(t for t in _SPLIT.split(text.strip()) if t)
    if tokens and tokens[0] == "The":
        tokens = ("the", *tokens[1:])
    return tokens


def _split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def _data_dir() -> Path:
    return Path(str(resources.files("diplokg.ingest").joinpath("data", "actors")))


def _is_english_word(word: str) -> bool:
    from lemminflect import getAllLemmas  # (it loads spaCy: not for what only reads the gazetteer)

    return bool(getAllLemmas(word.lower()))


def load_gazetteer(directory: str | Path | None = None) -> Gazetteer:
    return _load(str(directory) if directory else None)


@cache
def _load(directory: str | None) -> Gazetteer:
    folder = Path(directory) if directory else _data_dir()
    gaz = Gazetteer(actors={})
    entity_rows = []
    for name in ("states.csv", "bodies.csv"):
        path = folder / name
        if not path.exists():
            raise DataError(f"gazetteer file missing: {path}")
        with path.open(encoding="utf-8", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), 2):
                if not row.get("code") or not row.get("name") or not row.get("kind"):
                    raise DataError(f"{path}:{n}: code, name and kind are required")
                entity_rows.append(row)
    for row in entity_rows:
        code = row["code"].strip()
        names = [row["name"].strip(), *_split(row.get("names"))]
        gaz.actors[code] = Actor(
            code=code, label=row["name"].strip(), kind=row["kind"].strip(), qid=(row.get("qid") or "").strip() or None,
            country=code if row["kind"].strip() == "state" else None, aliases=tuple(names[1:]),
        )
        for surface in names:
            gaz.add_surface(surface, code, "name")
        for surface in _split(row.get("demonyms")):
            gaz.add_surface(surface, code, "demonym")
        for surface in _split(row.get("metonyms")):
            gaz.add_surface(surface, code, "metonym")
    for actor in [a for a in gaz.actors.values() if a.kind == "state"]:
        # every state's domestic opposition, "<ISO3>OPP" (found by the coder from "Syrian opposition" etc.)
        code = f"{actor.code}OPP"
        gaz.actors.setdefault(code, Actor(code, f"{actor.label} opposition", "group"))
    _load_persons(gaz, folder / "persons.csv")
    return gaz


def _load_persons(gaz: Gazetteer, path: Path) -> None:
    if not path.exists():
        return
    rows: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 2):
            if not row.get("id") or not row.get("name") or not row.get("country"):
                raise DataError(f"{path}:{n}: id, name and country are required")
            rows.setdefault(row["id"].strip(), []).append(row)
    for pid, person_rows in rows.items():
        person_rows.sort(key=lambda r: (r.get("start") or ""))
        latest = person_rows[-1]
        positions = tuple(
            Position(r.get("office", "").strip() or "other", r["country"].strip(),
                     (r.get("start") or "").strip() or None, (r.get("end") or "").strip() or None)
            for r in person_rows
        )
        names = [latest["name"].strip()] + [a for r in person_rows for a in _split(r.get("aliases"))]
        names = list(dict.fromkeys(names))
        country = latest["country"].strip()
        gaz.actors[pid] = Actor(
            code=pid, label=names[0], kind="person", qid=(latest.get("qid") or "").strip() or None,
            country=country, aliases=tuple(names[1:]), positions=positions,
        )
        for surface in names:
            gaz.add_surface(surface, pid, "person")
        for r in person_rows:
            for short in _split(r.get("short")):
                gaz.add_surface(short, pid, "short")
                gaz.shorts.setdefault(pid, []).append(short)


@cache
def load_facts() -> list[tuple[str, str, str, str | None, str | None]]:
    """Background facts of ``graph/data/facts.csv`` (memberships and the like)."""
    path = resources.files("diplokg.graph").joinpath("data", "facts.csv")
    with path.open(encoding="utf-8") as fh:
        return [(r["subject"], r["property"], r["object"], r.get("start") or None, r.get("end") or None)
                for r in csv.DictReader(fh)]
