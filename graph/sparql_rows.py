"""What every query module shares: the SPARQL prefixes, literals and IRI lists, and actors read back as the
dicts of the JSON contract (code, label, kind, country)."""

from __future__ import annotations

from urllib.parse import unquote

import pyoxigraph as ox
from diplokg.graph.store import EventStore

__all__ = ["MODALITY_NAMES", "PREFIXES"]

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
