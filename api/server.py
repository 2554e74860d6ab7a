"""Running the service: :func:`serve` takes its address and starts the app (which opens the store) before it says
it is serving, so that a busy port or a locked store is a typed error, not a banner followed by tracebacks."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from contextlib import AsyncExitStack

import uvicorn
from diplokg.errors import PortInUse, UsageError
from starlette.applications import Starlette

__all__ = ["listen", "serve"]

BACKLOG = 2048  # uvicorn's default


def listen(host: str, port: int) -> list[socket.socket]:
    """Sockets listening on every address of ``host`` (``localhost``: 127.0.0.1 and ::1), as asyncio would open
    them; port 0 picks a free port, the same for all. :class:`PortInUse` if another process listens there,
    :class:`UsageError` if the address cannot be had at all (unknown host, a port below 1024 without the right).

    >>> [sock] = listen("127.0.0.1", 0)
    >>> listen("127.0.0.1", sock.getsockname()[1])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    diplokg.errors.PortInUse: 127.0.0.1:... is in use by another process
    >>> sock.close()
    """
    try:
        found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on {host}: {exc.strerror}") from exc
    sockets: list[socket.socket] = []
    try:
        for family, kind, proto, _, address in dict.fromkeys(found):
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind((address[0], port, *address[2:]))
            sock.listen(BACKLOG)
            port = sock.getsockname()[1]
    except OSError as exc:
        for sock in sockets:
            sock.close()
        where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(f"{where} is in use by another process") from exc
        raise UsageError(f"cannot listen on {where}: {exc.strerror or exc}") from exc
    return sockets


class _Server(uvicorn.Server):
    """uvicorn's server, the app's lifespan run here rather than by uvicorn (``lifespan="off"``): a start-up
    failure (a locked store) is then an exception out of :meth:`run`, not a traceback uvicorn logs before it
    exits; ``ready`` is called once the app has started and the server accepts requests."""

    def __init__(self, config: uvicorn.Config, app: Starlette, ready: Callable[[], None]):
        super().__init__(config)
        self._app, self._ready, self._running = app, ready, AsyncExitStack()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        state = await self._running.enter_async_context(self._app.router.lifespan_context(self._app))
        if state:
            self.lifespan.state.update(state)
        try:
            await super().startup(sockets=sockets)
        except BaseException:
            await self._running.aclose()
            raise
        if self.started and not self.should_exit:
            self._ready()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        await super().shutdown(sockets=sockets)
        if not self.force_exit:  # as uvicorn: a second Ctrl-C skips the app's shutdown
            await self._running.aclose()


def serve(app: Starlette, host: str = "127.0.0.1", port: int = 8000, *,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve the FastAPI ``app`` on ``host``:``port`` until SIGINT or SIGTERM. It listens first
    (:class:`PortInUse`), then starts the app, whose lifespan opens the store (:class:`StoreLocked` …), and only
    then calls ``ready`` with the base URL; either failure is raised before anything is served or announced."""
    sockets = listen(host, port)
    port = sockets[0].getsockname()[1]
    base = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    config = uvicorn.Config(app, lifespan="off", log_level="warning")

    def started() -> None:
        if ready is not None:
            ready(base)

    try:
        _Server(config, app, started).run(sockets=sockets)
    finally:
        for sock in sockets:
            sock.close()
