"""Paging a busy actor's events by walking days (``queries.Span``) must give exactly the pages sorting does."""

from __future__ import annotations

import random

import pytest
from diplokg.graph import queries
from diplokg.graph.network import EventNetwork
from diplokg.graph.queries import EventFilter, Span, select_events
from diplokg.graph.store import EventStore
from diplokg.ingest.imports import import_files

from tests.conftest import SEED_TXT
from tests.ingest.test_imports import gdelt_row

STATES = ["USA", "CHN", "RUS", "UKR", "SYR"]


@pytest.fixture(scope="module")
def busy_store(tmp_path_factory, coder):
    """400 imported events over four months, one day without any, and the seed article (dates of every
    precision: a month or a year sorts before its first day)."""
    from diplokg.ingest.pipeline import ingest

    tmp = tmp_path_factory.mktemp("walk")
    rnd = random.Random(7)
    rows = []
    for i in range(400):
        a, b = rnd.sample(STATES, 2)
        day = f"2023{rnd.randint(1, 4):02d}{rnd.choice([1, 2, 3, 15, 28]):02d}"
        rows.append(gdelt_row(str(5000 + i), day, a + rnd.choice(["", "GOV"]), a, rnd.choice(["040", "057", "112"]),
                              b, b))
    (tmp / "busy.export.CSV").write_text("\n".join(rows) + "\n", encoding="utf-8")
    store = EventStore(tmp / "store")
    import_files("gdelt", [tmp / "busy.export.CSV"], store)
    ingest([str(SEED_TXT)], store, coder=coder)
    yield store
    store.close()


def _pages(store, flt, span, size):
    out, cursor = [], None
    while True:
        items, cursor = select_events(store, flt, limit=size, after=cursor, span=span)
        out.append([e["id"] for e in items])
        if cursor is None:
            return out


@pytest.mark.parametrize(("flt", "pair"), [
    (EventFilter(actor="USA"), ("USA", None)),
    (EventFilter(actor="CHN"), ("CHN", None)),  # the seed's too: month precision (after its days), undated
    (EventFilter(source="RUS", target="UKR"), ("RUS", "UKR")),
    (EventFilter(actor="UKR", root="05"), ("UKR", None)),
    (EventFilter(actor="CHN", since="2023-03-15"), ("CHN", None)),  # starts mid-month: the month's own events
    (EventFilter(actor="USA", since="2023-02", until="2023-03-28"), ("USA", None)),
])
def test_walking_days_gives_the_pages_sorting_gives(busy_store, flt, pair, monkeypatch):
    net = EventNetwork.from_store(busy_store, aggregate=True)
    span = net.span(*pair)
    assert span is not None and span.events > 0 and span.total >= span.events
    walks = []
    original = queries._walk
    monkeypatch.setattr(queries, "_walk", lambda *a, **k: walks.append(original(*a, **k)) or walks[-1])
    forced = Span(10**9, 1, span.first, span.last)  # always worth walking
    for size in (1, 7, 50):
        assert _pages(busy_store, flt, forced, size) == _pages(busy_store, flt, None, size)
    assert any(w is not None for w in walks), "the walk was never used"


def test_span_counts_an_actors_events_on_both_sides(busy_store):
    net = EventNetwork.from_store(busy_store, aggregate=True)
    span = net.span("RUS")
    items, _ = select_events(busy_store, EventFilter(actor="RUS"))
    assert span.events == len(items)
    assert span.first == min(e["date"] for e in items) and span.last == max(e["date"] for e in items)
    assert net.span("NOSUCH") is None
    assert Span(100, 10_000, "2023-01-01", "2023-02-01").worth_walking(50) is False
    assert Span(5_000, 10_000, "2023-01-01", "2023-02-01").worth_walking(50) is True
    assert Span(5_000, 10_000, None, None).worth_walking(50) is False
