"""The import of one GDELT file split in its two halves, each measured alone: the Python side (the exact N-Quads
stream ``import_files`` hands the bulk loader, written to a file: rows read, events made, lines built and
encoded) and the loader alone (that file bulk-loaded by path into a fresh store, in a child process). CPU seconds
of each, the loader's wall time, peak RSS (``wait4``) and bytes on disk a event.

    .venv/bin/python benchmarks/import_split.py FILE.export.CSV [--work DIR] [--runs 1] [--keep]

``FILE`` from ``benchmarks/make_gdelt.py`` (``python benchmarks/make_gdelt.py 200000 -o FILE``; 1,176,471 rows
give 998,993 events). On a shared machine compare the CPU seconds: wall time moves with the load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def python_side(src: Path, out: Path) -> tuple[int, int, float]:
    """Write the import's N-Quads for ``src`` to ``out``: (events, lines, CPU seconds)."""
    from diplokg.graph.store import EventStore
    from diplokg.ingest import imports
    from diplokg.ingest.event_triples import EventWriter
    from diplokg.ingest.import_rows import ImportReport
    from diplokg.ingest.ntriples import iri
    from diplokg.ingest.pipeline import ensure_reference

    store = EventStore(None)
    ensure_reference(store)
    known = imports._known_actors(store)
    graph = imports.import_graph("gdelt", "split")
    started = time.process_time()
    writer = EventWriter(known, iri(graph), src.name, default_graph=True)
    report = ImportReport()
    stream = imports._LineStream(imports._file_lines("gdelt", src, graph, writer, report, None))
    block = memoryview(bytearray(1 << 16))
    with out.open("wb") as fh:
        while n := stream.readinto(block):
            fh.write(block[:n])
    return report.events, stream.count, time.process_time() - started


def child_load(path: Path, store_dir: Path) -> None:
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True)
    store.flush()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child-load":
        child_load(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--work", type=Path, help="work here (default: a temporary directory)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the N-Quads file and the store")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="import-split-"))
    work.mkdir(parents=True, exist_ok=True)
    nquads, store_dir = work / "import.nq", work / "store"
    for run in range(1, args.runs + 1):
        events, lines, cpu = python_side(args.file, nquads)
        print(f"run {run}: {events:,} events, {lines:,} lines ({lines / events:.2f} a event), "
              f"{nquads.stat().st_size / events:,.0f} bytes of N-Quads a event")
        print(f"  Python side: {cpu:.2f} CPU s = {cpu / events * 1e6:.1f} µs a event")
        shutil.rmtree(store_dir, ignore_errors=True)
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child-load", str(nquads), str(store_dir)])
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status):
            raise SystemExit("the load failed")
        size = int(subprocess.run(["du", "-sb", str(store_dir)], capture_output=True, text=True,
                                  check=True).stdout.split()[0])
        used = usage.ru_utime + usage.ru_stime
        print(f"  loader alone: {used:.1f} CPU s (user {usage.ru_utime:.1f}, sys {usage.ru_stime:.1f}) = "
              f"{used / events * 1e6:.0f} µs a event, {used / lines * 1e6:.2f} µs a quad; {wall:.1f} s wall "
              f"({used / wall:.1f} cores); peak RSS {usage.ru_maxrss / 1024:,.0f} MB; {size / events:,.0f} bytes "
              f"a event on disk; load average {os.getloadavg()[0]:.1f}")
    if not args.keep:
        shutil.rmtree(work if not args.work else store_dir, ignore_errors=True)
        nquads.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
