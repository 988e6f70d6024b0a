"""The rewards API rows of ``tests/permission_table_rewards_api.py``, checked on their own.

``tests/test_permissions.py`` checks every row once the module is merged into
``tests/permission_table.py``; until then (and for a quick run while working) this walks the same
rows with the same rule. Rows already merged are skipped here so nothing runs twice.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import permission_table as merged
from tests import permission_table_rewards_api as rewards_rows
from tests.permission_table import PERSONAS, Ref


@pytest.mark.parametrize("name", sorted(rewards_rows.TABLE))
def test_rewards_api_route_answers_as_the_table_says(name, request, personas, year, client_for):
    if name in merged.TABLE:
        pytest.skip("checked by tests/test_permissions.py")
    entry = rewards_rows.TABLE[name]
    built: dict = {}

    def obj(key: str):
        if key not in built:
            built[key] = rewards_rows.OBJECTS[key](request.getfixturevalue)
        return built[key]

    for key in entry.needs:
        obj(key)
    kwargs = {k: (getattr(obj(v.obj), v.attr) if isinstance(v, Ref) else v) for k, v in entry.kwargs.items()}
    url = reverse(name, kwargs=kwargs or None)
    observed = {}
    for persona in PERSONAS:
        client = client_for(None if persona == "anonymous" else personas[persona])
        observed[persona] = client.get(url).status_code
    wrong = {p: (entry.expect[p], observed[p]) for p in PERSONAS if observed[p] != entry.expect[p]}
    assert not wrong, f"GET {url} ({name}): persona -> (expected, got): {wrong}"


def test_every_rewards_api_route_has_a_row():
    from tests.test_permissions import project_routes

    names, _unnamed = project_routes()
    api = {n for n in names if n.startswith("reward-")}
    assert api == set(rewards_rows.TABLE)
