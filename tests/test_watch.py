"""``diplokg watch`` and ``serve --watch`` on a loopback site: rounds take in what is new, a restart goes on where
the store says, a failing source is backed off, SIGTERM stops cleanly after the item under way, and a SIGKILL
mid-round loses nothing and duplicates nothing on the next run. /health shows the server's last rounds."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import httpx
import pytest
from diplokg.graph.store import EventStore
from diplokg.ingest.watch import Watcher, parse_every

from tests.data.feeds.site import ARTICLE_HTML, Site, export_zip, gdelt_row, stored, update_line
from tests.servers import cli, serving, stop

PAGE = ARTICLE_HTML.read_text("utf-8")


@pytest.fixture
def site():
    site = Site()
    yield site
    site.close()


def paged_feed(site: Site, n: int) -> str:
    """A feed of ``n`` teaser entries, each with its own page (``/p/1.html`` …); returns its URL."""
    items = []
    for i in range(1, n + 1):
        site.put(f"/p/{i}.html", PAGE.replace("</article>", f"<p>This is story number {i} of the test feed, filed "
                                                            "by the night desk in Paris.</p></article>"))
        items.append(f"<item><guid isPermaLink='false'>story-{i}</guid><link>{{base}}/p/{i}.html</link>"
                     f"<title>Story {i}</title><description>Teaser {i}.</description></item>")
    return site.put("/paged.rss", f"<rss version='2.0'><channel><title>Paged</title>{''.join(items)}</channel></rss>")


def gdelt_list(site: Site) -> str:
    body = export_zip("20230312000000.export.CSV", [gdelt_row("1", "20230312", "USA", "040", "CHN")])
    url = site.put("/gdeltv2/20230312000000.export.CSV.zip", body)
    return site.put("/gdeltv2/lastupdate.txt", update_line(body, url) + "\n", "text/plain")


def test_every_takes_seconds_minutes_and_hours():
    from diplokg.errors import UsageError

    assert (parse_every("15m"), parse_every("30s"), parse_every("1h"), parse_every("2")) == (900, 30, 3600, 2)
    for bad in ("0", "-1m", "soon", "5 weeks"):
        with pytest.raises(UsageError):
            parse_every(bad)


def test_rounds_take_in_what_is_new_and_a_restart_goes_on_from_the_store(site, tmp_path, coder):
    feed, updates = site.put_fixture("/world.rss", "world.rss"), gdelt_list(site)
    site.put("/pages/defence.html", ARTICLE_HTML.read_bytes(), "text/html; charset=utf-8")
    path = tmp_path / "store"
    lines: list[str] = []
    with EventStore(path) as store:
        watcher = Watcher([feed, updates], store, every=0.05, coder=coder, on_round=lambda r: lines.append(r.line()))
        rounds = watcher.run(rounds=2)
        first = {r.polled.source: r.polled for r in rounds[:2]}
        assert (first[feed].new, first[updates].new) == (2, 1)
        assert [(r.polled.new, r.polled.seen) for r in rounds[2:]] == [(0, 2), (0, 1)]
        assert len(stored(store)) == 2
    assert "feed " + feed in lines[0] and "2 new, 0 seen, 1 error" in lines[0] and "next in" in lines[0]
    site.put_fixture("/world.rss", "world-later.rss")
    with EventStore(path) as store:  # a restart: nothing comes twice, the new entry comes in
        rounds = Watcher([feed, updates], store, every=0.05, coder=coder).run(rounds=1)
        assert [(r.polled.new, r.polled.seen) for r in rounds] == [(1, 2), (0, 1)]
        assert len(stored(store)) == 3
    assert site.count("/pages/defence.html") == 1 and site.count("/gdeltv2/20230312000000.export.CSV.zip") == 1


def test_a_failing_source_is_backed_off_and_the_others_go_on(site, coder):
    feed = site.put_fixture("/world.rss", "world.rss")
    site.put("/pages/defence.html", ARTICLE_HTML.read_bytes(), "text/html; charset=utf-8")
    watcher = Watcher([site.url + "/gone.rss", feed], EventStore(None), every=10, max_backoff=60, coder=coder)
    waits = []
    for _ in range(4):
        done = watcher.poll(site.url + "/gone.rss", watcher.last[site.url + "/gone.rss"].failures
                            if watcher.last else 0)
        waits.append(round((done.next_at - done.started).total_seconds() - done.seconds))
    assert waits == [20, 40, 60, 60] and done.failures == 4 and "(backing off)" in done.line()
    assert done.polled.failed and "404" in done.polled.errors[0]
    assert watcher.poll(feed).polled.new == 2
    assert [s["last_round"]["failed"] for s in watcher.status()] == [True, False]


def test_watch_once_prints_a_line_a_source_and_says_what_was_skipped(site, tmp_path, capsys):
    from diplokg.cli import main

    feed = site.put_fixture("/desk.atom", "desk.atom")
    store = str(tmp_path / "store")
    assert main(["watch", feed, "--once", "--store", store]) == 1  # one entry has nothing in it
    out, err = capsys.readouterr()
    assert f"feed {feed}: 1 new, 0 seen, 1 error" in out and "no text and no link" in err
    assert main(["watch", feed, "--once", "--every", "5m", "--store", store]) == 1
    assert "0 new, 1 seen" in capsys.readouterr().out


def _watch(store, *sources, every="1s") -> subprocess.Popen:
    return subprocess.Popen(cli() + ["watch", *sources, "--every", every, "--store", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigterm_finishes_the_item_under_way_and_exits_0(site, tmp_path):
    feed = paged_feed(site, 3)
    site.hold("/p/2.html")
    process = _watch(tmp_path / "store", feed)
    try:
        assert site.asked("/p/2.html"), "the watch never asked for the second page"
        process.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        site.release("/p/2.html")  # the page under way arrives after the signal: its article is finished
        out, err = process.communicate(timeout=60)
    finally:
        stop(process)
    assert process.returncode == 0, err
    assert "stopping after the item under way" in err and ", stopped" in out
    with EventStore(tmp_path / "store", read_only=True) as store:
        assert sorted(a["title"] for a in stored(store).values()) == ["Story 1", "Story 2"]
    assert "/p/3.html" not in site.requests


def test_a_kill_mid_round_loses_nothing_and_duplicates_nothing(site, tmp_path, coder):
    feed, updates = paged_feed(site, 4), gdelt_list(site)
    site.hold("/p/3.html")
    process = _watch(tmp_path / "store", feed, updates)
    try:
        assert site.asked("/p/3.html"), "the watch never asked for the third page"
        process.send_signal(signal.SIGKILL)  # stories 1 and 2 stored, 3 under way, 4 and the GDELT file not begun
        process.wait(timeout=30)
    finally:
        stop(process)
        site.release("/p/3.html")
    with EventStore(tmp_path / "store") as store:  # the next run (in this process: its coder is loaded)
        again = Watcher([feed, updates], store, coder=coder).run(rounds=1)
        assert [(r.polled.new, r.polled.seen, r.polled.errors) for r in again] == [(2, 2, []), (1, 0, [])]
        titles = sorted(a["title"] for a in stored(store).values())
        assert titles == ["Story 1", "Story 2", "Story 3", "Story 4"]  # each once
        assert len([g for g in store.named_graphs() if "/graph/import/gdelt/" in g]) == 1
    assert [site.count(f"/p/{i}.html") for i in (1, 2, 3, 4)] == [1, 1, 2, 1]


def test_serve_watch_shows_the_last_rounds_in_health(site, tmp_path):
    updates = gdelt_list(site)  # (no article to code: the server need not load the coder)
    env = {"DIPLOKG_WATCH": f'["{updates}", "{site.url}/gone.rss"]', "DIPLOKG_WATCH_EVERY": "30",
           "DIPLOKG_WARM": "false"}
    with serving(tmp_path / "store", env=env) as server:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            watch = httpx.get(server.url + "/health", timeout=10).json()["watch"]
            if all(s["last_round"] for s in watch):
                break
            time.sleep(0.2)
        first, gone = watch
        assert first["source"] == updates and first["last_round"]["kind"] == "gdelt"
        assert (first["last_round"]["new"], first["last_round"]["errors"], first["last_round"]["failed"]) == (
            1, [], False)
        assert gone["last_round"]["failed"] and "404" in gone["last_round"]["errors"][0]
        assert gone["last_round"]["next"] > gone["last_round"]["at"]
        events = httpx.get(server.url + "/events", params={"actor": "USA"}, timeout=10).json()
        assert [(e["source"]["code"], e["code"], e["target"]["code"]) for e in events["items"]] == [
            ("USA", "040", "CHN")]
    assert os.path.isdir(tmp_path / "store")


def test_serve_takes_watch_sources_and_an_interval():
    from diplokg.cli import build_parser

    args = build_parser().parse_args(["serve", "--watch", "a.rss", "--watch", "http://x/lastupdate.txt",
                                      "--every", "30s"])
    assert (args.watch, args.every) == (["a.rss", "http://x/lastupdate.txt"], 30.0)


def test_an_unchanged_feed_is_not_read_again_and_a_failed_item_is_retried(site, coder):
    """Conditional GETs: a source that answers 304 has nothing new; a round with an error keeps no validators, so
    the next one reads the source again and retries what failed."""
    site.etags = True
    feed = site.put_fixture("/desk.atom", "desk.atom")
    clean = site.put("/clean.atom", (site.routes["/desk.atom"][1].decode().split("<entry>\n    <title>An entry")[0]
                                     + "</feed>\n"))
    watcher = Watcher([clean, feed], EventStore(None), every=0.05, coder=coder)
    rounds = watcher.run(rounds=3)
    by_source = {s: [r.polled for r in rounds if r.polled.source == s] for s in (clean, feed)}
    assert [(p.new, p.seen, p.unchanged) for p in by_source[clean]] == [(1, 0, False), (0, 0, True), (0, 0, True)]
    assert "not modified" in [r for r in rounds if r.polled.source == clean][1].line()
    assert [(p.new, p.seen, p.unchanged, len(p.errors)) for p in by_source[feed]] == [
        (0, 1, False, 1), (0, 1, False, 1), (0, 1, False, 1)]  # (its story came in from clean.atom, by its id)
    assert watcher.status()[0]["last_round"]["unchanged"] is True
