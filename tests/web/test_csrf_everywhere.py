"""Every state-changing route, page or API, refuses a request without the CSRF token, whether
or not the caller is signed in (a new route cannot forget it)."""

import re
from typing import Any

from fastapi.routing import APIRoute

from sciatica_coach.web import pages
from sciatica_coach.web.app import API_ROUTERS
from tests.web.conftest import register

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _unsafe_routes() -> list[tuple[str, str]]:
    found = []
    for prefix, routers in [("/api", API_ROUTERS), ("", pages.ROUTERS)]:
        for router in routers:
            for route in router.routes:
                assert isinstance(route, APIRoute)
                for method in sorted(route.methods & UNSAFE):
                    found.append((method, prefix + re.sub(r"\{[^}]+\}", "1", route.path)))
    return found


def test_every_unsafe_route_needs_the_token(app: Any, client: Any) -> None:
    routes = _unsafe_routes()
    assert ("POST", "/api/diary") in routes and ("POST", "/diary") in routes
    register(client)
    for method, path in routes:
        r = client.request(method, path, data={"x": "1"} if not path.startswith("/api") else None)
        assert r.status_code == 403, (method, path, r.status_code)
