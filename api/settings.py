"""Settings of the HTTP service, declared once with their help text (environment variables ``DIPLOKG_*``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Read from the environment (``DIPLOKG_STORE``, ``DIPLOKG_API_TOKEN`` …) or passed to ``create_app``."""

    model_config = SettingsConfigDict(env_prefix="DIPLOKG_", extra="ignore")

    store: str | Path | None = Field(
        None, description="Store directory, or the http(s) URL of a SPARQL 1.1 query endpoint (see docs/deploy.md); "
                          "default: the user data directory.")
    update_url: str | None = Field(
        None, description="SPARQL update endpoint of a store URL; default: the store URL with its final /query "
                          "replaced by /update.")
    api_token: SecretStr | None = Field(
        None, description="Bearer token that write requests (POST/DELETE /articles) must carry; unset: no writes.")
    sparql_timeout: float = Field(10.0, gt=0, description="Seconds a SPARQL query may run; then it is stopped (503).")
    sparql_max_results: int = Field(10_000, gt=0, description="Rows or triples a SPARQL answer may hold.")
    sparql_max_running: int = Field(
        4, gt=0, description="SPARQL queries that may run at once: on the embedded store, worker processes that "
                             "a query past a limit is stopped with (see docs/reliability.md).")
    sparql_max_per_client: int = Field(
        2, gt=0, description="SPARQL queries one client (address) may have running or waiting; beyond, 429.")
    sparql_queue_seconds: float = Field(
        2.0, ge=0, description="Seconds a SPARQL query may wait for a free worker; beyond, 503 Busy.")
    sparql_long_after: float = Field(
        0.5, gt=0, description="Seconds after which a SPARQL query counts as long: at most sparql_max_running - 1 "
                               "long queries run at once (one worker is kept for short ones), a long query runs "
                               "at a lower CPU priority, and its client waits behind others for a minute.")
    sparql_max_memory_mb: int = Field(
        2048, gt=0, description="Resident memory (MB) a SPARQL worker may reach; beyond, its query is stopped.")
    sparql_max_chars: int = Field(
        100_000, gt=0, description="Characters a SPARQL query may have (400 beyond, before it is parsed).")
    sparql_max_depth: int = Field(
        100, gt=0, description="How deep a SPARQL query may nest groups, parentheses and brackets (400 beyond, "
                               "before it is parsed: deeper nesting could overflow the engine's stack).")
    sparql_allow_service: bool = Field(False, description="Allow SERVICE (federated) clauses in SPARQL queries.")
    max_body_bytes: int = Field(5_000_000, gt=0, description="Largest request body accepted (413 beyond).")
    page_size: int = Field(100, gt=0, le=1000, description="Default page size of list endpoints.")
    max_page_size: int = Field(1000, gt=0, description="Largest page size a client may ask for.")
    warm: bool = Field(
        True, description="Build the dyad network in the background when the server starts, so that the first "
                          "graph question need not wait for it and an actor's events can be paged by date at once.")
    watch: list[str] = Field(
        default_factory=list, description="Feeds and GDELT update lists (URLs or files) the server watches in the "
                                          "background, as `diplokg watch` does; /health shows each one's last round.")
    watch_every: float = Field(900.0, gt=0, description="Seconds between two polls of a watched source.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS; empty: closed.")


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read once. Tests override the dependency or pass their own to create_app."""
    return Settings()
