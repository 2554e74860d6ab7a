"""What only the SPARQL-server backend has: endpoint URLs, the union default graph, the Graph Store fast path
and its fallback, errors naming the endpoint (never its credentials), authentication, and the store as a URL
in the CLI and the API settings."""

from __future__ import annotations

import json
import socket

import httpx
import pytest
from diplokg.errors import StoreError, UsageError
from diplokg.graph.remote import RemoteStore
from diplokg.graph.store import EventStore, open_store
from rdflib import Literal, URIRef

EX = "https://example.org/"
TRIPLE = (URIRef(EX + "a"), URIRef(EX + "p"), Literal("x"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_urls(monkeypatch):
    monkeypatch.delenv("DIPLOKG_UPDATE_URL", raising=False)
    assert RemoteStore("http://h:3030/ds/query").update_url == "http://h:3030/ds/update"
    assert RemoteStore("https://neptune:8182/sparql").update_url == "https://neptune:8182/sparql"  # one URL
    assert RemoteStore("http://h/q", update_url="http://h/u").update_url == "http://h/u"
    monkeypatch.setenv("DIPLOKG_UPDATE_URL", "http://h/from-env")
    assert RemoteStore("http://h/query").update_url == "http://h/from-env"
    with pytest.raises(StoreError):
        RemoteStore("ftp://h/query")
    with pytest.raises(StoreError, match="union mode"):
        RemoteStore("http://h/query", union="sometimes")


def test_open_store_chooses_by_location(tmp_path):
    with open_store("https://db.example.org/query", read_only=True) as store:
        assert isinstance(store, RemoteStore) and store.read_only
    with open_store(tmp_path / "s") as store:
        assert isinstance(store, EventStore)
    with pytest.raises(UsageError):
        open_store(tmp_path / "s", update_url="http://h/update")


def test_unreachable_endpoint_is_a_clear_error_without_credentials():
    url = f"http://reader:s3cret@127.0.0.1:{_closed_port()}/ds/query?key=k3y"
    with RemoteStore(url, timeout=5) as store:
        with pytest.raises(StoreError) as caught:
            store.count_quads()
    message = str(caught.value)
    assert f"{store.path}" in message and "cannot reach" in message
    assert "s3cret" not in message and "reader" not in message and "k3y" not in message
    assert "s3cret" not in repr(store)


def test_http_errors_name_the_endpoint(oxigraph_url):
    wrong = oxigraph_url.replace("/query", "/nowhere")
    with RemoteStore(oxigraph_url, update_url=wrong, gsp_url=False) as store:
        with pytest.raises(StoreError, match=r"/nowhere: HTTP 404"):
            store.add_graph(URIRef(EX + "g"), [TRIPLE])
        assert store.count_quads() == 0
    with RemoteStore(wrong) as store, pytest.raises(StoreError, match=r"/nowhere: HTTP 404"):
        store.has_graph(URIRef(EX + "g"))


def test_read_only_refuses_writes(oxigraph_url):
    with RemoteStore(oxigraph_url, read_only=True) as store:
        for write in (lambda: store.add_graph(URIRef(EX + "g"), [TRIPLE]), lambda: store.remove_graph(URIRef(EX + "g")),
                      lambda: store.bulk_load(b"")):
            with pytest.raises(StoreError, match="read-only"):
                write()


@pytest.mark.parametrize("gsp", [None, False, "missing"])
def test_writes_by_graph_store_protocol_or_update(oxigraph_url, gsp):
    """Oxigraph server's /store is found and used; without it (or told not to) writes go by SPARQL Update."""
    gsp_url = oxigraph_url.replace("/query", "/missing") if gsp == "missing" else gsp
    with RemoteStore(oxigraph_url, gsp_url=gsp_url) as store:
        assert store.add_graphs([(URIRef(EX + "g"), [TRIPLE]), (URIRef(EX + "h"), [TRIPLE])]) == [1, 1]
        assert store.gsp_url == (oxigraph_url.replace("/query", "/store") if gsp is None else None)
        store.bulk_load(f'<{EX}b> <{EX}p> "y" <{EX}i> .\n')
        assert sorted(store.named_graphs()) == [EX + "g", EX + "h", EX + "i"]
        assert store.count_quads() == 3
        assert store.export("nquads").count(b"\n") == 3


def test_union_default_graph_modes(oxigraph_server):
    """auto: Oxigraph's parameter; server: trust the server, and say so when it does not read the union."""
    plain, union = oxigraph_server(), oxigraph_server("--union-default-graph")
    query = f"SELECT ?o WHERE {{ <{EX}a> ?p ?o }}"
    for url, mode in ((plain, "auto"), (plain, "oxigraph"), (union, "server"), (union, "auto")):
        with RemoteStore(url, union=mode) as store:
            store.replace_graph(URIRef(EX + "g"), [TRIPLE])
            assert [str(r["o"]) for r in store.select(query)] == ["x"], (url, mode)
    with RemoteStore(plain, union="server") as store, pytest.raises(StoreError, match="union of its named graphs"):
        list(store.select(query))


def test_an_empty_server_is_checked_once_it_holds_data(oxigraph_url):
    with RemoteStore(oxigraph_url, union="server") as store:
        assert list(store.select("SELECT ?s WHERE { ?s ?p ?o }")) == []  # nothing to check yet
        store.add_graph(URIRef(EX + "g"), [TRIPLE])
        with pytest.raises(StoreError, match="tdb2:unionDefaultGraph"):
            store.count_triples()


@pytest.mark.parametrize("env, expected", [
    ({"DIPLOKG_STORE_TOKEN": "t0ken"}, "Bearer t0ken"),
    ({"DIPLOKG_STORE_USER": "ann", "DIPLOKG_STORE_PASSWORD": "pw"}, "Basic YW5uOnB3"),
    ({}, None),
])
def test_credentials_from_the_environment(monkeypatch, env, expected):
    for name in ("DIPLOKG_STORE_TOKEN", "DIPLOKG_STORE_USER", "DIPLOKG_STORE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    seen = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        if request.url.path.endswith("/update"):
            return httpx.Response(401, text="who are you")
        return httpx.Response(200, json={"head": {}, "boolean": False},
                              headers={"Content-Type": "application/sparql-results+json"})

    store = RemoteStore("https://db.example.org/ds/query", gsp_url=False)
    store._client._transport = httpx.MockTransport(answer)  # the client keeps the auth set up from the env
    assert store.has_graph(URIRef(EX + "g")) is False
    with pytest.raises(StoreError, match="HTTP 401.*DIPLOKG_STORE_TOKEN") as caught:
        store.remove_graph(URIRef(EX + "g"))
    assert seen == [expected, expected]
    assert "t0ken" not in str(caught.value) and "pw" not in str(caught.value)


def test_cli_and_api_take_a_url(oxigraph_url, capsys, monkeypatch):
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings
    from diplokg.cli import main
    from fastapi.testclient import TestClient

    assert main(["ingest", "--sample", "--store", oxigraph_url]) == 0
    assert capsys.readouterr().out.startswith("1 articles, ")
    assert main(["events", "--store", oxigraph_url, "--format", "json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert len(events) > 10
    assert main(["summary", "--store", oxigraph_url]) == 0
    assert f"diplokg store {oxigraph_url}" in capsys.readouterr().out
    assert main(["sparql", "ASK { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }", "--store", oxigraph_url]) == 0
    assert capsys.readouterr().out.strip() == "true"
    assert main(["relations", "CHN", "SYR", "--store", oxigraph_url]) == 0
    assert json.loads(capsys.readouterr().out)["events"] > 0
    wrong = oxigraph_url.replace("/query", "/nowhere")
    assert main(["ingest", "--sample", "--store", oxigraph_url, "--update-url", wrong]) == 0  # nothing to write
    assert "1 already stored" in capsys.readouterr().out
    monkeypatch.setenv("DIPLOKG_STORE", oxigraph_url)
    settings = Settings()
    assert settings.store == oxigraph_url
    with TestClient(create_app(settings)) as client:
        health = client.get("/health").json()
        assert (health["store"], health["store_path"]) == ("sparql", oxigraph_url)
        assert len(client.get("/events", params={"limit": 1000}).json()["items"]) == len(events)
    assert main(["events", "--format", "json"]) == 0  # $DIPLOKG_STORE names the server
    assert json.loads(capsys.readouterr().out) == events
