"""RSS and Atom feeds and GDELT update lists, served from loopback: each entry an article with the entry's id,
link, title and date; each item stored once; a broken entry, a broken feed or a wrong checksum reported and
skipped while the rest lands. No network: the site is tests/data/feeds/site.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from diplokg.graph.store import EventStore
from diplokg.ingest.follow import follow_source, imported_files, parse_update_list
from diplokg.ingest.readers import read_inputs
from diplokg.ingest.readers.feeds import entry_key, parse_feed, read_feed

from tests.data.feeds.site import ARTICLE_HTML, Site, export_zip, gdelt_row, stored, update_line

FEEDS = Path(__file__).parent.parent / "data" / "feeds"

@pytest.fixture
def site():
    site = Site()
    site.put("/pages/defence.html", ARTICLE_HTML.read_bytes(), "text/html; charset=utf-8")
    yield site
    site.close()


@pytest.fixture
def store():
    return EventStore(None)


def test_an_entry_with_its_text_is_read_as_it_is_and_keeps_the_entry_fields(site):
    data = (FEEDS / "world.rss").read_text().replace("{base}", site.url).encode()
    title, entries = parse_feed(data, source="world.rss")
    assert title == "World Desk" and [e.number for e in entries] == [1, 2, 3]
    full, teaser, gone = entries
    assert full.text.startswith("Saudi Arabia and Iran agreed on Friday") and "\n\n" in full.text
    assert teaser.text is None and gone.text is None  # a teaser: the page is fetched
    items = list(read_feed(data, source="world.rss"))
    first, page, broken = items
    assert (first.id, first.title, first.published, first.url, first.outlet) == (
        entry_key(f"{site.url}/news/saudi-iran-ties", "world.rss"), "Saudi Arabia and Iran restore ties",
        date(2023, 3, 10), f"{site.url}/news/saudi-iran-ties", "World Desk")
    # the page's text, the entry's id, title, date and link
    assert "joint fund for defence procurement" in page.text and page.id == entry_key("wire-2", "world.rss")
    assert page.published == date(2023, 9, 18) and page.url == f"{site.url}/pages/defence.html"
    assert page.outlet == "The Daily Wire Service"
    assert broken.source.startswith("world.rss entry 3") and "HTTP 404" in broken.reason
    assert site.count("/pages/defence.html") == 1


def test_entry_keys_follow_the_id_rule_and_a_guid_is_scoped_by_its_feed():
    from diplokg.ingest.article import check_id

    for entry_id in ("https://example.org/a b/ü?x=1#y", "tag:example.org,2023:/x", "123", "...", "urn:uuid:1-2"):
        check_id(entry_key(entry_id, "https://example.org/feed"), "test")
    assert entry_key("urn:uuid:1-2", "a") == entry_key("urn:uuid:1-2", "b")
    assert entry_key("123", "a") != entry_key("123", "b")


def test_a_broken_feed_is_one_clear_error(tmp_path):
    for body, said in ((b"<html><body>no feed</body></html>", "not an RSS or Atom feed"),
                       (b"<rss version='2.0'><channel><title>cut off", "no element found")):
        (error,) = read_feed(body, source="bad.rss")
        assert error.source == "bad.rss" and said in error.reason, error
    assert "broken feed" in error.reason


def test_following_a_feed_adds_each_article_once_and_reports_a_broken_entry(site, store, coder):
    feed = site.put_fixture("/world.rss", "world.rss")
    polled = follow_source(feed, store, coder=coder)
    assert (polled.kind, polled.new, polled.failed) == ("feed", 2, False)
    assert len(polled.errors) == 1 and "missing.html" in polled.errors[0] and "404" in polled.errors[0]
    first = stored(store)
    assert {a["title"] for a in first.values()} == {"Saudi Arabia and Iran restore ties",
                                                  "France and Germany pledge joint defence fund"}
    again = follow_source(feed, store, coder=coder)
    assert (again.new, again.seen) == (0, 2) and stored(store) == first
    assert site.count("/pages/defence.html") == 1  # a stored entry's page is not fetched again
    # an hour later: one new entry, and the first story again under another guid (same link: skipped)
    site.put_fixture("/world.rss", "world-later.rss")
    later = follow_source(feed, store, coder=coder)
    assert (later.new, later.seen, later.errors) == (1, 2, [])
    assert len(stored(store)) == 3 and "Japan and South Korea sign a pact" in {a["title"] for a in stored(store).values()}


def test_the_same_text_under_another_link_is_not_stored_twice(site, store, coder):
    text = (FEEDS / "world.rss").read_text()
    site.put_fixture("/a.rss", "world.rss")
    site.put("/b.rss", text.replace("{base}/news/saudi-iran-ties", "{base}/mirror/saudi-iran-ties"))
    assert follow_source(site.url + "/a.rss", store, coder=coder).new == 2
    again = follow_source(site.url + "/b.rss", store, coder=coder)  # other guids and links, the same texts
    assert again.new == 0 and len(stored(store)) == 2


def test_an_atom_feed_file_and_its_broken_entry(site, store, coder, tmp_path):
    path = tmp_path / "desk.atom"
    path.write_text((FEEDS / "desk.atom").read_text().replace("{base}", site.url))
    polled = follow_source(str(path), store, coder=coder)
    assert (polled.kind, polled.new) == ("feed", 1)
    assert len(polled.errors) == 1 and "no text and no link" in polled.errors[0]
    (article,) = stored(store).values()
    assert article["title"] == "Russia criticises NATO" and article["published"] == "2023-03-12"


def test_an_unreachable_or_unknown_source_fails_the_round(site, store):
    gone = follow_source(site.url + "/nothing.rss", store)
    assert gone.failed and "404" in gone.errors[0]
    site.put("/page.html", "<html><body><p>Not a feed at all, just a page.</p></body></html>")
    other = follow_source(site.url + "/page.html", store)
    assert other.failed and "neither an RSS or Atom feed nor a GDELT update list" in other.errors[0]


def test_ingest_reads_a_feed_file_and_twice_adds_nothing(site, tmp_path, capsys):
    from diplokg.cli import main

    path = tmp_path / "world.rss"
    path.write_text((FEEDS / "world.rss").read_text().replace("{base}", site.url))
    store = str(tmp_path / "store")
    assert main(["ingest", str(path), "--store", store]) == 1  # entry 3's page is gone
    out, err = capsys.readouterr()
    assert out.startswith("2 articles, ") and "entry 3" in err and "404" in err
    assert main(["ingest", str(path), "--store", store]) == 1
    out, _ = capsys.readouterr()
    assert out.startswith("0 articles, ") and "2 already stored" in out
    assert site.count("/pages/defence.html") == 1
    items = [i for i in read_inputs([str(path)]) if hasattr(i, "text")]  # read_inputs takes feeds as well
    assert len(items) == 2


# -- GDELT update lists ------------------------------------------------------------------------------------
def gdelt_site(site: Site, wrong: bool = False) -> str:
    """An update list naming two exports (the second with a wrong checksum if ``wrong``), a mentions and a GKG
    file (not imported); returns its URL."""
    first = export_zip("20230312000000.export.CSV", [gdelt_row("1", "20230312", "USA", "040", "CHN"),
                                                     gdelt_row("2", "20230312", "FRA", "057", "DEU")])
    second = export_zip("20230312001500.export.CSV", [gdelt_row("3", "20230312", "IND", "042", "PAK")])
    lines = [update_line(first, site.put("/gdeltv2/20230312000000.export.CSV.zip", first)),
             update_line(b"mentions", site.put("/gdeltv2/20230312000000.mentions.CSV.zip", b"mentions")),
             update_line(second, site.put("/gdeltv2/20230312001500.export.CSV.zip", second),
                         md5="0" * 32 if wrong else None),
             update_line(b"gkg", site.url + "/gdeltv2/20230312000000.gkg.csv.zip")]
    return site.put("/gdeltv2/lastupdate.txt", "\n".join(lines) + "\n", "text/plain")


def events(store) -> set[str]:
    # every event has a modality or (imported into the embedded store's default graph) an import link: docs/model.md
    return {str(r["e"]) for r in store.select(
        "SELECT DISTINCT ?e WHERE { { ?e <https://w3id.org/diplokg/vocab#modality> ?m } "
        "UNION { ?e <https://w3id.org/diplokg/vocab#importFile> ?f } }")}


def test_an_update_list_imports_each_export_once(site, store):
    source = gdelt_site(site)
    polled = follow_source(source, store)
    assert (polled.kind, polled.new, polled.seen, polled.errors) == ("gdelt", 2, 0, [])
    assert len(events(store)) == 3 and len(imported_files(store, source)) == 2
    again = follow_source(source, store)
    assert (again.new, again.seen) == (0, 2) and len(events(store)) == 3
    assert site.count("/gdeltv2/20230312000000.export.CSV.zip") == 1  # not downloaded again
    assert "/gdeltv2/20230312000000.mentions.CSV.zip" not in site.requests


def test_a_wrong_checksum_is_reported_and_skipped_and_the_rest_lands(site, store):
    source = gdelt_site(site, wrong=True)
    polled = follow_source(source, store)
    assert (polled.new, polled.failed) == (1, False) and len(events(store)) == 2
    (error,) = polled.errors
    assert "20230312001500.export.CSV.zip" in error and "wrong checksum" in error
    gdelt_site(site)  # the list corrected: the file comes in, the first is not imported again
    fixed = follow_source(source, store)
    assert (fixed.new, fixed.seen, fixed.errors) == (1, 1, []) and len(events(store)) == 3


def test_update_list_lines_of_another_form_are_named():
    found = parse_update_list("12 0123456789abcdef0123456789abcdef a.export.CSV.zip\nnot a line\n", "list",
                              base="http://example.org/gdeltv2/lastupdate.txt")
    assert found[0].url == "http://example.org/gdeltv2/a.export.CSV.zip"
    assert found[1].source == "list:2" and "size md5 url" in found[1].reason


def test_an_export_imported_before_its_note_is_noted_not_imported_again(site, store, tmp_path):
    """A run killed between an import and its note (or a file brought in by `diplokg import`) costs a download."""
    from diplokg.ingest.imports import import_files

    source = gdelt_site(site)
    body = site.routes["/gdeltv2/20230312000000.export.CSV.zip"][1]
    path = tmp_path / "20230312000000.export.CSV.zip"
    path.write_bytes(body)
    assert import_files("gdelt", [path], store).files == 1
    polled = follow_source(source, store)
    assert (polled.new, polled.seen, polled.errors) == (1, 1, []) and len(events(store)) == 3
    assert len(imported_files(store, source)) == 2


def test_a_feed_on_the_internet_cannot_make_us_fetch_a_local_page(site):
    """An entry's page on a loopback or private address is fetched only for a feed that is there too, or a file."""
    data = (FEEDS / "world.rss").read_text().replace("{base}", site.url).encode()
    _, refused, _ = read_feed(data, source="https://news.example.org/rss", local_pages=False)
    assert "local or private address" in refused.reason and site.count("/pages/defence.html") == 0
    _, fetched, _ = read_feed(data, source=site.url + "/world.rss", url=site.url + "/world.rss")
    assert fetched.title == "France and Germany pledge joint defence fund"


def test_an_update_list_file_names_files_beside_it(store, tmp_path):
    body = export_zip("20230312000000.export.CSV", [gdelt_row("1", "20230312", "USA", "040", "CHN")])
    (tmp_path / "20230312000000.export.CSV.zip").write_bytes(body)
    listing = tmp_path / "lastupdate.txt"
    listing.write_text(update_line(body, "20230312000000.export.CSV.zip") + "\n")
    polled = follow_source(str(listing), store)
    assert (polled.kind, polled.new, polled.errors) == ("gdelt", 1, []) and len(events(store)) == 1


def test_on_a_sparql_server_too_each_item_comes_once(site, oxigraph_url, coder):
    """What was taken in is read from the store, so a store on Oxigraph server keeps it as well."""
    from diplokg.graph.store import open_store

    site.put("/pages/defence.html", ARTICLE_HTML.read_bytes(), "text/html; charset=utf-8")
    feed, updates = site.put_fixture("/world.rss", "world.rss"), gdelt_site(site)
    with open_store(oxigraph_url) as store:
        assert [follow_source(s, store, coder=coder).new for s in (feed, updates)] == [2, 2]
        assert [(p.new, p.seen) for p in (follow_source(s, store, coder=coder) for s in (feed, updates))] == [
            (0, 2), (0, 2)]
        assert len(stored(store)) == 2 and len([e for e in events(store) if "/event/gdelt-" in e]) == 3


def test_an_entry_linking_to_a_feed_is_a_bad_entry_not_a_loop(site):
    feed = site.put("/loop.rss", "<rss version='2.0'><channel><title>Loop</title><item><guid>{base}/loop.rss</guid>"
                                 "<link>{base}/loop.rss</link><title>Me</title></item></channel></rss>")
    (error,) = read_inputs([feed])
    assert "a feed, not an article" in error.reason and site.count("/loop.rss") == 2


def test_bad_rows_of_an_export_are_counted_and_the_rest_imported(site, store):
    body = export_zip("20230312000000.export.CSV", [gdelt_row("1", "20230312", "USA", "040", "CHN"), "1\tshort"])
    url = site.put("/gdeltv2/20230312000000.export.CSV.zip", body)
    source = site.put("/gdeltv2/lastupdate.txt", update_line(body, url) + "\n", "text/plain")
    polled = follow_source(source, store)
    assert polled.new == 1 and len(events(store)) == 1
    (error,) = polled.errors
    assert "1 bad rows left out, the rest imported (first: line 2: 2 columns" in error
