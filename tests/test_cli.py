"""The command line: batches with bad inputs, the closing line, output formats, the sample."""

from __future__ import annotations

import csv
import io
import json

from diplokg.cli import main

GOOD = "---\nid: good-1\ntitle: Talks\npublished: 2023-03-10\n---\nSaudi Arabia and Iran agreed on Friday to restore ties.\n"


def test_a_broken_file_in_a_batch_is_reported_and_the_rest_lands(tmp_path, capsys):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a.txt").write_text(GOOD)
    (batch / "b.txt").write_bytes(b"\xff\xfe not utf-8 \x80")
    (batch / "c.jsonl").write_text(
        json.dumps({"id": "j1", "published": "2022-01-05", "text": "Russia criticised NATO on Monday."}) + "\n"
        + "{broken json\n"
        + json.dumps({"id": "j2", "published": "2022-01-05", "text": "France recalled its ambassador to Mali."}) + "\n")
    (batch / "d.txt").write_text("")
    store = str(tmp_path / "store")
    assert main(["ingest", str(batch), "--store", store]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("3 articles, ")
    assert "b.txt" in err and "UTF-8" in err and "c.jsonl:2" in err and "d.txt" in err
    assert main(["events", "--store", store, "--format", "json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert {e["article"] for e in events} == {"good-1", "j1", "j2"}
    sau = next(e for e in events if e["article"] == "good-1")
    assert (sau["date"], sau["date_precision"], sau["quad"]) == ("2023-03-10", "day", 1)
    assert {"id", "label", "root", "goldstein", "evidence", "confidence"} <= set(sau)
    assert sau["evidence"][0]["sentence"] == "Saudi Arabia and Iran agreed on Friday to restore ties."


def test_events_filters_and_formats(tmp_path, capsys):
    store = str(tmp_path / "store")
    assert main(["ingest", "--sample", "--store", store]) == 0
    capsys.readouterr()
    main(["events", "--store", store, "--format", "json", "--actor", "SAU"])
    sau = json.loads(capsys.readouterr().out)
    assert sau and all("SAU" in (e["source"]["country"], e["target"]["country"]) for e in sau)
    main(["events", "--store", store, "--format", "json", "--since", "2023-09", "--until", "2023-09-21"])
    assert {e["date"] for e in json.loads(capsys.readouterr().out)} == {"2023-09-21"}
    main(["events", "--store", store, "--format", "csv"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["date", "source", "code"] and len(rows) > 10
    main(["events", "--store", store])
    assert "Mediate" in capsys.readouterr().out
    assert main(["actors", "--store", store, "--format", "json"]) == 0
    actors = {a["code"]: a for a in json.loads(capsys.readouterr().out)}
    assert actors["CHN"]["events"] >= 5 and actors["xi_jinping"]["country"] == "CHN"


def test_stdin_and_nothing_to_do(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Japan and South Korea signed a pact on Monday."))
    assert main(["ingest", "-", "--store", str(tmp_path / "s")]) == 0
    assert capsys.readouterr().out.startswith("1 articles")
    assert main(["ingest", "--store", str(tmp_path / "s")]) == 2
    assert "nothing to ingest" in capsys.readouterr().err


def test_reading_a_missing_store_is_a_clear_error(tmp_path, capsys):
    assert main(["events", "--store", str(tmp_path / "nope")]) == 4
    assert "no store at" in capsys.readouterr().err


def test_summary(tmp_path, capsys):
    store = str(tmp_path / "store")
    main(["ingest", "--sample", "--store", store])
    capsys.readouterr()
    assert main(["summary", "--store", store]) == 0
    out = capsys.readouterr().out
    assert "1 articles" in out and "dk:vetoedAt UNSC" in out and "dk:partnerOf" in out


def test_graph_commands(tmp_path, capsys):
    store = str(tmp_path / "store")
    main(["ingest", "--sample", "--store", store])
    capsys.readouterr()
    assert main(["relations", "CHN", "SYR", "--store", store]) == 0
    rel = json.loads(capsys.readouterr().out)
    assert rel["outgoing"]["events"] >= 3
    assert main(["path", "SAU", "SYR", "--store", store]) == 0
    hops = json.loads(capsys.readouterr().out)
    assert [h["target"] for h in hops] == ["CHN", "SYR"]
    assert main(["relations", "NOPE", "--store", store]) == 2
    assert "unknown actor" in capsys.readouterr().err
    query = "PREFIX dk: <https://w3id.org/diplokg/vocab#> SELECT ?c WHERE { ?e dk:cameoCode ?c } ORDER BY ?c LIMIT 2"
    assert main(["sparql", query, "--store", store]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "c"
    (tmp_path / "q.rq").write_text("ASK { ?s ?p ?o }")
    assert main(["sparql", f"@{tmp_path / 'q.rq'}", "--store", store]) == 0
    assert capsys.readouterr().out.strip() == "true"
    assert main(["sparql", "DELETE WHERE { ?s ?p ?o }", "--store", store]) == 2
    assert "not a SPARQL query" in capsys.readouterr().err


def test_explain_says_why(capsys):
    from pathlib import Path

    sample = Path(__file__).parent / "data" / "gold" / "seed" / "dw-2023-09-22-china-syria-partnership.txt"
    assert main(["explain", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "'mediate' 045" in out and "event:    CHN 045 Mediate → SAU" in out
    assert "no event:" in out and "actors:   Chinese President Xi Jinping → CHN" in out


def test_evaluate_agrees_with_the_shared_scorer(capsys):
    """`diplokg evaluate` must print the figures ../shared/tools/score_events.py prints on the same files."""
    import subprocess
    import sys
    from pathlib import Path

    import pytest

    gold = Path(__file__).parent / "data" / "gold" / "dev"
    assert main(["evaluate", str(gold), "--json"]) == 0
    ours = json.loads(capsys.readouterr().out)
    assert ours["f1"] >= 0.65
    scorer = Path(__file__).parents[2] / "shared" / "tools" / "score_events.py"
    if not scorer.exists():
        pytest.skip("the shared scorer is not beside this checkout")
    cmd = str(Path(sys.executable).with_name("diplokg"))
    shared = json.loads(subprocess.run([sys.executable, str(scorer), str(gold), "--cmd", cmd, "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    for key in ("predictions", "duplicates", "precision", "recall", "f1", "root_agreement", "date_agreement"):
        assert ours[key] == shared[key], key


def test_min_confidence_and_plover(tmp_path, capsys):
    store = str(tmp_path / "store")
    main(["ingest", "--sample", "--store", store])
    capsys.readouterr()
    main(["events", "--store", store, "--format", "json"])
    everything = json.loads(capsys.readouterr().out)
    main(["events", "--store", store, "--format", "json", "--min-confidence", "0.7"])
    confident = json.loads(capsys.readouterr().out)
    assert 0 < len(confident) < len(everything) and all(e["confidence"] >= 0.7 for e in confident)
    plover = {e["code"]: e["plover"] for e in everything}
    assert plover["045"] == "CONSULT" and plover["129"] == "REJECT" and plover["163"] == "SANCTION"


def test_future_events_are_kept_apart(tmp_path, capsys):
    batch = tmp_path / "a.txt"
    batch.write_text("---\nid: fut\npublished: 2023-09-22\n---\nAssad will visit China on Saturday. "
                     "Xi met Assad on Friday.\n")
    store = str(tmp_path / "store")
    main(["ingest", str(batch), "--store", store])
    capsys.readouterr()
    main(["events", "--store", store, "--format", "json"])
    default = json.loads(capsys.readouterr().out)
    main(["events", "--store", store, "--format", "json", "--modality", "asserted,future"])
    both = json.loads(capsys.readouterr().out)
    assert {e["modality"] for e in default} == {"asserted"}
    assert any(e["modality"] == "future" and e["date"] == "2023-09-23" for e in both)


def test_a_lone_surrogate_in_a_batch_is_reported_and_the_rest_lands(tmp_path, capsys):
    """Issue 15: a JSON Lines line whose ``\\ud800`` escape decodes into a lone surrogate printed a traceback,
    exited 1 and stored neither line."""
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id":"s","text":"China and Russia \\ud800 signed an agreement."}\n'
                     + json.dumps({"id": "ok", "published": "2023-03-10",
                                   "text": "Saudi Arabia and Iran agreed on Friday to restore ties."}) + "\n")
    store = str(tmp_path / "store")
    assert main(["ingest", str(batch), "--store", store]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("1 articles, ")
    assert f"skipped {batch}:1: " in err and "surrogate" in err and "Traceback" not in err
    assert main(["events", "--store", store, "--format", "json"]) == 0
    assert {e["article"] for e in json.loads(capsys.readouterr().out)} == {"ok"}
