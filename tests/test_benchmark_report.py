"""BENCHMARKS.md: a new run of benchmarks/run.py keeps the hand-written notes and the run before it, once."""

from __future__ import annotations

import importlib.util
from pathlib import Path

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_new_run_keeps_the_notes_and_only_the_run_before_it(tmp_path):
    run = _run_module()
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nMeasured first, commit a.\n\n| t |\n\n## Notes\n\nHand-written.\n")
    for n, commit in enumerate(("b", "c"), 2):
        previous = run.previous_run(path)
        run.write_report(path, f"# Benchmarks\n\nMeasured run {n}, commit {commit}.\n", previous)
        run.write_report(path, f"# Benchmarks\n\nMeasured run {n}, commit {commit}, all sizes.\n", previous)
    text = path.read_text()
    assert text.startswith("# Benchmarks\n\nMeasured run 3, commit c, all sizes.")
    assert text.count("## The run before this one") == 1 and "Measured run 2, commit b, all sizes." in text
    assert "commit a" not in text and text.endswith("## Notes\n\nHand-written.\n")
