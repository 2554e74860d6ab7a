"""Concurrency: 8 clients POST 100 articles each to a real ``diplokg serve`` at once; all 800 land, once each,
with no 5xx. Meanwhile a second process trying to open the store for writing gets a clear StoreLocked error,
and readers (read-only opens) keep working; the store is whole afterwards."""

from __future__ import annotations

import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

pytestmark = pytest.mark.slow

CLIENTS = 8
PER_CLIENT = 100


def test_eight_clients_post_800_articles(tmp_path, server, token, synthetic, figures):
    store = tmp_path / "store"
    records = synthetic.articles(CLIENTS * PER_CLIENT, seed=3, prefix="conc")
    auth = {"Authorization": f"Bearer {token}"}
    statuses: dict[int, int] = {}
    seconds: list[float] = []
    lock = threading.Lock()
    side: dict[str, object] = {}

    with server(store, token=token) as s:
        def client(k: int) -> None:
            with httpx.Client(base_url=s.url, headers=auth, timeout=120) as http:
                for record in records[k * PER_CLIENT:(k + 1) * PER_CLIENT]:
                    t0 = time.perf_counter()
                    r = http.post("/articles", json=record)
                    with lock:
                        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                        seconds.append(time.perf_counter() - t0)
                    assert r.status_code == 201, r.text
                    assert r.json()["article"] == record["id"] and r.json()["created"] is True

        def second_process() -> None:
            """While the clients write: a writer in another process, and a reader."""
            time.sleep(2)
            writer = subprocess.run([sys.executable, "-m", "diplokg", "ingest", "--sample", "--store", str(store)],
                                    capture_output=True, text=True, timeout=120)
            reader = subprocess.run([sys.executable, "-m", "diplokg", "events", "--format", "json", "--store",
                                     str(store)], capture_output=True, text=True, timeout=120)
            side.update(writer=writer, reader=reader)

        t0 = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS + 1) as pool:
            futures = [pool.submit(client, k) for k in range(CLIENTS)] + [pool.submit(second_process)]
            for f in futures:
                f.result()
        wall = time.perf_counter() - t0
        listed = httpx.get(f"{s.url}/articles", params={"limit": 1000}, timeout=60).json()
        again = httpx.post(f"{s.url}/articles", json=records[0], headers=auth, timeout=60)
        assert again.status_code == 200 and again.json()["created"] is False

    writer, reader = side["writer"], side["reader"]
    assert writer.returncode == 4 and "open for writing in another process" in writer.stderr, writer.stderr
    assert reader.returncode == 0, reader.stderr
    assert statuses == {201: CLIENTS * PER_CLIENT}, statuses
    ids = [item["id"] for item in listed["items"]]
    assert listed["total"] == len(ids) == CLIENTS * PER_CLIENT and len(set(ids)) == len(ids)
    assert set(ids) == {r["id"] for r in records}
    # after the server stops, the store opens for writing and holds exactly the 800 graphs
    from diplokg.graph.model import REFERENCE_GRAPH
    from diplokg.graph.store import EventStore

    with EventStore(store) as reopened:
        graphs = set(reopened.named_graphs()) - {str(REFERENCE_GRAPH)}
    assert len(graphs) == CLIENTS * PER_CLIENT
    figures["concurrency"] = {"clients": CLIENTS, "articles": CLIENTS * PER_CLIENT, "created": statuses.get(201, 0),
                              "server_errors": sum(n for c, n in statuses.items() if c >= 500),
                              "duplicates": len(ids) - len(set(ids)), "wall_seconds": round(wall, 1),
                              "post_median_ms": round(statistics.median(seconds) * 1000),
                              "post_max_ms": round(max(seconds) * 1000),
                              "second_writer": "StoreLocked (exit 4)", "reader_while_writing": "ok", "failures": 0}
