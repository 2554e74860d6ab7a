"""A ``/sparql`` worker process: it opens the embedded store read-only and answers one query at a time.

Started by :class:`diplokg.api.sparql_pool.QueryPool` (from a fork server that has imported this module), it
speaks over one pipe: the pool sends ``(query, accept, cap, generation)``, the worker answers ``("ok", body,
media_type, truncated)`` or ``("problem", status, detail, title, extra)``. The pool kills it when a query passes a
limit; the worker never needs to stop a query itself. A read-only store is a snapshot: when the pool's
``generation`` (writes seen by the server) changes, the worker opens the store again before answering.
"""

from __future__ import annotations

import os
import signal
import threading
from multiprocessing.connection import Connection

from diplokg.api.errors import ProblemError
from diplokg.api.sparql_answer import answer
from diplokg.errors import DiplokgError
from diplokg.graph.query_guard import start_deep_thread
from diplokg.graph.store import EventStore

__all__ = ["serve"]

_NEVER = threading.Event()  # a worker's query is stopped by killing the process, not by this


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent (the fork server, which ends with the server) ends."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def serve(conn: Connection, path: str, generation: int) -> None:
    """The worker's life: open the store (which holds at least the writes of ``generation``), say ``("ready",
    pid)``, answer jobs until the pipe closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it stops the workers
    thread = start_deep_thread(lambda: _loop(conn, path, generation), "diplokg-sparql-worker")
    thread.join()


def _loop(conn: Connection, path: str, generation: int) -> None:
    try:
        store = EventStore(path, read_only=True)
    except DiplokgError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            text, accept, cap, wanted = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if wanted != generation:
                store.close()
                store = EventStore(path, read_only=True)
                generation = wanted
            found = answer(store, text, accept, cap, _NEVER)
            reply = ("ok", found.body, found.media_type, found.truncated)
        except ProblemError as exc:
            reply = ("problem", exc.status, exc.detail, exc.title, exc.extra)
        except DiplokgError as exc:
            reply = ("problem", exc.status, str(exc), None, {})
        conn.send(reply)
