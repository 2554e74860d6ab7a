"""Shared fixtures: one coder, one store built from the raw seed article for the whole session, and SPARQL servers
on loopback for the tests that run on every backend: Oxigraph server (the ``oxigraph`` command of the test
extra) and Virtuoso 7 (Debian's ``virtuoso-opensource``, which ``.ci/run`` installs)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.servers import free_port, start_virtuoso, stop

DATA = Path(__file__).parent / "data"
SEED_TXT = DATA / "gold" / "seed" / "dw-2023-09-22-china-syria-partnership.txt"


# -- running in parallel: `make test` runs pytest-xdist, one module per worker at a time (--dist loadscope) ---
#: the modules that take longest (seconds, one worker alone): sent to the workers first, longest first, so that
#: no long module starts last while the other worker has nothing left; the rest keep their order
SLOW_MODULES = [
    "tests/reliability/test_crash.py", "tests/reliability/test_hostile_ingest.py",
    "tests/reliability/test_concurrency.py", "tests/reliability/test_sparql_abuse.py",
    "tests/reliability/test_api_stateful.py", "tests/reliability/test_article_ids.py",
    "tests/ingest/test_imports.py", "tests/graph/test_backends.py", "tests/reliability/test_api_fuzz.py",
    "tests/graph/test_store.py", "tests/reliability/test_idempotence.py", "tests/graph/test_first_pages.py",
    "tests/reliability/test_xss.py", "tests/api/test_articles.py", "tests/test_watch.py", "tests/api/test_sparql.py",
    "tests/viz/test_time.py", "tests/viz/test_browser.py", "tests/reliability/test_access.py",
    "tests/test_end_to_end.py", "tests/api/test_first_pages_api.py", "tests/graph/test_walk.py",
]


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return  # one process: the order as collected
    rank = {module: i for i, module in enumerate(SLOW_MODULES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))  # (a stable sort)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """(xdist, in the controller) The folder of the lock files the workers share (see pytest_runtest_protocol)."""
    config = node.config
    if not hasattr(config, "_diplokg_locks"):
        config._diplokg_locks = tempfile.mkdtemp(prefix="diplokg-test-locks-")
    node.workerinput["diplokg_locks"] = config._diplokg_locks


def pytest_unconfigure(config):
    if hasattr(config, "_diplokg_locks"):
        shutil.rmtree(config._diplokg_locks, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Under xdist, a test marked ``solo`` (one that times itself against a wall clock: a latency, a time limit
    it must be stopped within) runs alone: it waits for the test under way on every other worker to end, and
    theirs wait for it (its setup and teardown too). A readers-writer lock of two lock files, the writer first:
    a solo test holds the gate while it waits for and then holds the run lock exclusively; any other test
    passes the gate and holds the run lock shared."""
    folder = getattr(item.config, "workerinput", {}).get("diplokg_locks")
    if folder is None:
        yield
        return
    solo = item.get_closest_marker("solo") is not None
    with open(os.path.join(folder, "gate"), "a") as gate, open(os.path.join(folder, "run"), "a") as run:
        fcntl.flock(gate, fcntl.LOCK_EX)
        try:
            fcntl.flock(run, fcntl.LOCK_EX if solo else fcntl.LOCK_SH)
        finally:
            if not solo:
                fcntl.flock(gate, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(run, fcntl.LOCK_UN)
            if solo:
                fcntl.flock(gate, fcntl.LOCK_UN)


@pytest.fixture(scope="session", autouse=True)
def sparql_workers_ready():
    """An app over an embedded store starts its SPARQL worker processes in the background when it starts, and a
    query waits at most ``sparql_queue_seconds`` (2 s) for one: on a machine busy with the other test workers, a
    fresh app's first query could be refused Busy before its first worker is up. In the tests an app's startup
    waits for that first worker (at most the pool's own START_SECONDS), as a deployment waits for readiness; what
    a query does when no worker is free is tested with the workers busy (tests/api/test_sparql.py,
    tests/reliability/test_sparql_abuse.py)."""
    import asyncio

    from diplokg.api import sparql_pool

    original = sparql_pool.QueryPool.start

    async def start(self) -> None:
        await original(self)
        deadline = time.monotonic() + sparql_pool.START_SECONDS
        while not (self._idle or self._failure or self._closed) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sparql_pool.QueryPool, "start", start)
        yield


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


# -- every backend: the embedded store and the SPARQL servers ---------------------------------------------
ENGINES = ["oxigraph", "virtuoso"]  # the SPARQL servers RemoteStore is tested against
BACKENDS = ["embedded", *ENGINES]


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


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A function giving the endpoint URL (``http://127.0.0.1:PORT/sparql``) of an empty Virtuoso 7 on loopback,
    SPARQL Update granted (see ``tests.servers.start_virtuoso``). Virtuoso takes seconds to start where Oxigraph
    takes milliseconds, so ``start()`` gives the session's scratch server emptied of every graph but
    Virtuoso's own (for a test's own empty store), and ``start(own=True)`` a new server (for a store a module
    or the session keeps). Every server started is stopped at the end of the session. Skips when
    ``virtuoso-t`` is missing."""
    import httpx

    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource; .ci/run does)")
    root = tmp_path_factory.mktemp("virtuoso")
    started: list[subprocess.Popen] = []
    scratch: dict[str, object] = {}
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"

    def listed(url: str) -> set[str]:
        answer = httpx.post(url, data={"query": graphs}, headers={"Accept": "application/sparql-results+json"},
                            timeout=60)  # (Virtuoso lists graphs by scanning every quad: seconds on a busy machine)
        return {row["g"]["value"] for row in answer.raise_for_status().json()["results"]["bindings"]}

    def new() -> str:
        proc, url = start_virtuoso(root / str(len(started)))
        started.append(proc)
        return url

    def start(own: bool = False) -> str:
        if own:
            return new()
        if not scratch:
            scratch["url"] = new()
            scratch["system"] = listed(scratch["url"])  # the graphs Virtuoso keeps for itself
        url = scratch["url"]
        drops = [f"DROP SILENT GRAPH <{g}>" for g in sorted(listed(url) - scratch["system"])]
        if drops:
            httpx.post(url, content=" ;\n".join(drops).encode(), timeout=60,
                       headers={"Content-Type": "application/sparql-update"}).raise_for_status()
        return url

    yield start
    for proc in started:
        stop(proc)


@pytest.fixture(params=ENGINES)
def engine(request) -> str:
    """Runs a test once on each SPARQL server (Oxigraph server, Virtuoso)."""
    return request.param


@pytest.fixture
def server_url(engine, request) -> str:
    """The URL of an empty SPARQL endpoint of each engine (see ``engine``), for this test alone."""
    return request.getfixturevalue(f"{engine}_server")()


def own_server_url(request, engine: str) -> str:
    """The URL of a new, empty server of the engine, for a store kept beyond one test (module, session)."""
    start = request.getfixturevalue(f"{engine}_server")
    return start(own=True) if engine == "virtuoso" else start()


def open_backend(backend: str, tmp_path: Path, server=None):
    """An empty store of the given backend: a directory under ``tmp_path``, or an empty server of the engine
    (``server`` is its fixture's start function)."""
    from diplokg.graph.store import open_store

    if backend == "embedded":
        return open_store(tmp_path / "store")
    return open_store(server())


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Runs a test once on the embedded store and once on each SPARQL server."""
    return request.param


@pytest.fixture
def empty_store(backend, tmp_path, request):
    """An empty store of each backend (see ``backend``), closed after the test."""
    server = request.getfixturevalue(f"{backend}_server") if backend != "embedded" else None
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

    store = open_store(own_server_url(request, request.param))
    report = ingest([str(SEED_TXT)], store, coder=coder)
    assert report.articles == 1 and not report.failures
    yield store
    store.close()
