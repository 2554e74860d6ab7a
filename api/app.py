"""The app factory: ``create_app(settings)`` builds the FastAPI service; nothing happens at import time."""

from __future__ import annotations

from contextlib import asynccontextmanager

from diplokg import __version__
from diplokg.api.deps import Service
from diplokg.api.errors import install_error_handlers, problem, problem_responses
from diplokg.api.settings import Settings, get_settings
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["create_app"]

DESCRIPTION = """\
diplokg serves a knowledge graph of diplomatic events coded from news articles (CAMEO codes, QuadClass,
Goldstein scale), with the evidence sentence of every event. Ask for an actor's events, the relations of a dyad,
the path between two actors, who is most central; query the RDF with SPARQL; export it for other tools.

Actor codes: ISO 3166-1 alpha-3 for states (CHN, SYR, SAU …), UN, UNSC, EU, NATO, BRI, WST (the West),
`<ISO3>OPP` for a state's opposition. Persons' events count for the state they represent.
"""


class BodyLimit:
    """Refuses a request whose Content-Length is over ``max_bytes`` with 413 before reading it. A plain ASGI
    middleware: Starlette's ``BaseHTTPMiddleware`` would relay every response through a task and a stream, which
    cost a hot answer more than the answer itself."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = Headers(scope=scope).get("content-length")
            if length and length.isdigit() and int(length) > self.max_bytes:
                response = problem(413, f"request body over {self.max_bytes} bytes", instance=scope["path"])
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """Answers HEAD wherever GET answers, with the GET's status and headers and no body: FastAPI's GET routes
    refuse HEAD (405), which load balancers and uptime checks send. The request goes on as a GET; what it sends
    back loses its body. A plain ASGI middleware like BodyLimit: any other request costs one comparison."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message) -> None:
            if message["type"] in ("http.response.body", "http.response.pathsend"):
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def create_app(settings: Settings | None = None, *, store=None) -> FastAPI:
    """Build the service. ``store`` (an open EventStore or RemoteStore) is for tests and embedding; by default the app opens the
    store named by the settings when it starts and closes it when it stops."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        own = store is None
        if own:
            from diplokg.graph.store import open_store

            opened = open_store(settings.store or None, update_url=settings.update_url)
        else:
            opened = store
        from diplokg.ingest.pipeline import ensure_reference

        ensure_reference(opened)
        service = app.state.service = Service(settings=settings, store=opened)
        await service.sparql.start()
        warming = service.warm() if settings.warm else None
        watching = service.watch()
        try:
            yield
        finally:
            if watching is not None:  # the item under way is finished before the store closes
                service.watcher.stop()
                watching.join()
            service.sparql.close()
            if warming is not None:
                warming.join()  # the store must not close under the build
            if own:
                opened.close()

    # Every route may answer these (unknown parameters, an oversized body, invalid values, the store failing).
    app = FastAPI(title="diplokg", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  responses=problem_responses(400, 413, 422, 503))
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(HeadAsGet)

    from diplokg.api.routers import actors, articles, events, export, graph_page, health, network, sparql

    for module in (health, actors, events, network, articles, sparql, export, graph_page):
        app.include_router(module.router)
    return app
