"""/export and /export/network: files with the right media type and name, parseable by other tools."""

from __future__ import annotations

import csv
import io
import tempfile

import pytest
import rdflib
from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"


class StubNetwork:
    """Stands in for the networkx layer: the three serialisations the router calls."""

    def to_gexf(self) -> str:
        return ('<?xml version="1.0" encoding="utf-8"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph>'
                '<nodes><node id="CHN" label="China"/><node id="SYR" label="Syria"/></nodes>'
                '<edges><edge source="CHN" target="SYR" weight="2"/></edges></graph></gexf>')

    def to_graphml(self) -> str:
        return ('<?xml version="1.0" encoding="utf-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
                '<graph edgedefault="directed"><node id="CHN"/><node id="SYR"/>'
                '<edge source="CHN" target="SYR"/></graph></graphml>')

    def edges_csv(self) -> str:
        return "source,target,events,goldstein\nCHN,SYR,2,7.0\nSYR,CHN,1,5.2 — «Assad»\n"


@pytest.fixture(scope="module")
def client(store):
    from diplokg.api.app import create_app
    from diplokg.api.settings import Settings

    with TestClient(create_app(Settings(warm=False), store=store)) as client:  # (no build racing the stub)
        client.app.state.service._network = StubNetwork()
        yield client


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    return response.json()


# -- RDF ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "media", "filename", "rdflib_format", "dataset"), [
    ("trig", "application/trig", "diplokg.trig", "trig", True),
    ("nquads", "application/n-quads", "diplokg.nq", "nquads", True),
    ("jsonld", "application/ld+json", "diplokg.jsonld", "json-ld", True),
    ("turtle", "text/turtle", "diplokg.ttl", "turtle", False),
    ("nt", "application/n-triples", "diplokg.nt", "nt", False),
])
def test_export_formats_parse(client, store, fmt, media, filename, rdflib_format, dataset):
    response = client.get("/export", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    if dataset:
        parsed = rdflib.Dataset()
        parsed.parse(data=response.content, format=rdflib_format)
        assert len(list(parsed.quads((None, None, None, None)))) == store.count_quads()
        assert len(set(parsed.graphs())) >= len(store.named_graphs())
    else:
        parsed = rdflib.Graph().parse(data=response.content, format=rdflib_format)
        assert len(parsed) == store.count_triples()


@pytest.mark.parametrize(("accept", "media"), [
    (None, "application/trig"),
    ("*/*", "application/trig"),
    ("text/turtle", "text/turtle"),
    ("application/ld+json;q=0.4, application/n-quads;q=0.8", "application/n-quads"),
])
def test_export_format_by_accept(client, accept, media, get_accepting):
    response = get_accepting(client, "/export", accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media


def test_format_wins_over_accept(client):
    response = client.get("/export", params={"format": "nt"}, headers={"Accept": "text/turtle"})
    assert response.headers["content-type"] == "application/n-triples"


def test_export_leaves_no_temporary_file(client, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert client.get("/export", params={"format": "nt"}).status_code == 200
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("path", "params", "headers", "status"), [
    ("/export", {"format": "rdfxml"}, {}, 422),
    ("/export", {"format": "trig", "graph": "x"}, {}, 400),
    ("/export", {}, {"Accept": "image/png"}, 406),
    ("/export/network", {"format": "dot"}, {}, 422),
    ("/export/network", {"fmt": "csv"}, {}, 400),
    ("/export/network", {}, {"Accept": "application/pdf"}, 406),
])
def test_export_refusals(client, path, params, headers, status):
    body = assert_problem(client.get(path, params=params, headers=headers), status)
    assert body["detail"]
    if status == 406:
        assert body["offered"]


# -- network -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "media", "filename"), [
    ("gexf", "application/gexf+xml", "diplokg-network.gexf"),
    ("graphml", "application/graphml+xml", "diplokg-network.graphml"),
    ("csv", "text/csv", "diplokg-edges.csv"),
])
def test_network_formats(client, fmt, media, filename):
    import xml.etree.ElementTree as ET

    response = client.get("/export/network", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
        assert rows[0] == {"source": "CHN", "target": "SYR", "events": "2", "goldstein": "7.0"}
        assert "«Assad»" in rows[1]["goldstein"]
    else:
        root = ET.fromstring(response.content)
        assert root.tag.endswith("gexf" if fmt == "gexf" else "graphml")


@pytest.mark.parametrize(("accept", "media"), [
    (None, "application/gexf+xml"),
    ("text/csv", "text/csv"),
    ("application/graphml+xml, application/gexf+xml;q=0.5", "application/graphml+xml"),
])
def test_network_format_by_accept(client, accept, media, get_accepting):
    response = get_accepting(client, "/export/network", accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media


def test_openapi_lists_the_export_media_types(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    rdf = paths["/export"]["get"]
    assert set(rdf["responses"]["200"]["content"]) == {
        "application/trig", "application/n-quads", "text/turtle", "application/n-triples", "application/ld+json"}
    fmt = next(p for p in rdf["parameters"] if p["name"] == "format")
    assert fmt["description"]
    assert set(spec["components"]["schemas"]["RdfExportFormat"]["enum"]) == {"trig", "nquads", "turtle", "nt", "jsonld"}
    network = paths["/export/network"]["get"]
    assert set(network["responses"]["200"]["content"]) == {
        "application/gexf+xml", "application/graphml+xml", "text/csv"}
