"""The rows of ``tests/permission_table_rewards.py`` checked on their own (every route of the ranking
pages × every persona), the same way ``tests/test_permissions.py`` checks the merged table."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rewards import urls_rankings
from tests import permission_table_rewards as table
from tests import test_permissions as checker
from tests.permission_table import PERSONAS, Ref


def test_every_ranking_route_has_a_row():
    names = {f"rewards:{p.name}" for p in urls_rankings.urlpatterns}
    assert names == set(table.TABLE)


@pytest.mark.parametrize("name", sorted(table.TABLE))
def test_ranking_route_answers_every_persona(name, request, personas, year, client_for):
    entry = table.TABLE[name]
    built: dict = {}

    def obj(key: str):
        if key not in built:
            built[key] = table.OBJECTS[key](request.getfixturevalue)
        return built[key]

    for key in entry.needs:
        obj(key)
    kwargs = {k: (getattr(obj(v.obj), v.attr) if isinstance(v, Ref) else v) for k, v in entry.kwargs.items()}
    url = reverse(name, kwargs=kwargs or None)
    observed = {}
    for persona in PERSONAS:
        client = client_for(None if persona == "anonymous" else personas[persona])
        observed[persona] = checker._observed(client.get(url))
    wrong = {p: (entry.expect[p], observed[p]) for p in PERSONAS if observed[p] != entry.expect[p]}
    assert not wrong, f"GET {url} ({name}): {wrong}\nobserved: {checker._as_row(observed)}"
