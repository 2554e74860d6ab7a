#!/usr/bin/env python3
"""The embedded store against an Oxigraph server on this machine (loopback HTTP), on the shared sample.

(1) ``ingest`` of the dev and seed sample (``../shared/corpus`` or ``--corpus``) into a fresh store of each
kind: embedded on disk, and an on-disk ``oxigraph serve`` written through its Graph Store endpoint (the
default) or by SPARQL Update only; (2) writes alone: the sample's coded triples re-keyed to ``--copies``
articles and written in batches of 32 as the pipeline does; (3) query latencies on the sample store, the
median of ``--repeat`` runs.

    .venv/bin/python benchmarks/remote.py [--corpus ../shared/corpus] [--copies 20] [--repeat 7]
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
    ap.add_argument("--repeat", type=int, default=7)
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

        stores = {"embedded (on disk)": EventStore(tmp / "embedded"),
                  "server, Graph Store POST": remote("gsp"),
                  "server, SPARQL Update only": remote("update", gsp_url=False)}
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()}, oxigraph server "
              f"{subprocess.run([shutil.which('oxigraph', path=os.path.dirname(sys.executable)), '--version'], capture_output=True, text=True).stdout.split()[-1]}")
        print(f"\n(1) diplokg ingest {' '.join(inputs)}, fresh store (reference graph included)")
        for name, store in stores.items():
            seconds, report = timed(lambda store=store: ingest(inputs, store, coder=coder))
            print(f"  {name:28} {seconds:6.2f} s  {report.summary().split(' in ')[0]}; "
                  f"{store.count_quads()} quads in the store")

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
        print(f"\n(2) writes only: {len(coded) * args.copies} articles ({total} triples) in batches of 32")
        writers = {"embedded (on disk)": lambda: EventStore(tmp / "writes"),
                   "server, Graph Store POST": lambda: remote("gsp-writes"),
                   "server, SPARQL Update only": lambda: remote("update-writes", gsp_url=False)}
        for name, make in writers.items():
            writer = make()  # a fresh store of its own
            seconds, _ = timed(lambda writer=writer: [writer.add_graphs(b) for b in batches])
            print(f"  {name:28} {seconds:6.2f} s  {total / seconds:8.0f} triples/s  "
                  f"{len(coded) * args.copies / seconds:6.0f} articles/s")
            writer.close()

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
        names = list(stores)[:2]
        print(f"\n(3) query latency on the sample store, median of {args.repeat} (ms)")
        print(f"  {'':28} " + "  ".join(f"{n:>26}" for n in names))
        for label, fn in queries.items():
            cells = [timed(lambda fn=fn, s=stores[n]: fn(s), args.repeat)[0] * 1000 for n in names]
            print(f"  {label:28} " + "  ".join(f"{c:26.1f}" for c in cells))
        for store in stores.values():
            store.close()
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
