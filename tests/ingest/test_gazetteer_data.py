"""Validate the actor gazetteer data files in ingest/data/actors/.

Only the standard library (csv) and pycountry are used, so the test says
nothing about how the coder loads the files; it checks the data itself.
"""
import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).resolve().parents[2] / "ingest" / "data" / "actors"
ACTOR_HEADER = ["code", "name", "kind", "qid", "names", "demonyms", "metonyms"]
BODY_HEADER = [*ACTOR_HEADER, "operates_in", "part_of"]
NAMED_ORGAN_HEADER = ["name", "country", "class", "qid", "names"]
ORGAN_HEADER = ["class", "forms", "place"]
ORGAN_CLASSES = {"government", "ministry", "military", "border", "security", "parliament", "court"}
PERSON_HEADER = ["id", "name", "aliases", "short", "qid", "office", "country", "start", "end"]
BODY_KINDS = {"organisation", "group", "initiative", "bloc"}
OFFICES = {
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "un_ambassador", "secretary_general", "high_representative", "opposition_leader",
    "crown_prince", "other",
}
# ISO 3166-1 entries in pycountry that are NOT UN member or observer states
# (dependent territories, special areas, Antarctica, Western Sahara).
NON_MEMBERS = {
    "ALA", "ASM", "AIA", "ATA", "ABW", "BMU", "BES", "BVT", "IOT", "CYM", "CXR", "CCK",
    "COK", "CUW", "FLK", "FRO", "GUF", "PYF", "ATF", "GIB", "GRL", "GLP", "GUM", "GGY",
    "HMD", "HKG", "IMN", "JEY", "MAC", "MTQ", "MYT", "MSR", "NIU", "NFK", "MNP", "NCL",
    "PCN", "PRI", "REU", "BLM", "SHN", "MAF", "SPM", "SXM", "SGS", "SJM", "TKL", "TCA",
    "UMI", "VGB", "VIR", "WLF", "ESH",
}
# observers, Taiwan, Kosovo, and the Cook Islands and Niue (in free association with New Zealand, with foreign
# relations of their own)
EXTRA_STATES = {"PSE", "VAT", "TWN", "XKX", "COK", "NIU"}
REQUIRED_BODIES = {
    "UN", "UNSC", "UNGA", "NATO", "EU", "AL", "GCC", "AU", "ASEAN", "BRICS", "SCO", "OPEC",
    "IAEA", "ICC", "ICJ", "WHO", "WTO", "IMF", "G7", "G20", "OIC", "BRI", "HAMAS",
    "HEZBOLLAH", "HOUTHIS", "TALIBAN", "WST", "POLISARIO",
    # regional organisations of every continent
    "ECOWAS", "SADC", "EAC", "IGAD", "ECCAS", "OAS", "CELAC", "MERCOSUR", "CARICOM", "OSCE", "COE", "PIF",
    "SAARC", "CSTO", "EAEU", "CIS", "QUAD", "AES",
    # armed and militant groups
    "ALSHABAAB", "BOKOHARAM", "ISWAP", "JNIM", "M23", "ADF", "RSF", "WAGNER", "ISIS", "ALQAEDA", "AQAP", "TTP",
    "PIJ", "KH", "HTS", "SDF", "PKK", "FARC", "FARCDISS", "ELN", "ARAKANARMY",
}
# Surface strings deliberately allowed to map to more than one code: (string, codes).
# Keep this empty unless an ambiguity is intended and documented in the README.
ALLOWED_SHARED_SURFACES: dict[str, set[str]] = {}
# Surface strings where a leading "the" is part of the name.
ALLOWED_LEADING_THE = {"the West"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def read(name):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, r)) for r in reader]
    return header, rows


def cells(value):
    return [v for v in value.split("|")] if value else []


@pytest.fixture(scope="module")
def states():
    return read("states.csv")


@pytest.fixture(scope="module")
def bodies():
    return read("bodies.csv")


@pytest.fixture(scope="module")
def persons():
    return read("persons.csv")


@pytest.fixture(scope="module")
def named_organs():
    return read("named_organs.csv")


@pytest.fixture(scope="module")
def organs():
    return read("organs.csv")


def test_headers(states, bodies, persons, named_organs, organs):
    assert states[0] == ACTOR_HEADER
    assert bodies[0] == BODY_HEADER
    assert persons[0] == PERSON_HEADER
    assert named_organs[0] == NAMED_ORGAN_HEADER
    assert organs[0] == ORGAN_HEADER


def test_row_widths():
    for name, width in (("states.csv", 7), ("bodies.csv", 9), ("persons.csv", 9), ("named_organs.csv", 5),
                        ("organs.csv", 3), ("name_cues.csv", 2)):
        with open(DATA / name, encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.reader(f), 1):
                assert len(row) == width, f"{name} line {i}: {row}"


def test_codes_unique_and_disjoint(states, bodies):
    s = [r["code"] for r in states[1]]
    b = [r["code"] for r in bodies[1]]
    assert len(s) == len(set(s))
    assert len(b) == len(set(b))
    assert not set(s) & set(b)
    for code in b:
        assert re.fullmatch(r"[A-Z0-9_]+", code), code
        assert not code.endswith("OPP"), code


def test_every_un_member_and_extra_state_present(states):
    codes = {r["code"] for r in states[1]}
    expected = {c.alpha_3 for c in pycountry.countries} - NON_MEMBERS - EXTRA_STATES
    assert NON_MEMBERS <= {c.alpha_3 for c in pycountry.countries}
    assert len(expected) == 193
    assert expected | EXTRA_STATES == codes
    assert len(codes) >= 199


def test_state_rows(states):
    for r in states[1]:
        assert r["kind"] == "state"
        assert r["name"].strip() == r["name"] and r["name"]
        if r["code"] != "XKX":
            assert pycountry.countries.get(alpha_3=r["code"]) is not None, r["code"]


def test_body_rows(states, bodies):
    codes = {r["code"] for r in bodies[1]}
    state_codes = {r["code"] for r in states[1]}
    assert REQUIRED_BODIES <= codes, REQUIRED_BODIES - codes
    for r in bodies[1]:
        assert r["kind"] in BODY_KINDS, r
        assert r["name"]
        assert set(cells(r["operates_in"])) <= state_codes, r
        if r["kind"] == "group":
            assert r["operates_in"], f"{r['code']}: a group says where it operates"


def test_named_organs(states, named_organs):
    state_codes = {r["code"] for r in states[1]}
    names = [r["name"] for r in named_organs[1]]
    assert len(names) == len(set(names))
    for r in named_organs[1]:
        assert r["country"] in state_codes, r
        assert r["class"] in ORGAN_CLASSES, r
        assert r["qid"] == "" or re.fullmatch(r"Q[1-9]\d*", r["qid"]), r
    assert {"FSB", "IRGC", "Mossad", "PLA", "CCG"} <= {s for r in named_organs[1] for s in cells(r["names"]) + [r["name"]]}


def test_organ_forms(organs):
    forms = [f for r in organs[1] for f in cells(r["forms"])]
    assert len(forms) == len(set(forms)), {f for f in forms if forms.count(f) > 1}
    for r in organs[1]:
        assert r["class"] in ORGAN_CLASSES and r["place"] in ("yes", "no"), r
        for f in cells(r["forms"]):
            assert f == f.lower() == f.strip() and "  " not in f, f
    for needed in ("coast guard", "foreign ministry", "navy", "air force", "border guards", "intelligence service",
                   "parliament", "supreme court", "junta", "military-led government", "authorities"):
        assert needed in forms, needed


def test_qids_well_formed(states, bodies, persons):
    for r in states[1] + bodies[1] + persons[1]:
        assert r["qid"] == "" or re.fullmatch(r"Q[1-9]\d*", r["qid"]), r


def test_qids_unique_per_actor(states, bodies, persons):
    owner = {}
    for r in states[1] + bodies[1]:
        if r["qid"]:
            assert owner.setdefault(r["qid"], r["code"]) == r["code"], r["qid"]
    for r in persons[1]:
        if r["qid"]:
            assert owner.setdefault(r["qid"], r["id"]) == r["id"], r["qid"]


def surfaces(row):
    return [row["name"]] + cells(row["names"]) + cells(row.get("demonyms", "")) + cells(row.get("metonyms", ""))


def owned_surfaces(states, bodies, named_organs):
    """(code, surface) of every state, body and named organ (an organ's surfaces are its state's)."""
    for r in states[1] + bodies[1]:
        for s in surfaces(r):
            yield r["code"], s
    for r in named_organs[1]:
        for s in surfaces(r):
            yield r["country"], s


def test_surface_strings_clean(states, bodies, named_organs):
    for code, s in owned_surfaces(states, bodies, named_organs):
        assert s and s == s.strip() and "  " not in s, (code, s)
        if s.lower().startswith("the ") and s not in ALLOWED_LEADING_THE:
            pytest.fail(f"{code}: drop the leading 'the' from {s!r}")


def test_no_surface_maps_to_two_codes(states, bodies, named_organs):
    owners = defaultdict(set)
    for code, s in owned_surfaces(states, bodies, named_organs):
        owners[s.removeprefix("the ")].add(code)
    clashes = {
        s: c for s, c in owners.items()
        if len(c) > 1 and ALLOWED_SHARED_SURFACES.get(s) != c
    }
    assert not clashes, clashes


def parse_date(value):
    assert DATE_RE.fullmatch(value), value
    parts = [int(p) for p in value.split("-")]
    dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return tuple(parts)


def test_person_rows(states, bodies, persons):
    states_codes = {r["code"] for r in states[1]}
    known = states_codes | {r["code"] for r in bodies[1]}
    names_by_id = {}
    for r in persons[1]:
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", r["id"]), r["id"]
        assert names_by_id.setdefault(r["id"], r["name"]) == r["name"], r["id"]
        assert r["office"] in OFFICES, r
        c = r["country"]
        if c.endswith("OPP") and c[:-3] in states_codes:
            assert r["office"] == "opposition_leader", r
        else:
            assert c in known, r
        assert r["start"], r
        start = parse_date(r["start"])
        if r["end"]:
            end = parse_date(r["end"])
            # compare only at the precision both dates share
            n = min(len(start), len(end))
            assert start[:n] <= end[:n], r
        assert r["name"] not in cells(r["aliases"]), r
        for s in cells(r["aliases"]) + cells(r["short"]):
            assert s and s == s.strip(), r


def test_person_terms_do_not_repeat(persons):
    seen = set()
    for r in persons[1]:
        key = (r["id"], r["office"], r["country"], r["start"])
        assert key not in seen, key
        seen.add(key)


def test_a_un_programme_is_its_own_actor_and_reports_the_un_as_what_it_represents():
    from diplokg.ingest.gazetteer import load_gazetteer

    actors = load_gazetteer().actors
    assert actors["UNHRC"].represents() == "UN" and actors["UNHRC"].code == "UNHRC"
    # the shared guide's own codes stand for themselves
    assert actors["UNSC"].represents() == "UNSC" and actors["IAEA"].represents() == "IAEA"
