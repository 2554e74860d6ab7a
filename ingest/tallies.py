"""The dyad tallies of an import: for each represented source and target, its events counted by CAMEO code, the
first and last date, the Goldstein sum and the events scored, written into the import graph as ``dk:DyadTally``
nodes. The dyad network then reads a few tallies per import instead of counting every imported event
(``dyad_rows`` in ``graph/network_rows.py``). Memory: the dyads, not the events.

>>> tallies = DyadTallies()
>>> tallies.add(("CHN", "SYR"), "057", "2023-09-22", 8.0)
>>> tallies.add(("CHN", "SYR"), "040", None, None)
>>> [line.split(" ", 2)[2] for line in tallies.lines("<https://example.org/i>") if "tallyCodes" in line]
['"040:1 057:1" .']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from diplokg.graph.model import actor_iri
from diplokg.graph.namespace import DK
from diplokg.ingest.ntriples import DATE, DECIMAL, INTEGER, iri, lit, typed
from rdflib import RDF

__all__ = ["DyadTallies"]

_TERMS = {name: iri(term) for name, term in {
    "type": RDF.type, "DyadTally": DK.DyadTally, "tallySource": DK.tallySource, "tallyTarget": DK.tallyTarget,
    "tallyEvents": DK.tallyEvents, "tallyCodes": DK.tallyCodes, "tallyFirst": DK.tallyFirst,
    "tallyLast": DK.tallyLast, "tallyGoldstein": DK.tallyGoldstein, "tallyScored": DK.tallyScored,
}.items()}


class _Tally:
    """One dyad's events in one import: how many, of which codes, first and last date, Goldstein sum."""

    __slots__ = ("codes", "events", "first", "gsum", "last", "scored")

    def __init__(self):
        self.events, self.codes, self.first, self.last, self.gsum, self.scored = 0, Counter(), None, None, 0.0, 0

    def add(self, code: str, day: str | None, goldstein: float | None) -> None:
        self.events += 1
        self.codes[code] += 1
        if day:
            self.first = day if self.first is None or day < self.first else self.first
            self.last = day if self.last is None or day > self.last else self.last
        if goldstein is not None:
            self.gsum += goldstein
            self.scored += 1


class DyadTallies:
    """The tallies of one import's dyads, by (represented source, represented target)."""

    def __init__(self):
        self.tallies: dict[tuple[str, str], _Tally] = {}

    def add(self, dyad: tuple[str, str], code: str, day: str | None, goldstein: float | None) -> None:
        tally = self.tallies.get(dyad)
        if tally is None:
            tally = self.tallies[dyad] = _Tally()
        tally.add(code, day, goldstein)

    def lines(self, import_node: str) -> Iterator[str]:
        """The tallies as N-Triples: ``dk:DyadTally`` nodes ``<import>#dyad-N`` (``import_node``: ``<IRI>``)."""
        t = _TERMS
        for n, ((u, v), tally) in enumerate(sorted(self.tallies.items())):
            node = iri(f"{import_node[1:-1]}#dyad-{n}")
            codes = " ".join(f"{code}:{count}" for code, count in sorted(tally.codes.items()))
            yield f"{node} {t['type']} {t['DyadTally']} ."
            yield f"{node} {t['tallySource']} {iri(actor_iri(u))} ."
            yield f"{node} {t['tallyTarget']} {iri(actor_iri(v))} ."
            yield f"{node} {t['tallyEvents']} {typed(tally.events, INTEGER)} ."
            yield f"{node} {t['tallyCodes']} {lit(codes)} ."
            if tally.first:
                yield f"{node} {t['tallyFirst']} {typed(tally.first, DATE)} ."
                yield f"{node} {t['tallyLast']} {typed(tally.last, DATE)} ."
            yield f"{node} {t['tallyGoldstein']} {typed(repr(tally.gsum), DECIMAL)} ."
            yield f"{node} {t['tallyScored']} {typed(tally.scored, INTEGER)} ."
