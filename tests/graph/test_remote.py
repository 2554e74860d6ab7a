"""What only the SPARQL-server backend has: endpoint URLs, the union default graph, the Graph Store fast path
and its fallback, writes cut into requests within a server's limits and undone when one fails, errors naming
the endpoint (never its credentials), authentication, and the store as a URL in the CLI and the API settings.
Tests taking ``server_url`` run on each engine (Oxigraph server, Virtuoso 7)."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import httpx
import pytest
from diplokg.errors import StoreError, UsageError
from diplokg.graph.engines import WriteLimits
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


def _elsewhere(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/nowhere"


def test_http_errors_name_the_endpoint(server_url):
    wrong = _elsewhere(server_url)
    with RemoteStore(server_url, update_url=wrong, gsp_url=False) as store:
        with pytest.raises(StoreError, match=r"/nowhere: HTTP 404"):
            store.add_graph(URIRef(EX + "g"), [TRIPLE])
        assert store.count_quads() == 0
    with RemoteStore(wrong) as store, pytest.raises(StoreError, match=r"/nowhere: HTTP 404"):
        store.has_graph(URIRef(EX + "g"))


def test_read_only_refuses_writes(server_url):
    with RemoteStore(server_url, read_only=True) as store:
        for write in (lambda: store.add_graph(URIRef(EX + "g"), [TRIPLE]), lambda: store.remove_graph(URIRef(EX + "g")),
                      lambda: store.bulk_load(b"")):
            with pytest.raises(StoreError, match="read-only"):
                write()


@pytest.mark.parametrize("gsp", [None, False, "missing"])
def test_writes_by_graph_store_protocol_or_update(server_url, engine, gsp):
    """Oxigraph server's /store is found and used; without it (or told not to, or on Virtuoso, whose Graph Store
    endpoint needs its own login) writes go by SPARQL Update."""
    gsp_url = _elsewhere(server_url) if gsp == "missing" else gsp
    with RemoteStore(server_url, gsp_url=gsp_url) as store:
        assert store.add_graphs([(URIRef(EX + "g"), [TRIPLE]), (URIRef(EX + "h"), [TRIPLE])]) == [1, 1]
        found = server_url.replace("/query", "/store") if engine == "oxigraph" else None
        assert store.gsp_url == (found if gsp is None else None)
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


def _failing_after(store: RemoteStore, writes: int) -> list[str]:
    """Make the store's update requests fail (HTTP 503) after ``writes`` of them; returns the requests' bodies."""
    sent, real = [], store._client._transport

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == urlsplit(store.update_url).path and request.method == "POST" and \
                b"INSERT" in request.content:
            sent.append(request.content.decode())
            if len(sent) > writes:
                return httpx.Response(503, text="gone away")
        return real.handle_request(request)

    store._client._transport = httpx.MockTransport(handle)
    return sent


def _graphs(n: int, size: int) -> list[tuple[URIRef, list[tuple]]]:
    return [(URIRef(f"{EX}g{i}"), [(URIRef(f"{EX}g{i}"), URIRef(EX + "p"), Literal(j)) for j in range(size)])
            for i in range(n)]


def test_writes_go_in_requests_within_the_limits(server_url):
    """Whole graphs are packed into a request while they fit; a graph too big for one is cut, its own description
    last; what lands is the same as one request would write. Virtuoso's own limit: the reference graph."""
    with RemoteStore(server_url, gsp_url=False, write_limits=WriteLimits(25, 1 << 20)) as store:
        sent = _failing_after(store, 99)
        big = URIRef(EX + "big")
        own = (big, URIRef(EX + "hash"), Literal("h"))
        assert store.add_graphs(_graphs(3, 10) + [(big, [own] + [(URIRef(EX + "x"), URIRef(EX + "p"), Literal(j))
                                                                for j in range(60)])]) == [10, 10, 10, 61]
        assert [body.count(" .\n") for body in sent] == [20, 10, 25, 25, 11]
        assert all(f"<{EX}hash>" not in body for body in sent[:4]) and f"<{EX}hash>" in sent[4]
        assert store.count_quads() == 91 and len(store.named_graphs()) == 4
    with RemoteStore(server_url) as store:  # the server's own limits
        from diplokg.graph.model import REFERENCE_GRAPH
        from diplokg.ingest.pipeline import ensure_reference

        assert ensure_reference(store) and store.has_graph(REFERENCE_GRAPH)
        assert store.count_quads() > 91 + 10_000 and not ensure_reference(store)


@pytest.mark.parametrize("replace", [False, True])
def test_a_write_failing_half_way_removes_what_it_wrote(server_url, replace):
    """No transaction spans requests on any server: a write that fails at its second request drops the graphs
    it had begun, and says so; a graph that was there before keeps what it had."""
    with RemoteStore(server_url, gsp_url=False, write_limits=WriteLimits(25, 1 << 20)) as store:
        store.add_graph(URIRef(EX + "old"), [TRIPLE])
        sent = _failing_after(store, 1)
        with pytest.raises(StoreError, match=r"HTTP 503.*request 2 of 2; what it had written was removed"):
            if replace:
                store.replace_graph(URIRef(EX + "g0"), _graphs(1, 40)[0][1])
            else:
                store.add_graphs(_graphs(3, 10) + [(URIRef(EX + "old"), [(URIRef(EX + "b"), URIRef(EX + "p"),
                                                                          Literal("y"))])])
        assert len(sent) == 2
        assert store.named_graphs() == [EX + "old"] and store.count_quads() == 1
        _failing_after(store, 0)
        with pytest.raises(StoreError, match="nothing was written"):  # one request: the server's transaction
            store.add_graphs(_graphs(2, 10))
        assert store.named_graphs() == [EX + "old"]


def test_engine_dialects_answer_alike(server_url):
    """What differs between the engines is made the same: ASK answers, booleans, blank nodes, DESCRIBE, and
    Virtuoso's own graphs kept out of the counts and the default graph."""
    with RemoteStore(server_url) as store:
        store.bulk_load(f'<{EX}a> <{EX}p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <{EX}g> .\n'
                        f'<{EX}a> <{EX}q> _:b1 <{EX}g> .\n_:b1 <{EX}p> "x"@en <{EX}g> .\n'
                        f'<{EX}a> <{EX}q> "2" <{EX}h> .\n<{EX}a> <{EX}p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <{EX}h> .\n')
        assert store.count_quads() == 5 and store.count_triples() == 4
        assert sorted(store.named_graphs()) == [EX + "g", EX + "h"]
        assert bool(store.query(f"ASK {{ <{EX}a> <{EX}p> true }}")) is True
        assert bool(store.query(f"ASK {{ <{EX}a> <{EX}p> false }}")) is False
        assert int(next(iter(store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"]) == 5  # a bag
        rows = list(store.select(f"SELECT ?v ?x WHERE {{ <{EX}a> <{EX}p> ?v ; <{EX}q> ?b . ?b <{EX}p> ?x }}"))
        assert {(r["v"].toPython(), str(r["x"])) for r in rows} == {(True, "x")}
        described = {(t.predicate.value, str(t.object)) for t in store.query(f"DESCRIBE <{EX}a>")}
        assert (EX + "q", '"2"') in described and len(described) >= 3
        assert store.export("nquads").count(b"\n") == 5


@pytest.mark.parametrize("headers, message", [({"X-SPARQL-MaxRows": "10000"}, "ResultSetMaxRows"),
                                               ({"X-SQL-State": "S1TAT"}, "MaxQueryExecutionTime")])
def test_a_virtuoso_answer_cut_short_is_an_error(headers, message):
    """Virtuoso cuts answers at its row and time limits and says so only in a header: never a shorter answer."""
    def answer(request: httpx.Request) -> httpx.Response:
        server = {"Server": "Virtuoso/07.20.3229 (Linux)"}
        if b"ASK" in request.content:  # what the server is; whether it holds data (no)
            return httpx.Response(200, json={"head": {}, "boolean": False}, headers=server)
        cut = headers if b"semanticweb" in request.content else {}
        return httpx.Response(200, json={"head": {"vars": ["s"]}, "results": {"bindings": []}},
                              headers={**server, **cut})

    store = RemoteStore("http://db.example.org/sparql")
    store._client._transport = httpx.MockTransport(answer)
    with pytest.raises(StoreError, match=message):
        store.query("SELECT ?s WHERE { ?s a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }")


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
    for name in ("DIPLOKG_STORE_TOKEN", "DIPLOKG_STORE_USER", "DIPLOKG_STORE_PASSWORD", "DIPLOKG_STORE_AUTH"):
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
    assert seen == [expected] * 3  # what the server is (asked once), has_graph, remove_graph
    assert "t0ken" not in str(caught.value) and "pw" not in str(caught.value)


def test_virtuoso_authenticated_endpoint_by_digest(virtuoso_server, monkeypatch):
    """Virtuoso's /sparql-auth (no grant needed) takes HTTP digest: DIPLOKG_STORE_AUTH=digest."""
    url = virtuoso_server() + "-auth"
    monkeypatch.setenv("DIPLOKG_STORE_USER", "dba")
    monkeypatch.setenv("DIPLOKG_STORE_PASSWORD", "dba")
    with RemoteStore(url) as store, pytest.raises(StoreError, match="HTTP 401"):
        store.count_quads()
    monkeypatch.setenv("DIPLOKG_STORE_AUTH", "digest")
    with RemoteStore(url) as store:
        store.add_graph(URIRef(EX + "g"), [TRIPLE])
        assert store.has_graph(URIRef(EX + "g")) and store.count_quads() == 1


def test_cli_and_api_take_a_url(server_url, capsys, monkeypatch):
    """The issue's case: ``ingest --sample`` into a server (on Virtuoso: the reference graph was one INSERT DATA
    too big for its SPARQL compiler)."""
    oxigraph_url = server_url
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
    wrong = _elsewhere(oxigraph_url)
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
