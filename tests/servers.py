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
