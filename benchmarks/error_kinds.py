#!/usr/bin/env python3
"""Every false positive and every wrong date on a tuning set, sorted into kinds, with counts and two examples
per kind; written into ``docs/evaluation.md`` beside the run saved as ``before``.

False positives (predictions matching no gold event of their article):
- ``reversed``: source and target swapped against a gold event;
- ``quad``: a gold event has the same actors, but another quad class (the wrong kind of act);
- ``target``: the source is a gold source of the article, the target is no gold target of that source;
- ``source``: the target is a gold target of the article, the source is no gold source of it;
- ``unannotated``: neither actor in such a role (an event the gold does not hold, or two wrong actors).

Wrong dates (matched events whose date disagrees with the gold's, compared at the gold's precision as the scorer
does): ``too coarse`` (a month or year for a gold day), ``off by ≤ 7 days``, ``other day``, ``other month or
year``, ``none`` (no date where the gold has one).

    .venv/bin/python benchmarks/error_kinds.py [--set real/tune] [--label now] [--no-write]

(run it with the diplokg of another checkout first on PYTHONPATH to make the ``before`` run)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
RESULTS = ROOT / "benchmarks" / "results"
DOC = ROOT / "docs" / "evaluation.md"
BEGIN, END = "<!-- errors: begin (benchmarks/error_kinds.py) -->", "<!-- errors: end -->"
FP_KINDS = ("reversed", "quad", "target", "source", "unannotated")
DATE_KINDS = ("too coarse", "off by ≤ 7 days", "other day", "other month or year", "none")


def _ok(actor: dict, accepted) -> bool:
    return actor.get("code") in accepted or actor.get("country") in accepted


def fp_kind(pred: dict, gold_events: list[dict]) -> str:
    s, t, quad = pred["source"], pred["target"], int(pred["quad"])
    for g in gold_events:
        if _ok(t, g["source"]) and _ok(s, g["target"]) and quad in g["quad"]:
            return "reversed"
    for g in gold_events:
        if (_ok(s, g["source"]) and _ok(t, g["target"])) or (_ok(t, g["source"]) and _ok(s, g["target"])):
            return "quad"
    if any(_ok(s, g["source"]) for g in gold_events):
        return "target"
    if any(_ok(t, g["target"]) for g in gold_events):
        return "source"
    return "unannotated"


def date_kind(pred: str | None, gold: str) -> str | None:
    """The kind of a wrong date (None if it agrees, as the scorer compares them: at the gold's precision)."""
    if not pred:
        return "none"
    if pred[:len(gold)] == gold:
        return None
    if len(gold) == 10 and len(pred) == 10:
        days = abs((date.fromisoformat(pred) - date.fromisoformat(gold)).days)
        return "off by ≤ 7 days" if days <= 7 else "other day"
    if len(gold) == 10 and gold.startswith(pred):
        return "too coarse"
    return "other month or year"


def _sentence(pred: dict) -> str:
    text = pred["evidence"][0]["sentence"] if pred.get("evidence") else ""
    return re.sub(r"\s+", " ", text).strip()[:160]


def _this_checkouts_pairing():
    """The scorer's pairing from this checkout (an older diplokg scored for the ``before`` run may lack it)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_evaluate_now", ROOT / "ingest" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module.pair_events


def run(set_name: str) -> dict:
    from diplokg.ingest.coder import Coder
    from diplokg.ingest.evaluate import code_gold, load_gold, score_article

    pair_events = _this_checkouts_pairing()

    gold = load_gold([GOLD / set_name])
    predictions = code_gold(gold, Coder())
    fps, dates = defaultdict(list), defaultdict(list)
    for doc in gold:
        preds = predictions.get(doc.article.id, [])
        score = score_article(preds, doc.events)
        for p in score.wrong:
            fps[fp_kind(p, doc.events)].append(
                f"{doc.article.id}: {p['source']['code']} {p['code']} {p['target']['code']} — “{_sentence(p)}”")
        # the date of each gold event against the prediction the scorer pairs it with
        matched, _, _ = pair_events(preds, doc.events)
        for gi, p in matched.items():
            g = doc.events[gi]
            kind = date_kind(p.get("date"), g["date"]) if g.get("date") else None
            if kind:
                dates[kind].append(f"{doc.article.id}: {p.get('date')} for gold {g['date']} — “{_sentence(p)}”")
    return {"set": set_name, "false_positives": {k: fps[k] for k in FP_KINDS},
            "wrong_dates": {k: dates[k] for k in DATE_KINDS}}


def markdown(runs: dict[str, dict]) -> str:
    lines = []
    for title, key, kinds in (("False positives", "false_positives", FP_KINDS),
                              ("Wrong dates", "wrong_dates", DATE_KINDS)):
        labels = list(runs)
        set_name = next(iter(runs.values()))["set"]
        lines += [f"**{title} on `{set_name}`** (count per run; two examples from the last run)", "",
                  "| kind | " + " | ".join(f"{label} ({runs[label]['commit']})" for label in labels) + " | examples |",
                  "|---|" + "---:|" * len(labels) + "---|"]
        for kind in kinds:
            counts = [str(len(runs[label][key].get(kind, []))) for label in labels]
            examples = "<br>".join(x.replace("|", "/") for x in runs[labels[-1]][key].get(kind, [])[:2]) or "–"
            lines.append(f"| {kind} | " + " | ".join(counts) + f" | {examples} |")
        lines.append("")
    return "\n".join(lines).rstrip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="real/tune")
    parser.add_argument("--label", default="now")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from score import commit

    figures = {"commit": commit(), **run(args.set)}
    print(json.dumps({k: len(v) for k, v in figures["false_positives"].items()}),
          json.dumps({k: len(v) for k, v in figures["wrong_dates"].items()}, ensure_ascii=False))
    if args.no_write:
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"errors-{args.label}.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n",
                                                       encoding="utf-8")
    runs = {label: json.loads((RESULTS / f"errors-{label}.json").read_text("utf-8"))
            for label in ("before", "now") if (RESULTS / f"errors-{label}.json").exists()}
    block = f"{BEGIN}\n{markdown(runs)}\n{END}"
    page = DOC.read_text("utf-8")
    if BEGIN in page and END in page:
        page = page[:page.index(BEGIN)] + block + page[page.index(END) + len(END):]
    else:
        page = page.rstrip() + "\n\n## Error kinds on `real/tune`\n\nMade by `benchmarks/error_kinds.py` (`make score` runs it).\n\n" + block + "\n"
    DOC.write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
