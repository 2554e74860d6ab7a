"""``/sparql`` worker processes: each opens the embedded store read-only and answers one query at a time.

:class:`diplokg.api.sparql_pool.QueryPool` starts this module as a **fork server**
(``python -m diplokg.api.sparql_worker FD``): a single-threaded process that has imported everything a worker
needs, and forks a worker on each request over its control socket (``FD``): the pool sends the generation to
open the store at (8 bytes), the fork server answers the worker's pid (4 bytes) with the pool's end of a new
socket pair attached (``SCM_RIGHTS``). A fork is ~20 ms where a new interpreter takes ~1 s, and nothing of the
server's own process (its threads, its ``__main__``) is copied or re-run.

A worker speaks over its socket: the pool sends ``(query, accept, cap, generation)``, the worker answers
``("ok", body, media_type, truncated)`` or ``("problem", status, detail, title, extra)``. The pool kills it when a
query passes a limit; the worker never needs to stop a query itself. A read-only store is a snapshot: when the
pool's ``generation`` (writes seen by the server) changes, the worker opens the store again before answering.
Workers die with the fork server, and the fork server with the server (``PR_SET_PDEATHSIG``, and the end of its
control socket).
"""

from __future__ import annotations

import os
import signal
import socket
import struct
import sys
import threading
from multiprocessing.connection import Connection

from diplokg.api.errors import ProblemError
from diplokg.api.sparql_answer import answer
from diplokg.errors import DiplokgError
from diplokg.graph.query_guard import start_deep_thread
from diplokg.graph.store import EventStore

__all__ = ["fork_server", "serve"]

_NEVER = threading.Event()  # a worker's query is stopped by killing the process, not by this


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent ends (a worker's is the fork server, the fork server's the
    server)."""
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


def _receive(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return b""
        data += chunk
    return data


def fork_server(control: socket.socket, path: str) -> None:
    """Fork a worker for each request on ``control`` until it closes (see the module's documentation)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # ended workers are reaped by the kernel: no zombies
    while True:
        request = _receive(control, 8)
        if not request:
            return
        (generation,) = struct.unpack("!q", request)
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                control.close()
                theirs.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                serve(Connection(ours.detach()), path, generation)
            except BaseException:  # a worker's failure is the pool's to see (its socket closes)
                code = 1
            finally:
                os._exit(code)
        ours.close()
        socket.send_fds(control, [struct.pack("!i", pid)], [theirs.fileno()])
        theirs.close()


if __name__ == "__main__":
    fork_server(socket.socket(fileno=int(sys.argv[1])), sys.argv[2])
