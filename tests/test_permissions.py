"""Every route x every persona answers a GET as ``tests/permission_table.py`` says (design §3).

A route missing from the table fails ``test_every_route_is_in_the_permission_table``: adding a
route means deciding who may open it. See the table module's docstring for how to add a row.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permission_table import EXCLUDED, LOGIN, OBJECTS, PERSONAS, TABLE, Ref


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    """Yield ``(full name or None, route)`` for every URL pattern, recursing into includes."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern)


def _excluded(name: str | None, route: str) -> bool:
    if name is None:
        return route.startswith("admin/")
    return any(name == key or (key.endswith(":") and name.startswith(key)) for key in EXCLUDED)


def project_routes() -> tuple[set[str], list[str]]:
    names: set[str] = set()
    unnamed: list[str] = []
    for name, route in _walk(get_resolver().url_patterns):
        if _excluded(name, route):
            continue
        if name is None:
            unnamed.append(route)
        else:
            names.add(name)
    return names, unnamed


def test_every_route_is_in_the_permission_table():
    names, unnamed = project_routes()
    missing = sorted(names - set(TABLE))
    stale = sorted(set(TABLE) - names)
    problems = []
    if unnamed:
        problems.append("routes without a name (name them so the table can list them): " + ", ".join(unnamed))
    if missing:
        stubs = "\n".join(f'    "{n}": row(<status>, anonymous=LOGIN),' for n in missing)
        problems.append(f"routes missing from tests/permission_table.py TABLE:\n{stubs}")
    if stale:
        problems.append("rows for routes that no longer exist: " + ", ".join(stale))
    assert not problems, "\n\n".join(problems)


def test_table_rows_are_complete():
    for name, r in TABLE.items():
        assert set(r.expect) == set(PERSONAS), name
        refs = [v.obj for v in r.kwargs.values() if isinstance(v, Ref)] + list(r.needs)
        for ref in refs:
            assert ref in OBJECTS, f"{name}: no builder for object {ref!r} in OBJECTS"


def _observed(response) -> int | str:
    if response.status_code == 302:
        login_path = resolve_url(settings.LOGIN_URL)
        if response["Location"].split("?")[0] == login_path:
            return LOGIN
    return response.status_code


def _as_row(observed: dict[str, int | str]) -> str:
    default, _count = Counter(observed.values()).most_common(1)[0]
    fmt = {LOGIN: "LOGIN"}
    parts = [fmt.get(default, repr(default))]
    parts += [f"{p}={fmt.get(v, repr(v))}" for p, v in observed.items() if v != default]
    return f"row({', '.join(parts)})"


@pytest.mark.parametrize("name", sorted(TABLE))
def test_route_answers_every_persona_as_the_table_says(name, request, personas, year, client_for):
    entry = TABLE[name]
    built: dict = {}

    def obj(key: str):
        if key not in built:
            built[key] = OBJECTS[key](request.getfixturevalue)
        return built[key]

    for key in entry.needs:
        obj(key)
    kwargs = {k: (getattr(obj(v.obj), v.attr) if isinstance(v, Ref) else v) for k, v in entry.kwargs.items()}
    url = reverse(name, kwargs=kwargs or None)

    observed = {}
    for persona in PERSONAS:
        client = client_for(None if persona == "anonymous" else personas[persona])
        observed[persona] = _observed(client.get(url))

    wrong = {p: (entry.expect[p], observed[p]) for p in PERSONAS if observed[p] != entry.expect[p]}
    assert not wrong, (
        f"GET {url} ({name}): persona -> (expected, got): {wrong}\nobserved as a table row: {_as_row(observed)}"
    )


def test_no_persona_enters_the_django_admin(personas, client_for):
    """The Django admin is for staff only (none of the personas); everyone lands on its login page."""
    for persona, user in {"anonymous": None, **personas}.items():
        response = client_for(user).get("/admin/")
        assert response.status_code == 302, persona
        assert response["Location"].startswith("/admin/login/"), persona
