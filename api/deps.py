"""Typed dependencies: the state of the running service (store, network, coder) and request guards."""

from __future__ import annotations

import gc
import hmac
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated

from diplokg.api.errors import ProblemError
from diplokg.api.settings import Settings
from diplokg.graph.store import EventStore
from fastapi import Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

__all__ = ["Service", "get_service", "ServiceDep", "SettingsDep", "require_token", "only_params"]

_JSON = "json:"  # remembered answers' keys: the rendered JSON of a question (``Service.answer``)
_MISSING = object()  # nothing remembered (a remembered value may be None)


@dataclass
class Service:
    """What the app holds for its lifetime: one store, a lazily built network, a lazily loaded coder."""

    settings: Settings
    store: EventStore
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _network: object | None = None
    _event_network: object | None = None
    _coder: object | None = None
    _figures: dict | None = None
    _figures_lock: threading.Lock = field(default_factory=threading.Lock)
    _generation: int = 0  # writes seen: figures counted across a write are not kept
    event_keys: dict = field(default_factory=dict)  # ordered event keys per /events filter, until the next write
    cached: OrderedDict = field(default_factory=OrderedDict)  # answers only a write changes, most recent last
    cache_size: int = 1024
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)
    sparql: object = field(init=False)  # where /sparql queries run (diplokg.api.sparql_pool)
    watcher: object | None = None  # the sources watched in the background (diplokg.ingest.watch), if any

    def __post_init__(self) -> None:
        from diplokg.api.sparql_pool import query_runner

        self.sparql = query_runner(self.store, self.settings, lambda: self._generation)  # (writes seen)

    def remember(self, key: str, compute):
        """``compute()`` once, then its value until the next write: the hot questions are answered from memory,
        the least recently asked forgotten beyond ``cache_size``. An error is not remembered."""
        found = self._recall(key)
        if found is not _MISSING:
            return found
        value = compute()
        with self._cache_lock:
            self.cached[key] = value
            while len(self.cached) > self.cache_size:
                self.cached.popitem(last=False)
        return value

    def answer(self, key: str, compute) -> Response:
        """:meth:`remember` the JSON body of ``compute()``'s value, rendered once: a hot question is then a
        dictionary lookup, with no validation or encoding of the answer per request."""
        body = self.remember(_JSON + key, lambda: JSONResponse(jsonable_encoder(compute())).body)
        return Response(body, media_type="application/json")

    async def respond(self, key: str, compute) -> Response:
        """:meth:`answer` for an ``async`` route: a remembered answer is sent from the event loop, with no hop to a
        worker thread and back (that hop cost more than the rest of a hot request); ``compute`` runs in one."""
        body = self._recall(_JSON + key)
        if body is not _MISSING:
            return Response(body, media_type="application/json")
        return await run_in_threadpool(self.answer, key, compute)

    def _recall(self, key: str):
        """The value remembered under ``key`` (now the most recently asked), else ``_MISSING``."""
        with self._cache_lock:
            if key not in self.cached:
                return _MISSING
            self.cached.move_to_end(key)
            return self.cached[key]

    def figures(self) -> dict:
        """Counts for /health, cached until the next write; counted once however many ask at the same time (the
        server's warm-up and the first /health), and never kept when a write came in while counting."""
        figures = self._figures
        if figures is not None:
            return figures
        with self._figures_lock:
            if self._figures is not None:
                return self._figures
            from diplokg.graph.queries import PREFIXES
            from diplokg.graph.sparql_rows import ARTICLE_NODES, EVENTS

            def count(where: str, var: str = "?x") -> int:
                rows = list(self.store.select(PREFIXES + f"SELECT (COUNT(DISTINCT {var}) AS ?n) WHERE {{ {where} }}"))
                return int(rows[0]["n"])

            generation = self._generation
            figures = {
                "triples": self.store.count_quads(),
                "events": count(EVENTS),  # (imported ones no rdf:type; in the default graph no modality either)
                # (only events have dk:source/dk:target: two index scans, 12x faster than joining sem:Event)
                "actors": count("{ ?e dk:source ?x } UNION { ?e dk:target ?x }"),
                "articles": count(ARTICLE_NODES, "?a"),
            }
            if generation == self._generation:
                self._figures = figures
            return figures

    async def current_figures(self) -> dict:
        """:meth:`figures` for an ``async`` route: counted in a worker thread only when not already known."""
        figures = self._figures
        return figures if figures is not None else await run_in_threadpool(self.figures)

    def changed(self, article: str | None = None) -> None:
        """After a write (under ``write_lock``): figures and remembered answers are dropped; the networks take
        the one article in or out (the dyad network recounts its dyads), or are rebuilt on next use when no
        article is named or the change cannot be followed."""
        self._generation += 1
        self._figures = None
        self.event_keys.clear()
        with self._cache_lock:
            self.cached.clear()
        for name in ("_network", "_event_network"):
            net = getattr(self, name)
            if net is None:
                continue
            if article is None:
                setattr(self, name, None)
                continue
            try:
                net.refresh_article(self.store, article)
            except LookupError:
                setattr(self, name, None)

    def _build(self, name: str, aggregate: bool):
        if getattr(self, name) is None:
            from diplokg.graph.network import EventNetwork

            with self.write_lock:
                if getattr(self, name) is None:
                    setattr(self, name, EventNetwork.from_store(self.store, aggregate=aggregate))
                    # the network's million objects live as long as the service: out of the collector's sight, a
                    # full collection no longer walks them (100-200 ms at 1M events, in some cold answer)
                    gc.freeze()
        return getattr(self, name)

    def warm(self) -> threading.Thread:
        """Build the dyad network (and read what its first answers need), then count the figures of /health, in a
        background thread (see
        ``Settings.warm``); a failure is only logged:
        the first graph question then builds it, or reports why it cannot."""

        def build() -> None:
            log = logging.getLogger("diplokg.api")
            try:
                started = time.perf_counter()
                net = self._build("_network", aggregate=True)
                log.info("dyad network ready: %d dyads of %d actors in %.1f s", len(net.dyads),
                         net.graph.number_of_nodes(), time.perf_counter() - started)
                from diplokg.graph.model import codebook

                codebook()  # what the first answers would otherwise read first: the CAMEO codebook (~0.1 s at
                net._projection()  # 1M events) and the undirected projection neighbours and paths walk (~0.1 s)
                gc.freeze()
                self.figures()
            except Exception as exc:  # the store closed under it, a remote store gone: the next question retries
                log.warning("warming the dyad network failed: %s", exc)

        thread = threading.Thread(target=build, name="diplokg-warm", daemon=True)
        thread.start()
        return thread

    def span(self, a: str | None, b: str | None = None):
        """The dyad network's :class:`~diplokg.graph.queries.Span` of actor ``a`` (or the dyad a → b), if the
        network is built — never waits for it; None otherwise."""
        net = self._network
        return net.span(a, b) if net is not None and a else None

    def first_keys(self, flt, n: int) -> list[str] | None:
        """The sort keys of the first ``n`` events of an ``/events`` filter on actors alone (an actor, a source, a
        target, a dyad; asserted events), from the first pages of the dyad network if it is built — never waits
        for it; None otherwise (``select_events`` then finds them in the store)."""
        net, generation = self._network, self._generation
        others = ("code", "root", "quad", "since", "until", "article", "about", "min_confidence", "ids")
        if net is None or flt.modalities != ("asserted",) or any(getattr(flt, f) is not None for f in others):
            return None
        if self.write_lock.locked():  # a write under way: its dyads' pages may be half recounted
            return None
        keys = net.first_keys(n, actor=flt.actor, source=flt.source, target=flt.target)
        return keys if generation == self._generation and not self.write_lock.locked() else None

    @property
    def network(self):
        """The dyad network for graph questions (relations, neighbours, paths, centrality, communities): events
        counted in the store per dyad and CAMEO code, so its size follows the dyads, not the events. Built on
        first use, kept current by writes."""
        return self._build("_network", aggregate=True)

    @property
    def event_network(self):
        """One edge per event, for what needs each event's own attributes: the graph page's filters."""
        return self._build("_event_network", aggregate=False)

    def watch(self) -> threading.Thread | None:
        """Watch ``settings.watch`` in a background thread (see :class:`~diplokg.ingest.watch.Watcher`), writing
        under the write lock; each round is logged, and kept for /health. None when nothing is to be watched."""
        if not self.settings.watch:
            return None
        from diplokg.ingest.watch import Watcher

        log = logging.getLogger("diplokg.watch")

        def logged(done) -> None:
            log.info("%s", done.line())
            for error in done.polled.errors:
                log.warning("  %s %s", "cannot read" if done.polled.failed else "skipped", error)

        self.watcher = Watcher(self.settings.watch, self.store, every=self.settings.watch_every,
                               coder=lambda: self.coder, lock=self.write_lock, changed=self.changed, on_round=logged)
        thread = threading.Thread(target=self.watcher.run, name="diplokg-watch", daemon=True)
        thread.start()
        return thread

    @property
    def coder(self):
        if self._coder is None:
            from diplokg.ingest.coder import Coder

            self._coder = Coder()
        return self._coder


async def get_service(request: Request) -> Service:  # (async: no I/O, so no worker thread)
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(get_service)]


async def get_app_settings(request: Request) -> Settings:
    return request.app.state.service.settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


async def require_token(request: Request, service: ServiceDep) -> None:
    """Writes need ``Authorization: Bearer <DIPLOKG_API_TOKEN>``; a token in the query string is refused."""
    expected = service.settings.api_token
    if expected is None or not expected.get_secret_value():
        raise ProblemError(403, "writes are disabled: start the server with DIPLOKG_API_TOKEN set, then send "
                                "'Authorization: Bearer <token>'")
    if any(k.lower() in ("token", "api_token", "access_token") for k in request.query_params):
        raise ProblemError(400, "send the token in the Authorization header, never in the query string")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ProblemError(401, "missing 'Authorization: Bearer <token>' header", title="Unauthorized")
    if not hmac.compare_digest(given.strip().encode(), expected.get_secret_value().encode()):
        raise ProblemError(403, "wrong token")


def only_params(*allowed: str) -> Callable[[Request], Awaitable[None]]:
    """A dependency refusing query parameters a route does not know (a typo must not be silently ignored)."""

    async def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise ProblemError(400, f"unknown query parameter(s): {', '.join(unknown)}; "
                                    f"this endpoint takes: {', '.join(allowed) or 'none'}")

    return check
