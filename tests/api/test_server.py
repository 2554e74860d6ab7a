"""The real thing: `diplokg serve` (uvicorn) on a free loopback port, queried over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

SEED = Path(__file__).parents[1] / "data" / "gold" / "seed" / "dw-2023-09-22-china-syria-partnership.txt"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_served_over_http(tmp_path):
    store = tmp_path / "store"
    cli = [sys.executable, "-m", "diplokg"]
    subprocess.run(cli + ["ingest", str(SEED), "--store", str(store)], check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(cli + ["serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        relations = httpx.get(f"{base}/relations", params={"source": "CHN", "target": "SYR"}, timeout=30).json()
        assert relations["events"]
        ask = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                        headers={"Accept": "application/sparql-results+json"}, timeout=30).json()
        assert ask["boolean"] is True
        assert httpx.get(f"{base}/openapi.json", timeout=10).json()["info"]["title"] == "diplokg"
    finally:
        server.terminate()
        server.wait(timeout=20)
