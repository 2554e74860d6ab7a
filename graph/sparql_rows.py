"""What every query module shares: the SPARQL prefixes, literals and IRI lists, and actors read back as the
dicts of the JSON contract (code, label, kind, country)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote

import pyoxigraph as ox
from diplokg.graph.namespace import BASE
from diplokg.graph.store import EventStore

__all__ = ["ARTICLES", "ARTICLE_ID", "ARTICLE_NODES", "EVENTS", "IMPORTED_ARTICLES", "MODALITY", "MODALITY_NAMES",
           "PREFIXES", "article_nodes", "event_layout", "events_of", "over", "per_report"]

PREFIXES = """PREFIX dk: <https://w3id.org/diplokg/vocab#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

MODALITY_NAMES = {"Asserted": "asserted", "Future": "future", "Negated": "negated"}

#: An event's modality, as the queries read it within one report (``per_report``). An event an import wrote into
#: the default graph stores none (``ingest/event_triples.py``): it is asserted, and the default graph's branch of
#: ``per_report`` says so in its place (``_IMPLIED_MODALITY``). Imports stored before kept ``dk:Asserted`` there: the
#: same value.
MODALITY = "?e dk:modality ?mod ."
_IMPLIED_MODALITY = "VALUES ?mod { dk:Asserted }"

#: Every event, bound to ``?x``, over the union of graphs: those with a modality (coded events, and imports in named
#: graphs or stored before) and those an import linked to its graph (``dk:importFile``, no modality stored).
EVENTS = "{ ?x dk:modality ?m_ } UNION { ?x dk:importFile ?f_ }"

_ARTICLE_BASE = BASE + "id/article/"
# an import's article: its IRI ends in url- and 24 hex digits (ingest/event_triples.py), and it has a schema:url
_IMPORTED_ARTICLE = f'?a schema:url ?url_ FILTER(REGEX(STR(?a), "^{_ARTICLE_BASE}url-[0-9a-f]{{24}}$"))'
#: Every article ``?a``, over the union of graphs: a coded article (and an import's article stored before, or in
#: a named graph) is a ``schema:NewsArticle``; an article an import wrote into the default graph stores no type,
#: only its ``schema:url`` (``ingest/event_triples.py``). An article may match both branches: count it DISTINCT.
ARTICLE_NODES = f"{{ ?a a schema:NewsArticle }} UNION {{ {_IMPORTED_ARTICLE} }}"
#: Every article ``?a`` with its id ``?id``: its ``schema:identifier``, or (an import's article in the default
#: graph, which stores none) its IRI's local name, ``url-`` and the first 24 hex digits of a SHA-1 of its URL, which
#: is what its identifier was. An article stored with its identifier matches both branches with the same ``?id``:
#: read it DISTINCT or grouped.
IMPORTED_ARTICLES = f'{_IMPORTED_ARTICLE} BIND(STRAFTER(STR(?a), "{_ARTICLE_BASE}") AS ?id)'
ARTICLES = f"{{ ?a a schema:NewsArticle ; schema:identifier ?id }} UNION {{ {IMPORTED_ARTICLES} }}"


#: An event's article ``?art`` named: ``?article``, its identifier, or (an import's article in the default graph,
#: which stores none) its IRI's local name.
ARTICLE_ID = (f'OPTIONAL {{ ?art schema:identifier ?id_ }} '
              f'BIND(COALESCE(?id_, STRAFTER(STR(?art), "{_ARTICLE_BASE}")) AS ?article)')


def article_nodes(ids) -> str:
    """``ARTICLES`` for the articles of these ids only (``?a`` and ``?id``): each looked up by its identifier, or
    (an import's article in the default graph) by its IRI."""
    from diplokg.graph.model import article_iri

    ids = list(ids)
    names = " ".join(_lit(i) for i in ids)
    pairs = " ".join(f"({_lit(i)} <{article_iri(i)}>)" for i in ids if i.startswith("url-"))
    named = f"{{ VALUES ?id {{ {names} }} ?a a schema:NewsArticle ; schema:identifier ?id }}"
    if not pairs:
        return named
    return (f"{named} UNION {{ VALUES (?id ?a) {{ {pairs} }} ?a schema:url ?url_ "
            "FILTER NOT EXISTS { ?a schema:identifier ?id_ } }")


def events_of(modalities) -> str:
    """``?e`` and its modality ``?mod`` (among these names: asserted, future, negated) for every event of the store,
    over the union of graphs: stored modalities, and the import's events that store none (asserted)."""
    names = {name: local for local, name in MODALITY_NAMES.items()}
    stored = "{ VALUES ?mod { " + " ".join(f"dk:{names[m]}" for m in modalities) + " } ?e dk:modality ?mod }"
    if "asserted" not in modalities:
        return stored
    return f"{stored} UNION {{ ?e dk:importFile ?f_ {_IMPLIED_MODALITY} }}"


def event_layout(store: EventStore) -> str:
    """Where the store's events are: ``named`` (each in the named graphs of the articles or imports that describe
    it: a SPARQL endpoint's store, and an embedded one whose imports predate the default graph), ``default`` (only
    imported events, in the default graph: ``ingest/imports.py``) or ``both``. Two ASKs, each answered by the
    first match in an index (embedded store only: a remote store's imports keep a named graph each), remembered
    by the store until it is written to (the second takes 0.15-0.2 s at 1M events: ``GRAPH ?g`` scans the default
    graph's events too)."""
    if not getattr(store, "imports_to_default_graph", False):
        return "named"
    known = getattr(store, "event_layout", None)
    if known is not None:
        return known
    if not bool(store.query(PREFIXES + "ASK { ?e dk:importFile ?g }")):
        layout = "named"
    else:
        layout = "both" if bool(store.query(PREFIXES + "ASK { GRAPH ?g { ?e dk:modality ?m } }")) else "default"
    store.event_layout = layout
    return layout


def over(layout: str) -> dict[str, bool]:
    """The arguments of ``store.select``/``store.query`` for a query of events only (and of their imported
    articles) on a store of this layout: with every event in the default graph, over that graph alone, so that each
    lookup reads its three indexes instead of the union's (those and the named graphs' six): 1.6 s instead of 2.6
    s for a busy actor's first page at 100,000 events, 0.11 s instead of 0.17 s for a dyad's."""
    return {"union": False} if layout == "default" else {}


def per_report(pattern: str | list[str], optional: Iterable[str] = (), *, anchor: str = "", then: str = "",
               g: str = "?g", layout: str = "both") -> str:
    """An event's triples read one report at a time: ``pattern`` (and each ``optional`` one) within one named graph
    ``g`` (an article's: an event several articles report is described in each of their graphs, and the union
    repeats its triples once per graph), or, for an event an import wrote into the default graph, its triples
    there with ``g`` its import graph (``dk:importFile``; ``ingest/imports.py``). ``anchor`` (the events a question
    pins: an actor's, a dyad's, a page's) opens each of the two branches, so each starts from those few events
    instead of joining every event with them afterwards (3-4x slower at 100,000 imported events); ``then`` (more
    patterns over the union of graphs, such as checks of an event's actors) closes each branch, for the same reason
    (after the union, Oxigraph would join it with all the store's events: 10 s instead of 0.1 s). With no anchor
    and ``pattern`` a list (of patterns), the default graph's branch reads each of them, the link and each optional
    one by its own sub-SELECT: Oxigraph then hash-joins index scans instead of looking each event up in both the
    default graph's and the named graphs' indexes (the union of graphs), 1.6-1.8 s instead of 3.7 s for the first
    page of all 85,000 events (2.2 s with them in named graphs); the price is the events held in the join.
    ``layout`` (:func:`event_layout`) leaves out the branch of a layout the store does not hold, and with it a
    second reading of the anchor (a busy actor's events: 0.4-0.5 s at 100,000 events). In the default graph's branch
    ``MODALITY`` is not read but stated: every event there is an import's, asserted (most store no modality).

    >>> print(per_report("?e dk:modality ?mod .", ["?e dk:date ?date"], anchor="VALUES ?e { <e> }"))
    { VALUES ?e { <e> } GRAPH ?g { ?e dk:modality ?mod . } OPTIONAL { GRAPH ?g { ?e dk:date ?date } } }
      UNION { VALUES ?e { <e> } ?e dk:importFile ?g . VALUES ?mod { dk:Asserted } OPTIONAL { ?e dk:date ?date } }
    >>> print(per_report(["?e dk:modality ?mod .", "?e dk:cameoCode ?code ."], layout="default"))
    { SELECT ?e ?g WHERE { ?e dk:importFile ?g } } { SELECT * WHERE { VALUES ?mod { dk:Asserted } } } { SELECT * WHERE { ?e dk:cameoCode ?code . } }
    """
    optional, patterns = list(optional), pattern if isinstance(pattern, list) else [pattern]
    joined = " ".join(patterns)
    named = " ".join([anchor, f"GRAPH {g} {{ {joined} }}", *(f"OPTIONAL {{ GRAPH {g} {{ {o} }} }}" for o in optional),
                      then]).strip()
    # the default graph's events are imports': asserted, whether or not their modality is stored (MODALITY)
    patterns = [p.replace(MODALITY, _IMPLIED_MODALITY) for p in patterns]
    joined = " ".join(patterns)
    if isinstance(pattern, list) and not anchor:
        default = " ".join([f"{{ SELECT ?e {g} WHERE {{ ?e dk:importFile {g} }} }}",
                            *(f"{{ SELECT * WHERE {{ {p} }} }}" for p in patterns),
                            *(f"OPTIONAL {{ SELECT * WHERE {{ {o} }} }}" for o in optional), then]).strip()
    else:
        default = " ".join([anchor, f"?e dk:importFile {g} .", joined, *(f"OPTIONAL {{ {o} }}" for o in optional),
                            then]).strip()
    if layout == "named":
        return named
    if layout == "default":
        return default
    return f"{{ {named} }}\n  UNION {{ {default} }}"


def _lit(value: str) -> str:
    r"""A SPARQL string literal for any text (quotes, backslashes, line breaks escaped), as pyoxigraph writes it.

    >>> print(_lit('a "b"\nc'))
    "a \"b\"\nc"
    """
    return str(ox.Literal(value))


def _iri_list(iris) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _actors(store: EventStore, iris=None) -> dict[str, dict]:
    """Code, label, kind and country of actors (all, or those IRIs)."""
    values = f"VALUES ?a {{ {_iri_list(iris)} }}" if iris is not None else ""
    if iris is not None and not iris:
        return {}
    rows = store.select(PREFIXES + f"""
        SELECT DISTINCT ?a ?code ?label ?kind ?c ?ccode WHERE {{ {values}
          GRAPH ?g {{ ?a dk:code ?code }} OPTIONAL {{ GRAPH ?g {{ ?a rdfs:label ?label }} }}
          OPTIONAL {{ GRAPH ?g {{ ?a dk:kind ?kind }} }}
          OPTIONAL {{ GRAPH ?g {{ ?a dk:country ?c }} OPTIONAL {{ GRAPH ?h {{ ?c dk:code ?ccode }} }} }}
        }}""")  # (an actor the gazetteer lacks is described in each article naming it: read one graph at a time)
    actors = {}
    for r in rows:
        kind = str(r["kind"]) if r["kind"] else None
        code = str(r["code"])
        if r["ccode"] is not None:
            country = str(r["ccode"])
        elif r["c"] is not None:  # a country the reference graph does not describe
            country = unquote(str(r["c"]).rsplit("/", 1)[-1])
        else:
            country = code if kind == "state" else None
        actors[str(r["a"])] = {"code": code, "label": str(r["label"]) if r["label"] else code, "kind": kind,
                               "country": country}
    return actors


def _undescribed(iri: str) -> dict:
    return {"code": unquote(iri.rsplit("/", 1)[-1]), "label": None, "kind": None, "country": None}
