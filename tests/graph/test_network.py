"""The networkx working graph: built from a real store (seed + dev gold articles) and from tiny rows."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from diplokg.errors import UnknownActor
from diplokg.graph.model import article_graph
from diplokg.graph.network import EventNetwork, event_rows, sample_network
from diplokg.graph.queries import list_events
from diplokg.graph.store import EventStore
from diplokg.ingest.evaluate import load_gold
from diplokg.ingest.pipeline import ingest_articles

GOLD = Path(__file__).parents[1] / "data" / "gold"


@pytest.fixture(scope="module")
def store(tmp_path_factory, coder):
    """13 articles (seed + dev), about 160 events."""
    gold = load_gold([GOLD / "seed", GOLD / "dev"])
    store = EventStore(tmp_path_factory.mktemp("network") / "s")
    report = ingest_articles([g.article for g in gold], store, coder=coder)
    assert report.articles == 13 and not report.failures
    yield store
    store.close()


@pytest.fixture(scope="module")
def net(store):
    return EventNetwork.from_store(store)


# -- over the store ---------------------------------------------------------------------------------------
def test_one_edge_per_asserted_event_between_represented_actors(store, net):
    events = list_events(store, modalities=("asserted",))
    assert net.graph.number_of_edges() == len(events)
    assert sum(s.events for s in net.dyads.values()) == len(events)
    assert "xi_jinping" not in net.graph  # persons stand for their state
    xi = [d for _, _, d in net.graph.edges(data=True) if d["source_actor"] == "xi_jinping"]
    assert xi and {d["source"] for d in xi} == {"CHN"}
    assert net.graph.nodes["CHN"]["label"] == "China" and net.graph.nodes["CHN"]["kind"] == "state"
    assert net.actors["CHN"]["qid"] == "Q148"
    future = EventNetwork.from_store(store, modalities=("asserted", "future"))
    assert future.graph.number_of_edges() > net.graph.number_of_edges()


def test_china_syria_relations(net):
    rel = net.relations("CHN", "SYR")
    codes = {c["code"] for side in ("outgoing", "incoming") for c in rel[side]["codes"]}
    assert any(c.startswith("05") for c in codes) and any(c.startswith("04") for c in codes)
    assert rel["events"] == rel["outgoing"]["events"] + rel["incoming"]["events"]
    assert all(c["label"] for c in rel["outgoing"]["codes"])
    assert rel["outgoing"]["first"] <= rel["outgoing"]["last"]
    assert len(rel["outgoing"]["event_ids"]) == rel["outgoing"]["events"]
    assert net.relations("xi_jinping", "SYR") == rel


def test_the_eight_vetoes_are_on_china_to_the_security_council(net):
    vetoes = [d for d in net.graph.get_edge_data("CHN", "UNSC").values() if d["code"] == "129"]
    assert any(d["count"] == 8 for d in vetoes)
    assert "129" in net.dyads["CHN", "UNSC"].codes


def test_relations_of_one_actor_are_sorted_by_events(net):
    rels = net.relations("CHN")
    assert rels[0]["counterpart"] == "SYR"
    assert [r["events"] for r in rels] == sorted((r["events"] for r in rels), reverse=True)


def test_neighbors(net):
    first = {n["actor"]: n for n in net.neighbors("CHN")}
    assert {"SYR", "SAU", "IRN"} <= first.keys()
    assert all(n["distance"] == 1 and n["via"] == ["CHN"] for n in first.values())
    two = net.neighbors("CHN", depth=2)
    assert {n["distance"] for n in two} == {1, 2}
    assert not first.keys() & {n["actor"] for n in two if n["distance"] == 2}
    with pytest.raises(ValueError):
        net.neighbors("CHN", depth=4)


def test_saudi_arabia_reaches_syria_through_china(net):
    hops = net.path("SAU", "SYR")
    assert [h["source"] for h in hops] == ["SAU", "CHN"] and hops[-1]["target"] == "SYR"
    assert all(h["events"] and sum(h["codes"].values()) == len(h["events"]) for h in hops)
    assert net.path("SAU", "SYR", max_hops=1) is None


def test_centrality_metrics_rank_actors(net):
    for metric in ("degree", "pagerank", "betweenness"):
        ranked = net.centrality(metric, limit=5)
        assert len(ranked) == 5
        scores = [r["score"] for r in ranked]
        assert scores == sorted(scores, reverse=True)
    assert net.centrality("degree", limit=1)[0]["actor"] == "CHN"
    with pytest.raises(ValueError):
        net.centrality("eigenvector")


def test_timeline_buckets(net):
    months = net.timeline("CHN", "SYR")
    periods = [p["period"] for p in months["periods"]]
    assert periods == sorted(periods) and "2023-09" in periods
    years = net.timeline("CHN", "SYR", interval="year")
    assert "2023" in [p["period"] for p in years["periods"]]
    total = net.relations("CHN", "SYR")["events"]
    assert sum(p["events"] for p in years["periods"]) + years["undated"] == total
    assert sum(p["events"] for p in months["periods"]) + months["undated"] + months["coarser"] == total
    assert months["undated"] > 0
    with pytest.raises(ValueError):
        net.timeline("CHN", "SYR", interval="week")


def test_communities_cover_every_actor_once(net):
    groups = net.communities()
    members = [a for g in groups for a in g]
    assert sorted(members) == sorted(net.graph.nodes)
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)
    assert net.communities() == groups


def test_unknown_actor(net):
    for call in (lambda: net.relations("XXX"), lambda: net.relations("CHN", "XXX"), lambda: net.neighbors("XXX"),
                 lambda: net.path("XXX", "CHN"), lambda: net.timeline("CHN", "XXX")):
        with pytest.raises(UnknownActor):
            call()


def test_gexf_and_graphml_read_back(net, tmp_path):
    for name, text, read in (("n.gexf", net.to_gexf(), nx.read_gexf), ("n.graphml", net.to_graphml(), nx.read_graphml)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        g = read(path)
        assert g.number_of_nodes() == net.graph.number_of_nodes()
        assert g.number_of_edges() == len(net.dyads)
        assert int(g.edges["CHN", "UNSC"]["events"]) == net.dyads["CHN", "UNSC"].events
        assert g.edges["CHN", "UNSC"]["top_code"] == "129"
        assert g.nodes["CHN"]["label"] == "China"


def test_edges_csv(net):
    rows = list(csv.DictReader(io.StringIO(net.edges_csv())))
    assert len(rows) == len(net.dyads)
    assert list(rows[0]) == ["source", "target", "events", "goldstein_mean", "first", "last", "top_code"]
    veto = next(r for r in rows if (r["source"], r["target"]) == ("CHN", "UNSC"))
    assert veto["top_code"] == "129" and int(veto["events"]) == net.dyads["CHN", "UNSC"].events


def test_keeping_the_network_current(tmp_path, coder):
    store = EventStore(tmp_path / "s")
    seed, cuba = load_gold([GOLD / "seed", GOLD / "extra" / "cuba-us-restore-embassies-2015.json"])
    ingest_articles([seed.article], store, coder=coder)
    net = EventNetwork.from_store(store)
    assert "CUB" not in net.graph
    before = net.centrality("degree")
    ingest_articles([cuba.article], store, coder=coder)
    assert net.refresh_article(store, cuba.article.key) > 0
    assert ("CUB", "USA") in net.dyads or ("USA", "CUB") in net.dyads
    assert net.centrality("degree") != before  # cached results were dropped
    fresh = EventNetwork.from_store(store)
    assert net.dyads == fresh.dyads and dict(net.graph.nodes(data=True)) == dict(fresh.graph.nodes(data=True))
    assert net.remove_article(cuba.article.key) > 0
    assert "CUB" not in net.graph and not any("CUB" in pair for pair in net.dyads)
    assert net.centrality("degree") == before
    store.close()


def test_event_rows_for_one_article(store):
    rows = event_rows(store, article="syria-aid-veto-2020")
    assert rows and {r["article"] for r in rows} == {"syria-aid-veto-2020"}
    assert {r["precision"] for r in rows if r["date"]} <= {"day", "month", "year"}
    with pytest.raises(ValueError):
        event_rows(store, modalities=("maybe",))


# -- tiny networks from rows ------------------------------------------------------------------------------
def _rows(*triples):
    return [{"id": f"e{i}", "source": s, "target": t, "code": c, "article": "a"} for i, (s, c, t) in enumerate(triples)]


def test_from_rows_fills_defaults_and_skips_known_ids():
    net = EventNetwork.from_rows(_rows(("EGY", "057", "ISR")))
    edge = net.graph.edges["EGY", "ISR", "e0"]
    assert edge["quad"] == 1 and edge["goldstein"] == 8.0 and edge["source_actor"] == "EGY"
    assert net.graph.nodes["EGY"] == {"label": "EGY", "kind": None, "events": 1}
    assert net.add_events(_rows(("EGY", "057", "ISR"))) == 0


def test_path_prefers_the_busier_of_equally_short_paths():
    net = EventNetwork.from_rows(_rows(("A", "040", "B"), ("B", "040", "D"), ("A", "040", "C"), ("C", "040", "D"),
                                       ("C", "042", "D"), ("A", "010", "D2")))
    assert [h["target"] for h in net.path("A", "D")] == ["C", "D"]
    assert net.path("A", "D")[1]["codes"] == Counter({"040": 1, "042": 1})
    assert net.path("D", "A", directed=True) is None and net.path("A", "A") == []


def test_timeline_keeps_year_dates_out_of_months():
    rows = [{"id": "1", "source": "A", "target": "B", "code": "040", "date": "2020"},
            {"id": "2", "source": "B", "target": "A", "code": "040", "date": "2020-05-01"},
            {"id": "3", "source": "A", "target": "B", "code": "040", "date": "2020-05", "precision": "month"}]
    net = EventNetwork.from_rows(rows)
    months = net.timeline("A", "B")
    assert [(p["period"], p["events"]) for p in months["periods"]] == [("2020-05", 2)] and months["coarser"] == 1
    assert [(p["period"], p["events"]) for p in net.timeline("B", "A", "year")["periods"]] == [("2020", 3)]


def test_removing_an_article_drops_empty_nodes_and_dyads():
    net = sample_network()
    assert net.remove_article("a2") == 3
    assert sorted(net.graph.nodes) == ["CHN", "SYR"] and set(net.dyads) == {("CHN", "SYR"), ("SYR", "CHN")}
    assert net.graph.nodes["CHN"]["events"] == 3
    assert net.remove_article("a2") == 0


def test_pagerank_matches_networkx():
    pagerank = pytest.importorskip("networkx.algorithms.link_analysis.pagerank_alg")._pagerank_python
    net = sample_network()
    g = nx.DiGraph()
    g.add_nodes_from(net.graph)
    g.add_weighted_edges_from((u, v, s.events) for (u, v), s in net.dyads.items() if u != v)
    expected = pagerank(g, weight="weight", tol=1e-12)
    for r in net.centrality("pagerank"):
        assert r["score"] == pytest.approx(expected[r["actor"]], abs=1e-5)


# -- the aggregated (dyad) network ------------------------------------------------------------------------
def _without_ids(x):
    if isinstance(x, dict):
        return {k: _without_ids(v) for k, v in x.items() if k != "event_ids" and not (k == "events" and isinstance(v, list))}
    if isinstance(x, list):
        return [_without_ids(v) for v in x]
    return x


def test_the_dyad_network_answers_as_the_event_network(store, net):
    dyads = EventNetwork.from_store(store, aggregate=True)
    assert dyads.graph.number_of_edges() < net.graph.number_of_edges()  # one edge per dyad and code
    assert {k: _without_ids(v.as_dict()) for k, v in dyads.dyads.items()} == {
        k: _without_ids(v.as_dict()) for k, v in net.dyads.items()}
    for actor in ("CHN", "SAU", "QAT", "xi_jinping"):
        assert _without_ids(dyads.relations(actor)) == _without_ids(net.relations(actor))
        assert dyads.neighbors(actor, 2) == net.neighbors(actor, 2)
    for metric in ("degree", "pagerank", "betweenness"):
        assert dyads.centrality(metric, limit=None) == net.centrality(metric, limit=None)
    hops = dyads.path("SAU", "SYR")
    assert [(h["source"], h["target"]) for h in hops] == [(h["source"], h["target"]) for h in net.path("SAU", "SYR")]
    for interval in ("month", "year"):
        assert dyads.timeline("CHN", "SYR", interval) == net.timeline("CHN", "SYR", interval)


def test_the_dyad_network_follows_writes(tmp_path, coder, monkeypatch):
    from diplokg.graph import network, network_rows

    store = EventStore(tmp_path / "s")
    seed, cuba = load_gold([GOLD / "seed", GOLD / "extra" / "cuba-us-restore-embassies-2015.json"])
    ingest_articles([seed.article], store, coder=coder)
    net = EventNetwork.from_store(store, aggregate=True)
    ingest_articles([cuba.article], store, coder=coder)
    read_all = []  # a write must read the actors it touches, not every actor (that cost grew with the store)
    original = network._actors
    for module in (network, network_rows):
        monkeypatch.setattr(module, "_actors", lambda st, iris=None: read_all.append(iris is None) or original(st, iris))
    assert net.refresh_article(store, cuba.article.key) > 0
    assert read_all and not any(read_all)
    monkeypatch.undo()
    fresh = EventNetwork.from_store(store, aggregate=True)
    assert net.dyads == fresh.dyads and dict(net.graph.nodes(data=True)) == dict(fresh.graph.nodes(data=True))
    assert {c: net.actors[c] for c in fresh.graph} == {c: fresh.actors[c] for c in fresh.graph}  # labels, ids
    store.remove_graph(article_graph(cuba.article.key))
    net.refresh_article(store, cuba.article.key)  # it saw the article come: it knows its dyads
    assert "CUB" not in net.graph and net.dyads == EventNetwork.from_store(store, aggregate=True).dyads
    store.remove_graph(article_graph(seed.article.key))
    with pytest.raises(LookupError):  # an article it never saw, now gone: it cannot tell which dyads to recount
        net.refresh_article(store, seed.article.key)
    store.close()
