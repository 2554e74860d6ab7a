"""The lexicon and grammar files: loading, validation, inflection and matching."""

from __future__ import annotations

import pytest
from diplokg.errors import DataError
from diplokg.ingest.lexicon import load_grammar, load_lexicon


def test_patterns_match_every_inflection():
    lex = load_lexicon()
    for words in (["they", "met"], ["they", "meet"], ["they", "meets"], ["they", "meeting"]):
        assert [t.entry.code for t in lex.match(words, set())] == ["040"]


def test_gaps_skip_words_but_not_actors():
    lex = load_lexicon()
    words = ["cut", "their", "long", "-", "standing", "ties"]
    assert [t.entry.code for t in lex.match(words, set())] == ["161"]
    assert lex.match(words, {1}) == []


def test_longest_pattern_wins():
    lex = load_lexicon()
    trig = lex.match(["a", "strategic", "partnership"], set())
    assert [(t.pattern, t.start, t.end) for t in trig] == [("strategic partnership", 1, 3)]


@pytest.mark.parametrize("yaml_text, message", [
    ('- code: "999"\n  pos: verb\n  patterns: [meet]\n', "not a CAMEO code"),
    ('- code: "040"\n  pos: adverb\n  patterns: [meet]\n', "pos must be"),
    ('- code: "040"\n  pos: verb\n  patterns: [meet]\n  prepositions: [on]\n', "booleans"),
    ('- code: "040"\n  pos: verb\n', "patterns"),
    ("- [unclosed", "not valid YAML"),
])
def test_bad_lexicon_files_are_clear_errors(tmp_path, yaml_text, message):
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml_text)
    with pytest.raises(DataError, match=message):
        load_lexicon(path)


def test_grammar_words_are_strings():
    grammar = load_grammar()
    assert "on" in grammar.words["prepositions"]  # YAML would read a bare `on` as True
    assert all(isinstance(w, str) for words in grammar.words.values() for w in words)
    assert ("foreign", "ministers") in grammar.phrases["organs"]  # plurals are derived
    assert "held" in grammar.light_verb_forms and "said" in grammar.reporting_forms
