"""Import GDELT rows with the bulk loader fed in parts of N lines: CPU, wall time, peak RSS and bytes on disk,
right after the import and at rest (after the store has been kept open while its first compaction runs).

    .venv/bin/python benchmarks/import_parts.py --rows 200000 --parts none,4000000,2000000,1000000 [--rest 60]

Each import runs in a child process on a fresh store (``resource`` gives its CPU and peak RSS); the rows are
synthetic (``benchmarks/make_gdelt.py``, seed 7), made once. Prints one line a part size.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def child(data: Path, store_dir: Path, part: int | None, rest: float) -> dict:
    import pyoxigraph
    from diplokg.graph.store import EventStore
    from diplokg.ingest.imports import import_files

    cpu = time.process_time()
    wall = time.perf_counter()
    with EventStore(store_dir) as store:
        report = import_files("gdelt", [data], store, part_lines=part)
    out = {"events": report.events, "triples": report.triples, "cpu_s": time.process_time() - cpu,
           "wall_s": time.perf_counter() - wall,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "bytes_after": _size(store_dir)}
    opened = pyoxigraph.Store(str(store_dir))  # kept open: the first compaction runs in the background
    time.sleep(rest)
    out["quads"] = len(opened)
    del opened
    out["bytes_at_rest"] = _size(store_dir)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--parts", default="none,4000000,2000000,1000000", help="lines a part, comma-separated; none: one")
    ap.add_argument("--rest", type=float, default=60.0, help="seconds the store is kept open after the import")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        data, store_dir, part, rest = args.child
        print(json.dumps(child(Path(data), Path(store_dir), None if part == "none" else int(part), float(rest))))
        return 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "rows.export.CSV"
        subprocess.run([sys.executable, str(HERE / "make_gdelt.py"), str(args.rows), "-o", str(data), "--seed", "7"],
                       check=True, capture_output=True)
        print(f"{args.rows:,} rows; rest {args.rest:.0f} s")
        for part in args.parts.split(","):
            store_dir = tmp / f"store-{part}"
            done = subprocess.run([sys.executable, __file__, "--child", str(data), str(store_dir), part,
                                   str(args.rest)], check=True, capture_output=True, text=True)
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"part {part:>9}: {r['events']:,} events, {r['triples']:,} triples ({r['quads']:,} quads); "
                  f"CPU {r['cpu_s']:.1f} s, wall {r['wall_s']:.1f} s, peak RSS {r['peak_rss_mb']:,.0f} MB; "
                  f"bytes a event {r['bytes_after'] / r['events']:,.0f} after, "
                  f"{r['bytes_at_rest'] / r['events']:,.0f} at rest", flush=True)
            subprocess.run(["rm", "-rf", str(store_dir)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
