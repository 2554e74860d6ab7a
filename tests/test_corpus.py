"""The real-news corpus: every article paraphrases its source (no run of 8 words copied), loads as gold, and
is in exactly one of tune/ and test/. The second to twentieth tuning batches (tune2/, tune3/, tune4/, tune5/,
tune6/, tune7/, tune8/, tune9/, tune10/, tune11/, tune12/, tune13/, tune14/, tune15/, tune16/, tune17/,
tune18/, tune19/ and tune20/, made after the split) are checked the same way but stay out of the tune/test split."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REAL = Path(__file__).parent / "data" / "gold" / "real"


def _paraphrase():
    spec = importlib.util.spec_from_file_location("paraphrase", REAL.parent / "paraphrase.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_article_copies_a_run_of_eight_words_of_its_source():
    assert _paraphrase().check([REAL / "tune", REAL / "test", REAL / "tune2", REAL / "tune3", REAL / "tune4",
                                REAL / "tune5", REAL / "tune6", REAL / "tune7", REAL / "tune8",
                                REAL / "tune9", REAL / "tune10", REAL / "tune11", REAL / "tune12",
                                REAL / "tune13", REAL / "tune14", REAL / "tune15", REAL / "tune16",
                                REAL / "tune17", REAL / "tune18", REAL / "tune19", REAL / "tune20"]) == []


def test_the_split_is_by_article_and_half_each():
    tune = {p.stem for p in (REAL / "tune").glob("*.json")}
    test = {p.stem for p in (REAL / "test").glob("*.json")}
    assert len(tune) + len(test) >= 60 and not tune & test and abs(len(tune) - len(test)) <= 1


def test_the_second_tuning_batch_shares_no_article_with_the_split():
    tune2 = {p.stem for p in (REAL / "tune2").glob("*.json")}
    split = {p.stem for p in (REAL / "tune").glob("*.json")} | {p.stem for p in (REAL / "test").glob("*.json")}
    assert len(tune2) >= 20 and not tune2 & split


def test_the_third_tuning_batch_shares_no_article_with_the_split_or_the_second_batch():
    tune3 = {p.stem for p in (REAL / "tune3").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2") for p in (REAL / name).glob("*.json")}
    assert len(tune3) >= 24 and not tune3 & others


def test_the_fourth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune4 = {p.stem for p in (REAL / "tune4").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3") for p in (REAL / name).glob("*.json")}
    assert len(tune4) >= 24 and not tune4 & others


def test_the_fifth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune5 = {p.stem for p in (REAL / "tune5").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4") for p in (REAL / name).glob("*.json")}
    assert len(tune5) >= 24 and not tune5 & others


def test_the_sixth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune6 = {p.stem for p in (REAL / "tune6").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5")
              for p in (REAL / name).glob("*.json")}
    assert len(tune6) >= 24 and not tune6 & others


def test_the_seventh_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune7 = {p.stem for p in (REAL / "tune7").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6")
              for p in (REAL / name).glob("*.json")}
    assert len(tune7) >= 24 and not tune7 & others


def test_the_eighth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune8 = {p.stem for p in (REAL / "tune8").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7")
              for p in (REAL / name).glob("*.json")}
    assert len(tune8) >= 24 and not tune8 & others


def test_the_ninth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune9 = {p.stem for p in (REAL / "tune9").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8")
              for p in (REAL / name).glob("*.json")}
    assert len(tune9) >= 24 and not tune9 & others


def test_the_tenth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune10 = {p.stem for p in (REAL / "tune10").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9")
              for p in (REAL / name).glob("*.json")}
    assert len(tune10) >= 24 and not tune10 & others


def test_the_eleventh_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune11 = {p.stem for p in (REAL / "tune11").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10")
              for p in (REAL / name).glob("*.json")}
    assert len(tune11) >= 24 and not tune11 & others


def test_the_twelfth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune12 = {p.stem for p in (REAL / "tune12").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10", "tune11")
              for p in (REAL / name).glob("*.json")}
    assert len(tune12) >= 24 and not tune12 & others


def test_the_thirteenth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune13 = {p.stem for p in (REAL / "tune13").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10", "tune11", "tune12")
              for p in (REAL / name).glob("*.json")}
    assert len(tune13) >= 24 and not tune13 & others


def test_the_fourteenth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune14 = {p.stem for p in (REAL / "tune14").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10", "tune11", "tune12", "tune13")
              for p in (REAL / name).glob("*.json")}
    assert len(tune14) >= 24 and not tune14 & others


def test_the_fifteenth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune15 = {p.stem for p in (REAL / "tune15").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10", "tune11", "tune12", "tune13", "tune14")
              for p in (REAL / name).glob("*.json")}
    assert len(tune15) >= 24 and not tune15 & others


def test_the_sixteenth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune16 = {p.stem for p in (REAL / "tune16").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15")
              for p in (REAL / name).glob("*.json")}
    assert len(tune16) >= 24 and not tune16 & others


def test_the_seventeenth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune17 = {p.stem for p in (REAL / "tune17").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15", "tune16")
              for p in (REAL / name).glob("*.json")}
    assert len(tune17) >= 24 and not tune17 & others


def test_the_eighteenth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune18 = {p.stem for p in (REAL / "tune18").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15", "tune16",
                                  "tune17")
              for p in (REAL / name).glob("*.json")}
    assert len(tune18) >= 24 and not tune18 & others


def test_the_nineteenth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune19 = {p.stem for p in (REAL / "tune19").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15", "tune16",
                                  "tune17", "tune18")
              for p in (REAL / name).glob("*.json")}
    assert len(tune19) >= 24 and not tune19 & others


def test_the_twentieth_tuning_batch_shares_no_article_with_the_split_or_the_earlier_batches():
    tune20 = {p.stem for p in (REAL / "tune20").glob("*.json")}
    others = {p.stem for name in ("tune", "test", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8",
                                  "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15", "tune16",
                                  "tune17", "tune18", "tune19")
              for p in (REAL / name).glob("*.json")}
    assert len(tune20) >= 24 and not tune20 & others


def test_every_article_loads_as_gold_with_a_source():
    from diplokg.ingest.evaluate import load_gold

    gold = load_gold([REAL / "tune", REAL / "test", REAL / "tune2", REAL / "tune3", REAL / "tune4", REAL / "tune5",
                      REAL / "tune6", REAL / "tune7", REAL / "tune8", REAL / "tune9", REAL / "tune10",
                      REAL / "tune11", REAL / "tune12", REAL / "tune13", REAL / "tune14", REAL / "tune15",
                      REAL / "tune16", REAL / "tune17", REAL / "tune18", REAL / "tune19", REAL / "tune20"])
    assert len(gold) >= 516
    for path in sorted(REAL.glob("t*/*.json")):
        record = json.loads(path.read_text("utf-8"))
        assert record["url"].startswith("http") and record["outlet"].startswith("paraphrased from"), path
        assert any(event["required"] for event in record["events"]), path
        for event in record["events"]:
            assert event["evidence"] and " ".join(event["evidence"].split()) in " ".join(record["text"].split()), \
                (path, event["evidence"])
