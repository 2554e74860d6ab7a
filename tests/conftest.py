"""Shared fixtures: one coder, one store built from the raw seed article for the whole session, and Oxigraph
servers (the ``oxigraph`` command of the test extra) for the tests that run on both backends."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.servers import free_port, stop

DATA = Path(__file__).parent / "data"
SEED_TXT = DATA / "gold" / "seed" / "dw-2023-09-22-china-syria-partnership.txt"


@pytest.fixture(scope="session")
def coder():
    from diplokg.ingest.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, coder):
    """An on-disk store holding the seed article, ingested from its raw .txt."""
    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ingest

    path = tmp_path_factory.mktemp("seed") / "store"
    store = EventStore(path)
    report = ingest([str(SEED_TXT)], store, coder=coder)
    assert report.articles == 1 and not report.failures
    yield store
    store.close()


@pytest.fixture
def code(coder):
    """Code one text dated 2023-09-22 (a Friday) and return (source, code, target, date, count) tuples."""
    from datetime import date

    from diplokg.ingest.article import Article

    def run(text: str, published: date = date(2023, 9, 22), represent: bool = True):
        events = coder.code(Article(text, id="t", published=published))
        key = (lambda a: a.represents()) if represent else (lambda a: a.code)
        return sorted((key(e.source), e.code, key(e.target), e.date, e.count) for e in events)

    return run


# -- both backends: the embedded store and a SPARQL server ------------------------------------------------
BACKENDS = ["embedded", "remote"]


def _oxigraph_binary() -> str | None:
    return shutil.which("oxigraph", path=os.path.dirname(sys.executable)) or shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A function starting an Oxigraph server on a free loopback port: ``start(*options)`` returns its query
    URL (``http://127.0.0.1:PORT/query``); in memory unless ``--location DIR`` is among the options. Every
    server started is stopped at the end of the session. Skips when the ``oxigraph`` command is missing."""
    import httpx

    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph, part of the test extra)")
    logs = tmp_path_factory.mktemp("oxigraph-logs")
    started: list[subprocess.Popen] = []

    def start(*options: str) -> str:
        for _attempt in range(3):  # another process may take the free port before the server binds it
            port = free_port()
            with open(logs / f"{port}.log", "wb") as log:  # the server writes to its own copy
                proc = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}", *options],
                                        stdout=log, stderr=subprocess.STDOUT)
            started.append(proc)
            url = f"http://127.0.0.1:{port}/query"
            deadline = time.monotonic() + 15
            while proc.poll() is None and time.monotonic() < deadline:
                try:
                    httpx.post(url, data={"query": "ASK {}"}, timeout=1).raise_for_status()
                    return url
                except httpx.HTTPError:
                    time.sleep(0.02)
            proc.kill()
            proc.wait()
        raise RuntimeError(f"oxigraph serve did not start: {(logs / f'{port}.log').read_text()[-2000:]}")

    yield start
    for proc in started:
        stop(proc)


@pytest.fixture
def oxigraph_url(oxigraph_server):
    """The query URL of a fresh, empty, in-memory Oxigraph server of this test's own."""
    return oxigraph_server()


def open_backend(backend: str, tmp_path: Path, oxigraph_server):
    """An empty store of the given backend: a directory under ``tmp_path``, or a fresh Oxigraph server."""
    from diplokg.graph.store import open_store

    if backend == "embedded":
        return open_store(tmp_path / "store")
    return open_store(oxigraph_server())


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Runs a test once on the embedded store and once on an Oxigraph server."""
    return request.param


@pytest.fixture
def empty_store(backend, tmp_path, request):
    """An empty store of each backend (see ``backend``), closed after the test."""
    server = request.getfixturevalue("oxigraph_server") if backend == "remote" else None
    store = open_backend(backend, tmp_path, server)
    yield store
    store.close()


@pytest.fixture(scope="session", params=BACKENDS)
def any_seed_store(request, tmp_path_factory, coder):
    """The seed article, ingested from its raw .txt, in each backend (the embedded one is ``seed_store``)."""
    if request.param == "embedded":
        yield request.getfixturevalue("seed_store")
        return
    from diplokg.graph.store import open_store
    from diplokg.ingest.pipeline import ingest

    store = open_store(request.getfixturevalue("oxigraph_server")())
    report = ingest([str(SEED_TXT)], store, coder=coder)
    assert report.articles == 1 and not report.failures
    yield store
    store.close()
