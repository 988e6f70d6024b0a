"""Permission-table rows: LKE templates, predicate tables, follow-up and the Pemda's own results in the API (v1).

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

Reads are open to every role of the Pemda (``P.EVAL_VIEW``); a recommendation of unit A is hidden
(404) from unit B's operator and from an evaluator whose teams do not evaluate unit A; the other
Pemda sees 404 on every object. Writes are POST/PUT/DELETE only, so a GET answers 405.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401


def _template_88(fixture):
    """The Pemda's PermenPAN-RB 88/2021 template (the defaults installed by the admin)."""
    from evaluations import lke_template_services
    from evaluations.lke_models import LkeTemplate

    pemda = fixture("pemda")
    lke_template_services.template_install_defaults(pemda=pemda, user=fixture("admin"))
    return LkeTemplate.objects.get(pemda=pemda, family="88-2021")


def _pemda_result(fixture):
    """The Pemda's 2024 KemenPAN-RB result (61,76 → B, target BB)."""
    from evaluations import lke_followup_services
    from evaluations.lke_models import PemdaResult

    pemda = fixture("pemda")
    found = PemdaResult.objects.filter(pemda=pemda, year=2024).first()
    if found:
        return found
    return lke_followup_services.pemda_result_save(
        user=fixture("admin"), pemda=pemda, year=2024, score=Decimal("61.76"), target_predicate="BB", scores=[]
    )


def _recommendation_a(fixture):
    """A recommendation of the 2024 result owned by unit A."""
    from evaluations import lke_followup_services

    return lke_followup_services.recommendation_add(
        user=fixture("admin"),
        owner=fixture("unit_a"),
        text="Agar indikator kinerja dilengkapi definisi operasional.",
        due_date=None,
        pemda_result=_pemda_result(fixture),
    )


OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {
    "lke_template_88": _template_88,
    "pemda_result_2024": _pemda_result,
    "recommendation_a": _recommendation_a,
}

_t = {"uid": Ref("lke_template_88")}
_r = {"uid": Ref("pemda_result_2024")}
_rec = {"uid": Ref("recommendation_a")}

# fmt: off
TABLE: dict[str, Row] = {
    # templates: read by every role of the Pemda; the actions are POST only
    "lke-template-list": row(200, anonymous=ANON_API),
    "lke-template-detail": row(200, anonymous=ANON_API, other_admin=404, kwargs=_t),
    "lke-template-export": row(200, anonymous=ANON_API, other_admin=404, kwargs=_t),
    "lke-template-new-version": row(405, anonymous=ANON_API, kwargs=_t),  # POST only
    "lke-template-install-defaults": row(405, anonymous=ANON_API),  # POST only
    "lke-template-import": row(405, anonymous=ANON_API),  # POST only
    # predicate bands of a year (each Pemda its own, or the default)
    "lke-predicate-table": row(200, anonymous=ANON_API, kwargs={"year": 2025}),
    # recommendations: unit A's is hidden from unit B and from an evaluator not assigned to unit A
    "lke-recommendation-list": row(200, anonymous=ANON_API),
    "lke-recommendation-detail": row(200, anonymous=ANON_API, operator_b=404, evaluator=404, other_admin=404,
                                     kwargs=_rec),
    "lke-recommendation-follow-up": row(405, anonymous=ANON_API, kwargs=_rec),  # POST only
    "lke-recommendation-evidence": row(405, anonymous=ANON_API, kwargs=_rec),  # POST only
    # the Pemda's own KemenPAN-RB results
    "pemda-result-list": row(200, anonymous=ANON_API),
    "pemda-result-trend": row(200, anonymous=ANON_API),
    "pemda-result-detail": row(200, anonymous=ANON_API, other_admin=404, kwargs=_r),
    "pemda-result-gap": row(200, anonymous=ANON_API, other_admin=404, kwargs=_r),
    "pemda-result-recommendations": row(405, anonymous=ANON_API, kwargs=_r),  # POST only
}
# fmt: on
