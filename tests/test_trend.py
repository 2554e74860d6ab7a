"""A dyad's trend (``diplokg.viz.trend``) and ``diplokg trend A B -o FILE``: the numbers of ``/timeline`` split by
QuadClass, a well-formed SVG with one bar segment per month and QuadClass, clear errors."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from diplokg.cli import main
from diplokg.errors import UnknownActor, UsageError
from diplokg.graph.network import EventNetwork, sample_network
from diplokg.graph.store import open_store
from diplokg.viz.trend import dyad_trend, trend_svg, write_trend

SVG = "{http://www.w3.org/2000/svg}"
EVIL = "</text><script>alert(1)</script><img src=x onerror=alert(1)>"


def random_network(seed: int = 3) -> EventNetwork:
    rng = random.Random(seed)
    codes = ["042", "051", "057", "073", "111", "130", "163", "190"]
    rows = []
    for i in range(400):
        s, t = rng.choice([("A", "B"), ("B", "A"), ("A", "C")])
        day = rng.choice([f"20{rng.randrange(18, 24)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                          f"20{rng.randrange(18, 24)}-{rng.randrange(1, 13):02d}", "2020", None])
        rows.append({"id": f"e{i}", "source": s, "target": t, "code": rng.choice(codes), "date": day})
    rows.append({"id": "x", "source": "A", "target": "B", "code": "042", "date": "2019-05-02", "goldstein": None})
    actors = {"A": {"label": f"Aland {EVIL}", "kind": "state"}, "B": {"label": "Bland & co", "kind": "state"}}
    net = EventNetwork.from_rows(rows, actors)
    for _, _, d in net.graph.edges(data=True):  # some events without a Goldstein value
        if d["code"] == "130" and d["date"] and d["date"].endswith("1"):
            d["goldstein"] = None
    return net


def test_the_trend_is_the_timeline_split_by_quadclass():
    net = random_network()
    trend, timeline = dyad_trend(net, "B", "A"), net.timeline("B", "A")
    assert [(p["period"], p["events"], p["goldstein_mean"]) for p in trend["periods"]] == \
        [(p["period"], p["events"], p["goldstein_mean"]) for p in timeline["periods"]]
    assert (trend["undated"], trend["coarser"]) == (timeline["undated"], timeline["coarser"])
    assert all(sum(p["quads"]) == p["events"] for p in trend["periods"])
    by_quad = [0, 0, 0, 0]
    for u, v in (("A", "B"), ("B", "A")):
        for d in net.graph.get_edge_data(u, v).values():
            if d["date"] and len(d["date"]) >= 7:
                by_quad[d["quad"] - 1] += 1
    assert [sum(p["quads"][q] for p in trend["periods"]) for q in range(4)] == by_quad
    assert trend["events"] == net.relations("A", "B")["events"] and trend["actors"] == ["B", "A"]
    # a person stands for their state
    assert dyad_trend(sample_network(), "xi_jinping", "SYR")["actors"] == ["CHN", "SYR"]
    with pytest.raises(UnknownActor):
        dyad_trend(net, "A", "NOPE")


def test_the_svg_is_well_formed_and_draws_the_counts():
    net = random_network()
    trend = dyad_trend(net, "A", "B")
    svg = trend_svg(trend)
    root = ET.fromstring(svg)  # well-formed: markup in a name stays text
    assert root.tag == f"{SVG}svg"
    bars = root.iter(f"{SVG}rect")
    drawn: dict[tuple[str, int], int] = {}
    for r in bars:
        if r.get("class") == "bar":
            drawn[r.get("data-period"), int(r.get("data-quad"))] = int(r.get("data-events"))
            assert float(r.get("height")) > 0
    assert drawn == {(p["period"], q + 1): c for p in trend["periods"] for q, c in enumerate(p["quads"]) if c}
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert f"Aland {EVIL}" in texts and "Bland & co" in texts
    assert "<script" not in svg and "<img" not in svg
    assert len(root.find(f"{SVG}polyline").get("points").split()) == sum(
        1 for p in trend["periods"] if p["goldstein_mean"] is not None)
    empty = trend_svg(dyad_trend(net, "B", "C"))  # known actors, no events between them
    assert "No events" in "".join(ET.fromstring(empty).itertext())


def test_write_trend_formats(tmp_path):
    path, trend = write_trend(sample_network(), "CHN", "SYR", tmp_path / "t.svg")
    assert ET.parse(path).getroot().tag == f"{SVG}svg" and trend["events"] == 3
    with pytest.raises(UsageError, match=r"\.svg or \.png"):
        write_trend(sample_network(), "CHN", "SYR", tmp_path / "t.jpg")
    if Path("/usr/bin/chromium").exists():
        png, _ = write_trend(sample_network(), "CHN", "SYR", tmp_path / "t.png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_png_without_chromium_is_a_clear_error(tmp_path, monkeypatch):
    from diplokg.viz import trend as module

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("DIPLOKG_CHROMIUM", raising=False)
    monkeypatch.setattr(module.Path, "is_file", lambda self: False)
    with pytest.raises(UsageError, match="Chromium"):
        write_trend(sample_network(), "CHN", "SYR", tmp_path / "t.png")
    assert not (tmp_path / "t.png").exists()


def test_trend_command(tmp_path, capsys):
    store = str(tmp_path / "store")
    main(["ingest", "--sample", "--store", store])
    capsys.readouterr()
    out = tmp_path / "china-syria.svg"
    assert main(["trend", "CHN", "SYR", "-o", str(out), "--store", store]) == 0
    said = capsys.readouterr().out
    root = ET.parse(out).getroot()
    periods = {r.get("data-period") for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"}
    assert periods == {"2023-09"} and "2023-09" in out.read_text()
    # the counts are the API's /timeline (one network per event, the store's dyad counts: the same)
    with open_store(store, read_only=True) as opened:
        timeline = EventNetwork.from_store(opened).timeline("CHN", "SYR")
    assert f"{sum(p['events'] for p in timeline['periods'])} of them in 1 month" in said
    assert main(["trend", "CHN", "NOPE", "-o", str(tmp_path / "x.svg"), "--store", store]) == 2
    assert "unknown actor: NOPE" in capsys.readouterr().err and not (tmp_path / "x.svg").exists()
    assert main(["trend", "CHN", "SYR", "-o", str(tmp_path / "x.txt"), "--store", store]) == 2
    assert ".svg or .png" in capsys.readouterr().err
