"""Query counts of the list endpoints are pinned and do not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.core import services
from tests.factories import Role, UnitFactory, UnitHeadFactory, UserFactory, make_year

# Session read, user, role assignments, page count, rows, their prefetches, and the session save
# (SESSION_SAVE_EVERY_REQUEST: savepoint, update, release). Raise only with a reason.
LIST_QUERIES = {
    "/api/v1/units/": 9,  # + parent and category joined, heads prefetched
    "/api/v1/unit-heads/": 8,  # unit and user joined
    "/api/v1/fiscal-years/": 9,  # + periods prefetched
    "/api/v1/ranking-categories/": 8,
    "/api/v1/users/": 9,  # + roles with their units prefetched
    "/api/v1/me/": 6,  # the Pemda comes joined to the user, roles are cached on the user
    "/api/v1/pemda/": 7,  # + the Pemda (active only)
}


def _grow(pemda, n: int, start: int) -> None:
    for i in range(start, start + n):
        unit = UnitFactory(pemda=pemda, code=f"Q{i:03d}")
        UnitHeadFactory(unit=unit, nip=f"{197001011998031000 + i}")
        user = UserFactory(pemda=pemda, username=f"q{i}")
        services.role_assign(user=user, role=Role.OPERATOR, unit=unit)
        make_year(pemda, 2015 + i, current=False)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:200]
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", list(LIST_QUERIES))
def test_list_query_count_is_pinned_and_flat(api_for, admin, pemda, url, django_assert_max_num_queries):
    client = api_for(admin)
    _grow(pemda, 2, 0)
    few = _count(client, url)
    _grow(pemda, 20, 2)
    many = _count(client, url)
    assert many == few, f"{url}: {few} queries with few rows, {many} with many"
    with django_assert_max_num_queries(LIST_QUERIES[url]):
        client.get(url)


def test_token_client_list_query_count(token_client, admin, pemda, django_assert_max_num_queries):
    _grow(pemda, 10, 0)
    client = token_client(admin)
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/units/").status_code == 200
