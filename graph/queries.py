"""Read events, actors and figures back from the store with SPARQL, as plain dicts (the JSON contract).

The event dict is the contract of ``diplokg events --format json`` (``../shared/corpus/README.md``): ``article``,
``code``, ``quad``, ``date``, ``count``, ``source``/``target`` with ``code`` and ``country``, plus ``id``,
``label``, ``root``, ``goldstein``, ``date_precision``, ``modality``, ``confidence`` and ``evidence``.
"""

from __future__ import annotations

import base64
import bisect
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import date, timedelta

from diplokg.errors import BadInput
from diplokg.graph.engines import VALUES_LIMIT
from diplokg.graph.event_records import describe_events
from diplokg.graph.model import IMPORTED_CONFIDENCE, actor_iri, quad_class
from diplokg.graph.namespace import BASE
from diplokg.graph.sparql_rows import (  # noqa: F401
    IMPORTED_ARTICLES,
    MODALITY_NAMES,
    PREFIXES,
    _actors,
    _iri_list,
    _lit,
    _undescribed,
    article_nodes,
    event_layout,
    events_of,
    over,
    per_report,
)
from diplokg.graph.store import EventStore

__all__ = ["PREFIXES", "EventFilter", "Span", "graph_summary", "list_actors", "list_events", "select_events"]

CACHED_KEYS = 200_000  # event keys select_events may keep in a caller's cache, all filters together


@dataclass
class EventFilter:
    """What ``select_events`` keeps. Actor codes match the actor itself or anyone representing it (a state's
    president, ministers …); dates compare at the precision of each event's date."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    code: str | None = None
    root: str | None = None
    quad: int | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    about: str | None = None
    min_confidence: float | None = None
    ids: list[str] | None = None
    modalities: tuple[str, ...] = ("asserted",)


def _represented_by(store: EventStore, code: str) -> list[str]:
    """IRIs of the actor with this code and of every actor representing it."""
    iri = actor_iri(code)
    rows = store.select(PREFIXES + f"SELECT ?a WHERE {{ ?a dk:country <{iri}> }}")
    return [str(iri)] + [str(r["a"]) for r in rows]


_ANCHORED = (("actor", None), ("source", "dk:source"), ("target", "dk:target"), ("about", "dk:about"))


def _anchor_iris(store: EventStore, flt: EventFilter) -> dict[str, list[str]]:
    """For each of the filter's actor, source, target and concerned party: its IRI and those representing it."""
    return {name: _represented_by(store, getattr(flt, name)) for name, _ in _ANCHORED if getattr(flt, name)}


def _anchors(iris: dict[str, list[str]]) -> str:
    """Patterns that pick the events of an actor, source, target or concerned party (``_anchor_iris``) through
    the store's indexes, each its own sub-SELECT (VALUES first): Oxigraph then hash-joins their index scans, so
    the rest of the query only touches those events. (As one pattern, it looks each event of one side up on the
    other: a dyad of 1,428 events among 1,000,000 took 1.1 s that way, 0.1 s this way.)"""
    if "about" in iris and len(iris) > 1:  # few events concern a party (none imported): start there, check the rest
        values = f"VALUES ?x {{ {_iri_list(iris['about'])} }}"  # (0.3 s as a hash join with a busy source, 1 ms so)
        return f"{{ SELECT ?e WHERE {{ {values} ?e dk:about ?x }} }}\n" + _checks(
            {k: v for k, v in iris.items() if k != "about"})
    out = []
    for name, prop in _ANCHORED:
        if name not in iris:
            continue
        values = f"VALUES ?x {{ {_iri_list(iris[name])} }}"
        out.append(f"{{ {values} ?e dk:source ?x }} UNION {{ {values} ?e dk:target ?x }}" if prop is None
                   else f"{values} ?e {prop} ?x .")
    return "\n".join(f"{{ SELECT ?e WHERE {{ {pattern} }} }}" for pattern in out)


def _checks(iris: dict[str, list[str]]) -> str:
    """Patterns checking, event by event (``?e`` bound), that it has the filter's actors (``_anchor_iris``)."""
    checks = []
    for n, (name, prop) in enumerate(_ANCHORED):
        if name not in iris:
            continue
        listed = ", ".join(f"<{i}>" for i in iris[name])
        checks.append(f"?e dk:source ?ws ; dk:target ?wt . FILTER(?ws IN ({listed}) || ?wt IN ({listed}))"
                      if prop is None else f"?e {prop} ?w{n} . FILTER(?w{n} IN ({listed}))")
    return " ".join(checks)


@dataclass(frozen=True)
class Span:
    """What a caller knows of the events a filter's actors have (from the dyad network, say): how many, out of
    how many events in all, and the first and last day — a superset's span will do. With it
    :func:`select_events` may read a page by walking the days from the first, instead of sorting every event of
    the actor: at 1,000,000 events the first page of an actor with 180,000 takes 0.05 s, not 26 s."""

    events: int
    total: int
    first: str | None
    last: str | None

    def worth_walking(self, limit: int) -> bool:
        """Walking the days touches about ``limit × total / events`` events, the index ``events``: the cheaper."""
        return bool(self.first and self.last) and self.events * self.events > 2 * (limit + 1) * self.total


_XSD = "http://www.w3.org/2001/XMLSchema#"


def _days(start: date, end: date) -> str:
    """The date literals of the days [start, end) and, with the last day of a month or a year, its own literal
    (``2023-09``, ``2023``): in the sort key ``date|event`` those follow their last day."""
    out, day = [], start
    while day < end:
        out.append(f'"{day.isoformat()}"^^<{_XSD}date>')
        following = day + timedelta(days=1)
        if following.month != day.month:
            out.append(f'"{day.year:04d}-{day.month:02d}"^^<{_XSD}gYearMonth>')
            if following.year != day.year:
                out.append(f'"{day.year:04d}"^^<{_XSD}gYear>')
        day = following
    return " ".join(out)


#: The most days one window of :func:`_walk` reads: with a literal per month and year besides (a tenth more at
#: most) they stay within the values one ``VALUES`` variable may list on every engine (Virtuoso's limit).
WALK_DAYS = VALUES_LIMIT * 9 // 10


def _walk(store: EventStore, flt: EventFilter, iris: dict[str, list[str]], span: Span, needs: list[str],
          optional: list[str], limit: int, after: str | None) -> list[dict] | None:
    """The first ``limit + 1`` keys (after the cursor) found by reading the events of growing windows of days,
    from the span's first day (or the cursor's), each day's events through the date index and the filter's
    actors checked per event; None when the days run out first (undated events, a narrower filter: the caller
    sorts them all instead)."""
    try:
        start, last = date.fromisoformat(span.first), date.fromisoformat(span.last)
        if after:
            start = max(start, date.fromisoformat(decode_cursor(after).split("|", 1)[0]))
        if flt.since and len(flt.since) == 10:  # (a month or year bound sorts with its last day: start there)
            start = max(start, date.fromisoformat(flt.since))
    except (TypeError, ValueError):
        return None  # a month or year precision bound, an undated cursor: not a walk of days
    filters = _filters(store, flt) + ("\n" + _following(decode_cursor(after)) if after else "")
    keys: dict[str, object] = {}  # sort key -> event; the key made here, not by the engine (Virtuoso 7.2 gave a
    width = 1  # row another row's computed value: an event twice, another left out, see _following)
    layout = event_layout(store)
    while start <= last:
        end = min(start + timedelta(days=min(width, WALK_DAYS)), last + timedelta(days=1))
        before = len(keys)
        days = f"VALUES ?date {{ {_days(start, end)} }}"
        for r in store.select(PREFIXES + f"""
            SELECT DISTINCT ?e ?date WHERE {{
              {per_report(f"?e dk:date ?date . ?e dk:modality ?mod . {' '.join(needs)}", optional, anchor=days,
                          then=_checks(iris), layout=layout)}
              {filters}
            }}""", **_over(store, flt)):
            keys[f"{r['date']}|{r['e']}"] = r["e"]
        if len(keys) > limit:
            return [{"e": keys[sk], "sk": sk} for sk in sorted(keys)[:limit + 1]]
        found, days = len(keys) - before, (end - start).days
        # twice as many days while none are found; then as many as the last window's rate says are left
        # (and half again as a margin), never more than twice: a thin past followed by busy years must not make one
        # window read years of everyone's events
        width = width * 2 if not found else max(1, min(width * 2, -(-(limit + 1 - len(keys)) * days * 3 // (2 * found))))
        start = end
    return None


def _over(store: EventStore, flt: EventFilter) -> dict[str, bool]:
    """``over()`` for a filter's query: not with an article, whose identifier an imported event without a URL finds
    in its import graph (the import's node is its source, ``ingest/event_triples.py``)."""
    return {} if flt.article else over(event_layout(store))


def _needs(flt: EventFilter) -> tuple[list[str], list[str]]:
    """The patterns a filter needs besides an event's modality, read within one report (``per_report``), and the
    optional ones read from that report after them (values an imported event may lack: its QuadClass and
    confidence, which its code and ``IMPORTED_CONFIDENCE`` give; ``docs/model.md``)."""
    needs, optional = [], []
    if flt.code or flt.root or flt.quad is not None:
        needs.append("?e dk:cameoCode ?code .")
    if flt.quad is not None:
        optional.append("?e dk:quadClass ?quad")
    if flt.article:  # (the article's nodes: _filters)
        needs.append("?e prov:wasDerivedFrom ?art .")
    if flt.min_confidence is not None:
        if float(flt.min_confidence) > IMPORTED_CONFIDENCE:  # (no imported event passes: a plain pattern)
            needs.append(f"?e dk:confidence ?conf . FILTER(?conf >= {float(flt.min_confidence)})")
        else:
            optional.append("?e dk:confidence ?conf")
    return needs, optional


def _filters(store: EventStore, flt: EventFilter) -> str:
    out = ["FILTER(?mod IN (" + ", ".join(f"dk:{m.capitalize()}" for m in flt.modalities) + "))"]
    if flt.min_confidence is not None and float(flt.min_confidence) <= IMPORTED_CONFIDENCE:
        out.append(f"FILTER(COALESCE(?conf, {IMPORTED_CONFIDENCE}) >= {float(flt.min_confidence)})")
    if flt.code:
        out.append(f"FILTER(?code = {_lit(flt.code)})")
    if flt.root:
        out.append(f"FILTER(STRSTARTS(?code, {_lit(flt.root)}))")
    if flt.quad is not None:  # an imported event's QuadClass is its code's unless it has its own (?quad)
        roots = ", ".join(f'"{r:02d}"' for r in range(1, 21) if quad_class(f"{r:02d}") == int(flt.quad))
        # (not COALESCE(?quad = q, …): Virtuoso 7.2 takes a comparison with an unbound value as false)
        out.append(f"FILTER(COALESCE(?quad, 0) = {int(flt.quad)} || (!BOUND(?quad) && SUBSTR(?code, 1, 2) IN ({roots})))")
    if flt.since:
        # (COALESCE: Virtuoso 7.2 evaluates both sides of && and raises on STR of an unbound ?date)
        date = 'COALESCE(STR(?date), "")'
        out.append(f"FILTER(BOUND(?date) && {date} >= SUBSTR({_lit(str(flt.since))}, 1, STRLEN({date})))")
    if flt.until:
        out.append(f"FILTER(BOUND(?date) && SUBSTR(STR(?date), 1, STRLEN({_lit(str(flt.until))})) <= "
                   f"{_lit(str(flt.until))})")
    if flt.article:
        nodes = _article_nodes(store, flt.article)
        out.append(f"FILTER(?art IN ({', '.join(nodes)}))" if nodes else "FILTER(false)")
    return "\n".join(out)


def _article_nodes(store: EventStore, article: str) -> list[str]:
    """The IRIs (as SPARQL terms) of the article of this id: the nodes of that ``schema:identifier``, or an
    import's article in the default graph, which stores none and is named by its IRI (``ARTICLES``)."""
    return sorted({f"<{r['a']}>" for r in store.select(PREFIXES + f"SELECT DISTINCT ?a WHERE {{ "
                                                      f"{{ ?a schema:identifier {_lit(article)} }} UNION {{ "
                                                      f"{article_nodes([article])} }} }}")})


def _following(key: str) -> str:
    r"""The filter keeping the events whose sort key (``date|event``, ``9999|event`` when undated) follows
    ``key``. It spells the key out again rather than compare ``?sk``, and reads the date only once it is
    bound: Virtuoso 7.2 shares a value a filter computes (``STR(?date)``) with the sort key computed after it,
    and since the filter ran on all rows and the sort key only on those it kept, each kept row got another
    row's value: pages out of key order, and a cursor that repeats them (``docs/deploy.md``).

    >>> print(_following("9999|https://w3id.org/diplokg/id/event/e1"))
    FILTER(!BOUND(?date) && STR(?e) > "https://w3id.org/diplokg/id/event/e1")
    >>> print(_following("2023-09|https://w3id.org/diplokg/id/event/e1"))
    FILTER(!BOUND(?date) || CONCAT(STR(?date), "|", STR(?e)) > "2023-09|https://w3id.org/diplokg/id/event/e1")
    """
    day, _, event = key.partition("|")
    if day == "9999":  # undated: after it, the undated events of a greater IRI
        return f"FILTER(!BOUND(?date) && STR(?e) > {_lit(event)})"
    return f'FILTER(!BOUND(?date) || CONCAT(STR(?date), "|", STR(?e)) > {_lit(key)})'


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        return base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadInput("cursor", "not a cursor this server gave out") from exc


def _key_select(store: EventStore, flt: EventFilter) -> tuple[dict[str, list[str]], list[str], list[str], str]:
    """The start of the SELECT of a filter's event keys (``?e`` and its sort key ``?sk``), to be closed with a
    cursor's filter, ``}`` and the ORDER BY; and the filter's actor IRIs and patterns (``_anchor_iris``,
    ``_needs``)."""
    # Two steps, because Oxigraph joins best from few subjects: (1) the page's event IRIs, starting from the
    # events the filter anchors on (an actor's, through the index) and touching only the properties a filter
    # needs; (2) the details of those few events. Measured on 10,000 events: one big join 0.8-5 s, this ~10 ms.
    iris = _anchor_iris(store, flt)
    anchors = _anchors(iris)
    if flt.ids:
        anchors += f"\nVALUES ?e {{ {_iri_list(BASE + 'id/event/' + i for i in flt.ids)} }}"
    start = f"{{ SELECT DISTINCT ?e WHERE {{ {anchors} }} }}" if anchors else ""
    # An event several articles report is described in each article's graph, and the union of graphs repeats each
    # of its triples once per graph: so its properties are read within one graph (GRAPH ?g), one row per report
    # and not one per combination of reports, and DISTINCT folds the reports.
    needs, optional = _needs(flt)
    where = PREFIXES + f"""
        SELECT DISTINCT ?e ?sk WHERE {{
          {per_report(["?e dk:modality ?mod .", *needs], ["?e dk:date ?date", *optional], anchor=start,
                      layout=event_layout(store))}
          BIND(CONCAT(COALESCE(STR(?date), "9999"), "|", STR(?e)) AS ?sk)
          {_filters(store, flt)}
          """
    return iris, needs, optional, where


def ordered_keys(store: EventStore, flt: EventFilter, limit: int, span: Span | None = None) -> list[str]:
    """The sort keys (``date|IRI``, ``9999|IRI`` undated) of the filter's first ``limit`` events, in the order of
    :func:`select_events` (what the dyad network's first pages are recounted with): found by walking the days of
    a ``span`` where that is cheaper, else sorted in the store."""
    iris, needs, optional, where = _key_select(store, flt)
    if span is not None and limit > 1 and span.worth_walking(limit - 1):
        walked = _walk(store, flt, iris, span, needs, optional, limit - 1, None)
        if walked is not None:
            return [str(k["sk"]) for k in walked]
    return [str(r["sk"]) for r in store.select(f"{where}\n        }} ORDER BY ?sk LIMIT {int(limit)}",
                                               **_over(store, flt))]


def select_events(store: EventStore, flt: EventFilter | None = None, *, limit: int | None = None,
                  after: str | None = None, cache: MutableMapping | None = None,
                  per_article: bool = False, span: Span | None = None,
                  first: list[str] | None = None) -> tuple[list[dict], str | None]:
    """One page of events in date order (undated last), filtered in the store; and the cursor of the next page.

    An event reported by several articles is one dict with its ``articles``, ``sources`` (their number, GDELT's
    NumSources) and ``mentions`` (its evidence sentences in all of them, GDELT's NumMentions); ``confidence``
    and ``count`` are the highest any report gave. With ``per_article`` each event is instead listed once per
    article reporting it, with that article's confidence, count and evidence (the scorer's contract).

    ``after`` is a cursor from a previous page. Evidence and actors are fetched for the page only. With a
    ``cache`` (a mapping the caller clears when the store changes), the ordered keys of a filter are computed
    once and later pages and repeated questions only fetch their own events. With a ``span`` of the filter's
    actors (see :class:`Span`) a page of a busy actor is found by walking its days instead. ``first``: the sort
    keys (``date|IRI``) of the filter's first ``limit + 1`` events (or all of them, if fewer), in order, when the
    caller knows them (the dyad network's first pages, ``NetworkAnswers.first_keys``): the first page is then
    those events, and nothing is sorted.
    """
    flt = flt or EventFilter()
    iris, needs, optional, where = _key_select(store, flt)
    cursor = _following(decode_cursor(after)) if after else ""
    page = f"LIMIT {int(limit) + 1}" if limit else ""

    def query(cursor: str, page: str) -> str:  # not '%' formatting: a filter value ('?article=%d') may hold a '%'
        return f"{where}{cursor}\n        }} ORDER BY ?sk {page}"

    walked = None
    if first is not None and limit and not after:
        walked = [{"e": sk.split("|", 1)[1], "sk": sk} for sk in first[:int(limit) + 1]]
    elif span is not None and limit and not flt.ids and (flt.actor or flt.source or flt.target or flt.about) \
            and span.worth_walking(limit):
        walked = _walk(store, flt, iris, span, needs, optional, limit, after)
    if walked is not None:
        keys = walked
    elif cache is None:
        keys = list(store.select(query(cursor, page), **_over(store, flt)))
    else:
        key = repr(flt)
        ordered = cache.get(key)
        if ordered is None:
            ordered = [{"e": r["e"], "sk": str(r["sk"])} for r in store.select(query("", ""), **_over(store, flt))]
            if len(ordered) <= CACHED_KEYS:  # an actor with 200,000 events is sorted again, not held
                while cache and (len(cache) >= 64 or sum(map(len, cache.values())) + len(ordered) > CACHED_KEYS):
                    cache.pop(next(iter(cache)))
                cache[key] = ordered
        first = bisect.bisect_right([k["sk"] for k in ordered], decode_cursor(after)) if after else 0
        keys = ordered[first:first + limit + 1] if limit else ordered[first:]
    next_cursor = None
    if limit and len(keys) > limit:
        keys = keys[:limit]
        next_cursor = encode_cursor(str(keys[-1]["sk"]))
    if not keys:
        return [], None
    order = {str(k["e"]): n for n, k in enumerate(keys)}
    return describe_events(store, order, flt.article, per_article), next_cursor


def list_events(store: EventStore, *, actor: str | None = None, since: str | date | None = None,
                until: str | date | None = None, modalities: tuple[str, ...] = ("asserted",),
                article: str | None = None, min_confidence: float | None = None,
                per_article: bool = True) -> list[dict]:
    """All events matching, oldest first (undated last) — the list ``diplokg events`` prints: by default once
    per article reporting each (see :func:`select_events`)."""
    flt = EventFilter(actor=actor, since=str(since) if since else None, until=str(until) if until else None,
                      article=article, modalities=modalities, min_confidence=min_confidence)
    events, _ = select_events(store, flt, per_article=per_article)
    events.sort(key=lambda e: (e["date"] or "9999", e["article"], e["evidence"][0]["start"] if e["evidence"] else 0,
                               e["source"]["code"], e["code"], e["target"]["code"]))
    return events


def list_actors(store: EventStore, *, only_with_events: bool = True) -> list[dict]:
    """Actors with their number of events (as source or target)."""
    counts = {str(r["a"]): int(r["n"]) for r in store.select(PREFIXES + """
        SELECT ?a (COUNT(DISTINCT ?e) AS ?n) WHERE { { ?e dk:source ?a } UNION { ?e dk:target ?a } }
        GROUP BY ?a""")}  # (only events have dk:source and dk:target; in any graph, the default one too)
    actors = _actors(store)
    out = []
    for iri, info in actors.items():
        n = counts.get(iri, 0)
        if only_with_events and not n:
            continue
        out.append({**info, "events": n})
    out.sort(key=lambda a: (-a["events"], a["code"]))
    return out


def graph_summary(store: EventStore) -> dict:
    """Figures for the summary: articles, events, actors, triples, and the relations asserted."""
    # (one a NewsArticle and its graph, as always; and the imports' articles that store no type: ARTICLES)
    typed = [(str(r["a"]), str(r["id"])) for r in store.select(
        PREFIXES + "SELECT ?a ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id }")]
    named = {a for a, _ in typed}
    articles = [i for _, i in typed] + sorted({str(r["id"]) for r in store.select(
        PREFIXES + f"SELECT ?a ?id WHERE {{ {IMPORTED_ARTICLES} }}") if str(r["a"]) not in named})
    relations = []
    for r in store.select(PREFIXES + f"""
        SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?e dk:relation ?p ; dk:source ?sa ; dk:target ?oa }}
          ?sa dk:code ?s . ?oa dk:code ?o . FILTER(STRSTARTS(STR(?p), "{BASE}vocab#")) }}"""):
        relations.append((str(r["s"]), str(r["p"]).rsplit("#", 1)[-1], str(r["o"])))
    return {
        "articles": articles,
        "events": len(list_events(store, modalities=("asserted", "future", "negated"), per_article=False)),
        "triples": store.count_triples(),
        "graphs": len(store.named_graphs()),
        "relations": sorted(relations),
    }
