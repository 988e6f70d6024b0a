"""Permission-table rows: LKE templates, predicate tables, follow-up, the Pemda's KemenPAN-RB
results, comparison pages and their API.

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

Who is who here: ``admin`` manages the evaluation; ``evaluator`` is a plain evaluator (no team, not
ketua tim: no EVAL_MANAGE, and no recommendation of unit A is theirs to see); ``pimpinan`` reads
everything; ``operator_a`` / ``kepala_a`` own the follow-up of unit A; ``operator_b`` is another unit.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401


def _lke_template(fixture):
    """A template of the first Pemda (88/2021 layout) and one of its criteria."""
    from evaluations.lke_models import LkeCriterion
    from tests.evaluations.lke_factories import make_template

    template = make_template(fixture("pemda"))
    criterion = LkeCriterion.objects.filter(subcomponent__component__template=template).order_by("pk").first()
    return SimpleNamespace(uid=template.uid, criterion_id=criterion.pk)


def _pemda_result(fixture):
    """The first Pemda's 2024 KemenPAN-RB result (61,76 → B) with a recommendation owned by unit A."""
    from evaluations import lke_followup_services as services

    admin = fixture("admin")
    result = services.pemda_result_save(user=admin, pemda=fixture("pemda"), year=2024, score=Decimal("61.76"))
    services.recommendation_add(
        user=admin, owner=fixture("unit_a"), text="Agar IKU diselaraskan dengan RPJMD.", pemda_result=result
    )
    return result


def _recommendation_a(fixture):
    return _pemda_result(fixture).recommendations.get()


def _followup_evidence_a(fixture):
    """A PDF uploaded as follow-up evidence of unit A's recommendation."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluations import lke_followup_services as services

    rec = _recommendation_a(fixture)
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    return services.followup_evidence_add(user=fixture("admin"), recommendation=rec, title="Notulen", file=pdf)


OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {
    "lka_template": _lke_template,
    "lka_pemda_result": _pemda_result,
    "lka_recommendation_a": _recommendation_a,
    "lka_followup_evidence_a": _followup_evidence_a,
}

_T = {"uid": Ref("lka_template")}
_R = {"uid": Ref("lka_pemda_result")}
_REC = {"uid": Ref("lka_recommendation_a")}
_MANAGER = {"admin": 200, "other_admin": 200}  # pages of the manager's own Pemda
_A_REC = {"operator_b": 404, "evaluator": 404, "other_admin": 404}  # unit A's recommendation

# fmt: off
TABLE: dict[str, Row] = {
    # --- templates and predicate tables: EVAL_MANAGE -------------------------------------------------
    "evaluations:lke_template_list": row(403, anonymous=LOGIN, **_MANAGER),
    "evaluations:lke_template_install": row(405, anonymous=LOGIN),  # POST only
    "evaluations:lke_template_import": row(403, anonymous=LOGIN, **_MANAGER),
    "evaluations:lke_template_import_commit": row(405, anonymous=LOGIN),  # POST only
    "evaluations:lke_template_detail": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs=_T),
    "evaluations:lke_template_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs=_T),
    "evaluations:lke_template_weights": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs=_T),
    "evaluations:lke_criterion_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404,
                                          kwargs={**_T, "criterion_id": Ref("lka_template", "criterion_id")}),
    "evaluations:lke_template_new_version": row(405, anonymous=LOGIN, kwargs=_T),  # POST only
    "evaluations:lke_template_delete": row(405, anonymous=LOGIN, kwargs=_T),  # POST only
    "evaluations:lke_template_export": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs=_T),
    "evaluations:predicate_table": row(403, anonymous=LOGIN, **_MANAGER),
    # --- follow-up: everyone reads what they may see; the owner unit and managers update -------------
    "evaluations:followup_list": row(200, anonymous=LOGIN),
    "evaluations:followup_overdue": row(200, anonymous=LOGIN, operator_a=403, kepala_a=403, operator_b=403),
    "evaluations:followup_detail": row(200, anonymous=LOGIN, **_A_REC, kwargs=_REC),
    "evaluations:followup_update": row(200, anonymous=LOGIN, pimpinan=403, **_A_REC, kwargs=_REC),
    "evaluations:followup_evidence_add": row(405, anonymous=LOGIN, kwargs=_REC),  # POST only
    "evaluations:followup_evidence_download": row(200, anonymous=LOGIN, **_A_REC,
                                                  kwargs={"uid": Ref("lka_followup_evidence_a")}),
    "evaluations:followup_evidence_delete": row(405, anonymous=LOGIN,
                                                kwargs={"uid": Ref("lka_followup_evidence_a")}),  # POST only
    # --- the Pemda's own KemenPAN-RB results: every role reads, managers write -----------------------
    "evaluations:pemda_result_list": row(200, anonymous=LOGIN),
    "evaluations:pemda_result_create": row(403, anonymous=LOGIN, **_MANAGER),
    "evaluations:pemda_result_detail": row(200, anonymous=LOGIN, other_admin=404, kwargs=_R),
    "evaluations:pemda_result_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs=_R),
    "evaluations:pemda_result_delete": row(405, anonymous=LOGIN, kwargs=_R),  # POST only
    "evaluations:pemda_result_recommendation_add": row(405, anonymous=LOGIN, kwargs=_R),  # POST only
    "evaluations:pemda_result_gap": row(200, anonymous=LOGIN, other_admin=404, kwargs=_R),
    # --- comparison: Pemda-wide readers see every unit; unit users only their own unit --------------
    "evaluations:comparison_ranking": row(200, anonymous=LOGIN, operator_a=403, kepala_a=403, operator_b=403),
    "evaluations:comparison_unit": row(200, anonymous=LOGIN, operator_b=404, other_admin=404,
                                       kwargs={"uid": Ref("unit_a")}),
}
# fmt: on
