"""The real-news corpus: every article paraphrases its source (no run of 8 words copied), loads as gold, and
is in exactly one of tune/ and test/. The tuning batches made after the split (``BATCHES``: tune2/ to tune32/, in the
order they were made) are checked the same way, stay out of the tune/test split, and share no article with the
split or with any batch made before them. A new batch is one more name at the end of ``BATCHES``."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REAL = Path(__file__).parent / "data" / "gold" / "real"

BATCHES = [f"tune{n}" for n in range(2, 33)]
SETS = ["tune", "test", *BATCHES]


def _paraphrase():
    spec = importlib.util.spec_from_file_location("paraphrase", REAL.parent / "paraphrase.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ids(*names: str) -> set[str]:
    return {p.stem for name in names for p in (REAL / name).glob("*.json")}


def test_no_article_copies_a_run_of_eight_words_of_its_source():
    assert _paraphrase().check([REAL / name for name in SETS]) == []


def test_every_set_is_there_and_every_batch_is_listed():
    assert all(_ids(name) for name in SETS)
    assert {p.name for p in REAL.glob("t*") if p.is_dir()} == set(SETS)


def test_the_split_is_by_article_and_half_each():
    tune, test = _ids("tune"), _ids("test")
    assert len(tune) + len(test) >= 60 and not tune & test and abs(len(tune) - len(test)) <= 1


@pytest.mark.parametrize("index", range(len(BATCHES)), ids=BATCHES)
def test_a_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches(index: int):
    batch = _ids(BATCHES[index])
    assert len(batch) >= (20 if index == 0 else 24)
    assert not batch & _ids("tune", "test", *BATCHES[:index])


def test_every_article_loads_as_gold_with_a_source():
    from diplokg.ingest.evaluate import load_gold

    gold = load_gold([REAL / name for name in SETS])
    assert len(gold) >= 804
    for path in sorted(REAL.glob("t*/*.json")):
        record = json.loads(path.read_text("utf-8"))
        assert record["url"].startswith("http") and record["outlet"].startswith("paraphrased from"), path
        assert any(event["required"] for event in record["events"]), path
        for event in record["events"]:
            assert event["evidence"] and " ".join(event["evidence"].split()) in " ".join(record["text"].split()), \
                (path, event["evidence"])
