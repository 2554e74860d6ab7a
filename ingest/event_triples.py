"""Imported events as N-Triples lines for the bulk loader, made row by row: each event's triples, and each actor,
place, article and relation described once (a bounded memory of what was written: forgetting only costs a
repeated line, never a wrong one), the dyads of the events tallied on the way (``ingest/tallies.py``).

Events land in the same model as coded articles (``graph/model.py``) less what a query derives, which is not
stored (a third of the triples, and of the loader's work): the CAMEO root, base code, QuadClass, Goldstein value
and PLOVER type are functions of the code (the reference graph's concept ``cameo:CODE`` holds them), and
``rdf:type sem:Event`` and ``dk:confidence`` are the same for every imported event (``IMPORTED_CONFIDENCE``). A
value a file gives that differs from what its code says (a GDELT row's own QuadClass or Goldstein value) is
stored, and read first. In the default graph (the embedded store: ``default_graph``) an event's ``dk:modality``
(always ``dk:Asserted`` for an import) and its article's ``rdf:type`` and ``schema:identifier`` (the local name of
its IRI, ``url-`` and a SHA-1 of its URL) are not stored either: an event of the default graph is an import's, so
asserted, and the queries say so (``MODALITY`` in ``graph/sparql_rows.py``), and an article there is known by its
``schema:url`` and named by its IRI (``ARTICLES``). Written into a named graph (a SPARQL endpoint's imports) they
stay, as in a coded article's graph."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from hashlib import sha1

from diplokg.graph.model import (
    IMPORTED_CONFIDENCE,
    actor_iri,
    codebook,
    plover_type,
    quad_class,
    relation_for,
)
from diplokg.graph.namespace import BASE, DK, GEO, PROV, SCHEMA, SEM, WD
from diplokg.ingest.import_rows import ImportedActor, ImportedEvent
from diplokg.ingest.ntriples import ANY_URI, DATE, DECIMAL, INTEGER, iri, lit, typed
from diplokg.ingest.tallies import DyadTallies
from rdflib import OWL, RDF, RDFS

__all__ = ["IMPORTED_CONFIDENCE", "TERMS", "EventWriter"]

TERMS = {name: iri(term) for name, term in {
    "type": RDF.type, "label": RDFS.label, "sameAs": OWL.sameAs, "Event": SEM.Event, "Actor": SEM.Actor,
    "source": DK.source, "target": DK.target, "code": DK.cameoCode, "base": DK.cameoBaseCode, "root": DK.cameoRoot,
    "quad": DK.quadClass, "goldstein": DK.goldstein, "date": DK.date, "modality": DK.modality,
    "Asserted": DK.Asserted, "confidence": DK.confidence, "derived": PROV.wasDerivedFrom,
    "mentions": DK.numMentions, "sources": DK.numSources, "articles": DK.numArticles, "place": DK.place,
    "Place": DK.Place, "lat": GEO.lat, "long": GEO.long, "countryCode": DK.countryCode, "feature": DK.featureId,
    "Article": SCHEMA.NewsArticle, "identifier": SCHEMA.identifier, "url": SCHEMA.url, "plover": DK.ploverType,
    "mode": DK.ploverMode, "actorCode": DK.code, "kind": DK.kind, "country": DK.country,
    "schemaSameAs": SCHEMA.sameAs, "importFile": DK.importFile,
}.items()}


class _Seen:
    """A bounded set: what was written recently need not be written again (a store holds each triple once
    anyway, so forgetting only costs a repeated line, never a wrong one). Two generations of ``size // 2`` keys:
    a key seen again in the older one moves to the newer, and when the newer is full the older is forgotten; so
    the last ``size // 2`` keys are always remembered and the memory holds at most ``size`` (set lookups: two
    thirds of the time of an ordered dict's, for an import's ~5 lookups an event)."""

    def __init__(self, size: int = 400_000):
        self.half, self.new, self.old = max(1, size // 2), set(), set()

    def add(self, key) -> bool:
        """True when ``key`` was not seen (and remembers it)."""
        new = self.new
        if key in new:
            return False
        seen = key in self.old
        new.add(key)
        if len(new) >= self.half:
            self.old, self.new = new, set()
        return not seen


class EventWriter:
    """Turns events into N-Triples lines, describing each actor, place, article and relation once, and counts
    each dyad's events (:meth:`tally_lines`): the dyad network is then read from a few tallies, not counted
    over every imported event (``dyad_rows`` in ``graph/network_rows.py``). Memory: the dyads, not the events."""

    def __init__(self, known_actors: Mapping[str, str], import_node: str, import_key: str, *,
                 default_graph: bool = False):
        self.known = known_actors  # code -> the code it represents (a person's state, else itself)
        self.import_node, self.import_key = import_node, import_key
        # default_graph: N-Quads, each event and its article in the default graph (three indexes, not six) with a
        # dk:importFile link to the import graph, the rest (actors, places, relations, tallies) in that graph
        self.end = f" {import_node} ." if default_graph else " ."
        self.link = f" {TERMS['importFile']} {import_node} ." if default_graph else None
        # what the default graph implies (see the module's text): an event's modality, an article's type and name
        self.default_graph = default_graph
        self.seen = _Seen()
        self.tallies = DyadTallies()

    def represented(self, actor: ImportedActor) -> str:
        known = self.known.get(actor.code)
        return known if known is not None else (actor.country or actor.code)

    def tally_lines(self) -> Iterator[str]:
        """The dyad tallies of the events written so far: ``dk:DyadTally`` nodes in the import graph."""
        return self.tallies.lines(self.import_node, self.end)

    def actor(self, actor: ImportedActor, *, check: bool = True) -> Iterator[str]:
        """An actor's description, in the import graph, unless known or seen (``check``: whether to ask)."""
        node = _actor_node(actor.code)
        if check and (actor.code in self.known or not self.seen.add(("a", actor.code))):
            return
        t, end = TERMS, self.end
        yield f"{node} {t['type']} {t['Actor']}{end}"
        yield f"{node} {t['actorCode']} {lit(actor.code)}{end}"
        yield f"{node} {t['label']} {lit(actor.name or actor.code)}@en{end}"
        is_state = actor.country == actor.code and len(actor.code) == 3
        yield f"{node} {t['kind']} {lit('state' if is_state else 'imported')}{end}"
        if actor.country and actor.country != actor.code:
            yield f"{node} {t['country']} {_actor_node(actor.country)}{end}"
        if actor.qid:
            yield f"{node} {t['sameAs']} {iri(WD[actor.qid])}{end}"
        if actor.wikipedia:
            yield f"{node} {t['schemaSameAs']} {lit(actor.wikipedia)}{end}"

    def lines(self, ev: ImportedEvent) -> list[str]:
        """The event's lines (:meth:`text`, one a line)."""
        return self.text(ev).split("\n")

    def text(self, ev: ImportedEvent) -> str:
        """The event's N-Triples (N-Quads) lines as one string, joined by newlines: the event, its actors, article,
        place and relation the first time each is seen. One string an event, made by a few f-strings of
        precomputed terms: the Python side of an import is this, row by row (``docs/deploy.md``, "Where the
        import time goes")."""
        t, end, seen, known = TERMS, self.end, self.seen.add, self.known
        node = f"<{BASE}id/event/{ev.id}>"
        source, target = ev.source, ev.target
        src_code, tgt_code = source.code, target.code
        src, tgt = _actor_node(src_code), _actor_node(tgt_code)
        out = [node + self.link] if self.link else []  # first: what removes an import finds its events by it
        src_known, tgt_known = known.get(src_code), known.get(tgt_code)
        if src_known is None and seen(("a", src_code)):
            out.extend(self.actor(source, check=False))
        if tgt_known is None and seen(("a", tgt_code)):
            out.extend(self.actor(target, check=False))
        url = ev.url
        if url:
            key = "url-" + sha1(url.encode()).hexdigest()[:24]
            article = f"<{BASE}id/article/{key}>"  # (article_iri(key): the key needs no escaping)
            if seen(("u", key)):
                if self.default_graph:
                    out.append(f"{article} {_P_URL}{typed(lit(url)[1:-1], ANY_URI)} .")
                else:
                    out.append(f"{article} {_P_TYPE_ARTICLE} .\n{article} {_P_IDENTIFIER}{lit(key)} .\n"
                               f"{article} {_P_URL}{typed(lit(url)[1:-1], ANY_URI)} .")
        else:
            article = self.import_node
        code = ev.code
        root, base, quad, goldstein, plover, code_lit, relation, symmetric = _derived(code)
        out.append(f"{node} {_P_SOURCE}{src} .\n{node} {_P_TARGET}{tgt} .\n{node} {_P_CODE}{code_lit} .")
        # what the code gives is not stored; what the file says otherwise is
        if ev.root and ev.root != root:
            out.append(f"{node} {t['root']} {_short_lit(ev.root)} .")
        if ev.base and ev.base != base:
            out.append(f"{node} {t['base']} {_short_lit(ev.base)} .")
        if ev.quad is not None and ev.quad != quad:
            out.append(f"{node} {t['quad']} {typed(ev.quad, INTEGER)} .")
        if ev.goldstein is not None and float(ev.goldstein) != goldstein:
            goldstein = float(ev.goldstein)
            out.append(f"{node} {t['goldstein']} {typed(repr(goldstein), DECIMAL)} .")
        day = ev.date
        self.tallies.add((src_known if src_known is not None else (source.country or src_code),  # (represented)
                          tgt_known if tgt_known is not None else (target.country or tgt_code)),
                         code, day, goldstein, f"{day or '9999'}|{ev.id}")  # (its key in /events order: date, IRI)
        if self.default_graph:
            out.append(f'{node} {_P_DATE}"{day}"^^<{DATE}> .\n{node} {_P_DERIVED}{article} .')
        else:
            out.append(f'{node} {_P_DATE}"{day}"^^<{DATE}> .\n{node} {_P_ASSERTED} .\n{node} {_P_DERIVED}{article} .')
        if ev.num_mentions is not None:
            out.append(f'{node} {_P_MENTIONS}"{ev.num_mentions}"^^<{INTEGER}> .')
        if ev.num_sources is not None:
            out.append(f'{node} {_P_SOURCES}"{ev.num_sources}"^^<{INTEGER}> .')
        if ev.num_articles is not None:
            out.append(f'{node} {_P_ARTICLES}"{ev.num_articles}"^^<{INTEGER}> .')
        if ev.plover and ev.plover != plover:
            out.append(f"{node} {t['plover']} {_short_lit(ev.plover)} .")
        if ev.mode:
            out.append(f"{node} {t['mode']} {_short_lit(ev.mode)} .")
        place = ev.place
        if place is not None:
            place_node = _place_node(place.key)
            out.append(f"{node} {_P_PLACE}{place_node} .")
            if seen(("p", place.key)):
                out.extend(self.place(place, place_node))
        if seen(("r", src, relation, tgt)):
            out.append(f"{src} {relation} {tgt}{end}")
            if symmetric:
                out.append(f"{tgt} {relation} {src}{end}")
        return "\n".join(out)

    def place(self, place, node: str) -> Iterator[str]:
        """A place's description, in the import graph."""
        t, end = TERMS, self.end
        yield f"{node} {t['type']} {t['Place']}{end}"
        if place.name:
            yield f"{node} {t['label']} {lit(place.name)}{end}"
        if place.lat is not None and place.lon is not None:
            yield f"{node} {t['lat']} {typed(repr(place.lat), DECIMAL)}{end}"
            yield f"{node} {t['long']} {typed(repr(place.lon), DECIMAL)}{end}"
        if place.country:
            yield f"{node} {t['countryCode']} {lit(place.country)}{end}"
        if place.feature:
            yield f"{node} {t['feature']} {lit(place.feature)}{end}"


# the terms of an event's usual lines, each with the space after it
_P_SOURCE, _P_TARGET, _P_CODE, _P_DATE, _P_DERIVED, _P_MENTIONS, _P_SOURCES, _P_ARTICLES, _P_PLACE = (
    TERMS[name] + " " for name in ("source", "target", "code", "date", "derived", "mentions", "sources", "articles",
                                   "place"))
_P_ASSERTED = f"{TERMS['modality']} {TERMS['Asserted']}"
_P_TYPE_ARTICLE = f"{TERMS['type']} {TERMS['Article']}"
_P_IDENTIFIER, _P_URL = TERMS["identifier"] + " ", TERMS["url"] + " "


@lru_cache(maxsize=4096)
def _derived(code: str) -> tuple[str, str, int, float, str | None, str, str, bool]:
    """What a CAMEO code says of its event: root, base code (its first three digits, as GDELT's EventBaseCode),
    QuadClass, Goldstein value and PLOVER type; and for its lines, the code as a literal and its relation (the
    property, as a term, and whether it is symmetric).

    >>> _derived("0874")[:5]
    ('08', '087', 2, 10.0, 'RETREAT')
    """
    prop, symmetric = _relation(code)
    return (code[:2], code[:3], quad_class(code), codebook()[code].goldstein, plover_type(code), _short_lit(code),
            prop, symmetric)


@lru_cache(maxsize=4096)
def _short_lit(value: str) -> str:
    """A literal of few values (codes, types, modes), made once."""
    return lit(value)


@lru_cache(maxsize=4096)
def _relation(code: str) -> tuple[str, bool]:
    prop, symmetric = relation_for(code)
    return iri(prop), symmetric


@lru_cache(maxsize=65_536)
def _actor_node(code: str) -> str:
    return iri(actor_iri(code))


@lru_cache(maxsize=65_536)
def _place_node(key: str) -> str:
    return iri(f"{BASE}id/place/{re.sub(r'[^A-Za-z0-9_.,-]', '_', key)}")
