"""``/sparql`` queries on threads, for stores a worker process cannot open (in memory; a remote endpoint)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import traceback
from collections import Counter
from collections.abc import Callable

from diplokg.api.errors import ProblemError
from diplokg.api.sparql_answer import Answer, answer
from diplokg.api.sparql_pool import _ClientCounts
from diplokg.graph.query_guard import start_deep_thread

__all__ = ["STOP_GRACE", "ThreadQueries", "in_daemon_thread"]

STOP_GRACE = 1.0  # seconds a timed-out query's 503 waits for the query to stop


class ThreadQueries:
    """Queries on a thread, for stores a worker process cannot open (in memory; a remote endpoint, which has its
    own limits): told to stop at ``sparql_timeout``, which they do between two rows; a query busy inside one step
    finishes in the background, holding one of the ``sparql_max_running`` slots (503 Busy when none is free)."""

    def __init__(self, store, settings):
        self.store, self.settings = store, settings
        self.slots = threading.BoundedSemaphore(settings.sparql_max_running)
        self._clients = _ClientCounts(settings.sparql_max_per_client)
        self.stopped: Counter[str] = Counter()

    async def start(self) -> None:
        pass

    async def run(self, client: str, text: str, accept: str | None, cap: int) -> Answer:
        settings = self.settings
        self._clients.enter(client)
        if not self.slots.acquire(blocking=False):
            self._clients.leave(client)
            raise ProblemError(503, f"{settings.sparql_max_running} queries are running already (some may be "
                                    "finishing after their time limit); try again shortly", title="Busy",
                               headers={"Retry-After": "1"})
        stop = threading.Event()
        try:
            # a remote endpoint is asked to give up (the connection closed) at the same limit
            options = {"timeout": settings.sparql_timeout} if getattr(self.store, "kind", None) == "sparql" else {}
            future = in_daemon_thread(lambda: answer(self.store, text, accept, cap, stop, **options), self.slots)
        except BaseException:
            self.slots.release()
            self._clients.leave(client)
            raise
        future.add_done_callback(lambda _: self._clients.leave(client))
        done, _ = await asyncio.wait({asyncio.wrap_future(future)}, timeout=settings.sparql_timeout)
        if done:
            return done.pop().result()
        stop.set()
        # Most queries stop when told, between two solutions; the 503 waits for that, briefly, so that a client's
        # next query does not find this one's slot still taken (it is released when the work really ends).
        done, _ = await asyncio.wait({asyncio.wrap_future(future)}, timeout=STOP_GRACE)
        for finished in done:
            finished.exception()  # (retrieved: the worker's error, if any, is not this answer's)
        self.stopped["timeout"] += 1
        raise ProblemError(503, f"query exceeded {settings.sparql_timeout:g} s", title="Query timeout")

    def status(self) -> dict:
        running = sum(self._clients.counts.values())
        return {"runner": "threads", "capacity": self.settings.sparql_max_running, "running": running, "waiting": 0,
                "stopped": dict(self.stopped)}

    def close(self) -> None:
        pass


def _drop_locals(exc: BaseException | None) -> None:
    """Free the locals of a worker's traceback in the worker: pyoxigraph's result iterators may only be dropped on
    the thread that made them."""
    while exc is not None:
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


def in_daemon_thread(work: Callable[[], Answer], slot: threading.BoundedSemaphore) -> concurrent.futures.Future:
    """Start ``work`` in a daemon thread (one that never holds up the process's exit) with a deep stack, and
    return its future; the thread releases ``slot`` (acquired by the caller) when the work really ends."""
    future: concurrent.futures.Future = concurrent.futures.Future()

    def run() -> None:
        future.set_running_or_notify_cancel()
        try:
            result = work()
        except BaseException as exc:  # handed to the waiting request, which re-raises it
            _drop_locals(exc)
            slot.release()
            future.set_exception(exc)
            return
        slot.release()  # before the answer is handed over: the client's next query must find the slot free
        future.set_result(result)

    start_deep_thread(run, "diplokg-sparql")
    return future
