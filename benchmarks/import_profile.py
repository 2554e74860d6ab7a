"""Where the time of a GDELT import goes: each stage of ``diplokg import gdelt`` timed apart on one synthetic file.

Stages, each over the same ``--rows`` rows (``benchmarks/make_gdelt.py``, seed 7):

- **read**: the file's lines split into fields (``text_lines`` and ``str.split``);
- **parse**: the rows as events (``gdelt_rows``: read, check and convert fields), read included;
- **build**: each event's N-Triples lines (``EventWriter.text``, with the dyad tallies counted on the way), and
  apart from it the tallies alone (``DyadTallies.add`` over the same events, then their lines);
- **encode**: the lines joined and encoded as the bytes the loader reads;
- **loader alone**: a prepared N-Triples file loaded with pyoxigraph's bulk loader into a fresh store, into a
  named graph (as the import did before: six quad indexes), into the default graph (three), and as a layout
  close to the import's now (which keeps the actors, places and relations in the file's graph too): the events and
  what they share in the default graph with a ``dk:importFile`` link an event, the file's description and tallies
  in its named graph (two loads), each in a child process;
- **import**: ``import_files`` end to end into a fresh store in a child process, its reference graph, the flush
  and the peak RSS apart; the store's bytes on disk (``du``) per event.

Also triples per event, by kind of subject and, for the events, by predicate (marked: what the codebook or the
import graph could give at query time; since commit ebfb8bf only ``dk:modality`` of those is stored, unless a row's
value differs from its code's, and since branch import-quads not that either in the embedded store's default graph). Python row work runs in this process, the loader and the import each in a child
(peak RSS and CPU seconds from ``wait4``). ``--import-only`` skips the loader alone.

    .venv/bin/python benchmarks/import_profile.py [--rows 100000] [--profile] [--keep DIR] [--import-only]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

#: Event predicates a query could get elsewhere: from the CAMEO code through the codebook, or from the import graph
#: (the same for every event of one file). Only dk:modality of these is stored since commit ebfb8bf, the others where
#: a row's value differs from its code's; in the embedded store's default graph not dk:modality either (branch
#: import-quads: every event there is asserted, ``MODALITY`` in graph/sparql_rows.py).
DERIVABLE = {
    "cameoRoot": "code", "cameoBaseCode": "code", "quadClass": "code", "goldstein": "code", "ploverType": "code",
    "modality": "import graph", "confidence": "import graph", "22-rdf-syntax-ns#type": "import graph",
}


def _own_peak_rss() -> int:
    """This process's peak RSS in bytes since it started its program (Linux VmHWM: unlike ``ru_maxrss`` as
    ``wait4`` reports it, not the parent's size at the fork)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _du(path: Path) -> int:
    out = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0])


def _child(args: list[str]) -> tuple[float, dict, resource.struct_rusage]:
    """Run this script as a child with ``args``; wall seconds, its JSON answer and its resource usage."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"child {args} failed ({proc.returncode})")
    return time.perf_counter() - t, json.loads(out), usage


CPU: dict[str, float] = {}  # the CPU seconds of the last _timed call, under "last"


def _timed(fn):
    """Wall seconds of ``fn()`` and its value; its CPU seconds go to ``CPU["last"]`` (this machine is shared, so
    wall time may include waiting for a core)."""
    t, c = time.perf_counter(), time.process_time()
    value = fn()
    CPU["last"] = time.process_time() - c
    return time.perf_counter() - t, value


# -- children ------------------------------------------------------------------------------------------------

def child_load(nt: Path, store_dir: Path, named: bool, by_path: bool, named_part: Path | None = None) -> dict:
    """Load ``nt`` into a named graph or the default graph (and ``named_part``, if given, into the named graph)."""
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    graph = ox.NamedNode("https://w3id.org/diplokg/graph/import/gdelt/profile")
    t = time.perf_counter()
    for path, to_graph in ((nt, graph if named else ox.DefaultGraph()), (named_part, graph)):
        if path is None:
            continue
        if by_path:  # the loader reads the file itself
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=to_graph, lenient=True)
        else:  # read through a Python file object, as the import's stream is
            with path.open("rb") as fh:
                store.bulk_load(fh, ox.RdfFormat.N_TRIPLES, to_graph=to_graph, lenient=True)
    loaded = time.perf_counter() - t
    t = time.perf_counter()
    store.flush()
    flushed = time.perf_counter() - t
    quads = len(store)
    del store
    return {"load": loaded, "flush": flushed, "quads": quads, "rss": _own_peak_rss()}


def child_import(path: Path, store_dir: Path) -> dict:
    from diplokg.graph.store import EventStore
    from diplokg.ingest import imports
    from diplokg.ingest.pipeline import ensure_reference

    store = EventStore(store_dir)
    reference, _ = _timed(lambda: ensure_reference(store))
    spans = {"flush": 0.0}
    flush = store.flush

    def timed_flush() -> None:
        t = time.perf_counter()
        flush()
        spans["flush"] += time.perf_counter() - t

    store.flush = timed_flush
    spans["feed"] = 0.0
    readinto = imports._LineStream.readinto

    def timed_readinto(self, target) -> int:  # the Python row work, as the loader waits for it
        t = time.perf_counter()
        n = readinto(self, target)
        spans["feed"] += time.perf_counter() - t
        return n

    imports._LineStream.readinto = timed_readinto
    seconds, report = _timed(lambda: imports.import_files("gdelt", [path], store))
    store.close()
    return {"reference": reference, "import": seconds, "flush": spans["flush"], "feed": spans["feed"],
            "events": report.events, "rows": report.rows, "triples": report.triples, "rss": _own_peak_rss()}


# -- the profile ---------------------------------------------------------------------------------------------

def profile(rows: int, work: Path, show_profile: bool, import_only: bool = False) -> None:
    import make_gdelt
    from diplokg.ingest.event_triples import EventWriter
    from diplokg.ingest.gdelt import gdelt_rows
    from diplokg.ingest.import_rows import ImportReport, text_lines
    from diplokg.ingest.imports import _file_lines, _known_actors, import_graph
    from diplokg.ingest.ntriples import iri
    from diplokg.ingest.tallies import DyadTallies

    src = work / "profile.export.CSV"
    made, _ = _timed(lambda: make_gdelt.write(src, rows))
    print(f"{rows:,} synthetic GDELT rows ({src.stat().st_size / 1e6:.1f} MB) made in {made:.1f} s", file=sys.stderr)

    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ensure_reference

    ref_store = EventStore(None)
    ensure_reference(ref_store)
    known = _known_actors(ref_store)
    graph_iri = import_graph("gdelt", "profile")

    cpu = {}
    read, _ = _timed(lambda: sum(len(line.rstrip("\r\n").split("\t")) for line in text_lines(src)))
    cpu["read"] = CPU["last"]
    report = ImportReport()
    parse, events = _timed(lambda: list(gdelt_rows(src, report)))
    cpu["parse"] = CPU["last"]
    n = report.events

    writer = EventWriter(known, iri(graph_iri), src.name)
    build, chunks = _timed(lambda: [writer.text(ev) for ev in events])
    cpu["build"] = CPU["last"]
    tally_lines, tail = _timed(lambda: list(writer.tally_lines()))
    cpu["tally_lines"] = CPU["last"]

    dyads = [((writer.represented(ev.source), writer.represented(ev.target)), ev.code, ev.date,
              ev.goldstein) for ev in events]
    tallies = DyadTallies()
    tally_add, _ = _timed(lambda: [tallies.add(*d) for d in dyads])
    cpu["tally_add"] = CPU["last"]

    encode, _ = _timed(lambda: ("\n".join(chunks) + "\n" + "\n".join(tail) + "\n").encode())
    cpu["encode"] = CPU["last"]
    chunks = events = dyads = None  # (freed before the children run)

    nt = work / "profile.nt"  # the whole import graph as _file_lines writes it, for the loader alone
    with nt.open("w", encoding="utf-8") as fh:
        for line in _file_lines("gdelt", src, graph_iri, EventWriter(known, iri(graph_iri), src.name),
                                ImportReport(), None):
            fh.write(line + "\n")
    kinds, event_preds = Counter(), Counter()
    # the default-graph layout: the events and what they share in the default graph, each event linked to its file
    # (dk:importFile), the file's description and tallies in its named graph
    shared, own, link = work / "profile-default-part.nt", work / "profile-named-part.nt", 0
    with nt.open(encoding="utf-8") as fh, shared.open("w", encoding="utf-8") as out, \
            own.open("w", encoding="utf-8") as out_own:
        for line in fh:
            subject, predicate = line.split(" ", 2)[:2]
            kind = ("event" if "/id/event/" in subject else "article" if "/id/article/" in subject else
                    "place" if "/id/place/" in subject else "tally" if "#dyad-" in subject else
                    "actor or relation" if "/id/actor/" in subject else "import")
            kinds[kind] += 1
            if kind == "event":
                name = (predicate.rstrip(">").rsplit("/", 1)[-1].split("#")[-1]
                        if "22-rdf-syntax" not in predicate else "22-rdf-syntax-ns#type")
                event_preds[name] += 1
                if name == "source":
                    out.write(f"{subject} <https://w3id.org/diplokg/vocab#importFile> <{graph_iri}> .\n")
                    link += 1
            (out_own if kind in ("tally", "import") else out).write(line)
    triples = sum(kinds.values())

    if show_profile:
        prof = cProfile.Profile()
        rep, w = ImportReport(), EventWriter(known, iri(graph_iri), src.name)
        prof.enable()
        for ev in gdelt_rows(src, rep):
            w.text(ev)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(18)
        print(out.getvalue(), file=sys.stderr)

    loads = {}
    for label, file, count, named, by_path, part in (
            ("the import's triples, named graph, from a Python file object (as the import)", nt, triples, True,
             False, None),
            ("the import's triples, default graph, from the path", nt, triples, False, True, None),
            ("default-graph layout: events in the default graph + a dk:importFile link each, the file's "
             "description and tallies in its named graph, from the path", shared, triples + link, False, True, own),
    ) if not import_only else ():
        store_dir = work / "load-store"
        _, answer, usage = _child(["--child-load", str(file), str(store_dir), str(int(named)), str(int(by_path)),
                                   str(part or "")])
        loads[label] = (count, answer, usage, _du(store_dir))
        shutil.rmtree(store_dir)

    store_dir = work / "import-store"
    wall, imp, usage = _child(["--child-import", str(src), str(store_dir)])
    store_bytes = _du(store_dir)
    reference_bytes = 0
    ref_dir = work / "reference-store"
    _child(["--child-reference", str(ref_dir)])
    reference_bytes = _du(ref_dir)

    own_rss = _own_peak_rss()

    def rate(seconds: float) -> str:
        return f"{n / seconds:>8,.0f} events/s" if seconds else "-"

    print(f"\n{report.rows:,} rows: {n:,} events ({report.one_sided:,} one-sided); {triples:,} triples in the "
          f"import graph = {triples / n:.2f} a event; N-Triples {nt.stat().st_size / n:.0f} bytes a event\n")
    print("Python row work (this process, one core):")
    rows_ = [("read lines + split", read, "read"), ("read + parse (gdelt_rows)", parse, "parse"),
             ("build N-Triples lines (EventWriter.text, tallies included)", build, "build"),
             ("  of which tallies: DyadTallies.add", tally_add, "tally_add"),
             ("  tallies' lines", tally_lines, "tally_lines"), ("encode to bytes", encode, "encode")]
    print(f"  {'stage':<58} {'wall':>9} {'':>17} {'CPU':>9}")
    for name, s, key in rows_:
        print(f"  {name:<58} {s:7.2f} s {rate(s)} {cpu[key]:7.2f} s {rate(cpu[key])}")
    python = parse + build + tally_lines + encode
    python_cpu = cpu["parse"] + cpu["build"] + cpu["tally_lines"] + cpu["encode"]
    print(f"  {'= Python work, all stages':<58} {python:7.2f} s {rate(python)} {python_cpu:7.2f} s {rate(python_cpu)}")
    print("\nThe loader alone (pyoxigraph bulk_load of the prepared N-Triples, child process):")
    for label, (count, ans, use, size) in loads.items():
        used, took = use.ru_utime + use.ru_stime, ans["load"] + ans["flush"]
        print(f"  {label}: {count / n:.2f} triples/event")
        print(f"    {ans['load']:.2f} s load + {ans['flush']:.2f} s flush = {count / took:,.0f} triples/s, "
              f"{rate(took)}; CPU {used:.1f} s = {count / used:,.0f} triples/CPU-s ({used / took:.1f} cores); "
              f"peak RSS {ans['rss'] / 2**20:,.0f} MB; {size / n:,.0f} bytes/event on disk")
    used = usage.ru_utime + usage.ru_stime
    print(f"\nThe import (import_files into a fresh store, child process): {wall:.2f} s wall with start-up; "
          f"reference graph {imp['reference']:.2f} s, import {imp['import']:.2f} s ({rate(imp['import'])}), of which "
          f"flush {imp['flush']:.2f} s and in the Python that feeds the loader (rows to bytes, in _LineStream.readinto) "
          f"{imp['feed']:.2f} s, leaving {imp['import'] - imp['feed'] - imp['flush']:.2f} s to the loader; "
          f"{imp['triples']:,} triples = {imp['triples'] / imp['events']:.2f} a event "
          f"= {imp['triples'] / imp['import']:,.0f} triples/s; CPU {used:.1f} s ({used / wall:.1f} cores); peak RSS "
          f"{imp['rss'] / 2**20:,.0f} MB")
    print(f"  store on disk {store_bytes / 1e6:,.1f} MB = {store_bytes / n:,.0f} bytes/event "
          f"({(store_bytes - reference_bytes) / n:,.0f} without the reference graph's {reference_bytes / 1e6:.1f} MB)")
    print(f"  this process's peak RSS (events held in memory): {own_rss / 2**20:,.0f} MB")

    print("\nTriples by kind of subject (per event):")
    for kind, count in kinds.most_common():
        print(f"  {kind:<20} {count:>10,} {count / n:6.2f}")
    print("Event triples by predicate (per event; * = derivable at query time, from what):")
    derivable = 0
    for pred, count in event_preds.most_common():
        mark = DERIVABLE.get(pred, "")
        derivable += count if mark else 0
        print(f"  {pred:<24} {count / n:5.2f} {'* ' + mark if mark else ''}")
    print(f"  derivable: {derivable / n:.2f} of {triples / n:.2f} triples a event "
          f"({derivable / triples:.0%} of the loader's work at a constant cost per triple)")
    print(f"  (the default-graph layout adds {link / n:.2f} dk:importFile link a event)")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child-load":
        print(json.dumps(child_load(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "1", sys.argv[5] == "1",
                                    Path(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[6] else None)))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child-import":
        print(json.dumps(child_import(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child-reference":
        from diplokg.graph.store import EventStore
        from diplokg.ingest.pipeline import ensure_reference

        with EventStore(Path(sys.argv[2])) as store:
            ensure_reference(store)
        print("{}")
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="also cProfile the Python row work (parse + build)")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temporary one)")
    parser.add_argument("--import-only", action="store_true", help="skip the loader alone (the import only)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        profile(args.rows, args.keep, args.profile, args.import_only)
        return
    with tempfile.TemporaryDirectory(prefix="diplokg-import-profile-") as work:
        profile(args.rows, Path(work), args.profile, args.import_only)


if __name__ == "__main__":
    main()
