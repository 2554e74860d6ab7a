"""A news site on loopback for the feed and watch tests: feeds, pages and GDELT update lists served from memory,
every request logged, and any path held back until a test lets it through (to stop a process mid-round)."""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).parent
ARTICLE_HTML = HERE.parent.parent / "ingest" / "fixtures" / "article.html"
TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".html": "text/html; charset=utf-8",
         ".txt": "text/plain", ".zip": "application/zip"}


def gdelt_row(event_id: str, day: str, a1: str, code: str, a2: str) -> str:
    """One GDELT 2.0 export row (61 tab-separated columns) between two states."""
    from diplokg.ingest.imports import GDELT_COLUMNS

    values = {"GLOBALEVENTID": event_id, "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4],
              "Actor1Code": a1, "Actor1Name": a1, "Actor1CountryCode": a1, "Actor2Code": a2, "Actor2Name": a2,
              "Actor2CountryCode": a2, "IsRootEvent": "1", "EventCode": code, "EventBaseCode": code[:3],
              "EventRootCode": code[:2], "QuadClass": "1", "GoldsteinScale": "3.0", "NumMentions": "10",
              "NumSources": "2", "NumArticles": "10", "AvgTone": "-1.5", "DATEADDED": day + "120000",
              "SOURCEURL": f"https://news.example.org/gdelt/{event_id}"}
    return "\t".join(values.get(col, "") for col in GDELT_COLUMNS)


def export_zip(name: str, rows: list[str]) -> bytes:
    """A zipped GDELT export holding ``name`` (``….export.CSV``) with ``rows``; the same bytes every time (a
    fixed member date), so that serving it again is serving the same file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo(name, date_time=(2023, 3, 12, 0, 0, 0)), "\n".join(rows) + "\n",
                    compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def update_line(body: bytes, url: str, md5: str | None = None) -> str:
    """A ``lastupdate.txt`` line for ``body`` served at ``url`` (``md5``: a wrong checksum to list instead)."""
    return f"{len(body)} {md5 or hashlib.md5(body).hexdigest()} {url}"


ARTICLES = ("PREFIX schema: <https://schema.org/> PREFIX dk: <https://w3id.org/diplokg/vocab#> "
            "SELECT ?id ?title ?url ?published WHERE { ?a a schema:NewsArticle ; schema:identifier ?id ; "
            "dk:contentHash ?h OPTIONAL { ?a schema:headline ?title } OPTIONAL { ?a schema:url ?url } "
            "OPTIONAL { ?a schema:datePublished ?published } }")


def stored(store) -> dict[str, dict]:
    """The articles in ``store`` (not GDELT rows' sources) by key: id, title, url, published."""
    return {str(r["id"]): {k: str(v) if v is not None else None for k, v in r.items()} for r in store.select(ARTICLES)}


class Site:
    """``site.put(path, body)`` serves ``body`` (``{base}`` in it replaced by the site's URL) at ``path``;
    ``site.hold(path)`` keeps requests for ``path`` waiting until ``site.release(path)``; ``site.requests``
    lists the paths asked for, ``site.asked(path)`` waits until one was."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, bytes]] = {}
        self.requests: list[str] = []
        self.held: dict[str, threading.Event] = {}
        self.etags = False  # send ETags and answer 304 to a matching If-None-Match
        self.seen = threading.Condition()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                with site.seen:
                    site.requests.append(path)
                    site.seen.notify_all()
                gate = site.held.get(path)
                if gate is not None:
                    gate.wait(30)
                found = site.routes.get(path)
                if found is None:
                    self.send_error(404)
                    return
                kind, body = found
                etag = '"' + hashlib.md5(body).hexdigest() + '"'
                try:
                    if site.etags and self.headers.get("If-None-Match") == etag:
                        self.send_response(304)
                        self.end_headers()
                        return
                    self.send_response(200)
                    if site.etags:
                        self.send_header("ETag", etag)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # a client killed on purpose
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def put(self, path: str, body: bytes | str, kind: str | None = None) -> str:
        if isinstance(body, str):
            body = body.replace("{base}", self.url).encode("utf-8")
        self.routes[path] = (kind or TYPES.get(Path(path).suffix, "application/octet-stream"), body)
        return self.url + path

    def put_fixture(self, path: str, name: str) -> str:
        """Serve the fixture feed ``name`` (of this folder) at ``path``."""
        return self.put(path, (HERE / name).read_text("utf-8"))

    def hold(self, path: str) -> None:
        self.held[path] = threading.Event()

    def release(self, path: str) -> None:
        self.held.pop(path).set()

    def asked(self, path: str, seconds: float = 60) -> bool:
        with self.seen:
            return self.seen.wait_for(lambda: path in self.requests, timeout=seconds)

    def count(self, path: str) -> int:
        return self.requests.count(path)

    def close(self) -> None:
        for gate in self.held.values():
            gate.set()
        self.server.shutdown()
        self.server.server_close()
