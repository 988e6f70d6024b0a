"""Fixtures and helpers of the LKE workflow, shared by the LKE test modules.

Use them with ``from tests.evaluations.lke_factories import *  # noqa: F403`` (or import the
fixture names). The clock is frozen at ``NOW`` (10 March 2025, 10:00 WITA), inside the self stage:

* self 1 Mar – 31 Mar 2025, evaluation 1 Apr – 30 Apr, review 1 May – 15 May, response 16 May – 31 May.

``lke_clock`` is the ``time_machine`` traveller: ``lke_clock.move_to(at("evaluation"))`` jumps to
a day inside another stage (``at(stage)`` gives 10:00 WITA on the stage's first day + 2).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import time_machine

from evaluations import lke_data, lke_services
from evaluations.lke_models import CriterionAnswer, Evaluation, LkeCriterion
from evaluations.lke_template import template_from_layout
from evaluations.rules_defaults import LAYOUT_88_2021

WITA = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2025, 3, 10, 10, 0, tzinfo=WITA)
WINDOWS = {
    "self": (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    "evaluation": (dt.date(2025, 4, 1), dt.date(2025, 4, 30)),
    "review": (dt.date(2025, 5, 1), dt.date(2025, 5, 15)),
    "response": (dt.date(2025, 5, 16), dt.date(2025, 5, 31)),
}


def at(stage: str, *, day: int = 2) -> dt.datetime:
    """10:00 WITA on the ``day``-th day (0-based) after the start of ``stage``'s window."""
    start = WINDOWS[stage][0] + dt.timedelta(days=day)
    return dt.datetime(start.year, start.month, start.day, 10, 0, tzinfo=WITA)


AFTER_ALL = dt.datetime(2025, 6, 10, 10, 0, tzinfo=WITA)


def pure_88_2021(name: str = "LKE 88/2021 uji"):
    """The 88/2021 layout with criteria texts "Kriteria 1.a.1" …"""
    template = template_from_layout(LAYOUT_88_2021, name=name)
    components = tuple(
        dataclasses.replace(
            comp,
            subcomponents=tuple(
                dataclasses.replace(
                    sub, criteria=tuple(dataclasses.replace(c, text=f"Kriteria {c.code}") for c in sub.criteria)
                )
                for sub in comp.subcomponents
            ),
        )
        for comp in template.components
    )
    return dataclasses.replace(template, components=components)


def make_template(pemda, *, name: str = "LKE 88/2021 uji", family: str = "88-2021", version: int = 1):
    return lke_data.save_pure_template(
        pemda=pemda, template=pure_88_2021(name), family=family, version=version, regulation="PermenPAN-RB 88/2021"
    )


def criteria_of(evaluation) -> list[LkeCriterion]:
    return list(
        LkeCriterion.objects.filter(subcomponent__component__template_id=evaluation.round.template_id).order_by(
            "subcomponent__component__order", "subcomponent__order", "order"
        )
    )


def criterion(evaluation, code: str) -> LkeCriterion:
    return LkeCriterion.objects.get(subcomponent__component__template_id=evaluation.round.template_id, code=code)


def answer_all(evaluation, user, side: str, answer="Y") -> None:
    """Answer every criterion on ``side`` ("self" or "evaluator") with ``answer``: a value, a dict
    code → value (missing codes: "T"), or a callable ``criterion -> value``."""
    for c in criteria_of(evaluation):
        if callable(answer):
            value = answer(c)
        elif isinstance(answer, dict):
            value = answer.get(c.code, "T")
        else:
            value = answer
        if side == "self":
            lke_services.answer_self(user=user, evaluation=evaluation, criterion=c, answer=value)
        else:
            lke_services.answer_evaluate(user=user, evaluation=evaluation, criterion=c, answer=value)


def fresh(evaluation) -> Evaluation:
    return Evaluation.objects.select_related(
        "round__pemda", "round__fiscal_year", "round__template", "team", "unit"
    ).get(pk=evaluation.pk)


def answers_of(evaluation) -> dict[str, CriterionAnswer]:
    return {
        a.criterion.code: a for a in CriterionAnswer.objects.filter(evaluation=evaluation).select_related("criterion")
    }


@pytest.fixture
def lke_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def lke_template(pemda):
    return make_template(pemda)


@pytest.fixture
def lke_round(lke_clock, year, lke_template, admin, unit_a, unit_b):
    round = lke_services.round_create(
        user=admin,
        fiscal_year=year,
        template=lke_template,
        name="Evaluasi AKIP Perangkat Daerah Tahun 2025",
        windows=WINDOWS,
        basis="Peraturan Bupati tentang evaluasi AKIP",
        scope="Seluruh perangkat daerah",
        lhe_number_prefix="700/LHE-AKIP/",
    )
    lke_services.round_open(user=admin, round=round)
    round.refresh_from_db()
    return round


@pytest.fixture
def lke_team(lke_round, admin, evaluator, evaluator_lead, unit_a):
    team = lke_services.team_save(user=admin, round=lke_round, name="Tim 1", lead=evaluator_lead, members=[evaluator])
    lke_services.team_assign(user=admin, team=team, units=[unit_a])
    return team


@pytest.fixture
def evaluation_a(lke_round, lke_team, unit_a):
    return fresh(Evaluation.objects.get(round=lke_round, unit=unit_a))
