"""Stateful schemathesis over the articles (issue 15): sequences of ``POST /articles``, ``GET /articles/{id}`` and
``DELETE /articles/{id}`` chained by the OpenAPI links the POST, GET and DELETE answers declare
(``api/routers/articles.py``): the id a POST answers is read, deleted, read again. Every answer is checked by
schemathesis (not a server error; status, content type, headers and body as documented; a created article
available, a deleted one gone) but one: a schema-valid body may still be refused (400), as an article text needs
more than its JSON Schema says. At least 1,000 requests, no 5xx.

The app runs in-process (ASGI) over a store of its own holding the seed article, with a token configured and
sent, so every write is really carried out.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.slow

GOLD = Path(__file__).parents[1] / "data" / "gold"
TOKEN = "stateful-token-0123456789"
SCENARIOS = 250  # hypothesis examples of the state machine, each a sequence of up to STEPS calls
STEPS = 12
MIN_REQUESTS = 1000


@pytest.fixture(scope="module")
def seed():
    from diplokg.ingest.evaluate import load_gold

    return [g.article for g in load_gold([GOLD / "seed"])]


@pytest.fixture(scope="module")
def app(tmp_path_factory, coder, seed):
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings
    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ingest_articles

    store = EventStore(tmp_path_factory.mktemp("stateful") / "store")
    ingest_articles(seed, store, coder=coder)
    app = create_app(Settings(api_token=TOKEN, max_body_bytes=200_000), store=store)
    with asgi.get_client(app):  # schemathesis starts the app's lifespan once and keeps it: the service is built
        pass
    app.state.service._coder = coder  # the session's coder, not one more
    yield app
    store.close()


def test_post_get_delete_sequences(app, seed, figures):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex="^/articles")
    requests: dict[str, dict[str, int]] = {}  # operation → status → answers
    statuses: dict[int, int] = {}
    server_errors: list[str] = []

    from diplokg.ingest.pipeline import ingest_articles

    service = app.state.service
    seeded = set(service.store.named_graphs())

    class Articles(schema.as_state_machine()):
        def teardown(self):
            """Each scenario starts from the seeded store, so hypothesis can replay (and shrink) one alone."""
            graphs = set(service.store.named_graphs())
            for graph in graphs - seeded:
                service.store.remove_graph(graph)
            if seeded - graphs:  # the seed article was deleted (its id is the path's documented example)
                with service.write_lock:
                    ingest_articles(seed, service.store, coder=service.coder)
            if graphs != seeded:
                service.changed()
            super().teardown()

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {TOKEN}"}}

        def after_call(self, response, case):
            super().after_call(response, case)
            label = f"{case.method} {case.path}"
            answers = requests.setdefault(label, {})
            answers[str(response.status_code)] = answers.get(str(response.status_code), 0) + 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 500:
                server_errors.append(f"{label} {case.path_parameters} {case.body!r} → {response.text[:300]}")

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, additional_checks=additional_checks,
                                   excluded_checks=[positive_data_acceptance], recorder=self.recorder)

    t0 = time.perf_counter()
    Articles.run(settings=settings(max_examples=SCENARIOS, stateful_step_count=STEPS, deadline=None,
                                   database=None, suppress_health_check=list(HealthCheck)))
    seconds = time.perf_counter() - t0
    total = sum(statuses.values())
    assert not server_errors, server_errors
    assert total >= MIN_REQUESTS, requests
    figures["api_stateful"] = {"requests": total, "scenarios": SCENARIOS,
                               "by_operation": {op: dict(sorted(answers.items()))
                                                for op, answers in sorted(requests.items())},
                               "status_codes": {str(k): v for k, v in sorted(statuses.items())},
                               "server_errors": 0, "seconds": round(seconds, 1), "failures": 0}
