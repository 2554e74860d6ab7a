"""Through the API: the first page of /events?actor=, and the events of /relations and /path, read from the dyad
network's first pages, are the events the store sorts — on a store of imports and articles, after POST and
DELETE /articles, on the embedded store and on both SPARQL servers."""

from __future__ import annotations

import time

from diplokg.graph import network_answers, network_rows
from diplokg.graph.queries import EventFilter, select_events
from diplokg.ingest import tallies
from diplokg.ingest.imports import import_files
from fastapi.testclient import TestClient

from tests.api.conftest import TOKEN
from tests.graph.test_first_pages import FIRST, PAGE, SECOND, _rows

AUTH = {"Authorization": f"Bearer {TOKEN}"}
POSTED = {"id": "posted", "title": "Talks", "published": "2023-01-10", "outlet": "Example", "url": None,
          "text": "China and Saudi Arabia signed an agreement on Monday. Iran and Saudi Arabia agreed on Friday "
                  "to restore ties."}


def _sorted_in_store(store, limit: int, **flt) -> list[str]:
    return [e["id"] for e in select_events(store, EventFilter(**flt), limit=limit)[0]]


def _same_answers(client, store) -> None:
    service = client.app.state.service
    for actor in ("CHN", "SAU", "IRN", "USA", "SYR"):
        assert service.first_keys(EventFilter(actor=actor), PAGE) is not None  # (the pages answer)
        for limit in (1, PAGE - 1):
            page = client.get("/events", params={"actor": actor, "limit": limit}).json()
            assert [e["id"] for e in page["items"]] == _sorted_in_store(store, limit, actor=actor), (actor, limit)
    for a, b in (("CHN", "SAU"), ("SAU", "IRN"), ("IRN", "SAU"), ("USA", "IRN")):
        rel = client.get("/relations", params={"source": a, "target": b}).json()
        both = _sorted_in_store(store, 50, source=a, target=b) + _sorted_in_store(store, 50, source=b, target=a)
        assert sorted(e["id"] for e in rel["events"]) == sorted(both), (a, b)
    hops = client.get("/path", params={"from": "CHN", "to": "IRN"}).json()["hops"]
    for hop in hops:
        both = (_sorted_in_store(store, 50, source=hop["source"], target=hop["target"])
                + _sorted_in_store(store, 50, source=hop["target"], target=hop["source"]))
        assert sorted(e["id"] for e in hop["events"]) == sorted(both)


def test_first_pages_through_the_api_after_post_and_delete(empty_store, tmp_path, coder, monkeypatch):
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings

    for module in (tallies, network_rows, network_answers):
        monkeypatch.setattr(module, "PAGE_KEYS", PAGE + 1)  # (a page of PAGE events and the key after it)
    store = empty_store
    files = [tmp_path / "first.export.CSV", tmp_path / "second.export.CSV"]
    files[0].write_text(_rows(3001, FIRST), encoding="utf-8")
    files[1].write_text(_rows(4001, SECOND), encoding="utf-8")
    import_files("gdelt", files, store)
    with TestClient(create_app(Settings(api_token=TOKEN), store=store)) as client:
        service = client.app.state.service
        service._coder = coder
        deadline = time.monotonic() + 60
        while service._network is None and time.monotonic() < deadline:  # (built as the server starts)
            time.sleep(0.05)
        _same_answers(client, store)
        assert client.post("/articles", json=POSTED, headers=AUTH).status_code == 201
        _same_answers(client, store)
        assert any(e["article"] == "posted" for e in client.get("/events", params={"actor": "IRN", "limit": 2})
                   .json()["items"])
        assert client.delete("/articles/posted", headers=AUTH).status_code == 200
        _same_answers(client, store)
