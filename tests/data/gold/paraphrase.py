#!/usr/bin/env python3
"""Paraphrase, never copy: no run of 8 or more consecutive words of a source page in a corpus article.

The real-news corpus (``real/``) paraphrases published reports. The source texts are not kept here (they are
other people's work); what is kept, per article, is the set of its source's 8-word runs, each hashed
(``real/shingles/<id>.txt``: one 16-hex-digit BLAKE2b hash per line, sorted), which cannot be read back into the
text but is enough to check that no run of 8 words of the source appears in the article.

    python tests/data/gold/paraphrase.py shingle ID SOURCE.txt [SOURCE2.txt ...]   # record a source's runs
    python tests/data/gold/paraphrase.py check [DIR ...]                           # check every article

Words are compared lower-cased, letters and digits only (punctuation and spacing do not hide a copied run).

>>> runs = shingles("The ministry summoned the ambassador of Ruritania on Friday over the border incident")
>>> len(runs), copied_runs("Officials said the ministry summoned the ambassador of Ruritania on Friday.", runs)
(6, 2)
>>> copied_runs("The envoy of Ruritania was called in by the ministry on Friday", runs)
0
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

N = 8
HERE = Path(__file__).parent
REAL = HERE / "real"
SHINGLES = REAL / "shingles"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _hash(run: list[str]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=8).hexdigest()


def shingles(text: str) -> set[str]:
    """The hashed runs of ``N`` consecutive words of ``text``."""
    ws = words(text)
    return {_hash(ws[i:i + N]) for i in range(len(ws) - N + 1)}


def copied_runs(text: str, source_runs: set[str]) -> int:
    """How many runs of ``N`` words of ``text`` are runs of the source."""
    return len(shingles(text) & source_runs)


def record(article_id: str, sources: list[Path]) -> Path:
    runs: set[str] = set()
    for source in sources:
        runs |= shingles(source.read_text("utf-8"))
    SHINGLES.mkdir(parents=True, exist_ok=True)
    out = SHINGLES / f"{article_id}.txt"
    out.write_text("".join(f"{h}\n" for h in sorted(runs)), encoding="utf-8")
    return out


def check(dirs: list[Path]) -> list[str]:
    """Problems found: articles without recorded source runs, and articles that copy a run."""
    problems = []
    for directory in dirs:
        for path in sorted(directory.rglob("*.json")):
            gold = json.loads(path.read_text("utf-8"))
            runs_file = SHINGLES / f"{gold['id']}.txt"
            if not runs_file.exists():
                problems.append(f"{path}: no source runs recorded ({runs_file})")
                continue
            runs = set(runs_file.read_text("utf-8").split())
            if not runs:
                problems.append(f"{path}: the recorded source is empty")
            text = "\n".join(str(gold.get(field) or "") for field in ("title", "text"))
            copied = copied_runs(text, runs)
            if copied:
                problems.append(f"{path}: {copied} run(s) of {N} words copied from the source")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "shingle":
        print(record(argv[1], [Path(p) for p in argv[2:]]))
        return 0
    if argv and argv[0] == "check":
        dirs = [Path(p) for p in argv[1:]] or [p for p in REAL.iterdir() if p.is_dir() and p.name != "shingles"]
        problems = check(dirs)
        print("\n".join(problems) or f"ok: no run of {N} words copied")
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
