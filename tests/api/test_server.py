"""The real thing: `diplokg serve` (uvicorn) on a free loopback port, queried over HTTP."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import httpx

from tests.servers import cli, free_port, serving

SEED = Path(__file__).parents[1] / "data" / "gold" / "seed" / "dw-2023-09-22-china-syria-partnership.txt"


def test_served_over_http(tmp_path):
    store = tmp_path / "store"
    subprocess.run(cli() + ["ingest", str(SEED), "--store", str(store)], check=True, capture_output=True)
    with serving(store, seconds=60) as server:
        base = server.url
        relations = httpx.get(f"{base}/relations", params={"source": "CHN", "target": "SYR"}, timeout=30).json()
        assert relations["events"]
        ask = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": "application/sparql-results+json"}, timeout=30).json()
        assert ask["boolean"] is True
        assert httpx.get(f"{base}/openapi.json", timeout=10).json()["info"]["title"] == "diplokg"
        get, head = httpx.get(f"{base}/health", timeout=10), httpx.head(f"{base}/health", timeout=10)
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert head.headers["content-length"] == get.headers["content-length"]


def _serve(store: Path, port: int) -> subprocess.CompletedProcess:
    return subprocess.run(cli() + ["serve", "--store", str(store), "--port", str(port)], capture_output=True,
                          text=True, timeout=120)


def _failed_in_one_line(run: subprocess.CompletedProcess, exit_code: int, says: str) -> None:
    """Exit ``exit_code``, one line on stderr saying ``says``, no traceback, and nothing on stdout: no banner,
    no news of a dyad network."""
    assert run.returncode == exit_code, (run.returncode, run.stdout, run.stderr)
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("diplokg: ") and says in run.stderr, run.stderr
    assert run.stdout == "", run.stdout


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        run = _serve(tmp_path / "store", port)
    _failed_in_one_line(run, 5, f"127.0.0.1:{port} is in use by another process")


def test_serve_on_a_locked_store_says_so_in_one_line(tmp_path):
    from diplokg.graph.store import EventStore

    with EventStore(tmp_path / "store"):  # this process holds it open for writing, as a running ingest would
        run = _serve(tmp_path / "store", free_port())
    _failed_in_one_line(run, 4, "open for writing in another process")
