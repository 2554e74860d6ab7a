#!/usr/bin/env python3
"""docs/timebar.png: the graph page of the bundled sample (``diplokg ingest --sample``, in a temporary store) with
its time bar on a range of months and the China–Syria tie's trend open, its busiest month's events listed.

    .venv/bin/python benchmarks/timebar_screenshot.py [-o docs/timebar.png] [--since 2023-09 --until 2023-09]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from page import ARGS, CHROMIUM, Server  # benchmarks/page.py: the app in a uvicorn thread, Chromium's flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=Path(__file__).parents[1] / "docs" / "timebar.png")
    parser.add_argument("--since", default="2023-09", help="first month of the range shown (YYYY-MM)")
    parser.add_argument("--until", default="2023-09", help="last month of the range shown (YYYY-MM)")
    parser.add_argument("--tie", default="CHN|SYR|1", help="the tie whose trend is open")
    args = parser.parse_args(argv)

    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ingest, sample_article_path
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        store = EventStore(Path(tmp) / "store")
        ingest([sample_article_path()], store)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        with Server(store) as server:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{server.url}/graph")
            page.wait_for_function("() => window.diplokg && window.diplokg.stabilised === true", timeout=60_000)
            lo, hi = (page.evaluate(f"""() => {{ const t = window.diplokg.timebar;
                for (let i = 0; i < t.months; i++) if (window.diplokgTime.monthName(t.origin, i) === '{m}') return i;
                return null; }}""") for m in (args.since, args.until))
            if lo is None or hi is None:
                raise SystemExit(f"{args.since}..{args.until} is not within the sample's months")
            page.evaluate(f"window.diplokg.setRange({lo}, {hi})")
            page.evaluate("(id) => { window.network.selectEdges([id]); window.diplokg.showEdge(id); }", args.tie)
            page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
            busiest = max(page.evaluate("window.diplokg.trend.periods"), key=lambda p: p["events"])["period"]
            page.evaluate("(p) => window.diplokg.trend.choose(p)", busiest)
            page.wait_for_function("() => window.diplokg.month && window.diplokg.month.loaded")
            page.wait_for_timeout(400)  # article titles
            page.evaluate("() => window.network.fit()")
            page.wait_for_timeout(200)
            page.screenshot(path=str(args.output))
            if errors:
                raise SystemExit(f"page errors: {errors}")
        browser.close()
        store.close()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
