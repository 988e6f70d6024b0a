"""The permission table: every named route x persona -> the status a GET must answer (design §3).

``tests/test_permissions.py`` walks every URL pattern of the project and fails when a named route
is missing here (or a row names a route that no longer exists), then GETs every route as every
persona and compares with this table.

How to add a route
------------------
1. Add a row to ``TABLE`` under the route's full name (``namespace:name``; DRF router names such
   as ``unit-list`` have no namespace)::

       "agreements:pk_detail": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                   kwargs={"uid": Ref("agreement_a", "uid")}),

   ``row(default, **persona_statuses)``: the first argument is the status for every persona not
   named. Personas are ``anonymous``, ``admin``, ``operator_a``, ``kepala_a`` (both of unit A),
   ``operator_b`` (unit B), ``evaluator``, ``pimpinan`` and ``other_admin`` (Admin SAKIP of a
   *second* Pemda). Decide each status from the rules, not from what the view happens to return:

   * anonymous on a page: ``LOGIN`` (302 to ``/masuk/?next=...``); on the API: ``ANON_API`` (401);
   * an object of another Pemda, or of a unit the persona may not see: **404**;
   * a persona who may see but lacks the permission the page needs (e.g. a form): **403**;
   * a POST-only route answers a GET with **405** (anonymous still gets ``LOGIN`` on pages);
   * a redirect is the status it answers (302), e.g. a signed-in user on the login page.

2. URL arguments come from ``kwargs``: a literal value, or ``Ref(object, attribute)`` naming an
   object of ``OBJECTS``. Objects belong to the *first* Pemda and, where they have a unit, to
   unit A, so ``other_admin`` must see 404 and ``operator_b`` 404 on unit-scoped records.

3. When your route needs an object that is not in ``OBJECTS`` yet, add a builder: a function
   that receives ``fixture`` (pytest's ``request.getfixturevalue``, so every fixture of
   ``tests/conftest.py`` is available: ``pemda``, ``unit_a``, ``year``, ``admin``, ...) and
   returns the object. Builders run only for the rows that use them.

4. Routes deliberately not in the table are listed in ``EXCLUDED`` with the reason, and must be
   covered by a test of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PERSONAS = ("anonymous", "admin", "operator_a", "kepala_a", "operator_b", "evaluator", "pimpinan", "other_admin")

LOGIN = "login"  # 302 to the login page, with ?next=
ANON_API = 401  # DRF, token authentication first: 401 with "WWW-Authenticate: Token"


@dataclass(frozen=True)
class Ref:
    """An attribute of an object from ``OBJECTS``, e.g. ``Ref("unit_a", "uid")``."""

    obj: str
    attr: str = "uid"


@dataclass(frozen=True)
class Row:
    expect: dict[str, int | str]
    kwargs: dict[str, Any] = field(default_factory=dict)


def row(default: int | str, *, kwargs: dict[str, Any] | None = None, **statuses: int | str) -> Row:
    unknown = set(statuses) - set(PERSONAS)
    if unknown:
        raise ValueError(f"unknown persona(s) {sorted(unknown)}; personas are {PERSONAS}")
    return Row(expect={p: statuses.get(p, default) for p in PERSONAS}, kwargs=kwargs or {})


def _first_head(fixture):
    return fixture("unit_a").heads.order_by("pk").first()


def _operator_role(fixture):
    return fixture("operator_a").roles.get()


def _ranking_category(fixture):
    return fixture("pemda").ranking_categories.order_by("pk").first()


# Objects for URL arguments (all in the first Pemda; unit-scoped ones in unit A).
OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {
    "pemda": lambda fixture: fixture("pemda"),
    "year": lambda fixture: fixture("year"),
    "unit_a": lambda fixture: fixture("unit_a"),
    "unit_b": lambda fixture: fixture("unit_b"),
    "head_a": _first_head,
    "operator_a": lambda fixture: fixture("operator_a"),
    "role_operator_a": _operator_role,
    "ranking_category": _ranking_category,
}

# Route name prefixes/names that are not in the table, and why.
EXCLUDED: dict[str, str] = {
    "admin:": "Django admin: its own login and staff-only; tests/test_permissions.py checks that no persona "
    "(none is staff) gets in",
}

# fmt: off
TABLE: dict[str, Row] = {
    # --- sign-in (public pages; a signed-in user on the login page is sent home) -------------------
    "home": row(200, anonymous=LOGIN),
    "login": row(302, anonymous=200),
    "logout": row(405, anonymous=LOGIN),  # POST only
    "password_change": row(200, anonymous=LOGIN),
    "password_change_done": row(302, anonymous=LOGIN),  # redirects home
    "password_reset": row(200),
    "password_reset_done": row(200),
    "password_reset_confirm": row(200, kwargs={"uidb64": "MQ", "token": "ungueltig-token"}),  # "link invalid" page
    "password_reset_complete": row(200),
    "set_language": row(302),  # GET without next: back to /, never an error
    "healthz": row(200),
    # --- own account -----------------------------------------------------------------------------------
    "core:notifications": row(200, anonymous=LOGIN),
    "core:notification_read": row(405, anonymous=LOGIN, kwargs={"pk": 1}),  # POST only
    "core:token": row(200, anonymous=LOGIN),
    # --- API docs (members only) -----------------------------------------------------------------------
    "api-schema": row(200, anonymous=ANON_API),
    "api-docs": row(200, anonymous=ANON_API),
    "api-redoc": row(200, anonymous=ANON_API),
}
# fmt: on
