"""Typed dependencies: the state of the running service (store, network, coder) and request guards."""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from diplokg.api.errors import ProblemError
from diplokg.api.settings import Settings
from diplokg.graph.store import EventStore
from fastapi import Depends, Request

__all__ = ["Service", "get_service", "ServiceDep", "SettingsDep", "require_token", "only_params"]


@dataclass
class Service:
    """What the app holds for its lifetime: one store, a lazily built network, a lazily loaded coder."""

    settings: Settings
    store: EventStore
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _network: object | None = None
    _coder: object | None = None
    _figures: dict | None = None
    event_keys: dict = field(default_factory=dict)  # ordered event keys per /events filter, until the next write
    cached: dict = field(default_factory=dict)  # other answers that only a write changes (events per actor …)
    sparql_slots: threading.BoundedSemaphore = field(init=False)  # running SPARQL queries, stragglers included

    def __post_init__(self) -> None:
        self.sparql_slots = threading.BoundedSemaphore(self.settings.sparql_max_running)

    def remember(self, key: str, compute):
        """``compute()`` once, then its value until the next write."""
        if key not in self.cached:
            self.cached[key] = compute()
        return self.cached[key]

    def figures(self) -> dict:
        """Counts for /health, cached until the next write."""
        if self._figures is None:
            from diplokg.graph.queries import PREFIXES

            def count(where: str) -> int:
                rows = list(self.store.select(PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}"))
                return int(rows[0]["n"])

            self._figures = {
                "triples": self.store.count_quads(),
                "events": count("?x a sem:Event"),
                "actors": count("?e a sem:Event . { ?e dk:source ?x } UNION { ?e dk:target ?x }"),
                "articles": count("?x a schema:NewsArticle"),
            }
        return self._figures

    def changed(self, article: str | None = None) -> None:
        """After a write (under ``write_lock``): figures are recounted on next use; the network takes the one
        article's events in or out, or is rebuilt on next use when no article is named."""
        self._figures = None
        self.event_keys.clear()
        self.cached.clear()
        if self._network is not None and article is not None:
            self._network.refresh_article(self.store, article)
        else:
            self._network = None

    @property
    def network(self):
        """The networkx working graph, built from the store on first use and kept current by writes."""
        if self._network is None:
            from diplokg.graph.network import EventNetwork

            with self.write_lock:
                if self._network is None:
                    self._network = EventNetwork.from_store(self.store)
        return self._network

    @property
    def coder(self):
        if self._coder is None:
            from diplokg.ingest.coder import Coder

            self._coder = Coder()
        return self._coder


def get_service(request: Request) -> Service:
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(get_service)]


def get_app_settings(request: Request) -> Settings:
    return request.app.state.service.settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def require_token(request: Request, service: ServiceDep) -> None:
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


def only_params(*allowed: str) -> Callable[[Request], None]:
    """A dependency refusing query parameters a route does not know (a typo must not be silently ignored)."""

    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise ProblemError(400, f"unknown query parameter(s): {', '.join(unknown)}; "
                                    f"this endpoint takes: {', '.join(allowed) or 'none'}")

    return check
