"""GET /health, /events, /events/{id}, /actors."""

from __future__ import annotations

import pytest

PROBLEM = "application/problem+json"


def test_health(client):
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["store"] == "oxigraph"
    assert body["articles"] == 13 and body["events"] > 100 and body["triples"] > 10_000 and body["actors"] > 30


def test_health_figures_counted_across_a_write_are_not_kept(corpus_store):
    """The figures are counted once and kept until a write; a write that lands while they are being counted
    makes them stale, so they are answered once but not kept."""
    from diplokg.api.deps import Service
    from diplokg.api.settings import Settings

    service = Service(settings=Settings(), store=corpus_store)
    counts = []

    class Store:  # the real store, with a write landing in the middle of the first count
        kind, path = corpus_store.kind, corpus_store.path

        def count_quads(self):
            counts.append(1)
            if len(counts) == 1:
                service.changed()
            return corpus_store.count_quads()

        def select(self, sparql):
            return corpus_store.select(sparql)

    service.store = Store()
    first = service.figures()
    assert service._figures is None  # counted across a write: not kept
    assert service.figures() == first and service._figures == first and len(counts) == 2
    assert service.figures() is service._figures and len(counts) == 2  # kept now: not counted again


def test_events_filtered_by_actor_include_persons_of_that_state(client):
    items = client.get("/events", params={"actor": "CHN", "limit": 1000}).json()["items"]
    assert items and all("CHN" in (e["source"]["country"], e["target"]["country"]) for e in items)
    assert any(e["source"]["code"] == "xi_jinping" for e in items)
    assert all(e["evidence"] and e["evidence"][0]["sentence"] for e in items)


def test_event_filters(client):
    vetoes = client.get("/events", params={"source": "CHN", "target": "UNSC", "code": "129"}).json()["items"]
    assert any(e["count"] == 8 for e in vetoes)
    quad4 = client.get("/events", params={"quad": 4, "limit": 1000}).json()["items"]
    assert quad4 and all(e["quad"] == 4 for e in quad4)
    root05 = client.get("/events", params={"root": "05", "limit": 1000}).json()["items"]
    assert root05 and all(e["code"].startswith("05") for e in root05)
    dated = client.get("/events", params={"since": "2023-03", "until": "2023-03-31"}).json()["items"]
    assert dated and all(e["date"].startswith("2023-03") for e in dated)
    one = client.get("/events", params={"article": "syria-aid-veto-2020", "limit": 1000}).json()["items"]
    assert one and {e["article"] for e in one} == {"syria-aid-veto-2020"}


def test_pagination_walks_every_event_once(client):
    seen, cursor = [], None
    while True:
        params = {"limit": 7} | ({"cursor": cursor} if cursor else {})
        page = client.get("/events", params=params).json()
        seen.extend(e["id"] for e in page["items"])
        cursor = page["next"]
        if not cursor:
            break
    everything = client.get("/events", params={"limit": 1000}).json()["items"]
    assert seen == [e["id"] for e in everything] and len(seen) == len(set(seen))


def test_event_by_id(client):
    first = client.get("/events", params={"limit": 1}).json()["items"][0]
    assert client.get(f"/events/{first['id']}").json() == first
    response = client.get("/events/0123456789abcdef0123")
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM


@pytest.mark.parametrize("params, status", [
    ({"since": "2023-13"}, 400), ({"since": "yesterday"}, 400), ({"until": "2023-02-30"}, 400),
    ({"quad": 7}, 422), ({"code": "5x"}, 422), ({"colour": "red"}, 400), ({"limit": 100000}, 400),
    ({"cursor": "%%%"}, 400), ({"modality": "maybe"}, 422),
])
def test_bad_parameters_are_problems_not_ignored(client, params, status):
    response = client.get("/events", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["detail"] and "Traceback" not in response.text


def test_actor_search_and_detail(client):
    found = client.get("/actors", params={"q": "syria"}).json()["items"]
    assert found[0]["code"] == "SYR" and found[0]["events"] > 0
    assert client.get("/actors", params={"q": "Assad"}).json()["items"][0]["code"] == "bashar_al_assad"
    states = client.get("/actors", params={"kind": "state", "limit": 1000}).json()
    assert states["total"] >= 197 and all(a["kind"] == "state" for a in states["items"])
    xi = client.get("/actors/xi_jinping").json()
    assert xi["country"] == "CHN" and any(p["office"] == "head_of_state" and p["of"] == "CHN" for p in xi["positions"])
    chn = client.get("/actors/CHN").json()
    assert chn["wikidata"].endswith("Q148") and chn["events"] > 0
    missing = client.get("/actors/NOPE")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM


def test_min_confidence_and_plover_over_http(client):
    every = client.get("/events", params={"limit": 1000}).json()["items"]
    sure = client.get("/events", params={"limit": 1000, "min_confidence": 0.75}).json()["items"]
    assert 0 < len(sure) < len(every) and all(e["confidence"] >= 0.75 for e in sure)
    assert all(e["plover"] in (None, "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                               "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                               "COERCE", "ASSAULT") for e in every)
    assert client.get("/events", params={"min_confidence": 2}).status_code == 422


@pytest.mark.parametrize("article", ["%d", "a%sb", "100%"])
def test_a_percent_sign_in_a_filter_value_is_a_value(client, article):
    """``/events?article=%25d`` answered 500: the query was %-formatted after the value was put in it."""
    response = client.get("/events", params={"article": article})
    assert response.status_code == 200 and response.json() == {"items": [], "next": None}
