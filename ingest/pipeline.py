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
import multiprocessing
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

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
from diplokg.ingest.article import Article, check_article
from diplokg.ingest.gazetteer import load_facts, load_gazetteer
from rdflib import URIRef

if TYPE_CHECKING:  # (the coder loads spaCy: only what codes articles imports it)
    from diplokg.ingest.coder import Coder

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
    ("diplokg.graph", "plover.csv"),  # (the concepts' PLOVER types)
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
    store.replace_graph(REFERENCE_GRAPH, _reference_graph(wanted))
    return True


@cache
def _reference_graph(wanted: str) -> tuple[tuple, ...]:
    """The reference graph's triples, made once per process (every new store needs them)."""
    from rdflib import Literal

    triples = list(reference_triples(load_gazetteer().actors.values(), load_facts()))
    triples.append((REFERENCE_GRAPH, DK.contentHash, Literal(wanted)))
    return tuple(triples)


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


_WORKER_CODER: Coder | None = None


def _start_worker() -> None:
    global _WORKER_CODER
    from diplokg.ingest.coder import Coder

    _WORKER_CODER = Coder()


def _code(article: Article, coder: Coder | None = None) -> tuple[list[tuple] | None, int, str | None]:
    """Code one article into the triples of its graph: (triples, events, None), or (None, 0, why) when it fails."""
    started = datetime.now(UTC)
    try:
        check_codable(article)
        events = (coder or _WORKER_CODER).code(article)
        return _article_triples(article, events, started), len(events), None
    except DiplokgError as exc:
        return None, 0, str(exc)


def _code_in_worker(article: Article) -> tuple[bytes | None, int, str | None]:
    """:func:`_code` in a worker process, the triples sent back as Turtle text: one string pickles and parses
    (in Rust) far faster than thousands of rdflib terms."""
    triples, n_events, error = _code(article)
    if triples is None:
        return None, n_events, error
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples).encode("utf-8"), n_events, error


def _coded(items: Iterable, coder: Coder, workers: int) -> Iterator[tuple[object, tuple | None]]:
    """Each item with its coding result, in input order; with ``workers`` > 1 articles are coded in that many
    processes, at most a few per worker in flight (memory stays flat however long the input)."""
    if workers <= 1:
        for item in items:
            yield item, (_code(item, coder) if isinstance(item, Article) else None)
        return
    window: deque = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                             mp_context=multiprocessing.get_context("spawn")) as pool:  # no fork of the store
        for item in items:
            window.append((item, pool.submit(_code_in_worker, item) if isinstance(item, Article) else None))
            while len(window) > workers * 4:
                done, future = window.popleft()
                yield done, future.result() if future is not None else None
        while window:
            done, future = window.popleft()
            yield done, future.result() if future is not None else None


def ingest_articles(articles: Iterable[Article | BadInput], store: EventStore, *, coder: Coder | None = None,
                    progress: Callable[[IngestReport, Article | BadInput], None] | None = None,
                    batch_size: int = 32, workers: int = 1) -> IngestReport:
    """Code and store articles; a BadInput in the stream is recorded and skipped, the rest lands. So is an
    article that fails :func:`~diplokg.ingest.article.check_article` (an id off the rule, a lone surrogate).

    Each article is one named graph; up to ``batch_size`` coded articles are written in one transaction, so
    an article is in the store whole or not at all, and a crash loses at most the batch being written
    (re-running the same input completes it; stored articles are skipped). With ``workers`` > 1 the coding
    runs in that many processes while this one writes.
    """
    if coder is None and workers <= 1:
        from diplokg.ingest.coder import Coder

        coder = Coder()
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

    seen: set[URIRef] = set()

    def fresh(items):  # what is already stored (or twice in the input) is not coded again
        for item in items:
            if isinstance(item, Article):
                try:  # the readers checked theirs; this is for articles a caller built (its key needs it too)
                    check_article(item)
                except BadInput as exc:
                    yield exc
                    continue
                graph = article_graph(item.key)
                if graph in seen or store.has_graph(graph):
                    report.skipped += 1
                    yield _Skipped(item)
                    continue
                seen.add(graph)
            yield item

    for item, result in _coded(fresh(articles), coder, workers):
        if isinstance(item, BadInput):
            report.failures.append(item)
        elif isinstance(item, Article):
            triples, n_events, error = result
            if error is not None:
                report.failures.append(BadInput(item.source or item.key, error))
            else:
                pending.append((item, article_graph(item.key), triples, n_events))
                if len(pending) >= batch_size:
                    commit()
        if progress:
            progress(report, item.article if isinstance(item, _Skipped) else item)
    commit()
    store.flush()
    report.seconds = time.perf_counter() - t0
    return report


@dataclass(frozen=True)
class _Skipped:
    article: Article


def ingest(inputs: Iterable[str], store: EventStore, **kwargs) -> IngestReport:
    """Read paths, directories, ``-`` or URLs and ingest every article found."""
    from diplokg.ingest.readers import read_inputs

    return ingest_articles(read_inputs(inputs), store, **kwargs)
