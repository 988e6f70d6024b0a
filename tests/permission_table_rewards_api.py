"""Permission-table rows: rankings, snapshots, weights, rules, rule runs, proposals and decisions in the API (v1).

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

Who is who here (issue 6 access): rankings, snapshots and rule runs are read by ``RANKING_VIEW``
(admin, evaluator, pimpinan); rules by those too (admin manages them); proposals by pimpinan
(``DECISION_ISSUE``) and admin; decisions by admin and pimpinan (all) and the unit's own users.
``rewards_world`` is a snapshot of 2025 frozen by pimpinan with the default rules run over it, and
a decision (SK) about unit A: ``operator_b`` (unit B) gets 404 on it, the evaluator 403, and
``other_admin`` (another Pemda) 404 on every object. Action routes are POST-only: a GET is 405.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from tests.permission_table import ANON_API, Ref, Row, row


def _rewards_world(fixture):
    """Default rules, a 2025 snapshot frozen by pimpinan, one rule run, its proposals, a decision on unit A."""
    import datetime as dt

    from rewards import services
    from rewards.models import Proposal

    pemda, pimpinan, unit_a = fixture("pemda"), fixture("pimpinan"), fixture("unit_a")
    fixture("year")
    fixture("unit_b")
    services.rules_install_defaults(pemda=pemda)
    snapshot = services.snapshot_freeze(user=pimpinan, pemda=pemda, year=2025)
    run = services.rule_run_request(user=pimpinan, snapshot=snapshot)
    services.rule_run_execute(run.pk)  # on_commit does not fire inside the test transaction
    proposal = Proposal.objects.filter(snapshot=snapshot).order_by("id").first()
    decision = services.decision_issue(
        user=pimpinan, pemda=pemda, kind="teguran_tertulis", unit=unit_a, snapshot=snapshot,
        sk_number="800/1/2025", sk_date=dt.date(2025, 4, 21), basis_text="Dasar uji.",
        effective_start=dt.date(2025, 5, 1),
    )  # fmt: skip
    rule = services.rule_save(
        user=fixture("admin"), pemda=pemda, code="uji", name="Aturan uji",
        definition={"conditions": [{"metric": "nilai_akip", "comparator": "<", "threshold": "50"}],
                    "outcome": {"type": "teguran_lisan"}},
    )  # fmt: skip
    return SimpleNamespace(
        snapshot_uid=snapshot.uid, run_uid=run.uid, proposal_uid=proposal.uid, decision_uid=decision.uid,
        rule_uid=rule.uid,
    )  # fmt: skip


OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {"rewards_world": _rewards_world}

_SNAP = {"uid": Ref("rewards_world", "snapshot_uid")}
_RUN = {"uid": Ref("rewards_world", "run_uid")}
_RULE = {"uid": Ref("rewards_world", "rule_uid")}
_PROP = {"uid": Ref("rewards_world", "proposal_uid")}
_DEC = {"uid": Ref("rewards_world", "decision_uid")}
_UNITS_403 = {"operator_a": 403, "kepala_a": 403, "operator_b": 403}
# RANKING_VIEW: admin, evaluator, pimpinan (other_admin: its own Pemda's list)
_RANKING = {"anonymous": ANON_API, **_UNITS_403}
# proposals: pimpinan and admin
_PROPOSALS = {"anonymous": ANON_API, "admin": 200, "pimpinan": 200, "other_admin": 200}
_POST = {"anonymous": ANON_API}  # POST-only actions answer a GET with 405

# fmt: off
TABLE: dict[str, Row] = {
    "reward-rankings": row(200, **_RANKING),
    "reward-weights": row(200, **_RANKING, kwargs={"year": 2025}),
    "reward-snapshot-list": row(200, **_RANKING, needs=("rewards_world",)),
    "reward-snapshot-detail": row(200, **_RANKING, other_admin=404, kwargs=_SNAP),
    "reward-snapshot-run-rules": row(405, **_POST, kwargs=_SNAP),
    "reward-rule-list": row(200, **_RANKING, needs=("rewards_world",)),
    "reward-rule-detail": row(200, **_RANKING, other_admin=404, kwargs=_RULE),
    "reward-rule-toggle": row(405, **_POST, kwargs=_RULE),
    "reward-rule-install-defaults": row(405, **_POST),
    "reward-rule-run-list": row(200, **_RANKING, needs=("rewards_world",)),
    "reward-rule-run-detail": row(200, **_RANKING, other_admin=404, kwargs=_RUN),
    "reward-proposal-list": row(403, **_PROPOSALS, needs=("rewards_world",)),
    "reward-proposal-detail": row(403, **_PROPOSALS | {"other_admin": 404}, kwargs=_PROP),
    "reward-proposal-accept": row(405, **_POST, kwargs=_PROP),
    "reward-proposal-change": row(405, **_POST, kwargs=_PROP),
    "reward-proposal-reject": row(405, **_POST, kwargs=_PROP),
    # decisions: admin and pimpinan all, the unit its own (unit B: 404), evaluators none (403)
    "reward-decision-list": row(200, anonymous=ANON_API, evaluator=403, needs=("rewards_world",)),
    "reward-decision-detail": row(200, anonymous=ANON_API, evaluator=403, operator_b=404, other_admin=404,
                                  kwargs=_DEC),
    "reward-decision-respond": row(405, **_POST, kwargs=_DEC),
    "reward-decision-revoke": row(405, **_POST, kwargs=_DEC),
}
# fmt: on
