"""Crash safety: ``diplokg ingest`` killed with SIGKILL at random moments of a 500-article batch, 20 times.

After each kill the store opens (for writing), every article in it is complete — its named graph holds exactly
the quads a reference ingest of the same article wrote into a fresh store — or absent, and nothing else is in
the store; re-running the same batch then completes it with no duplicates.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from diplokg.graph.model import REFERENCE_GRAPH
from diplokg.graph.namespace import PROV
from diplokg.graph.store import EventStore

pytestmark = pytest.mark.slow

N_ARTICLES = 500
TRIALS = 20
#: the two wall-clock times of an ingest activity differ between two ingests of one article
CLOCK = (f"<{PROV.startedAtTime}>", f"<{PROV.endedAtTime}>")


def snapshot(store: EventStore) -> dict[str, frozenset[str]]:
    """Every quad of the store as an N-Quads line, grouped by graph (the two clock times left out)."""
    graphs: dict[str, set[str]] = {}
    for line in store.export("nquads").decode("utf-8").splitlines():
        if any(clock in line for clock in CLOCK):
            continue
        body, graph, _dot = line.rsplit(" ", 2)
        assert graph.startswith("<"), f"a quad outside the named graphs: {line}"
        graphs.setdefault(graph[1:-1], set()).add(body)
    return {g: frozenset(lines) for g, lines in graphs.items()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory, synthetic, coder):
    """The batch as a .jsonl file, and what each of its articles' graphs holds when ingested alone."""
    from diplokg.ingest.pipeline import ingest

    folder = tmp_path_factory.mktemp("crash")
    path = synthetic.write_jsonl(synthetic.articles(N_ARTICLES, seed=11), folder / "batch.jsonl")
    with EventStore(folder / "reference") as reference:
        report = ingest([str(path)], reference, coder=coder)
        assert report.articles == N_ARTICLES and not report.failures and report.events >= N_ARTICLES
        expected = snapshot(reference)
    assert len(expected) == N_ARTICLES + 1  # and the reference graph
    return path, expected, report.events


def check_consistent(path, expected: dict[str, frozenset]) -> int:
    """Open the store for writing; every graph is whole; return how many articles are in it."""
    with EventStore(path) as store:
        found = snapshot(store)
    for graph, content in found.items():
        assert graph in expected, f"unexpected graph {graph}"
        assert content == expected[graph], f"{graph} is incomplete: {len(content)} of {len(expected[graph])}"
    return sum(1 for g in found if g != str(REFERENCE_GRAPH))


def kill_during_batch(path, store, rng: random.Random) -> tuple[int, float] | None:
    """Run ``diplokg ingest`` and SIGKILL it at a random moment of its batch: after its k-th progress line (one
    per 100 inputs; k = 0 is the store being opened), plus a random part of the time the last 100 took. Returns
    (k, delay), or None if the batch finished before the kill."""
    proc = subprocess.Popen([sys.executable, "-m", "diplokg", "ingest", str(path), "--store", str(store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (store / "CURRENT").exists():
            assert proc.poll() is None, "ingest exited before opening its store"
            assert time.monotonic() < deadline, "ingest did not open its store"
            time.sleep(0.005)
        k = rng.randrange(5)
        last = time.monotonic()
        gap = 1.0  # before the first progress line: within a second of opening (coder, reference graph)
        for _ in range(k):
            line = proc.stderr.readline()
            assert "inputs read" in line, line
            now = time.monotonic()
            gap, last = now - last, now
        delay = rng.uniform(0, 0.9 * gap)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        return (k, round(delay, 2)) if proc.returncode == -signal.SIGKILL else None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_sigkill_during_ingest_loses_nothing_half_written(batch, tmp_path, coder, figures):
    """Two trials at a time (the kill moments follow each process's own progress, so load does not skew them);
    the re-run goes through ``ingest``, the function the command calls, with this session's coder."""
    from diplokg.ingest.pipeline import ingest

    path, expected, events = batch
    rerun = threading.Lock()
    seeds = iter(range(1000))
    lock = threading.Lock()
    trials: list[dict] = []

    def trial() -> None:
        while True:
            with lock:
                seed = next(seeds)
            store = tmp_path / f"store-{seed}"
            killed = kill_during_batch(path, store, random.Random(seed))
            if killed is not None:
                break
            shutil.rmtree(store)  # finished first: not a kill, try another moment
        present = check_consistent(store, expected)
        with rerun, EventStore(store) as reopened:
            report = ingest([str(path)], reopened, coder=coder)
        assert (report.articles, report.skipped, report.failed) == (N_ARTICLES - present, present, 0)
        with EventStore(store, read_only=True) as done:
            assert snapshot(done) == expected
        shutil.rmtree(store)
        with lock:
            trials.append({"after_progress_line": killed[0], "delay": killed[1], "present": present})

    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(trial) for _ in range(TRIALS)]:
            future.result()
    present_after_kill = sorted(t["present"] for t in trials)
    mid_batch = sum(1 for n in present_after_kill if 0 < n < N_ARTICLES)
    figures["crash"] = {"trials": len(trials), "articles_per_batch": N_ARTICLES, "events_per_batch": events,
                        "killed_mid_batch": mid_batch, "killed_before_first_commit": present_after_kill.count(0),
                        "killed_after_last_commit": present_after_kill.count(N_ARTICLES),
                        "articles_present_after_kill": present_after_kill, "failures": 0}
    # The kills must land inside the batch for the test to mean anything.
    assert len(trials) == TRIALS and mid_batch >= TRIALS // 2, trials
