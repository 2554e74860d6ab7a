#!/usr/bin/env python3
"""Score the coder on every gold set and write the figures into ``docs/evaluation.md``.

Sets: seed, dev, extra (``tests/data/gold/…``), and the real-news corpus ``real/tune`` and ``real/test``
(``tests/data/gold/real/README.md`` says how it was made). For each: precision, recall, F1 (asserted events,
the matching of ``diplokg evaluate`` and the shared scorer), root, date and count agreement; and recall per
CAMEO root on ``real`` (each required gold event counted under the first root it accepts).

A run is saved as ``benchmarks/results/score-<label>.json`` (default label: ``now``); the page shows the
``before`` run (made once, with ``--label before`` on the commit before the change) beside the current one.

    .venv/bin/python benchmarks/score.py [--label now] [--no-write] [--sets dev,real/tune --brief]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
RESULTS = ROOT / "benchmarks" / "results"
DOC = ROOT / "docs" / "evaluation.md"
SETS = {"seed": GOLD / "seed", "dev": GOLD / "dev", "extra": GOLD / "extra",
        "real/tune": GOLD / "real" / "tune", "real/tune2": GOLD / "real" / "tune2",
        "real/tune3": GOLD / "real" / "tune3", "real/tune4": GOLD / "real" / "tune4",
        "real/tune5": GOLD / "real" / "tune5", "real/tune6": GOLD / "real" / "tune6",
        "real/tune7": GOLD / "real" / "tune7", "real/tune8": GOLD / "real" / "tune8",
        "real/tune9": GOLD / "real" / "tune9", "real/tune10": GOLD / "real" / "tune10",
        "real/tune11": GOLD / "real" / "tune11", "real/tune12": GOLD / "real" / "tune12",
        "real/tune13": GOLD / "real" / "tune13", "real/tune14": GOLD / "real" / "tune14",
        "real/tune15": GOLD / "real" / "tune15", "real/tune16": GOLD / "real" / "tune16",
        "real/tune17": GOLD / "real" / "tune17", "real/tune18": GOLD / "real" / "tune18",
        "real/tune19": GOLD / "real" / "tune19", "real/tune20": GOLD / "real" / "tune20",
        "real/tune21": GOLD / "real" / "tune21", "real/tune22": GOLD / "real" / "tune22",
        "real/tune23": GOLD / "real" / "tune23", "real/tune24": GOLD / "real" / "tune24",
        "real/tune25": GOLD / "real" / "tune25", "real/tune26": GOLD / "real" / "tune26",
        "real/tune27": GOLD / "real" / "tune27", "real/tune28": GOLD / "real" / "tune28",
        "real/tune29": GOLD / "real" / "tune29", "real/tune30": GOLD / "real" / "tune30",
        "real/tune31": GOLD / "real" / "tune31", "real/tune32": GOLD / "real" / "tune32",
        "real/test": GOLD / "real" / "test"}
BEGIN, END = "<!-- scores: begin (benchmarks/score.py) -->", "<!-- scores: end -->"
ROOTS = [f"{n:02d}" for n in range(1, 21)]
REAL_SETS = ("real/tune", "real/tune2", "real/tune3", "real/tune4", "real/tune5", "real/tune6", "real/tune7",
             "real/tune8", "real/tune9", "real/tune10", "real/tune11", "real/tune12", "real/tune13",
             "real/tune14", "real/tune15", "real/tune16", "real/tune17", "real/tune18",
             "real/tune19", "real/tune20", "real/tune21", "real/tune22", "real/tune23",
             "real/tune24", "real/tune25", "real/tune26", "real/tune27", "real/tune28",
             "real/tune29", "real/tune30", "real/tune31", "real/tune32", "real/test")


def score_sets(names=None) -> dict:
    from diplokg.ingest.coder import Coder
    from diplokg.ingest.evaluate import code_gold, evaluate, load_gold, score_article

    coder = Coder()
    figures: dict = {"sets": {}, "roots": {}}
    for name, path in SETS.items():
        if names is not None and name not in names:
            continue
        if not path.is_dir() or not any(path.glob("*.json")):
            continue
        gold = load_gold([path])
        t0 = time.perf_counter()
        predictions = code_gold(gold, coder)
        seconds = time.perf_counter() - t0
        total, _ = evaluate(gold, predictions)
        figures["sets"][name] = {"articles": len(gold), "required": total.required, **total.as_dict(),
                                 "seconds": round(seconds, 2)}
        if name.startswith("real/"):
            found, required = Counter(), Counter()
            for doc in gold:
                score = score_article(predictions.get(doc.article.id, []), doc.events)
                missed = {id(event) for event in score.missed}
                for event in doc.events:
                    if event["required"]:
                        root = str(event["cameo_root"][0]).zfill(2)
                        required[root] += 1
                        found[root] += id(event) not in missed
            figures["roots"][name] = {root: [found[root], required[root]] for root in sorted(required)}
    return figures


def commit() -> str:
    """The commit of the diplokg that was scored (which may be another checkout than this script's)."""
    import diplokg

    try:
        return subprocess.run(["git", "-C", str(Path(diplokg.__file__).parent), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _f(x) -> str:
    return "–" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def markdown(runs: dict[str, dict]) -> str:
    lines = ["| set | run | articles | required | P | R | F1 | root | date | count |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in SETS:
        for label, run in runs.items():
            s = run["sets"].get(name)
            if s:
                lines.append(f"| {name} | {label} ({run['commit']}) | {s['articles']} | {s['required']} | "
                             f"{_f(s['precision'])} | {_f(s['recall'])} | {_f(s['f1'])} | "
                             f"{_f(s['root_agreement'])} | {_f(s['date_agreement'])} | "
                             f"{_f(s['count_agreement'])} |")
    lines += ["", "Recall per CAMEO root on `real` (found / required gold events; each counted under its first "
              "accepted root):", "", "| root | " + " | ".join(f"{label} {name}" for label, run in runs.items()
                                                                 for name in REAL_SETS
                                                                 if name in run["roots"]) + " |"]
    columns = [(label, name) for label, run in runs.items() for name in REAL_SETS if name in run["roots"]]
    lines.append("|---|" + "---:|" * len(columns))
    for root in ROOTS:
        cells = []
        for label, name in columns:
            found, required = runs[label]["roots"][name].get(root, [0, 0])
            cells.append(f"{found}/{required} ({found / required:.2f})" if required else "–")
        if any(c != "–" for c in cells):
            lines.append(f"| {root} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_doc(text: str) -> None:
    page = DOC.read_text("utf-8") if DOC.exists() else "# Evaluation\n"
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in page and END in page:
        page = page[:page.index(BEGIN)] + block + page[page.index(END) + len(END):]
    else:
        page = page.rstrip() + "\n\n## Scores\n\nMade by `make score` (`benchmarks/score.py`).\n\n" + block + "\n"
    DOC.write_text(page, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="now")
    parser.add_argument("--no-write", action="store_true", help="print only; write neither results nor the page")
    parser.add_argument("--sets", help="comma-separated sets to score, e.g. dev,real/tune (implies --no-write); "
                                       "work from real/tune, score real/test only to report")
    parser.add_argument("--brief", action="store_true", help="one line per set instead of the JSON")
    args = parser.parse_args(argv)
    names = args.sets.split(",") if args.sets else None
    figures = {"commit": commit(), **score_sets(names)}
    if args.brief:
        for name, s in figures["sets"].items():
            print(f"{name:10} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                  f"root {s['root_agreement'] or 0:.3f} date {s['date_agreement'] or 0:.3f} pred {s['predictions']}")
    else:
        print(json.dumps(figures, indent=2))
    if args.no_write or names is not None:
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"score-{args.label}.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    runs = {}
    for label in ("before", "now"):
        path = RESULTS / f"score-{label}.json"
        if path.exists():
            runs[label] = json.loads(path.read_text("utf-8"))
    write_doc(markdown(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
