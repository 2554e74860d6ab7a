"""Cold answers: the first asking of `/events?actor=`, `/relations`, `/path` and `/neighbors` for the busiest actors
and dyads of a store, each distinct question once, on a freshly started `diplokg serve` (as `benchmarks/run.py`
starts it), with a warm OS page cache (every file of the store is read once first).

Prints, per endpoint, p50 / p99 / max of the wall time (one client, one question at a time) and of the server's
CPU time for the same requests (user + system of the server process, so a shared machine's load shows as wall
time but not as CPU time), then start → first graph answer and the server's peak RSS. ``--runs`` starts a new
server for each run (each run's questions are cold again).

    .venv/bin/python benchmarks/cold.py --store /tmp/store-1m [--actors 20] [--dyads 30] [--runs 2]

The store: ``benchmarks/make_gdelt.py 1176470 -o rows.CSV`` then ``diplokg import gdelt rows.CSV --store DIR``
(1,000,000 events: 15% of the rows are one-sided).
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import time
from pathlib import Path

import httpx
import psutil

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import api as api_bench  # noqa: E402  (serve: `diplokg serve` on a free port, as benchmarks/run.py does)

ENDPOINTS = ("/events?actor=", "/relations", "/path", "/neighbors")


def warm_page_cache(store: Path) -> int:
    """Read every file of the store once (the OS keeps them in its page cache); bytes read."""
    total = 0
    for f in sorted(store.rglob("*")):
        if f.is_file():
            with f.open("rb") as fh:
                while chunk := fh.read(1 << 22):
                    total += len(chunk)
    return total


def busiest(base: str, n_actors: int, n_dyads: int) -> tuple[list[str], list[tuple[str, str]]]:
    """The busiest actors (weighted degree) and unordered dyads (events both ways), from the dyad network."""
    actors = [a["actor"] for a in httpx.get(base + "/centrality", params={"limit": n_actors},
                                            timeout=600).json()["actors"]]
    text = httpx.get(base + "/export/network", params={"format": "csv"}, timeout=600).text
    both: dict[tuple[str, str], int] = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row["source"] != row["target"]:
            key = tuple(sorted((row["source"], row["target"])))
            both[key] = both.get(key, 0) + int(row["events"])
    dyads = sorted(both, key=lambda k: (-both[k], k))[:n_dyads]
    return actors, dyads


def _cpu(proc: psutil.Process) -> float:
    t = proc.cpu_times()
    return t.user + t.system


def one_run(store: Path, n_actors: int, n_dyads: int) -> dict:
    t0 = time.perf_counter()
    proc, base = api_bench.serve(store)
    ps = psutil.Process(proc.pid)
    try:
        actors, dyads = busiest(base, n_actors, n_dyads)  # the first graph answers: the network is built
        first = time.perf_counter() - t0
        httpx.get(base + "/health", timeout=600)  # the figures the server counts as it starts, counted
        time.sleep(1.0)
        cases = {
            "/events?actor=": [("/events", {"actor": a, "limit": 50}) for a in actors],
            "/relations": [("/relations", {"source": a, "target": b}) for a, b in dyads],
            "/path": [("/path", {"from": a, "to": b}) for a, b in dyads],
            "/neighbors": [(f"/neighbors/{a}", {}) for a in actors],
        }
        out = {"first_answer_s": first, "actors": actors, "dyads": dyads}
        with httpx.Client(base_url=base, timeout=600) as client:
            for label, calls in cases.items():
                walls, cpus, slowest = [], [], None
                for path, params in calls:
                    c, t = _cpu(ps), time.perf_counter()
                    r = client.get(path, params=params)
                    wall, cpu = time.perf_counter() - t, _cpu(ps) - c
                    if r.status_code >= 300:
                        print(f"   {path} {params}: {r.status_code}", file=sys.stderr)
                    walls.append(wall * 1000)
                    cpus.append(cpu * 1000)
                    if slowest is None or wall * 1000 > slowest[0]:
                        slowest = (wall * 1000, path, params)
                out[label] = {"wall": walls, "cpu": cpus, "slowest": slowest}
        out["rss"] = peak_rss(proc.pid)
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--actors", type=int, default=20, help="the busiest N actors (/events?actor=, /neighbors)")
    ap.add_argument("--dyads", type=int, default=30, help="the busiest N dyads (/relations, /path)")
    ap.add_argument("--runs", type=int, default=2, help="servers started, one after the other")
    args = ap.parse_args()
    print(f"page cache: read {warm_page_cache(args.store) / 2**20:,.0f} MB of {args.store}")
    for run in range(1, args.runs + 1):
        r = one_run(args.store, args.actors, args.dyads)
        print(f"run {run}: start -> first graph answer {r['first_answer_s']:.1f} s, serving peak RSS "
              f"{r['rss'] / 2**20:,.0f} MB; {len(r['actors'])} actors, {len(r['dyads'])} dyads "
              f"(busiest {r['dyads'][0][0]}-{r['dyads'][0][1]})")
        print(f"  {'endpoint':15} {'wall p50':>9} {'p99':>7} {'max':>7}   {'cpu p50':>8} {'p99':>7} {'max':>7}  slowest")
        for label in ENDPOINTS:
            w, c, slow = r[label]["wall"], r[label]["cpu"], r[label]["slowest"]
            print(f"  {label:15} {statistics.median(w):9.0f} {pct(w, .99):7.0f} {max(w):7.0f}   "
                  f"{statistics.median(c):8.0f} {pct(c, .99):7.0f} {max(c):7.0f}  {slow[1]} {slow[2]}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
