#!/usr/bin/env python3
"""Hostile SPARQL against a real ``diplokg serve``: does any query kill or lock the server?

Four hostile clients (each from its own loopback address, 127.0.0.2–5, so the server sees four clients) send
queries drawn from the families that killed or locked the server before (deep nesting of groups, parentheses,
sub-SELECTs, collections and paths; cartesian products filtered on a string no row matches, sorted or counted;
huge literals; regex bombs; property paths over everything), two at a time each, while a fifth client
(127.0.0.6) asks a cheap query every 100 ms. It prints, as JSON:

- ``server_deaths``: times the server process ended or stopped answering (must be 0);
- ``cheap``: the cheap client's latency (p50, p99, max) and any answer that was not 200, during the run;
- ``idle_after_last_s``: seconds from the last hostile answer until the server's processes (the server and its
  query workers) use less than 10% of one core;
- per family: the answers' status codes and the longest answer.

    .venv/bin/python benchmarks/hostile_sparql.py [--queries 200] [--timeout 3] [--store DIR]

Without ``--store`` it ingests the bundled sample article into a temporary store. The server runs with the
default limits but ``--timeout`` (``DIPLOKG_SPARQL_TIMEOUT``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # (run from a checkout: `tests.servers` is the repository's test helper)

CHEAP = "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT ?e WHERE { ?e a sem:Event } LIMIT 10"
_PRODUCT = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i"


def _nonce(rng: random.Random) -> str:
    return f"no-row-has-{rng.randrange(10**9)}"


#: family -> a function of a Random that makes one query of the family
FAMILIES = {
    "deep groups": lambda r: "SELECT * WHERE {" + "{" * (r.randrange(2000, 6000)) + "}" * 6000 + "}",
    "deep parentheses": lambda r: "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * (n := r.randrange(4000, 9000))
                                  + "?o" + ")" * n + ") }",
    "deep sub-selects": lambda r: "SELECT * WHERE {" + "{ SELECT * WHERE " * (n := r.randrange(2000, 3000))
                                  + "{ ?s ?p ?o }" + "}" * n + "}",
    "deep collections": lambda r: "SELECT * WHERE { ?s ?p " + "(" * (n := r.randrange(500, 3000)) + "1"
                                  + ")" * n + " }",
    "deep paths": lambda r: "SELECT * WHERE { ?s " + "(" * (n := r.randrange(14000, 20000)) + "<http://p>"
                            + ")" * n + " ?o }",
    "long union chain": lambda r: "SELECT * WHERE { {?s ?p ?o}" + " UNION {?s ?p ?o}" * 5500 + " }",
    "cartesian filter": lambda r: f'SELECT * WHERE {{ {_PRODUCT} FILTER(CONCAT(STR(?c), STR(?f), STR(?i)) = '
                                  f'"{_nonce(r)}") }}',
    "sorted cartesian": lambda r: f"SELECT * WHERE {{ {_PRODUCT} }} ORDER BY ?c ?f ?i LIMIT {r.randrange(1, 9)}",
    "counted cartesian": lambda r: f"SELECT (COUNT(*) AS ?n) WHERE {{ {_PRODUCT} }} # {_nonce(r)}",
    "huge construct": lambda r: f"CONSTRUCT {{ ?a ?b ?c . ?d ?e ?f . ?a ?e ?i }} WHERE {{ {_PRODUCT} }} "
                                f"# {_nonce(r)}",
    "huge literal": lambda r: 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(CONTAINS(CONCAT(STR(?c), STR(?f)), "'
                              + "x" * r.randrange(50_000, 95_000) + '")) }',
    "literal over the limit": lambda r: 'ASK { ?s ?p "' + "y" * r.randrange(200_000, 1_000_000) + '" }',
    "regex bomb": lambda r: 'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(REGEX(CONCAT(STR(?c), STR(?f)), '
                            f'"^(a+)+(b|{_nonce(r)})$")) }}',
    "path over everything": lambda r: "SELECT * WHERE { ?a (<x:p>|!<x:q>)* ?b . ?c ?d ?e } "
                                      f"# {_nonce(r)}",
    "inverse path closure": lambda r: f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a (^!<x:{_nonce(r)}>|!<x:n>)+ ?b }}",
}


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its live descendants (Linux /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().decode().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = fields
        children[int(fields[1])].append(int(entry))
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        if p in stats:
            total += (int(stats[p][11]) + int(stats[p][12])) / tick
        todo.extend(children.get(p, []))
    return total


def idle_from(pid: int, *, below: float = 0.10, window: float = 0.2, seconds: float = 30) -> float:
    """The monotonic time from which the process tree of ``pid`` used less than ``below`` of one core over a
    ``window`` (inf if not within ``seconds``)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        began, before = time.monotonic(), tree_cpu_seconds(pid)
        time.sleep(window)
        if (tree_cpu_seconds(pid) - before) / window < below:
            return began
    return float("inf")


def _client(address: str, base: str) -> httpx.Client:
    return httpx.Client(base_url=base, timeout=120, transport=httpx.HTTPTransport(local_address=address))


def run_hostile(base: str, server_pid: int, *, queries: int = 200, clients: int = 4, streams: int = 2,
                seed: int = 15) -> dict:
    """Send ``queries`` hostile queries from ``clients`` addresses (``streams`` at a time each) while a cheap
    client asks every 100 ms; the figures described in the module's documentation."""
    rng = random.Random(seed)
    names = sorted(FAMILIES)
    plan = [names[i % len(names)] for i in range(queries)]
    rng.shuffle(plan)
    work = [(name, FAMILIES[name](random.Random(rng.random()))) for name in plan]
    lock = threading.Lock()
    results: dict[str, list[tuple[int, float]]] = defaultdict(list)
    deaths = {"transport_errors": 0}
    last_answer = [0.0]

    def hostile(address: str, share: list[tuple[str, str]]) -> None:
        with _client(address, base) as http:
            while True:
                with lock:
                    if not share:
                        return
                    name, text = share.pop()
                t0 = time.monotonic()
                try:
                    if len(text) > 6000:
                        r = http.post("/sparql", content=text.encode(),
                                      headers={"Content-Type": "application/sparql-query"})
                    else:
                        r = http.get("/sparql", params={"query": text})
                    status = r.status_code
                except httpx.TransportError:
                    status = 0
                now = time.monotonic()
                with lock:
                    results[name].append((status, now - t0))
                    last_answer[0] = max(last_answer[0], now)
                    if status == 0:
                        deaths["transport_errors"] += 1

    shares = [work[i::clients] for i in range(clients)]
    threads = [threading.Thread(target=hostile, args=(f"127.0.0.{2 + c}", shares[c]))
               for c in range(clients) for _ in range(streams)]
    cheap: list[tuple[int, float]] = []
    done = threading.Event()

    def ask_cheaply() -> None:
        with _client(f"127.0.0.{2 + clients}", base) as http:
            while not done.is_set():
                t0 = time.monotonic()
                try:
                    status = http.get("/sparql", params={"query": CHEAP}).status_code
                except httpx.TransportError:
                    status = 0
                cheap.append((status, time.monotonic() - t0))
                done.wait(max(0.0, 0.1 - (time.monotonic() - t0)))

    started = time.monotonic()
    cheap_thread = threading.Thread(target=ask_cheaply)
    cheap_thread.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    cheap_thread.join()
    idle = idle_from(server_pid)
    alive = _alive(base, server_pid)
    latencies = sorted(s for _, s in cheap)
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else float("nan")
    return {
        "queries": queries, "clients": clients, "streams_per_client": streams,
        "wall_s": round(time.monotonic() - started, 1),
        "server_deaths": (0 if alive else 1) + deaths["transport_errors"],
        "cheap": {"requests": len(cheap), "p50_ms": round(statistics.median(latencies) * 1000, 1),
                  "p99_ms": round(p99 * 1000, 1), "max_ms": round(latencies[-1] * 1000, 1),
                  "not_200": dict(Counter(s for s, _ in cheap if s != 200))},
        "idle_after_last_s": round(max(0.0, idle - last_answer[0]), 2),
        "families": {name: {"statuses": dict(sorted(Counter(s for s, _ in rows).items())),
                            "longest_s": round(max(t for _, t in rows), 2)}
                     for name, rows in sorted(results.items())},
    }


def _alive(base: str, pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return httpx.get(f"{base}/health", timeout=10).status_code == 200
    except (OSError, httpx.TransportError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--streams", type=int, default=2, help="queries at a time per hostile client")
    parser.add_argument("--timeout", type=float, default=3.0, help="the server's sparql_timeout, seconds")
    parser.add_argument("--store", type=Path, help="a store to serve (default: the sample, in a temporary store)")
    args = parser.parse_args(argv)
    from tests.servers import cli, serving

    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            subprocess.run(cli() + ["ingest", "--sample", "--store", str(store)], check=True,
                           stdout=subprocess.DEVNULL)
        with serving(store, env={"DIPLOKG_SPARQL_TIMEOUT": str(args.timeout)}) as server:
            figures = run_hostile(server.url, server.process.pid, queries=args.queries, clients=args.clients,
                                  streams=args.streams)
    figures["sparql_timeout_s"] = args.timeout
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
