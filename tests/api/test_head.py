"""HEAD answers wherever GET does: the GET's status and headers, no body (load balancers and uptime checks)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", [
    "/health", "/events?limit=2", "/actors/CHN", "/relations?source=CHN&target=SYR", "/articles",
    "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D", "/graph", "/static/graph.js", "/docs", "/openapi.json",
])
def test_head_answers_as_get_without_a_body(client, path):
    get, head = client.get(path), client.head(path)
    assert get.status_code == 200 and get.content
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("content-length") == get.headers.get("content-length")


@pytest.mark.parametrize("path", ["/no/such/thing", "/actors/NOSUCHACTOR"])
def test_head_on_what_is_not_there_is_404(client, path):
    head = client.head(path)
    assert head.status_code == 404 and head.content == b""
    assert head.headers["content-type"] == "application/problem+json"
