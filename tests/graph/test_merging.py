"""One event, many mentions: an article stating an event twice, and several articles reporting the same event."""

from __future__ import annotations

from datetime import date

import pytest
from diplokg.graph.model import article_graph
from diplokg.graph.network import EventNetwork
from diplokg.graph.queries import EventFilter, list_events, select_events
from diplokg.graph.store import EventStore
from diplokg.ingest.article import Article
from diplokg.ingest.pipeline import ingest_articles

DAY = date(2023, 3, 10)
REPORTS = {
    "wire": ("Saudi Arabia and Iran signed an agreement in Beijing on Friday. "
             "Officials said Iran signed the agreement with Saudi Arabia after talks."),
    "daily": "Iran and Saudi Arabia signed an agreement on Friday, officials said.",
    "weekly": "Saudi Arabia and Iran signed an agreement on 10 March 2023 in the Chinese capital.",
}


def _events(store, **kw):
    return [e for e in list_events(store, **kw) if {e["source"]["code"], e["target"]["code"]} == {"SAU", "IRN"}
            and e["code"] == "057"]


@pytest.fixture
def store(tmp_path, coder):
    store = EventStore(tmp_path / "s")
    arts = [Article(text, id=key, published=DAY) for key, text in REPORTS.items()]
    assert ingest_articles(arts, store, coder=coder).articles == 3
    yield store
    store.close()


def test_three_reports_of_one_signing_are_one_event_with_three_sources(store):
    merged = _events(store, per_article=False)
    assert len(merged) == 1, merged
    event = merged[0]
    assert event["date"] == "2023-03-10" and event["sources"] == 3
    assert event["articles"] == ["daily", "weekly", "wire"]
    assert event["mentions"] == len(event["evidence"]) >= 3
    assert {x["article"] for x in event["evidence"]} == set(REPORTS)
    # one event node in the store, however many articles describe it
    rows = list(store.select("PREFIX dk: <https://w3id.org/diplokg/vocab#> SELECT DISTINCT ?e WHERE { "
                             "?e dk:cameoCode \"057\" ; dk:date ?d }"))
    assert len(rows) == 1


def test_each_article_still_lists_its_own_report(store):
    reports = _events(store)  # the scorer's view: one entry per article reporting the event
    assert sorted(e["article"] for e in reports) == sorted(REPORTS)
    assert len({e["id"] for e in reports}) == 1
    wire = next(e for e in reports if e["article"] == "wire")
    assert len(wire["evidence"]) == 2 and all(x["article"] == "wire" for x in wire["evidence"])  # stated twice
    assert select_events(store, EventFilter(article="daily"))[0][0]["article"] == "daily"


def test_retracting_one_source_keeps_the_event_and_the_others(store):
    store.remove_graph(article_graph("wire"))
    (event,) = _events(store, per_article=False)
    assert event["sources"] == 2 and "wire" not in {x["article"] for x in event["evidence"]}
    for key in ("daily", "weekly"):
        store.remove_graph(article_graph(key))
    assert _events(store, per_article=False) == []


def test_the_network_counts_the_event_once_until_its_last_source_goes(store):
    net = EventNetwork.from_store(store)
    (eid,) = {k for _, _, k, c in net.graph.edges(keys=True, data="code") if c == "057"}
    assert len([k for _, _, k in net.graph.edges(keys=True) if k == eid]) == 1
    assert net.remove_article("wire") == 0 and net.remove_article("daily") == 0
    assert eid in {k for _, _, k in net.graph.edges(keys=True)}
    assert net.remove_article("weekly") >= 1
    assert eid not in {k for _, _, k in net.graph.edges(keys=True)}


def test_undated_or_differently_dated_reports_stay_apart(tmp_path, coder):
    store = EventStore(tmp_path / "s")
    arts = [Article("Saudi Arabia and Iran signed an agreement on Friday.", id="a", published=DAY),
            Article("Saudi Arabia and Iran signed an agreement on Friday.", id="b", published=date(2023, 3, 17)),
            Article("Saudi Arabia and Iran signed an agreement.", id="c"),
            Article("Saudi Arabia and Iran once signed an agreement.", id="d")]
    ingest_articles(arts, store, coder=coder)
    merged = _events(store, per_article=False)
    assert sorted(e["articles"] for e in merged) == [["a"], ["b"], ["c"], ["d"]]
    assert all(e["sources"] == 1 for e in merged)


def test_an_event_many_articles_report_stays_cheap_to_read(tmp_path, coder):
    """One event described in 40 article graphs: every read must see it once, without multiplying rows per graph
    (the union of graphs returns each of its triples 40 times)."""
    import time

    from diplokg.graph.network import dyad_rows, event_rows

    store = EventStore(tmp_path / "s")
    arts = [Article(f"Saudi Arabia and Iran signed an agreement on Friday. Report number {i}.", id=f"r{i:02d}",
                    published=DAY) for i in range(40)]
    ingest_articles(arts, store, coder=coder)
    t = time.perf_counter()
    (merged,) = _events(store, per_article=False)
    assert merged["sources"] == 40 and merged["mentions"] == 40
    assert len(_events(store)) == 40
    rows = [r for r in event_rows(store) if r["code"] == "057"]
    assert len({r["id"] for r in rows}) == 1 and len({r["article"] for r in rows}) == 40
    (group,) = [r for r in dyad_rows(store) if "057" in r["codes"]]
    assert group["codes"]["057"] == 1
    net = EventNetwork.from_store(store, aggregate=True)
    assert net.timeline("SAU", "IRN")["periods"][0]["events"] == 1
    assert net.relations("SAU", "IRN")["events"] == 1
    from diplokg.graph.queries import graph_summary, list_actors

    assert next(a for a in list_actors(store) if a["code"] == "SAU")["events"] == 1
    assert graph_summary(store)["events"] == 1
    assert time.perf_counter() - t < 20
