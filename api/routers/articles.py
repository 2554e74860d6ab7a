"""Articles: list, read, ingest (POST) and retract (DELETE). Writes need the bearer token."""

from __future__ import annotations

import json
from typing import Annotated, Any

from diplokg.api.deps import ServiceDep, only_params, require_token
from diplokg.api.errors import ProblemError, problem_responses
from diplokg.errors import BadInput
from diplokg.graph.model import article_graph
from diplokg.graph.queries import PREFIXES, EventFilter, select_events
from diplokg.graph.sparql_rows import ARTICLES, EVENTS, article_nodes
from diplokg.ingest.article import ID_MAX, ID_PATTERN
from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel

router = APIRouter(tags=["articles"])
ARTICLE_ID = Annotated[str, Path(min_length=1, max_length=ID_MAX, description="Article id (or sha256-… key of an "
                                 "article ingested without one)", examples=["dw-2023-09-22-china-syria-partnership"])]
#: the id rule as POST /articles documents it ("" is no id, as null)
_ID_SCHEMA = {"type": "string", "maxLength": ID_MAX, "pattern": ID_PATTERN.replace("^", "^(?:$|", 1) + ")",
              "description": f"1-{ID_MAX} of A-Z a-z 0-9 . _ ~ : @ -, starting with a letter or digit: a URL path "
                             "segment as it is, so GET and DELETE /articles/{id} address it. Without an id (null, "
                             "\"\" or absent) the article's key is sha256- and a hash of its text."}


class ArticlePage(BaseModel):
    items: list[dict[str, Any]]
    total: int


_OPTIONAL_TEXT = {"anyOf": [{"type": "string"}, {"type": "null"}]}
_TEXT_RULE = ("Unicode text a store and an XML file can hold: no lone surrogate (a JSON \\ud800 escape), no control "
              "character but tab and line breaks, no U+FFFE/U+FFFF (else 400)")
#: the JSON body of POST /articles, as ``record_to_article`` reads it (other members are kept as extras)
ARTICLE_RECORD = {"type": "object", "required": ["text"], "description": f"Every string field: {_TEXT_RULE}.",
                  "properties": {
                      "text": {"type": "string", "minLength": 1, "description": "The article body"},
                      "id": {"anyOf": [_ID_SCHEMA, {"type": "integer", "minimum": 0}, {"type": "null"}]},
                      "title": _OPTIONAL_TEXT, "outlet": _OPTIONAL_TEXT, "url": _OPTIONAL_TEXT,
                      "published": {**_OPTIONAL_TEXT, "description": "YYYY-MM-DD (or an ISO timestamp)"}}}
_ONE_ARTICLE = "#/paths/~1articles~1{article_id}"


def _links(field: str, **targets: str) -> dict[str, dict]:
    """OpenAPI links from an answer's ``field`` (the article's key) to the operations on that article, so
    clients and schemathesis' stateful tests can follow POST → GET → DELETE → GET."""
    return {name: {"operationRef": f"{_ONE_ARTICLE}/{method}", "parameters": {"article_id": f"$response.body#/{field}"},
                   "description": f"{method.upper()} /articles/{{id}} of this article"}
            for name, method in targets.items()}


class Ingested(BaseModel):
    article: str
    created: bool
    events: list[dict[str, Any]]


def sparql_string(value: str) -> str:
    r"""``value`` as a SPARQL string literal, every character escaped that must be (quotes, backslashes, line
    breaks: a raw line break in a short string is a syntax error, which a request must not be able to cause).

    >>> print(sparql_string('say "hi"\n'))
    "say \"hi\"\n"
    """
    import pyoxigraph as ox

    return str(ox.Literal(value))


def _article_rows(service, key: str | None = None) -> list[dict[str, Any]]:
    # (an import's article in the default graph stores no type or identifier, its events no modality: ARTICLES,
    # EVENTS in graph/sparql_rows.py)
    articles = article_nodes([key]) if key else ARTICLES
    rows = service.store.select(PREFIXES + f"""
        SELECT ?id ?title ?published ?publisher ?url (COUNT(DISTINCT ?x) AS ?events) WHERE {{
          {articles}
          OPTIONAL {{ ?a schema:headline ?title }} OPTIONAL {{ ?a schema:datePublished ?published }}
          OPTIONAL {{ ?a schema:publisher ?publisher }} OPTIONAL {{ ?a schema:url ?url }}
          OPTIONAL {{ ?x prov:wasDerivedFrom ?a . {EVENTS} }}
        }} GROUP BY ?id ?title ?published ?publisher ?url ORDER BY DESC(?published) ?id""")
    return [{"id": str(r["id"]), "title": str(r["title"]) if r["title"] else None,
             "published": str(r["published"]) if r["published"] else None,
             "outlet": str(r["publisher"]) if r["publisher"] else None, "url": str(r["url"]) if r["url"] else None,
             "events": int(r["events"])} for r in rows]


@router.get("/articles", response_model=ArticlePage, summary="Articles in the store, newest first",
            dependencies=[Depends(only_params("limit", "offset"))])
def articles(service: ServiceDep,
             limit: Annotated[int, Query(ge=1, le=1000, description="Page size", examples=[20])] = 100,
             offset: Annotated[int, Query(ge=0, description="Rows to skip", examples=[0])] = 0) -> ArticlePage:
    rows = _article_rows(service)
    return ArticlePage(items=rows[offset:offset + limit], total=len(rows))


@router.get("/articles/{article_id}", summary="One article: metadata, text and the events coded from it",
            dependencies=[Depends(only_params())],
            responses={200: {"links": _links("id", DeleteArticle="delete")}, **problem_responses(404)})
def article(article_id: ARTICLE_ID, service: ServiceDep) -> dict[str, Any]:
    rows = _article_rows(service, article_id)
    if not rows:
        raise ProblemError(404, f"no article {article_id!r}")
    body = list(service.store.select(PREFIXES + f"""SELECT ?text WHERE {{ ?a schema:identifier {sparql_string(article_id)} ;
        schema:articleBody ?text }}"""))
    events, _ = select_events(service.store, EventFilter(article=article_id,
                                                         modalities=("asserted", "future", "negated")))
    return {**rows[0], "text": str(body[0]["text"]) if body else None, "events": events}


async def _read_article(request: Request):
    from diplokg.ingest.readers import read_html, read_text
    from diplokg.ingest.readers.jsonl import record_to_article

    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    try:
        if kind == "application/json":
            try:
                record = json.loads(raw)
            except RecursionError:
                raise BadInput("body", "not JSON: nested too deeply") from None
            except ValueError as exc:  # JSONDecodeError, bad UTF-8, a number over 4,300 digits
                raise BadInput("body", f"not JSON: {exc}") from exc
            return record_to_article(record, source="body")
        text = raw.decode("utf-8")
        if kind in ("text/plain", "text/markdown"):
            return read_text(text, source="body")
        if kind == "text/html":
            return read_html(text, source="body")
    except UnicodeDecodeError as exc:
        raise BadInput("body", f"not UTF-8: {exc}") from exc
    raise ProblemError(415, f"unsupported content type {kind or '(none)'!r}: send application/json (fields id, "
                            "title, published, outlet, url, text), text/plain or text/html")


@router.post("/articles", response_model=Ingested, status_code=201, summary="Ingest one article",
             dependencies=[Depends(require_token), Depends(only_params())],
             responses={200: {"model": Ingested, "description": "Already stored: nothing changed",
                              "links": _links("article", GetArticle="get", DeleteArticle="delete")},
                        201: {"links": _links("article", GetArticle="get", DeleteArticle="delete")},
                        **problem_responses(401, 403, 415, 422)},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": ARTICLE_RECORD,
                                      "example": {"id": "example-1", "title": "Talks", "published": "2023-03-10",
                                                  "outlet": "Example", "url": None,
                                                  "text": "Saudi Arabia and Iran agreed on Friday to restore ties."}},
                 "text/plain": {"schema": {"type": "string", "minLength": 1},
                                "example": "Saudi Arabia and Iran agreed on Friday to restore ties."},
                 "text/html": {"schema": {"type": "string", "minLength": 1},
                               "example": "<html><body><article><p>…</p></article></body></html>"}}}})
async def post_article(request: Request, response: Response, service: ServiceDep) -> Ingested:
    """Codes the article and stores it (all or nothing). Posting the same article again changes nothing and
    answers 200 with its events. An id off the rule (1-300 of A-Z a-z 0-9 . _ ~ : @ -, starting with a letter or
    digit) or a field holding a lone surrogate or a control character answers 400 and changes nothing: whatever
    is stored can be read, listed, exported and deleted by its id."""
    from anyio import to_thread
    from diplokg.ingest.pipeline import ingest_articles

    art = await _read_article(request)

    def write():
        with service.write_lock:
            report = ingest_articles([art], service.store, coder=service.coder)
            service.changed(art.key)
        return report

    report = await to_thread.run_sync(write)
    if report.failures:
        raise ProblemError(422, report.failures[0].reason)
    if report.skipped:
        response.status_code = 200
    events, _ = select_events(service.store, EventFilter(article=art.key))
    return Ingested(article=art.key, created=not report.skipped, events=events)


@router.delete("/articles/{article_id}", summary="Retract an article and everything only it asserted",
               dependencies=[Depends(require_token), Depends(only_params())],
               responses={200: {"links": _links("article", GetDeletedArticle="get")},
                          **problem_responses(401, 403, 404)})
def delete_article(article_id: ARTICLE_ID, service: ServiceDep) -> dict[str, Any]:
    """Drops the article's named graph: its events, their evidence and the relations only it asserted. What other
    articles also state stays."""
    graph = article_graph(article_id)
    with service.write_lock:
        if not service.store.has_graph(graph):
            raise ProblemError(404, f"no article {article_id!r}")
        before = service.store.count_quads()
        service.store.remove_graph(graph)
        service.store.flush()
        service.changed(article_id)
        after = service.store.count_quads()
    return {"article": article_id, "removed_quads": before - after}
