#!/usr/bin/env python3
"""The lexicon's coverage of the CAMEO codebook, before and after, written into docs/evaluation.md.

Codes and patterns per CAMEO root (``diplokg.ingest.lexicon.coverage``): "before" is ``lexicon.yaml`` as it was
at ``--before`` (a git revision; default: the commit before the codebook work of issue 16), "after" the
shipped lexicon files. Replaces the section between the ``coverage`` markers of the document, or appends it.

    .venv/bin/python benchmarks/coverage.py [--before f44dbb5] [--doc docs/evaluation.md] [--print]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

from diplokg.ingest.lexicon import coverage_table, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
BEGIN = "<!-- coverage: begin (benchmarks/coverage.py) -->"
END = "<!-- coverage: end -->"


def _dedupe_alternatives(text: str) -> str:
    """The old file as today's loader takes it: a repeated alternative (``summit|summit``, which the loader now
    rejects) counted once, as the loader of its day did."""
    return re.sub(r"[^\s'\"*]+(?:\|[^\s'\"*]+)+", lambda m: "|".join(dict.fromkeys(m.group(0).split("|"))), text)


def section(before_rev: str) -> str:
    old = subprocess.run(["git", "-C", str(ROOT), "show", f"{before_rev}:ingest/data/lexicon.yaml"],
                         check=True, capture_output=True, text=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lexicon.yaml"
        path.write_text(_dedupe_alternatives(old), "utf-8")
        table = coverage_table(load_lexicon(), load_lexicon(path))
    return (f"{BEGIN}\nCodes of the CAMEO 1.1b3 codebook (`graph/data/cameo.ttl`) with at least one lexicon pattern, and "
            f"patterns (near misses aside; `a|b` alternatives count once), per root: before = `lexicon.yaml` at "
            f"{before_rev}; after = `lexicon.yaml` + `lexicon_cameo.yaml` as shipped.\n\n{table}\n{END}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", default="f44dbb5", help="git revision of the 'before' lexicon.yaml")
    ap.add_argument("--doc", type=Path, default=ROOT / "docs" / "evaluation.md")
    ap.add_argument("--print", action="store_true", help="print the section instead of writing the document")
    args = ap.parse_args()
    text = section(args.before)
    if args.print:
        print(text)
        return
    doc = args.doc.read_text("utf-8") if args.doc.exists() else "# Evaluation\n"
    if BEGIN in doc and END in doc:
        doc = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: text, doc, flags=re.S)
    else:
        doc = doc.rstrip("\n") + "\n\n## Lexicon coverage of the CAMEO codebook\n\nMade by `.venv/bin/python " \
              "benchmarks/coverage.py`.\n\n" + text + "\n"
    args.doc.write_text(doc, "utf-8")
    print(f"wrote the coverage section of {args.doc}")


if __name__ == "__main__":
    main()
