"""Articles over HTTP: reading, and writes guarded by the bearer token; DELETE removes exactly what POST added."""

from __future__ import annotations

import pytest

TOKEN = "test-token-0123456789"  # as in conftest.py
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"id": "api-test-1", "title": "Summit", "published": "2023-03-10", "outlet": "Test",
           "url": "https://example.org/a", "text": "Saudi Arabia and Iran agreed on Friday to restore ties."}


def test_list_and_read_articles(client):
    page = client.get("/articles").json()
    assert page["total"] == 13
    one = client.get("/articles/dw-2023-09-22-china-syria-partnership").json()
    assert one["title"].startswith("China, Syria") and one["events"] and "Xi Jinping" in one["text"]
    assert client.get("/articles/nope").status_code == 404


def test_writes_need_the_token(write_client):
    assert write_client.post("/articles", json=ARTICLE).status_code == 401
    assert write_client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}).status_code == 403
    in_query = write_client.post("/articles", json=ARTICLE, params={"token": TOKEN})
    assert in_query.status_code in (400, 401)
    assert write_client.delete("/articles/dw-2023-09-22-china-syria-partnership").status_code == 401


def test_writes_disabled_without_a_configured_token(tmp_path):
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings
    from diplokg.graph.store import EventStore
    from fastapi.testclient import TestClient

    with TestClient(create_app(Settings(api_token=None), store=EventStore(tmp_path / "s"))) as c:
        response = c.post("/articles", json=ARTICLE, headers=AUTH)
        assert response.status_code == 403 and "DIPLOKG_API_TOKEN" in response.json()["detail"]


def test_post_then_delete_restores_the_store(write_client):
    store = write_client.app.state.service.store
    before = store.count_quads()
    response = write_client.post("/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 201
    body = response.json()
    assert body["created"] and {(e["source"]["code"], e["target"]["code"]) for e in body["events"]} & {
        ("SAU", "IRN"), ("IRN", "SAU")}
    listed = write_client.get("/events", params={"article": "api-test-1"}).json()["items"]
    assert [e["id"] for e in listed] == [e["id"] for e in body["events"]]
    assert write_client.post("/articles", json=ARTICLE, headers=AUTH).status_code == 200  # idempotent
    assert write_client.get("/health").json()["articles"] == 2
    deleted = write_client.delete("/articles/api-test-1", headers=AUTH)
    assert deleted.status_code == 200 and deleted.json()["removed_quads"] > 0
    assert store.count_quads() == before
    assert write_client.get("/events", params={"article": "api-test-1"}).json()["items"] == []
    assert write_client.delete("/articles/api-test-1", headers=AUTH).status_code == 404


def test_post_text_and_html(write_client):
    text = write_client.post("/articles", content="Japan and South Korea signed a pact on Monday.",
                             headers=AUTH | {"Content-Type": "text/plain"})
    assert text.status_code == 201 and text.json()["events"]
    html = ("<html><head><title>Ties</title></head><body><article><h1>Ties</h1><p>Egypt and Jordan signed a trade "
            "agreement on Monday after talks in Cairo between their foreign ministers.</p></article></body></html>")
    got = write_client.post("/articles", content=html, headers=AUTH | {"Content-Type": "text/html"})
    assert got.status_code == 201
    bad = write_client.post("/articles", content=b"\x00\x01", headers=AUTH | {"Content-Type": "application/pdf"})
    assert bad.status_code == 415 and bad.headers["content-type"] == "application/problem+json"
    broken = write_client.post("/articles", content="{not json", headers=AUTH | {"Content-Type": "application/json"})
    assert broken.status_code == 400


def test_oversized_body_is_413(write_client):
    big = "x" * (write_client.app.state.service.settings.max_body_bytes + 1)
    response = write_client.post("/articles", content=big, headers=AUTH | {"Content-Type": "text/plain"})
    assert response.status_code == 413


def test_graph_answers_follow_writes(write_client):
    """The networkx graph takes a posted article in and a deleted one out, without a rebuild."""
    net_before = write_client.get("/relations", params={"source": "EGY"})
    assert net_before.status_code == 404  # no Egyptian events yet
    article = {"id": "api-test-2", "published": "2021-05-21",
               "text": "Egypt brokered a ceasefire between Israel and Hamas on Friday."}
    assert write_client.post("/articles", json=article, headers=AUTH).status_code == 201
    rel = write_client.get("/relations", params={"source": "EGY", "target": "ISR"}).json()
    assert rel["outgoing"]["events"] >= 1 and rel["events"][0]["evidence"]
    assert write_client.delete("/articles/api-test-2", headers=AUTH).status_code == 200
    assert write_client.get("/relations", params={"source": "EGY"}).status_code == 404


def test_a_second_report_of_an_event_adds_a_source_not_an_event(write_client):
    first = dict(ARTICLE, id="api-merge-1", text="Saudi Arabia and Iran signed an agreement on Friday.")
    second = dict(ARTICLE, id="api-merge-2", text="Iran and Saudi Arabia signed an agreement on Friday in Beijing.")
    try:
        for art in (first, second):
            assert write_client.post("/articles", json=art, headers=AUTH).status_code == 201
        items = write_client.get("/events", params={"actor": "IRN", "code": "057"}).json()["items"]
        (event,) = [e for e in items if e["date"] == "2023-03-10"]
        assert event["sources"] == 2 and event["articles"] == ["api-merge-1", "api-merge-2"]
        assert event["mentions"] == 2
        relations = write_client.get("/relations", params={"source": "SAU", "target": "IRN"}).json()
        assert [e["sources"] for e in relations["events"] if e["id"] == event["id"]] == [2]
        write_client.delete("/articles/api-merge-1", headers=AUTH)
        (event,) = [e for e in write_client.get("/events", params={"actor": "IRN", "code": "057"}).json()["items"]
                    if e["date"] == "2023-03-10"]
        assert event["sources"] == 1 and event["articles"] == ["api-merge-2"]
    finally:
        for art in (first, second):
            write_client.delete(f"/articles/{art['id']}", headers=AUTH)


# -- issue 15: text a store can hold, ids every endpoint can address -----------------------------------------

def _refused(response) -> None:
    assert response.status_code in (400, 422), response.text
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("body", [
    '{"id":"s","text":"China and Russia \\ud800 signed an agreement."}',
    '{"id":"s","title":"\\ud800","text":"China and Russia signed an agreement."}',
    '{"id":"s\\ud800","text":"China and Russia signed an agreement."}',
    '{"text":"China and Russia \\udfff signed an agreement."}',  # no id: the key hashed the text (500)
    '{"id":"n","text":"China and Russia \\u0000 signed an agreement."}',
])
def test_a_lone_surrogate_or_a_control_character_is_refused_and_changes_nothing(write_client, body):
    """JSON ``\\ud800`` escapes decode into lone surrogates, which answered 500 (UTF-8 cannot encode them)."""
    store = write_client.app.state.service.store
    before = store.count_quads()
    response = write_client.post("/articles", content=body.encode(), headers=AUTH | {"Content-Type": "application/json"})
    _refused(response)
    assert "surrogate" in response.json()["detail"] or "U+0000" in response.json()["detail"]
    assert store.count_quads() == before


def test_a_control_character_in_a_text_body_is_refused(write_client):
    response = write_client.post("/articles", content="China and Russia \x01 signed an agreement.",
                                 headers=AUTH | {"Content-Type": "text/plain"})
    _refused(response)


@pytest.mark.parametrize("article_id", ["a/b c", "../../etc/passwd", "</script>", "x" * 301, "a b", "a%2Fb"])
def test_an_id_get_and_delete_could_not_address_is_refused(write_client, article_id):
    """These were stored (201) but GET and DELETE /articles/{id} could not reach them (404/422): the article could
    never be retracted. ``a b`` and ``a_b`` also shared one graph IRI."""
    store = write_client.app.state.service.store
    before = store.count_quads()
    response = write_client.post("/articles", json=dict(ARTICLE, id=article_id), headers=AUTH)
    _refused(response)
    assert "id" in response.json()["detail"]
    assert store.count_quads() == before


def test_an_id_at_the_edge_of_the_rule_is_read_listed_exported_and_retracted(write_client):
    store = write_client.app.state.service.store
    before = store.count_quads()
    article_id = "A9._~:@-" + "x" * 292
    assert write_client.post("/articles", json=dict(ARTICLE, id=article_id), headers=AUTH).status_code == 201
    assert write_client.get(f"/articles/{article_id}").json()["id"] == article_id
    assert article_id in [a["id"] for a in write_client.get("/articles").json()["items"]]
    assert f'"{article_id}"' in write_client.get("/export", params={"format": "nquads"}).text
    assert write_client.delete(f"/articles/{article_id}", headers=AUTH).status_code == 200
    assert store.count_quads() == before
