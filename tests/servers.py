"""Starting real servers for tests: a free loopback port, the CLI, and ``diplokg serve`` in a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import httpx


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli() -> list[str]:
    return [sys.executable, "-m", "diplokg"]


@contextmanager
def serving(store: Path, *, token: str | None = None, env: dict | None = None,
            seconds: float = 90) -> Iterator[SimpleNamespace]:
    """``diplokg serve`` in a subprocess on a free loopback port, with ``DIPLOKG_API_TOKEN`` = ``token`` (none:
    writes refused); yields ``url`` and ``process`` once /health answers, stops it after."""
    port = free_port()
    environ = {**os.environ, **(env or {})}
    environ.pop("DIPLOKG_API_TOKEN", None)
    if token:
        environ["DIPLOKG_API_TOKEN"] = token
    server = subprocess.Popen(cli() + ["serve", "--store", str(store), "--port", str(port)], env=environ,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None:
                raise RuntimeError(f"server exited: {server.stderr.read()}")
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.2)
        # its SPARQL worker processes start in the background, and a query waits at most sparql_queue_seconds (2 s)
        # for one: on a machine busy with other tests the first could be refused Busy; the server is ready once one
        # answers (what a query does when no worker is free is tested with workers busy: test_sparql_abuse.py)
        while httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 503:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server's SPARQL workers did not start")
            time.sleep(0.2)
        yield SimpleNamespace(url=base, process=server)
    finally:
        stop(server, seconds=30)


def stop(process: subprocess.Popen, *, seconds: float = 10) -> None:
    """Terminate a server process, killing it if it has not ended within ``seconds``."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- Virtuoso 7 (Debian's virtuoso-opensource: virtuoso-t, isql-vt) -----------------------------------------
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 2000
MaxDirtyBuffers = 1500
CheckpointInterval = 0
DirsAllowed = .
ThreadsPerQuery = 1

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 8
MaxClientConnections = 8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 0
"""


def start_virtuoso(directory: Path, *, binary: str = "virtuoso-t", isql: str = "isql-vt",
                   seconds: float = 60) -> tuple[subprocess.Popen, str]:
    """A throwaway Virtuoso in ``directory`` (its database, log and ``virtuoso.ini``), its SQL and HTTP servers
    on free loopback ports, SPARQL Update granted to the anonymous ``/sparql`` endpoint as docs/deploy.md says.
    Returns the process and the endpoint URL (``http://127.0.0.1:PORT/sparql``) once it answers."""
    directory.mkdir(parents=True, exist_ok=True)
    for _attempt in range(3):  # another process may take a free port before the server binds it
        sql_port, http_port = free_port(), free_port()
        ini = directory / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
        with open(directory / "stdout.log", "wb") as log:
            proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=directory,
                                    stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{http_port}/sparql"
        deadline = time.monotonic() + seconds
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                httpx.post(url, data={"query": "ASK {}"}, timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            stop(proc)
            continue
        grant = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                                'exec=grant SPARQL_UPDATE to "SPARQL";'],
                               capture_output=True, text=True, timeout=30)
        if grant.returncode != 0 or "Error" in grant.stdout + grant.stderr:
            stop(proc)
            raise RuntimeError(f"granting SPARQL_UPDATE failed: {grant.stdout[-500:]} {grant.stderr[-500:]}")
        return proc, url
    log = directory / "stdout.log"
    raise RuntimeError(f"virtuoso-t did not start: {log.read_text(errors='replace')[-2000:]}")
