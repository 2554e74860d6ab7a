"""Fixtures for the graph page: a store with the seed and dev articles plus a hostile one, the app over it, a
real uvicorn server on a free loopback port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import socket
import threading
import time
from datetime import date
from pathlib import Path

import pytest

GOLD = Path(__file__).parents[1] / "data" / "gold"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

SCRIPT_PAYLOAD = "</script><script>window.__pwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">'
ALERT_PAYLOAD = "<img src=x onerror=alert(1)>"
HOSTILE_ID = "hostile-2023-09-25"
HOSTILE_TITLE = f"Talks {SCRIPT_PAYLOAD} {IMG_PAYLOAD} {ALERT_PAYLOAD}"
HOSTILE_TEXT = (f"Colombian Foreign Minister Ana {SCRIPT_PAYLOAD} Pérez met Chinese Foreign Minister Wang Yi in "
                f"Beijing on Monday.\n{IMG_PAYLOAD} China and Colombia signed a partnership agreement on Tuesday.")
#: an actor whose very name is markup, linked to China by one event of the hostile article
HOSTILE_ACTOR = "XSSLAND"
LINKED_URL = "https://example.org/news/egypt-israel-gas"
HOSTILE_NAME = f"Xssland {IMG_PAYLOAD}{SCRIPT_PAYLOAD}"



@pytest.fixture(scope="session")
def hostile():
    """The payloads, for assertions (test modules cannot import this conftest under importlib mode)."""
    from types import SimpleNamespace

    return SimpleNamespace(script=SCRIPT_PAYLOAD, img=IMG_PAYLOAD, alert=ALERT_PAYLOAD, article=HOSTILE_ID,
                           title=HOSTILE_TITLE, actor=HOSTILE_ACTOR, name=HOSTILE_NAME, url=LINKED_URL)


def add_hostile(store, coder) -> None:
    """Ingest the hostile article (and a benign one with a link), then give the hostile one an event from an
    actor named with markup."""
    from diplokg.graph.model import Actor, Event, Evidence, actor_triples, event_triples
    from diplokg.graph.namespace import BASE
    from diplokg.ingest.article import Article
    from diplokg.ingest.pipeline import ingest_articles
    from rdflib import URIRef

    article = Article(HOSTILE_TEXT, id=HOSTILE_ID, title=HOSTILE_TITLE, published=date(2023, 9, 25),
                      url="javascript:window.__pwned=1")
    linked = Article("Egypt and Israel signed a gas deal in Cairo on Monday.", id="linked-2023-09-25",
                     title="Egypt and Israel sign a gas deal", published=date(2023, 9, 25),
                     url=LINKED_URL)
    report = ingest_articles([article, linked], store, coder=coder)
    assert report.articles == 2 and report.events >= 3, report
    actor = Actor(code=HOSTILE_ACTOR, label=HOSTILE_NAME, kind="group")
    china = Actor(code="CHN", label="China", kind="state")
    sentence = f"{HOSTILE_NAME} praised China {IMG_PAYLOAD}."
    event = Event(source=actor, target=china, code="051", date="2023-09-25", precision="day",
                  evidence=[Evidence(sentence, 0, len(sentence))])
    store.add_graph(URIRef(f"{BASE}graph/test/hostile-actor"),
                    [*actor_triples(actor), *event_triples(event, HOSTILE_ID)])


@pytest.fixture(scope="session")
def viz_store(tmp_path_factory, coder):
    from diplokg.graph.store import EventStore
    from diplokg.ingest.evaluate import load_gold
    from diplokg.ingest.pipeline import ingest_articles

    store = EventStore(tmp_path_factory.mktemp("viz") / "store")
    report = ingest_articles([g.article for g in load_gold([GOLD / "seed", GOLD / "dev"])], store, coder=coder)
    assert report.articles == 13
    add_hostile(store, coder)
    yield store
    store.close()


def graph_app(store):
    """The service over ``store``, with the graph page's router whether or not create_app includes it yet."""
    from diplokg.api.app import create_app
    from diplokg.api.routers import graph_page
    from diplokg.api.settings import Settings

    app = create_app(Settings(), store=store)
    if not any(getattr(r, "path", None) == "/graph" for r in app.routes):
        app.include_router(graph_page.router)
    return app


@pytest.fixture(scope="session")
def viz_client(viz_store):
    from fastapi.testclient import TestClient

    with TestClient(graph_app(viz_store), raise_server_exceptions=False) as client:
        yield client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(viz_store):
    with LiveServer(graph_app(viz_store)) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page with everything it did recorded: requests, page errors, console errors, dialogs."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_stabilised(self, timeout: float = 30_000) -> None:
        self.page.wait_for_function("() => window.diplokg && window.diplokg.stabilised === true", timeout=timeout)


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield Watched(page)
    context.close()
