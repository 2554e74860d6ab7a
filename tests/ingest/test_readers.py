"""Tests of diplokg.ingest.readers: cleaning, each input format, batches, stdin and local HTTP URLs."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from diplokg.errors import BadInput
from diplokg.ingest.article import Article
from diplokg.ingest.readers import clean_text, fetch_url, read_html, read_inputs, read_jsonl, read_text
from diplokg.ingest.readers.clean import dateline_place, parse_full_date

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "dw-2023-09-22-china-syria-partnership.txt"
HTML_PAGE = FIXTURES / "article.html"

BODY = (
    "France and Germany agreed on Monday to set up a joint fund for defence procurement, "
    "the two governments said in a statement."
)


def split(items: list[Article | BadInput]) -> tuple[list[Article], list[BadInput]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, BadInput)]


# --- cleaning ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\u00a0b\u2009c\u202fd", "a b c d"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("Cafe\u0301", "Café"),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("trailing   \nspaces\t", "trailing\nspaces"),
        ("1. Skip to content\n  2. Skip to main menu\n3. Skip to more DW sites\n\nText.", "Text."),
        ("- Skip to main content\n* Skip to footer\nText.", "Text."),
        ("Text.\n\nAdvertisement\n\nMore.", "Text.\n\nMore."),
        ("Text.\nShare this article\nMore.", "Text.\nMore."),
        ("We use cookies to improve your experience on our site.\nText.", "Text."),
        ("Accept all cookies\nText.", "Text."),
        ("Assad met Xi Image: SANA/REUTERS", "Assad met Xi"),
        ("Ministers shake hands Photo: AFP", "Ministers shake hands"),
        ("Ministers shake hands (Photo: Ludovic Marin/AFP)", "Ministers shake hands"),
        ("Protesters in Berlin Image: picture-alliance/dpa", "Protesters in Berlin"),
        ("Text.\n\nImage: picture-alliance/dpa\n\nMore.", "Text.\n\nMore."),
        ("Text.\n\nwmr/wd (AFP, Reuters)", "Text."),
        ("Text.\n\ndh/rt (AP, dpa)\n\n", "Text."),
        ("one\n\n\n\n\ntwo", "one\n\ntwo"),
        ("para one\n\npara two", "para one\n\npara two"),
        # Things that look similar but are article text stay.
        ("He said the image: was fake, he added.", "He said the image: was fake, he added."),
        (
            "The ads were shared widely. Advertisement spending rose.",
            "The ads were shared widely. Advertisement spending rose.",
        ),
        ("Skipping to the end, the talks failed.", "Skipping to the end, the talks failed."),
        ("wmr/wd (AFP, Reuters)\n\nText.", "wmr/wd (AFP, Reuters)\n\nText."),
        ("Cookies were served at the summit.", "Cookies were served at the summit."),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("September 22, 2023", date(2023, 9, 22)),
        ("22 September 2023", date(2023, 9, 22)),
        ("2023-09-22", date(2023, 9, 22)),
        ("Sept. 22, 2023", date(2023, 9, 22)),
        ("Sep 22 2023", date(2023, 9, 22)),
        ("Friday, September 22, 2023", date(2023, 9, 22)),
        ("February 30, 2023", None),
        ("September 2023", None),
        ("On September 22, 2023 they met", None),
    ],
)
def test_parse_full_date(line: str, expected: date | None) -> None:
    assert parse_full_date(line) == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("PARIS, Sept 18 — France has agreed.", "PARIS"),
        ("UNITED NATIONS, Sept 18 (Reuters) - The council met.", "UNITED NATIONS"),
        ("BEIJING, March 3 – China said.", "BEIJING"),
        ("Paris, Sept 18 — France has agreed.", None),
        ("France has agreed on Sept 18.", None),
    ],
)
def test_dateline_place(text: str, place: str | None) -> None:
    assert dateline_place(text) == place


# --- text files --------------------------------------------------------------------------------------------


def test_seed_article() -> None:
    [article] = list(read_inputs([str(SEED)]))
    assert isinstance(article, Article)
    assert article.title == "China, Syria announce 'partnership' after Assad-Xi talks"
    assert article.published == date(2023, 9, 22)
    assert article.text.startswith("Chinese President Xi Jinping said Syria and China would pursue")
    for gone in ("Skip to", "Image: SANA/REUTERS", "wmr/wd (AFP, Reuters)", "\u00a0", "September 22, 2023"):
        assert gone not in article.text
    assert "Assad was accompanied by a high-level delegation\n" in article.text
    assert "\n\nBeijing pledges to help rebuild Syria\n\n" in article.text
    assert article.source == str(SEED)
    assert article.id is None
    assert article.key.startswith("sha256-")


def test_front_matter() -> None:
    raw = (
        "---\nid: fr-de-1\ntitle: Joint fund\npublished: 2023-09-18\noutlet: Wire\n"
        "url: https://example.org/a\nlang: en\n---\n\n" + BODY + "\n"
    )
    a = read_text(raw, source="a.md")
    assert (a.id, a.title, a.published, a.outlet, a.url) == (
        "fr-de-1",
        "Joint fund",
        date(2023, 9, 18),
        "Wire",
        "https://example.org/a",
    )
    assert a.text == BODY
    assert a.extra == {"lang": "en"}
    assert a.key == "fr-de-1"


def test_front_matter_published_as_string() -> None:
    a = read_text("---\npublished: '2023-09-18'\n---\n" + BODY, source="a.txt")
    assert a.published == date(2023, 9, 18)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("---\ntitle: [unclosed\n---\n" + BODY, "bad YAML front matter"),
        ("---\npublished: yesterday\n---\n" + BODY, "bad published date 'yesterday'"),
        ("---\npublished: 2023-02-30\n---\n" + BODY, "bad published date"),
        ("---\ntitle: x\n" + BODY, "front matter not closed"),
        ("---\n- a\n- b\n---\n" + BODY, "front matter must be a mapping"),
        ("---\ntitle: [1, 2]\n---\n" + BODY, "field 'title' must be a string"),
        ("", "empty"),
        ("  \n\t\n", "whitespace only"),
        ("Skip to content\nAdvertisement\n", "no article text"),
    ],
)
def test_text_bad(raw: str, reason: str) -> None:
    with pytest.raises(BadInput) as info:
        read_text(raw, source="bad.txt")
    assert info.value.source == "bad.txt"
    assert reason in info.value.reason


def test_markdown() -> None:
    raw = (
        "# Talks in **Beijing** end without deal\n\n22 September 2023\n\n"
        "## Background\n\nThe [ministers](https://example.org/m) met *twice*.\n\n"
        "![a photo](img.jpg)\n\nNo agreement was reached.\n"
    )
    a = read_text(raw, source="talks.md")
    assert a.title == "Talks in **Beijing** end without deal"
    assert a.published == date(2023, 9, 22)
    assert a.text == "Background\n\nThe ministers met *twice*.\n\nNo agreement was reached."


def test_no_title_when_first_line_is_a_sentence() -> None:
    a = read_text(BODY + "\n\nSecond paragraph.", source="x.txt")
    assert a.title is None
    assert a.published is None
    assert a.text == BODY + "\n\nSecond paragraph."


def test_wire_dateline_kept_and_recorded() -> None:
    raw = "PARIS, Sept 18 — France has agreed to a joint fund with Germany.\n"
    a = read_text(raw, source="w.txt")
    assert a.text == raw.strip()
    assert a.extra["dateline_place"] == "PARIS"


# --- HTML --------------------------------------------------------------------------------------------------


def test_html_page() -> None:
    [a] = list(read_inputs([str(HTML_PAGE)]))
    assert isinstance(a, Article)
    assert a.title == "France and Germany pledge joint defence fund"
    assert a.published == date(2023, 9, 18)
    assert a.outlet == "The Daily Wire Service"
    assert a.url == "https://news.example.org/world/france-germany-defence-fund"
    assert "the two governments said in a statement" in a.text
    assert "coordinate sanctions with their partners" in a.text
    assert a.extra["dateline_place"] == "PARIS"
    for junk in (
        "Skip to",
        "Subscribe to our newsletter",
        "garden furniture",
        "cookies",
        "All rights reserved",
    ):
        assert junk not in a.text
    assert "\n\n" in a.text  # paragraphs kept


def test_html_without_text() -> None:
    with pytest.raises(BadInput, match="no article text found"):
        read_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", source="empty.html")


# --- JSON Lines and JSON -----------------------------------------------------------------------------------


def test_jsonl_with_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {"id": "a1", "title": "One", "published": "2023-09-18", "text": "First\u00a0article.\n\n\n\nEnd."}
        ),
        "",
        "{not json",
        json.dumps({"id": "a3", "text": "   "}),
        json.dumps({"id": "a4", "published": "someday", "text": "Fourth."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 5, "outlet": "DW", "text": "Fifth article.\n\nwmr/wd (AFP, Reuters)"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, bad = split(list(read_jsonl(str(path), source=str(path))))
    assert [a.id for a in articles] == ["a1", "5"]
    assert articles[0].text == "First article.\n\nEnd."
    assert articles[0].published == date(2023, 9, 18)
    assert articles[0].source == f"{path}:1"
    assert articles[1].text == "Fifth article."
    assert articles[1].source == f"{path}:7"
    assert [b.source for b in bad] == [f"{path}:3", f"{path}:4", f"{path}:5", f"{path}:6"]
    assert bad[0].reason.startswith("invalid JSON")
    assert bad[1].reason == "empty 'text'"
    assert "bad published date" in bad[2].reason
    assert "expected a JSON object" in bad[3].reason


def test_json_document(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"title": "T", "text": BODY}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "A."}, {"title": "no text"}]), encoding="utf-8")
    articles, bad = split(list(read_inputs([str(one), str(many)])))
    assert [a.text for a in articles] == [BODY, "A."]
    assert articles[1].source == f"{many}[0]"
    assert [(b.source, b.reason) for b in bad] == [(f"{many}[1]", "missing 'text'")]


# --- batches -----------------------------------------------------------------------------------------------


def test_directory_batch(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a-good.txt").write_text("Title here\n\n" + BODY + "\n", encoding="utf-8")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-latin1.txt").write_bytes("Caf\u00e9 talks.".encode("latin-1"))
    (tmp_path / "d-binary.md").write_bytes(b"abc\x00def")
    (tmp_path / "notes.csv").write_text("ignored,file\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    (tmp_path / "sub" / "e.jsonl").write_text(
        json.dumps({"id": "j1", "text": "JSON one."})
        + "\n"
        + json.dumps({"id": "j2", "text": "JSON two."})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "sub" / "f-bom.txt").write_bytes("\ufeffBOM article text.".encode())
    articles, bad = split(list(read_inputs([str(tmp_path)])))
    assert [a.source for a in articles] == [
        str(tmp_path / "a-good.txt"),
        f"{tmp_path / 'sub' / 'e.jsonl'}:1",
        f"{tmp_path / 'sub' / 'e.jsonl'}:2",
        str(tmp_path / "sub" / "f-bom.txt"),
    ]
    assert articles[0].title == "Title here"
    assert articles[3].text == "BOM article text."
    assert [(b.source, b.reason) for b in bad] == [
        (str(tmp_path / "b-empty.txt"), "empty"),
        (str(tmp_path / "c-latin1.txt"), "not UTF-8 (byte 0xe9 at offset 3)"),
        (str(tmp_path / "d-binary.md"), "binary file (contains NUL bytes)"),
    ]


def test_missing_and_empty_inputs(tmp_path: Path) -> None:
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    odd = tmp_path / "article.weird"
    odd.write_text(BODY, encoding="utf-8")
    items = list(
        read_inputs([str(tmp_path / "missing.txt"), str(empty_dir), str(odd), "ftp://example.org/a"])
    )
    assert isinstance(items[0], BadInput) and items[0].reason == "file not found"
    assert isinstance(items[1], Article) and items[1].text == BODY
    assert isinstance(items[2], BadInput) and "unsupported URL scheme" in items[2].reason
    assert len(items) == 3


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(BODY, encoding="utf-8")
    path.chmod(0)
    [bad] = list(read_inputs([str(path)]))
    assert isinstance(bad, BadInput) and bad.reason == "permission denied"


def test_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 10, encoding="utf-8")
    [bad] = list(read_inputs([str(path)], max_bytes=100))
    assert isinstance(bad, BadInput) and bad.reason == "larger than 100 bytes"


# --- standard input ----------------------------------------------------------------------------------------


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Headline\n\n2023-09-18\n\n" + BODY + "\n"))
    [a] = list(read_inputs(["-"]))
    assert isinstance(a, Article)
    assert (a.title, a.published, a.text, a.source) == ("Headline", date(2023, 9, 18), BODY, "-")


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (
        json.dumps({"id": "s1", "text": "One."})
        + "\n\n"
        + "{bad\n"
        + json.dumps({"id": "s2", "text": "Two."})
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode()), encoding="utf-8"))
    articles, bad = split(list(read_inputs(["-"])))
    assert [(a.id, a.source) for a in articles] == [("s1", "-:1"), ("s2", "-:4")]
    assert [b.source for b in bad] == ["-:3"]


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    [bad] = list(read_inputs(["-"]))
    assert isinstance(bad, BadInput) and (bad.source, bad.reason) == ("-", "empty")


# --- URLs against a local server ---------------------------------------------------------------------------

PLAIN = "Ministers meet\n\nSeptember 18, 2023\n\n" + BODY + "\n"
JSONL = json.dumps({"id": "u1", "text": "One."}) + "\n" + json.dumps({"id": "u2", "text": "Two."}) + "\n"


class _Handler(BaseHTTPRequestHandler):
    release: threading.Event

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, body: bytes, ctype: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/article.html":
            self._send(HTML_PAGE.read_bytes(), "text/html; charset=utf-8")
        elif self.path == "/plain.txt":
            self._send(PLAIN.encode("utf-8"), "text/plain; charset=utf-8")
        elif self.path == "/latin1.txt":
            self._send(("Caf\u00e9 diplomacy\n\n" + BODY).encode("latin-1"), "text/plain; charset=iso-8859-1")
        elif self.path == "/feed.jsonl":
            self._send(JSONL.encode("utf-8"), "application/x-ndjson")
        elif self.path == "/surrogate.jsonl":
            body = '{"id": "bad", "text": "China \\ud800 and Russia signed."}\n' + json.dumps({"id": "ok", "text": "One."})
            self._send(body.encode("utf-8"), "application/x-ndjson")
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/plain.txt")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/big":
            self._send(b"x" * 5000, "text/plain")
        elif self.path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"x" * 5000)
            self.close_connection = True
        elif self.path == "/image.png":
            self._send(b"\x89PNG\r\n", "image/png")
        elif self.path == "/slow":
            self.release.wait(5)
            self._send(PLAIN.encode("utf-8"), "text/plain")
        else:
            self.send_error(404, "Not Found")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    release = threading.Event()
    handler = type("Handler", (_Handler,), {"release": release})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_url_html(server: str) -> None:
    a = fetch_url(f"{server}/article.html", timeout=5, max_bytes=100_000)
    assert a.title == "France and Germany pledge joint defence fund"
    assert a.published == date(2023, 9, 18)
    assert a.url == f"{server}/article.html"
    assert a.source == f"{server}/article.html"
    assert "joint fund for defence procurement" in a.text
    assert "Subscribe to our newsletter" not in a.text


def test_url_plain_and_redirect(server: str) -> None:
    a = fetch_url(f"{server}/plain.txt", timeout=5, max_bytes=100_000)
    assert (a.title, a.published, a.text) == ("Ministers meet", date(2023, 9, 18), BODY)
    b = fetch_url(f"{server}/redirect", timeout=5, max_bytes=100_000)
    assert b.url == f"{server}/plain.txt"
    assert b.source == f"{server}/redirect"
    c = fetch_url(f"{server}/latin1.txt", timeout=5, max_bytes=100_000)
    assert c.title == "Caf\u00e9 diplomacy"


def test_url_jsonl(server: str) -> None:
    articles, bad = split(list(read_inputs([f"{server}/feed.jsonl"], timeout=5)))
    assert not bad
    assert [(a.id, a.source) for a in articles] == [
        ("u1", f"{server}/feed.jsonl:1"),
        ("u2", f"{server}/feed.jsonl:2"),
    ]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/big", "larger than 1000 bytes"),
        ("/big-chunked", "larger than 1000 bytes"),
        ("/image.png", "unsupported content type 'image/png'"),
        ("/slow", "timed out after 0.3s"),
    ],
)
def test_url_bad(server: str, path: str, reason: str) -> None:
    url = f"{server}{path}"
    [bad] = list(read_inputs([url], timeout=0.3, max_bytes=1000))
    assert isinstance(bad, BadInput)
    assert (bad.source, bad.reason) == (url, reason)
    with pytest.raises(BadInput, match=reason):
        fetch_url(url, timeout=0.3, max_bytes=1000)


def test_url_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    [bad] = list(read_inputs([f"http://127.0.0.1:{port}/a"], timeout=2))
    assert isinstance(bad, BadInput) and bad.reason == "connection refused"


def test_a_json_number_over_pythons_digit_limit_is_a_bad_input(tmp_path):
    """Found by the hostile-ingest property test: json raises a plain ValueError for 4,301 digits."""
    from diplokg.errors import BadInput
    from diplokg.ingest.readers import read_inputs

    for name, body in (("a.jsonl", '{"text": 1' + "0" * 4400 + "}\n"), ("b.json", "[" + "9" * 4400 + "]")):
        path = tmp_path / name
        path.write_text(body)
        (item,) = list(read_inputs([str(path)]))
        assert isinstance(item, BadInput) and "invalid JSON" in item.reason


# --- text a store can hold, ids every endpoint can address (issue 15) --------------------------------------

AGREEMENT = "China and Russia signed an agreement on Monday."


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        # JSON and YAML escapes decode into lone surrogates: not Unicode text, which no store or page can hold
        ("text.jsonl", '{"id": "s", "text": "China and Russia \\ud800 signed an agreement."}\n', "surrogate"),
        ("title.jsonl", '{"id": "s", "title": "\\ud800", "text": "' + AGREEMENT + '"}\n', "surrogate"),
        ("id.jsonl", '{"id": "s\\udfff", "text": "' + AGREEMENT + '"}\n', "surrogate"),
        ("array.json", '[{"id": "s", "text": "China \\udbff and Russia signed."}]', "surrogate"),
        ("front.txt", '---\ntitle: "\\ud800"\n---\n' + AGREEMENT + "\n", "surrogate"),
        # characters XML 1.0 cannot carry (RDF/XML, GEXF, GraphML, the page): NUL, other C0 controls, U+FFFF
        ("nul.jsonl", '{"id": "n", "text": "China and Russia \\u0000 signed an agreement."}\n', "U+0000"),
        ("bell.txt", '---\noutlet: "Wire\\a"\n---\n' + AGREEMENT + "\n", "U+0007"),
        ("ffff.jsonl", '{"id": "f", "url": "https://example.org/\\uffff", "text": "' + AGREEMENT + '"}\n', "U+FFFF"),
    ],
)
def test_text_that_is_not_unicode_or_xml_characters_is_a_bad_input(tmp_path: Path, name, content, why) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="ascii")
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, BadInput), item
    assert item.source.startswith(str(path)) and why in item.reason


def test_form_feeds_and_vertical_tabs_are_line_breaks() -> None:
    """pdftotext separates pages with a form feed: a line break, not a reason to refuse the article."""
    a = read_text("Talks\n\n" + AGREEMENT + "\f" + AGREEMENT + "\v" + AGREEMENT)
    assert a.text == "\n".join([AGREEMENT] * 3)


@pytest.mark.parametrize("article_id", ["a/b c", "../../etc/passwd", "</script>", "x" * 301, "a b", "a_b ", "%2F",
                                        "-flag", ".", "é", "a?b", "a#b", " "])
def test_an_id_outside_the_rule_is_a_bad_input(tmp_path: Path, article_id: str) -> None:
    """Ids are 1-300 of A-Z a-z 0-9 . _ ~ : @ -, starting with a letter or digit: a URL path segment as they are,
    an IRI segment one to one (``a b`` and ``a_b`` made the same IRI)."""
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"id": article_id, "text": AGREEMENT}) + "\n")
    front = tmp_path / "b.txt"
    front.write_text("---\n" + json.dumps({"id": article_id}) + "\n---\n" + AGREEMENT + "\n")
    for path in (jsonl, front):
        [item] = list(read_inputs([str(path)]))
        assert isinstance(item, BadInput) and "id" in item.reason, (path.name, item)


@pytest.mark.parametrize("article_id", ["dw-2023-09-22-china-syria-partnership", "A.b_c~d:e@f-9", "x" * 300, "7",
                                        12345])
def test_an_id_within_the_rule_is_kept(tmp_path: Path, article_id) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": article_id, "text": AGREEMENT}) + "\n")
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Article) and item.key == str(article_id)


def test_no_id_is_a_content_key(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ({"id": None, "text": AGREEMENT}, {"text": AGREEMENT},
                                                          {"id": "", "text": AGREEMENT})))
    keys = [item.key for item in read_inputs([str(path)])]
    assert keys[0] == keys[1] == keys[2] and keys[0].startswith("sha256-")


def test_stdin_and_urls_check_text_too(monkeypatch: pytest.MonkeyPatch, server: str) -> None:
    line = '{"id": "bad", "text": "China \\ud800 and Russia signed."}\n' + json.dumps({"id": "ok", "text": AGREEMENT})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line.encode()), encoding="utf-8"))
    articles, bad = split(list(read_inputs(["-"])))
    assert [a.id for a in articles] == ["ok"] and [b.source for b in bad] == ["-:1"]
    articles, bad = split(list(read_inputs([f"{server}/surrogate.jsonl"], timeout=5)))
    assert [a.id for a in articles] == ["ok"] and [b.source for b in bad] == [f"{server}/surrogate.jsonl:1"]
