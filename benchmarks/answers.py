"""The same questions asked of a store, timed, and their answers hashed: to compare two layouts of one import (or
two versions of the code on one store) answer for answer.

Each question is asked ``--runs`` times in one process (the first of them uncached: nothing here remembers
answers, only the store's own caches warm up); the table gives the best wall and CPU seconds, and a SHA-256 of
the answer's JSON. Same hash, same answer.

    PYTHONPATH=... .venv/bin/python benchmarks/answers.py STORE [--runs 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path


def questions(store) -> dict:
    from diplokg.graph.network import EventNetwork
    from diplokg.graph.network_rows import dyad_event_rows, dyad_rows, event_rows
    from diplokg.graph.queries import EventFilter, Span, list_actors, select_events

    actors = list_actors(store)
    busy, second = actors[0]["code"], actors[1]["code"]
    quiet = actors[len(actors) // 2]["code"]
    total = sum(a["events"] for a in actors) // 2
    first_page = select_events(store, EventFilter(actor=busy), limit=1)[0]
    span = Span(actors[0]["events"], total, first_page[0]["date"] if first_page else None, "2099-12-31")

    def page(**kw):
        limit = kw.pop("limit", 100)
        walk = kw.pop("span", None)
        return select_events(store, EventFilter(**kw), limit=limit, span=walk)

    def dyads(aggregate):
        net = EventNetwork.from_store(store, aggregate=aggregate)
        return sorted((u, v, sorted((k, str(x)) for k, x in d.items())) for u, v, d in net.graph.edges(data=True)) \
            if hasattr(net, "graph") else repr(net)

    return {
        "list_actors": lambda: list_actors(store),
        "page: all events": lambda: page(),
        "page: all, min_confidence 0.5": lambda: page(min_confidence=0.5),
        "page: quad 1": lambda: page(quad=1),
        "page: root 04": lambda: page(root="04"),
        f"page: actor {busy}": lambda: page(actor=busy),
        f"page: actor {busy}, walked": lambda: page(actor=busy, span=span),
        f"page: actor {quiet}": lambda: page(actor=quiet),
        f"page: {busy} -> {second}": lambda: page(source=busy, target=second),
        f"page: {busy} -> {second}, quad 1": lambda: page(source=busy, target=second, quad=1),
        f"page: actor {busy} per article": lambda: select_events(store, EventFilter(actor=busy), limit=100,
                                                                  per_article=True),
        f"page: actor {busy} since 2023-06": lambda: page(actor=busy, since="2023-06"),
        "event_rows": lambda: sorted(event_rows(store), key=lambda r: (r["id"], r["article"])),
        "dyad_rows": lambda: sorted(dyad_rows(store), key=lambda r: (r["source"], r["target"], r["modality"])),
        f"dyad_rows {busy}/{second}": lambda: dyad_rows(store, pairs=[(busy, second)]),
        f"dyad_event_rows {busy}->{second}": lambda: sorted(
            dyad_event_rows(store, busy, second, ("asserted",)), key=lambda r: (r["date"] or "", r["code"])),
        "network, aggregated": lambda: dyads(True),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the timings and hashes here")
    parser.add_argument("--only", help="only the questions whose name contains this")
    args = parser.parse_args()
    from diplokg.graph.store import EventStore

    store = EventStore(args.store, read_only=True)
    out = {}
    for name, ask in questions(store).items():
        if args.only and args.only not in name:
            continue
        walls, cpus, answer = [], [], None
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            answer = ask()
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        digest = hashlib.sha256(json.dumps(answer, sort_keys=True, default=str).encode()).hexdigest()[:12]
        out[name] = {"wall": min(walls), "cpu": min(cpus), "hash": digest}
        print(f"{name:45s} {min(walls):8.3f} s wall {min(cpus):8.3f} s CPU  {digest}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    sys.exit(0)


if __name__ == "__main__":
    main()
