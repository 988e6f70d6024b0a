"""Permission-table rows of issue #9 (officials and obligations).

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

Who is who here: the obligation pages are for ``P.OBLIGATION_VIEW`` (admin, operator, kepala,
pimpinan) and for officials with a portal account; evaluators get 403. Defining obligations and
the roster's writes need ``P.OBLIGATION_MANAGE`` (admin; others 403). A submission of unit A is 404
to unit B's operator and to the other Pemda. The submit form needs ``?periode=&pegawai=`` (or
``&unit=``): without them it is 404 (no such official), tested with the parameters in
``tests/rewards/test_obligation_pages.py``.
"""

from __future__ import annotations

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401


def _obligation(fixture):
    """The default monthly innovation obligation (JPT and administrators) of the first Pemda."""
    import datetime as dt

    from rewards.models import Obligation

    found = Obligation.objects.filter(pemda=fixture("pemda"), code="inovasi-bulanan").first()
    if found is not None:
        return found
    return Obligation.objects.create(
        pemda=fixture("pemda"), code="inovasi-bulanan", name="Satu inovasi per bulan", subject="pegawai",
        position_levels=["jpt", "administrator"], frequency="bulanan", due_offset_days=0,
        start_date=dt.date(2020, 1, 1),
    )  # fmt: skip


def _official_a(fixture):
    """An administrator of unit A (no portal account)."""
    from rewards.models import Official

    unit = fixture("unit_a")
    found = Official.objects.filter(pemda_id=unit.pemda_id, nip="198001012005011001").first()
    return found or Official.objects.create(
        pemda_id=unit.pemda_id, unit=unit, name="Budi Santoso, S.Kom.", nip="198001012005011001",
        position_level="administrator",
    )  # fmt: skip


def _submission_a(fixture):
    """A submission (waiting for review, with a PDF) of the official of unit A for January 2025."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from rewards.models import ObligationSubmission

    official = _official_a(fixture)
    found = ObligationSubmission.objects.filter(official=official).first()
    if found is not None:
        return found
    submission = ObligationSubmission(
        pemda_id=official.pemda_id, obligation=_obligation(fixture), unit=official.unit, official=official,
        period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 1, 31), due_date=dt.date(2025, 1, 31),
        title="Antrean daring", description="Uraian", submitted_by=fixture("operator_a"),
        submitted_at=timezone.now(),
    )  # fmt: skip
    submission.evidence.save("bukti.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return submission


OBJECTS: dict = {
    "obligation": _obligation,
    "official_a": _official_a,
    "obligation_submission_a": _submission_a,
}

VIEW = {"anonymous": LOGIN, "evaluator": 403}  # every viewer 200, the other Pemda its own (empty) pages
VIEW_OBJ = {**VIEW, "other_admin": 404}
MANAGE = {"anonymous": LOGIN, "admin": 200, "other_admin": 200}

# fmt: off
TABLE: dict = {
    # --- pages: the to-do, obligations, submissions, compliance, the roster -----------------------
    "rewards:obligation_home": row(200, **VIEW),
    "rewards:obligation_list": row(200, **VIEW),
    "rewards:obligation_defaults": row(405, anonymous=LOGIN),  # POST only
    "rewards:obligation_create": row(403, **MANAGE),
    "rewards:obligation_detail": row(200, **VIEW_OBJ, kwargs={"uid": Ref("obligation")}),
    "rewards:obligation_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs={"uid": Ref("obligation")}),
    "rewards:obligation_toggle": row(405, anonymous=LOGIN, kwargs={"uid": Ref("obligation")}),  # POST only
    # without ?periode=&pegawai= there is no official to submit for: 404 (evaluators 403 first)
    "rewards:obligation_submit": row(404, anonymous=LOGIN, evaluator=403, kwargs={"uid": Ref("obligation")}),
    "rewards:obligation_submission_list": row(200, **VIEW),
    "rewards:obligation_submission_detail": row(200, **VIEW_OBJ, operator_b=404,
                                                kwargs={"uid": Ref("obligation_submission_a")}),
    # a submission waiting for review cannot be corrected: the unit's submitters are sent back (302)
    "rewards:obligation_submission_resubmit": row(403, anonymous=LOGIN, operator_a=302, kepala_a=302, operator_b=404,
                                                  other_admin=404, kwargs={"uid": Ref("obligation_submission_a")}),
    "rewards:obligation_submission_evidence": row(200, **VIEW_OBJ, operator_b=404,
                                                  kwargs={"uid": Ref("obligation_submission_a")}),
    "rewards:obligation_compliance": row(200, **VIEW),
    "rewards:official_list": row(200, **VIEW),
    "rewards:official_create": row(403, **MANAGE),
    "rewards:official_edit": row(403, anonymous=LOGIN, admin=200, operator_b=404, other_admin=404,
                                 kwargs={"uid": Ref("official_a")}),
    "rewards:official_toggle": row(405, anonymous=LOGIN, kwargs={"uid": Ref("official_a")}),  # POST only
    "rewards:official_import": row(403, **MANAGE),
    "rewards:official_import_confirm": row(405, anonymous=LOGIN),  # POST only
    "rewards:official_import_template": row(403, **MANAGE),
    # --- API: the same rules (evaluators 403 before the method is looked at) ---------------------
    "official-list": row(200, anonymous=ANON_API, evaluator=403),
    "official-detail": row(200, anonymous=ANON_API, evaluator=403, operator_b=404, other_admin=404,
                           kwargs={"uid": Ref("official_a")}),
    "official-toggle": row(405, anonymous=ANON_API, evaluator=403, kwargs={"uid": Ref("official_a")}),  # POST only
    "obligation-list": row(200, anonymous=ANON_API, evaluator=403),
    "obligation-detail": row(200, anonymous=ANON_API, evaluator=403, other_admin=404,
                             kwargs={"uid": Ref("obligation")}),
    "obligation-toggle": row(405, anonymous=ANON_API, evaluator=403, kwargs={"uid": Ref("obligation")}),  # POST only
    "obligation-submission-list": row(200, anonymous=ANON_API, evaluator=403),
    "obligation-submission-detail": row(200, anonymous=ANON_API, evaluator=403, operator_b=404, other_admin=404,
                                        kwargs={"uid": Ref("obligation_submission_a")}),
    **{
        f"obligation-submission-{name}": row(405, anonymous=ANON_API, evaluator=403,  # POST only
                                             kwargs={"uid": Ref("obligation_submission_a")})
        for name in ("accept", "return", "resubmit")
    },
    "obligation-compliance": row(200, anonymous=ANON_API, evaluator=403),
}
# fmt: on
