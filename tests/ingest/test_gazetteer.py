"""Gazetteer families as the coder sees them: names, short names, demonyms, metonyms, persons with offices,
bodies, initiatives, the West and opposition groups."""

from __future__ import annotations

import pytest
from diplokg.ingest.gazetteer import load_gazetteer, tokenize_surface
from diplokg.ingest.lexicon import load_grammar
from diplokg.ingest.mentions import DocState, find_mentions


def mentions(coder, text: str, state: DocState | None = None):
    doc = coder.nlp(text)
    tokens = [t.text for t in doc]
    found = find_mentions(tokens, [t.lower() for t in tokens], load_gazetteer(), load_grammar(), state or DocState())
    return [(m.actor.code, m.actor.represents(), m.weak) for m in found]


@pytest.mark.parametrize("text, code", [
    ("Syria", "SYR"), ("the United States", "USA"), ("the U.S.", "USA"), ("Britain", "GBR"), ("the UAE", "ARE"),
    ("North Korea", "PRK"), ("South Korea", "KOR"), ("Taiwan", "TWN"), ("Kosovo", "XKX"), ("Palestine", "PSE"),
    ("Holy See", "VAT"), ("São Tomé and Príncipe", "STP"),
])
def test_state_names(coder, text, code):
    assert mentions(coder, f"They met {text} today.")[0][0] == code


@pytest.mark.parametrize("text, code", [
    ("Beijing", "CHN"), ("the Kremlin", "RUS"), ("Washington", "USA"), ("the White House", "USA"),
    ("Tehran", "IRN"), ("Riyadh", "SAU"), ("Pyongyang", "PRK"), ("Downing Street", "GBR"),
])
def test_capitals_and_seats_stand_for_the_state(coder, text, code):
    assert mentions(coder, f"On Monday {text} said no.")[0][0] == code


@pytest.mark.parametrize("text, code, weak", [
    ("Syrian forces", "SYR", False), ("Emirati officials", "ARE", False), ("a Chinese city", "CHN", True),
    ("the Belarusian foreign ministry", "BLR", False),
])
def test_demonyms(coder, text, code, weak):
    assert mentions(coder, f"We saw {text} there.")[0] == (code, code, weak)


@pytest.mark.parametrize("text, code, country", [
    ("Chinese President Xi Jinping", "xi_jinping", "CHN"), ("Vladimir Putin", "vladimir_putin", "RUS"),
    ("Bashar al-Assad", "bashar_al_assad", "SYR"), ("Mohammed bin Salman", "mohammed_bin_salman", "SAU"),
    ("Sviatlana Tsikhanouskaya", "sviatlana_tsikhanouskaya", "BLROPP"),
])
def test_persons_report_their_state(coder, text, code, country):
    assert mentions(coder, f"Yesterday {text} spoke.")[0][:2] == (code, country)


def test_persons_hold_dated_offices():
    xi = load_gazetteer().actors["xi_jinping"]
    office = next(p for p in xi.positions if p.office == "head_of_state")
    assert (office.of, office.start, office.end) == ("CHN", "2013-03-14", None)
    assert office.valid_on("2023-09-22") and not office.valid_on("2012-01-01")


def test_short_name_needs_the_full_name_first_when_it_is_a_word(coder):
    state = DocState()
    assert mentions(coder, "Moon rose.", state) == []
    mentions(coder, "Moon Jae-in spoke.", state)
    assert mentions(coder, "Then Moon left.", state)[0][1] == "KOR"


@pytest.mark.parametrize("text, code", [
    ("the UN Security Council", "UNSC"), ("the United Nations", "UN"), ("NATO", "NATO"), ("the European Union", "EU"),
    ("the Arab League", "AL"), ("the Belt and Road Initiative", "BRI"), ("Hamas", "HAMAS"), ("the Houthis", "HOUTHIS"),
    ("the West", "WST"), ("the IAEA", "IAEA"),
])
def test_bodies_groups_and_initiatives(coder, text, code):
    assert mentions(coder, f"Later {text} said so.")[0][0] == code


@pytest.mark.parametrize("text, code", [("the Syrian opposition", "SYROPP"), ("Venezuelan protesters", "VENOPP")])
def test_opposition(coder, text, code):
    assert mentions(coder, f"Later {text} said so.")[0][0] == code


def test_wire_dateline_in_capitals_is_not_an_actor(coder):
    assert [c for c, _, _ in mentions(coder, "PARIS, Sept 18 — France has recalled its envoy.")] == ["FRA", "FRA"]


def test_surface_tokens_follow_the_text_tokenizer():
    assert tokenize_surface("Guinea-Bissau") == ("Guinea", "-", "Bissau")
    assert tokenize_surface("The West") == ("the", "West")


def test_a_hyphenated_name_is_found_with_a_space_too():
    from diplokg.ingest.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert gaz.longest(("Timor", "Leste", "signed"), 0)[:2] == (2, "TLS")
    assert gaz.longest(("Timor", "-", "Leste"), 0)[:2] == (3, "TLS")
    # near miss: a hyphen-less variant never takes another actor's name
    assert gaz.longest(("Guinea", "signed"), 0)[1] == "GIN"


def test_a_name_is_found_without_its_accents_too():
    from diplokg.ingest.gazetteer import Gazetteer

    gaz = Gazetteer(actors={})
    gaz.add_surface("Zorbá Républic", "ZZZ", "name")
    assert gaz.longest(("Zorba", "Republic"), 0)[:2] == (2, "ZZZ")
    assert gaz.longest(("Zorbá", "Républic"), 0)[:2] == (2, "ZZZ")
    # near miss: folding is no fuzzy match
    assert gaz.longest(("Zorbo", "Republic"), 0) is None
