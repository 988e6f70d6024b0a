"""Permission-table rows: LKE rounds, teams, worksheets, LHE and recap pages.

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

Who is who here: the round of 2025 is open; ``evaluator`` is a member of "Tim 1" (lead: the ketua
tim fixture), which evaluates unit A; unit A's worksheet is **published** (so ``pimpinan`` and the
unit see the result and the LHE exists). ``operator_b`` is another unit: 404 on unit A's records;
``other_admin`` is another Pemda: 404 on every object.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row  # noqa: F401


def _lke_world(fixture):
    """Round 2025 (open), Tim 1 on unit A, unit A's worksheet published with one evidence file."""
    import time_machine
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluations import lke_services as s
    from evaluations.lke_models import CriterionAnswer, Evaluation
    from tests.evaluations.lke_factories import NOW, WINDOWS, answer_all, at, criteria_of, fresh, make_template

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
        answer = CriterionAnswer.objects.get(evaluation=ev, criterion=criteria_of(ev)[0])
        pdf = SimpleUploadedFile("renstra.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        evidence = s.evidence_add(user=operator, answer=answer, kind="file", file=pdf)
        answer_all(ev, operator, "self", "Y")
        s.evaluation_self_submit(user=operator, evaluation=ev)
        clock.move_to(at("evaluation"))
        answer_all(ev, member, "evaluator", "Y")
        s.evaluation_submit_review(user=member, evaluation=ev)
        clock.move_to(at("review"))
        s.evaluation_publish(user=lead, evaluation=ev)
    return SimpleNamespace(uid=round.uid, team_uid=team.uid, evaluation_uid=ev.uid, evidence_uid=evidence.uid)


OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {"lke_world": _lke_world}

_ROUND = {"uid": Ref("lke_world", "uid")}
_TEAM = {"uid": Ref("lke_world", "team_uid")}
_EV = {"uid": Ref("lke_world", "evaluation_uid")}
_EVIDENCE = {"uid": Ref("lke_world", "evidence_uid")}
_CRIT = {**_EV, "criterion": 1}
_POST = {"anonymous": LOGIN}  # POST-only routes answer a GET with 405
# unit A's published worksheet: the unit, the team, managers and pimpinan; not unit B nor another Pemda
_SHEET = {"anonymous": LOGIN, "operator_b": 404, "other_admin": 404}
_MANAGE = {"anonymous": LOGIN, "admin": 200, "other_admin": 404}
_RECAP = {"anonymous": LOGIN, "admin": 200, "evaluator": 200, "pimpinan": 200, "other_admin": 404}

# fmt: off
TABLE: dict[str, Row] = {
    "evaluations:lke_home": row(200, anonymous=LOGIN),
    "evaluations:lke_round_create": row(403, anonymous=LOGIN, admin=200, other_admin=200),
    "evaluations:lke_round_detail": row(200, anonymous=LOGIN, other_admin=404, kwargs=_ROUND),
    "evaluations:lke_round_edit": row(403, **_MANAGE, kwargs=_ROUND),
    "evaluations:lke_round_open": row(405, **_POST, kwargs=_ROUND),
    "evaluations:lke_round_close": row(405, **_POST, kwargs=_ROUND),
    "evaluations:lke_team_create": row(403, **_MANAGE, kwargs=_ROUND),
    "evaluations:lke_team_edit": row(403, **_MANAGE, kwargs=_TEAM),
    "evaluations:lke_team_delete": row(405, **_POST, kwargs=_TEAM),
    "evaluations:lke_recap": row(403, **_RECAP, kwargs=_ROUND),
    "evaluations:lke_recap_pdf": row(403, **_RECAP, kwargs=_ROUND),
    "evaluations:lke_worksheet": row(200, **_SHEET, kwargs=_EV),
    "evaluations:lke_history": row(200, **_SHEET, kwargs=_EV),
    # the Excel worksheet: whoever fills a side (the unit, the team, managers); pimpinan only read
    "evaluations:lke_worksheet_export": row(200, **_SHEET, pimpinan=403, kwargs=_EV),
    "evaluations:lke_worksheet_import": row(200, **_SHEET, pimpinan=403, kwargs=_EV),
    "evaluations:lke_lhe_pdf": row(200, **_SHEET, kwargs=_EV),
    "evaluations:lke_evidence_download": row(200, **_SHEET, kwargs=_EVIDENCE),
    "evaluations:lke_evidence_delete": row(405, **_POST, kwargs=_EVIDENCE),
    "evaluations:lke_answer_self": row(405, **_POST, kwargs=_CRIT),
    "evaluations:lke_answer_evaluator": row(405, **_POST, kwargs=_CRIT),
    "evaluations:lke_evidence_add": row(405, **_POST, kwargs=_CRIT),
    "evaluations:lke_qualifier_save": row(405, **_POST, kwargs={**_EV, "sub": 1}),
    "evaluations:lke_component_note": row(405, **_POST, kwargs={**_EV, "component": 1}),
    "evaluations:lke_self_submit": row(405, **_POST, kwargs=_EV),
    "evaluations:lke_submit_review": row(405, **_POST, kwargs=_EV),
    "evaluations:lke_return": row(405, **_POST, kwargs=_EV),
    "evaluations:lke_publish": row(405, **_POST, kwargs=_EV),
    "evaluations:lke_respond": row(405, **_POST, kwargs=_EV),
    "evaluations:lke_resolve": row(405, **_POST, kwargs=_EV),
    "evaluations:lke_finalize": row(405, **_POST, kwargs=_EV),
}
# fmt: on
