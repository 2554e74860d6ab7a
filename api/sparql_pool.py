"""Where ``/sparql`` queries run, and the limits that stop them.

Oxigraph cannot cancel a running query, and a query busy inside one step (a sort, an aggregate, a filter no row
passes) does not come back to Python until it ends. So, on the embedded store, each query runs in a **worker
process** (:mod:`diplokg.api.sparql_worker`) of a pool of ``sparql_max_running``, and a query past a limit is
stopped by killing its worker (SIGKILL: its CPU and memory are free at once) and starting another from a fork
server (~20 ms; :mod:`diplokg.api.sparql_worker`). The limits, all settings (:class:`~diplokg.api.settings.Settings`):

- **time**: ``sparql_timeout`` seconds (503 "Query timeout");
- **memory**: ``sparql_max_memory_mb`` of resident memory per worker (503);
- **per client** (the client's address): at most ``sparql_max_per_client`` queries running or waiting; beyond,
  429 with ``Retry-After``;
- **in all**: ``sparql_max_running`` queries at once; a query waits at most ``sparql_queue_seconds`` for a
  worker (503 "Busy" beyond). Waiting queries are served **light clients first**: a client is *heavy* for
  ``HEAVY_SECONDS`` after one of its queries ran longer than ``sparql_long_after`` seconds, and among clients of
  one kind, the one that used the workers least recently goes first;
- **one worker is kept for light clients**: heavy clients never get the last free worker, and at most
  ``sparql_max_running - 1`` queries may run longer than ``sparql_long_after`` at once (a query that would be one
  more is stopped there, 503 "Busy"). So however many expensive queries arrive, a cheap query from another
  client finds a worker within about ``sparql_long_after`` seconds. A query that ran long is moved to a lower CPU
  priority, and its worker is replaced after it ends (it may hold the memory the query grew).

Everything but the blocking pipe exchange (a thread per running query) happens on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import math
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from diplokg.api.errors import ProblemError
from diplokg.api.sparql_answer import Answer

__all__ = ["HEAVY_SECONDS", "QueryPool", "query_runner"]

log = logging.getLogger("diplokg.sparql")

HEAVY_SECONDS = 60.0  # how long a client counts as heavy after one of its queries ran long
USAGE_HALF_LIFE = 60.0  # seconds: a client's worker time used, halved every minute
LONG_NICE = 10  # the CPU niceness of a worker whose query ran long
TICK = 0.05  # seconds between two checks of the running queries
START_SECONDS = 60.0  # a worker that is not ready by then is given up


class _Worker:
    """One worker process and the pool's end of its socket."""

    def __init__(self, pid: int, conn: Connection):
        self.pid, self.conn = pid, conn

    def ask(self, job: tuple) -> tuple:
        """Send a job and wait for the reply (blocking: run on a thread). EOFError/OSError if the worker died."""
        self.conn.send(job)
        return self.conn.recv()

    def rss_mb(self) -> float:
        """Resident memory of the worker (Linux /proc), 0 where it cannot be read."""
        try:
            with open(f"/proc/{self.pid}/statm", "rb") as statm:
                return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        except (OSError, ValueError, IndexError):
            return 0.0

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, OSError):
            os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        self.kill()  # (the fork server, its parent, lets the kernel reap it)
        self.conn.close()


class _ForkServer:
    """The fork server process (:func:`diplokg.api.sparql_worker.fork_server`) and its control socket."""

    def __init__(self, path: str):
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "diplokg.api.sparql_worker", str(theirs.fileno()), path],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL)
        theirs.close()
        self.control = ours
        self.lock = threading.Lock()

    def alive(self) -> bool:
        return self.process.poll() is None

    def fork(self, generation: int) -> _Worker:
        """A new worker, its store opened at ``generation`` or later (blocking)."""
        with self.lock:
            self.control.sendall(struct.pack("!q", generation))
            message, fds, _, _ = socket.recv_fds(self.control, 4, 1)
            while fds and 0 < len(message) < 4:
                message += self.control.recv(4 - len(message))
        if len(message) < 4 or not fds:
            raise RuntimeError("the SPARQL fork server ended")
        return _Worker(struct.unpack("!i", message)[0], Connection(fds[0]))

    def close(self) -> None:
        self.control.close()  # the fork server ends at the end of its control socket
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class _Running:
    worker: _Worker
    client: str
    started: float
    long: bool = False
    stopped: ProblemError | None = None  # why the pool killed it


@dataclass
class _Waiter:
    client: str
    seq: int
    future: asyncio.Future


@dataclass
class _Usage:
    seconds: float = 0.0
    at: float = 0.0
    heavy_until: float = 0.0

    def now(self, now: float) -> float:
        return self.seconds * math.pow(0.5, (now - self.at) / USAGE_HALF_LIFE)


class _ClientCounts:
    """Queries each client (address) has running or waiting, at most ``limit`` each."""

    def __init__(self, limit: int):
        self.limit = limit
        self.counts: Counter[str] = Counter()

    def enter(self, client: str) -> None:
        """Count one more query of ``client``, or refuse it (429) when it has ``limit`` already."""
        if self.counts[client] >= self.limit:
            raise ProblemError(429, f"{self.limit} of your queries are running or waiting already; wait for them",
                               title="Too many queries", headers={"Retry-After": "1"})
        self.counts[client] += 1

    def leave(self, client: str) -> None:
        self.counts[client] -= 1
        if self.counts[client] <= 0:
            del self.counts[client]


class QueryPool:
    """Worker processes answering SPARQL queries on the embedded store at ``path``, with the limits above."""

    def __init__(self, path: str | os.PathLike, settings, generation: Callable[[], int]):
        self.path = str(Path(path))
        self._generation = generation  # writes the server has seen (a worker opens the store after them)
        self.settings = settings
        self.size: int = settings.sparql_max_running
        self._fork_server: _ForkServer | None = None
        self._fork_lock = threading.Lock()
        self._threads = ThreadPoolExecutor(self.size + 2, thread_name_prefix="diplokg-sparql")
        self._idle: list[_Worker] = []
        self._running: dict[int, _Running] = {}  # by worker pid
        self._starting = 0
        self._waiting: list[_Waiter] = []
        self._seq = itertools.count()
        self._clients = _ClientCounts(settings.sparql_max_per_client)
        self._usage: dict[str, _Usage] = {}
        self._monitor: asyncio.Task | None = None
        self._failure: str | None = None  # why workers cannot start (the store cannot be opened)
        self._closed = False
        self.stopped = Counter()  # queries stopped, by reason (for /health and the tests)

    # -- workers -----------------------------------------------------------------------------------------
    def _start_blocking(self) -> _Worker:
        with self._fork_lock:
            if self._closed:
                raise RuntimeError("the pool is closed")
            if self._fork_server is None or not self._fork_server.alive():
                self._fork_server = _ForkServer(self.path)
            fork_server = self._fork_server
        worker = fork_server.fork(self._generation())
        if not worker.conn.poll(START_SECONDS):
            worker.close()
            raise RuntimeError(f"a SPARQL worker did not start within {START_SECONDS:g} s")
        kind, detail = worker.conn.recv()
        if kind != "ready":
            worker.close()
            raise RuntimeError(detail)
        return worker

    def _replenish(self) -> None:
        """Start workers in the background until the pool is full again."""
        loop = asyncio.get_running_loop()
        while not self._closed and len(self._idle) + len(self._running) + self._starting < self.size:
            self._starting += 1
            loop.run_in_executor(self._threads, self._start_blocking).add_done_callback(self._started)

    def _started(self, future) -> None:
        self._starting -= 1
        try:
            worker = future.result()
        except (OSError, RuntimeError, EOFError) as exc:
            self._failure = str(exc)
            log.warning("a SPARQL worker did not start: %s", exc)
            self._wake_all()
            return
        self._failure = None
        if self._closed:
            worker.close()
            return
        self._release(worker)

    def _release(self, worker: _Worker) -> None:
        """A worker is free: it goes to the first waiter that may have it, else it waits idle."""
        self._idle.append(worker)
        self._serve_idle()

    def _next_waiter(self, reserve: bool) -> _Waiter | None:
        """The waiter served next: light clients first, then the one that used least recently, then the first
        come; none for a heavy client when ``reserve`` (the last free worker is kept for light clients)."""
        self._waiting = [w for w in self._waiting if not w.future.done()]
        if not self._waiting:
            return None
        now = time.monotonic()
        best = min(self._waiting, key=lambda w: (self._is_heavy(w.client), self._used(w.client, now), w.seq))
        if reserve and self._is_heavy(best.client):
            return None
        self._waiting.remove(best)
        return best

    def _wake_all(self) -> None:
        for waiter in self._waiting:
            if not waiter.future.done():
                waiter.future.set_exception(self._unavailable())
        self._waiting.clear()

    def _unavailable(self) -> ProblemError:
        return ProblemError(503, f"SPARQL workers cannot start: {self._failure}", title="Service unavailable")

    # -- clients -----------------------------------------------------------------------------------------
    def _is_heavy(self, client: str) -> bool:
        usage = self._usage.get(client)
        return usage is not None and usage.heavy_until > time.monotonic()

    def _used(self, client: str, now: float) -> float:
        usage = self._usage.get(client)
        return usage.now(now) if usage else 0.0

    def _mark_heavy(self, client: str) -> None:
        now = time.monotonic()
        usage = self._usage.setdefault(client, _Usage(at=now))
        usage.heavy_until = now + HEAVY_SECONDS

    def _charge(self, client: str, seconds: float, long: bool) -> None:
        now = time.monotonic()
        usage = self._usage.setdefault(client, _Usage(at=now))
        usage.seconds, usage.at = usage.now(now) + seconds, now
        if long:
            self._mark_heavy(client)
        if len(self._usage) > 10_000:  # forget clients idle for a while
            for name in [c for c, u in self._usage.items() if u.heavy_until < now and u.now(now) < 0.01]:
                del self._usage[name]

    async def _acquire(self, client: str) -> _Worker:
        if self._failure and not self._idle and not self._running:
            raise self._unavailable()
        waiter = _Waiter(client, next(self._seq), asyncio.get_running_loop().create_future())
        self._waiting.append(waiter)
        self._serve_idle()
        try:
            return await asyncio.wait_for(asyncio.shield(waiter.future), self.settings.sparql_queue_seconds)
        except TimeoutError:
            if waiter.future.done() and not waiter.future.cancelled() and waiter.future.exception() is None:
                self._release(waiter.future.result())  # handed over just as the wait ended
            waiter.future.cancel()
            raise ProblemError(503, f"all {self.size} SPARQL workers are busy; try again shortly",
                               title="Busy", headers={"Retry-After": "1"}) from None

    def _serve_idle(self) -> None:
        """Hand idle workers to waiters that may have them."""
        while self._idle:
            waiter = self._next_waiter(reserve=len(self._idle) == 1 and self.size > 1)
            if waiter is None:
                return
            waiter.future.set_result(self._idle.pop())

    # -- running -----------------------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the workers in the background (the first query need not wait for them all)."""
        self._replenish()

    async def run(self, client: str, text: str, accept: str | None, cap: int) -> Answer:
        """Answer a query within the limits, or raise the ProblemError that says which one it passed."""
        if self._closed:
            raise ProblemError(503, "the server is stopping", title="Service unavailable")
        self._clients.enter(client)
        try:
            self._replenish()
            worker = await self._acquire(client)
            return await self._exchange(worker, client, (text, accept, cap, self._generation()))
        finally:
            self._clients.leave(client)

    async def _exchange(self, worker: _Worker, client: str, job: tuple) -> Answer:
        running = _Running(worker, client, time.monotonic())
        self._running[worker.pid] = running
        if self._monitor is None or self._monitor.done():
            self._monitor = asyncio.get_running_loop().create_task(self._watch())
        reply = None
        try:
            reply = await asyncio.get_running_loop().run_in_executor(self._threads, worker.ask, job)
        except (EOFError, OSError):
            pass  # the worker died: killed by a limit below, or crashed
        finally:
            del self._running[worker.pid]
            elapsed = time.monotonic() - running.started
            self._charge(client, elapsed, running.long or running.stopped is not None
                         or elapsed >= self.settings.sparql_long_after)
            if reply is None or running.long or running.stopped:
                # (a long query's worker runs at low priority and may hold the memory the query grew)
                asyncio.get_running_loop().run_in_executor(self._threads, worker.close)
                self._replenish()
            else:
                self._release(worker)
        if running.stopped:
            raise running.stopped
        if reply is None:
            log.warning("a SPARQL worker ended during a query: %.200r", job[0])
            raise ProblemError(500, "the query engine stopped during this query", title="Query engine failure")
        if reply[0] == "problem":
            _, status, detail, title, extra = reply
            raise ProblemError(status, detail, title=title, **extra)
        _, body, media, truncated = reply
        return Answer(body, media, truncated)

    def _stop(self, running: _Running, problem: ProblemError, reason: str) -> None:
        running.stopped = problem
        self.stopped[reason] += 1
        running.worker.kill()

    async def _watch(self) -> None:
        """While queries run: stop those past a limit, and keep one worker free of long queries."""
        settings = self.settings
        while self._running:
            now = time.monotonic()
            for running in list(self._running.values()):
                if running.stopped:
                    continue
                age = now - running.started
                if age >= settings.sparql_timeout:
                    self._stop(running, ProblemError(503, f"query exceeded {settings.sparql_timeout:g} s",
                                                     title="Query timeout"), "timeout")
                elif running.worker.rss_mb() > settings.sparql_max_memory_mb:
                    self._stop(running, ProblemError(
                        503, f"query exceeded {settings.sparql_max_memory_mb} MB of memory",
                        title="Query memory limit"), "memory")
                elif age >= settings.sparql_long_after and not running.long:
                    if self.size > 1 and sum(r.long and not r.stopped for r in self._running.values()) \
                            >= self.size - 1:
                        self._stop(running, ProblemError(
                            503, f"{self.size - 1} long queries are running already and one worker is kept for "
                                 f"short ones: this query was stopped after {settings.sparql_long_after:g} s; "
                                 "try again shortly", title="Busy", headers={"Retry-After": "5"}), "long")
                        continue
                    running.long = True
                    self._mark_heavy(running.client)
                    with contextlib.suppress(OSError):
                        os.setpriority(os.PRIO_PROCESS, running.worker.pid, LONG_NICE)
            self._make_room()
            await asyncio.sleep(TICK)

    def _make_room(self) -> None:
        """A light client waits and no worker is free or starting: the youngest query of a heavy client is stopped
        (503 Busy) and its worker replaced for the light client. Heavy clients use the workers nobody else wants."""
        if self._idle or self._starting or not any(
                not w.future.done() and not self._is_heavy(w.client) for w in self._waiting):
            return
        heavy = [r for r in self._running.values() if not r.stopped and self._is_heavy(r.client)]
        if heavy:
            victim = max(heavy, key=lambda r: r.started)
            self._stop(victim, ProblemError(
                503, "stopped to make room for the queries of other clients: this client ran long queries in "
                     f"the last {HEAVY_SECONDS:g} s; try again shortly", title="Busy",
                headers={"Retry-After": "5"}), "preempted")

    def status(self) -> dict:
        return {"runner": "processes", "capacity": self.size, "running": len(self._running),
                "waiting": sum(not w.future.done() for w in self._waiting), "stopped": dict(self.stopped)}

    def close(self) -> None:
        """Stop every worker (running queries included)."""
        self._closed = True
        for running in list(self._running.values()):
            running.worker.kill()
        for worker in self._idle:
            worker.close()
        self._idle.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
        with self._fork_lock:
            if self._fork_server is not None:
                self._fork_server.close()


def query_runner(store, settings, generation: Callable[[], int]):
    """Worker processes for an embedded store on disk, threads for any other. ``generation()`` counts the
    writes the server has seen."""
    path = getattr(store, "path", None)
    if getattr(store, "kind", None) == "oxigraph" and path is not None:
        return QueryPool(path, settings, generation)
    from diplokg.api.sparql_threads import ThreadQueries

    return ThreadQueries(store, settings)
