#!/usr/bin/env python3
"""Ingest throughput: the seed and dev articles repeated to at least N sentences (default 5,000).

Prints sentences/s and articles/s for (a) coding alone (spaCy tokenisation + sentence split, mentions, triggers,
roles, dates) and (b) the full ingest into a fresh on-disk store (coding + RDF triples + transactional writes,
one per article), once per number of coding processes in ``--workers`` (``diplokg ingest --workers N``: N
processes code, this one writes). This machine.

    .venv/bin/python benchmarks/ingest.py [--sentences 5000] [--workers 1,2] [--lexicon FILE ...]

``--lexicon`` codes with other lexicon files than the shipped ones (an earlier version, to compare speeds back
to back; ``--workers 1`` only).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import tempfile
import time
from pathlib import Path

from diplokg.graph.store import EventStore
from diplokg.ingest.coder import Coder
from diplokg.ingest.evaluate import load_gold
from diplokg.ingest.lexicon import load_lexicon
from diplokg.ingest.pipeline import ingest_articles

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=5000)
    ap.add_argument("--workers", default="1", help="coding processes of the full ingest, comma-separated runs")
    ap.add_argument("--lexicon", nargs="+", help="lexicon files to code with (default: the shipped ones)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    coder = Coder(lexicon=load_lexicon(args.lexicon) if args.lexicon else None)
    base = [g.article for g in load_gold([GOLD / "seed", GOLD / "dev"])]
    load_s = time.perf_counter() - t0
    per_article = [sum(1 for s in coder.nlp(a.text).sents if s.text.strip()) for a in base]
    articles, sentences, round_no = [], 0, 0
    while sentences < args.sentences:
        for art, n in zip(base, per_article):
            articles.append(dataclasses.replace(art, id=f"{art.id}-r{round_no}"))
            sentences += n
        round_no += 1

    t0 = time.perf_counter()
    events = sum(len(coder.code(a)) for a in articles)
    code_s = time.perf_counter() - t0

    runs = []
    for workers in (int(w) for w in args.workers.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            store = EventStore(Path(tmp) / "store")
            t0 = time.perf_counter()
            report = ingest_articles(articles, store, coder=coder if workers == 1 else None, workers=workers)
            ingest_s = time.perf_counter() - t0
            size = sum(f.stat().st_size for f in (Path(tmp) / "store").rglob("*") if f.is_file())
            store.close()
        runs.append((workers, report, ingest_s, size))

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"corpus: {len(base)} gold articles repeated {round_no}x = {len(articles)} articles, {sentences} sentences")
    patterns = len({(id(e), text) for entries in coder.lex.index.values() for e, text, *_ in entries})
    print(f"load coder (spaCy pipeline, gazetteer, lexicon of {patterns} patterns): {load_s:.2f} s")
    print(f"coding only : {sentences / code_s:8.0f} sentences/s  {len(articles) / code_s:7.1f} articles/s  "
          f"({events} events, {code_s:.2f} s)")
    for workers, report, ingest_s, size in runs:
        print(f"full ingest, {workers} worker{'s' if workers > 1 else ' '}: {sentences / ingest_s:8.0f} sentences/s  "
              f"{len(articles) / ingest_s:7.1f} articles/s  ({report.triples} triples, "
              f"{report.triples / ingest_s:.0f} triples/s, store {size / 1e6:.1f} MB, {ingest_s:.2f} s"
              f"{', workers loading their coder included' if workers > 1 else ''})")


if __name__ == "__main__":
    main()
