"""Removing an import from the embedded store, whose events and articles are in the default graph
(``ingest/imports.py``): each event linked to the import graph by ``dk:importFile``, then each article those events
derived from that no event derives from any more, then the import graph itself (its description, actors, places,
relations and tallies). An event that another import also lists (the same event id in two files) keeps its
triples and loses only this link.

>>> import pyoxigraph as ox
>>> store, g = ox.Store(), ox.NamedNode("https://example.org/import")
>>> link, derived = ox.NamedNode(IMPORT_FILE), ox.NamedNode(DERIVED_FROM)
>>> e, a = ox.NamedNode("https://example.org/e"), ox.NamedNode("https://example.org/a")
>>> store.extend([ox.Quad(e, link, g), ox.Quad(e, derived, a), ox.Quad(a, ox.NamedNode("https://example.org/p"), e),
...               ox.Quad(g, link, g, g)])
>>> remove_import(store, g), len(store)
(1, 0)
"""

from __future__ import annotations

from itertools import islice

import pyoxigraph as ox

__all__ = ["DERIVED_FROM", "IMPORT_FILE", "remove_import"]

IMPORT_FILE = "https://w3id.org/diplokg/vocab#importFile"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
_CHUNK = 10_000


def remove_import(store: ox.Store, graph: ox.NamedNode) -> int:
    """Remove the import ``graph`` from ``store`` (see the module); the number of events removed."""
    link, derived, default = ox.NamedNode(IMPORT_FILE), ox.NamedNode(DERIVED_FROM), ox.DefaultGraph()
    events = iter([q.subject for q in store.quads_for_pattern(None, link, graph, default)])
    removed = 0
    while chunk := list(islice(events, _CHUNK)):
        doomed, articles = [], set()
        for event in chunk:
            if any(q.object != graph for q in store.quads_for_pattern(event, link, None, default)):
                doomed.append(ox.Quad(event, link, graph, default))  # another import lists it too
                continue
            removed += 1
            for quad in store.quads_for_pattern(event, None, None, default):
                doomed.append(quad)
                if quad.predicate == derived and quad.object != graph:
                    articles.add(quad.object)
        _remove(store, doomed)
        _remove(store, [quad for article in articles
                        if next(store.quads_for_pattern(None, derived, article, None), None) is None
                        for quad in store.quads_for_pattern(article, None, None, default)])
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    return removed


def _remove(store: ox.Store, quads: list[ox.Quad]) -> None:
    """Remove quads of the default graph, a SPARQL ``DELETE DATA`` a few thousand at a time."""
    for start in range(0, len(quads), 5_000):
        body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads[start:start + 5_000])
        store.update(f"DELETE DATA {{ {body} }}")
