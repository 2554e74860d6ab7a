"""Reliability fixtures: synthetic articles, a real ``diplokg serve`` subprocess, and the figures every test
reports, written to ``build/reliability.json`` at the end of the session (docs/reliability.md quotes them)."""

from __future__ import annotations

import fcntl
import json
import random
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.servers import cli
from tests.servers import serving as _serving

ROOT = Path(__file__).parents[2]
FIGURES = ROOT / "build" / "reliability.json"
TOKEN = "reliability-token-0123456789"

#: countries the gazetteer knows (so every synthetic article gets coded events)
COUNTRIES = ["China", "Syria", "Saudi Arabia", "Iran", "Egypt", "Israel", "Japan", "South Korea", "France",
             "Germany", "Russia", "Turkey", "India", "Pakistan", "Brazil", "Colombia", "Venezuela", "Qatar",
             "Jordan", "Morocco", "Ethiopia", "Eritrea", "Serbia", "Kosovo", "Cuba", "Mexico"]
TEMPLATES = [
    "{a} and {b} signed a trade agreement on {day}.",
    "{a} and {b} agreed on {day} to restore diplomatic ties.",
    "The foreign ministers of {a} and {b} met in talks on {day}.",
    "{a} imposed sanctions on {b} on {day}.",
    "{a} expelled two diplomats of {b} on {day}.",
    "{a} praised {b} for its help on {day}.",
    "{a} condemned {b} on {day} over the border clashes.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def synthetic_articles(n: int, *, seed: int = 7, prefix: str = "syn") -> list[dict]:
    """``n`` small JSON article records, each two or three template sentences about real countries."""
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    records = []
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(2, 3)):
            a, b = rng.sample(COUNTRIES, 2)
            sentences.append(rng.choice(TEMPLATES).format(a=a, b=b, day=rng.choice(DAYS)))
        records.append({"id": f"{prefix}-{i:04d}", "title": f"Synthetic report {i}",
                        "published": (start + timedelta(days=rng.randrange(3000))).isoformat(),
                        "outlet": "Synthetic Wire", "text": " ".join(sentences)})
    return records


def write_jsonl(records: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def figures():
    """A dict tests put their figures in; merged into build/reliability.json when the session ends, so a run of
    one test file updates its own figures and keeps the others."""
    collected: dict = {}
    yield collected
    if not collected:
        return
    FIGURES.parent.mkdir(exist_ok=True)
    # under pytest-xdist every worker merges its own figures: one at a time, each reading what the last wrote
    with open(FIGURES.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            previous = json.loads(FIGURES.read_text("utf-8"))
        except (OSError, ValueError):
            previous = {}
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        for key, value in collected.items():
            previous[key] = {**value, "run_at": stamp}
        FIGURES.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    lines = [f"  {key}: {', '.join(f'{k}={v}' for k, v in value.items())}" for key, value in collected.items()]
    print("\nreliability figures (build/reliability.json):\n" + "\n".join(lines))


@pytest.fixture(scope="session")
def synthetic():
    return SimpleNamespace(articles=synthetic_articles, write_jsonl=write_jsonl, countries=COUNTRIES)


def serving(store: Path, *, token: str | None = TOKEN, env: dict | None = None):
    """``diplokg serve`` in a subprocess (``tests.servers.serving``), with this suite's write token by default."""
    return _serving(store, token=token, env=env)


@pytest.fixture(scope="session")
def server():
    """``with server(store_dir, token=…, env={…}) as s:`` s.url, s.process."""
    return serving


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def run_cli():
    def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(cli() + list(args), capture_output=True, text=True, **kwargs)

    return run
