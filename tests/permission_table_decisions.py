"""Permission-table rows: proposals, decisions, the register and its exports, SK and certificate PDFs.

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

Who is who here (issue 6): ``pimpinan`` (the Bupati, position kepala daerah) decides proposals and
issues and revokes decisions; ``admin`` reads proposals, the register and every decision of the
Pemda but a write is 403; ``operator_a`` / ``kepala_a`` read their unit A's decisions (and answer
them); ``operator_b`` (unit B) gets 404 on unit A's decision; ``evaluator`` has no access to
decisions (403); ``other_admin`` is another Pemda: 404 on every object, 200 on its own empty lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401


def _snapshot(fixture):
    from tests.rewards.test_pages_decisions_fixtures import make_snapshot

    return make_snapshot(fixture("pemda"), fixture("pimpinan"), fixture("unit_a"), fixture("unit_b"))


def _decision_a(fixture):
    """A TPP cut of unit A (SK 188.45/12/KUM/2026), issued by the Bupati on a frozen snapshot."""
    from tests.rewards.test_pages_decisions_fixtures import issue

    return issue(fixture("pimpinan"), fixture("unit_a"), _snapshot(fixture))


def _award_a(fixture):
    """A piagam penghargaan for unit A (rank 1 in its category)."""
    from rewards.models import DecisionType
    from tests.rewards.test_pages_decisions_fixtures import issue

    return issue(
        fixture("pimpinan"), fixture("unit_a"), _snapshot(fixture), kind=DecisionType.PIAGAM, percent=None,
        months=None, basis=[{"metric": "peringkat", "value": 1, "months": [], "text": "Peringkat 1"}],
    )  # fmt: skip


def _proposal_a(fixture):
    from tests.rewards.test_pages_decisions_fixtures import make_proposal

    return make_proposal(_snapshot(fixture), fixture("unit_a"))


OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {
    "dc_decision_a": _decision_a,
    "dc_award_a": _award_a,
    "dc_proposal_a": _proposal_a,
}

_D = {"uid": Ref("dc_decision_a")}
_AWARD = {"uid": Ref("dc_award_a")}
_P = {"uid": Ref("dc_proposal_a")}
_POST = {"anonymous": LOGIN}  # POST-only routes answer a GET with 405
# Pemda-wide lists: admin and pimpinan (and another Pemda's admin, on their own Pemda)
_PEMDA_WIDE = {"anonymous": LOGIN, "admin": 200, "pimpinan": 200, "other_admin": 200}
# unit A's decision: the unit, admin and pimpinan; unit B and another Pemda 404; evaluator 403
_DECISION_A = {"anonymous": LOGIN, "operator_b": 404, "other_admin": 404, "evaluator": 403}

# fmt: off
TABLE: dict[str, Row] = {
    "rewards:proposal_list": row(403, **_PEMDA_WIDE),
    "rewards:proposal_review": row(403, anonymous=LOGIN, admin=200, pimpinan=200, other_admin=404, kwargs=_P),
    "rewards:decision_list": row(200, anonymous=LOGIN, evaluator=403),
    "rewards:decision_export": row(200, anonymous=LOGIN, evaluator=403),
    "rewards:tpp_export": row(403, **_PEMDA_WIDE),
    "rewards:decision_create": row(403, anonymous=LOGIN, pimpinan=200),
    "rewards:decision_official": row(403, anonymous=LOGIN, pimpinan=200),
    "rewards:decision_detail": row(200, **_DECISION_A, kwargs=_D),
    "rewards:decision_respond": row(405, **_POST, kwargs=_D),
    "rewards:decision_revoke": row(405, **_POST, kwargs=_D),
    "rewards:decision_sk_pdf": row(200, **_DECISION_A, kwargs=_D),
    "rewards:decision_certificate_pdf": row(200, **_DECISION_A, kwargs=_AWARD),
}
# fmt: on
