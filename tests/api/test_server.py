"""The real thing: `diplokg serve` (uvicorn) on a free loopback port, queried over HTTP."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx

from tests.servers import cli, serving

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
