"""Ingest: read inputs, code each article, and commit each article's named graph to the store, all or nothing.

>>> from diplokg.graph.store import EventStore
>>> from diplokg.ingest.article import Article
>>> store = EventStore(None)
>>> report = ingest_articles([Article("Egypt and Israel signed a deal on Monday.", id="x")], store)
>>> report.articles, report.events
(1, 1)
>>> ingest_articles([Article("Egypt and Israel signed a deal on Monday.", id="x")], store).skipped
1
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources

from diplokg import __version__
from diplokg.errors import BadInput, DiplokgError
from diplokg.graph.model import (
    REFERENCE_GRAPH,
    Event,
    actor_triples,
    article_graph,
    article_triples,
    event_triples,
    reference_triples,
)
from diplokg.graph.namespace import DK
from diplokg.graph.store import EventStore
from diplokg.ingest.article import Article
from diplokg.ingest.coder import Coder
from diplokg.ingest.gazetteer import load_facts, load_gazetteer
from rdflib import URIRef

__all__ = ["MAX_ARTICLE_CHARS", "MAX_SENTENCE_CHARS", "IngestReport", "check_codable", "ensure_reference",
           "ingest", "ingest_articles", "sample_article_path"]

#: Longest article text coded, in characters. The coder's time grows with the square of the mentions in an
#: article and of the words in a sentence: measured at this limit, hostile text takes up to ≈4 s; at 100,000
#: characters up to 100 s, and spaCy refuses 1,000,000. News articles are far shorter (the corpus: < 3,000).
MAX_ARTICLE_CHARS = 40_000
#: Longest run of text without a sentence end (. ! ? or a line break); the corpus' longest sentence has 290.
MAX_SENTENCE_CHARS = 2_000
_SENTENCE_END = re.compile(r"[.!?\n\u3002\uff01\uff1f]")

REFERENCE_FILES = [
    ("diplokg.graph", "vocab.ttl"), ("diplokg.graph", "cameo.ttl"), ("diplokg.graph", "facts.csv"),
    ("diplokg.ingest", "actors/states.csv"), ("diplokg.ingest", "actors/bodies.csv"),
    ("diplokg.ingest", "actors/persons.csv"),
]


@dataclass
class IngestReport:
    articles: int = 0  # newly stored
    skipped: int = 0  # already in the store
    events: int = 0
    triples: int = 0
    seconds: float = 0.0
    failures: list[BadInput] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        line = (f"{self.articles} articles, {self.events} events, {self.triples} triples in "
                f"{self.seconds:.2f} s")
        if self.skipped:
            line += f"; {self.skipped} already stored"
        if self.failures:
            line += f"; {self.failed} failed"
        return line


def sample_article_path() -> str:
    """The DW article diplokg was started from, shipped as sample data."""
    return str(resources.files("diplokg.ingest").joinpath("data", "sample",
                                                          "dw-2023-09-22-china-syria-partnership.txt"))


def _reference_hash() -> str:
    digest = hashlib.sha256(__version__.encode())
    for package, name in REFERENCE_FILES:
        path = resources.files(package).joinpath("data", name)
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_reference(store: EventStore) -> bool:
    """Load vocabulary, codebook, gazetteer and facts into the reference graph if missing or outdated."""
    wanted = _reference_hash()
    for row in store.select(f"SELECT ?h WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{ <{REFERENCE_GRAPH}> <{DK.contentHash}> ?h }} }}"):
        if str(row["h"]) == wanted:
            return False
    from rdflib import Literal

    triples = list(reference_triples(load_gazetteer().actors.values(), load_facts()))
    triples.append((REFERENCE_GRAPH, DK.contentHash, Literal(wanted)))
    store.replace_graph(REFERENCE_GRAPH, triples)
    return True


def check_codable(article: Article) -> None:
    """BadInput if the article is not text the coder can read in bounded time: over MAX_ARTICLE_CHARS, or with a
    'sentence' over MAX_SENTENCE_CHARS (a table, a dump, generated text).

    >>> check_codable(Article("word " * 1000, id="w"))
    Traceback (most recent call last):
    ...
    diplokg.errors.BadInput: w: a run of 5000 characters without a sentence end (over 2000): not prose
    """
    source = article.source or article.key
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise BadInput(source, f"article text of {len(article.text)} characters is over the limit of "
                               f"{MAX_ARTICLE_CHARS}")
    longest = max(len(run) for run in _SENTENCE_END.split(article.text))
    if longest > MAX_SENTENCE_CHARS:
        raise BadInput(source, f"a run of {longest} characters without a sentence end (over "
                               f"{MAX_SENTENCE_CHARS}): not prose")


def _article_triples(article: Article, events: list[Event], started: datetime) -> list[tuple]:
    known = load_gazetteer().actors
    triples = list(article_triples(article, __version__, started))
    described: set[str] = set()
    for event in events:
        triples.extend(event_triples(event, article.key))
        for actor in (event.source, event.target):
            if actor.code not in known and actor.code not in described:
                described.add(actor.code)
                triples.extend(actor_triples(actor))
    return triples


def ingest_articles(articles: Iterable[Article | BadInput], store: EventStore, *, coder: Coder | None = None,
                    progress: Callable[[IngestReport, Article | BadInput], None] | None = None,
                    batch_size: int = 32) -> IngestReport:
    """Code and store articles; a BadInput in the stream is recorded and skipped, the rest lands.

    Each article is one named graph; up to ``batch_size`` coded articles are written in one transaction, so
    an article is in the store whole or not at all, and a crash loses at most the batch being written
    (re-running the same input completes it; stored articles are skipped).
    """
    coder = coder or Coder()
    report = IngestReport()
    t0 = time.perf_counter()
    ensure_reference(store)
    pending: list[tuple[Article, URIRef, list[tuple], int]] = []

    def commit() -> None:
        if not pending:
            return
        try:
            written = store.add_graphs((graph, triples) for _, graph, triples, _ in pending)
        except DiplokgError as exc:
            report.failures.extend(BadInput(a.source or a.key, str(exc)) for a, _, _, _ in pending)
        else:
            report.articles += len(pending)
            report.events += sum(n for _, _, _, n in pending)
            report.triples += sum(written)
        pending.clear()

    for item in articles:
        if isinstance(item, BadInput):
            report.failures.append(item)
        else:
            graph = article_graph(item.key)
            if store.has_graph(graph) or any(g == graph for _, g, _, _ in pending):
                report.skipped += 1
            else:
                started = datetime.now(UTC)
                try:
                    check_codable(item)
                    events = coder.code(item)
                    triples = _article_triples(item, events, started)
                except DiplokgError as exc:
                    report.failures.append(BadInput(item.source or item.key, str(exc)))
                else:
                    pending.append((item, graph, triples, len(events)))
                    if len(pending) >= batch_size:
                        commit()
        if progress:
            progress(report, item)
    commit()
    store.flush()
    report.seconds = time.perf_counter() - t0
    return report


def ingest(inputs: Iterable[str], store: EventStore, **kwargs) -> IngestReport:
    """Read paths, directories, ``-`` or URLs and ingest every article found."""
    from diplokg.ingest.readers import read_inputs

    return ingest_articles(read_inputs(inputs), store, **kwargs)
