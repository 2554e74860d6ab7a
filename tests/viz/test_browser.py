"""The graph page in a real browser (Debian's Chromium via Playwright) against a real uvicorn server."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                reason="needs Debian's Chromium at /usr/bin/chromium")

PWNED = "typeof window.__pwned === 'undefined'"


def node_on_screen(page, node: str) -> dict:
    """The page coordinates of a node's centre."""
    return page.evaluate("""(id) => {
        const p = window.network.getPositions([id])[id];
        const d = window.network.canvasToDOM(p);
        const r = document.querySelector('#graph canvas').getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y};
    }""", node)


def assert_clean(w, server) -> None:
    """Nothing left the server, nothing failed, nothing injected ran."""
    outside = [u for u in w.requests if not u.startswith(server.url + "/")]
    assert not outside, outside
    assert not w.errors, w.errors
    assert not w.dialogs, w.dialogs
    assert w.page.evaluate(PWNED)


def test_page_draws_what_the_api_says(watched, live_server):
    w, page = watched, watched.page
    response = page.goto(f"{live_server.url}/graph")
    assert response.status == 200
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    w.wait_stabilised()
    data = page.request.get(f"{live_server.url}/graph/data").json()
    # drawn: not hidden (the ties past max_edges are in the DataSet, hidden, for the time bar)
    drawn = page.evaluate("[window.network.body.nodeIndices.length, window.network.body.edgeIndices.length]")
    assert drawn == [len(data["nodes"]), len(data["edges"])] and drawn[0] > 20
    # physics stopped once stabilised
    assert page.evaluate("window.network.physics.physicsEnabled") is False
    assert page.locator("#legend li").count() >= 4 + 1
    assert_clean(w, live_server)


def test_clicking_a_node_opens_its_evidence(watched, live_server):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph")
    w.wait_stabilised()
    page.evaluate("window.network.moveTo({position: window.network.getPositions(['SYR']).SYR, scale: 1.5})")
    spot = node_on_screen(page, "SYR")
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    assert page.evaluate("window.network.getSelectedNodes()") == ["SYR"]
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert "Syria" in panel.locator("h2").inner_text()
    assert panel.locator("blockquote.evidence").count() >= 1
    assert "Syria" in " ".join(panel.locator("blockquote.evidence").all_inner_texts())
    title = page.request.get(f"{live_server.url}/articles/dw-2023-09-22-china-syria-partnership").json()["title"]
    page.wait_for_function("(t) => [...document.querySelectorAll('#panel .article')].some(a => a.textContent === t)",
                           arg=title)
    assert_clean(w, live_server)


def test_article_links(watched, live_server, hostile):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph?actor=EGY&depth=1")
    w.wait_stabilised()
    page.evaluate("window.diplokg.showNode('ISR')")
    page.wait_for_function("() => document.querySelectorAll('#panel a.article').length > 0")
    links = page.locator("#panel a.article")
    assert links.first.get_attribute("href") == hostile.url
    assert links.first.get_attribute("rel") == "noopener noreferrer"
    assert_clean(w, live_server)


def test_clicking_an_edge_opens_the_dyad(watched, live_server):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph?actor=SYR&depth=1")
    w.wait_stabilised()
    edge = page.evaluate("window.network.body.data.edges.get().find(e => e.from === 'CHN' && e.to === 'SYR').id")
    page.evaluate("(id) => { window.network.selectEdges([id]); window.diplokg.showEdge(id); }", edge)
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    assert "China → Syria" in page.locator("#panel h2").inner_text()
    assert page.locator("#panel blockquote.evidence").count() >= 1
    assert_clean(w, live_server)


def test_actor_centres_the_view(watched, live_server):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph?actor=CHN")
    w.wait_stabilised()
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    assert page.evaluate("window.network.getSelectedNodes()") == ["CHN"]
    centre = page.evaluate("""() => {
        const p = window.network.getPositions(['CHN']).CHN, v = window.network.getViewPosition();
        return {dx: Math.abs(p.x - v.x), dy: Math.abs(p.y - v.y), scale: window.network.getScale()};
    }""")
    assert centre["dx"] < 5 and centre["dy"] < 5, centre
    # and on screen, China is in the middle of the canvas
    spot = node_on_screen(page, "CHN")
    box = page.locator("#graph canvas").bounding_box()
    assert abs(spot["x"] - (box["x"] + box["width"] / 2)) < 5 and abs(spot["y"] - (box["y"] + box["height"] / 2)) < 5
    assert "China" in page.locator("#panel h2").inner_text()
    assert_clean(w, live_server)


def test_search_and_filters(watched, live_server):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph")
    w.wait_stabilised()
    page.fill("#search", "saudi")
    page.press("#search", "Enter")
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    assert page.evaluate("window.network.getSelectedNodes()") == ["SAU"]
    # only material conflict, from 2020: the form reloads /graph with the new query
    for q in ("1", "2", "3"):
        page.uncheck(f"#f-quads input[value='{q}']")
    page.fill("#f-since", "2020")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    assert page.url.endswith("/graph?since=2020&quad=4")
    w.wait_stabilised()
    quads = page.evaluate("[...new Set(window.network.body.data.edges.get().map(e => e.quad))]")
    assert quads == [4]
    data = page.request.get(f"{live_server.url}/graph/data?since=2020&quad=4").json()
    assert page.evaluate("window.network.body.data.nodes.length") == len(data["nodes"])
    assert_clean(w, live_server)


def test_hostile_article_never_runs(watched, live_server, hostile):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph?actor={hostile.actor}&depth=1")
    w.wait_stabilised()
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    # the node's name is shown as text, markup and all
    assert page.evaluate(f"window.network.body.data.nodes.get('{hostile.actor}').label") == hostile.name
    assert hostile.name in page.locator("#panel h2").inner_text()
    page.wait_for_function("() => document.querySelectorAll('#panel .article').length > 0 && "
                           "[...document.querySelectorAll('#panel .article')].every(a => a.textContent.startsWith('Talks'))")
    # the article's title is text and its javascript: URL is not a link
    titles = page.locator("#panel .article").all_inner_texts()
    assert titles and all(hostile.script in t for t in titles)
    assert page.locator("#panel a").count() == 0
    assert page.locator("#panel img, #panel script, #legend img").count() == 0
    evidence = " ".join(page.locator("#panel blockquote.evidence").all_inner_texts())
    assert hostile.img in evidence
    # tooltips: hover the node and the edge
    spot = node_on_screen(page, hostile.actor)
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tooltip = page.locator("div.vis-tooltip")
    assert hostile.name in tooltip.inner_text() and tooltip.locator("img, script").count() == 0
    # the edges of the hostile article: Colombia with China
    page.goto(f"{live_server.url}/graph?actor=COL&depth=1")
    w.wait_stabilised()
    edge = page.evaluate("window.network.body.data.edges.get().find(e => e.from === 'CHN' && e.to === 'COL').id")
    page.evaluate("(id) => window.diplokg.showEdge(id)", edge)
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    assert hostile.img in " ".join(page.locator("#panel blockquote.evidence").all_inner_texts())
    page.wait_for_timeout(300)  # let any injected handler fire, were there one
    assert page.locator("img").count() == 0
    assert_clean(w, live_server)


def test_standalone_file_works_offline(watched, viz_store, tmp_path, hostile):
    from diplokg.viz.page import write_page

    w, page = watched, watched.page
    path = write_page(viz_store, tmp_path / "graph.html", actor="SYR", depth=1)
    page.goto(path.as_uri())
    w.wait_stabilised()
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    assert page.evaluate("window.network.getSelectedNodes()") == ["SYR"]
    assert page.locator("#panel blockquote.evidence").count() >= 1
    assert w.requests == [path.as_uri()]
    assert not w.errors and not w.dialogs and page.evaluate(PWNED)
    # client-side filters: only verbal cooperation
    for q in ("2", "3", "4"):
        page.uncheck(f"#f-quads input[value='{q}']")
    page.click("#filters button[type=submit]")
    w.wait_stabilised()
    assert page.evaluate("[...new Set(window.network.body.data.edges.get().map(e => e.quad))]") == [1]
    assert w.requests == [path.as_uri()] and not w.errors
