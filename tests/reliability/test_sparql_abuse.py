"""SPARQL abuse against a real ``diplokg serve``: updates in every form, LOAD, SERVICE are refused and change
nothing; a huge CONSTRUCT and cartesian products are cut by the time limit with a clear error; and /health
answers quickly while abusive queries run."""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

import httpx
import pytest

SEED = Path(__file__).parents[1] / "data" / "gold" / "seed" / "dw-2023-09-22-china-syria-partnership.txt"
TIMEOUT = 3.0
#: a /health answer slower than this while abuse runs fails (a server blocked by the query would take TIMEOUT)
HEALTH_LIMIT = 1.5
G = "<https://example.org/g>"
T = "<https://example.org/s> <https://example.org/p> <https://example.org/o>"
UPDATES = [
    f"INSERT DATA {{ {T} }}",
    f"INSERT DATA {{ GRAPH {G} {{ {T} }} }}",
    "DELETE DATA { <https://w3id.org/diplokg/graph/reference> <https://w3id.org/diplokg/vocab#contentHash> \"x\" }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p \"pwned\" } WHERE { ?s ?p ?o }",
    "WITH <https://w3id.org/diplokg/graph/reference> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/evil.ttl>",
    "LOAD SILENT <file:///etc/passwd> INTO GRAPH <https://example.org/g>",
    "CLEAR ALL", "CLEAR DEFAULT", "CLEAR SILENT GRAPH <https://w3id.org/diplokg/graph/reference>",
    "DROP ALL", "DROP NAMED", "DROP GRAPH <https://w3id.org/diplokg/graph/reference>",
    f"CREATE GRAPH {G}", f"ADD DEFAULT TO {G}", f"MOVE DEFAULT TO {G}", f"COPY DEFAULT TO {G}",
    f"PREFIX ex: <https://example.org/> INSERT DATA {{ {T} }} ; DROP ALL",
]
SERVICE = ["SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
           "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
           "SELECT * WHERE { ?s ?p ?o . service <http://example.org/sparql> { ?s ?q ?r } }"]
#: stopped at their next row once the time limit passes
ABUSIVE = {
    "cartesian": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "huge construct": "CONSTRUCT { ?a ?b ?c . ?d ?e ?f . ?a ?e ?i } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "cartesian with path": "SELECT * WHERE { ?a (<x:p>|!<x:q>)* ?b . ?c ?d ?e }",
}
#: busy inside one step (an aggregate, a sort, a filter no row passes) that Python cannot interrupt: they go on
#: after their 503
UNINTERRUPTIBLE = {
    "regex blowup": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(REGEX(CONCAT(STR(?c), STR(?f)), \"^(a+)+b$\")) }",
    "sorted cartesian": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i",
    "aggregate cartesian": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
}
MAX_RUNNING = 3


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory, run_cli):
    store = tmp_path_factory.mktemp("sparql") / "store"
    assert run_cli("ingest", str(SEED), "--store", str(store)).returncode == 0
    return store


@pytest.fixture
def served(seed_dir, server):
    with server(seed_dir, env={"DIPLOKG_SPARQL_TIMEOUT": str(TIMEOUT),
                               "DIPLOKG_SPARQL_MAX_RUNNING": str(MAX_RUNNING)}) as s:
        yield s


def measure_health(base: str, workers: list[threading.Thread]) -> list[float]:
    """/health every 50 ms while the workers run: its latencies."""
    latencies = []
    while any(w.is_alive() for w in workers):
        t0 = time.perf_counter()
        assert httpx.get(f"{base}/health", timeout=10).status_code == 200
        latencies.append(time.perf_counter() - t0)
        time.sleep(0.05)
    return latencies


def quads(base: str) -> int:
    return httpx.get(f"{base}/health", timeout=30).json()["triples"]


def graphs(base: str) -> str:
    response = httpx.get(f"{base}/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                         timeout=30)
    return response.json()["results"]["bindings"][0]["n"]["value"]


def test_updates_in_every_form_are_refused(served, figures):
    base = served.url
    before = (quads(base), graphs(base))
    sent = 0
    for update in UPDATES:
        attempts = [
            httpx.get(f"{base}/sparql", params={"update": update}, timeout=30),
            httpx.post(f"{base}/sparql", data={"update": update}, timeout=30),
            httpx.post(f"{base}/sparql", content=update, headers={"Content-Type": "application/sparql-update"},
                       timeout=30),
            httpx.get(f"{base}/sparql", params={"query": update}, timeout=30),
            httpx.post(f"{base}/sparql", data={"query": update}, timeout=30),
            httpx.post(f"{base}/sparql", content=update, headers={"Content-Type": "application/sparql-query"},
                       timeout=30),
            httpx.post(f"{base}/sparql", params={"update": update}, data={"query": "ASK {}"}, timeout=30),
        ]
        for response in attempts:
            sent += 1
            assert response.status_code in (400, 403), (update, response.status_code, response.text)
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.json()["detail"]
    for query in SERVICE:
        response = httpx.get(f"{base}/sparql", params={"query": query}, timeout=30)
        sent += 1
        assert response.status_code == 403 and "SERVICE" in response.json()["detail"], response.text
    assert (quads(base), graphs(base)) == before, "an update changed the store"
    figures["sparql_refused"] = {"updates": len(UPDATES), "forms_per_update": 7, "service_queries": len(SERVICE),
                                 "requests": sent, "store_changed": 0, "failures": 0}


def test_abusive_queries_are_cut_and_health_stays_fast(served, figures):
    """Each abusive query, run twice at once, ends within the time limit with a 503 problem (or a capped 200);
    meanwhile /health is asked every 50 ms and must answer each time within a second."""
    base = served.url
    results: dict[str, dict] = {}
    for name, query in ABUSIVE.items():
        answers: list[tuple[int, float, str]] = []

        def run(q=query, out=answers) -> None:
            t0 = time.perf_counter()
            r = httpx.get(f"{base}/sparql", params={"query": q}, timeout=60)
            out.append((r.status_code, time.perf_counter() - t0, r.headers.get("content-type", "")
                        + " " + (r.text[:200] if r.status_code != 200 else r.headers.get("X-Diplokg-Truncated", ""))))

        workers = [threading.Thread(target=run) for _ in range(2)]
        for w in workers:
            w.start()
        latencies = measure_health(base, workers)
        for w in workers:
            w.join()
        for status, seconds, body in answers:
            if status == 503:
                assert "exceeded" in body and "problem+json" in body, body
            else:
                assert status == 200 and body.endswith("true"), (name, status, body)  # cut at the result limit
            assert seconds < TIMEOUT + 3, (name, seconds)
        assert latencies and max(latencies) < HEALTH_LIMIT, (name, latencies)
        # stopped, not merely abandoned: their slots are free again, an ordinary query answers
        ask = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert ask.status_code == 200, (name, ask.text)
        results[name] = {"statuses": sorted(s for s, _, _ in answers),
                         "longest_answer_s": round(max(s for _, s, _ in answers), 2),
                         "health_requests": len(latencies),
                         "health_median_ms": round(statistics.median(latencies) * 1000, 1),
                         "health_max_ms": round(max(latencies) * 1000, 1)}
    # and after the abuse, an ordinary query still answers
    ask = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    figures["sparql_abuse"] = {"time_limit_s": TIMEOUT, "queries": len(ABUSIVE), "concurrent_per_query": 2,
                               **{name.replace(" ", "_"): r for name, r in results.items()}, "failures": 0}


def test_uninterruptible_queries_cannot_pile_up(served, figures):
    """Queries Python cannot stop go on after their 503; at most MAX_RUNNING run at once, so a flood of them is
    refused at once (503 Busy), the CPU they can take is bounded, and the rest of the API stays fast."""
    base = served.url
    answers: list[tuple[int, float, str]] = []
    lock = threading.Lock()

    def run(q: str) -> None:
        t0 = time.perf_counter()
        r = httpx.get(f"{base}/sparql", params={"query": q}, timeout=60)
        with lock:
            answers.append((r.status_code, time.perf_counter() - t0, r.json().get("title", "")))

    flood = [threading.Thread(target=run, args=(q,)) for q in list(UNINTERRUPTIBLE.values()) * 4]
    for w in flood:
        w.start()
    latencies = measure_health(base, flood)
    for w in flood:
        w.join()
    timed_out = [a for a in answers if a[2] == "Query timeout"]
    busy = [a for a in answers if a[2] == "Busy"]
    assert len(timed_out) + len(busy) == len(flood) and all(a[0] == 503 for a in answers), answers
    assert len(timed_out) <= MAX_RUNNING and busy, answers
    assert max(s for _, s, _ in busy) < HEALTH_LIMIT and max(s for _, s, _ in timed_out) < TIMEOUT + 3
    assert max(latencies) < HEALTH_LIMIT, latencies
    # the stragglers still hold their slots: SPARQL answers Busy, everything else answers
    still = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert still.status_code == 503 and still.json()["title"] == "Busy"
    t0 = time.perf_counter()
    assert httpx.get(f"{base}/events", params={"limit": 5}, timeout=30).status_code == 200
    events_s = time.perf_counter() - t0
    assert events_s < HEALTH_LIMIT
    figures["sparql_stragglers"] = {"flood": len(flood), "max_running": MAX_RUNNING, "timed_out": len(timed_out),
                                    "refused_busy": len(busy), "health_requests": len(latencies),
                                    "health_max_ms": round(max(latencies) * 1000, 1),
                                    "events_ms_with_stragglers": round(events_s * 1000, 1), "failures": 0}
