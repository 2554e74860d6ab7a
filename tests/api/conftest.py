"""API fixtures: one store with the seed and dev articles for the session, and a TestClient over it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

GOLD = Path(__file__).parents[1] / "data" / "gold"
TOKEN = "test-token-0123456789"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, coder):
    from diplokg.graph.store import EventStore
    from diplokg.ingest.evaluate import load_gold
    from diplokg.ingest.pipeline import ingest_articles

    store = EventStore(tmp_path_factory.mktemp("api") / "store")
    gold = load_gold([GOLD / "seed", GOLD / "dev"])
    report = ingest_articles([g.article for g in gold], store, coder=coder)
    assert report.articles == 13
    yield store
    store.close()


@pytest.fixture(scope="session")
def store(tmp_path_factory, coder):
    """The seed article alone, for the SPARQL and export tests (read only)."""
    from diplokg.graph.store import EventStore
    from diplokg.ingest.evaluate import load_gold
    from diplokg.ingest.pipeline import ingest_articles

    store = EventStore(tmp_path_factory.mktemp("seed-api") / "store")
    report = ingest_articles([g.article for g in load_gold([GOLD / "seed"])], store, coder=coder)
    assert report.articles == 1
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(corpus_store):
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings

    app = create_app(Settings(api_token=TOKEN), store=corpus_store)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def write_client(tmp_path, coder):
    """A client over a store of its own, for tests that write."""
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings
    from diplokg.graph.store import EventStore
    from diplokg.ingest.evaluate import load_gold
    from diplokg.ingest.pipeline import ingest_articles

    store = EventStore(tmp_path / "store")
    ingest_articles([g.article for g in load_gold([GOLD / "seed"])], store, coder=coder)
    app = create_app(Settings(api_token=TOKEN), store=store)
    app.state_store = store
    with TestClient(app, raise_server_exceptions=False) as test_client:
        test_client.app.state.service._coder = coder
        yield test_client
    store.close()


@pytest.fixture(scope="session")
def get_accepting():
    """``get(client, path, accept, params=None)``: GET with exactly that Accept header (None: none at all)."""

    def get(client, path: str, accept: str | None, params: dict | None = None):
        request = client.build_request("GET", path, params=params)
        if accept is None:
            del request.headers["accept"]
        else:
            request.headers["accept"] = accept
        return client.send(request)

    return get
