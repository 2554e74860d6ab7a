"""The dyad tallies of an import: for each represented source and target, its events counted by CAMEO code, the
first and last date, the Goldstein sum and the events scored, and its first page (the ``PAGE_KEYS`` first events
in the order of ``/events``: date, then IRI), written into the import graph as ``dk:DyadTally`` nodes. The dyad
network then reads a few tallies per import instead of counting every imported event (``dyad_rows`` in
``graph/network_rows.py``), and finds a dyad's or an actor's first page of events in them instead of sorting their
events. A tally lives in the graph of the events it counts: dropping or replacing the import drops or replaces it.
Memory: the dyads (and ``PAGE_KEYS`` keys each), not the events.

>>> tallies = DyadTallies()
>>> tallies.add(("CHN", "SYR"), "057", "2023-09-22", 8.0, key="2023-09-22|gdelt-9")
>>> tallies.add(("CHN", "SYR"), "040", "2023-09-20", None, key="2023-09-20|gdelt-7")
>>> [line.split(" ", 2)[2] for line in tallies.lines("<https://example.org/i>") if "tallyCodes" in line]
['"040:1 057:1" .']
>>> [line.split(" ", 2)[2] for line in tallies.lines("<https://example.org/i>") if "tallyPage" in line]
['"2023-09-20|gdelt-7 2023-09-22|gdelt-9" .']
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterator

from diplokg.graph.model import actor_iri
from diplokg.graph.namespace import DK
from diplokg.ingest.ntriples import DATE, DECIMAL, INTEGER, iri, lit, typed
from rdflib import RDF

__all__ = ["PAGE_KEYS", "DyadTallies"]

#: The first events of each dyad a tally keeps (``date|local id`` of the event IRI, in ``/events`` order): a first
#: page of up to ``PAGE_KEYS - 1`` events (the default page is 100) and the key that says a next page exists.
PAGE_KEYS = 101

_TERMS = {name: iri(term) for name, term in {
    "type": RDF.type, "DyadTally": DK.DyadTally, "tallySource": DK.tallySource, "tallyTarget": DK.tallyTarget,
    "tallyEvents": DK.tallyEvents, "tallyCodes": DK.tallyCodes, "tallyFirst": DK.tallyFirst,
    "tallyLast": DK.tallyLast, "tallyGoldstein": DK.tallyGoldstein, "tallyScored": DK.tallyScored,
    "tallyPage": DK.tallyPage,
}.items()}


class _Tally:
    """One dyad's events in one import: how many, of which codes, first and last date, Goldstein sum, and the keys
    of its first ``PAGE_KEYS`` events (None once an event without a key came: the page is then unknown)."""

    __slots__ = ("codes", "events", "first", "gsum", "last", "page", "scored")

    def __init__(self):
        self.events, self.first, self.last, self.gsum, self.scored = 0, None, None, 0.0, 0
        self.codes: dict[str, int] = {}
        self.page: list[str] | None = []


class DyadTallies:
    """The tallies of one import's dyads, by (represented source, represented target)."""

    def __init__(self):
        self.tallies: dict[tuple[str, str], _Tally] = {}

    def add(self, dyad: tuple[str, str], code: str, day: str | None, goldstein: float | None,
            key: str | None = None) -> None:
        """Count one event; ``key``: its ``date|local id`` (``9999|…`` undated), its place in ``/events`` order."""
        tally = self.tallies.get(dyad)
        if tally is None:
            tally = self.tallies[dyad] = _Tally()
        page = tally.page  # (one method for the event, not two: it runs for every imported event)
        if key is None:
            tally.page = None
        elif page is not None and (len(page) < PAGE_KEYS or key < page[-1]):
            insort(page, key)  # (the smallest keys, sorted: an event past the page costs one comparison)
            if len(page) > PAGE_KEYS:
                page.pop()
        tally.events += 1
        codes = tally.codes
        codes[code] = codes.get(code, 0) + 1
        if day:
            if tally.first is None or day < tally.first:
                tally.first = day
            if tally.last is None or day > tally.last:
                tally.last = day
        if goldstein is not None:
            tally.gsum += goldstein
            tally.scored += 1

    def lines(self, import_node: str, end: str = " .") -> Iterator[str]:
        """The tallies as N-Triples: ``dk:DyadTally`` nodes ``<import>#dyad-N`` (``import_node``: ``<IRI>``); with
        ``end`` `` <graph> .`` N-Quads in that graph."""
        t = _TERMS
        for n, ((u, v), tally) in enumerate(sorted(self.tallies.items())):
            node = iri(f"{import_node[1:-1]}#dyad-{n}")
            codes = " ".join(f"{code}:{count}" for code, count in sorted(tally.codes.items()))
            yield f"{node} {t['type']} {t['DyadTally']}{end}"
            yield f"{node} {t['tallySource']} {iri(actor_iri(u))}{end}"
            yield f"{node} {t['tallyTarget']} {iri(actor_iri(v))}{end}"
            yield f"{node} {t['tallyEvents']} {typed(tally.events, INTEGER)}{end}"
            yield f"{node} {t['tallyCodes']} {lit(codes)}{end}"
            if tally.first:
                yield f"{node} {t['tallyFirst']} {typed(tally.first, DATE)}{end}"
                yield f"{node} {t['tallyLast']} {typed(tally.last, DATE)}{end}"
            yield f"{node} {t['tallyGoldstein']} {typed(repr(tally.gsum), DECIMAL)}{end}"
            yield f"{node} {t['tallyScored']} {typed(tally.scored, INTEGER)}{end}"
            if tally.page is not None:
                yield f"{node} {t['tallyPage']} {lit(' '.join(tally.page))}{end}"
