"""Tests of diplokg.ingest.pipeline: what reaches the store is text it can hold, under an id every endpoint can
address, whether it came through a reader or was built as an Article by a caller."""

from __future__ import annotations

import pytest
from diplokg.errors import BadInput
from diplokg.ingest.article import Article

GOOD = "Saudi Arabia and Iran agreed on Friday to restore ties."


@pytest.mark.parametrize(("article", "why"), [
    (Article("China and Russia \ud800 signed an agreement.", id="s", source="s"), "surrogate"),
    (Article("China and Russia \ud800 signed an agreement.", source="no-id"), "surrogate"),  # its key hashes text
    (Article(GOOD, id="s\udfff", source="s"), "surrogate"),
    (Article(GOOD, id="t", title="\ud800", source="t"), "surrogate"),
    (Article("China and Russia \x00 signed an agreement.", id="n", source="n"), "U+0000"),
    (Article(GOOD, id="a/b c", source="a/b c"), "id"),
    (Article(GOOD, id="x" * 301, source="long"), "id"),
])
def test_an_article_no_reader_would_build_is_a_failure_and_the_rest_lands(coder, article, why):
    from diplokg.graph.store import EventStore
    from diplokg.ingest.pipeline import ingest_articles

    with EventStore(None) as store:
        report = ingest_articles([article, Article(GOOD, id="good", source="good")], store, coder=coder)
        assert report.articles == 1
        [failure] = report.failures
        assert isinstance(failure, BadInput) and failure.source == article.source and why in failure.reason
        assert [str(r["id"]) for r in store.select("SELECT ?id WHERE { ?a <https://schema.org/identifier> ?id }")] \
            == ["good"]
