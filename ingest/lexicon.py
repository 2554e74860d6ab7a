"""The event lexicon (``data/lexicon.yaml``, then ``data/lexicon_cameo.yaml``) and the grammar word lists
(``data/grammar.yaml``), loaded and indexed.

Lexicon patterns are written with lemmas; at load time each lemma is expanded into its inflections with
lemminflect, and every pattern is indexed under each form of its first word, so matching a sentence is one
dictionary lookup per token (then a check of the few patterns that start with that word), with no lemmatiser
on the hot path and no loop over the lexicon. The hand-written ``lexicon.yaml`` is read first and wins: a
pattern the generated ``lexicon_cameo.yaml`` repeats is skipped. Entries coded ``"---"`` are near misses
("seize * drug", "summon * courage"): they take their span and code nothing.

>>> lex = load_lexicon()
>>> [t.entry.code for t in lex.match(["they", "met", "in", "vienna"], set())]
['040']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import yaml
from diplokg.errors import DataError
from diplokg.graph.model import codebook
from diplokg.ingest.spelling import spellings
from lemminflect import getAllInflections, getAllLemmas

__all__ = ["LEXICON_FILES", "NOUN_TAGS", "NULL_CODE", "VERB_TAGS", "Grammar", "LexEntry", "Lexicon", "Trigger",
           "coverage", "coverage_table", "load_grammar", "load_lexicon"]

VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
NOUN_TAGS = ("NN", "NNS")
GAP = None  # a `*` in a pattern
MAX_GAP = 4
GAP_PUNCTUATION = {"-", '"', "“", "”", "'", "‘", "’", "%", "$", "€", "£"}  # a gap skips these, no other punctuation
FRAMES = {"default", "symmetric", "mediation", "reverse"}
NULL_CODE = "---"  # a near miss: matches, takes its span, codes nothing
LEXICON_FILES = ("lexicon.yaml", "lexicon_cameo.yaml")  # in order of precedence


@dataclass(frozen=True)
class LexEntry:
    code: str
    pos: str
    frame: str = "default"
    relation: str | None = None
    intent: str | None = None
    negated: str | None = None  # code used when the act is negated ("did not accept the offer" → 120)
    target: str | None = None
    modifier: str = "source"
    prepositions: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    weight: float = 0.8
    inside: bool = False  # the target is only found inside the pattern ("called Russia's move illegal")
    voice: str = ""  # "passive": the entry codes only a passive verb ("the envoy was summoned")
    passive_source: tuple[str, ...] = ()  # prepositions introducing the source in the passive ("summoned to X")
    origin: str = ""  # the file the entry comes from
    priority: int = 0  # 0: hand-written (lexicon.yaml) or a near miss; 1: generated (lexicon_cameo.yaml)
    gap: int = MAX_GAP  # the most words a `*` spans (an actor right after the verb counts as one)
    min_gap: int = 0  # the fewest words the pattern's gaps span together ("ask * for": someone asked, not "asked for")
    # a pattern's final "to" is a preposition, never an infinitive marker: no event before a verb ("is going to leave")
    no_infinitive: bool = False
    target_kinds: tuple[str, ...] = ()  # the entry codes only toward actors of these kinds ("leave" a body)
    # verbs (all their forms) that govern a noun entry however far before it in the sentence ("declared X, the envoy
    # of Y, persona non grata")
    governed_by: frozenset[str] = frozenset()
    # the entry codes only in the main clause of a sentence that states a condition ("would retaliate if ..."); the
    # condition's subject is its target when no other is found
    conditional: bool = False

    def excluded(self, lower: Sequence[str]) -> bool:
        """Whether one of the ``exclude`` words or phrases ("catch|caught fire") occurs in the sentence."""
        return any(_contains(lower, phrase) for phrase in _exclude_phrases(self.exclude))


@cache
def _exclude_phrases(words: tuple[str, ...]) -> tuple[tuple[frozenset[str], ...], ...]:
    return tuple(tuple(frozenset(w.split("|")) for w in _tokenize_pattern(text.lower())) for text in words)


def _contains(lower: Sequence[str], phrase: tuple[frozenset[str], ...]) -> bool:
    k = len(phrase)
    return any(all(lower[i + j] in phrase[j] for j in range(k)) for i in range(len(lower) - k + 1)
               if lower[i] in phrase[0])


@dataclass(frozen=True)
class Trigger:
    """A lexicon pattern found in a sentence: token span ``[start, end)`` and the tag of its head token."""

    entry: LexEntry
    pattern: str
    start: int
    end: int
    head_tag: str  # VBD, VBN, VBG, NN …: what the first token was as an inflection of its lemma
    object_at: int = -1  # a passive verb-object match ("the tanker was seized"): where the object word stands


@dataclass
class Lexicon:
    entries: list[LexEntry]
    # first-token form -> [(entry, pattern text, [form sets or GAP], head tag by form, the later form sets)]
    index: dict[str, list[tuple[LexEntry, str, list, dict[str, str], tuple]]] = field(default_factory=dict)
    # past participle -> [(entry, pattern text, the object's form sets)]: "seize * tanker" read in the passive
    passives: dict[str, list[tuple[LexEntry, str, list]]] = field(default_factory=dict)
    # auxiliaries a noun pattern's subject and verb may stand apart by ("fighting has broken out"): grammar.yaml
    auxiliaries: frozenset[str] = frozenset()
    # modifiers that may stand before the object a gap crosses right after the verb: grammar.yaml object_modifiers
    modifiers: frozenset[str] = frozenset()
    # words that may stand between a verb and the next word of its pattern, up to three ("called yesterday for",
    # "met on Friday with"): grammar.yaml particle_adverbs
    adverbs: frozenset[str] = frozenset()

    def match(self, lower: Sequence[str], blocked: set[int],
              prefer_noun: Callable[[int], bool] | None = None, skippable: set[int] | frozenset = frozenset(),
              nominal: Callable[[int], bool] | None = None) -> list[Trigger]:
        """All longest non-overlapping pattern matches in a sentence of lower-cased tokens.

        ``blocked`` holds token positions inside actor mentions: a pattern never starts in one nor crosses it,
        unless it is also ``skippable``: a possessive a gap skips ("summoned Russia's ambassador") or a state
        organ whose head noun is the pattern's object ("summoned the Belarusian ambassador").
        Where a noun and a verb reading cover the same tokens ("sanctions"), ``prefer_noun(i)`` decides; a near
        miss (code ``---``) wins a tie and is not returned: it only keeps its span from coding. A hand-written
        pattern wins over any generated one it overlaps (``LexEntry.priority``), and a generated verb pattern
        never starts where ``nominal(i)`` says the word is a noun ("keep their promises").
        """
        found: list[Trigger] = []
        present = set(lower)
        for i, tok in enumerate(lower):
            if i in blocked:
                continue
            for entry, text, items, tags, rest in self.index.get(tok, ()):
                if rest and any(item.isdisjoint(present) for item in rest):
                    continue  # a later word of the pattern is nowhere in the sentence
                end = _match_items(lower, blocked, i + 1, items, 1, skippable,
                                   self.auxiliaries if entry.pos == "noun" else frozenset(), entry.gap,
                                   self.modifiers, self.adverbs if entry.pos == "verb" else frozenset())
                if end is not None and entry.no_infinitive and lower[end - 1] == "to" and end < len(lower) \
                        and base_verb(lower[end]):
                    continue  # "welcomed Iran's decision to free": an infinitive, no destination (another entry may match)
                if end is not None and entry.min_gap and end - i - sum(item is not GAP for item in items) < \
                        entry.min_gap:
                    continue  # ("asked for help": no one asked)
                if end is not None:
                    found.append(Trigger(entry, text, i, end, tags.get(tok, "")))
            if tok in self.passives and _after_be(lower, i):
                for entry, text, obj in self.passives[tok]:
                    at = _object_before(lower, i, obj)
                    if at is not None:
                        found.append(Trigger(entry, text, i, i + 1, "VBN", object_at=at))
        if not found:
            return []
        # prefer_noun only matters where a noun and a verb reading start at the same word
        pos_at: dict[int, set[str]] = {}
        for t in found:
            pos_at.setdefault(t.start, set()).add(t.entry.pos)
        nouns = {i: prefer_noun(i) for i, kinds in pos_at.items() if len(kinds) == 2} if prefer_noun else {}
        if nominal:
            found = [t for t in found if not (t.entry.priority and t.entry.pos == "verb" and nominal(t.start))]

        def rank(t: Trigger):
            # hand-written patterns first (a generated one only fills what they leave), then the longest;
            # a near miss wins a tie
            # (a passive reading of a verb-object pattern only where no pattern reads the verb itself)
            return (t.entry.priority, t.object_at >= 0, t.start - t.end, t.entry.code != NULL_CODE, t.start,
                    (t.entry.pos == "noun") != nouns.get(t.start, False), -t.entry.weight)

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
        return [t for t in chosen if t.entry.code != NULL_CODE]


BE_FORMS = frozenset({"is", "are", "was", "were", "been", "being", "be", "'s"})
PASSIVE_ADVERBS = frozenset({"reportedly", "allegedly", "also", "later", "then", "briefly", "illegally", "forcibly"})
PASSIVE_REACH = 8  # how far before the participle the object word may stand ("a tanker flying the British flag")


def _after_be(lower, i: int) -> bool:
    j = i - 1
    while j >= 0 and lower[j] in PASSIVE_ADVERBS:
        j -= 1
    return j >= 0 and lower[j] in BE_FORMS


def _object_before(lower, i: int, obj: list) -> int | None:
    """Where the object of a passive verb-object pattern stands before the participle, or None."""
    for j in range(i - 2, max(-1, i - 2 - PASSIVE_REACH), -1):
        if lower[j] in (".", ";", ":", "and") and j < i - 2:
            return None
        if j + len(obj) <= i and all(lower[j + k] in obj[k] for k in range(len(obj))):
            return j
    return None


def _match_items(lower, blocked, pos, items, k, skippable=frozenset(), auxiliaries=frozenset(),
                 gap: int = MAX_GAP, modifiers=frozenset(), adverbs=frozenset()) -> int | None:
    """Where ``items`` from the k-th match ``lower`` from ``pos`` on, or None. ``auxiliaries`` may stand between two
    adjacent words of a noun pattern (up to two: "war has broken out", "clashes had been erupting"); ``modifiers``
    before the one actor a gap may cross right after the verb ("charged neighbouring Turkey with"); ``adverbs``
    between a verb and the word right after it in the pattern, up to three ("called yesterday for")."""
    if k == len(items):
        return pos
    item = items[k]
    if item is GAP:
        p, words = pos, 0  # (the words of a possessive or an organ it crosses do not count: "Mexico's ambassador")
        while words <= gap:
            if p > len(lower):
                return None
            end = _match_items(lower, blocked, p, items, k + 1, skippable, auxiliaries, gap, modifiers)
            if end is not None:
                return end
            q = p
            while q < len(lower) and q - p < 2 and q not in blocked and lower[q] in modifiers:
                q += 1
            if p == pos and k <= 2 and GAP not in items[:k] and q < len(lower) and q in blocked \
                    and q not in skippable:
                # the object right after the verb ("threw Russia out", "asked Rwanda for help", "called in Frank
                # Mugambage, Rwanda's ambassador"): one actor crossed, with its modifiers and an appositive's comma
                words += q - p
                p = q
                while p < len(lower) and p in blocked:
                    p += 1
                while p + 1 < len(lower) and lower[p] in ("and", "or") and (
                        p + 1 in blocked or lower[p + 1] == "the" and p + 2 in blocked):
                    p += 1 + (lower[p + 1] == "the")  # a coordinated object, crossed as one ("charged Rwanda
                    while p < len(lower) and p in blocked:  # and Uganda with", "held Israel and the US to blame")
                        p += 1
                if p < len(lower) and lower[p] == ",":
                    p += 1
                words += 1
                continue
            if p < len(lower) and ((p in blocked and p not in skippable)
                                   or not (any(c.isalnum() for c in lower[p]) or lower[p] in GAP_PUNCTUATION)):
                return None
            words += p not in skippable
            p += 1
        return None
    if pos < len(lower) and (pos not in blocked or pos in skippable) and lower[pos] in item:
        return _match_items(lower, blocked, pos + 1, items, k + 1, skippable, auxiliaries, gap, modifiers)
    if adverbs and k == 1:
        skip = pos
        while skip < min(len(lower), pos + 3) and skip not in blocked and lower[skip] in adverbs \
                and lower[skip] not in item:
            skip += 1
        if skip > pos and skip < len(lower) and skip not in blocked and lower[skip] in item:
            return _match_items(lower, blocked, skip + 1, items, k + 1, skippable, auxiliaries, gap, modifiers)
    if auxiliaries and items[k - 1] is not GAP:
        skip = pos
        while skip < min(len(lower), pos + 2) and lower[skip] in auxiliaries and lower[skip] not in item:
            skip += 1
            if skip < len(lower) and skip not in blocked and lower[skip] in item:
                return _match_items(lower, blocked, skip + 1, items, k + 1, skippable, auxiliaries, gap, modifiers)
    return None


@lru_cache(maxsize=65536)
def base_verb(word: str) -> bool:
    """Whether a word can be a verb's base form ("leave", not "talks" nor "Moscow")."""
    return word.islower() and getAllLemmas(word).get("VERB") == (word,)


@lru_cache(maxsize=65536)
def gerund(word: str) -> bool:
    """Whether a word can be a verb's -ing form ("backing", "speaking"; not "Beijing", nor a capitalised name)."""
    return word.islower() and word.endswith("ing") and "VERB" in getAllLemmas(word)


@lru_cache(maxsize=65536)
def noun_lemma(word: str) -> bool:
    """Whether a word is also a noun's base form ("ship", "visit"; not "expel")."""
    return getAllLemmas(word).get("NOUN") == (word,)


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
    if any("|" in chunk and "-" in chunk.replace("|", "") for chunk in pattern.split()):
        raise DataError(f"lexicon pattern {pattern!r}: an alternative (a|b) cannot hold a hyphen; write two patterns")
    chunks = pattern.lower().split()
    alternatives = [chunk.split("|") for chunk in chunks if "|" in chunk]
    single = {chunk for chunk in chunks if "|" not in chunk}
    if any(len(set(alts)) < len(alts) or single & set(alts) for alts in alternatives):
        # "set fire to|set on fire": alternatives are single words; a phrase needs a pattern of its own
        raise DataError(f"lexicon pattern {pattern!r}: an alternative (a|b) repeats a word of the pattern; "
                        "alternatives are single words, write a phrase as a pattern of its own")
    for n, word in enumerate(_tokenize_pattern(pattern.lower())):
        if word == "*":
            items.append(GAP)
            continue
        forms: set[str] = set()
        for alt in {v for a in word.split("|") for v in spellings(a)}:
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


def load_lexicon(path: str | Path | Sequence[str | Path] | None = None) -> Lexicon:
    """Read, validate and index lexicon files: by default the shipped ``data/lexicon.yaml`` then
    ``data/lexicon_cameo.yaml``; else the file or files given, earlier ones winning on a repeated pattern."""
    if path is None:
        return _load_lexicon(None)
    paths = [path] if isinstance(path, (str, Path)) else list(path)
    return _load_lexicon(tuple(str(p) for p in paths))


@cache
def _load_lexicon(paths: tuple[str, ...] | None) -> Lexicon:
    sources = [Path(p) for p in paths] if paths else [_data_path(name) for name in LEXICON_FILES]
    codes = codebook()
    words = load_grammar().words
    lexicon = Lexicon(entries=[], auxiliaries=words.get("pattern_auxiliaries", frozenset()),
                      modifiers=words.get("object_modifiers", frozenset()),
                      adverbs=words.get("particle_adverbs", frozenset()))
    seen: set[tuple[str, str]] = set()  # (pos, pattern) of the files read so far
    for priority, source in enumerate(sources):
        try:
            raw = yaml.safe_load(source.read_text("utf-8"))
        except yaml.YAMLError as exc:
            raise DataError(f"{source}: not valid YAML: {exc}") from exc
        if not isinstance(raw, list):
            raise DataError(f"{source}: expected a list of entries")
        mine: set[tuple[str, str]] = set()
        for n, item in enumerate(raw, 1):
            entry, patterns = _entry(item, f"{source}: entry {n}", codes, source.name, priority)
            lexicon.entries.append(entry)
            for pattern in patterns:
                key = (entry.pos, " ".join(pattern.lower().split()))
                if key in seen:
                    continue  # an earlier (hand-written) file gives it: that one wins
                mine.add(key)
                items, head_tags = _compile(entry, pattern)
                rest = tuple(item for item in items[1:] if item is not GAP)
                for form in items[0]:
                    lexicon.index.setdefault(form, []).append((entry, pattern, items, head_tags, rest))
                if entry.pos == "verb" and len(items) >= 3 and items[1] is GAP and GAP not in items[2:] \
                        and entry.voice != "passive":  # "seize * tanker": also "the tanker was seized"
                    for form, tag in head_tags.items():
                        if tag in ("VBN", "VBD"):  # (a regular verb's one form is listed as VBD)
                            lexicon.passives.setdefault(form, []).append((entry, pattern, items[2:]))
        seen |= mine
    return lexicon


def _entry(item, where: str, codes, origin: str, priority: int) -> tuple[LexEntry, list[str]]:
    try:
        entry = LexEntry(
            code=str(item["code"]), pos=item["pos"], frame=item.get("frame", "default"),
            relation=item.get("relation"), intent=item.get("intent"), target=item.get("target"),
            negated=str(item["negated"]) if item.get("negated") else None,
            modifier=item.get("modifier", "source"), prepositions=tuple(item.get("prepositions", ())),
            context=tuple(item.get("context", ())), exclude=tuple(item.get("exclude", ())),
            weight=float(item.get("weight", 0.8)), inside=item.get("target_inside", False) is True,
            voice=item.get("voice", ""), passive_source=tuple(item.get("passive_source", ())), origin=origin,
            priority=0 if str(item.get("code")) == NULL_CODE else min(priority, 1),
            gap=int(item.get("gap", MAX_GAP)), min_gap=int(item.get("min_gap", 0)),
            no_infinitive=item.get("no_infinitive", False) is True,
            target_kinds=tuple(item.get("target_kinds", ())),
            governed_by=frozenset(f for v in item.get("governed_by", ()) for f in _inflections(v, "VERB")),
            conditional=item.get("conditional", False) is True,
        )
        patterns = item["patterns"]
        # a pattern that ends in a place preposition takes its object there ("lash out at", "arrive in"): that
        # preposition names the target, not a place
        ending = {p.split()[-1].lower() for p in patterns if isinstance(p, str) and p.split()} & PLACE_PREPOSITIONS
        if ending - set(entry.prepositions):
            entry = replace(entry, prepositions=entry.prepositions + tuple(sorted(ending - set(entry.prepositions))))
        for key in ("patterns", "context", "exclude", "prepositions", "passive_source"):
            if any(not isinstance(v, str) for v in item.get(key, ())):
                raise ValueError(f"{key} must be strings (quote yes/no/on/off, which YAML reads as booleans)")
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{where}: {exc!r}") from exc
    for code in (entry.code, entry.intent, entry.negated):
        if code and code not in codes and code != NULL_CODE:
            raise DataError(f"{where}: {code!r} is not a CAMEO code")
    if entry.pos not in ("verb", "noun") or entry.frame not in FRAMES:
        raise DataError(f"{where}: pos must be verb|noun and frame one of {sorted(FRAMES)}")
    if entry.voice not in ("", "passive"):
        raise DataError(f"{where}: voice must be passive (or absent)")
    if not 0 <= entry.weight <= 1:
        raise DataError(f"{where}: weight must be between 0 and 1")
    if not 0 <= entry.gap <= MAX_GAP:
        raise DataError(f"{where}: gap must be between 0 and {MAX_GAP}")
    return entry, patterns


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


PLACE_PREPOSITIONS = frozenset({"at", "in", "on", "inside", "near", "outside"})

VERB_LISTS = ("light_verbs", "reversing_verbs", "reporting_verbs", "control_verbs", "intent_verbs", "implicative_verbs",
              "deciding_verbs", "telling_verbs", "protest_verbs", "particle_back_verbs",
              "permission_verbs", "reaction_verbs", "ditransitive_verbs", "in_light_verbs", "part_light_verbs",
              "imposing_verbs", "charging_verbs", "ordering_verbs", "warning_verbs", "cessation_verbs", "instrument_verbs",
              "mandative_verbs")


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
            for word in spellings(words[0]):  # ("criticise" and "criticize")
                forms |= set(_inflections(word, "VERB"))
    return frozenset(forms)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping (YAML would keep the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"{key!r} is given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@cache
def load_grammar() -> Grammar:
    source = _data_path("grammar.yaml")
    try:
        raw = yaml.load(source.read_text("utf-8"), Loader=_UniqueKeyLoader)  # (a SafeLoader)
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


def coverage(lexicon: Lexicon) -> dict[str, dict[str, int]]:
    """Per CAMEO root: codes of the codebook, codes with at least one pattern, patterns (near misses aside) and,
    of those, the hand-written ones (``lexicon.yaml``; the others are generated).

    >>> row = coverage(load_lexicon())["19"]
    >>> row["codes"] >= 2 and row["patterns"] >= 10
    True
    """
    codes_by_root: dict[str, int] = {}
    for cameo in codebook().values():
        if len(cameo.code) > 2:
            codes_by_root[cameo.root] = codes_by_root.get(cameo.root, 0) + 1
    seen: set[tuple[int, str]] = set()
    rows = {root: {"codebook": n, "codes": 0, "patterns": 0, "hand": 0} for root, n in sorted(codes_by_root.items())}
    coded: dict[str, set[str]] = {root: set() for root in rows}
    for patterns in lexicon.index.values():
        for entry, text, *_ in patterns:
            if entry.code == NULL_CODE or (id(entry), text) in seen:
                continue
            seen.add((id(entry), text))
            root = entry.code[:2]
            rows[root]["patterns"] += 1
            rows[root]["hand"] += entry.priority == 0
            coded[root].add(entry.code)
    for root, row in rows.items():
        row["codes"] = len(coded[root])
    return rows


def coverage_table(after: Lexicon, before: Lexicon | None = None) -> str:
    """The coverage of ``after`` (and ``before``) as a Markdown table, one row per CAMEO root and a total."""
    labels = {c.code: c.label for c in codebook().values()}
    rows_after = coverage(after)
    rows_before = coverage(before) if before else None
    head = "| root | label | codes in codebook |"
    head += " codes before | patterns before |" if rows_before else ""
    head += " codes | patterns | of which hand-written |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    total = {"codebook": 0, "codes": 0, "patterns": 0, "hand": 0, "codes_b": 0, "patterns_b": 0}
    for root, row in rows_after.items():
        cells = [root, labels.get(root, ""), str(row["codebook"])]
        total["codebook"] += row["codebook"]
        if rows_before:
            b = rows_before[root]
            cells += [str(b["codes"]), str(b["patterns"])]
            total["codes_b"] += b["codes"]
            total["patterns_b"] += b["patterns"]
        cells += [str(row["codes"]), str(row["patterns"]), str(row["hand"])]
        for key in ("codes", "patterns", "hand"):
            total[key] += row[key]
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["all", "", str(total["codebook"])]
    if rows_before:
        cells += [str(total["codes_b"]), str(total["patterns_b"])]
    cells += [str(total["codes"]), str(total["patterns"]), str(total["hand"])]
    lines.append("| " + " | ".join(f"**{c}**" if c else c for c in cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m diplokg.ingest.lexicon --coverage [--before FILE ...] [--lexicon FILE ...]``"""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m diplokg.ingest.lexicon", description="Lexicon coverage of CAMEO")
    ap.add_argument("--coverage", action="store_true", help="print codes and patterns per CAMEO root (Markdown)")
    ap.add_argument("--lexicon", nargs="+", help="lexicon files (default: the shipped ones)")
    ap.add_argument("--before", nargs="+", help="lexicon files to compare with (an earlier version)")
    args = ap.parse_args(argv)
    if not args.coverage:
        ap.print_help()
        return 0
    after = load_lexicon(args.lexicon) if args.lexicon else load_lexicon()
    before = load_lexicon(args.before) if args.before else None
    print(coverage_table(after, before))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
