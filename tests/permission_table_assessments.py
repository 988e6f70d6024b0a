"""Permission-table rows of issue #9 (assessments).

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

Who is who here: every role reads assessments (``P.ASSESSMENT_VIEW``), operators and kepala only
their own units' results (unit B's operator gets 404 on a result of unit A); only the Admin SAKIP
writes (``P.ASSESSMENT_MANAGE``; others 403 after the object was found). Another Pemda's type or
result is 404. Deleting is POST-only (405 on GET).
"""

from __future__ import annotations

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401


def _ikm(fixture):
    """The default IKM type of the first Pemda (the defaults are installed on first use)."""
    from rewards.models import AssessmentType
    from rewards.services_assessments import ensure_default_types

    pemda = fixture("pemda")
    ensure_default_types(pemda)
    return AssessmentType.objects.get(pemda=pemda, code="ikm")


def _assessment_a(fixture):
    """Unit A's IKM of 2025 with a PDF as evidence."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rewards.models import Assessment
    from rewards.services_assessments import assessment_save

    kind = _ikm(fixture)
    unit = fixture("unit_a")
    found = Assessment.objects.filter(unit=unit, type=kind, year=2025).first()
    if found is not None:
        return found
    pdf = SimpleUploadedFile("lhp-ikm.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    return assessment_save(
        user=fixture("admin"), unit=unit, assessment_type=kind, year=2025, value="82.5", evidence=pdf
    )


OBJECTS: dict = {"as_ikm": _ikm, "as_result_a": _assessment_a}

_READ = {"anonymous": LOGIN}
_MANAGE = {"anonymous": LOGIN, "admin": 200, "other_admin": 200}
_TYPE = {"uid": Ref("as_ikm")}
_RESULT = {"uid": Ref("as_result_a")}

# fmt: off
TABLE: dict = {
    "rewards:assessment_list": row(200, **_READ),
    "rewards:assessment_create": row(403, **_MANAGE),
    "rewards:assessment_edit": row(403, anonymous=LOGIN, admin=200, operator_b=404, other_admin=404, kwargs=_RESULT),
    "rewards:assessment_delete": row(405, anonymous=LOGIN, kwargs=_RESULT),
    "rewards:assessment_evidence": row(200, anonymous=LOGIN, operator_b=404, other_admin=404, kwargs=_RESULT),
    "rewards:assessment_type_list": row(200, **_READ),
    "rewards:assessment_type_create": row(403, **_MANAGE),
    "rewards:assessment_type_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs=_TYPE),
    "rewards:assessment_type_delete": row(405, anonymous=LOGIN, kwargs=_TYPE),
    "rewards:obligation_rules_run": row(405, anonymous=LOGIN),
    "reward-assessment-type-list": row(200, anonymous=ANON_API),
    "reward-assessment-type-detail": row(200, anonymous=ANON_API, other_admin=404, kwargs=_TYPE),
    "reward-assessment-list": row(200, anonymous=ANON_API),
    "reward-assessment-detail": row(200, anonymous=ANON_API, operator_b=404, other_admin=404, kwargs=_RESULT),
}
# fmt: on
