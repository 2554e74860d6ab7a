"""Time on the page, in a real browser (Debian's Chromium via Playwright): the time bar's range filters the drawn
network to what ``/graph/data?since=&until=`` says, play steps through the months, a tie's trend is ``/timeline``
split by QuadClass with each month's events listed under it, and article text never becomes markup there."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                reason="needs Debian's Chromium at /usr/bin/chromium")

PWNED = "typeof window.__pwned === 'undefined'"
DRAWN = """() => {
    const b = window.network.body, t = window.diplokg.time;
    return {nodes: b.nodeIndices.slice().sort(), edges: b.edgeIndices.slice().sort(), range: t ? t.range : null,
            events: t ? t.events : null, counted: t ? [t.nodes, t.edges] : null};
}"""


def assert_clean(w, server=None) -> None:
    if server is not None:
        outside = [u for u in w.requests if not u.startswith(server.url + "/")]
        assert not outside, outside
    assert not w.errors, w.errors
    assert not w.dialogs, w.dialogs
    assert w.page.evaluate(PWNED)


def bar_geometry(page) -> dict:
    """The time bar's canvas on the page and its plot: left edge, month width, number of months, middle y."""
    g = page.evaluate("window.diplokg.timebar.geometry()")
    box = page.locator("#tb-canvas").bounding_box()
    return {"x": box["x"] + g["left"], "slot": g["slot"], "months": g["months"], "y": box["y"] + g["top"] + g["height"] / 2}


def drag(page, x0: float, x1: float, y: float) -> None:
    page.mouse.move(x0, y)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, y, steps=4)
    page.mouse.move(x1, y, steps=4)
    page.mouse.up()


def api_view(page, server, range_: dict | None, query: str = "") -> dict:
    params = [query] if query else []
    if range_:
        params += [f"since={range_['since']}", f"until={range_['until']}"]
    return page.request.get(f"{server.url}/graph/data" + ("?" + "&".join(params) if params else "")).json()


def assert_drawn_is(page, data: dict) -> dict:
    drawn = page.evaluate(DRAWN)
    assert drawn["nodes"] == sorted(n["id"] for n in data["nodes"])
    assert drawn["edges"] == sorted(e["id"] for e in data["edges"])
    assert drawn["counted"] == [len(data["nodes"]), len(data["edges"])]
    assert drawn["events"] == data["stats"]["events"]
    return drawn


def test_dragging_the_range_draws_what_graph_data_says(watched, live_server):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph")
    w.wait_stabilised()
    everything = api_view(page, live_server, None)
    g = bar_geometry(page)
    assert g["months"] == everything["time"]["months"] > 24
    # the left handle from the first month to the 27th: the range starts there
    drag(page, g["x"], g["x"] + 26 * g["slot"], g["y"])
    drawn = page.evaluate(DRAWN)
    first = everything["time"]["first"]
    assert drawn["range"]["since"] > first and drawn["range"]["until"] == page.evaluate(
        "window.diplokgTime.monthName(window.diplokg.timebar.origin, window.diplokg.timebar.months - 1)")
    assert_drawn_is(page, api_view(page, live_server, drawn["range"]))
    assert len(drawn["edges"]) < len(everything["edges"])
    # the right handle back to the 71st month
    end = g["x"] + g["months"] * g["slot"]
    drag(page, end, g["x"] + 71 * g["slot"], g["y"])
    drawn = page.evaluate(DRAWN)
    data = api_view(page, live_server, drawn["range"])
    assert_drawn_is(page, data)
    assert 0 < len(data["edges"]) < len(everything["edges"])
    assert drawn["range"]["since"] in page.locator("#status").inner_text()
    # the form's dates follow, so Apply keeps the range: the page of those dates draws the same
    assert [page.input_value("#f-since"), page.input_value("#f-until")] == [drawn["range"]["since"],
                                                                            drawn["range"]["until"]]
    # the whole window dragged later by ten months
    middle = g["x"] + 48 * g["slot"]
    drag(page, middle, middle + 10 * g["slot"], g["y"])
    moved = page.evaluate(DRAWN)
    assert moved["range"]["since"] > drawn["range"]["since"]
    assert_drawn_is(page, api_view(page, live_server, moved["range"]))
    # a fresh brush over a few months, then the keyboard moves it
    drag(page, g["x"] + 60.5 * g["slot"], g["x"] + 66.5 * g["slot"], g["y"])
    brushed = page.evaluate(DRAWN)["range"]
    page.focus("#tb-canvas")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Shift+ArrowRight")
    keyed = page.evaluate(DRAWN)["range"]
    assert keyed != brushed and keyed["since"] < brushed["since"]
    assert_drawn_is(page, api_view(page, live_server, keyed))
    # double-click: all time again, undated events and all
    page.mouse.dblclick(g["x"] + 5, g["y"])
    assert page.evaluate(DRAWN)["range"] is None
    assert_drawn_is(page, everything)
    assert page.input_value("#f-since") == page.input_value("#f-until") == ""
    assert_clean(w, live_server)


def test_ranges_keep_the_other_filters(watched, live_server):
    w, page = watched, watched.page
    query = "actor=CHN&depth=1&quad=1,2"
    page.goto(f"{live_server.url}/graph?{query}")
    w.wait_stabilised()
    months = page.evaluate("window.diplokg.timebar.months")
    for lo, hi in ((0, months // 2), (months // 3, months - 1), (months - 12, months - 1)):
        page.evaluate(f"window.diplokg.setRange({lo}, {hi})")
        drawn = page.evaluate(DRAWN)
        data = api_view(page, live_server, drawn["range"], query)
        assert_drawn_is(page, data)
        assert "CHN" in drawn["nodes"]  # the centre stays, even alone
    assert_clean(w, live_server)


def test_play_steps_through_the_months(watched, live_server):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph")
    w.wait_stabilised()
    months = page.evaluate("window.diplokg.timebar.months")
    page.evaluate(f"window.diplokg.setRange({months - 8}, {months - 7})")  # a two-month window near the end
    start = page.evaluate(DRAWN)["range"]
    page.click("#tb-play")
    assert page.get_attribute("#tb-play", "aria-pressed") == "true"
    page.wait_for_function("(s) => document.body.dataset.range && !document.body.dataset.range.startsWith(s)",
                           arg=start["since"])
    page.wait_for_function("() => document.querySelector('#tb-play').getAttribute('aria-pressed') === 'false'",
                           timeout=20_000)  # stops at the last month
    last = page.evaluate(DRAWN)
    lo, hi = page.evaluate("[window.diplokg.timebar.range.lo, window.diplokg.timebar.range.hi]")
    assert (lo, hi) == (months - 2, months - 1)  # the window kept its width
    assert_drawn_is(page, api_view(page, live_server, last["range"]))
    assert_clean(w, live_server)


def test_the_trend_of_a_tie_is_its_timeline(watched, live_server):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph")
    w.wait_stabilised()
    edge = page.evaluate("window.network.body.data.edges.get().find(e => e.from === 'CHN' && e.to === 'SYR').id")
    page.evaluate("(id) => { window.network.selectEdges([id]); window.diplokg.showEdge(id); }", edge)
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    trend = page.evaluate("window.diplokg.trend")
    timeline = page.request.get(f"{live_server.url}/timeline?source=CHN&target=SYR").json()
    assert [(p["period"], p["events"]) for p in trend["periods"]] == \
        [(p["period"], p["events"]) for p in timeline["periods"]]
    for ours, theirs in zip(trend["periods"], timeline["periods"]):
        assert ours["goldstein_mean"] == pytest.approx(theirs["goldstein_mean"], abs=1e-3)
        assert sum(ours["quads"]) == ours["events"]
    # the trend sits above the evidence
    order = page.evaluate("""() => { const t = document.querySelector('#panel section.trend'),
        e = document.querySelector('#panel blockquote.evidence');
        return t.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING; }""")
    assert order
    # click the busiest month's bar: its events, with their sentences, are listed under the trend
    bar = max(trend["bars"], key=lambda b: b["events"])
    box = page.locator("#panel canvas.trend-chart").bounding_box()
    page.mouse.click(box["x"] + bar["x"] + bar["w"] / 2, box["y"] + bar["y"] + bar["h"] / 2)
    page.wait_for_function("(p) => window.diplokg.month && window.diplokg.month.period === p && "
                           "window.diplokg.month.loaded", arg=bar["period"])
    month = page.locator("#panel .trend-month")
    dates = month.locator("li.event .date").all_inner_texts()
    assert len(dates) == bar["events"] and all(d.startswith(bar["period"]) for d in dates)
    assert month.locator("blockquote.evidence").count() >= bar["events"]
    assert bar["period"][:4] in month.locator("h3").inner_text()
    # the keyboard: the month before, listed with Enter
    page.focus("#panel canvas.trend-chart")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    earlier = [p["period"] for p in trend["periods"] if p["period"] < bar["period"]]
    if earlier:
        page.wait_for_function("(p) => window.diplokg.month.period === p && window.diplokg.month.loaded",
                               arg=earlier[-1])
        assert all(d.startswith(earlier[-1]) for d in month.locator("li.event .date").all_inner_texts())
    assert_clean(w, live_server)


def test_the_offline_file_lists_a_months_events(watched, viz_store, tmp_path):
    from diplokg.viz.page import write_page

    w, page = watched, watched.page
    path = write_page(viz_store, tmp_path / "graph.html", actor="SYR", depth=1)
    page.goto(path.as_uri())
    w.wait_stabilised()
    edge = page.evaluate("window.network.body.data.edges.get().find(e => e.from === 'CHN' && e.to === 'SYR').id")
    page.evaluate("(id) => window.diplokg.showEdge(id)", edge)
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    busiest = max(page.evaluate("window.diplokg.trend.periods"), key=lambda p: p["events"])
    page.evaluate("(p) => window.diplokg.trend.choose(p)", busiest["period"])
    page.wait_for_function("() => window.diplokg.month && window.diplokg.month.loaded")
    dates = page.locator("#panel .trend-month li.event .date").all_inner_texts()
    assert len(dates) == busiest["events"] and all(d.startswith(busiest["period"]) for d in dates)
    assert page.locator("#panel .trend-month blockquote.evidence").count() >= len(dates)
    assert w.requests == [path.as_uri()]
    assert_clean(w)


def test_payloads_in_titles_and_sentences_stay_text_in_the_time_views(watched, live_server, hostile):
    w, page = watched, watched.page
    page.goto(f"{live_server.url}/graph?actor=COL&depth=1")
    w.wait_stabilised()
    page.evaluate("window.diplokg.setRange(0, window.diplokg.timebar.months - 1)")
    edge = page.evaluate("window.network.body.data.edges.get().find(e => e.from === 'CHN' && e.to === 'COL').id")
    page.evaluate("(id) => window.diplokg.showEdge(id)", edge)
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    page.evaluate("window.diplokg.trend.choose('2023-09')")
    page.wait_for_function("() => window.diplokg.month && window.diplokg.month.loaded")
    month = page.locator("#panel .trend-month")
    assert hostile.img in " ".join(month.locator("blockquote.evidence").all_inner_texts())
    page.wait_for_function("() => [...document.querySelectorAll('#panel .trend-month .article')]"
                           ".some(a => a.textContent.startsWith('Talks'))")
    titles = month.locator(".article").all_inner_texts()
    assert any(hostile.script in t for t in titles)
    # the hostile actor's tie: its name is in the trend's heading, as text
    page.goto(f"{live_server.url}/graph?actor={hostile.actor}&depth=1")
    w.wait_stabilised()
    edge = page.evaluate(f"window.network.body.data.edges.get().find(e => e.from === '{hostile.actor}').id")
    page.evaluate("(id) => window.diplokg.showEdge(id)", edge)
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    assert hostile.name in page.locator("#panel section.trend h3").inner_text()
    page.evaluate("window.diplokg.trend.choose(window.diplokg.trend.periods[0].period)")
    page.wait_for_function("() => window.diplokg.month && window.diplokg.month.loaded")
    chart = page.locator("#panel canvas.trend-chart").bounding_box()
    page.mouse.move(chart["x"] + chart["width"] / 2, chart["y"] + chart["height"] / 2)
    page.wait_for_timeout(300)  # let any injected handler fire, were there one
    assert page.locator("img, #panel script, #panel svg, #panel iframe, #timebar img").count() == 0
    assert_clean(w, live_server)


def random_network():
    from diplokg.graph.network import EventNetwork

    rng = random.Random(11)
    days = [None, "2018", "2019"] + [f"{y}-{m:02d}" for y in (2018, 2019, 2020) for m in (1, 4, 7, 11)] + \
        [f"{y}-{m:02d}-{d:02d}" for y in (2018, 2019, 2020) for m in (2, 6, 12) for d in (1, 28)]
    actors = {f"R{i}": {"label": f"Actor {i}", "kind": "state"} for i in range(40)}
    actors["R7"]["label"] = "Seven <img src=x onerror=\"window.__pwned=1\">"
    rows = [{"id": f"r{i}", "source": f"R{rng.randrange(40) // rng.choice((1, 2, 4))}",
             "target": f"R{rng.randrange(40)}", "code": rng.choice(["042", "057", "073", "111", "173", "190"]),
             "date": rng.choice(days), "article": "a"} for i in range(1500)]
    return EventNetwork.from_rows(rows, actors)


def test_the_offline_file_filters_as_build_graph_does(watched, tmp_path):
    from diplokg.viz.page import build_graph, write_page

    w, page = watched, watched.page
    net = random_network()
    path = write_page(net, tmp_path / "time.html", max_edges=60)
    page.goto(path.as_uri())
    w.wait_stabilised()
    first = build_graph(net, max_edges=60)
    assert first["more"]  # ties past max_edges, which a narrower range may draw
    origin, months = first["time"]["origin"], first["time"]["months"]
    rng = random.Random(2)
    ranges = [(0, 0), (0, months - 2), (1, months - 1), (13, 13), (12, 23)] + \
        [tuple(sorted(rng.sample(range(months), 2))) for _ in range(10)]
    for lo, hi in ranges:
        page.evaluate(f"window.diplokg.setRange({lo}, {hi})")
        since, until = (f"{(origin + i) // 12:04d}-{(origin + i) % 12 + 1:02d}" for i in (lo, hi))
        assert page.evaluate(DRAWN)["range"] == {"since": since, "until": until}
        assert_drawn_is(page, build_graph(net, since=since, until=until, max_edges=60))
    page.evaluate("window.diplokg.timebar.all()")
    assert_drawn_is(page, first)
    # a trend offline: the network's timeline
    page.evaluate("window.diplokg.showEdge('R0|R1|1') || window.diplokg.showEdge(window.network.body.data.edges"
                  ".get().find(e => !e.hidden).id)")
    pair = page.evaluate("window.diplokg.trend.pair")
    timeline = net.timeline(*pair)
    assert [(p["period"], p["events"]) for p in page.evaluate("window.diplokg.trend.periods")] == \
        [(p["period"], p["events"]) for p in timeline["periods"]]
    assert w.requests == [path.as_uri()]
    assert_clean(w)


def test_a_view_without_dates_has_a_quiet_time_bar(watched, tmp_path):
    from diplokg.graph.network import EventNetwork
    from diplokg.viz.page import write_page

    w, page = watched, watched.page
    net = EventNetwork.from_rows([{"id": "u1", "source": "AAA", "target": "BBB", "code": "042"},
                                  {"id": "u2", "source": "BBB", "target": "AAA", "code": "111"}])
    page.goto(write_page(net, tmp_path / "undated.html").as_uri())
    w.wait_stabilised()
    assert page.is_disabled("#tb-play") and page.is_disabled("#tb-all")
    assert "No events dated to a month" in page.inner_text("#tb-label")
    box = page.locator("#tb-canvas").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # nothing to choose: nothing happens
    page.evaluate("window.diplokg.showEdge('AAA|BBB|1')")
    assert page.evaluate("window.diplokg.trend.periods") == []
    assert page.evaluate(DRAWN)["edges"] == ["AAA|BBB|1", "BBB|AAA|3"]
    assert_clean(w)
