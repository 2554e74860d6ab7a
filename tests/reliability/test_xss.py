"""The page under hostile data, in Debian's Chromium: XSS payloads in article titles, article text (evidence) and
actor names, each shown in the graph, its tooltips and the side panel; none may execute (``window.__pwned``
stays unset, no dialog opens, no injected element appears) and the page is sent with a Content-Security-Policy
allowing only its own origin. The served page and the standalone offline file are both checked."""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import pytest

from tests.servers import free_port

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                reason="needs Debian's Chromium at /usr/bin/chromium")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RUN = "window.__pwned=1"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f"</script><script>{RUN}</script>",
    f"</SCRIPT><SCRIPT>{RUN}</SCRIPT>",
    f'<img src=x onerror="{RUN}">',
    f"<img src=x onerror={RUN}>",
    f'<svg onload="{RUN}">',
    f"<svg><script>{RUN}</script></svg>",
    f'<svg><a href="javascript:{RUN}"><text>x</text></a></svg>',
    f'<a href="javascript:{RUN}">link</a>',
    f"javascript:{RUN}",
    f'<iframe src="javascript:{RUN}"></iframe>',
    f'<iframe srcdoc="<script>parent.{RUN}</script>"></iframe>',
    f'<body onload="{RUN}">',
    f'<input autofocus onfocus="{RUN}">',
    f'<details open ontoggle="{RUN}">',
    f'"><img src=x onerror={RUN}>',
    f"'><script>{RUN}</script>",
    f"&lt;script&gt;{RUN}&lt;/script&gt;",
    f"&#60;img src=x onerror={RUN}&#62;",
    "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
    f"\\u003cimg src=x onerror={RUN}\\u003e",
    f"<math><mtext><table><mglyph><style><img src=x onerror={RUN}>",
    f'<object data="javascript:{RUN}"></object>',
    f'<div style="background:url(javascript:{RUN})">x</div>',
    f"<!--<img src=\"--><img src=x onerror={RUN}//\">",
    f"<scr<script>ipt>{RUN}</scr</script>ipt>",
    f'<a href="data:text/html,<script>{RUN}</script>">d</a>',
    f"\u2028</script><script>{RUN}</script>\u2029",
    "${" + RUN + "}{{constructor.constructor('" + RUN + "')()}}",
    "<img src=x onerror=alert(1)>",
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">',
    f'<base href="javascript:{RUN}//">',
    f'<form action="javascript:{RUN}"><button>go</button></form>',
]
#: elements a payload could smuggle in; the page itself has none of them in its panel, tooltips or legend
INJECTED = "#panel img, #panel script, #panel iframe, #panel svg, #panel object, #panel input, #panel details, " \
           "#panel form, #panel meta, #panel base, div.vis-tooltip img, div.vis-tooltip script, #legend img"


def code(i: int) -> str:
    return f"XSS{i:02d}"


def hostile_store(path, coder):
    """The seed article plus, per payload, an article whose title and text hold it, and an actor named with it
    whose event towards China quotes it as evidence."""
    from diplokg.graph.model import Actor, Event, Evidence, actor_triples, event_triples
    from diplokg.graph.namespace import BASE
    from diplokg.graph.store import EventStore
    from diplokg.ingest.article import Article
    from diplokg.ingest.evaluate import load_gold
    from diplokg.ingest.pipeline import ingest_articles
    from rdflib import URIRef

    store = EventStore(path)
    gold = Path(__file__).parents[1] / "data" / "gold"
    articles = [g.article for g in load_gold([gold / "seed"])]
    for i, payload in enumerate(PAYLOADS):
        articles.append(Article(f"China and Syria signed a deal {payload} on Monday.\n{payload} Egypt praised Iran.",
                                id=f"xss-{i:02d}", title=f"Report {payload}", published=date(2023, 9, 25),
                                url=payload if payload.startswith("javascript:") else f"javascript:{RUN}"))
    report = ingest_articles(articles, store, coder=coder)
    assert report.articles == len(articles), report.failures
    china = Actor(code="CHN", label="China", kind="state")
    for i, payload in enumerate(PAYLOADS):
        actor = Actor(code=code(i), label=f"Actor {payload}", kind="group")
        sentence = f"{payload} praised China."
        event = Event(source=actor, target=china, code="051", date="2023-09-25", precision="day",
                      evidence=[Evidence(sentence, 0, len(sentence))])
        store.add_graph(URIRef(f"{BASE}graph/test/xss-{i:02d}"),
                        [*actor_triples(actor), *event_triples(event, f"xss-{i:02d}")])
    return store


@pytest.fixture(scope="module")
def site(tmp_path_factory, coder):
    """uvicorn serving the app over the hostile store, in a thread; (url, store)."""
    import uvicorn
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings

    store = hostile_store(tmp_path_factory.mktemp("xss") / "store", coder)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(), store=store), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        yield page
        browser.close()


def assert_nothing_ran(page, where: str) -> None:
    page.wait_for_timeout(60)  # let an injected handler fire, were there one
    assert page.evaluate("typeof window.__pwned === 'undefined'"), where
    assert not page.dialogs, (where, page.dialogs)
    assert page.locator(INJECTED).count() == 0, where


def visit_every_actor(page) -> int:
    """Open the panel of every hostile actor (its name, its event's evidence, the article's title), hover its
    node for the tooltip, open the China edge; returns how many views were checked."""
    views = 0
    for i, payload in enumerate(PAYLOADS):
        page.evaluate("(id) => window.diplokg.showNode(id)", code(i))
        page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
        heading = page.locator("#panel h2").inner_text()
        assert heading.startswith("Actor ") and payload.strip()[:12] in heading, (i, heading)  # shown as text
        assert_nothing_ran(page, f"panel of {code(i)}")
        spot = page.evaluate("""(id) => { const p = window.network.getPositions([id])[id];
            const d = window.network.canvasToDOM(p); const r = document.querySelector('#graph canvas')
            .getBoundingClientRect(); return {x: r.left + d.x, y: r.top + d.y}; }""", code(i))
        page.mouse.move(spot["x"], spot["y"])
        page.wait_for_timeout(50)
        edge = page.evaluate("(id) => (window.network.body.data.edges.get().find(e => e.from === id) || {}).id",
                             code(i))
        if edge:
            page.evaluate("(id) => window.diplokg.showEdge(id)", edge)
            page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
        assert_nothing_ran(page, f"tooltip and edge of {code(i)}")
        views += 1
    return views


def test_payloads_never_run_on_the_served_page(page, site, figures):
    from diplokg.viz.page import CSP

    url, _ = site
    response = page.goto(f"{url}/graph?actor=CHN&depth=1")
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    assert csp == CSP
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp
    page.wait_for_function("() => window.diplokg && window.diplokg.stabilised === true", timeout=60_000)
    labels = page.evaluate("window.network.body.data.nodes.get().map(n => n.label)")
    assert sum(1 for p in PAYLOADS if f"Actor {p}" in labels) == len(PAYLOADS)  # shown, as text
    views = visit_every_actor(page)
    # the articles' own pages in the API answer JSON, never HTML
    api = page.request.get(f"{url}/articles/xss-00")
    assert api.headers["content-type"].startswith("application/json")
    figures["xss"] = {"payloads": len(PAYLOADS), "fields_per_payload": 3, "views_checked": views,
                      "executed": 0, "dialogs": 0, "csp": CSP, "failures": 0}


def test_payloads_never_run_in_the_offline_file(page, site, tmp_path):
    from diplokg.viz.page import write_page

    _, store = site
    path = write_page(store, tmp_path / "graph.html", actor="CHN", depth=1)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.diplokg && window.diplokg.stabilised === true", timeout=60_000)
    visit_every_actor(page)
