"""The diplokg vocabulary as a DefinedNamespace, mirroring ``data/vocab.ttl`` (a test keeps them in step)."""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["BASE", "CAMEO", "DK", "GEO", "OA", "PROV", "SCHEMA", "SEM", "WD"]

BASE = "https://w3id.org/diplokg/"
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
CAMEO = Namespace(BASE + "cameo/")
WD = Namespace("http://www.wikidata.org/entity/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")


class DK(DefinedNamespace):
    """Terms of ``https://w3id.org/diplokg/vocab#``; an unknown term is an error (``_fail = True``)."""

    _NS = Namespace("https://w3id.org/diplokg/vocab#")
    _fail = True

    Asserted: URIRef
    DyadTally: URIRef
    tallyCodes: URIRef
    tallyEvents: URIRef
    tallyFirst: URIRef
    tallyGoldstein: URIRef
    tallyLast: URIRef
    tallyPage: URIRef
    tallyScored: URIRef
    tallySource: URIRef
    tallyTarget: URIRef
    Import: URIRef
    importFile: URIRef
    Place: URIRef
    cameoBaseCode: URIRef
    complete: URIRef
    countryCode: URIRef
    featureId: URIRef
    numArticles: URIRef
    numMentions: URIRef
    numSources: URIRef
    place: URIRef
    ploverMode: URIRef
    rows: URIRef
    ploverType: URIRef
    about: URIRef
    Bloc: URIRef
    Evidence: URIRef
    Future: URIRef
    Group: URIRef
    IngestActivity: URIRef
    Initiative: URIRef
    Modality: URIRef
    Negated: URIRef
    Organisation: URIRef
    Position: URIRef
    State: URIRef
    agreedWith: URIRef
    aids: URIRef
    appealedTo: URIRef
    assaulted: URIRef
    cameoCode: URIRef
    cameoRoot: URIRef
    code: URIRef
    coderVersion: URIRef
    coerced: URIRef
    confidence: URIRef
    consulted: URIRef
    contentHash: URIRef
    cooperatesWith: URIRef
    count: URIRef
    country: URIRef
    criticises: URIRef
    cutTiesWith: URIRef
    date: URIRef
    datePrecision: URIRef
    demandedOf: URIRef
    evidence: URIRef
    expelledOrWithdrew: URIRef
    foughtAgainst: URIRef
    goldstein: URIRef
    holds: URIRef
    hosted: URIRef
    investigated: URIRef
    kind: URIRef
    massViolenceAgainst: URIRef
    mediatedFor: URIRef
    memberOf: URIRef
    metWith: URIRef
    militaryPostureAgainst: URIRef
    modality: URIRef
    negotiatedWith: URIRef
    ofActor: URIRef
    office: URIRef
    partnerOf: URIRef
    pattern: URIRef
    permanentMemberOf: URIRef
    pledgedTo: URIRef
    protestsAgainst: URIRef
    quadClass: URIRef
    recognised: URIRef
    reducedTiesWith: URIRef
    rejects: URIRef
    relation: URIRef
    sanctions: URIRef
    source: URIRef
    statedAbout: URIRef
    supports: URIRef
    target: URIRef
    threatens: URIRef
    trigger: URIRef
    vetoedAt: URIRef
    visited: URIRef
    yieldedTo: URIRef
