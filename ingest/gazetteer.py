"""The actor gazetteer (``data/actors/*.csv``) and the actor mentions it finds in a sentence.

Surface strings (names, short names, demonyms, capitals and seats used as metonyms, named state organs, persons'
names) are tokenised like the text and kept in a token trie; a sentence is scanned for the longest match at each
token. Matching is case-sensitive (so "PARIS" in a wire dateline is not France) except for a leading "the".
Generic state organs ("coast guard", "foreign ministry", "military-led government") are kept apart, lower-cased:
they stand for the state named next to them ("the Philippine Coast Guard", "China's navy").

The files are checked as they are read: a code defined twice, a surface string given to two actors, a country
code no state has, an organ form listed twice each raise ``DataError``.

>>> gaz = load_gazetteer()
>>> gaz.actors["CHN"].label, gaz.actors["xi_jinping"].country
('China', 'CHN')
>>> gaz.organ_at(["coast", "guard", "said"], 0), gaz.operates_in["ALSHABAAB"]
(2, ('SOM', 'KEN'))
"""

from __future__ import annotations

import csv
import re
import unicodedata
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
    pattern), organ ("Syrian forces"), pronoun, reference or unknown. ``weak`` marks a bare demonym ("Chinese
    city"), which only counts right next to a trigger. ``possessive``: the mention is followed by 's and
    modifies the next noun.

    An *unknown* mention is a name the gazetteer does not know ("the Zorblax Front"): it has no actors, so it
    holds its place as subject, object or antecedent of a pronoun without giving an event a made-up actor.
    ``kind`` says what it looks like: "organisation" or "name" (a person or a place).
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
    kind: str = ""  # of an unknown mention: "organisation" or "name"

    @property
    def actor(self) -> Actor | None:
        """The first actor; None for an unknown name."""
        return self.actors[0] if self.actors else None


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
    # generic state organs, lower-case token tries: forward (organ_at) and reversed (organ_ending)
    organs: dict = field(default_factory=dict)
    organs_reversed: dict = field(default_factory=dict)
    # named state organs ("Federal Security Service", "Mossad"): canonical name -> (state code, class)
    named_organs: dict[str, tuple[str, str]] = field(default_factory=dict)
    # a group's or body's field: code -> the states it operates in
    operates_in: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # words that tell a name the gazetteer does not know: organisation_head, group_noun, not_a_name
    cues: dict[str, frozenset[str]] = field(default_factory=dict)

    @cached_property
    def free_short(self) -> set[str]:
        """The persons with a short name that is not an English word ("Xi", not "Rice"): matched by it even before
        their full name appears. Worked out on first use, by the coder: it needs lemminflect's word list (and
        lemminflect loads spaCy), which whatever only reads the gazetteer, like an import, does not."""
        return {pid for pid, names in self.shorts.items() if any(not _is_english_word(n) for n in names)}

    def add_surface(self, text: str, code: str, how: str) -> str | None:
        """Add a surface string; answers the code that already held it, if another did."""
        tokens = tokenize_surface(text)
        if not tokens:
            return None
        held = self._add_tokens(tokens, code, how)
        # the spellings news uses beside the listed one, a clash keeping the first holder: without accents
        # ("Erdogan", "Turkiye"), and a capitalised name without its hyphen ("Timor Leste", "Al Shabaab")
        folded = tuple(_fold(t) for t in tokens)
        unhyphenated = tuple(t for t in tokens if t not in ("-", "–")) if text[:1].isupper() else tokens
        for variant in {folded, unhyphenated, tuple(_fold(t) for t in unhyphenated)} - {tokens}:
            self._add_tokens(variant, code, how)
        return held

    def _add_tokens(self, tokens: tuple[str, ...], code: str, how: str) -> str | None:
        node = self.trie
        for tok in tokens:
            node = node.setdefault(tok, {})
        held = node.setdefault(_MATCH, (code, how))
        return held[0] if held[0] != code else None

    def add_organ(self, form: str, organ_class: str, place: bool) -> bool:
        """Add a generic organ form (lower case); False if it was there already."""
        tokens = tuple(t.lower() for t in tokenize_surface(form))
        if not tokens:
            return True
        for trie, seq in ((self.organs, tokens), (self.organs_reversed, tokens[::-1])):
            node = trie
            for tok in seq:
                node = node.setdefault(tok, {})
            if _MATCH in node:
                return False
            node[_MATCH] = (organ_class, place)
        return True

    def organ_at(self, lower: Sequence[str], i: int) -> int:
        """Length of the longest generic organ starting at token i ("coast guard"), or 0."""
        node, best, j = self.organs, 0, i
        while j < len(lower) and (node := node.get(lower[j])) is not None:
            j += 1
            if _MATCH in node:
                best = j - i
        return best

    def organ_class_at(self, lower: Sequence[str], i: int) -> tuple[int, str | None]:
        """Length and class of the longest generic organ starting at token i ("coast guard": military)."""
        node, best, j = self.organs, (0, None), i
        while j < len(lower) and (node := node.get(lower[j])) is not None:
            j += 1
            if _MATCH in node:
                best = (j - i, node[_MATCH][0])
        return best

    def organ_ending(self, lower: Sequence[str], end: int, place: bool = False) -> int:
        """Length of the longest generic organ ending just before token ``end``, or 0; with ``place``, only the
        organs that "the <organ> in <capital>" makes stand for the place ("the government in Niamey")."""
        node, best, j = self.organs_reversed, 0, end - 1
        while j >= 0 and (node := node.get(lower[j])) is not None:
            j -= 1
            if _MATCH in node and (node[_MATCH][1] or not place):
                best = end - 1 - j
        return best

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


_SPLIT = re.compile(r"\s+|(?<=\w)(?=[-–])|(?<=[-–])(?=\w)|(?=['’]s\b)|(?<=s)(?=['’](?:\s|$))")


def tokenize_surface(text: str) -> tuple[str, ...]:
    """Split a surface string like spaCy's English tokenizer splits running text (hyphens, 's)."""
    tokens = tuple(t for t in _SPLIT.split(text.strip()) if t)
    if tokens and tokens[0] == "The":
        tokens = ("the", *tokens[1:])
    return tokens


def _fold(token: str) -> str:
    """A token without its accents ("Erdoğan" -> "Erdogan")."""
    return "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))


def _split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def _data_dir() -> Path:
    return Path(str(resources.files("diplokg.ingest").joinpath("data", "actors")))


def _is_english_word(word: str) -> bool:
    from lemminflect import getAllLemmas  # (it loads spaCy: not for what only reads the gazetteer)

    return bool(getAllLemmas(word.lower()))


def load_gazetteer(directory: str | Path | None = None) -> Gazetteer:
    return _load(str(directory) if directory else None)


BODY_KINDS = {"organisation", "bloc", "initiative", "group"}
NAME_CUES = ("organisation_head", "group_noun", "not_a_name")
ORGAN_CLASSES = {"government", "ministry", "military", "border", "security", "parliament", "court"}


def _rows(path: Path, required: Sequence[str]):
    """(line number, row) of a CSV file, with its required fields checked."""
    if not path.exists():
        raise DataError(f"gazetteer file missing: {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 2):
            if any(not (row.get(k) or "").strip() for k in required):
                raise DataError(f"{path}:{n}: {', '.join(required)} are required")
            yield n, {k: (v or "").strip() for k, v in row.items() if k is not None}


@cache
def _load(directory: str | None) -> Gazetteer:
    folder = Path(directory) if directory else _data_dir()
    gaz = Gazetteer(actors={})
    entity_rows = [(folder / name, n, row) for name in ("states.csv", "bodies.csv")
                   for n, row in _rows(folder / name, ("code", "name", "kind"))]
    states = {row["code"] for path, _n, row in entity_rows if path.name == "states.csv"}
    for path, n, row in entity_rows:
        code, kind = row["code"], row["kind"]
        where = f"{path}:{n}"
        if code in gaz.actors:
            raise DataError(f"{where}: code {code} is defined twice")
        if path.name == "states.csv" and kind != "state" or path.name == "bodies.csv" and (
                kind not in BODY_KINDS or code in states or code.endswith("OPP")):
            raise DataError(f"{where}: {code} ({kind}): a state in states.csv, a body of kind "
                            f"{'/'.join(sorted(BODY_KINDS))} in bodies.csv, with a code no state has and not ending OPP")
        unknown = [c for c in _split(row.get("operates_in")) if c not in states]
        if unknown:
            raise DataError(f"{where}: operates_in names no state: {', '.join(unknown)}")
        if row.get("operates_in"):
            gaz.operates_in[code] = tuple(_split(row["operates_in"]))
        names = [row["name"], *_split(row.get("names"))]
        gaz.actors[code] = Actor(
            code=code, label=row["name"], kind=kind, qid=row.get("qid") or None,
            country=code if kind == "state" else (row.get("part_of") or None), aliases=tuple(names[1:]),
        )
        for how, surfaces in (("name", names), ("demonym", _split(row.get("demonyms"))),
                              ("metonym", _split(row.get("metonyms")))):
            for surface in surfaces:
                _add_entity_surface(gaz, surface, code, how, where)
    parts = [(a.code, a.country) for a in gaz.actors.values() if a.kind != "state" and a.country]
    for code, whole in parts:
        if whole not in gaz.actors or gaz.actors[whole].kind == "state" or gaz.actors[whole].country:
            raise DataError(f"{folder / 'bodies.csv'}: {code} is part_of {whole}, which is no body of its own")
    _load_organs(gaz, folder, states)
    for actor in [a for a in gaz.actors.values() if a.kind == "state"]:
        # every state's domestic opposition, "<ISO3>OPP" (found by the coder from "Syrian opposition" etc.)
        code = f"{actor.code}OPP"
        gaz.actors.setdefault(code, Actor(code, f"{actor.label} opposition", "group"))
    _load_persons(gaz, folder / "persons.csv")
    return gaz


def _add_entity_surface(gaz: Gazetteer, surface: str, code: str, how: str, where: str) -> None:
    held = gaz.add_surface(surface, code, how)
    if held is not None:
        raise DataError(f"{where}: {surface!r} is given to {code} and to {held}: one surface string, one actor")


def _load_organs(gaz: Gazetteer, folder: Path, states: set[str]) -> None:
    """Named state organs ("Federal Security Service|FSB" of RUS) stand for their state as metonyms; generic
    organ forms ("coast guard") combine with any state's name, demonym or capital (see ``diplokg.ingest.mentions``)."""
    path = folder / "named_organs.csv"
    for n, row in _rows(path, ("name", "country", "class")):
        where = f"{path}:{n}"
        if row["country"] not in states:
            raise DataError(f"{where}: country {row['country']} is no state of states.csv")
        if row["class"] not in ORGAN_CLASSES:
            raise DataError(f"{where}: class {row['class']!r} is not one of {', '.join(sorted(ORGAN_CLASSES))}")
        if row["name"] in gaz.named_organs:
            raise DataError(f"{where}: {row['name']!r} is listed twice")
        gaz.named_organs[row["name"]] = (row["country"], row["class"])
        for surface in [row["name"], *_split(row.get("names"))]:
            _add_entity_surface(gaz, surface, row["country"], "metonym", where)
    path = folder / "name_cues.csv"
    for n, row in _rows(path, ("cue", "words")):
        if row["cue"] not in NAME_CUES or row["cue"] in gaz.cues:
            raise DataError(f"{path}:{n}: cue is one of {', '.join(NAME_CUES)}, once each")
        gaz.cues[row["cue"]] = frozenset(_split(row["words"]))
    if set(gaz.cues) != set(NAME_CUES):
        raise DataError(f"{path}: every cue of {', '.join(NAME_CUES)} is needed")
    path = folder / "organs.csv"
    for n, row in _rows(path, ("class", "forms")):
        where = f"{path}:{n}"
        if row["class"] not in ORGAN_CLASSES:
            raise DataError(f"{where}: class {row['class']!r} is not one of {', '.join(sorted(ORGAN_CLASSES))}")
        if row.get("place", "no") not in ("yes", "no", ""):
            raise DataError(f"{where}: place is yes or no")
        for form in _split(row["forms"]):
            if form != form.lower():
                raise DataError(f"{where}: organ forms are lower case: {form!r}")
            if not gaz.add_organ(form, row["class"], row.get("place") == "yes"):
                raise DataError(f"{where}: organ form {form!r} is listed twice")


def _load_persons(gaz: Gazetteer, path: Path) -> None:
    if not path.exists():
        return
    rows: dict[str, list[dict]] = {}
    for n, row in _rows(path, ("id", "name", "country")):
        country = row["country"]
        if country not in gaz.actors:  # a state, a body or a state's opposition (<ISO3>OPP)
            raise DataError(f"{path}:{n}: country {country} is no state or body of the gazetteer")
        rows.setdefault(row["id"], []).append(row)
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


@cache
def load_places(directory: str | None = None) -> dict[str, str]:
    """Place names of ``places.csv`` (GeoNames' cities, ``data/tools/convert_geonames.py``) with the state each
    lies in. Read once, when a sentence first needs a place the gazetteer does not know; look a name up by
    ``place_key`` of its tokens."""
    folder = Path(directory) if directory else _data_dir()
    path = folder / "places.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        if next(rows, None) != ["name", "country", "population"]:
            raise DataError(f"{path}: the header must be name,country,population")
        return {row[0].replace("-", " "): row[1] for row in rows if len(row) >= 2}


def place_key(tokens: Sequence[str]) -> str:
    """A place name as ``load_places`` keys it, from its tokens: hyphens as spaces ("El - Fasher", "El-Fasher"
    and "El Fasher" are one name)."""
    return " ".join(" ".join(tokens).replace("-", " ").split())
