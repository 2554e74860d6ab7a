"""The event lexicon (``data/lexicon.yaml``) and the grammar word lists (``data/grammar.yaml``), loaded and indexed.

Lexicon patterns are written with lemmas; at load time each lemma is expanded into its inflections with
lemminflect, so matching a sentence is a dictionary lookup per token, with no lemmatiser on the hot path.

>>> lex = load_lexicon()
>>> [t.entry.code for t in lex.match(["they", "met", "in", "vienna"], set())]
['040']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from diplokg.errors import DataError
from diplokg.graph.model import codebook
from lemminflect import getAllInflections

__all__ = ["NOUN_TAGS", "VERB_TAGS", "Grammar", "LexEntry", "Lexicon", "Trigger", "load_grammar", "load_lexicon"]

VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
NOUN_TAGS = ("NN", "NNS")
GAP = None  # a `*` in a pattern
MAX_GAP = 4
FRAMES = {"default", "symmetric", "mediation", "reverse"}


@dataclass(frozen=True)
class LexEntry:
    code: str
    pos: str
    frame: str = "default"
    relation: str | None = None
    intent: str | None = None
    target: str | None = None
    modifier: str = "source"
    prepositions: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    weight: float = 0.8


@dataclass(frozen=True)
class Trigger:
    """A lexicon pattern found in a sentence: token span ``[start, end)`` and the tag of its head token."""

    entry: LexEntry
    pattern: str
    start: int
    end: int
    head_tag: str  # VBD, VBN, VBG, NN …: what the first token was as an inflection of its lemma


@dataclass
class Lexicon:
    entries: list[LexEntry]
    # first-token form -> [(entry, pattern text, [form sets or GAP], head tag by form)]
    index: dict[str, list[tuple[LexEntry, str, list, dict[str, str]]]] = field(default_factory=dict)

    def match(self, lower: Sequence[str], blocked: set[int],
              prefer_noun: Callable[[int], bool] | None = None) -> list[Trigger]:
        """All longest non-overlapping pattern matches in a sentence of lower-cased tokens.

        ``blocked`` holds token positions inside actor mentions; a pattern never crosses or gaps over them.
        Where a noun and a verb reading cover the same tokens ("sanctions"), ``prefer_noun(i)`` decides.
        """
        found: list[Trigger] = []
        for i, tok in enumerate(lower):
            if i in blocked:
                continue
            for entry, text, items, tags in self.index.get(tok, ()):
                end = _match_items(lower, blocked, i + 1, items, 1)
                if end is not None:
                    found.append(Trigger(entry, text, i, end, tags.get(tok, "")))
        def rank(t: Trigger):
            noun_first = prefer_noun(t.start) if prefer_noun else False
            return (t.start - t.end, t.start, (t.entry.pos == "noun") != noun_first)

        found.sort(key=rank)
        chosen: list[Trigger] = []
        taken: set[int] = set()
        for trig in found:
            span = set(range(trig.start, trig.end))
            if span & taken:
                continue
            chosen.append(trig)
            taken |= span
        chosen.sort(key=lambda t: t.start)
        return chosen


def _match_items(lower, blocked, pos, items, k) -> int | None:
    if k == len(items):
        return pos
    item = items[k]
    if item is GAP:
        for skip in range(MAX_GAP + 1):
            p = pos + skip
            if p > len(lower):
                return None
            end = _match_items(lower, blocked, p, items, k + 1)
            if end is not None:
                return end
            if p < len(lower) and (p in blocked or not (any(c.isalnum() for c in lower[p]) or lower[p] == "-")):
                return None
        return None
    if pos < len(lower) and pos not in blocked and lower[pos] in item:
        return _match_items(lower, blocked, pos + 1, items, k + 1)
    return None


@cache
def _inflections(word: str, upos: str | None) -> dict[str, str]:
    """form -> tag for one lemma; the lemma itself always matches."""
    forms: dict[str, str] = {}
    for tag, values in getAllInflections(word, upos=upos).items():
        for form in values:
            forms.setdefault(form.lower(), tag)
    forms.setdefault(word, "VB" if upos == "VERB" else "NN" if upos == "NOUN" else "")
    return forms


def _tokenize_pattern(text: str) -> list[str]:
    out: list[str] = []
    for chunk in text.split():
        # keep hyphens as their own tokens, as spaCy's tokenizer does ("re-establish" -> re - establish)
        parts = chunk.replace("-", " - ").split()
        out.extend(parts)
    return out


def _compile(entry: LexEntry, pattern: str):
    items: list = []
    head_tags: dict[str, str] = {}
    for n, word in enumerate(_tokenize_pattern(pattern.lower())):
        if word == "*":
            items.append(GAP)
            continue
        forms: set[str] = set()
        for alt in word.split("|"):
            if n == 0:
                tags = {f: t for f, t in _inflections(alt, "VERB" if entry.pos == "verb" else "NOUN").items()
                        if t in (VERB_TAGS if entry.pos == "verb" else NOUN_TAGS)}
                tags.setdefault(alt, "VB" if entry.pos == "verb" else "NN")
                head_tags.update(tags)
                forms |= set(tags)
            else:
                forms |= set(_inflections(alt, "VERB")) | set(_inflections(alt, "NOUN")) | {alt}
        items.append(frozenset(forms))
    if not items or items[0] is GAP or items[-1] is GAP:
        raise DataError(f"lexicon pattern {pattern!r} must start and end with a word")
    return items, head_tags


def _data_path(name: str):
    return resources.files("diplokg.ingest").joinpath("data", name)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read, validate and index a lexicon file (default: the shipped ``data/lexicon.yaml``)."""
    return _load_lexicon(str(path) if path else None)


@cache
def _load_lexicon(path: str | None) -> Lexicon:
    source = Path(path) if path else _data_path("lexicon.yaml")
    try:
        raw = yaml.safe_load(source.read_text("utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{source}: not valid YAML: {exc}") from exc
    if not isinstance(raw, list):
        raise DataError(f"{source}: expected a list of entries")
    codes = codebook()
    lexicon = Lexicon(entries=[])
    for n, item in enumerate(raw, 1):
        where = f"{source}: entry {n}"
        try:
            entry = LexEntry(
                code=str(item["code"]), pos=item["pos"], frame=item.get("frame", "default"),
                relation=item.get("relation"), intent=item.get("intent"), target=item.get("target"),
                modifier=item.get("modifier", "source"), prepositions=tuple(item.get("prepositions", ())),
                context=tuple(item.get("context", ())), exclude=tuple(item.get("exclude", ())), weight=float(item.get("weight", 0.8)),
            )
            patterns = item["patterns"]
            for key in ("patterns", "context", "exclude", "prepositions"):
                if any(not isinstance(v, str) for v in item.get(key, ())):
                    raise ValueError(f"{key} must be strings (quote yes/no/on/off, which YAML reads as booleans)")
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"{where}: {exc!r}") from exc
        for code in (entry.code, entry.intent):
            if code and code not in codes:
                raise DataError(f"{where}: {code!r} is not a CAMEO code")
        if entry.pos not in ("verb", "noun") or entry.frame not in FRAMES:
            raise DataError(f"{where}: pos must be verb|noun and frame one of {sorted(FRAMES)}")
        lexicon.entries.append(entry)
        for pattern in patterns:
            items, head_tags = _compile(entry, pattern)
            for form in items[0]:
                lexicon.index.setdefault(form, []).append((entry, pattern, items, head_tags))
    return lexicon


class Phrases:
    """Phrases (tuples of lower-cased tokens) with values, indexed by first and last token for fast lookup."""

    def __init__(self, items: dict[tuple[str, ...], object]):
        self.items = items
        self._first: dict[str, list[tuple[str, ...]]] = {}
        self._last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(items, key=len, reverse=True):
            self._first.setdefault(phrase[0], []).append(phrase)
            self._last.setdefault(phrase[-1], []).append(phrase)

    def match_at(self, tokens: Sequence[str], i: int) -> tuple[int, object]:
        """(length, value) of the longest phrase starting at token i, or (0, None)."""
        if i < len(tokens):
            for phrase in self._first.get(tokens[i], ()):
                if tuple(tokens[i:i + len(phrase)]) == phrase:
                    return len(phrase), self.items[phrase]
        return 0, None

    def match_ending(self, tokens: Sequence[str], end: int) -> tuple[int, object]:
        """(length, value) of the longest phrase ending just before token ``end``, or (0, None)."""
        if end > 0:
            for phrase in self._last.get(tokens[end - 1], ()):
                k = len(phrase)
                if end - k >= 0 and tuple(tokens[end - k:end]) == phrase:
                    return k, self.items[phrase]
        return 0, None

    @property
    def first_tokens(self) -> set[str]:
        return set(self._first)

    def contains(self, tokens: Sequence[str]) -> bool:
        return any(self.match_at(tokens, i)[0] for i in range(len(tokens)))

    def __contains__(self, phrase) -> bool:
        return phrase in self.items

    def __getitem__(self, phrase):
        return self.items[phrase]

    def __iter__(self):
        return iter(self.items)


VERB_LISTS = ("light_verbs", "reversing_verbs", "reporting_verbs", "control_verbs", "intent_verbs", "implicative_verbs")


@dataclass(frozen=True)
class Grammar:
    """The closed word classes of ``grammar.yaml``: ``words`` (lower-cased), ``phrases`` (tuples of tokens,
    longest first), ``maps`` (phrase -> value) and ``verbs`` (every inflected form of the verb lists)."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, Phrases]
    maps: dict[str, Phrases]
    verbs: dict[str, frozenset[str]]

    @property
    def light_verb_forms(self) -> frozenset[str]:
        return self.verbs["light_verbs"]

    @property
    def reversing_forms(self) -> frozenset[str]:
        return self.verbs["reversing_verbs"]

    @property
    def reporting_forms(self) -> frozenset[str]:
        return self.verbs["reporting_verbs"]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(_tokenize_pattern(text.lower().replace("n't", " n't").replace("'s", " 's").replace("'ll", " 'll")))


def _verb_forms(lemmas) -> frozenset[str]:
    forms: set[str] = set()
    for lemma in lemmas:
        words = _tokenize_pattern(lemma)
        if len(words) == 1:
            forms |= set(_inflections(words[0], "VERB"))
    return frozenset(forms)


@cache
def load_grammar() -> Grammar:
    source = _data_path("grammar.yaml")
    try:
        raw = yaml.safe_load(source.read_text("utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"{source}: not valid YAML: {exc}") from exc
    words, phrases, maps = {}, {}, {}
    for key, value in raw.items():
        if isinstance(value, list):
            if any(isinstance(v, bool) for v in value):
                raise DataError(f"{source}: {key} holds a bare yes/no/on/off, which YAML reads as a boolean; quote it")
            words[key] = frozenset(str(v).lower() for v in value)
            items = {_phrase(str(v)): True for v in value}
            if key == "organs":  # "the foreign ministers of X and Y": plurals of every organ phrase
                for phrase in list(items):
                    for plural in getAllInflections(phrase[-1], upos="NOUN").get("NNS", ()):
                        items.setdefault((*phrase[:-1], plural.lower()), True)
            phrases[key] = Phrases(items)
        elif isinstance(value, dict):
            maps[key] = Phrases({_phrase(str(k)): v for k, v in value.items()})
        else:
            raise DataError(f"{source}: {key} must be a list or a mapping")
    missing = [name for name in VERB_LISTS if name not in raw]
    if missing:
        raise DataError(f"{source}: missing {', '.join(missing)}")
    return Grammar(words=words, phrases=phrases, maps=maps, verbs={name: _verb_forms(raw[name]) for name in VERB_LISTS})
