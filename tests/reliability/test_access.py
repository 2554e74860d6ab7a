"""Access, against a real ``diplokg serve``: every write endpoint refuses a request without the token, with a wrong
one, with the token in the query string or in another scheme; writes are off when no token is configured; CORS
is closed unless origins are configured, and then open to those only."""

from __future__ import annotations

import httpx
import pytest

ARTICLE = {"id": "access-1", "text": "Saudi Arabia and Iran agreed on Friday to restore ties."}
SEED_ID = "access-seed"


def write_endpoints(base: str) -> list[tuple[str, str]]:
    """(method, path) of every operation that can write, from the served OpenAPI document (SPARQL's POST is a
    query, read-only: it has its own tests)."""
    paths = httpx.get(f"{base}/openapi.json", timeout=30).json()["paths"]
    return sorted((method.upper(), path) for path, ops in paths.items() for method in ops
                  if method in ("post", "put", "patch", "delete") and path != "/sparql")


def send(base: str, method: str, path: str, **kwargs) -> httpx.Response:
    path = path.replace("{article_id}", SEED_ID)
    body = {"json": ARTICLE} if method in ("POST", "PUT", "PATCH") else {}
    return httpx.request(method, f"{base}{path}", timeout=30, **body, **kwargs)


@pytest.fixture(scope="module")
def served(tmp_path_factory, server, token):
    store = tmp_path_factory.mktemp("access") / "store"
    with server(store, token=token) as s:
        created = httpx.post(f"{s.url}/articles", json={"id": SEED_ID, "text": "Egypt and Israel signed a deal."},
                             headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert created.status_code == 201, created.text
        yield s


def test_writes_without_the_right_token_are_refused(served, token, figures):
    base = served.url
    endpoints = write_endpoints(base)
    assert endpoints == [("DELETE", "/articles/{article_id}"), ("POST", "/articles")], endpoints
    attempts = {
        "no token": {},
        "wrong token": {"headers": {"Authorization": "Bearer not-the-token"}},
        "token with a suffix": {"headers": {"Authorization": f"Bearer {token}x"}},
        "token prefix": {"headers": {"Authorization": f"Bearer {token[:-1]}"}},
        "bare scheme": {"headers": {"Authorization": "Bearer"}},
        "basic scheme": {"headers": {"Authorization": f"Basic {token}"}},
        "token alone": {"headers": {"Authorization": token}},
        "token header": {"headers": {"X-API-Token": token}},
        "cookie": {"cookies": {"token": token}},
        "query token=": {"params": {"token": token}},
        "query api_token=": {"params": {"api_token": token}},
        "query access_token=": {"params": {"access_token": token}},
        "query token and header": {"params": {"token": token}, "headers": {"Authorization": f"Bearer {token}"}},
    }
    before = httpx.get(f"{base}/health", timeout=30).json()
    refused = 0
    for method, path in endpoints:
        for name, kwargs in attempts.items():
            response = send(base, method, path, **kwargs)
            assert response.status_code in (400, 401, 403), (method, path, name, response.status_code)
            assert response.headers["content-type"].startswith("application/problem+json")
            refused += 1
    assert httpx.get(f"{base}/health", timeout=30).json() == before, "a refused write changed the store"
    # and the right token in the header works (the refusals above were not for another reason)
    ok = send(base, "POST", "/articles", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 201, ok.text
    figures["access"] = {"write_endpoints": len(endpoints), "attempts_per_endpoint": len(attempts),
                         "refused": refused, "failures": 0}


def test_no_configured_token_means_no_writes(tmp_path, server, token):
    with server(tmp_path / "store", token=None) as s:
        for method, path in write_endpoints(s.url):
            response = send(s.url, method, path, headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 403 and "DIPLOKG_API_TOKEN" in response.json()["detail"]


def preflight(base: str, origin: str, method: str = "POST") -> httpx.Response:
    return httpx.options(f"{base}/articles", timeout=30, headers={
        "Origin": origin, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization,content-type"})


def test_cors_is_closed_unless_configured(served, tmp_path, server):
    for origin in ("https://evil.example", "null", served.url):
        assert "access-control-allow-origin" not in preflight(served.url, origin).headers
        plain = httpx.get(f"{served.url}/health", headers={"Origin": origin}, timeout=30)
        assert "access-control-allow-origin" not in plain.headers
    allowed = "https://dashboard.example"
    with server(tmp_path / "store", env={"DIPLOKG_CORS_ORIGINS": f'["{allowed}"]'}) as s:
        yes = preflight(s.url, allowed)
        assert yes.status_code == 200 and yes.headers["access-control-allow-origin"] == allowed
        assert "access-control-allow-credentials" not in yes.headers
        assert preflight(s.url, allowed, method="DELETE").status_code == 400  # only GET and POST
        for origin in ("https://evil.example", "https://dashboard.example.evil", "null"):
            assert "access-control-allow-origin" not in preflight(s.url, origin).headers
            plain = httpx.get(f"{s.url}/health", headers={"Origin": origin}, timeout=30)
            assert "access-control-allow-origin" not in plain.headers
