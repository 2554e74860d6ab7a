"""Validation of the shipped CAMEO codebook, ``graph/data/cameo.ttl`` (SKOS, CAMEO 1.1b3 + GDELT Goldstein)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

CAMEO_TTL = Path(__file__).parents[2] / "graph" / "data" / "cameo.ttl"
DK = Namespace("https://w3id.org/diplokg/vocab#")
CAMEO = Namespace("https://w3id.org/diplokg/cameo/")
SCHEME = URIRef(str(CAMEO))
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def expected_quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(CAMEO_TTL, format="turtle")


@pytest.fixture(scope="module")
def concepts(graph):
    """notation string -> concept URI"""
    out = {}
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        notations = list(graph.objects(concept, SKOS.notation))
        assert len(notations) == 1, f"{concept} has {len(notations)} notations"
        code = str(notations[0])
        assert code not in out, f"duplicate notation {code}"
        out[code] = concept
    return out


def one(graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"{subject} has {len(values)} values for {predicate}"
    return values[0]


def test_parses_and_has_a_scheme(graph):
    assert len(graph) > 0
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in graph
    assert str(one(graph, SCHEME, SKOS.prefLabel)) == "CAMEO event codebook"


def test_enough_concepts(concepts):
    assert len(concepts) >= 280


def test_notations_are_digit_strings(concepts):
    for code, concept in concepts.items():
        assert re.fullmatch(r"\d{2,4}", code), code
        assert concept == CAMEO[code], f"{concept} does not match its notation {code}"


def test_every_concept_in_scheme_with_one_label(graph, concepts):
    for code, concept in concepts.items():
        assert (concept, SKOS.inScheme, SCHEME) in graph, code
        label = one(graph, concept, SKOS.prefLabel)
        assert isinstance(label, Literal) and label.language == "en" and str(label).strip(), code


def test_roots_are_the_twenty_top_concepts(graph, concepts):
    roots = {code for code in concepts if len(code) == 2}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    tops = set(graph.objects(SCHEME, SKOS.hasTopConcept))
    assert tops == {concepts[r] for r in roots}
    for r in roots:
        assert (concepts[r], SKOS.topConceptOf, SCHEME) in graph
        assert not list(graph.objects(concepts[r], SKOS.broader)), r


def test_root_matches_first_two_digits(graph, concepts):
    for code, concept in concepts.items():
        root = one(graph, concept, DK.cameoRoot)
        assert str(root) == code[:2], code
        assert code[:2] in concepts, f"no root concept for {code}"


def test_quad_class(graph, concepts):
    for code, concept in concepts.items():
        quad = one(graph, concept, DK.quadClass)
        assert quad.datatype == XSD_INTEGER, code
        assert quad.toPython() == expected_quad(code[:2]), code


def test_goldstein_range(graph, concepts):
    for code, concept in concepts.items():
        g = one(graph, concept, DK.goldstein)
        assert g.datatype == XSD_DECIMAL, code
        assert Decimal(-10) <= g.toPython() <= Decimal(10), code


def test_root_goldstein_is_that_of_its_x0_code(graph, concepts):
    for code, concept in concepts.items():
        if len(code) == 2:
            x0 = concepts[code + "0"]
            assert one(graph, concept, DK.goldstein).toPython() == one(graph, x0, DK.goldstein).toPython(), code


def test_broader_is_existing_prefix(graph, concepts):
    for code, concept in concepts.items():
        if len(code) == 2:
            continue
        parent = one(graph, concept, SKOS.broader)
        parent_codes = [c for c, uri in concepts.items() if uri == parent]
        assert parent_codes, f"{code}: broader {parent} is not a concept"
        parent_code = parent_codes[0]
        assert code.startswith(parent_code), code
        assert len(parent_code) == (3 if len(code) == 4 else 2), code


@pytest.mark.parametrize(
    "code, label, root, quad, goldstein",
    [
        ("057", "Sign formal agreement", "05", 1, "8.0"),
        ("045", "Mediate", "04", 1, "5.0"),
        ("129", "Veto", "12", 3, "-5.0"),
        ("163", "Impose embargo, boycott, or sanctions", "16", 4, "-8.0"),
        ("190", None, "19", 4, "-10.0"),
        ("0874", "Retreat or surrender militarily", "08", 2, "10.0"),
        ("161", "Reduce or break diplomatic relations", "16", 4, "-4.0"),
        ("054", "Grant diplomatic recognition", "05", 1, "6.0"),
        ("036", "Express intent to meet or negotiate", "03", 1, "4.0"),
        ("050", "Engage in diplomatic cooperation, not specified below", "05", 1, "3.5"),
        ("042", "Make a visit", "04", 1, "1.9"),
        ("172", None, "17", 4, "-5.0"),
        ("195", None, "19", 4, "-10.0"),
        ("01", "Make public statement", "01", 1, "0.0"),
        ("04", "Consult", "04", 1, "1.0"),
        ("05", "Engage in diplomatic cooperation", "05", 1, "3.5"),
        ("12", "Reject", "12", 3, "-4.0"),
        ("16", "Reduce relations", "16", 4, "-4.0"),
    ],
)
def test_spot_checks(graph, concepts, code, label, root, quad, goldstein):
    assert code in concepts
    concept = concepts[code]
    if label is not None:
        assert str(one(graph, concept, SKOS.prefLabel)) == label
    assert str(one(graph, concept, DK.cameoRoot)) == root
    assert one(graph, concept, DK.quadClass).toPython() == quad
    assert one(graph, concept, DK.goldstein).toPython() == Decimal(goldstein)


def test_parents_of_spot_checks(graph, concepts):
    assert one(graph, concepts["057"], SKOS.broader) == concepts["05"]
    assert one(graph, concepts["0874"], SKOS.broader) == concepts["087"]
    assert one(graph, concepts["1721"], SKOS.broader) == concepts["172"]
