"""The RDF model: vocabulary, codebook, relation mapping and the triples of one event."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from diplokg.errors import DataError
from diplokg.graph.model import Actor, Event, Evidence, codebook, event_triples, quad_class, relation_for
from diplokg.graph.namespace import DK, SEM
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

VOCAB = Path(__file__).parents[2] / "graph" / "data" / "vocab.ttl"


def test_vocabulary_and_namespace_declare_the_same_terms():
    ttl_terms = set(re.findall(r"^dk:(\w+) a ", VOCAB.read_text(), re.MULTILINE))
    class_terms = {name for name in DK.__annotations__}
    assert ttl_terms == class_terms
    with pytest.raises(AttributeError):
        DK.noSuchTerm  # noqa: B018 - _fail = True makes a typo an error


@pytest.mark.parametrize("code, quad", [("010", 1), ("057", 1), ("0571", 1), ("061", 2), ("0874", 2),
                                        ("111", 3), ("129", 3), ("1411", 3), ("163", 4), ("190", 4), ("204", 4)])
def test_quad_class_follows_gdelt(code, quad):
    assert quad_class(code) == quad


def test_quad_class_rejects_non_codes():
    with pytest.raises(DataError):
        quad_class("21")


def test_codebook_has_every_code_as_string():
    book = codebook()
    assert len(book) >= 280
    assert book["057"].label == "Sign formal agreement" and book["057"].goldstein == 8.0
    assert book["045"].root == "04" and book["129"].quad == 3
    assert all(isinstance(c, str) and c.isdigit() for c in book)


@pytest.mark.parametrize("code, prop, symmetric", [
    ("057", "agreedWith", True), ("0571", "agreedWith", True), ("045", "mediatedFor", False),
    ("129", "vetoedAt", False), ("163", "sanctions", False), ("161", "cutTiesWith", False),
    ("051", "supports", False), ("040", "consulted", False), ("190", "foughtAgainst", False),
])
def test_relation_by_longest_code_prefix(code, prop, symmetric):
    assert relation_for(code) == (DK._NS[prop], symmetric)


def test_lexicon_relation_override_wins():
    assert relation_for("050", "partnerOf") == (DK.partnerOf, True)
    assert relation_for("050", "memberOf") == (DK.memberOf, False)


def test_event_is_n_ary_node_with_direct_relation():
    chn, syr = Actor("CHN", "China", "state"), Actor("SYR", "Syria", "state")
    ev = Event(chn, syr, "050", "2023-09", "month", count=None, confidence=0.8,
               evidence=[Evidence("China and Syria …", 10, 40, "partnership")], relation="partnerOf")
    g = Graph()
    for t in event_triples(ev, "a1"):
        g.add(t)
    node = next(g.subjects(RDF.type, SEM.Event))
    assert g.value(node, DK.cameoCode) == Literal("050")
    assert g.value(node, DK.date) == Literal("2023-09", datatype=XSD.gYearMonth)
    assert g.value(node, DK.quadClass).toPython() == 1
    chn_iri, syr_iri = URIRef("https://w3id.org/diplokg/id/actor/CHN"), URIRef("https://w3id.org/diplokg/id/actor/SYR")
    assert (chn_iri, DK.partnerOf, syr_iri) in g and (syr_iri, DK.partnerOf, chn_iri) in g
    ev_node = g.value(node, DK.evidence)
    assert int(g.value(ev_node, URIRef("http://www.w3.org/ns/oa#start"))) == 10


def test_future_events_assert_no_relation():
    chn, syr = Actor("CHN", "China", "state"), Actor("SYR", "Syria", "state")
    g = Graph()
    for t in event_triples(Event(chn, syr, "057", modality="future"), "a1"):
        g.add(t)
    assert not list(g.triples((None, DK.agreedWith, None)))


def test_every_relation_property_is_declared():
    g = Graph().parse(VOCAB)
    for code in ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
                 "17", "18", "19", "20"):
        prop, _ = relation_for(code + "0")
        assert (prop, RDF.type, OWL.ObjectProperty) in g
