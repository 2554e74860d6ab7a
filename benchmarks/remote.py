#!/usr/bin/env python3
"""The embedded store against an Oxigraph server on this machine (loopback HTTP), on the shared sample.

(1) ``ingest`` of the dev and seed sample (``../shared/corpus`` or ``--corpus``) into a fresh store of each
kind: embedded on disk, and an on-disk ``oxigraph serve`` written through its Graph Store endpoint (the
default) or by SPARQL Update only; (2) writes alone: the sample's coded triples re-keyed to ``--copies``
articles and written in batches of 32 as the pipeline does; (3) query latencies on the sample store. The
backends take turns, and each figure is the minimum and the median of several runs (the machine is shared).

    .venv/bin/python benchmarks/remote.py [--corpus ../shared/corpus] [--copies 20] [--repeat 9] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from diplokg.graph.network import EventNetwork
from diplokg.graph.queries import PREFIXES, graph_summary, list_actors, list_events
from diplokg.graph.remote import RemoteStore
from diplokg.graph.store import EventStore
from diplokg.ingest.coder import Coder
from diplokg.ingest.pipeline import _article_triples, ingest
from diplokg.ingest.readers import read_inputs
from rdflib import URIRef

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def start_server(location: Path) -> tuple[subprocess.Popen, str]:
    binary = shutil.which("oxigraph", path=os.path.dirname(sys.executable)) or shutil.which("oxigraph")
    if binary is None:
        sys.exit("the oxigraph command is missing: pip install oxigraph")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(500):
        try:
            httpx.post(url, data={"query": "ASK {}"}, timeout=1)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.02)
    proc.kill()
    sys.exit("oxigraph serve did not start")


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--copies", type=int, default=20, help="copies of the sample for the write-only figures")
    ap.add_argument("--repeat", type=int, default=9, help="runs of each query")
    ap.add_argument("--rounds", type=int, default=3, help="runs of each ingest and write test")
    args = ap.parse_args()
    inputs = [str(args.corpus / "dev"), str(args.corpus / "seed")]
    coder = Coder()
    coder.code(next(a for a in read_inputs(inputs) if not isinstance(a, Exception)))  # warm the pipeline up

    tmp = Path(tempfile.mkdtemp(prefix="diplokg-bench-"))
    servers = []
    try:
        def remote(name: str, **kwargs) -> RemoteStore:
            proc, url = start_server(tmp / name)
            servers.append(proc)
            return RemoteStore(url, **kwargs)

        kinds = {"embedded (on disk)": lambda name: EventStore(tmp / name),
                 "server, Graph Store POST": lambda name: remote(name),
                 "server, SPARQL Update only": lambda name: remote(name, gsp_url=False)}
        version = subprocess.run([shutil.which("oxigraph", path=os.path.dirname(sys.executable)), "--version"],
                                 capture_output=True, text=True).stdout.split()[-1]
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}, oxigraph server {version}; "
              f"{args.rounds} rounds, the backends taking turns: min / median")

        ingests: dict[str, list[float]] = {k: [] for k in kinds}
        stores: dict[str, object] = {}
        for r in range(args.rounds):
            for k, (kind, make) in enumerate(kinds.items()):
                store = make(f"ingest-{r}-{k}")
                seconds, report = timed(lambda store=store: ingest(inputs, store, coder=coder))
                ingests[kind].append(seconds)
                if r == 0:
                    stores[kind] = store  # kept for the queries
                else:
                    store.close()
        print(f"\n(1) diplokg ingest {' '.join(inputs)} into a fresh store (reference graph included): "
              f"{report.summary().split(' in ')[0]}, {stores[next(iter(kinds))].count_quads()} quads in the store")
        for kind, times in ingests.items():
            print(f"  {kind:28} {min(times):6.2f} s / {statistics.median(times):6.2f} s")

        articles = [a for a in read_inputs(inputs) if not isinstance(a, Exception)]
        coded = [(a, _article_triples(a, coder.code(a), datetime.now(UTC))) for a in articles]
        batches, batch = [], []
        for n in range(args.copies):
            for article, triples in coded:
                batch.append((URIRef(f"https://example.org/bench/{n}/{article.key}"), triples))
                if len(batch) == 32:
                    batches.append(batch)
                    batch = []
        batches.append(batch)
        total = sum(len(t) for b in batches for _, t in b)
        writes: dict[str, list[float]] = {k: [] for k in kinds}
        for r in range(args.rounds):
            for k, (kind, make) in enumerate(kinds.items()):
                writer = make(f"writes-{r}-{k}")  # a fresh store of its own
                writes[kind].append(timed(lambda writer=writer: [writer.add_graphs(b) for b in batches])[0])
                writer.close()
        print(f"\n(2) writes only: {len(coded) * args.copies} articles ({total} triples) in batches of 32")
        for kind, times in writes.items():
            best = min(times)
            print(f"  {kind:28} {best:6.2f} s / {statistics.median(times):6.2f} s   best {total / best:8.0f} "
                  f"triples/s, {len(coded) * args.copies / best:5.0f} articles/s")

        queries = {
            "list_events (all asserted)": lambda s: list_events(s),
            "list_events actor=CHN": lambda s: list_events(s, actor="CHN"),
            "list_actors": lambda s: list_actors(s),
            "graph_summary": lambda s: graph_summary(s),
            "EventNetwork.from_store": lambda s: EventNetwork.from_store(s),
            "SELECT COUNT events": lambda s: list(s.select(PREFIXES + "SELECT (COUNT(?e) AS ?n) WHERE { ?e a sem:Event }")),
            "has_graph": lambda s: s.has_graph(URIRef("https://example.org/none")),
            "count_quads": lambda s: s.count_quads(),
            "export trig": lambda s: s.export("trig"),
        }
        names = list(kinds)[:2]
        print(f"\n(3) query latency on the ingested sample, ms, {args.repeat} runs each, min / median")
        print(f"  {'':28} " + "  ".join(f"{n:>26}" for n in names))
        for label, fn in queries.items():
            runs: dict[str, list[float]] = {n: [] for n in names}
            for _ in range(args.repeat):
                for n in names:
                    runs[n].append(timed(lambda fn=fn, s=stores[n]: fn(s))[0] * 1000)
            print(f"  {label:28} " + "  ".join(f"{min(runs[n]):12.1f} / {statistics.median(runs[n]):9.1f}"
                                               for n in names))
        for store in stores.values():
            store.close()
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
