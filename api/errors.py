"""One error envelope on the wire: RFC 9457 problem+json for every error, never a stack trace."""

from __future__ import annotations

import logging
from http import HTTPStatus

from diplokg.errors import DiplokgError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

__all__ = ["problem", "install_error_handlers", "problem_responses", "PROBLEM_JSON", "Problem", "ProblemError"]

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("diplokg.api")


class Problem(BaseModel):
    """The body of every error answer (RFC 9457); some carry more members (``errors``, ``offered``)."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None


_PROBLEM_SCHEMA = {**Problem.model_json_schema(), "additionalProperties": True}
_MEANING = {
    400: "A parameter the endpoint does not take, or a value it cannot use",
    401: "No `Authorization: Bearer <token>` header",
    403: "A wrong token, or writes disabled (no token configured)",
    404: "No such resource",
    406: "No offered media type is acceptable",
    413: "The request body is over the configured limit",
    415: "Unsupported request content type",
    422: "The request does not validate (the problem lists the `errors`), or the input cannot be read as asked",
    429: "Too many requests of this client at once; `Retry-After` says when to try again",
    503: "The store cannot be read or written right now, or the server is busy (`Retry-After`)",
}


def problem_responses(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI ``responses`` entries for error statuses, each answered with a problem+json body."""
    return {status: {"description": _MEANING[status], "content": {PROBLEM_JSON: {"schema": _PROBLEM_SCHEMA}}}
            for status in statuses}


class ProblemError(Exception):
    """An HTTP error raised by a route: status, title and detail."""

    def __init__(self, status: int, detail: str, title: str | None = None, *, headers: dict[str, str] | None = None,
                 **extra):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title
        self.headers = headers  # sent with the answer (``Retry-After``)
        self.extra = extra


def problem(status: int, detail: str, *, title: str | None = None, instance: str | None = None,
            headers: dict[str, str] | None = None, **extra) -> JSONResponse:
    body = {"type": "about:blank", "title": title or HTTPStatus(status).phrase, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError):
        return problem(exc.status, exc.detail, title=exc.title, instance=request.url.path, headers=exc.headers,
                       **exc.extra)

    @app.exception_handler(DiplokgError)
    async def _diplokg(request: Request, exc: DiplokgError):
        return problem(exc.status, str(exc), title=type(exc).__name__, instance=request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors)
        return problem(422, detail or "invalid request", instance=request.url.path, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return problem(exc.status_code, str(exc.detail), instance=request.url.path)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return problem(500, "internal error; see the server log", instance=request.url.path)
