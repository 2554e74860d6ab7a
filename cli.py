"""The ``diplokg`` command: parses options, calls one library function, prints. No logic lives here."""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys
from pathlib import Path

from diplokg import __version__
from diplokg.errors import DiplokgError, UsageError

__all__ = ["main"]


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="DIR|URL",
                   help="store directory, or the http(s) URL of a SPARQL 1.1 query endpoint "
                        "(default: $DIPLOKG_STORE or the user data dir)")
    p.add_argument("--update-url", metavar="URL",
                   help="SPARQL update endpoint of a --store URL (default: $DIPLOKG_UPDATE_URL, else the store URL "
                        "with its final /query replaced by /update)")


def _open(args, read_only: bool = False):
    from diplokg.graph.store import open_store

    return open_store(args.store or None, read_only=read_only, update_url=args.update_url)


def _progress(stream):
    """Progress on standard error: a live line on a terminal, a line every 100 inputs in a log."""
    live = stream.isatty()
    seen = [0]

    def show(report, item) -> None:
        seen[0] += 1
        done = seen[0]
        line = f"{done} inputs read: {report.articles} stored, {report.skipped} already stored, {report.failed} failed"
        if live:
            stream.write("\r" + line)
            stream.flush()
        elif done % 100 == 0:
            stream.write(line + "\n")

    return show


def cmd_ingest(args) -> int:
    if args.workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {args.workers}")
    from diplokg.ingest.follow import StoredEntries
    from diplokg.ingest.pipeline import ingest_articles, sample_article_path
    from diplokg.ingest.readers import read_inputs

    paths = list(args.paths)
    if args.sample:
        paths.append(sample_article_path())
    if not paths:
        raise UsageError("nothing to ingest: give PATH..., '-' for standard input, or --sample")
    with _open(args) as store:
        seen = StoredEntries(store)  # a feed's entries stored already are skipped before their pages are fetched
        report = ingest_articles(read_inputs(paths, seen=seen), store, progress=_progress(sys.stderr),
                                 workers=args.workers)
        report.skipped += seen.skipped
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for failure in report.failures:
        print(f"skipped {failure.source}: {failure.reason}", file=sys.stderr)
    print(report.summary())
    return 1 if report.failures else 0


def _event_row(e: dict, merged: bool) -> list:
    return [e["date"] or "", e["source"]["code"], e["code"], e["label"] or "", e["target"]["code"],
            e["count"] if e["count"] is not None else "", e["modality"], f"{e['confidence']:.2f}", e["sources"],
            " ".join(e["articles"]) if merged else e["article"]]


def cmd_events(args) -> int:
    from diplokg.graph.queries import list_events

    modalities = tuple(args.modality.split(",")) if args.modality else ("asserted",)
    with _open(args, read_only=True) as store:
        events = list_events(store, actor=args.actor, since=args.since, until=args.until, modalities=modalities,
                             min_confidence=args.min_confidence, per_article=not args.merged)
    header = ["date", "source", "code", "label", "target", "count", "modality", "confidence", "sources",
              "articles" if args.merged else "article"]
    if args.format == "json":
        json.dump(events, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        out = csv.writer(sys.stdout)
        out.writerow(header)
        out.writerows(_event_row(e, args.merged) for e in events)
    else:
        _table(header, [_event_row(e, args.merged) for e in events])
    return 0


def _table(header: list[str], rows: list[list]) -> None:
    rows = [[str(c) for c in r] for r in rows]
    widths = [min(40, max([len(h)] + [len(r[i]) for r in rows])) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for r in rows:
        print("  ".join(c[:w].ljust(w) for c, w in zip(r, widths)))


def cmd_export(args) -> int:
    with _open(args, read_only=True) as store:
        if args.output:
            store.export(args.format, args.output)
        else:
            sys.stdout.buffer.write(store.export(args.format))
    return 0


def cmd_actors(args) -> int:
    from diplokg.graph.queries import list_actors

    with _open(args, read_only=True) as store:
        actors = list_actors(store, only_with_events=not args.all)
    if args.format == "json":
        json.dump(actors, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _table(["code", "label", "kind", "country", "events"],
               [[a["code"], a["label"], a["kind"] or "", a["country"] or "", a["events"]] for a in actors])
    return 0


def cmd_summary(args) -> int:
    from diplokg.graph.queries import graph_summary, list_events

    with _open(args, read_only=True) as store:
        info = graph_summary(store)
        events = list_events(store)
    out = io.StringIO()
    out.write(f"diplokg store {store.path}\n")
    out.write(f"  {len(info['articles'])} articles, {info['events']} events, {info['triples']} triples\n\n")
    out.write("Events (date  source  CAMEO  target):\n")
    for e in events:
        count = f" ×{e['count']}" if e["count"] else ""
        mod = "" if e["modality"] == "asserted" else f" [{e['modality']}]"
        out.write(f"  {e['date'] or '(undated)':10}  {e['source']['label']:<22} {e['code']:>4} {e['label'] or '':<40}"
                  f" → {e['target']['label']}{count}{mod}\n")
    out.write("\nRelations (one triple each, e.g. ?s dk:partnerOf ?o):\n")
    for s, p, o in info["relations"]:
        out.write(f"  {s} dk:{p} {o}\n")
    sys.stdout.write(out.getvalue())
    return 0


class _HeldBack(logging.StreamHandler):
    """Records to a stream, held back until :meth:`let_through`: the server's news never comes before its banner,
    and not at all if it fails to start."""

    def __init__(self, stream):
        super().__init__(stream)
        self.held: list[logging.LogRecord] | None = []

    def emit(self, record: logging.LogRecord) -> None:  # called under self.lock
        if self.held is None:
            super().emit(record)
        else:
            self.held.append(record)

    def let_through(self) -> None:
        with self.lock:
            held, self.held = self.held or [], None
            for record in held:
                super().emit(record)


def cmd_serve(args) -> int:
    from diplokg.api.app import create_app
    from diplokg.api.server import serve
    from diplokg.api.settings import Settings
    from diplokg.graph.store import default_store_location

    settings = Settings()
    settings = settings.model_copy(update={"store": args.store or settings.store or default_store_location(),
                                           "update_url": args.update_url or settings.update_url,
                                           "watch": args.watch or settings.watch,
                                           "watch_every": args.every or settings.watch_every})
    news = _HeldBack(sys.stdout)  # the server's own news (the dyad network built as it starts) on stdout
    log = logging.getLogger("diplokg")
    log.setLevel(logging.INFO)
    log.addHandler(news)

    def announce(base: str) -> None:
        print(f"diplokg serving {settings.store} at {base}\n"
              f"  API docs      {base}/docs\n"
              f"  a relation    {base}/relations?source=CHN&target=SYR\n"
              f"  a path        {base}/path?from=SAU&to=SYR\n"
              f"  SPARQL        {base}/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D\n"
              f"  graph page    {base}/graph\n"
              "Ctrl-C stops it.", flush=True)
        news.let_through()

    serve(create_app(settings), args.host, args.port, ready=announce)  # PortInUse, StoreLocked … before announce
    return 0


def cmd_watch(args) -> int:
    import signal

    from diplokg.ingest.watch import Watcher

    def show(done) -> None:
        print(done.line(), flush=True)
        for error in done.polled.errors:  # (a source that failed has one: why it could not be read)
            print(f"  {'cannot read' if done.polled.failed else 'skipped'} {error}", file=sys.stderr, flush=True)

    with _open(args) as store:
        watcher = Watcher(args.sources, store, every=args.every, on_round=show)

        def stop(signum, frame) -> None:
            if watcher.stopped:  # a second Ctrl-C: stop now (what is written stays whole)
                raise KeyboardInterrupt
            print("stopping after the item under way …", file=sys.stderr, flush=True)
            watcher.stop()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            rounds = watcher.run(rounds=1 if args.once else None)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    return 1 if args.once and any(r.polled.errors for r in rounds) else 0


def _network(args):
    from diplokg.graph.network import EventNetwork

    with _open(args, read_only=True) as store:
        return EventNetwork.from_store(store)


def cmd_relations(args) -> int:
    from diplokg.api.routers.network import plain

    json.dump(plain(_network(args).relations(args.a, args.b)), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def cmd_path(args) -> int:
    from diplokg.api.routers.network import plain

    hops = _network(args).path(args.a, args.b, max_hops=args.max_hops)
    if hops is None:
        print(f"no path from {args.a} to {args.b} within {args.max_hops} hops", file=sys.stderr)
        return 1
    json.dump(plain(hops), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def cmd_sparql(args) -> int:
    import pyoxigraph as ox
    from diplokg.api.settings import Settings
    from diplokg.graph.query_guard import check_query, run_deep

    text = Path(args.query[1:]).read_text("utf-8") if args.query.startswith("@") else args.query
    settings = Settings()  # the same text limits as /sparql (DIPLOKG_SPARQL_MAX_CHARS, DIPLOKG_SPARQL_MAX_DEPTH)
    check_query(text, max_chars=settings.sparql_max_chars, max_depth=settings.sparql_max_depth)
    formats = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}

    def answer(store) -> bytes:  # parsed, run and serialised on a deep stack (see graph/query_guard.py)
        try:
            result = store.query(text)
        except SyntaxError as exc:
            raise UsageError(f"not a SPARQL query: {exc}") from exc
        if isinstance(result, ox.QueryBoolean):
            return b"true\n" if bool(result) else b"false\n"
        if isinstance(result, ox.QueryTriples):
            return result.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
        return result.serialize(format=formats[args.format]) or b""

    with _open(args, read_only=True) as store:
        sys.stdout.buffer.write(run_deep(lambda: answer(store)))
    return 0


def cmd_explain(args) -> int:
    from diplokg.ingest.coder import Coder
    from diplokg.ingest.readers import read_inputs

    coder = Coder()
    failed = 0
    for item in read_inputs(args.paths):
        if not hasattr(item, "text"):
            print(f"skipped {item.source}: {item.reason}", file=sys.stderr)
            failed += 1
            continue
        print(f"# {item.title or item.source}  (dateline {item.published or 'unknown'})")
        for report in coder.explain(item):
            text = " ".join(report.text.split())
            if not text:
                continue
            print(f"\n» {text}")
            if report.mentions:
                print("  actors:   " + "; ".join(f"{m.text} → {'+'.join(a.represents() for a in m.actors)}"
                                              f" ({m.how}{', weak' if m.weak else ''})" for m in report.mentions))
            if report.triggers:
                print("  triggers: " + "; ".join(f"'{t.pattern}' {t.entry.code} [{t.head_tag}]"
                                              for t in report.triggers))
            for e in report.events:
                print(f"  event:    {e.source.represents()} {e.code} {e.label or ''} → {e.target.represents()}"
                      f"  date={e.date} count={e.count} {e.modality} conf={e.confidence:.2f}")
            for note in report.notes:
                print(f"  no event: {note}")
    return 1 if failed else 0


def cmd_evaluate(args) -> int:
    from diplokg.ingest.evaluate import code_gold, evaluate, load_gold

    gold = load_gold(args.gold)
    if not gold:
        raise UsageError("no gold articles found (JSON files with 'text' and 'events')")
    modalities = tuple(args.modality.split(","))
    total, per_article = evaluate(gold, code_gold(gold, modalities=modalities))
    if args.json:
        print(json.dumps(total.as_dict()))
        return 0
    print(f"{'article':48} pred  ok dup  req found")
    for doc in gold:
        s = per_article[doc.article.id]
        print(f"{doc.article.id[:48]:48} {s.pred:4} {s.correct:3} {s.dupes:3} {s.required:4} {s.found:5}")
        for m in s.missed:
            print(f"    missed: {m.get('note') or m.get('evidence')}")
    d = total.as_dict()

    def fmt(x):
        return "n/a" if x is None else f"{x:.2f}"

    print(f"root agreement {fmt(d['root_agreement'])}  date agreement {fmt(d['date_agreement'])}"
          f"  count agreement {fmt(d['count_agreement'])}")
    print(f"precision {total.precision:.3f} recall {total.recall:.3f} F1 {total.f1:.3f} over {len(gold)} articles")
    return 0


def _quad_list(value: str) -> list[int]:
    try:
        quads = [int(q) for q in value.split(",") if q.strip()]
    except ValueError:
        quads = [0]
    if not quads or not all(1 <= q <= 4 for q in quads):
        raise argparse.ArgumentTypeError(f"{value!r}: QuadClasses are 1, 2, 3, 4 (comma-separated)")
    return quads


def cmd_viz(args) -> int:
    from diplokg.viz.page import write_page

    quads = sorted({q for part in args.quad or [] for q in part}) or None
    with _open(args, read_only=True) as store:
        path = write_page(store, args.output, actor=args.actor, depth=args.depth, since=args.since,
                          until=args.until, quad=quads, code=args.code, min_count=args.min_count)
    print(f"wrote {path}: open it in a browser (works offline)")
    return 0


def cmd_trend(args) -> int:
    from diplokg.graph.network import EventNetwork
    from diplokg.viz.trend import write_trend

    with _open(args, read_only=True) as store:
        path, trend = write_trend(EventNetwork.from_store(store, aggregate=True), args.a, args.b, args.output)
    months = len(trend["periods"])
    print(f"wrote {path}: {trend['events']} events between {trend['actors'][0]} and {trend['actors'][1]}, "
          f"{sum(p['events'] for p in trend['periods'])} of them in {months} month{'s' if months != 1 else ''}")
    return 0


def cmd_import(args) -> int:
    from diplokg.ingest.imports import import_files

    live = sys.stderr.isatty()

    def progress(report) -> None:
        line = f"{report.rows:,} rows read: {report.events:,} events, {report.bad_rows:,} bad"
        sys.stderr.write(("\r" + line) if live else line + "\n")
        sys.stderr.flush()

    with _open(args) as store:
        report = import_files(args.kind, args.paths, store, progress=progress, part_lines=args.part_lines)
    if live:
        sys.stderr.write("\n")
    for source, line, reason in report.problems:
        print(f"skipped {source}:{line}: {reason}", file=sys.stderr)
    if report.bad_rows > len(report.problems):
        print(f"… and {report.bad_rows - len(report.problems):,} more bad rows", file=sys.stderr)
    for failure in report.failures:
        print(f"skipped {failure.source}: {failure.reason}", file=sys.stderr)
    print(report.summary())
    return 1 if report.failures or report.bad_rows else 0


def _interval(value: str) -> float:
    from diplokg.ingest.watch import parse_every

    try:
        return parse_every(value)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diplokg", description="A knowledge graph of diplomatic events.")
    parser.add_argument("--version", action="version", version=f"diplokg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="read articles, code their events, store them")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="file, directory, '-' (stdin), http(s) URL, or RSS/Atom feed (URL or file: an article an entry)")
    p.add_argument("--sample", action="store_true", help="also ingest the bundled sample article (DW, 2023)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="code articles in N processes (worth it for big batches; each loads the coder, ~1.5 s)")
    _store_arg(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("events", help="list coded events")
    _store_arg(p)
    p.add_argument("--actor", metavar="CODE", help="actor code as source or target (or their country)")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument("--modality", metavar="LIST", help="comma-separated: asserted,future,negated (default asserted)")
    p.add_argument("--min-confidence", type=float, metavar="X", help="only events with confidence >= X (0-1)")
    p.add_argument("--merged", action="store_true",
                   help="one line per event with every article reporting it (default: one per article's report)")
    p.add_argument("--format", choices=["json", "table", "csv"], default="table")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("export", help="write the graph as RDF")
    _store_arg(p)
    p.add_argument("--format", choices=["turtle", "nt", "nquads", "trig", "jsonld"], default="trig")
    p.add_argument("-o", "--output", metavar="FILE")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("actors", help="list actors with events")
    _store_arg(p)
    p.add_argument("--all", action="store_true", help="include gazetteer actors without events")
    p.add_argument("--format", choices=["json", "table"], default="table")
    p.set_defaults(func=cmd_actors)

    p = sub.add_parser("serve", help="serve the graph over HTTP (API docs at /docs)")
    _store_arg(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--watch", action="append", metavar="SOURCE",
                   help="also watch this feed or GDELT update list in the background (repeat for more; "
                        "/health shows each one's last round)")
    p.add_argument("--every", type=_interval, metavar="INTERVAL", help="poll --watch sources this often (15m)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("relations", help="what actor A did with B (or with everyone), as JSON")
    _store_arg(p)
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B", nargs="?")
    p.set_defaults(func=cmd_relations)

    p = sub.add_parser("path", help="how A is connected to B, hop by hop, as JSON")
    _store_arg(p)
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--max-hops", type=int, default=4)
    p.set_defaults(func=cmd_path)

    p = sub.add_parser("sparql", help="run a read-only SPARQL query (text or @FILE)")
    _store_arg(p)
    p.add_argument("query", metavar="QUERY|@FILE")
    p.add_argument("--format", choices=["csv", "tsv", "json"], default="csv", help="for SELECT results")
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser("explain", help="show, sentence by sentence, what the coder found and why")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, '-' or URL")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("evaluate", help="score the coder against gold-annotated articles (corpus schema)")
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold JSON files or folders of them")
    p.add_argument("--modality", default="asserted", metavar="LIST",
                   help="which coded events count as predictions (default asserted, as `events`)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("viz", help="write the interactive graph page as one offline HTML file")
    _store_arg(p)
    p.add_argument("-o", "--output", metavar="FILE", default="diplokg-graph.html")
    p.add_argument("--actor", metavar="CODE", help="centre the view on this actor")
    p.add_argument("--depth", type=int, choices=(1, 2, 3), default=2, help="hops around --actor (default 2)")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument("--quad", type=_quad_list, action="append", metavar="Q[,Q]",
                   help="QuadClasses to show (1-4; repeat or comma-separate)")
    p.add_argument("--code", metavar="CAMEO", help="a CAMEO code or prefix (04: every consultation)")
    p.add_argument("--min-count", type=int, default=1, metavar="N", help="hide ties with fewer events")
    p.set_defaults(func=cmd_viz)

    p = sub.add_parser("trend", help="draw how A and B's relation changes: events per month and QuadClass, "
                                     "mean Goldstein, as SVG or PNG")
    _store_arg(p)
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("-o", "--output", metavar="FILE.svg|FILE.png", required=True,
                   help="the picture; a PNG is drawn by Chromium (needs playwright and chromium)")
    p.set_defaults(func=cmd_trend)

    p = sub.add_parser("import", help="import structured event files: GDELT 2.0 exports or POLECAT",
                       description="Import GDELT 2.0 event exports (*.export.CSV, tab-separated, 61 columns, "
                                   "optionally .zip) or POLECAT files (tab-separated with a header) into the graph, "
                                   "one named graph per file, with Oxigraph's bulk loader. Bad rows are reported "
                                   "with their line numbers and skipped; importing a file twice adds nothing.")
    p.add_argument("kind", choices=["gdelt", "polecat"])
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--part-lines", type=int, metavar="N", default=None,
                   help="hand the bulk loader N triples at a time, to bound its memory (500000: ~0.8 GB at 1M "
                        "events instead of ~2 GB, at about 1.6x the time); default: a file at once")
    _store_arg(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("watch", help="follow RSS/Atom feeds and GDELT update lists, each item stored once",
                       description="Poll each SOURCE (an RSS or Atom feed, or a GDELT 2.0 update list such as "
                                   "http://data.gdeltproject.org/gdeltv2/lastupdate.txt; a URL or a file) every "
                                   "INTERVAL: a feed's new entries are stored as articles, an update list's new "
                                   "export files imported (their MD5 checked). What was taken in is kept in the "
                                   "store, so a restart goes on where it stopped. A source that fails is polled "
                                   "less often (the wait doubles, up to an hour). One status line per source and "
                                   "round; Ctrl-C or SIGTERM stops after the item under way.")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="feed or update list: http(s) URL or file")
    p.add_argument("--every", type=_interval, default=900.0, metavar="INTERVAL",
                   help="time between polls of a source: 30s, 15m, 2h (default 15m)")
    p.add_argument("--once", action="store_true",
                   help="poll each source once and exit (1 if anything was skipped as bad)")
    _store_arg(p)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("summary", help="what the graph holds, readably")
    _store_arg(p)
    p.set_defaults(func=cmd_summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DiplokgError as exc:
        print(f"diplokg: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
