"""Watching sources: poll feeds and GDELT update lists every so often, each item taken in once
(:mod:`diplokg.ingest.follow`), backing off from a source that fails, until told to stop.

A stop (:meth:`Watcher.stop`: Ctrl-C or SIGTERM for ``diplokg watch``, the server's shutdown for ``diplokg serve
--watch``) is obeyed between items: the article or export file under way is finished, nothing is left half
written, and the next start goes on from what the store holds.

>>> parse_every("15m"), parse_every("90s"), parse_every("2h"), parse_every("0.5")
(900.0, 90.0, 7200.0, 0.5)
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from diplokg.errors import UsageError
from diplokg.ingest.follow import Polled, follow_source

__all__ = ["DEFAULT_EVERY", "MAX_BACKOFF", "Round", "Watcher", "backoff", "parse_every"]

#: Seconds between two polls of a source: GDELT publishes every 15 minutes, and news feeds change about as often.
DEFAULT_EVERY = 900.0
#: The longest wait after failures (unless ``every`` is longer): waits double from ``every`` up to this.
MAX_BACKOFF = 3600.0
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """Seconds of an interval written ``90``, ``90s``, ``15m``, ``2h`` or ``1d``. Raises UsageError."""
    match = _EVERY.match(value)
    if match is None or float(match[1]) <= 0:
        raise UsageError(f"{value!r} is not an interval: a positive number with s, m, h or d (15m, 30s)")
    return float(match[1]) * _UNITS[(match[2] or "s").lower()]


def backoff(every: float, failures: int, cap: float = MAX_BACKOFF) -> float:
    """The wait before the next poll of a source after ``failures`` failed rounds in a row: ``every``, doubled
    per failure, up to ``cap`` (or ``every`` if that is longer).

    >>> [backoff(900, n) for n in range(5)]
    [900.0, 1800.0, 3600.0, 3600.0, 3600.0]
    """
    return float(min(every * 2 ** min(failures, 32), max(every, cap)))


@dataclass
class Round:
    """One poll of one source: when, how long, what it took in, what went wrong, and when the next one is."""

    polled: Polled
    started: datetime
    seconds: float
    next_at: datetime
    failures: int = 0  # failed rounds of this source in a row

    def line(self) -> str:
        """A short status line, such as ``2026-12-06 06:15:00 feed https://…/rss: 3 new, 17 seen, 1 error``."""
        p = self.polled
        what = "failed" if p.failed else "not modified" if p.unchanged else f"{p.new} new, {p.seen} seen"
        if p.errors:
            what += f", {len(p.errors)} error{'s' if len(p.errors) != 1 else ''}"
        if p.stopped:
            what += ", stopped"
        wait = (self.next_at - self.started).total_seconds() - self.seconds
        after = f"; next in {_duration(wait)}" + (" (backing off)" if self.failures else "")
        return f"{self.started:%Y-%m-%d %H:%M:%S} {p.kind} {p.source}: {what} ({self.seconds:.1f} s){after}"

    def as_dict(self) -> dict:
        p = self.polled
        return {"at": self.started.isoformat(timespec="seconds"), "seconds": round(self.seconds, 3), "kind": p.kind,
                "new": p.new, "seen": p.seen, "errors": p.errors[:20], "failed": p.failed, "unchanged": p.unchanged,
                "next": self.next_at.isoformat(timespec="seconds")}


def _duration(seconds: float) -> str:
    seconds = max(seconds, 0)
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min" if seconds < 7200 else f"{seconds / 3600:.1f} h"


@dataclass
class Watcher:
    """Polls ``sources`` into ``store`` every ``every`` seconds until :meth:`stop`.

    ``lock`` is held while writing (the server's write lock), ``changed(article key or None)`` is called under
    it after each write; ``coder`` is a Coder or a function making one (made on first need); ``on_round`` gets
    each :class:`Round` as it ends. :attr:`last` holds the last round of each source."""

    sources: Sequence[str]
    store: object
    every: float = DEFAULT_EVERY
    max_backoff: float = MAX_BACKOFF
    coder: object = None
    lock: AbstractContextManager | None = None
    changed: Callable[[str | None], None] | None = None
    on_round: Callable[[Round], None] | None = None
    timeout: float = 20.0
    last: dict[str, Round] = field(default_factory=dict)
    stopped: bool = False
    remembered: dict[str, dict] = field(default_factory=dict)  # per source: validators for a conditional GET

    def __post_init__(self) -> None:
        self.sources = list(dict.fromkeys(self.sources))  # a source given twice is polled once a round
        if not self.sources:
            raise UsageError("nothing to watch: give one or more feeds or GDELT update lists (URLs or files)")
        if self.every <= 0:
            raise UsageError(f"the interval must be positive, not {self.every}")
        self._coder = self.coder

    def stop(self) -> None:
        """Stop after the item under way (safe from a signal handler or another thread)."""
        self.stopped = True

    def _coder_once(self):
        if self._coder is None or (callable(self._coder) and not hasattr(self._coder, "code")):
            made = self._coder() if callable(self._coder) else None
            if made is None:
                from diplokg.ingest.coder import Coder

                made = Coder()
            self._coder = made
        return self._coder

    def poll(self, source: str, failures: int = 0) -> Round:
        """One poll of ``source`` now; ``failures``: failed rounds before this one."""
        started, t0 = datetime.now(UTC), time.monotonic()
        polled = follow_source(source, self.store, remembered=self.remembered.setdefault(source, {}),
                               coder=self._coder_once, lock=self.lock, changed=self.changed,
                               stopping=lambda: self.stopped, timeout=self.timeout)
        seconds = time.monotonic() - t0
        failures = failures + 1 if polled.failed else 0
        wait = backoff(self.every, failures, self.max_backoff)
        done = Round(polled, started, seconds, started + timedelta(seconds=seconds + wait), failures)
        self.last[source] = done
        if self.on_round is not None:
            self.on_round(done)
        return done

    def run(self, rounds: int | None = None) -> list[Round]:
        """Poll every source when it is due, until :meth:`stop` (or ``rounds`` rounds of every source);
        returns every round."""
        done: list[Round] = []
        due = dict.fromkeys(self.sources, 0.0)
        failures = dict.fromkeys(self.sources, 0)
        count = dict.fromkeys(self.sources, 0)
        while not self.stopped:
            for source in self.sources:
                if self.stopped or time.monotonic() < due[source]:
                    continue
                if rounds is not None and count[source] >= rounds:
                    continue
                result = self.poll(source, failures[source])
                done.append(result)
                count[source] += 1
                failures[source] = result.failures
                due[source] = time.monotonic() + backoff(self.every, result.failures, self.max_backoff)
            waiting = [due[s] for s in self.sources if rounds is None or count[s] < rounds]
            if not waiting:
                break
            self._sleep_until(min(waiting))
        return done

    def _sleep_until(self, moment: float) -> None:
        """Sleep until ``moment`` (monotonic), waking often enough to obey a stop at once. (A plain flag and short
        sleeps: a signal handler may not take a lock the interrupted code holds.)"""
        while not self.stopped:
            left = moment - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, 0.1))

    def status(self) -> list[dict]:
        """The last round of every source (None before its first), for ``/health``."""
        return [{"source": s, "last_round": self.last[s].as_dict() if s in self.last else None}
                for s in self.sources]
