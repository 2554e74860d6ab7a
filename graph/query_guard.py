"""What a SPARQL text must pass before an engine sees it, and the stack the engine runs it on.

Oxigraph parses and evaluates a query by recursion on the thread that asks. On the 8 MiB stack of a main thread,
3,000 nested groups (``{{{…}}}``), 2,500 nested sub-SELECTs, 500 nested collections, 4,600 nested parentheses or
7,000 chained ``+`` overflow it, and a stack overflow in native code ends the whole process (SIGSEGV), nothing
logged. So, for any query a user sends:

- :func:`check_query` refuses a text longer than ``max_chars`` or nested deeper than ``max_depth`` (groups,
  parentheses and brackets outside strings, IRIs and comments) with :class:`~diplokg.errors.QueryRejected`,
  which names the limit;
- :func:`run_deep` runs the engine on a thread with a :data:`QUERY_STACK_BYTES` stack (address space: only the
  pages a query touches are used). Every family measured fails at 32 times the depth on it, so the longest text
  the default ``max_chars`` lets through stays ten times below the shallowest failure (chains of ``UNION``,
  ``FILTER``, ``/`` or ``+`` need no nesting; a chain 100,000 characters long is one a 256 MiB stack holds).

>>> check_query("SELECT * WHERE { { ?s ?p ?o } }")
>>> check_query("SELECT * WHERE {" + "{" * 200 + "}" * 200 + "}")
Traceback (most recent call last):
...
diplokg.errors.QueryRejected: the query is nested 201 deep; the limit is 100 (sparql_max_depth)
>>> nesting_depth('SELECT * WHERE { ?s ?p "{{{{" } # ((((')
1
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TypeVar

from diplokg.errors import QueryRejected

__all__ = ["DEFAULT_MAX_CHARS", "DEFAULT_MAX_DEPTH", "OPAQUE", "QUERY_STACK_BYTES", "check_query", "nesting_depth",
           "run_deep", "start_deep_thread"]

DEFAULT_MAX_CHARS = 100_000
DEFAULT_MAX_DEPTH = 100
QUERY_STACK_BYTES = 256 * 2**20

#: What a SPARQL text holds that is not syntax: strings, IRIs, comments. Every alternative is one pass over
#: disjoint character classes, so it is linear whatever the text.
OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'         # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'                 # strings
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'             # IRIs (a bare "<" is the less-than operator)
    r"|#[^\n\r]*",                            # comments
    re.DOTALL,
)
_BRACKETS = re.compile(r"[{}()\[\]]")
_OPEN = frozenset("{([")


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` in a SPARQL text, strings, IRIs and comments left out."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(OPAQUE.sub(" ", text)):
        if match.group() in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def check_query(text: str, *, max_chars: int = DEFAULT_MAX_CHARS, max_depth: int = DEFAULT_MAX_DEPTH) -> None:
    """Refuse (:class:`QueryRejected`) a query longer than ``max_chars`` characters or nested deeper than
    ``max_depth``; the message names the limit and its setting."""
    if len(text) > max_chars:
        raise QueryRejected(f"the query is {len(text):,} characters long; the limit is {max_chars:,} "
                            "(sparql_max_chars)")
    depth = nesting_depth(text)
    if depth > max_depth:
        raise QueryRejected(f"the query is nested {depth} deep; the limit is {max_depth} (sparql_max_depth)")


T = TypeVar("T")
_STACK_LOCK = threading.Lock()  # threading.stack_size is process-wide: set, start, restore, under one lock


def start_deep_thread(target: Callable[[], object], name: str) -> threading.Thread:
    """Start ``target`` on a daemon thread with a :data:`QUERY_STACK_BYTES` stack."""
    thread = threading.Thread(target=target, name=name, daemon=True)
    with _STACK_LOCK:
        previous = threading.stack_size(QUERY_STACK_BYTES)
        try:
            thread.start()
        finally:
            threading.stack_size(previous)
    return thread


def run_deep(work: Callable[[], T]) -> T:
    """``work()`` on a thread with a :data:`QUERY_STACK_BYTES` stack; its value, or its exception raised here.
    The caller waits in short steps, so Ctrl-C still reaches it.

    >>> run_deep(lambda: 6 * 7)
    42
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised on the caller's thread
            outcome["error"] = exc

    thread = start_deep_thread(run, "diplokg-query")
    while thread.is_alive():
        thread.join(0.2)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
