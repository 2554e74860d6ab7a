"""Shared fixtures: one coder, and one store built from the raw seed article for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED_TXT = DATA / "gold" / "seed" / "dw-2023-09-22-china-syria-partnership.txt"


@pytest.fixture(scope="session")
def coder():
    from diplokg.ingest.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, coder):
    """An on-disk store holding the seed article, ingested from its raw .txt."""
    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ingest

    path = tmp_path_factory.mktemp("seed") / "store"
    store = EventStore(path)
    report = ingest([str(SEED_TXT)], store, coder=coder)
    assert report.articles == 1 and not report.failures
    yield store
    store.close()


@pytest.fixture
def code(coder):
    """Code one text dated 2023-09-22 (a Friday) and return (source, code, target, date, count) tuples."""
    from datetime import date

    from diplokg.ingest.article import Article

    def run(text: str, published: date = date(2023, 9, 22), represent: bool = True):
        events = coder.code(Article(text, id="t", published=published))
        key = (lambda a: a.represents()) if represent else (lambda a: a.code)
        return sorted((key(e.source), e.code, key(e.target), e.date, e.count) for e in events)

    return run
