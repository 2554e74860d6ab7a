#!/usr/bin/env python3
"""HTTP latency and throughput of the API, on the seed+dev store and on a synthetic store of N events.

Starts ``diplokg serve`` on a free loopback port for each store, warms it up, then runs C concurrent clients
(processes with keep-alive httpx clients) against ``/events?actor=``, ``/relations`` and ``/path`` and prints
requests/s, p50 and p99 per endpoint.

The synthetic store is made here (no network): events between random states of the gazetteer, weighted so a
few states take most events as in real news, random CAMEO codes of the codebook, dates over ten years,
1,000 "articles" of 100 events each, written with the model's own triples. It is documented as synthetic.

    .venv/bin/python benchmarks/api.py [--events 100000] [--clients 8] [--requests 400]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import pyoxigraph as ox
from diplokg.graph.model import (
    Event,
    Evidence,
    article_graph,
    article_iri,
    codebook,
    event_triples,
)
from diplokg.graph.namespace import SCHEMA
from diplokg.graph.store import EventStore, to_ox
from diplokg.ingest.evaluate import load_gold
from diplokg.ingest.gazetteer import load_gazetteer
from diplokg.ingest.pipeline import ensure_reference, ingest_articles

ROOT = Path(__file__).resolve().parents[1]


def corpus_store(path: Path) -> None:
    store = EventStore(path)
    ingest_articles([g.article for g in load_gold([ROOT / "tests/data/gold/seed", ROOT / "tests/data/gold/dev"])],
                    store)
    store.close()


def synthetic_store(path: Path, n_events: int, seed: int = 7) -> float:
    """Write n synthetic events; returns seconds taken."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    store = EventStore(path)
    ensure_reference(store)
    states = [a for a in load_gazetteer().actors.values() if a.kind == "state"]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(states))]  # a few states take most events
    codes = [c for c in codebook() if len(c) == 3]
    start = date(2015, 1, 1)
    per_article = 100
    raw = store._store  # bulk path: the synthetic data needs no per-article transaction
    from rdflib import Literal
    from rdflib.namespace import RDF

    def quads():
        for a in range(0, n_events, per_article):
            key = f"synthetic-{a // per_article}"
            graph = ox.NamedNode(str(article_graph(key)))
            art = article_iri(key)
            for t in ((art, RDF.type, SCHEMA.NewsArticle), (art, SCHEMA.identifier, Literal(key))):
                yield ox.Quad(*(to_ox(x) for x in t), graph)
            for i in range(a, min(a + per_article, n_events)):
                src, tgt = rng.choices(states, weights, k=2)
                if src.code == tgt.code:
                    tgt = states[(states.index(src) + 1) % len(states)]
                day = start + timedelta(days=rng.randrange(3650))
                ev = Event(src, tgt, rng.choice(codes), day.isoformat(), "day", confidence=0.8,
                           evidence=[Evidence(f"Synthetic sentence {i} about {src.label} and {tgt.label}.", i, i + 50)])
                for t in event_triples(ev, key):
                    yield ox.Quad(*(to_ox(x) for x in t), graph)

    raw.bulk_extend(quads())
    store.close()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The load generator's clients all come from 127.0.0.1, which /sparql's per-client limit (2 by default, 429 beyond)
# would count as one client: the benchmark stands for as many users as it has clients.
BENCH_ENV = {"DIPLOKG_SPARQL_MAX_PER_CLIENT": "16"}


def serve(store: Path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "diplokg", "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **BENCH_ENV})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health", timeout=5).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not start: {proc.stderr.read().decode()[-2000:]}")


def _client(base: str, calls: list[tuple[str, dict]], k: int, clients: int, requests: int,
            timeout: float) -> list[tuple[float, int]]:
    """One client: its share of the requests in turn over one keep-alive connection; (seconds, status) each."""
    out = []
    with httpx.Client(base_url=base, timeout=timeout) as client:
        for i in range(k, requests, clients):
            path, params = calls[i % len(calls)]
            t = time.perf_counter()
            status = client.get(path, params=params).status_code
            out.append((time.perf_counter() - t, status))
    return out


def load_calls(base: str, calls: list[tuple[str, dict]], clients: int, requests: int,
               timeout: float = 60) -> dict:
    """``requests`` GETs spread over ``clients`` client processes (each a keep-alive httpx client, as separate
    programs would be: threads of one process would also wait for each other's turn at Python's lock), cycling
    through ``calls`` (path, params): requests/s, p50 and p99 in ms, answers that were not 2xx (``failed``) and
    5xx (``errors``)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(clients, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(time.sleep, [0.01] * clients))  # the clients started before the clock does
        t0 = time.perf_counter()
        done = [pool.submit(_client, base, calls, k, clients, requests, timeout) for k in range(clients)]
        answers = [a for future in done for a in future.result()]
        wall = time.perf_counter() - t0
    latencies = sorted(seconds for seconds, _ in answers)
    return {"rps": len(latencies) / wall, "p50": statistics.median(latencies) * 1000,
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
            "failed": sum(status >= 300 for _, status in answers),
            "errors": sum(status >= 500 for _, status in answers)}


def load(base: str, path: str, params_list: list[dict], clients: int, requests: int) -> dict:
    return load_calls(base, [(path, params) for params in params_list], clients, requests)


def bench(name: str, store: Path, clients: int, requests: int) -> None:
    proc, base = serve(store)
    try:
        t = time.perf_counter()
        httpx.get(base + "/relations", params={"source": "CHN", "target": "SYR"}, timeout=600)  # builds the network
        warm = time.perf_counter() - t
        top = [a["actor"] for a in httpx.get(base + "/centrality", params={"limit": 12}, timeout=600).json()["actors"]]
        pairs = [(a, b) for a in top[:6] for b in top[6:12]] or [("CHN", "SYR")]
        cases = [
            ("/events?actor=", "/events", [{"actor": a, "limit": 50} for a in top]),
            ("/relations", "/relations", [{"source": a, "target": b} for a, b in pairs]),
            ("/path", "/path", [{"from": a, "to": b} for a, b in pairs]),
        ]
        print(f"\n{name}: first graph question (builds the network) {warm:.2f} s")
        print(f"{'endpoint':16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'5xx':>5}")
        for label, path, params in cases:
            load(base, path, params, clients, max(clients * 2, requests // 10))  # warm-up
            r = load(base, path, params, clients, requests)
            print(f"{label:16} {r['rps']:8.1f} {r['p50']:8.1f} {r['p99']:8.1f} {r['errors']:5}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=400)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{args.clients} concurrent clients, {args.requests} requests per endpoint")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus_store(corpus)
        bench("seed + dev store (13 articles)", corpus, args.clients, args.requests)
        synth = Path(tmp) / "synthetic"
        seconds = synthetic_store(synth, args.events)
        print(f"\nsynthetic store: {args.events} events written in {seconds:.1f} s")
        bench(f"synthetic store ({args.events} events)", synth, args.clients, args.requests)


if __name__ == "__main__":
    main()
