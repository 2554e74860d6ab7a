"""The scale benchmark: diplokg against the plain stack a user would otherwise write, in one run, one table.

For each size (events in a synthetic GDELT 2.0 file, ``benchmarks/make_gdelt.py``; there is no network here):

- **diplokg**: ``diplokg import gdelt`` into a fresh on-disk store (events/s, store bytes per event, peak RSS of the
  import process), then ``diplokg serve`` on it and C concurrent HTTP clients against ``/events?actor=``,
  ``/relations``, ``/path`` and ``/neighbors`` (p50/p99 ms; the first graph question, which builds the network, is
  timed apart), and the server's peak RSS.
- **plain stack** (sizes up to ``--plain-max``): the same triples parsed into rdflib's Memory store plus
  ``rdflib_to_networkx_multidigraph``, in one process, and the same four questions asked in process (SPARQL on the
  rdflib graph; networkx shortest path) — no HTTP, which favours it.
- **SPARQL over HTTP**: one SELECT (events per CAMEO root of one actor) against diplokg's ``/sparql``, against
  Oxigraph server (``oxigraph serve --union-default-graph`` on a copy of the same store) and against
  rdflib-endpoint serving the same triples (sizes up to ``--plain-max``).

Writes the table to BENCHMARKS.md (``--output``) with the machine description, keeping the notes under its
``## Notes`` heading.

    .venv/bin/python benchmarks/run.py [--sizes 10000,100000,1000000] [--plain-max 100000] [--clients 4]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psutil

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import make_gdelt  # noqa: E402

import api as api_bench  # noqa: E402  (the HTTP load generator of benchmarks/api.py)

ACTORS = ["USA", "CHN", "RUS", "UKR", "GBR", "ISR", "IRN", "FRA", "DEU", "IND", "TUR", "JPN"]
PAIRS = [(a, b) for a in ACTORS[:4] for b in ACTORS[4:8]]
SPARQL = """PREFIX dk: <https://w3id.org/diplokg/vocab#>
SELECT ?root (COUNT(?e) AS ?n) WHERE {
  { ?e dk:source <https://w3id.org/diplokg/id/actor/%s> } UNION { ?e dk:target <https://w3id.org/diplokg/id/actor/%s> }
  ?e dk:cameoCode ?code BIND(SUBSTR(?code, 1, 2) AS ?root) } GROUP BY ?root ORDER BY ?root"""
# (the root from the code: imported events store no dk:cameoRoot, docs/model.md)
ONE_SIDED = 0.15  # share of make_gdelt rows without a second actor
QUESTION_LIMIT = 60  # seconds a plain-stack question may take; beyond, it is reported as "> 60 s"


def peak_rss(pid: int) -> int:
    """Peak resident memory of a live process in bytes (Linux VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def run_measured(cmd: list[str]) -> tuple[float, int, str]:
    """Run a command; wall seconds, peak RSS (sampled) and its stdout."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            peak = max(peak, ps.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    out, err = proc.communicate()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {err[-2000:]}")
    return time.perf_counter() - t, peak, out


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _load(base: str, calls: list[tuple[str, dict]], clients: int, requests: int) -> dict:
    return api_bench.load_calls(base, calls, clients, requests, timeout=3600)


def http_load(base: str, path: str, params: list[dict], clients: int, requests: int) -> dict:
    calls = [(path.format(**p), {k: v for k, v in p.items() if "{" + k + "}" not in path}) for p in params]
    cold = _load(base, calls, 1, len(calls))  # each distinct question once, one client: nothing remembered yet
    _load(base, calls, clients, max(clients * 2, requests // 10))  # warm-up
    result = _load(base, calls, clients, requests)
    result["cold_p50"], result["cold_p99"] = cold["p50"], cold["p99"]
    result["cold_max"] = max(cold["p99"], cold["p50"])
    if result["failed"]:
        print(f"   warning: {result['failed']} of {requests} {path} answers were not 2xx", file=sys.stderr)
    return result


def bench_diplokg(n_rows: int, tmp: Path, clients: int, requests: int) -> dict:
    data = make_gdelt.write(tmp / f"{n_rows}.export.CSV", n_rows)
    store = tmp / f"store-{n_rows}"
    seconds, rss, out = run_measured([sys.executable, "-m", "diplokg", "import", "gdelt", str(data),
                                      "--store", str(store)])
    events = int(out.split(" events")[0].rsplit(": ", 1)[-1].replace(",", ""))
    result = {"events": events, "import_s": seconds, "import_eps": events / seconds, "import_rss": rss,
              "bytes_per_event": dir_bytes(store) / events, "store": store, "data": data}
    t = time.perf_counter()  # from the server's start: it builds the dyad network as it starts
    proc, base = api_bench.serve(store)
    try:
        httpx.get(base + "/relations", params={"source": "USA", "target": "CHN"}, timeout=3600)
        result["first_question_s"] = time.perf_counter() - t
        cases = {
            "/events?actor=": ("/events", [{"actor": a, "limit": 50} for a in ACTORS]),
            "/relations": ("/relations", [{"source": a, "target": b} for a, b in PAIRS]),
            "/path": ("/path", [{"from": a, "to": b} for a, b in PAIRS]),
            "/neighbors": ("/neighbors/{actor}", [{"actor": a} for a in ACTORS]),
        }
        for label, (path, params) in cases.items():
            result[label] = http_load(base, path, params, clients, requests)
        sparql = [{"query": SPARQL % (a, a)} for a in ACTORS]
        result["sparql"] = http_load(base, "/sparql", sparql, clients, requests)
        result["serve_rss"] = peak_rss(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return result


def bench_oxigraph_server(store: Path, tmp: Path, clients: int, requests: int) -> dict | None:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        return None
    copy = tmp / (store.name + "-oxigraph")
    shutil.copytree(store, copy)
    port = api_bench.free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(copy), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/query", {"query": "ASK {}"})
        return http_load(base, "/query", [{"query": SPARQL % (a, a)} for a in ACTORS], clients, requests)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        shutil.rmtree(copy, ignore_errors=True)


def _wait(url: str, params: dict, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, params=params, timeout=30).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not come up")


def write_ntriples(data: Path, target: Path) -> int:
    """The triples diplokg's importer makes of ``data`` (events, actors, places, articles) as N-Triples."""
    from diplokg.ingest.event_triples import EventWriter
    from diplokg.ingest.gdelt import gdelt_rows
    from diplokg.ingest.import_rows import ImportReport

    writer = EventWriter({}, "<https://w3id.org/diplokg/graph/import/bench>", data.name)
    n = 0
    with target.open("w", encoding="utf-8") as fh:
        for event in gdelt_rows(data, ImportReport()):
            for line in writer.lines(event):
                fh.write(line + "\n")
                n += 1
    return n


def bench_rdflib_endpoint(nt: Path, clients: int, requests: int) -> dict:
    port = api_bench.free_port()
    binary = str(Path(sys.executable).with_name("rdflib-endpoint"))
    proc = subprocess.Popen([binary, "serve", str(nt), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/", {"query": "ASK {}"}, seconds=1800)
        return http_load(base, "/", [{"query": SPARQL % (a, a)} for a in ACTORS], clients, max(clients, requests // 10))
    finally:
        proc.terminate()
        proc.wait(timeout=60)


# -- the plain stack, in a child process of its own (so its peak RSS is its own) -----------------------------
def plain_stack(nt: Path, reps: int) -> dict:
    import networkx as nx
    from rdflib import Graph, URIRef
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    t = time.perf_counter()
    graph = Graph()  # rdflib's default Memory store
    graph.parse(str(nt), format="nt")
    parse_s = time.perf_counter() - t
    t = time.perf_counter()  # the actor–event graph: who is source or target of which event
    roles = Graph()
    for prop in ("source", "target"):
        for triple in graph.triples((None, URIRef(f"https://w3id.org/diplokg/vocab#{prop}"), None)):
            roles.add(triple)
    nxg = rdflib_to_networkx_multidigraph(roles)
    undirected = nxg.to_undirected(as_view=True)
    convert_s = time.perf_counter() - t
    events = len(set(graph.subjects(URIRef("https://w3id.org/diplokg/vocab#source"), None)))
    dk = "PREFIX dk: <https://w3id.org/diplokg/vocab#>\n"

    def actor(code: str) -> str:
        return f"<https://w3id.org/diplokg/id/actor/{code}>"

    def represented(a: str) -> str:  # the actor and whoever represents it (USAGOV for USA), as diplokg reads them
        found = [actor(a)] + [r[0].n3() for r in graph.query(dk + f"SELECT ?x WHERE {{ ?x dk:country {actor(a)} }}")]
        return " ".join(found)

    def events_of(a):  # an actor's first 50 events by date, as /events?actor=
        return list(graph.query(dk + f"""SELECT ?e ?code ?date WHERE {{ VALUES ?x {{ {represented(a)} }}
            {{ ?e dk:source ?x }} UNION {{ ?e dk:target ?x }} ?e dk:cameoCode ?code ; dk:date ?date }}
            ORDER BY ?date LIMIT 50"""))

    def relations(a, b):  # counts per code between two actors (and whoever represents them)
        return list(graph.query(dk + f"""SELECT ?code (COUNT(?e) AS ?n) WHERE {{
            VALUES ?x {{ {represented(a)} }} VALUES ?y {{ {represented(b)} }} ?e dk:source ?x ; dk:target ?y ; dk:cameoCode ?code }}
            GROUP BY ?code"""))

    def path(a, b):
        try:
            return nx.shortest_path(undirected, URIRef(actor(a)[1:-1]), URIRef(actor(b)[1:-1]))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return None

    def neighbors(a):
        return list(graph.query(dk + f"""SELECT DISTINCT ?o WHERE {{ VALUES ?x {{ {represented(a)} }}
            {{ ?e dk:source ?x ; dk:target ?o }} UNION {{ ?e dk:target ?x ; dk:source ?o }} }}"""))

    out = {"events": events, "parse_s": parse_s, "convert_s": convert_s, "import_eps": events / (parse_s + convert_s)}
    cases = {"/events?actor=": lambda i: events_of(ACTORS[i % len(ACTORS)]),
             "/relations": lambda i: relations(*PAIRS[i % len(PAIRS)]),
             "/path": lambda i: path(*PAIRS[i % len(PAIRS)]),
             "/neighbors": lambda i: neighbors(ACTORS[i % len(ACTORS)])}
    import signal

    def give_up(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, give_up)
    for label, fn in cases.items():
        times, budget = [], time.perf_counter() + 120  # at most two minutes a question, at least one answer
        for i in range(reps):
            t = time.perf_counter()
            signal.alarm(QUESTION_LIMIT)
            try:
                fn(i)
            except TimeoutError:  # rdflib is pure Python: an alarm stops it; the time counts as the limit
                times.append(float(QUESTION_LIMIT))
                out.setdefault("timeouts", []).append(label)
                break
            finally:
                signal.alarm(0)
            times.append(time.perf_counter() - t)
            if time.perf_counter() > budget:
                break
        times.sort()
        out[label] = {"p50": statistics.median(times) * 1000, "p99": times[min(len(times) - 1, int(len(times) * .99))] * 1000}
    out["rss"] = peak_rss(os.getpid())
    return out


def bench_plain(nt: Path, reps: int) -> dict:
    _, rss, out = run_measured([sys.executable, __file__, "--plain-child", str(nt), "--reps", str(reps)])
    result = json.loads(out.strip().splitlines()[-1])
    result["rss"] = max(rss, result["rss"])
    return result


# -- report ----------------------------------------------------------------------------------------------------
def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import pyoxigraph
    import rdflib

    return (f"{cpu}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}")


def commit() -> str:
    """The checked-out commit (and whether the tree differs from it), for the report."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=HERE,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"
    return f"commit {head}" + (" with local changes" if dirty else "")


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


NOTES = "\n## Notes\n"  # where the hand-written part of BENCHMARKS.md starts: a new run keeps it
PREVIOUS = "\n## The run before this one\n"  # the measured part of the last run, kept beside the new figures


def previous_run(path: Path) -> str:
    """The measured part of the run ``path`` holds (its tables, without an older previous run), as the section a
    new run keeps beside its own figures; "" if there is none."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    measured = old[:old.index(NOTES)] if NOTES in old else old
    measured = measured[:measured.index(PREVIOUS)] if PREVIOUS in measured else measured
    body = measured.split("\n", 1)[1].strip() if measured.startswith("# Benchmarks") else measured.strip()
    return PREVIOUS + "\n" + body + "\n" if body else ""


def write_report(path: Path, text: str, previous: str = "") -> None:
    """Write the measured part of ``path``, then ``previous`` (the run before), keeping its notes (from a
    ``## Notes`` heading on)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    notes = old[old.index(NOTES):] if NOTES in old else ""
    path.write_text(text.rstrip("\n") + "\n" + previous + notes, encoding="utf-8")


def report(results: list[dict], clients: int, requests: int, command: str, code: str) -> str:
    lines = ["# Benchmarks", "",
             f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}, {code}. Reproduce with:", "",
             f"    {command}", "",
             "Data: synthetic GDELT 2.0 export rows written by `benchmarks/make_gdelt.py` (real 61-column layout; "
             "actors, codes and dates drawn from plausible distributions; 15% one-sided rows, which are not "
             "events of the graph). diplokg figures are over HTTP with "
             f"{clients} concurrent clients ({requests} requests per endpoint, after a warm-up); the plain stack "
             "(rdflib Memory store + `rdflib_to_networkx_multidigraph`) answers the same questions in process, "
             "without HTTP. Latencies are p50 / p99 in ms; diplokg remembers answers until the next write, so "
             "repeated questions are served from memory — *cold* is p50 / p99 of each distinct question asked "
             "the first time, one client, before anything is remembered (`benchmarks/cold.py` asks more of them). "
             "*Start → first answer* is from launching "
             "`diplokg serve` to the first graph answer (the server builds its dyad network as it starts).", "",
             "| events | system | import events/s | bytes/event | peak RSS | start → first answer | /events?actor= "
             "| /relations | /path | /neighbors |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        d = r["diplokg"]
        lat = " | ".join(f"{d[k]['p50']:.1f} / {d[k]['p99']:.1f} (cold {d[k]['cold_p50']:.0f} / {d[k]['cold_p99']:.0f})"
                         for k in ("/events?actor=", "/relations", "/path", "/neighbors"))
        lines.append(f"| {d['events']:,} | diplokg | {d['import_eps']:,.0f} | {d['bytes_per_event']:,.0f} "
                     f"| import {_mb(d['import_rss'])}, serving {_mb(d['serve_rss'])} "
                     f"| {d['first_question_s']:.1f} s | {lat} |")
        p = r.get("plain")
        if p:
            lat = " | ".join((f"> {QUESTION_LIMIT * 1000:,.0f}" if k in p.get("timeouts", []) else
                              f"{p[k]['p50']:.1f} / {p[k]['p99']:.1f}")
                             for k in ("/events?actor=", "/relations", "/path", "/neighbors"))
            lines.append(f"| {p['events']:,} | plain stack | {p['import_eps']:,.0f} | – | {_mb(p['rss'])} "
                         f"| – | {lat} |")
            ratio = " | ".join(("> " if k in p.get("timeouts", []) else "") +
                               f"{p[k]['p50'] / d[k]['p50']:,.1f}× / {p[k]['p99'] / d[k]['p99']:,.1f}×"
                               for k in ("/events?actor=", "/relations", "/path", "/neighbors"))
            lines.append(f"| | ratio (plain ÷ diplokg) | {d['import_eps'] / p['import_eps']:.1f}× | | "
                         f"{p['rss'] / d['serve_rss']:.1f}× | | {ratio} |")
    lines += ["", "SPARQL over HTTP, the same SELECT (one actor's events per CAMEO root), p50 / p99 ms:", "",
              "| events | diplokg /sparql | Oxigraph server | rdflib-endpoint | Oxigraph ÷ diplokg | rdflib-endpoint ÷ diplokg |",
              "|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        d, o, e = r["diplokg"]["sparql"], r.get("oxigraph"), r.get("rdflib_endpoint")

        def cell(x):
            return f"{x['p50']:.1f} / {x['p99']:.1f}" if x else "–"

        to_oxigraph = f"{o['p50'] / d['p50']:.2f}×" if o else "–"
        to_endpoint = f"{e['p50'] / d['p50']:.1f}×" if e else "–"
        lines.append(f"| {r['diplokg']['events']:,} | {cell(d)} | {cell(o)} | {cell(e)} | {to_oxigraph} | "
                     f"{to_endpoint} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="events per store, comma-separated")
    ap.add_argument("--plain-max", type=int, default=100_000, help="largest size the plain stack is run at")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--output", type=Path, default=HERE.parent / "BENCHMARKS.md")
    ap.add_argument("--plain-child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--reps", type=int, default=40, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.plain_child:
        print(json.dumps(plain_stack(args.plain_child, args.reps)))
        return
    code = commit()  # (before the run: what is measured)
    previous = previous_run(args.output)  # (read once: each size rewrites the file)
    command = "make bench-scale  # .venv/bin/python benchmarks/run.py " + " ".join(sys.argv[1:])
    results = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for size in (int(s) for s in args.sizes.split(",")):
            n_rows = int(size / (1 - ONE_SIDED))
            print(f"== {size:,} events", file=sys.stderr)
            d = bench_diplokg(n_rows, tmp, args.clients, args.requests)
            row = {"diplokg": d}
            print(f"   diplokg: {json.dumps({k: v for k, v in d.items() if k not in ('store', 'data')}, default=str)}",
                  file=sys.stderr)
            row["oxigraph"] = bench_oxigraph_server(d["store"], tmp, args.clients, args.requests)
            if size <= args.plain_max:
                nt = tmp / f"{size}.nt"
                write_ntriples(d["data"], nt)
                row["plain"] = bench_plain(nt, args.reps)
                print(f"   plain: {json.dumps(row['plain'])}", file=sys.stderr)
                row["rdflib_endpoint"] = bench_rdflib_endpoint(nt, args.clients, args.requests)
                nt.unlink()
            shutil.rmtree(d["store"], ignore_errors=True)
            d["data"].unlink()
            results.append(row)
            write_report(args.output, report(results, args.clients, args.requests, command, code), previous)
    print(args.output.read_text())


if __name__ == "__main__":
    main()
