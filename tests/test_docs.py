"""The docs cannot drift: every SPARQL block of docs/model.md runs on the sample article (in both backends) and
finds something."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[1] / "docs" / "model.md"
TEXT = DOC.read_text()
PREFIXES = re.search(r"```\n(PREFIX.*?)```", TEXT, re.S).group(1) + \
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = re.findall(r"```sparql\n(.*?)```", TEXT, re.S)


def test_doc_has_queries():
    assert len(QUERIES) >= 4


@pytest.mark.parametrize("query", QUERIES)
def test_doc_query_answers(any_seed_store, query):
    result = any_seed_store.query(PREFIXES + query)
    if query.lstrip().startswith("ASK"):
        assert bool(result)
    else:
        assert len(list(result)) > 0


def test_readme_quick_start_is_the_two_commands():
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    block = re.search(r"## Quick start\n\n```sh\n(.*?)```", readme, re.S).group(1)
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make run", "make test"]
