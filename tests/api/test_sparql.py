"""/sparql: the SPARQL 1.1 Protocol query operation — forms, content negotiation, read-only, limits."""

from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import threading
import time
import xml.etree.ElementTree as ET
from contextlib import contextmanager

import pytest
import rdflib
from fastapi.testclient import TestClient

RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"
PROBLEM = "application/problem+json"

SELECT = ("PREFIX dk: <https://w3id.org/diplokg/vocab#> "
          "SELECT ?event ?code ?source WHERE { ?event dk:cameoCode ?code ; dk:source ?source } ORDER BY ?event")
ASK = "ASK { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }"
CONSTRUCT = ("PREFIX dk: <https://w3id.org/diplokg/vocab#> "
             "CONSTRUCT { ?event dk:cameoCode ?code } WHERE { ?event dk:cameoCode ?code }")
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def make_client(store):
    """``with make_client(sparql_timeout=…) as client``: a TestClient over the shared store with these settings."""
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings

    @contextmanager
    def make(**settings):
        with TestClient(create_app(Settings(**settings), store=store)) as client:
            yield client

    return make


@pytest.fixture(scope="module")
def client(make_client):
    with make_client() as client:
        yield client


@pytest.fixture(scope="module")
def n_events(store) -> int:
    return len(list(store.select(SELECT)))


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body


# -- SELECT / ASK / CONSTRUCT × every media type -----------------------------------------------------------


def parse_select(media: str, text: str) -> tuple[list[str], list[dict]]:
    """(variables, rows as {var: value}) from any SPARQL results format."""
    if media == "application/sparql-results+json":
        data = json.loads(text)
        return data["head"]["vars"], [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
    if media == "application/sparql-results+xml":
        root = ET.fromstring(text)
        names = [v.get("name") for v in root.iter(f"{RESULTS_NS}variable")]
        rows = [{b.get("name"): "".join(b.itertext()).strip() for b in r.iter(f"{RESULTS_NS}binding")}
                for r in root.iter(f"{RESULTS_NS}result")]
        return names, rows
    if media == "text/csv":
        header, *rows = list(csv.reader(io.StringIO(text)))
        return header, [dict(zip(header, row)) for row in rows]
    header, *rows = [line.split("\t") for line in text.splitlines()]
    names = [h.lstrip("?") for h in header]
    return names, [{k: v.strip("<>") for k, v in zip(names, row)} for row in rows]


@pytest.mark.parametrize("media", ["application/sparql-results+json", "application/sparql-results+xml",
                                   "text/csv", "text/tab-separated-values"])
def test_select_in_every_format(client, media, n_events):
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert "X-Diplokg-Truncated" not in response.headers
    names, rows = parse_select(media, response.text)
    assert names == ["event", "code", "source"]
    assert len(rows) == n_events > 0
    assert all(row["event"].startswith("https://w3id.org/diplokg/id/event/") for row in rows)


@pytest.mark.parametrize("media", ["application/sparql-results+json", "application/sparql-results+xml",
                                   "text/csv", "text/tab-separated-values"])
def test_ask_in_every_format(client, media):
    response = client.get("/sparql", params={"query": ASK}, headers={"Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    if media.endswith("json"):
        assert response.json()["boolean"] is True
    elif media.endswith("xml"):
        assert ET.fromstring(response.text).find(f"{RESULTS_NS}boolean").text == "true"
    else:
        assert response.text.strip() == "true"


@pytest.mark.parametrize(("media", "rdflib_format"), [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                      ("application/ld+json", "json-ld"),
                                                      ("application/rdf+xml", "xml")])
def test_construct_in_every_format(client, media, rdflib_format, n_events):
    response = client.post("/sparql", content=CONSTRUCT,
                           headers={"Content-Type": "application/sparql-query", "Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    graph = rdflib.Graph().parse(data=response.text, format=rdflib_format)
    assert len(graph) == n_events
    codes = set(graph.predicates())
    assert codes == {rdflib.URIRef("https://w3id.org/diplokg/vocab#cameoCode")}


def test_describe_defaults_to_turtle(client, store):
    event = next(store.select(SELECT))["event"]
    response = client.get("/sparql", params={"query": f"DESCRIBE <{event}>"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert (event, None, None) in graph


# -- the three ways of sending a query -------------------------------------------------------------------


def test_get_form_post_and_body_post_agree(client):
    accept = {"Accept": "application/sparql-results+json"}
    by_get = client.get("/sparql", params={"query": SELECT}, headers=accept)
    by_form = client.post("/sparql", data={"query": SELECT}, headers=accept)
    by_body = client.post("/sparql", content=SELECT.encode(),
                          headers={**accept, "Content-Type": "application/sparql-query; charset=utf-8"})
    assert by_get.status_code == by_form.status_code == by_body.status_code == 200
    assert by_get.json() == by_form.json() == by_body.json()
    assert by_get.json()["results"]["bindings"]


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("application/sparql-results+xml;q=0.5, text/csv;q=0.9", "text/csv"),
    ("text/csv;q=0, application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/json", "application/sparql-results+json"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+xml"),
])
def test_accept_negotiation_for_select(client, accept, expected, get_accepting):
    response = get_accepting(client, "/sparql", accept, {"query": ASK})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected
    assert response.headers["vary"] == "Accept"


@pytest.mark.parametrize(("accept", "expected"), [
    ("*/*", "text/turtle"),
    ("application/sparql-results+json, application/n-triples;q=0.5", "application/n-triples"),
    ("application/ld+json;q=1, text/turtle;q=0.2", "application/ld+json"),
])
def test_accept_negotiation_for_construct(client, accept, expected):
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected


def test_format_parameter_replaces_accept(client):
    response = client.get("/sparql", params={"query": ASK, "format": "csv"}, headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/csv")
    response = client.get("/sparql", params={"query": CONSTRUCT, "format": "json"})  # SPARQLWrapper's default
    assert response.headers["content-type"] == "application/ld+json"
    assert_problem(client.get("/sparql", params={"query": ASK, "format": "yaml"}), 400)


@pytest.mark.parametrize(("query", "accept"), [(SELECT, "text/turtle"), (ASK, "application/n-triples"),
                                               (CONSTRUCT, "text/csv"), (SELECT, "image/png")])
def test_unacceptable_accept_is_406(client, query, accept):
    body = assert_problem(client.get("/sparql", params={"query": query}, headers={"Accept": accept}), 406)
    assert body["offered"] and all("/" in media for media in body["offered"])
    assert body["offered"][0] in body["detail"]


# -- read-only ---------------------------------------------------------------------------------------------

UPDATES = [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP ALL",
    "CREATE GRAPH <http://example.org/g>",
    "ADD DEFAULT TO <http://example.org/g>",
    "MOVE DEFAULT TO <http://example.org/g>",
    "COPY DEFAULT TO <http://example.org/g>",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
]


@pytest.mark.parametrize("update", UPDATES)
def test_an_update_sent_as_a_query_fails_to_parse(client, store, update):
    before = store.count_quads()
    for response in (
        client.get("/sparql", params={"query": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-query"}),
    ):
        body = assert_problem(response, 400)
        assert body["detail"].startswith("invalid SPARQL query")
    assert store.count_quads() == before


@pytest.mark.parametrize("send", [
    lambda c, u: c.get("/sparql", params={"update": u}),
    lambda c, u: c.get("/sparql", params={"query": ASK, "update": u}),
    lambda c, u: c.post("/sparql", data={"update": u}),
    lambda c, u: c.post("/sparql", data={"query": ASK, "update": u}),
    lambda c, u: c.post("/sparql?update=x", content=ASK, headers={"Content-Type": "application/sparql-query"}),
    lambda c, u: c.post("/sparql", content=u, headers={"Content-Type": "application/sparql-update"}),
], ids=["get", "get-with-query", "form", "form-with-query", "query-string-on-post", "update-body"])
def test_the_update_operation_is_refused(client, store, send):
    before = store.count_quads()
    for update in ("DROP ALL", "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"):
        body = assert_problem(send(client, update), 403)
        assert "read-only" in body["detail"]
    assert store.count_quads() == before


# -- SERVICE -----------------------------------------------------------------------------------------------

FEDERATED = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"


@pytest.mark.parametrize("query", [
    FEDERATED,
    "select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z .SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    'SELECT * WHERE { ?s ?p "#" . SERVICE ?endpoint { ?s ?p ?o } }',
])
def test_service_is_refused(client, query):
    for response in (client.get("/sparql", params={"query": query}), client.post("/sparql", data={"query": query})):
        assert "SERVICE" in assert_problem(response, 403)["detail"]


@pytest.mark.parametrize("query", [
    'ASK { ?s ?p "SERVICE <http://x/>" }',
    "ASK { ?s ?p '''a SERVICE\n call''' }",
    "ASK { ?s <http://example.org/SERVICE> ?o }",
    "# SERVICE <http://x/> { }\nASK { ?service ?p ?o FILTER(?o < 3 || ?o > 4) }",
    "PREFIX service: <http://example.org/> ASK { ?s service:p ?o }",
])
def test_service_inside_strings_iris_comments_and_names_is_not_a_clause(client, query):
    assert client.get("/sparql", params={"query": query}).status_code == 200


def test_service_allowed_by_settings(make_client):
    from diplokg.api.sparql_answer import uses_service

    assert uses_service(FEDERATED)
    with make_client(sparql_allow_service=True) as client:
        # Allowed through the guard: port 9 is refused by Oxigraph's HTTP client, so no network is touched.
        response = client.get("/sparql", params={"query": FEDERATED})
        assert_problem(response, 502)


# -- bad requests ------------------------------------------------------------------------------------------


def test_syntax_error_is_a_400_problem(client):
    body = assert_problem(client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"}), 400)
    assert body["title"] == "Invalid SPARQL query"
    assert "error at" in body["detail"]
    assert body["instance"] == "/sparql"


@pytest.mark.parametrize(("send", "status"), [
    (lambda c: c.get("/sparql"), 400),
    (lambda c: c.get("/sparql", params={"query": "  "}), 400),
    (lambda c: c.post("/sparql", content=b"", headers={"Content-Type": "application/x-www-form-urlencoded"}), 400),
    (lambda c: c.post("/sparql"), 415),
    (lambda c: c.post("/sparql", content=b"", headers={"Content-Type": "application/sparql-query"}), 400),
    (lambda c: c.get("/sparql", params={"query": ASK, "limit": "3"}), 400),
    (lambda c: c.post("/sparql", data={"query": ASK, "limit": "3"}), 400),
    (lambda c: c.get("/sparql", params=[("query", ASK), ("query", ASK)]), 400),
    (lambda c: c.get("/sparql", params={"query": ASK, "default-graph-uri": "http://example.org/g"}), 400),
    (lambda c: c.post("/sparql", data={"query": ASK, "named-graph-uri": "http://example.org/g"}), 400),
    (lambda c: c.post("/sparql", json={"query": ASK}), 415),
    (lambda c: c.post("/sparql", content=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"}), 400),
], ids=["no-query", "blank-query", "empty-form", "no-content-type", "empty-body", "unknown-param", "unknown-form-field",
        "two-queries", "default-graph-uri", "named-graph-uri", "json-body", "not-utf8"])
def test_bad_requests(client, send, status):
    assert_problem(send(client), status)


# -- limits ------------------------------------------------------------------------------------------------


@pytest.mark.solo
def test_timeout_is_503_and_the_server_still_answers(make_client):
    with make_client(sparql_timeout=0.3, sparql_max_results=10**9) as client:
        t0 = time.perf_counter()
        body = assert_problem(client.get("/sparql", params={"query": CARTESIAN}), 503)
        assert time.perf_counter() - t0 < 5
        assert body["detail"] == "query exceeded 0.3 s"
        after = client.get("/sparql", params={"query": ASK})
        assert after.status_code == 200 and after.json()["boolean"] is True


@pytest.mark.solo
def test_other_requests_are_answered_while_a_query_runs(make_client):
    with make_client(sparql_timeout=3, sparql_max_results=10**9) as client:
        slow: dict = {}
        worker = threading.Thread(target=lambda: slow.update(r=client.get("/sparql", params={"query": CARTESIAN})))
        worker.start()
        time.sleep(0.3)
        t0 = time.perf_counter()
        quick = client.get("/sparql", params={"query": ASK})
        elapsed = time.perf_counter() - t0
        assert worker.is_alive(), "the slow query should still be running"
        worker.join(10)
        assert quick.status_code == 200 and elapsed < 2
        assert slow["r"].status_code == 503


@pytest.mark.parametrize(("query", "media"), [
    ("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100", "application/sparql-results+json"),
    ("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100", "text/csv"),
    ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 100", "application/n-triples"),
])
def test_answers_are_cut_at_the_result_limit(make_client, query, media):
    with make_client(sparql_max_results=5) as client:
        response = client.get("/sparql", params={"query": query}, headers={"Accept": media})
        assert response.status_code == 200
        assert response.headers["X-Diplokg-Truncated"] == "true"
        assert response.headers["X-Diplokg-Result-Limit"] == "5"
        if media == "application/sparql-results+json":
            assert len(response.json()["results"]["bindings"]) == 5
        elif media == "text/csv":
            assert len(list(csv.reader(io.StringIO(response.text)))) == 1 + 5
        else:
            assert len(rdflib.Graph().parse(data=response.text, format="nt")) == 5
        exact = client.get("/sparql", params={"query": query.replace("100", "5")}, headers={"Accept": media})
        assert "X-Diplokg-Truncated" not in exact.headers


def test_truncated_select_keeps_terms_intact(make_client):
    """The capped rows are rewritten by diplokg: literals keep their language and datatype, blank nodes stay."""
    query = ('SELECT ?x WHERE { VALUES ?x { "a"@en 1 "b" <http://example.org/i> "2023-09-22"^^<http://www.w3.org/'
             '2001/XMLSchema#date> } } ')
    with make_client(sparql_max_results=4) as client:
        capped = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    with make_client() as client:
        full = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert capped == full[:4]
    assert capped[0]["x"] == {"type": "literal", "value": "a", "xml:lang": "en"}
    assert capped[1]["x"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert capped[2]["x"] == {"type": "literal", "value": "b"}


# -- documentation -----------------------------------------------------------------------------------------


def test_openapi_describes_the_protocol(client):
    paths = client.get("/openapi.json").json()["paths"]["/sparql"]
    get, post = paths["get"], paths["post"]
    assert get["summary"] and "Accept" in get["description"]
    query = next(p for p in get["parameters"] if p["name"] == "query")
    assert query["description"] and query["examples"]
    assert set(get["responses"]["200"]["content"]) >= {
        "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
        "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json"}
    assert set(post["requestBody"]["content"]) == {"application/x-www-form-urlencoded", "application/sparql-query"}
    for status in ("400", "403", "406", "503"):
        assert PROBLEM in get["responses"][status]["content"]


def test_negotiate_and_service_detection_doctests():
    import doctest

    from diplokg.api import sparql_answer

    assert doctest.testmod(sparql_answer).failed == 0


@pytest.mark.parametrize("fails", [False, True])
def test_a_finished_query_frees_its_slot_before_its_answer_is_handed_over(fails):
    """Whoever receives the answer (a client sending its next query at once) must find the slot free: it was
    freed after the answer was handed over, and a quick client with as many connections as slots met 'Busy'."""
    from diplokg.api.sparql_threads import in_daemon_thread

    slot = threading.BoundedSemaphore(1)
    assert slot.acquire(blocking=False)
    free_when_answered, go = [], threading.Event()

    def work():
        go.wait(10)  # (until the test listens for the answer)
        if fails:
            raise ValueError("no answer")
        return "answer"

    future = in_daemon_thread(work, slot)
    future.add_done_callback(lambda f: free_when_answered.append(slot.acquire(blocking=False)))
    go.set()
    concurrent.futures.wait([future], timeout=10)
    deadline = time.monotonic() + 10
    while not free_when_answered and time.monotonic() < deadline:
        time.sleep(0.01)
    assert free_when_answered == [True]


# -- worker processes --------------------------------------------------------------------------------------

COUNT_ARTICLES = ("SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }")


def test_queries_run_in_worker_processes_that_see_every_write(write_client):
    """The embedded store's queries run in worker processes holding a read-only snapshot: after a POST and a
    DELETE, the next query sees the store as it is."""
    from diplokg.api.sparql_pool import QueryPool

    from tests.api.conftest import TOKEN

    assert isinstance(write_client.app.state.service.sparql, QueryPool)

    def articles() -> int:
        response = write_client.get("/sparql", params={"query": COUNT_ARTICLES})
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    before = articles()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    posted = write_client.post("/articles", headers=auth, json={
        "id": "worker-sees-it", "published": "2024-05-02", "text": "China and Syria signed a trade agreement."})
    assert posted.status_code == 201, posted.text
    assert articles() == before + 1
    assert write_client.delete("/articles/worker-sees-it", headers=auth).status_code == 200
    assert articles() == before


@pytest.mark.solo
def test_a_query_past_the_memory_limit_is_stopped(make_client):
    with make_client(sparql_max_memory_mb=1, sparql_timeout=30) as client:
        t0 = time.perf_counter()
        body = assert_problem(client.get("/sparql", params={"query": CARTESIAN + " ORDER BY ?c ?f ?i"}), 503)
        assert "MB of memory" in body["detail"] and time.perf_counter() - t0 < 10
        assert client.app.state.service.sparql.stopped["memory"] == 1


@pytest.mark.solo
def test_the_last_worker_is_kept_for_light_clients(make_client):
    """Two workers: a long query makes its client heavy; that client's next query is not given the last free
    worker (kept for light clients): it waits, then 503 Busy. (A light client served meanwhile is checked on a
    real server, whose clients have addresses of their own: tests/reliability/test_sparql_abuse.py.)"""
    with make_client(sparql_max_running=2, sparql_timeout=3, sparql_long_after=0.2, sparql_queue_seconds=1,
                     sparql_max_per_client=3, sparql_max_results=10**9) as client:
        heavy: dict = {}
        first = threading.Thread(target=lambda: heavy.update(
            long=client.get("/sparql", params={"query": CARTESIAN})))
        first.start()
        # the long query runs (a worker may take a while to start on a busy machine), then passes long_after:
        # its client is heavy
        deadline = time.monotonic() + 10
        while client.get("/health").json()["sparql"]["running"] < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.6)
        t0 = time.perf_counter()
        second = client.get("/sparql", params={"query": ASK})
        waited = time.perf_counter() - t0
        first.join(10)
        assert heavy["long"].status_code == 503
        assert second.status_code == 503 and second.json()["title"] == "Busy", second.text
        assert 0.9 < waited < 4
        # once no long query runs, both workers are free: a heavy client may have one (not the last)
        assert client.get("/sparql", params={"query": ASK}).status_code == 200


def test_workers_start_when_the_app_is_embedded_in_a_script_without_a_main_guard(tmp_path, store):
    """A script (or stdin) that builds the app at top level: multiprocessing's fork server re-ran the script's
    __main__ in each worker (from stdin it could not, and no worker started); diplokg's own fork server runs none
    of it."""
    import subprocess
    import sys

    script = (
        "from fastapi.testclient import TestClient\n"
        "from diplokg.api.app import create_app\n"
        "from diplokg.api.settings import Settings\n"
        "from diplokg.graph.store import EventStore\n"
        f"store = EventStore({str(store.path)!r}, read_only=True)\n"
        "import time\n"
        "with TestClient(create_app(Settings(warm=False), store=store)) as client:\n"
        "    deadline = time.monotonic() + 60  # a first query waits 2 s for a worker: longer on a busy machine\n"
        "    while True:\n"
        "        status = client.get('/sparql', params={'query': 'ASK { ?s ?p ?o }'}).status_code\n"
        "        if status != 503 or time.monotonic() > deadline:\n"
        "            break\n"
        "        time.sleep(0.1)\n"
        "    print('status', status)\n"
        "    print('runner', client.get('/health').json()['sparql']['runner'])\n"
    )
    path = tmp_path / "embedded.py"
    path.write_text(script, encoding="utf-8")
    for run in (lambda: subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120),
                lambda: subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True,
                                       timeout=120)):
        done = run()
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.split() == ["status", "200", "runner", "processes"], (done.stdout, done.stderr[-2000:])
        assert "Traceback" not in done.stderr, done.stderr[-2000:]
