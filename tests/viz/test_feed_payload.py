"""A payload in a feed entry's title or text, followed from the feed into the store and onto the graph page, never
runs there (issue 19): in a real browser (Debian's Chromium via Playwright), the tie's evidence, its trend and a
month's events show the payload as text."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                                reason="needs Debian's Chromium at /usr/bin/chromium")

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
# an RSS entry with no link: what it holds is its text; its title and text carry markup, escaped as RSS has it
FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hostile wire</title>
<item><guid isPermaLink="false">hostile-1</guid>
<title><![CDATA[Gas deal {SCRIPT} {IMG}]]></title>
<pubDate>Mon, 18 Sep 2023 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Egypt and Israel signed a gas deal in Cairo on Monday &lt;img src=x onerror="window.__pwned=1"&gt;.</p>
<p>Egypt and Israel held talks on the deal on Monday, officials said &lt;script&gt;window.__pwned=1&lt;/script&gt;.</p>]]>
</description></item>
</channel></rss>
""".encode()


def test_a_payload_in_a_feed_entry_never_runs_on_the_page(watched, coder, tmp_path):
    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ingest_articles
    from diplokg.ingest.readers.feeds import read_feed
    from diplokg.viz.page import write_page

    store = EventStore(tmp_path / "store")
    try:
        report = ingest_articles(read_feed(FEED, source="hostile.xml"), store, coder=coder)
        assert report.articles == 1 and report.events >= 1, report
        path = write_page(store, tmp_path / "graph.html", actor="EGY", depth=1)
    finally:
        store.close()
    w, page = watched, watched.page
    page.goto(path.as_uri())
    w.wait_stabilised()
    edge = page.evaluate("window.network.body.data.edges.get().find(e => "
                         "[e.from, e.to].includes('EGY') && [e.from, e.to].includes('ISR')).id")
    page.evaluate("(id) => window.diplokg.showEdge(id)", edge)
    page.wait_for_function("() => window.diplokg.panel && window.diplokg.panel.loaded")
    page.evaluate("window.diplokg.trend.choose(window.diplokg.trend.periods[0].period)")
    page.wait_for_function("() => window.diplokg.month && window.diplokg.month.loaded")
    panel = page.locator("#panel").inner_text()
    assert SCRIPT in panel and IMG in panel  # the payload is there, as text (title and sentence)
    page.wait_for_timeout(300)  # let any injected handler fire, were there one
    assert page.locator("#panel img, #panel script, #panel iframe, #timebar img").count() == 0
    assert page.evaluate("typeof window.__pwned === 'undefined'")
    assert not w.dialogs and not [e for e in w.errors if "pageerror" in e], (w.dialogs, w.errors)
