"""No anonymous request succeeds; a cookie-authenticated POST needs the XSRF header."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

ROUTES = [
    ("POST", "lint", {"path": "a.ipynb", "notebook": {}}),
    (
        "POST",
        "fix",
        {"path": "a.ipynb", "notebook": {}, "code": "NBP002", "cell_id": None},
    ),
    ("POST", "export", {"path": "a.ipynb", "dry_run": True}),
    ("GET", "rules", None),
    ("GET", "rules/NBP002", None),
]


@pytest.fixture(params=["default", "strict"])
def jp_server_config(request) -> dict[str, Any]:
    server: dict[str, Any] = {
        "jpserver_extensions": {"nbprod": True},
        "allow_root": True,
    }
    if request.param == "strict":
        server["allow_unauthenticated_access"] = False
    return {"ServerApp": server}


def url(port: int, base: str, route: str) -> str:
    return f"http://localhost:{port}{base}nbprod/{route}"


@pytest.mark.parametrize(("method", "route", "body"), ROUTES)
async def test_every_route_refuses_anonymous_requests(
    jp_serverapp, http_server, jp_http_port, jp_base_url, method, route, body
):
    request = HTTPRequest(
        url(jp_http_port, jp_base_url, route),
        method=method,
        body=None if body is None else json.dumps(body),
        follow_redirects=False,
    )
    with pytest.raises(HTTPClientError) as info:
        await AsyncHTTPClient().fetch(request)
    assert info.value.code in (403, 302)
    if info.value.code == 302:
        assert method == "GET" and "login" in info.value.response.headers["Location"]


@pytest.mark.parametrize(("method", "route", "body"), ROUTES)
async def test_a_wrong_token_is_refused(
    jp_serverapp, http_server, jp_http_port, jp_base_url, method, route, body
):
    request = HTTPRequest(
        url(jp_http_port, jp_base_url, route),
        method=method,
        headers={"Authorization": "token not-the-token"},
        body=None if body is None else json.dumps(body),
        follow_redirects=False,
    )
    with pytest.raises(HTTPClientError) as info:
        await AsyncHTTPClient().fetch(request)
    assert info.value.code in (403, 302)


async def _login_cookie(port: int, base: str, token: str) -> str:
    response = await AsyncHTTPClient().fetch(
        f"http://localhost:{port}{base}?token={token}",
        follow_redirects=False,
        raise_error=False,
    )
    cookies = response.headers.get_list("Set-Cookie")
    login = [c.split(";")[0] for c in cookies if c.startswith("username-")]
    assert login, cookies
    return "; ".join(c.split(";")[0] for c in cookies)


async def test_cookie_post_without_xsrf_is_refused(
    jp_serverapp, http_server, jp_http_port, jp_base_url
):
    cookie = await _login_cookie(
        jp_http_port, jp_base_url, jp_serverapp.identity_provider.token
    )
    body = json.dumps({"path": "a.ipynb", "notebook": {}})
    # The cookie alone authenticates a GET ...
    response = await AsyncHTTPClient().fetch(
        url(jp_http_port, jp_base_url, "rules"), headers={"Cookie": cookie}
    )
    assert response.code == 200
    # ... but a POST without the XSRF header and cookie is refused.
    with pytest.raises(HTTPClientError) as info:
        await AsyncHTTPClient().fetch(
            url(jp_http_port, jp_base_url, "lint"),
            method="POST",
            body=body,
            headers={"Cookie": cookie},
        )
    assert info.value.code == 403
