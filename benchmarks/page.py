#!/usr/bin/env python3
"""The graph page in Chromium: time from page load to a stabilised drawing, on the seed store and on a synthetic
2,000-actor network; and its time bar: the cost of showing a range of months.

For each case the page is opened in Debian's Chromium (Playwright, headless) and timed from navigation start
to the moment physics has stabilised and been switched off (``window.diplokg.stabilisedAt``, measured by the
page itself with ``performance.now()``); the median of ``--runs`` loads is printed, with the time to build the
view in Python, the page's size and the cost of one full redraw of the stabilised network.

* seed: the bundled DW article ingested into an in-memory store, served by uvicorn (``GET /graph``);
* synthetic: ``--actors`` actors (default 2,000) and ``--events`` events (default 20,000) between them, weighted
  so a few actors take most events as in real news, random CAMEO codes, dates over ten years — made here with
  ``EventNetwork.from_rows`` (no store, no evidence) — served with ``GET /graph`` and written as a standalone file.

The time bar, on the synthetic page: ``--ranges`` random ranges of months (and a month-by-month play through
the last two years) are shown with ``window.diplokg.setRange``, each timed in the page from the call to the
network redrawn (the view computed as ``/graph/data?since=&until=`` would, ties and actors outside it hidden,
the time bar and the network drawn again); p50 and p95 are printed, with the bar's own drawing, the time to open
a tie's trend, and the bytes the per-month series add to the page.

    .venv/bin/python benchmarks/page.py [--actors 2000] [--events 20000] [--runs 3] [--ranges 60]
                                        [--screenshot docs/graph.png]
"""

from __future__ import annotations

import argparse
import platform
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
KINDS = ("state",) * 6 + ("organisation", "group", "person", "initiative")


def synthetic_network(actors: int, events: int, seed: int = 7):
    """A skewed random network: actor i is picked with weight 1/(i+1)^0.9."""
    from diplokg.graph.model import codebook
    from diplokg.graph.network import EventNetwork

    rng = random.Random(seed)
    codes = sorted(codebook())
    table = {f"S{i:04d}": {"label": f"Synthetic actor {i}", "kind": KINDS[i % len(KINDS)]} for i in range(actors)}
    names = list(table)
    weights = [1 / (i + 1) ** 0.9 for i in range(actors)]
    start = date(2015, 1, 1)
    rows = []
    sources = rng.choices(names, weights, k=events)
    targets = rng.choices(names, weights, k=events)
    for i, (s, t) in enumerate(zip(sources, targets)):
        if s == t:
            t = names[(names.index(t) + 1 + rng.randrange(actors - 1)) % actors]
        day = start + timedelta(days=rng.randrange(3650))
        rows.append({"id": f"x{i:06d}", "source": s, "target": t, "code": rng.choice(codes),
                     "date": day.isoformat(), "article": f"synthetic-{i // 100}"})
    return EventNetwork.from_rows(rows, table)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The app (with the graph page's router) in a uvicorn thread; ``network`` replaces the store's network."""

    def __init__(self, store, network=None):
        import uvicorn
        from diplokg.api.app import create_app
        from diplokg.api.routers import graph_page
        from diplokg.api.settings import Settings

        self.app = create_app(Settings(), store=store)
        if not any(getattr(r, "path", None) == "/graph" for r in self.app.routes):
            self.app.include_router(graph_page.router)
        self.network = network
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        if self.network is not None:  # the graph page draws the per-event network, the other answers the other
            self.app.state.service._network = self.network
            self.app.state.service._event_network = self.network
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


def time_page(browser, url: str, runs: int, screenshot: Path | None = None) -> dict:
    """Median load→stabilised ms over ``runs`` fresh loads, and the redraw cost of the last one."""
    loads, redraw, nodes, edges = [], None, 0, 0
    for i in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(url)
        page.wait_for_function("() => window.diplokg && window.diplokg.stabilised === true", timeout=300_000)
        loads.append(page.evaluate("window.diplokg.stabilisedAt"))
        if errors:
            raise RuntimeError(f"page errors: {errors}")
        if i == runs - 1:
            nodes, edges = page.evaluate("[window.network.body.nodeIndices.length, "
                                         "window.network.body.edgeIndices.length]")  # drawn: not hidden
            redraw = page.evaluate("""() => { const t = performance.now();
                for (let i = 0; i < 10; i++) window.network.redraw(); return (performance.now() - t) / 10; }""")
            if screenshot is not None:  # China selected, its events and evidence in the panel
                page.evaluate("() => { window.network.selectNodes(['CHN']); window.diplokg.showNode('CHN'); }")
                page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
                page.wait_for_timeout(500)  # article titles
                page.evaluate("() => window.network.fit()")
                page.wait_for_timeout(200)
                page.screenshot(path=str(screenshot))
        context.close()
    return {"load_to_stabilised_ms": statistics.median(loads), "all_ms": [round(x) for x in loads],
            "redraw_ms": redraw, "nodes": nodes, "edges": edges}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_bar(browser, url: str, ranges: int, seed: int = 3) -> dict:
    """Show ``ranges`` random ranges of months, then play the last 24 months one at a time: ms per change."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("() => window.diplokg && window.diplokg.stabilised === true", timeout=300_000)
    months = page.evaluate("window.diplokg.timebar.months")
    rng = random.Random(seed)
    plan = [tuple(sorted(rng.sample(range(months), 2))) for _ in range(ranges)]
    plan += [(i, i) for i in range(months - 24, months)] + [(0, months - 1)]
    steps = []
    for lo, hi in plan:  # each in its own task, as a drag's frames are
        steps.append(page.evaluate(f"""() => {{ const r = window.diplokg.setRange({lo}, {hi}), t = window.diplokg.time;
            return {{total: r.totalMs, bar: r.barMs, view: t.viewMs, apply: t.applyMs, draw: t.drawMs,
                     nodes: t.nodes, edges: t.edges}}; }}"""))
    edge = page.evaluate("window.network.body.data.edges.get().find(e => !e.hidden).id")
    trend = page.evaluate("""(id) => { const t = performance.now(); window.diplokg.showEdge(id);
        return performance.now() - t; }""", edge)
    context.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    total = [s["total"] for s in steps]
    return {"changes": len(steps), "p50": percentile(total, 0.5), "p95": percentile(total, 0.95), "max": max(total),
            "bar_p50": percentile([s["bar"] for s in steps], 0.5), "bar_p95": percentile([s["bar"] for s in steps], 0.95),
            "view_p50": percentile([s["view"] for s in steps], 0.5),
            "draw_p50": percentile([s["draw"] for s in steps], 0.5),
            "ties": (min(s["edges"] for s in steps), max(s["edges"] for s in steps)), "months": months,
            "trend_ms": trend}


def time_bytes(data: dict) -> tuple[int, int]:
    """The page's JSON data and the part of it the time bar adds (series, ties past max_edges, extent)."""
    from diplokg.viz.page import page_json

    plain = {**data, "more": [], "time": None, "edges": [{k: v for k, v in e.items() if k not in ("t", "tu", "ty")}
                                                        for e in data["edges"]]}
    return len(page_json(data).encode()), len(page_json(data).encode()) - len(page_json(plain).encode())


def report(name: str, build_s: float | None, size: int | None, figures: dict) -> None:
    extra = f", view built in {build_s * 1000:.0f} ms" if build_s is not None else ""
    extra += f", page {size / 1e6:.2f} MB" if size is not None else ""
    print(f"{name}: {figures['nodes']} actors, {figures['edges']} ties{extra}\n"
          f"    load → stabilised: {figures['load_to_stabilised_ms']:.0f} ms (median of {figures['all_ms']}); "
          f"one redraw: {figures['redraw_ms']:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ranges", type=int, default=60, help="random ranges of months the time bar shows")
    parser.add_argument("--screenshot", type=Path, help="save the seed store's page (1280×800) here")
    args = parser.parse_args(argv)

    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ingest, sample_article_path
    from diplokg.viz.page import build_graph, render_page, write_page
    from playwright.sync_api import sync_playwright

    print(f"# {platform.node()}: {platform.processor() or platform.machine()}, Python {sys.version.split()[0]}")
    seed = EventStore(None)
    ingest([sample_article_path()], seed)
    t = time.perf_counter()
    net = synthetic_network(args.actors, args.events)
    print(f"# synthetic network: {net.graph.number_of_nodes()} actors, {net.graph.number_of_edges()} events, "
          f"{len(net.dyads)} directed dyads (made in {time.perf_counter() - t:.1f} s)")

    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        with Server(seed) as server:
            import httpx

            t = time.perf_counter()
            size = len(httpx.get(f"{server.url}/graph", timeout=60).content)
            build = time.perf_counter() - t
            report("seed store, served /graph", build, size,
                   time_page(browser, f"{server.url}/graph", args.runs, args.screenshot))
        with Server(EventStore(None), network=net) as server:
            t = time.perf_counter()
            data = build_graph(net)
            build = time.perf_counter() - t
            size = len(render_page(data).encode())
            report(f"synthetic {args.actors} actors / {args.events} events, served /graph", build, size,
                   time_page(browser, f"{server.url}/graph", args.runs))
            report("  … the same centred on its busiest actor, depth 2", None, None,
                   time_page(browser, f"{server.url}/graph?actor=S0000&depth=2&min_count=2", args.runs))
            total, extra = time_bytes(data)
            bar = time_bar(browser, f"{server.url}/graph", args.ranges)
            print(f"  time bar: {bar['months']} months; {bar['changes']} changes of range ({args.ranges} random, 24 "
                  f"played month by month, all time), {bar['ties'][0]}-{bar['ties'][1]} ties drawn\n"
                  f"    change → network redrawn: p50 {bar['p50']:.1f} ms, p95 {bar['p95']:.1f} ms, max "
                  f"{bar['max']:.1f} ms (view {bar['view_p50']:.1f} ms, network drawing {bar['draw_p50']:.1f} ms "
                  f"at p50); the bar alone p50 {bar['bar_p50']:.2f} ms, p95 {bar['bar_p95']:.2f} ms\n"
                  f"    a tie's trend opened in {bar['trend_ms']:.1f} ms; page data {total / 1e6:.2f} MB, of which "
                  f"{extra / 1e6:.2f} MB the time series and the {len(data['more'])} ties past max_edges")
        path = write_page(net, Path(tmp) / "synthetic.html")
        report("synthetic, standalone file", None, path.stat().st_size,
               time_page(browser, path.as_uri(), args.runs))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
