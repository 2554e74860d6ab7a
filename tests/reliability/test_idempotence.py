"""Idempotence: re-ingesting any article adds zero triples; retracting it (``EventStore.remove_graph`` or the
API's DELETE /articles/{id}) removes exactly what it added — the store is quad for quad as it was before."""

from __future__ import annotations

from pathlib import Path

import pytest

GOLD = Path(__file__).parents[1] / "data" / "gold"
TOKEN = "idem-token-0123456789"


def nquads(store) -> set[str]:
    return set(store.export("nquads").decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def articles(synthetic):
    from diplokg.ingest.evaluate import load_gold
    from diplokg.ingest.readers.jsonl import record_to_article

    gold = [g.article for g in load_gold([GOLD / "seed", GOLD / "dev"])]
    made = [record_to_article(r, source=r["id"]) for r in synthetic.articles(12, seed=5, prefix="idem")]
    return gold + made


def test_reingest_adds_nothing_and_retracting_removes_exactly_it(tmp_path, coder, articles, figures):
    """Each article onto a store holding all the others: ingesting it twice changes nothing the second time;
    removing its graph gives back the store it was added to, quad for quad — shared actors, relations and
    reference data stay."""
    from diplokg.graph.model import article_graph
    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ingest_articles

    store = EventStore(tmp_path / "store")
    first = ingest_articles(articles, store, coder=coder)
    assert first.articles == len(articles) and first.events > len(articles)
    full = nquads(store)
    again = ingest_articles(articles, store, coder=coder)
    assert (again.articles, again.skipped) == (0, len(articles)) and nquads(store) == full
    added_total = 0
    for article in articles:
        graph = article_graph(article.key)
        own = {q for q in full if q.endswith(f"<{graph}> .")}
        assert own, article.key
        store.remove_graph(graph)
        without = nquads(store)
        assert without == full - own, article.key  # exactly its quads, nothing else
        readd = ingest_articles([article], store, coder=coder)
        assert readd.articles == 1
        assert ingest_articles([article], store, coder=coder).skipped == 1
        after = nquads(store)
        # the same quads again, but for the ingest activity's two clock times
        clock = ("http://www.w3.org/ns/prov#startedAtTime", "http://www.w3.org/ns/prov#endedAtTime")
        assert {q for q in after if not any(c in q for c in clock)} == {q for q in full if not any(c in q for c in clock)}
        full = after
        added_total += len(own)
    store.close()
    figures["idempotence"] = {"articles": len(articles), "events": first.events, "reingest_added_quads": 0,
                              "quads_retracted_and_restored": added_total, "failures": 0}


def test_api_delete_removes_exactly_what_post_added(tmp_path, coder, articles, figures):
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings
    from diplokg.graph.store import EventStore
    from fastapi.testclient import TestClient

    store = EventStore(tmp_path / "store")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    checked = 0
    with TestClient(create_app(Settings(api_token=TOKEN), store=store), raise_server_exceptions=False) as client:
        client.app.state.service._coder = coder
        for article in articles[::3]:
            before = nquads(store)
            record = {"id": article.key, "title": article.title, "text": article.text,
                      "published": article.published.isoformat() if article.published else None}
            assert client.post("/articles", json=record, headers=auth).status_code == 201
            added = nquads(store) - before
            assert added and not (before - nquads(store))
            assert client.post("/articles", json=record, headers=auth).status_code == 200
            assert len(nquads(store)) == len(before) + len(added)  # the second POST added nothing
            deleted = client.delete(f"/articles/{article.key}", headers=auth)
            assert deleted.status_code == 200 and deleted.json()["removed_quads"] == len(added)
            assert nquads(store) == before
            checked += 1
    store.close()
    figures["idempotence_api"] = {"articles": checked, "failures": 0}
