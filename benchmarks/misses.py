#!/usr/bin/env python3
"""Why the coder misses gold events: for each required gold event it does not find, the sentence that states
it, what the coder saw there (triggers, actors, notes, events), and a kind — ``trigger`` (no lexicon trigger of
the gold root in the sentence), ``source``/``target``/``actors`` (an actor the gold names is not recognised in
the sentence), ``roles`` (trigger and actors are there, the roles went wrong). With ``--wrong``, also the
predictions that match no gold event.

    .venv/bin/python benchmarks/misses.py tests/data/gold/real/tune [--wrong] [--kind trigger] [--summary]

Work from ``real/tune``; ``real/test`` is scored only to report (tests/data/gold/real/README.md).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sentence(reports, evidence: str):
    """The report of the sentence sharing most words with the gold evidence."""
    words = set(evidence.lower().split())
    candidates = [r for r in reports if len(_norm(r.text)) > 15]
    return max(candidates, key=lambda r: len(words & set(_norm(r.text).lower().split())), default=None)


def _codes(report) -> set[str]:
    out = set()
    for m in report.mentions:
        for a in m.actors:
            out |= {a.code, a.represents()} | ({a.country} if a.country else set())
    return out


def kind_of(report, gold: dict) -> str:
    if report is None:
        return "no sentence"
    if not {t.entry.code[:2] for t in report.triggers} & set(gold["cameo_root"]):
        return "trigger"
    codes = _codes(report)
    has_s, has_t = bool(codes & set(gold["source"])), bool(codes & set(gold["target"]))
    return "roles" if has_s and has_t else "source" if has_t else "target" if has_s else "actors"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", help="gold JSON files or folders")
    parser.add_argument("--wrong", action="store_true", help="also list predictions matching no gold event")
    parser.add_argument("--kind", help="only misses of this kind")
    parser.add_argument("--summary", action="store_true", help="only the count per kind")
    args = parser.parse_args(argv)

    from diplokg.ingest.coder import Coder
    from diplokg.ingest.evaluate import code_gold, load_gold, score_article

    coder = Coder()
    gold = load_gold(args.gold)
    predictions = code_gold(gold, coder)
    kinds: Counter = Counter()
    for doc in gold:
        reports = coder.explain(doc.article)
        score = score_article(predictions.get(doc.article.id, []), doc.events)
        lines = []
        for g in score.missed:
            report = _sentence(reports, _norm(g.get("evidence", "")))
            kind = kind_of(report, g)
            kinds[kind] += 1
            if args.summary or (args.kind and kind != args.kind):
                continue
            lines.append(f"  MISS [{kind}] {'|'.join(g['source'])} -> {'|'.join(g['target'])} root "
                         f"{'|'.join(g['cameo_root'])} date {g.get('date')}")
            if report is not None:
                lines.append(f"    sentence: {_norm(report.text)}")
                lines.append(f"    triggers: {[(t.pattern, t.entry.code) for t in report.triggers]}")
                lines.append(f"    actors:   {sorted(_codes(report))}")
                lines.append(f"    events:   {[(e.source.code, e.code, e.target.code) for e in report.events]}")
                if report.notes:
                    lines.append(f"    notes:    {report.notes}")
        if args.wrong and not args.summary:
            for p in score.wrong:
                sentence = _norm(p["evidence"][0]["sentence"]) if p["evidence"] else ""
                lines.append(f"  WRONG {p['source']['code']} -> {p['target']['code']} {p['code']} {p['date']}: "
                             f"{sentence}")
        if lines:
            print(f"{doc.article.id}: found {score.found}/{score.required}")
            print("\n".join(lines))
    print("misses by kind:", dict(kinds.most_common()), "total", sum(kinds.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
