"""Typed errors of diplokg: one small hierarchy, mapped to exit codes by the CLI and to problem+json by the API."""

from __future__ import annotations

__all__ = ["BadInput", "DataError", "DiplokgError", "PortInUse", "QueryRejected", "StoreError", "StoreLocked",
           "UnknownActor"]


class DiplokgError(Exception):
    """Base class of every error diplokg raises on purpose."""

    #: HTTP status the API answers with; exit code the CLI returns.
    status = 500
    exit_code = 1


class UsageError(DiplokgError):
    """A request that cannot be carried out as asked (nothing to ingest, conflicting options)."""

    status = 400
    exit_code = 2


class BadInput(DiplokgError):
    """An input (file, line, URL, request body) that cannot be read as an article.

    ``source`` names the input (path, ``file.jsonl:12``, URL, ``-``); ``reason`` says what is wrong.
    """

    status = 400
    exit_code = 2

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnknownActor(DiplokgError):
    status = 404
    exit_code = 2

    def __init__(self, code: str):
        super().__init__(f"unknown actor: {code}")
        self.code = code


class DataError(DiplokgError):
    """A shipped or user-supplied data file (gazetteer, lexicon, codebook) is malformed."""

    exit_code = 3


class StoreError(DiplokgError):
    """The store cannot be opened, read or written."""

    status = 503
    exit_code = 4


class StoreLocked(StoreError):
    """Another process holds the embedded store open for writing."""


class PortInUse(DiplokgError):
    """``diplokg serve`` cannot listen on its address: another process is listening there."""

    exit_code = 5


class QueryRejected(DiplokgError):
    status = 400
    exit_code = 2
