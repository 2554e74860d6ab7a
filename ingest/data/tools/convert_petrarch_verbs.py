#!/usr/bin/env python3
"""Convert PETRARCH2's CAMEO verb dictionary (``CAMEO.2.0.txt``, MIT) into ``ingest/data/lexicon_cameo.yaml``.

PETRARCH2 codes a verb phrase found by a parser: its patterns name the verb's object head, prepositional
phrases and the nouns of the subject. diplokg matches lemma token patterns ("seize * weapon"), so the
conversion keeps what means the same as a flat token pattern and drops the rest, by kind, never one pattern
at a time:

- **isolated verbs** become one-word patterns only when the verb has a code of its own in the dictionary
  (``DETAIN [173]``) or names its block (``--- MOBILIZE [150] ---``): the other members of a synonym block are
  WordNet neighbours that PETRARCH2 codes only through patterns (FIGHT's block holds MATCH, HIT, PIT);
- **patterns** ``- * OBJECT (PREP NOUN) [code] # VERB`` become ``verb * object * prep * noun``, for the verb
  named in the pattern's comment (where TABARI found it), not for every synonym of its block; a ``{A B}``
  phrase stays contiguous; ``&SET`` synonym sets become ``a|b|c`` alternatives (single words only);
- patterns with **subject-side nouns** (``- POLICE * [173]``), with no content word after the verb
  (``- * (FOR) [111]``), with verbs that are not single lemmas ("KILLED_AND"), or more than three slots long
  are dropped: they need PETRARCH2's parse;
- **null patterns** (``[---]``: "seize drugs", "take the opportunity") become ``code: "---"`` entries: they match
  nothing but take their span from the triggers they overlap, so a near miss is data too;
- a code not in our codebook (CAMEO 1.1b3, ``graph/data/cameo.ttl``) is mapped to its nearest parent
  (PETRARCH2's ``1213`` -> ``121``); ``A:B`` paired codes keep the source's ``A``;
- a verb ``lexicon.yaml`` codes alone ("veto", "condemn") keeps its hand-written meaning: the dictionary's
  patterns for it are dropped (they would win as longer matches, without the hand entry's frame, fixed target
  and context); so are the patterns of a light verb (grammar.yaml) with a hand-written noun trigger
  ("hold * talk"): the coder codes those through the noun;
- ``ingest/data/tools/petrarch_review.yaml`` holds the hand review: verbs and patterns dropped, codes
  corrected, weights. Generated entries weigh less than hand-written ones (``lexicon.yaml``), and the loader
  lets ``lexicon.yaml`` win where both give the same pattern (see ``ingest/data/README.md``).

Usage (the dictionary comes from https://github.com/openeventdata/petrarch2,
``petrarch2/data/dictionaries/CAMEO.2.0.txt``)::

    python ingest/data/tools/convert_petrarch_verbs.py CAMEO.2.0.txt [-o ingest/data/lexicon_cameo.yaml]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml
from diplokg.graph.model import codebook
from lemminflect import getLemma

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "lexicon_cameo.yaml"
REVIEW = HERE / "petrarch_review.yaml"
ACTOR_SLOTS = {"$", "+", "%", "^"}
FUNCTION_WORDS = {
    "a", "an", "the", "to", "for", "of", "in", "on", "at", "by", "with", "from", "into", "over", "against", "as", "if",
    "when", "that", "this", "it", "up", "off", "out", "down", "back", "away", "about", "after", "before", "during",
    "under", "between", "toward", "towards", "outside", "inside", "behind", "through", "and", "or", "not", "no",
    "himself", "herself", "themselves", "itself", "its", "their", "his", "her", "there", "here", "all", "new",
}
MAX_SLOTS = 3  # verb + up to three object/prepositional slots


def parse_dictionary(text: str):
    """Synonym sets, verb blocks and their patterns of a PETRARCH2 verb dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    section = None
    current_set = None
    block = None
    for raw in text.splitlines():
        if raw.startswith("####### SYNONYM"):
            section = "sets"
            continue
        if raw.startswith("####### VERB"):
            section = "verbs"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
        if section == "sets":
            if line.startswith("&"):
                current_set = line.strip().rstrip("_")
                synsets[current_set] = []
            elif line.startswith("+") and current_set:
                synsets[current_set].append(line[1:].strip().rstrip("_").replace("_", " ").lower())
            continue
        if section != "verbs":
            continue
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", raw)
        if head:
            block = {"name": head.group(1), "code": head.group(2).strip(), "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None or not line.strip():
            continue
        if line.startswith("-"):
            m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*$", line)
            if m:
                block["patterns"].append((m.group(1), m.group(2).strip(), comment))
            continue
        if line.startswith("~"):
            continue
        m = re.match(r"^(\+?[A-Z][A-Z_+'\-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
        if m:
            code = m.group(3)[1:-1].strip() if m.group(3) else None
            block["verbs"].append((m.group(1), code))
    return synsets, blocks


def verb_words(token: str) -> list[str] | None:
    """``+CALL_UP`` -> ["call", "up"]; ``WIRE_+TAP`` (verb not first) and ``KILLED_AND`` -> None."""
    words = token.lower().split("_")
    if any(w.startswith("+") for w in words[1:]):
        return None
    words = [w.lstrip("+") for w in words if w]
    if not words or words[-1] in ("and", "or") or any(w in ("and", "or") for w in words[1:]):
        return None
    lemma = getLemma(words[0], upos="VERB")
    words[0] = lemma[0].lower() if lemma else words[0]
    return words


def comment_verb(comment: str) -> list[str] | None:
    m = re.match(r"([A-Za-z_+'\- ]+)", comment)
    if not m:
        return None
    token = m.group(1).strip().split(" <")[0].strip()
    if not token or " " in token and not token.upper() == token:
        return None
    return verb_words(token.replace(" ", "_"))


def tokenize_post(post: str) -> list[str]:
    """``* AID (TO {FOOD SUPPLIES})`` after the star -> ['AID', '(', 'TO', '{FOOD SUPPLIES}', ')']"""
    out, i = [], 0
    while i < len(post):
        c = post[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(c)
            i += 1
        elif c == "{":
            j = post.index("}", i)
            out.append(post[i:j + 1])
            i = j + 1
        else:
            j = i
            while j < len(post) and not post[j].isspace() and post[j] not in "(){":
                j += 1
            out.append(post[i:j])
            i = j
    return out


def convert_element(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """One dictionary token -> our pattern words (contiguous); None when it cannot be said as tokens."""
    if token.startswith("{"):
        words = []
        for part in token[1:-1].split():
            conv = convert_element(part, synsets)
            if conv is None:
                return None
            words.extend(conv)
        return words
    if token in ACTOR_SLOTS:
        return []
    if token.startswith("&"):
        members = synsets.get(token.rstrip("_"))
        if not members:
            return None
        singles = sorted({m for m in members if re.fullmatch(r"[a-z']+", m)})  # "f-16", "ak-47": not as alternatives
        return ["|".join(singles)] if singles else None
    if not re.fullmatch(r"[A-Za-z][A-Za-z'\-]*", token):
        return None
    return [w for w in token.lower().replace("_", " ").split()]


def convert_pattern(post: str, synsets) -> list[list[str]] | None:
    """The slots after the verb, each a list of contiguous words; None when not expressible."""
    slots: list[list[str]] = []
    tokens = tokenize_post(post)
    in_pp = False
    for tok in tokens:
        if tok == "(":
            in_pp = True
            slots.append([])
            continue
        if tok == ")":
            in_pp = False
            continue
        words = convert_element(tok, synsets)
        if words is None:
            return None
        if not words:
            continue
        if in_pp and slots and slots[-1] == []:
            slots[-1] = list(words)  # the preposition
        elif in_pp:
            slots.append(list(words))  # prep * noun: determiners and adjectives between
        else:
            slots.append(list(words))
    slots = [s for s in slots if s]
    return slots


def nearest_code(code: str, codes) -> str | None:
    while code and code not in codes:
        code = code[:-1]
    return code if len(code) >= 3 or code in codes else None


def content(slots: list[list[str]]) -> bool:
    return any(alt not in FUNCTION_WORDS for slot in slots for w in slot for alt in w.split("|"))


def hand_lexicon(path: Path) -> dict:
    """What the hand-written lexicon says: the roots of its one-word verbs, its patterns, frames and intents by code."""
    raw = yaml.safe_load(path.read_text("utf-8")) or []
    roots: dict[str, set[str]] = defaultdict(set)
    patterns: set[str] = set()
    frames: dict[str, set[str]] = defaultdict(set)
    intents: dict[str, set[str]] = defaultdict(set)
    for item in raw:
        code = str(item["code"])
        frames[code].add(item.get("frame", "default"))
        intents[code].add(item.get("intent"))
        for p in item["patterns"]:
            patterns.add(p.lower())
            words = p.lower().split(" * ")[0].split()
            if item["pos"] == "verb" and " " not in p:
                roots[p.lower()].add(code[:2])
            elif item["pos"] == "verb":  # "pull out of": "pull out" is the hand's too
                for k in range(2, len(words) + 1):
                    roots[" ".join(words[:k])].add(code[:2])
    nouns = {p.split()[0].lower() for item in raw if item["pos"] == "noun" for p in item["patterns"]}
    grammar = yaml.safe_load((path.parent / "grammar.yaml").read_text("utf-8"))
    light = {v.lower() for v in grammar["light_verbs"] + grammar["reversing_verbs"]}
    return {"roots": roots, "patterns": patterns, "frames": frames, "intents": intents, "nouns": nouns,
            "light": light}


def convert(text: str, review: dict, hand: dict | None = None) -> tuple[list[dict], dict[str, int]]:
    hand = hand or {"roots": {}, "patterns": set(), "frames": {}, "intents": {}, "nouns": set(), "light": set()}
    codes = codebook()
    synsets, blocks = parse_dictionary(text)
    drop_verbs = {v.lower() for v in review.get("drop_verbs", ())}
    drop_isolated = {v.lower() for v in review.get("drop_isolated", ())} | drop_verbs
    drop_patterns = {p.lower() for p in review.get("drop_patterns", ())}
    drop_codes = {str(c) for c in review.get("drop_codes", ())}
    drop_words = {w.lower() for w in review.get("drop_object_words", ())}
    recode = {str(k).lower(): str(v) for k, v in (review.get("recode") or {}).items()}
    weights = review.get("weights", {})
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    stats: dict[str, int] = defaultdict(int)
    for block in blocks:
        block_verbs = {}
        for token, code in block["verbs"]:
            words = verb_words(token)
            if words:
                block_verbs[" ".join(words)] = code
        name = verb_words(block["name"])
        for verb, code in block_verbs.items():
            own = code if code is not None else (block["code"] if name and " ".join(name) == verb else None)
            stats["verbs"] += 1
            if own is None or own.startswith("-") or verb in drop_isolated:
                stats["verbs dropped: no code of their own or reviewed out"] += 1
                continue
            found[(own, "isolated")].add(verb)
        for pre, code, comment in block["patterns"]:
            stats["patterns"] += 1
            if "*" not in pre or pre.split("*", 1)[0].strip():
                stats["patterns dropped: subject-side nouns"] += 1
                continue
            verb = comment_verb(comment) if comment else None
            if verb is None and len(block_verbs) == 1:
                verb = next(iter(block_verbs)).split()
            if verb is None:
                stats["patterns dropped: no single verb"] += 1
                continue
            slots = convert_pattern(pre.split("*", 1)[1], synsets)
            if slots is None or not slots:
                stats["patterns dropped: not expressible as tokens"] += 1
                continue
            if not content(slots):
                stats["patterns dropped: no content word after the verb"] += 1
                continue
            if len(slots) > MAX_SLOTS:
                stats["patterns dropped: too long for a flat pattern"] += 1
                continue
            pattern = " * ".join([" ".join(verb)] + [" ".join(s) for s in slots])
            if pattern in drop_patterns or " ".join(verb) in drop_verbs or \
                    any(alt in drop_words for s in slots for w in s for alt in w.split("|")):
                stats["patterns dropped: reviewed out"] += 1
                continue
            kind = "pattern"
            if code.startswith("-") or not code:
                found[("---", kind)].add(pattern)
                stats["null patterns (near misses)"] += 1
                continue
            found[(code, kind)].add(pattern)
    entries: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (raw_code, kind), patterns in found.items():
        for pattern in patterns:
            code = recode.get(pattern, raw_code)
            if code != "---":
                first = code.split(":")[0]  # "[:173]": the subject is the target; not said by a flat pattern
                code = nearest_code(first, codes) if first else None
                if code is None or code in drop_codes:
                    stats["dropped: code outside the codebook or reviewed out"] += 1
                    continue
            verb = pattern.split(" * ")[0]
            if pattern in hand["patterns"]:
                stats["dropped: lexicon.yaml gives the same pattern"] += 1
                continue
            if code != "---" and verb in hand["roots"]:
                # lexicon.yaml codes the bare verb, with its frame, fixed target and context ("veto": at the
                # UNSC): a generated longer pattern would take its place without them
                stats["dropped: lexicon.yaml codes the verb alone"] += 1
                continue
            words = {alt for slot in pattern.split(" * ")[1:] for w in slot.split() for alt in w.split("|")}
            lemmas = words | {(getLemma(w, upos="NOUN") or (w,))[0].lower() for w in words}
            if code != "---" and verb in hand["light"] and lemmas & hand["nouns"]:
                # "hold * talk": the coder codes a light verb with a noun trigger through the noun
                stats["dropped: light verb with a noun trigger of lexicon.yaml"] += 1
                continue
            entries[(code, kind)].add(pattern)
    # a pattern given two codes by two blocks is ambiguous: keep neither
    owners: dict[str, set[str]] = defaultdict(set)
    for (code, _), patterns in entries.items():
        for p in patterns:
            owners[p].add(code)
    out: list[dict] = []
    for (code, kind), patterns in sorted(entries.items(), key=lambda kv: (kv[0][0] != "---", kv[0][0], kv[0][1])):
        kept = sorted(p for p in patterns if len(owners[p] - {"---"}) <= 1 and not (code != "---" and "---" in owners[p]))
        stats["dropped: one pattern, two codes"] += len(patterns) - len(kept)
        if not kept:
            continue
        entry = {"code": code, "pos": "verb", "patterns": kept}
        if code != "---":
            # the frame and intent lexicon.yaml gives every entry of the code ("sign": symmetric, intent 036)
            frames = hand["frames"].get(code, set())
            if len(frames) == 1 and next(iter(frames)) in ("symmetric",):
                entry["frame"] = "symmetric"
            intents = hand["intents"].get(code, set())
            if len(intents) == 1 and None not in intents:
                entry["intent"] = next(iter(intents))
            entry["weight"] = float(weights.get(kind, 0.5))
        out.append(entry)
        stats[f"kept {kind} patterns" if code != "---" else "kept null patterns"] += len(kept)
    return out, dict(stats)


HEADER = """\
# GENERATED by ingest/data/tools/convert_petrarch_verbs.py from PETRARCH2's CAMEO.2.0.txt verb dictionary
# (https://github.com/openeventdata/petrarch2, MIT licence, (c) 2015 Open Event Data Alliance; derived from the
# TABARI CAMEO dictionaries). Do not edit by hand: change ingest/data/tools/petrarch_review.yaml and re-run the
# script. Loaded after lexicon.yaml, which wins where both give the same pattern (see ingest/data/README.md).
# code "---": a near miss ("seize * drug") that takes its span from any trigger it overlaps and codes nothing.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dictionary", type=Path, help="PETRARCH2 CAMEO.2.0.txt")
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    review = yaml.safe_load(REVIEW.read_text("utf-8")) or {}
    hand = hand_lexicon(HERE.parent / "lexicon.yaml")
    entries, stats = convert(args.dictionary.read_text("latin-1"), review, hand)
    labels = {c: v.label for c, v in codebook().items()}
    chunks = [HEADER]
    for entry in entries:
        label = labels.get(entry["code"], "near miss: codes nothing")
        chunks.append(f"\n# {entry['code']} {label}\n")
        chunks.append(yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=120))
    args.output.write_text("".join(chunks), "utf-8")
    for key, value in sorted(stats.items()):
        print(f"{key}: {value}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
