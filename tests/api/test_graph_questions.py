"""Graph questions over HTTP on the seed + dev store (issue 3, 'what it must show')."""

from __future__ import annotations

import pytest


def test_china_syria_relations_with_evidence(client):
    rel = client.get("/relations", params={"source": "CHN", "target": "SYR"}).json()
    codes = {e["code"] for e in rel["events"]}
    assert any(c.startswith("05") for c in codes)  # the strategic partnership
    assert any(c.startswith("04") for c in codes)  # the meeting
    assert "051" in codes or "052" in codes  # support
    assert all(e["evidence"] and e["evidence"][0]["sentence"] for e in rel["events"])
    partnerships = [e for e in rel["events"] if e["code"] == "050" and e["date"] == "2023-09-22"]
    assert any("strategic partnership" in ev["sentence"] for e in partnerships for ev in e["evidence"])
    vetoes = [e for e in rel["concerning"] if e["code"] == "129"]
    assert vetoes and vetoes[0]["count"] == 8 and vetoes[0]["target"]["code"] == "UNSC"
    assert "veto" in vetoes[0]["evidence"][0]["sentence"]
    assert rel["outgoing"]["codes"] and rel["outgoing"]["first"] <= rel["outgoing"]["last"]


def test_path_from_saudi_arabia_to_syria_goes_through_china(client):
    body = client.get("/path", params={"from": "SAU", "to": "SYR"}).json()
    nodes = [body["hops"][0]["source"]] + [h["target"] for h in body["hops"]]
    assert nodes == ["SAU", "CHN", "SYR"]
    first, second = body["hops"]
    assert any(e["code"] == "045" for e in first["events"])  # China's mediation
    assert any(e["code"] == "050" for e in second["events"])  # the partnership
    assert all(e["evidence"] for h in body["hops"] for e in h["events"])


def test_neighbors_of_china(client):
    near = {n["actor"] for n in client.get("/neighbors/CHN").json()["neighbors"]}
    assert {"SYR", "SAU", "IRN"} <= near
    two = client.get("/neighbors/CHN", params={"depth": 2}).json()["neighbors"]
    assert len(two) > len(near) and {n["distance"] for n in two} == {1, 2}


@pytest.mark.parametrize("metric", ["degree", "pagerank", "betweenness"])
def test_centrality(client, metric):
    ranked = client.get("/centrality", params={"metric": metric, "limit": 5}).json()["actors"]
    assert len(ranked) == 5 and ranked == sorted(ranked, key=lambda a: -a["score"])


def test_timeline_and_communities(client):
    tl = client.get("/timeline", params={"source": "CHN", "target": "SYR"}).json()
    assert any(p["period"] == "2023-09" and p["events"] >= 3 for p in tl["periods"])
    groups = client.get("/communities").json()["communities"]
    assert groups and any("CHN" in g for g in groups)


@pytest.mark.parametrize("url, status", [
    ("/relations?source=NOPE&target=SYR", 404), ("/neighbors/CHN?depth=9", 422), ("/centrality?metric=magic", 422),
    ("/path?from=CHN", 422), ("/timeline?source=CHN&target=SYR&interval=week", 422),
    ("/path?from=CHN&to=ZZZ", 404), ("/neighbors/CHN?deep=2", 400),
])
def test_graph_errors_are_problems(client, url, status):
    response = client.get(url)
    assert response.status_code == status and response.headers["content-type"] == "application/problem+json"


def test_openapi_documents_every_parameter(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["description"]
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            for param in op.get("parameters", []):
                assert param.get("description"), f"{method.upper()} {path} {param['name']} has no description"
                schema = param.get("schema", {})
                has_example = "example" in param or "examples" in param or "examples" in schema or \
                    schema.get("type") == "boolean" or "enum" in schema or "$ref" in schema
                assert has_example, f"{method.upper()} {path} {param['name']} has no example"
@pytest.mark.parametrize("warm", [True, False])
def test_the_server_builds_the_dyad_network_as_it_starts_unless_told_not_to(store, warm, caplog):
    import time

    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings
    from fastapi.testclient import TestClient

    caplog.set_level("INFO", logger="diplokg.api")
    with TestClient(create_app(Settings(warm=warm), store=store)) as client:
        service = client.app.state.service
        assert client.get("/events", params={"actor": "CHN", "limit": 2}).status_code == 200
        deadline = time.monotonic() + 60
        while warm and service._network is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (service._network is not None) is warm  # no graph question was asked
        assert (service.span("CHN") is not None) is warm
    said = [r.getMessage() for r in caplog.records if r.name == "diplokg.api"]
    assert bool([m for m in said if m.startswith("dyad network ready:")]) is warm, said


@pytest.mark.parametrize("url", ["/relations?source=CHN&target=SYR", "/path?from=SAU&to=SYR",
                                 "/neighbors/CHN", "/events?actor=CHN&limit=3", "/health"])
def test_a_remembered_answer_is_sent_without_a_worker_thread(client, monkeypatch, url):
    """The hop to a worker thread and back cost a hot answer more than the answer; only the first asking of a
    question computes it in one, and the answer sent from the event loop is the same."""
    from diplokg.api import deps

    hops = []
    real = deps.run_in_threadpool

    async def counting(fn, *args, **kwargs):
        hops.append(fn)
        return await real(fn, *args, **kwargs)

    monkeypatch.setattr(deps, "run_in_threadpool", counting)
    client.app.state.service.changed()  # nothing remembered
    first = client.get(url)
    assert first.status_code == 200 and len(hops) == 1
    again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    assert len(hops) == 1
