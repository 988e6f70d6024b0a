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
    needs: tuple[str, ...] = ()


def row(
    default: int | str,
    *,
    kwargs: dict[str, Any] | None = None,
    needs: tuple[str, ...] = (),
    **statuses: int | str,
) -> Row:
    """``needs``: names of ``OBJECTS`` to build before the requests even when no URL argument uses them."""
    unknown = set(statuses) - set(PERSONAS)
    if unknown:
        raise ValueError(f"unknown persona(s) {sorted(unknown)}; personas are {PERSONAS}")
    return Row(expect={p: statuses.get(p, default) for p in PERSONAS}, kwargs=kwargs or {}, needs=tuple(needs))


def _first_head(fixture):
    return fixture("unit_a").heads.order_by("pk").first()


def _operator_role(fixture):
    return fixture("operator_a").roles.get()


def _ranking_category(fixture):
    return fixture("pemda").ranking_categories.order_by("pk").first()


def _pemda_logo(fixture):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "#0a5").save(buffer, format="PNG")
    pemda = fixture("pemda")
    pemda.logo.save("logo.png", ContentFile(buffer.getvalue()), save=True)
    return pemda


def _agreement_a(fixture):
    """A draft PK (2025) of unit A with one sasaran, one indicator and one program (built once per test)."""
    from agreements import services as pk_services
    from agreements.models import Agreement

    existing = Agreement.objects.filter(fiscal_year=fixture("year"), unit=fixture("unit_a")).first()
    if existing is not None:  # a row needing the PK and its sasaran gets the same PK
        return existing
    operator = fixture("operator_a")
    agreement = pk_services.agreement_create(fiscal_year=fixture("year"), unit=fixture("unit_a"), by=operator)
    sasaran = pk_services.sasaran_create(agreement=agreement, name="Meningkatnya derajat kesehatan", by=operator)
    pk_services.indicator_create(
        sasaran=sasaran,
        data={"name": "Prevalensi stunting", "satuan": "%", "polarity": "negative", "target": 14},
        quarter_targets=[17, 16, 15, 14],
        by=operator,
    )
    pk_services.program_create(
        agreement=agreement, data={"code": "1.02.02", "name": "Program Upaya Kesehatan", "budget": 1000}, by=operator
    )
    return agreement


def _signed_pk_a(fixture):
    """A signed PK (2025) of unit A with three indicators (written directly; see tests/evaluations)."""
    from agreements.models import Agreement
    from tests.evaluations.realisation_factories import signed_pk

    existing = Agreement.objects.filter(fiscal_year=fixture("year"), unit=fixture("unit_a"), status="signed").first()
    return existing or signed_pk(fixture("year"), fixture("unit_a"), count=3)


def _report_a(fixture):
    """The realisation report of unit A for January 2025, with one value (unit A's signed PK)."""
    from evaluations.models import PeriodReport, Realisation

    agreement = _signed_pk_a(fixture)
    period = fixture("year").periods.get(kind="month", number=1)
    report, _created = PeriodReport.objects.get_or_create(
        unit=fixture("unit_a"), period=period, defaults={"pemda": fixture("pemda"), "deadline": period.end_date}
    )
    indicator = agreement.sasaran.first().indicators.order_by("order").first()
    Realisation.objects.get_or_create(
        report=report,
        indicator_lineage=indicator.lineage,
        defaults={"pemda": fixture("pemda"), "indicator": indicator, "value": 20},
    )
    return report


def _evidence_a(fixture):
    """A PDF attached to unit A's January value (written directly: January 2025 is locked by now)."""
    from django.core.files.base import ContentFile

    from evaluations.models import Evidence

    realisation = _report_a(fixture).realisations.get()
    evidence = Evidence(
        pemda=fixture("pemda"),
        realisation=realisation,
        original_name="bukti.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    evidence.file.save("bukti.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return evidence


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
    "pemda_logo": _pemda_logo,  # the first Pemda with a logo (the second has none)
    "agreement_a": _agreement_a,  # a draft PK of unit A (with content); the next three belong to it
    "sasaran_a": lambda fixture: _agreement_a(fixture).sasaran.get(),
    "indicator_a": lambda fixture: _agreement_a(fixture).sasaran.get().indicators.get(),
    "program_a": lambda fixture: _agreement_a(fixture).programs.get(),
    "signed_pk_a": _signed_pk_a,  # a signed PK of unit A (realisation needs the PK in force)
    "signed_indicator_a": lambda fixture: _signed_pk_a(fixture).sasaran.first().indicators.order_by("order").first(),
    "report_a": _report_a,  # unit A's realisation report of January 2025 with one value
    "realisation_a": lambda fixture: _report_a(fixture).realisations.get(),
    "evidence_a": _evidence_a,  # a PDF attached to realisation_a
}

# Route name prefixes/names that are not in the table, and why.
EXCLUDED: dict[str, str] = {
    "admin:": "Django admin: its own login and staff-only; tests/test_permissions.py checks that no persona "
    "(none is staff) gets in",
}

# fmt: off
TABLE: dict[str, Row] = {
    # --- sign-in (public pages; a signed-in user on the login page is sent home) ----------------------
    "home": row(200, anonymous=LOGIN),
    "login": row(302, anonymous=200),
    "logout": row(405, anonymous=LOGIN),  # POST only
    "password_change": row(200, anonymous=LOGIN),
    "password_change_done": row(302, anonymous=LOGIN),  # redirects home
    "password_reset": row(200),
    "password_reset_done": row(200),
    "password_reset_confirm": row(200, kwargs={"uidb64": "MQ", "token": "bad-token"}),  # "link invalid" page
    "password_reset_complete": row(200),
    "set_language": row(302),  # GET without next: back to /, never an error
    "healthz": row(200),
    # --- own account -----------------------------------------------------------------------------------
    "core:notifications": row(200, anonymous=LOGIN),
    "core:notification_read": row(405, anonymous=LOGIN, kwargs={"pk": 1}),  # POST only
    "core:token": row(200, anonymous=LOGIN),
    # --- units and heads: every member reads the directory; only the Admin SAKIP changes it ------------
    "core:unit_list": row(200, anonymous=LOGIN),
    # unit B's operator reads unit A's page as the unit directory and the API (unit-detail) allow
    "core:unit_detail": row(200, anonymous=LOGIN, other_admin=404, kwargs={"uid": Ref("unit_a")}),
    "core:unit_create": row(403, anonymous=LOGIN, admin=200, other_admin=200),
    "core:unit_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs={"uid": Ref("unit_a")}),
    "core:unit_toggle_active": row(405, anonymous=LOGIN, kwargs={"uid": Ref("unit_a")}),  # POST only
    "core:unit_delete": row(405, anonymous=LOGIN, kwargs={"uid": Ref("unit_a")}),  # POST only
    "core:unit_head_create": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs={"uid": Ref("unit_a")}),
    "core:unit_head_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs={"uid": Ref("head_a")}),
    "core:unit_import": row(403, anonymous=LOGIN, admin=200, other_admin=200),
    "core:unit_import_confirm": row(405, anonymous=LOGIN),  # POST only
    # --- users and roles: the Admin SAKIP manages, the Pimpinan may look ------------------------------------
    "core:user_list": row(403, anonymous=LOGIN, admin=200, pimpinan=200, other_admin=200),
    "core:user_detail": row(403, anonymous=LOGIN, admin=200, pimpinan=200, other_admin=404,
                            kwargs={"uid": Ref("operator_a")}),
    "core:user_create": row(403, anonymous=LOGIN, admin=200, other_admin=200),
    "core:user_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs={"uid": Ref("operator_a")}),
    "core:user_toggle_active": row(405, anonymous=LOGIN, kwargs={"uid": Ref("operator_a")}),  # POST only
    "core:user_send_reset": row(405, anonymous=LOGIN, kwargs={"uid": Ref("operator_a")}),  # POST only
    "core:role_add": row(405, anonymous=LOGIN, kwargs={"uid": Ref("operator_a")}),  # POST only
    "core:role_remove": row(405, anonymous=LOGIN, kwargs={"uid": Ref("role_operator_a")}),  # POST only
    "core:user_import": row(403, anonymous=LOGIN, admin=200, other_admin=200),
    "core:user_import_confirm": row(405, anonymous=LOGIN),  # POST only
    "core:import_template": row(403, anonymous=LOGIN, admin=200, other_admin=200, kwargs={"key": "unit"}),
    "core:import_cancel": row(405, anonymous=LOGIN, kwargs={"key": "unit"}),  # POST only
    # --- years and calendar: every member reads, the Admin SAKIP changes ---------------------------------
    "core:year_list": row(200, anonymous=LOGIN),
    "core:year_create": row(403, anonymous=LOGIN, admin=200, other_admin=200),
    "core:year_edit": row(200, anonymous=LOGIN, other_admin=404, kwargs={"uid": Ref("year")}),  # read-only view
    "core:year_set_current": row(405, anonymous=LOGIN, kwargs={"uid": Ref("year")}),  # POST only
    # --- Pemda profile and ranking categories ---------------------------------------------------------
    "core:pemda_detail": row(200, anonymous=LOGIN),
    "core:pemda_edit": row(403, anonymous=LOGIN, admin=200, other_admin=200),
    "core:pemda_logo": row(200, anonymous=LOGIN, other_admin=404, needs=("pemda_logo",)),  # own Pemda's logo only
    "core:category_list": row(200, anonymous=LOGIN),
    "core:category_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404,
                              kwargs={"uid": Ref("ranking_category")}),
    # --- API docs (members only) -----------------------------------------------------------------------
    "api-schema": row(200, anonymous=ANON_API),
    "api-docs": row(200, anonymous=LOGIN),  # HTML pages: anonymous users go to the login page
    # --- API v1: core data --------------------------------------------------------------------------------
    "api-root": row(200, anonymous=ANON_API),
    "me": row(200, anonymous=ANON_API),
    "pemda": row(200, anonymous=ANON_API),
    "unit-list": row(200, anonymous=ANON_API),
    "unit-detail": row(200, anonymous=ANON_API, other_admin=404, kwargs={"uid": Ref("unit_a")}),
    "unit-head-list": row(200, anonymous=ANON_API),
    "unit-head-detail": row(200, anonymous=ANON_API, other_admin=404, kwargs={"uid": Ref("head_a")}),
    "fiscal-year-list": row(200, anonymous=ANON_API),
    "fiscal-year-detail": row(200, anonymous=ANON_API, other_admin=404, kwargs={"uid": Ref("year")}),
    "fiscal-year-set-current": row(405, anonymous=ANON_API, kwargs={"uid": Ref("year")}),  # POST only
    "ranking-category-list": row(200, anonymous=ANON_API),
    "ranking-category-detail": row(200, anonymous=ANON_API, other_admin=404, kwargs={"uid": Ref("ranking_category")}),
    "user-list": row(403, anonymous=ANON_API, admin=200, pimpinan=200, other_admin=200),
    "user-detail": row(403, anonymous=ANON_API, admin=200, pimpinan=200, other_admin=404,
                       kwargs={"uid": Ref("operator_a")}),
    "user-add-role": row(405, anonymous=ANON_API, kwargs={"uid": Ref("operator_a")}),  # POST only
    "user-remove-role": row(405, anonymous=ANON_API,  # DELETE only
                            kwargs={"uid": Ref("operator_a"), "role_uid": Ref("role_operator_a")}),
    # --- API v1: Perjanjian Kinerja (a draft of unit A: hidden from unit B and the other Pemda) -------
    "pk-list": row(200, anonymous=ANON_API),
    "pk-overview": row(200, anonymous=ANON_API, other_admin=404),  # the other Pemda has no year
    "pk-detail": row(200, anonymous=ANON_API, operator_b=404, other_admin=404, kwargs={"uid": Ref("agreement_a")}),
    "pk-submit": row(405, anonymous=ANON_API, kwargs={"uid": Ref("agreement_a")}),  # POST only
    "pk-approve": row(405, anonymous=ANON_API, kwargs={"uid": Ref("agreement_a")}),  # POST only
    "pk-return": row(405, anonymous=ANON_API, kwargs={"uid": Ref("agreement_a")}),  # POST only
    "pk-sign": row(405, anonymous=ANON_API, kwargs={"uid": Ref("agreement_a")}),  # POST only
    "pk-revise": row(405, anonymous=ANON_API, kwargs={"uid": Ref("agreement_a")}),  # POST only
    "pk-sasaran-list": row(200, anonymous=ANON_API),
    "pk-sasaran-detail": row(200, anonymous=ANON_API, operator_b=404, other_admin=404,
                             kwargs={"uid": Ref("sasaran_a")}),
    "pk-indicator-list": row(200, anonymous=ANON_API),
    "pk-indicator-detail": row(200, anonymous=ANON_API, operator_b=404, other_admin=404,
                               kwargs={"uid": Ref("indicator_a")}),
    "pk-program-list": row(200, anonymous=ANON_API),
    "pk-program-detail": row(200, anonymous=ANON_API, operator_b=404, other_admin=404,
                             kwargs={"uid": Ref("program_a")}),
    # --- API v1: realisation and capaian (unit A's data: hidden from unit B and the other Pemda) --------
    "report-list": row(200, anonymous=ANON_API),
    "report-detail": row(200, anonymous=ANON_API, operator_b=404, other_admin=404, kwargs={"uid": Ref("report_a")}),
    "report-submit": row(405, anonymous=ANON_API, kwargs={"uid": Ref("report_a")}),  # POST only
    "report-verify": row(405, anonymous=ANON_API, kwargs={"uid": Ref("report_a")}),  # POST only
    "report-accept": row(405, anonymous=ANON_API, kwargs={"uid": Ref("report_a")}),  # POST only
    "report-return": row(405, anonymous=ANON_API, kwargs={"uid": Ref("report_a")}),  # POST only
    "report-unlock": row(405, anonymous=ANON_API, kwargs={"uid": Ref("report_a")}),  # POST only
    "realisation-list": row(200, anonymous=ANON_API),
    "realisation-detail": row(200, anonymous=ANON_API, operator_b=404, other_admin=404,
                              kwargs={"uid": Ref("realisation_a")}),
    "capaian-indicator": row(200, anonymous=ANON_API, operator_b=404, other_admin=404,
                             kwargs={"uid": Ref("signed_indicator_a")}),
    "capaian-unit": row(200, anonymous=ANON_API, operator_b=404, other_admin=404, kwargs={"uid": Ref("unit_a")},
                        needs=("signed_pk_a",)),
    # monitoring: admin, evaluator, pimpinan; the other Pemda has no year
    "capaian-pemda": row(403, anonymous=ANON_API, admin=200, evaluator=200, pimpinan=200, other_admin=404,
                         needs=("report_a",)),
    # --- Perjanjian Kinerja pages (a draft of unit A: hidden from unit B and the other Pemda) ----------
    "agreements:pk_list": row(200, anonymous=LOGIN),  # every member; the other Pemda sees its own (no year)
    "agreements:pk_create": row(405, anonymous=LOGIN),  # POST only
    "agreements:pk_export_year": row(403, anonymous=LOGIN, admin=200, pimpinan=200, other_admin=404,
                                     kwargs={"year": 2025}, needs=("agreement_a",)),
    "agreements:pk_detail": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                kwargs={"uid": Ref("agreement_a")}),
    "agreements:pk_versions": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                  kwargs={"uid": Ref("agreement_a")}),
    # a first version has nothing to compare with: sent to the version list
    "agreements:pk_compare": row(302, anonymous=LOGIN, operator_b=404, other_admin=404,
                                 kwargs={"uid": Ref("agreement_a")}),
    "agreements:pk_pdf": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                             kwargs={"uid": Ref("agreement_a")}),
    "agreements:pk_submit": row(405, anonymous=LOGIN, kwargs={"uid": Ref("agreement_a")}),  # POST only
    "agreements:pk_approve": row(405, anonymous=LOGIN, kwargs={"uid": Ref("agreement_a")}),  # POST only
    "agreements:pk_return": row(405, anonymous=LOGIN, kwargs={"uid": Ref("agreement_a")}),  # POST only
    "agreements:pk_sign": row(405, anonymous=LOGIN, kwargs={"uid": Ref("agreement_a")}),  # POST only
    "agreements:pk_revise": row(405, anonymous=LOGIN, kwargs={"uid": Ref("agreement_a")}),  # POST only
    # the editor and its rows: the unit's operator and head; readers get 403
    "agreements:pk_edit": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404, other_admin=404,
                              kwargs={"uid": Ref("agreement_a")}),
    "agreements:sasaran_new": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404,
                                  other_admin=404, kwargs={"uid": Ref("agreement_a")}),
    "agreements:sasaran_row": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404,
                                  other_admin=404, kwargs={"uid": Ref("agreement_a"), "sid": Ref("sasaran_a")}),
    "agreements:sasaran_delete": row(405, anonymous=LOGIN,  # POST only
                                     kwargs={"uid": Ref("agreement_a"), "sid": Ref("sasaran_a")}),
    "agreements:indicator_new": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404,
                                    other_admin=404, kwargs={"uid": Ref("agreement_a"), "sid": Ref("sasaran_a")}),
    "agreements:indicator_row": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404,
                                    other_admin=404, kwargs={"uid": Ref("agreement_a"), "iid": Ref("indicator_a")}),
    "agreements:indicator_delete": row(405, anonymous=LOGIN,  # POST only
                                       kwargs={"uid": Ref("agreement_a"), "iid": Ref("indicator_a")}),
    "agreements:program_new": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404,
                                  other_admin=404, kwargs={"uid": Ref("agreement_a")}),
    "agreements:program_row": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404,
                                  other_admin=404, kwargs={"uid": Ref("agreement_a"), "pid": Ref("program_a")}),
    "agreements:program_delete": row(405, anonymous=LOGIN,  # POST only
                                     kwargs={"uid": Ref("agreement_a"), "pid": Ref("program_a")}),
    "agreements:pk_template": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404,
                                  other_admin=404, kwargs={"uid": Ref("agreement_a")}),
    "agreements:pk_import": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404,
                                other_admin=404, kwargs={"uid": Ref("agreement_a")}),
    "agreements:pk_import_commit": row(405, anonymous=LOGIN, kwargs={"uid": Ref("agreement_a")}),  # POST only
    # --- realisation pages: every member reads what they may see; unit A's report is hidden from B ------
    "evaluations:realisation_home": row(200, anonymous=LOGIN),  # own units, or every unit for Pemda-wide roles
    "evaluations:export_year": row(403, anonymous=LOGIN, admin=200, evaluator=200, pimpinan=200, other_admin=404,
                                   kwargs={"year": 2025}, needs=("report_a",)),
    "evaluations:report_open": row(302, anonymous=LOGIN, operator_b=404, other_admin=404,  # to the grid
                                   kwargs={"unit": Ref("unit_a"), "year": 2025, "number": 1}, needs=("report_a",)),
    "evaluations:indicator_detail": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                        kwargs={"unit": Ref("unit_a"), "year": 2025,
                                                "lineage": Ref("signed_indicator_a", "lineage")},
                                        needs=("report_a",)),
    "evaluations:report_detail": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                     kwargs={"uid": Ref("report_a")}),
    "evaluations:value_preview": row(405, anonymous=LOGIN,  # POST only (htmx)
                                     kwargs={"uid": Ref("report_a"), "lineage": Ref("signed_indicator_a", "lineage")}),
    "evaluations:value_save": row(405, anonymous=LOGIN,  # POST only (htmx autosave)
                                  kwargs={"uid": Ref("report_a"), "lineage": Ref("signed_indicator_a", "lineage")}),
    "evaluations:row_history": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                   kwargs={"uid": Ref("report_a"), "lineage": Ref("signed_indicator_a", "lineage")}),
    "evaluations:evidence_upload": row(405, anonymous=LOGIN,  # POST only
                                       kwargs={"uid": Ref("report_a"),
                                               "lineage": Ref("signed_indicator_a", "lineage")}),
    "evaluations:evidence_download": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                         kwargs={"uid": Ref("evidence_a")}),
    "evaluations:evidence_delete": row(405, anonymous=LOGIN, kwargs={"uid": Ref("evidence_a")}),  # POST only
    "evaluations:report_submit": row(405, anonymous=LOGIN, kwargs={"uid": Ref("report_a")}),  # POST only
    "evaluations:report_verify": row(405, anonymous=LOGIN, kwargs={"uid": Ref("report_a")}),  # POST only
    "evaluations:report_accept": row(405, anonymous=LOGIN, kwargs={"uid": Ref("report_a")}),  # POST only
    "evaluations:report_return": row(405, anonymous=LOGIN, kwargs={"uid": Ref("report_a")}),  # POST only
    "evaluations:report_unlock": row(405, anonymous=LOGIN, kwargs={"uid": Ref("report_a")}),  # POST only
    "evaluations:report_template": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                       kwargs={"uid": Ref("report_a")}),
    "evaluations:report_import": row(403, anonymous=LOGIN, operator_a=200, kepala_a=200, operator_b=404,
                                     other_admin=404, kwargs={"uid": Ref("report_a")}),
    "evaluations:report_import_commit": row(405, anonymous=LOGIN, kwargs={"uid": Ref("report_a")}),  # POST only
    # --- monitoring: Admin SAKIP, evaluators and pimpinan; unit users get 403 ----------------------------
    "evaluations:monitoring_matrix": row(403, anonymous=LOGIN, admin=200, evaluator=200, pimpinan=200,
                                         other_admin=200),  # the other Pemda: its own (no year yet)
    "evaluations:monitoring_dashboard": row(403, anonymous=LOGIN, admin=200, evaluator=200, pimpinan=200,
                                            other_admin=200, needs=("report_a",)),
    "evaluations:monitoring_unit": row(403, anonymous=LOGIN, admin=200, evaluator=200, pimpinan=200,
                                       other_admin=404, kwargs={"uid": Ref("unit_a")}, needs=("report_a",)),
}
# fmt: on

# Rows and object builders of the LKE evaluation (issue 5) and of rewards (issue 6) live in their own
# modules, one per area, so the table stays readable; they are merged here.
from tests import (  # noqa: E402
    permission_table_assessments,
    permission_table_decisions,
    permission_table_discipline,
    permission_table_lke,
    permission_table_lke_admin,
    permission_table_lke_admin_api,
    permission_table_lke_api,
    permission_table_obligations,
    permission_table_reports,
    permission_table_rewards,
    permission_table_rewards_api,
)

for _module in (
    permission_table_lke,
    permission_table_lke_admin,
    permission_table_lke_api,
    permission_table_lke_admin_api,
    permission_table_rewards,
    permission_table_rewards_api,
    permission_table_decisions,
    permission_table_reports,
    permission_table_obligations,
    permission_table_discipline,
    permission_table_assessments,
):
    assert not set(_module.TABLE) & set(TABLE), set(_module.TABLE) & set(TABLE)
    OBJECTS.update(_module.OBJECTS)
    TABLE.update(_module.TABLE)
