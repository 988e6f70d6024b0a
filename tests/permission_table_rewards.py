"""Permission-table rows: rankings, snapshots, dashboard, weights and rules pages and the ranking board PDF.

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

Who is who here: rankings, snapshots, rule runs and the leader dashboard are for ``P.RANKING_VIEW``
(admin, evaluator, pimpinan; unit users 403); freezing and running the rules are POST only;
weights and rules are for ``P.RULE_MANAGE`` (the admin; everyone else of the Pemda 403).
``other_admin`` (another Pemda) gets 404 on every object of the first Pemda, and their own
Pemda's pages (lists, forms) answer 200.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401


def _snapshot(fixture):
    """A frozen ranking of the first Pemda (2025), frozen by pimpinan; no units ranked."""
    from django.utils import timezone

    from rewards.models import RankingSnapshot

    return RankingSnapshot.objects.create(
        pemda=fixture("pemda"),
        year=2025,
        title="Snapshot uji",
        weights={"akip": "50", "capaian": "35", "ketepatan_waktu": "15"},
        data={"units": [], "rankings": {"categories": [], "overall": {}, "by_category": {}}},
        content_hash="0" * 64,
        frozen_at=timezone.now(),
        frozen_by=fixture("pimpinan"),
    )


def _rule_run(fixture):
    from rewards.models import RuleRun

    snapshot = _snapshot(fixture)
    return RuleRun.objects.create(pemda=snapshot.pemda, snapshot=snapshot, status=RuleRun.Status.DONE)


def _rule(fixture):
    from rewards.models import RewardRule
    from rewards.rules_defaults import DEFAULT_RULES

    data = dict(DEFAULT_RULES[0])
    code, name = data.pop("code"), data.pop("name")
    return RewardRule.objects.create(pemda=fixture("pemda"), code=code, name=name, definition=data)


OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {
    "rw_snapshot": _snapshot,
    "rw_rule_run": _rule_run,
    "rw_rule": _rule,
}

_VIEW = {"anonymous": LOGIN, "admin": 200, "evaluator": 200, "pimpinan": 200, "other_admin": 200}
_VIEW_OBJ = {**_VIEW, "other_admin": 404}
_MANAGE = {"anonymous": LOGIN, "admin": 200, "other_admin": 200}
_POST = {"anonymous": LOGIN}  # POST-only routes answer a GET with 405
_SNAP = {"uid": Ref("rw_snapshot")}

# fmt: off
TABLE: dict[str, Row] = {
    "rewards:dashboard": row(403, **_VIEW),
    "rewards:ranking_home": row(403, **_VIEW),
    "rewards:ranking_freeze": row(405, **_POST),
    "rewards:weights_edit": row(403, **_MANAGE),
    "rewards:snapshot_list": row(403, **_VIEW),
    "rewards:snapshot_detail": row(403, **_VIEW_OBJ, kwargs=_SNAP),
    "rewards:ranking_board_pdf": row(403, **_VIEW_OBJ, kwargs=_SNAP),
    "rewards:rule_run_start": row(405, **_POST, kwargs=_SNAP),
    "rewards:rule_run_status": row(403, **_VIEW_OBJ, kwargs={"uid": Ref("rw_rule_run")}),
    "rewards:rule_list": row(403, **_MANAGE),
    "rewards:rule_create": row(403, **_MANAGE),
    "rewards:rule_install_defaults": row(405, **_POST),
    "rewards:rule_edit": row(403, anonymous=LOGIN, admin=200, other_admin=404, kwargs={"uid": Ref("rw_rule")}),
    "rewards:rule_toggle": row(405, **_POST, kwargs={"uid": Ref("rw_rule")}),
    "rewards:rule_delete": row(405, **_POST, kwargs={"uid": Ref("rw_rule")}),
}
# fmt: on
