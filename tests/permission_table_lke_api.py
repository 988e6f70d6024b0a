"""Permission-table rows: LKE rounds, teams, worksheets and scores in the API (v1).

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

The world: the round of 2025 is open; ``evaluator`` is a member of "Tim 1" (lead: the ketua tim
fixture) which evaluates unit A; unit A's worksheet is **published**, so the unit and ``pimpinan``
may read it. Teams are read by managers and evaluators only (403 for unit users and pimpinan).
Every write is POST/PUT only (a GET answers 405). ``other_admin`` (another Pemda) gets 404 on
every object.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401


def _lke_api_world(fixture):
    """Round 2025 (open), Tim 1 on unit A, unit A's worksheet published."""
    import time_machine

    from evaluations import lke_services as s
    from evaluations.lke_models import Evaluation
    from tests.evaluations.lke_factories import NOW, WINDOWS, answer_all, at, fresh, make_template

    admin, lead, member, operator = (fixture(n) for n in ("admin", "evaluator_lead", "evaluator", "operator_a"))
    unit_a = fixture("unit_a")
    fixture("unit_b")
    with time_machine.travel(NOW, tick=False) as clock:
        round = s.round_create(
            user=admin, fiscal_year=fixture("year"), template=make_template(fixture("pemda")), name="LKE 2025",
            windows=WINDOWS,
        )  # fmt: skip
        s.round_open(user=admin, round=round)
        team = s.team_save(user=admin, round=round, name="Tim 1", lead=lead, members=[member])
        s.team_assign(user=admin, team=team, units=[unit_a])
        ev = fresh(Evaluation.objects.get(round=round, unit=unit_a))
        answer_all(ev, operator, "self", "Y")
        s.evaluation_self_submit(user=operator, evaluation=ev)
        clock.move_to(at("evaluation"))
        answer_all(ev, member, "evaluator", "Y")
        s.evaluation_submit_review(user=member, evaluation=ev)
        clock.move_to(at("review"))
        s.evaluation_publish(user=lead, evaluation=ev)
    return SimpleNamespace(uid=round.uid, team_uid=team.uid, evaluation_uid=ev.uid)


OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {"lke_api_world": _lke_api_world}

_ROUND = {"uid": Ref("lke_api_world", "uid")}
_TEAM = {"uid": Ref("lke_api_world", "team_uid")}
_EV = {"uid": Ref("lke_api_world", "evaluation_uid")}
_CODE = {**_EV, "code": "1.a.1"}
_SUB = {**_EV, "code": "1.a"}
_COMP = {**_EV, "code": "1"}
_TEAM_READ = {"operator_a": 403, "kepala_a": 403, "operator_b": 403, "pimpinan": 403}
_POST = {"anonymous": ANON_API, "kwargs": _EV}
_NO_UID = "00000000-0000-4000-8000-000000000000"

# fmt: off
TABLE: dict[str, Row] = {
    "lke-round-list": row(200, anonymous=ANON_API),
    "lke-round-detail": row(200, anonymous=ANON_API, other_admin=404, kwargs=_ROUND),
    "lke-round-open": row(405, anonymous=ANON_API, kwargs=_ROUND),  # POST only
    "lke-round-close": row(405, anonymous=ANON_API, kwargs=_ROUND),  # POST only
    "lke-team-list": row(200, anonymous=ANON_API, **_TEAM_READ),
    "lke-team-detail": row(200, anonymous=ANON_API, other_admin=404, kwargs=_TEAM, **_TEAM_READ),
    "lke-team-assign": row(405, anonymous=ANON_API, kwargs=_TEAM),  # POST only
    "lke-evaluation-list": row(200, anonymous=ANON_API),
    "lke-evaluation-detail": row(200, anonymous=ANON_API, operator_b=404, other_admin=404, kwargs=_EV),
    "lke-evaluation-history": row(200, anonymous=ANON_API, operator_b=404, other_admin=404, kwargs=_EV),
    "lke-evaluation-answer": row(405, anonymous=ANON_API, kwargs=_CODE),  # PUT only
    "lke-evaluation-qualifier": row(405, anonymous=ANON_API, kwargs=_SUB),  # PUT only
    "lke-evaluation-note": row(405, anonymous=ANON_API, kwargs=_COMP),  # PUT only
    "lke-evaluation-answer-evidence": row(405, anonymous=ANON_API, kwargs=_CODE),  # POST only
    "lke-evaluation-evidence-delete": row(405, anonymous=ANON_API, kwargs={**_EV, "evidence": _NO_UID}),  # DELETE
    "lke-evaluation-submit-self": row(405, **_POST),  # POST only
    "lke-evaluation-submit-review": row(405, **_POST),
    "lke-evaluation-return": row(405, **_POST),
    "lke-evaluation-publish": row(405, **_POST),
    "lke-evaluation-respond": row(405, **_POST),
    "lke-evaluation-resolve": row(405, **_POST),
    "lke-evaluation-finalize": row(405, **_POST),
}
# fmt: on
