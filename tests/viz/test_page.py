"""The graph page without a browser: the data build_graph makes, escaping, the standalone file, the routes."""

from __future__ import annotations

import html as html_module
import json
import random
import re

import pytest
from diplokg.errors import BadInput, UnknownActor
from diplokg.graph.network import EventNetwork, sample_network
from diplokg.viz.page import CSP, build_graph, page_json, render_page, write_page

SCRIPT_PAYLOAD = "</script><script>window.__pwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">'
DATA_BLOCK = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def embedded(html: str) -> dict:
    blocks = DATA_BLOCK.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def hostile_network() -> EventNetwork:
    rows = [{"id": "h1", "source": "EVIL", "target": "CHN", "code": "051", "date": "2023-09-25", "article": "a"},
            {"id": "h2", "source": "CHN", "target": "EVIL", "code": "111", "date": "2023-09-26", "article": "a"}]
    actors = {"EVIL": {"label": f"Evil {SCRIPT_PAYLOAD}{IMG_PAYLOAD}\u2028\u2029&amp;", "kind": "group"},
              "CHN": {"label": "China", "kind": "state"}}
    return EventNetwork.from_rows(rows, actors)


# -- escaping -------------------------------------------------------------------------------------------------------
def test_page_json_escapes_what_could_end_a_script():
    text = page_json({"a": "</script><img src=x onerror=alert(1)>&\u2028\u2029"})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert "\\u003c/script\\u003e" in text and "\\u2028" in text and "\\u2029" in text
    assert json.loads(text)["a"] == "</script><img src=x onerror=alert(1)>&\u2028\u2029"


@pytest.mark.parametrize("standalone", [False, True])
def test_hostile_names_stay_data(standalone):
    data = build_graph(hostile_network())
    html = render_page(data, standalone=standalone)
    assert SCRIPT_PAYLOAD not in html and IMG_PAYLOAD not in html and "<img" not in html
    assert "\u2028" not in html and "\u2029" not in html
    # every script element closes where it should: one data block, then the scripts
    assert html.count("\n<script") == html.count("</script>") == 5
    back = embedded(html)
    evil = next(n for n in back["nodes"] if n["id"] == "EVIL")
    assert evil["label"] == hostile_network().actors["EVIL"]["label"]  # the text survives, unchanged
    assert isinstance(evil["title"], str) and all(isinstance(e["title"], str) for e in back["edges"])


def test_served_page_has_no_inline_script_or_style():
    html = render_page(build_graph(sample_network()))
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert [attrs for attrs, body in scripts if body.strip()] == [' type="application/json" id="graph-data"']
    assert all('src="/static/' in attrs for attrs, body in scripts if not body.strip())
    assert "<style" not in html and " style=" not in html and " on" not in re.sub(r"<script.*?</script>", "", html,
                                                                                   flags=re.S).replace(" one", "")


# -- build_graph ------------------------------------------------------------------------------------------------------
def test_nodes_and_edges_per_dyad_and_quad():
    data = build_graph(sample_network())
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["CHN"]["label"] == "China" and nodes["CHN"]["events"] == 5 and nodes["CHN"]["kind"] == "state"
    assert nodes["CHN"]["size"] > nodes["IRN"]["size"]
    edges = {e["id"]: e for e in data["edges"]}
    assert set(edges) == {"CHN|SYR|1", "SYR|CHN|1", "CHN|IRN|1", "CHN|SAU|1", "SAU|IRN|1"}
    chn_syr = edges["CHN|SYR|1"]
    assert (chn_syr["from"], chn_syr["to"], chn_syr["count"], chn_syr["arrows"]) == ("CHN", "SYR", 2, "to")
    assert sorted(chn_syr["event_ids"]) == ["e1", "e2"] and chn_syr["first"] == "2023-09-22"
    assert "China → Syria" in chn_syr["title"] and "2 events" in chn_syr["title"]
    assert chn_syr["width"] > edges["CHN|IRN|1"]["width"]
    assert data["stats"]["events"] == 6 and data["centre"] is None


def test_quad_colours_and_split():
    net = hostile_network()  # EVIL→CHN 051 (verbal cooperation), CHN→EVIL 111 (verbal conflict)
    edges = {e["id"]: e for e in build_graph(net)["edges"]}
    assert set(edges) == {"EVIL|CHN|1", "CHN|EVIL|3"}
    assert edges["EVIL|CHN|1"]["color"]["color"] != edges["CHN|EVIL|3"]["color"]["color"]
    assert [e["id"] for e in build_graph(net, quad=[3])["edges"]] == ["CHN|EVIL|3"]
    assert [e["id"] for e in build_graph(net, quad="1")["edges"]] == ["EVIL|CHN|1"]


def test_filters():
    net = sample_network()
    assert {e["id"] for e in build_graph(net, since="2023-09")["edges"]} == {"CHN|SYR|1"}
    assert {e["id"] for e in build_graph(net, until="2023-03")["edges"]} == {"CHN|IRN|1", "CHN|SAU|1", "SAU|IRN|1"}
    assert {e["id"] for e in build_graph(net, code="045")["edges"]} == {"CHN|IRN|1", "CHN|SAU|1"}
    assert {e["id"] for e in build_graph(net, code="05")["edges"]} == {"CHN|SYR|1", "SYR|CHN|1", "SAU|IRN|1"}
    assert {e["id"] for e in build_graph(net, min_count=2)["edges"]} == {"CHN|SYR|1"}
    around = build_graph(net, actor="SYR", depth=1)
    assert {n["id"] for n in around["nodes"]} == {"SYR", "CHN"} and around["centre"] == "SYR"
    assert {n["id"] for n in build_graph(net, actor="SYR", depth=2)["nodes"]} == {"SYR", "CHN", "IRN", "SAU"}
    assert build_graph(net, actor="xi_jinping", depth=1)["centre"] == "CHN"  # a person stands for the state
    lonely = build_graph(net, actor="SAU", since="2024")
    assert [n["id"] for n in lonely["nodes"]] == ["SAU"] and lonely["edges"] == []
    with pytest.raises(UnknownActor):
        build_graph(net, actor="NOPE")
    for bad in ({"quad": [5]}, {"since": "yesterday"}, {"depth": 4}, {"min_count": 0}):
        with pytest.raises(BadInput):
            build_graph(net, **bad)


def test_big_graphs_are_aggregated_and_bounded():
    rng = random.Random(0)
    rows = [{"id": f"e{i}", "source": f"A{i % 400}", "target": f"A{rng.randrange(400)}", "code": "042"}
            for i in range(3000)]
    data = build_graph(EventNetwork.from_rows(rows), max_edges=500)
    assert data["stats"]["hidden_edges"] > 0 and len(data["edges"]) < data["stats"]["matching_edges"]
    assert len(data["nodes"]) == 400  # every actor keeps its strongest tie
    assert data["options"]["layout"]["improvedLayout"] is False
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 200


# -- the standalone file ------------------------------------------------------------------------------------------
def test_standalone_file_is_offline_and_carries_evidence(viz_store, tmp_path, hostile):
    path = write_page(viz_store, tmp_path / "graph.html")
    html = path.read_text("utf-8")
    assert re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I) is None
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert styles and re.search(r"url\(\s*(?!['\"]?data:)", styles) is None and "@import" not in html
    for cdn in ("cdn.", "cdnjs", "jsdelivr", "unpkg", "bootstrap", "node_modules", "googleapis"):
        assert cdn not in html
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    meta = html_module.unescape(meta)
    assert "default-src 'none'" in meta and "connect-src 'none'" in meta and "http" not in meta
    data = embedded(html)
    assert data["mode"]["standalone"] is True
    drawn = {eid for e in data["edges"] for eid in e["event_ids"]}
    assert drawn and drawn <= set(data["events"])
    assert all(ev["evidence"] for ev in data["events"].values())
    assert data["articles"][hostile.article]["title"].startswith("Talks </script>")
    assert SCRIPT_PAYLOAD not in html and IMG_PAYLOAD not in html
    # http(s) only where articles' own links are: data, not assets
    urls = set(re.findall(r"https?://[^\s\"'\\)]+", DATA_BLOCK.search(html).group(1)))
    assert urls <= {a["url"] for a in data["articles"].values() if a["url"]}


def test_write_page_from_a_network(tmp_path):
    data = embedded(write_page(sample_network(), tmp_path / "g.html", actor="CHN", depth=1).read_text("utf-8"))
    assert data["centre"] == "CHN" and "events" not in data


# -- the routes ---------------------------------------------------------------------------------------------------------
def test_graph_page_route(viz_client, hostile):
    r = viz_client.get("/graph", params={"actor": "CHN"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    data = embedded(r.text)
    assert data["centre"] == "CHN" and data["mode"] == {"standalone": False, "api_base": ""}
    assert SCRIPT_PAYLOAD not in r.text and IMG_PAYLOAD not in r.text
    twin = viz_client.get("/graph/data", params={"actor": "CHN"}).json()
    assert [n["id"] for n in twin["nodes"]] == [n["id"] for n in data["nodes"]]
    assert hostile.actor in {n["id"] for n in twin["nodes"]}
    assert next(n for n in twin["nodes"] if n["id"] == hostile.actor)["label"] == hostile.name


def test_graph_data_filters(viz_client):
    everything = viz_client.get("/graph/data").json()
    cooperation = viz_client.get("/graph/data", params=[("quad", "1"), ("quad", "2")]).json()
    assert {e["quad"] for e in cooperation["edges"]} <= {1, 2} < {e["quad"] for e in everything["edges"]}
    assert viz_client.get("/graph/data", params={"quad": "1,2"}).json()["edges"] == cooperation["edges"]
    recent = viz_client.get("/graph/data", params={"since": "2021", "min_count": 1}).json()
    assert all((e["first"] or "") >= "2021" for e in recent["edges"])
    empty_form = viz_client.get("/graph/data?actor=&since=&until=&code=&min_count=1&depth=2").json()
    assert len(empty_form["edges"]) == len(everything["edges"])


@pytest.mark.parametrize("query, status", [
    ("quad=5", 400), ("quad=1,x", 400), ("since=2023-13", 400), ("until=yesterday", 400), ("code=abc", 400),
    ("actor=%3Cb%3E", 400), ("min_count=0", 422), ("depth=9", 422), ("colour=red", 400), ("actor=NOPE", 404),
])
def test_bad_filters_are_problems(viz_client, query, status):
    for path in ("/graph", "/graph/data"):
        r = viz_client.get(f"{path}?{query}")
        assert r.status_code == status, (path, query, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")


def test_static_assets(viz_client):
    page = viz_client.get("/graph").text
    links = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
    assert len(links) == 6
    types = {}
    for link in links:
        r = viz_client.get(link)
        assert r.status_code == 200 and "immutable" in r.headers["cache-control"] and r.headers["etag"]
        types[link.split("?")[0].rsplit("/", 1)[1]] = r.headers["content-type"]
        again = viz_client.get(link, headers={"If-None-Match": r.headers["etag"]})
        assert again.status_code == 304
    assert types["graph.js"].startswith("text/javascript") and types["vis-network.css"].startswith("text/css")
    plain = viz_client.get("/static/graph.js")
    assert plain.status_code == 200 and "must-revalidate" in plain.headers["cache-control"]
    for name in ("app.py", "..%2Fapp.py", "graph.html", "vis-network.js"):
        assert viz_client.get(f"/static/{name}").status_code in (404, 422)


# -- the time bar's data --------------------------------------------------------------------------------------------
def page_view(data: dict, lo: int, hi: int) -> tuple[set, set]:
    """What the page draws for months lo..hi (indexes from data["time"]["first"]), done the page's way: each tie's
    events in range from its series, then min_count, the centre's neighbourhood and the strongest ties."""
    origin = data["time"]["origin"]
    y_lo, y_hi = (origin + lo) // 12, (origin + hi) // 12
    f = data["filters"]
    ids = [n["id"] for n in data["nodes"]]
    ties = [(e["from"], e["to"], e["quad"], e["t"], e.get("ty", [])) for e in data["edges"]]
    ties += [(ids[m[0]], ids[m[1]], m[2], m[4], m[5] if len(m) > 5 else []) for m in data["more"]]
    counts = {}
    for u, v, q, t, ty in ties:
        n = sum(t[i + 1] for i in range(0, len(t), 3) if lo <= t[i] <= hi)
        n += sum(ty[i + 1] for i in range(0, len(ty), 2) if y_lo <= ty[i] <= y_hi)
        if n >= f["min_count"]:
            counts[u, v, q] = n
    if data["centre"]:
        seen = frontier = {data["centre"]}
        for _ in range(f["depth"]):
            frontier = {w for u, v, _ in counts for a, w in ((u, v), (v, u)) if a in frontier} - seen
            seen = seen | frontier
        counts = {k: n for k, n in counts.items() if k[0] in seen and k[1] in seen}
    keys = list(counts)
    if len(keys) > data["max_edges"]:
        ranked = sorted(keys, key=lambda k: (-counts[k], k))
        kept = set(ranked[:data["max_edges"]])
        best = {}
        for k in ranked:
            for node in k[:2]:
                best.setdefault(node, k)
        keys = kept | set(best.values())
    nodes = {x for k in keys for x in k[:2]} | ({data["centre"]} if data["centre"] else set())
    return nodes, {f"{u}|{v}|{q}" for u, v, q in keys}


def month(origin: int, i: int) -> str:
    return f"{(origin + i) // 12:04d}-{(origin + i) % 12 + 1:02d}"


@pytest.mark.parametrize("filters", [{}, {"min_count": 2}, {"actor": "A3", "depth": 1}, {"quad": [1, 4]},
                                     {"actor": "A0", "depth": 2, "min_count": 2}])
def test_a_range_of_months_in_the_page_is_the_view_with_those_dates(filters):
    rng = random.Random(5)
    days = ["2019-01-03", "2019-01", "2019-06-30", "2020-02-29", "2020", "2021-12-01", "2019", None]
    rows = [{"id": f"e{i}", "source": f"A{rng.randrange(30)}", "target": f"A{rng.randrange(30)}",
             "code": rng.choice(["042", "057", "111", "190", "073"]), "date": rng.choice(days)} for i in range(900)]
    net = EventNetwork.from_rows(rows)
    data = build_graph(net, max_edges=60, **filters)
    assert data["more"] and data["stats"]["hidden_edges"] == len(data["more"])
    time = data["time"]
    assert (time["first"], time["months"]) == ("2019-01", 36)
    for lo, hi in [(0, 0), (0, 5), (5, 13), (13, 13), (12, 35), (2, 30), (35, 35), (1, 1)]:
        want = build_graph(net, since=month(time["origin"], lo), until=month(time["origin"], hi), max_edges=60,
                           **filters)
        got = page_view(data, lo, hi)
        assert got == ({n["id"] for n in want["nodes"]}, {e["id"] for e in want["edges"]}), (lo, hi)


def test_series_and_extent_are_compact_and_complete():
    data = build_graph(sample_network())
    assert data["time"] == {"first": "2023-03", "months": 7, "origin": 2023 * 12 + 2, "coarser": 0, "undated": 1}
    edges = {e["id"]: e for e in data["edges"]}
    assert edges["CHN|SYR|1"]["t"] == [6, 2, 4.5] and edges["SYR|CHN|1"]["t"] == [] and data["more"] == []
    for e in data["edges"]:  # every event is in a month, a year or undated
        t, ty = e["t"], e.get("ty", [])
        assert sum(t[1::3]) + sum(ty[1::2]) <= e["count"]
