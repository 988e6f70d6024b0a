"""Demo data of the LKE evaluation: rounds, teams, worksheets, published and final results (steps 410–419).

Kabupaten Banjar, on the PermenPAN-RB 88/2021 template (installed by step 400):

* the evaluations of fiscal years **2024** and **2025** are closed: every perangkat daerah has a
  self-assessment, the evaluator's answers with notes and recommendations, an LHE number and date,
  and a final result; one unit responded and got its score revised, another kept;
* the evaluation of **2026** (the current year) is under way, its stage windows around today: units
  at every stage (self-assessment not started or half done, being evaluated, in review, published
  awaiting the response, responded).

Scores come from Y/T patterns per unit (a maturity level per unit, better in keberadaan than in
pemanfaatan, slowly improving year by year, deterministic per unit and year), so the predicates
spread over A, BB, B, CC and C. ``evaluator`` is a member of Tim 1 (dinas and badan), led by
``ketua.tim``, who also leads Tim 2 (sekretariat and kecamatan) alone: ``evaluator`` sees only
Tim 1's worksheets. Units without a demo account are filled in by the Admin SAKIP on their behalf
(the same demo-only device as the PK demo). Every write goes through ``lke_services``; only the
timestamps of the closed rounds are moved back to their historic dates afterwards.

Idempotent: a year that already has a round is left alone.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from agreements.demo import _on_behalf
from evaluations import lke_selectors as sel
from evaluations import lke_services as s
from evaluations.lke_models import (
    CriterionAnswer,
    Evaluation,
    EvaluationRound,
    LkeComponent,
    LkeCriterion,
    LkeSubComponent,
    LkeTemplate,
    ScoreChange,
)
from sakip.core.demo import CURRENT_YEAR, DemoContext, demo_step
from sakip.core.models import FiscalYear, Notification, Unit

PEMDA_KEY = "banjar"
D = dt.date
DAY = dt.timedelta(days=1)
HISTORIC = {
    year: {
        "self": (D(year + 1, 2, 3), D(year + 1, 2, 28)),
        "evaluation": (D(year + 1, 3, 2), D(year + 1, 3, 31)),
        "review": (D(year + 1, 4, 1), D(year + 1, 4, 15)),
        "response": (D(year + 1, 4, 16), D(year + 1, 4, 30)),
    }
    for year in (2024, 2025)
}
LHE_DATE = {2024: D(2025, 4, 14), 2025: D(2026, 4, 13)}
KIND_SHIFT = {"keberadaan": 0.12, "kualitas": 0.0, "pemanfaatan": -0.12}
# Maturity (share of criteria met) of a unit in 2024; +0.04 per later year.
LEVELS = {
    "Dinkes": 0.9,
    "Bappedalitbang": 0.97,
    "BPKPAD": 0.88,
    "Disdik": 0.8,
    "Setda": 0.84,
    "Kec. Astambul": 0.56,
    "Kec. Aluh-Aluh": 0.36,
}
LEVEL_CHOICES = (0.4, 0.5, 0.62, 0.7, 0.78, 0.86)
RECOMMENDATIONS = {
    "1": "Agar menyelaraskan sasaran dan indikator kinerja Renstra, Renja dan Perjanjian Kinerja serta "
    "menjenjangkannya sampai tingkat individu.",
    "2": "Agar menetapkan pedoman pengumpulan data kinerja dan memanfaatkan hasil pengukuran kinerja "
    "secara berkala untuk pengendalian kinerja.",
    "3": "Agar menyusun laporan kinerja tepat waktu dengan analisis capaian yang membandingkan target, "
    "realisasi dan capaian tahun sebelumnya.",
    "4": "Agar menindaklanjuti seluruh rekomendasi evaluasi akuntabilitas kinerja tahun sebelumnya dan "
    "mendokumentasikan bukti tindak lanjutnya.",
}


def _level(unit: Unit, year: int, rng: random.Random) -> float:
    base = LEVELS.get(unit.short_name) or rng.choice(LEVEL_CHOICES)
    return min(base + 0.04 * (year - 2024), 0.97)


def _pattern(subs, level: float, rng: random.Random, optimism: float = 0.0) -> dict[str, str]:
    """Y/T per criterion code: per sub-component a share met around the unit's level."""
    answers = {}
    for sub, criteria in subs:
        mature = level >= 0.95  # consistently good, also in using its documents
        spread, shift = (0.03, 0.0) if mature else (0.1 if level < 0.85 else 0.05, KIND_SHIFT.get(sub.kind, 0))
        share = level + shift + optimism + rng.uniform(-spread, spread)
        met = round(max(0.0, min(1.0, share)) * len(criteria))
        chosen = set(rng.sample([c.code for c in criteria], met))
        answers.update({c.code: "Y" if c.code in chosen else "T" for c in criteria})
    return answers


def _subs(template: LkeTemplate):
    criteria = list(LkeCriterion.objects.filter(subcomponent__component__template=template).order_by("order"))
    subs = list(
        LkeSubComponent.objects.filter(component__template=template)
        .select_related("component")
        .order_by("component__order", "order")
    )
    return [(sub, [c for c in criteria if c.subcomponent_id == sub.pk]) for sub in subs]


def _template(pemda) -> LkeTemplate | None:
    found = LkeTemplate.objects.filter(pemda=pemda, family="88-2021", is_active=True).order_by("-version").first()
    if found is None:
        from evaluations import lke_template_services

        lke_template_services.template_install_defaults(pemda=pemda, user=None)
        found = LkeTemplate.objects.filter(pemda=pemda, family="88-2021").order_by("-version").first()
    return found


def _units(pemda) -> list[Unit]:
    return list(
        Unit.objects.filter(pemda=pemda, is_active=True, parent__isnull=True)
        .exclude(type=Unit.Type.INSPEKTORAT)
        .order_by("code")
    )


def _self_user(ctx: DemoContext, unit: Unit, admin):
    own = {"Dinkes": "operator.dinkes", "Kec. Astambul": "operator.astambul"}.get(unit.short_name)
    return ctx.users.get(own) if own else _on_behalf(admin, unit)


class _Round:
    """One round being seeded: the round, its teams, who does what."""

    def __init__(self, ctx: DemoContext, pemda, year: int, template: LkeTemplate, windows: dict, lhe_year: int):
        self.ctx, self.year = ctx, year
        self.admin, self.lead, self.member = (ctx.users[n] for n in ("admin.banjar", "ketua.tim", "evaluator"))
        fiscal_year = FiscalYear.objects.get(pemda=pemda, year=year)
        self.round = s.round_create(
            user=self.admin,
            fiscal_year=fiscal_year,
            template=template,
            name=f"Evaluasi Akuntabilitas Kinerja Perangkat Daerah Tahun {year}",
            windows=windows,
            basis="Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi "
            "Pemerintah; Peraturan Bupati Banjar tentang Pedoman Evaluasi AKIP Perangkat Daerah.",
            scope="Penerapan manajemen kinerja: perencanaan, pengukuran, pelaporan dan evaluasi internal.",
            lhe_number_prefix=f"700.1.2/{{no}}/LHE-AKIP/ITDA/{lhe_year}",
        )
        units = _units(pemda)
        ctx.created["lembar kerja LKE"] += s.round_open(user=self.admin, round=self.round, units=units)
        tim1 = s.team_save(user=self.admin, round=self.round, name="Tim 1", lead=self.lead, members=[self.member])
        tim2 = s.team_save(user=self.admin, round=self.round, name="Tim 2", lead=self.lead, members=[])
        s.team_assign(user=self.admin, team=tim1, units=[u for u in units if u.code[0] in "125"])
        s.team_assign(user=self.admin, team=tim2, units=[u for u in units if u.code[0] not in "125"])
        self.subs = _subs(template)
        self.components = list(LkeComponent.objects.filter(template=template).order_by("order"))
        ctx.created["putaran evaluasi"] += 1

    def evaluations(self) -> list[Evaluation]:
        return list(
            Evaluation.objects.filter(round=self.round)
            .select_related("unit", "team", "round__pemda", "round__fiscal_year", "round__template")
            .order_by("unit__code")
        )

    def scorer(self, ev: Evaluation):
        return self.member if ev.team.members.exists() else self.lead

    def self_assess(self, ev: Evaluation, level: float, rng: random.Random, *, submit=True, share=1.0):
        user = _self_user(self.ctx, ev.unit, self.admin)
        answers = _pattern(self.subs, level, rng, optimism=0.1)
        if share < 1:
            answers = dict(list(answers.items())[: int(len(answers) * share)])
        s.answers_save(user=user, evaluation=ev, side="self", answers=answers)
        self.link_evidence(ev, user, answers)
        if submit:
            s.evaluation_self_submit(user=user, evaluation=ev)

    def link_evidence(self, ev: Evaluation, user, answers: dict[str, str]) -> None:
        """The unit's PK and one realisation evidence file of the year, linked instead of uploaded again."""
        agreements, files = sel.linkable_evidence(ev)
        rows = {a.criterion.code: a for a in CriterionAnswer.objects.filter(evaluation=ev).select_related("criterion")}
        agreement, evidence = agreements.first(), files.first()
        if agreement is not None and answers.get("1.a.4") == "Y" and "1.a.4" in rows:
            s.evidence_add(user=user, answer=rows["1.a.4"], kind="agreement", agreement=agreement)
        if evidence is not None and answers.get("3.b.8") == "Y" and "3.b.8" in rows:
            s.evidence_add(user=user, answer=rows["3.b.8"], kind="realisation", realisation_evidence=evidence)

    def evaluate(self, ev: Evaluation, level: float, rng: random.Random, *, share=1.0, submit=True):
        user = self.scorer(ev)
        answers = _pattern(self.subs, level, rng)
        recommendations = {}
        for comp in self.components:
            missed = [c for sub, cs in self.subs if sub.component_id == comp.pk for c in cs if answers[c.code] == "T"]
            if missed:
                recommendations[missed[0].code] = RECOMMENDATIONS.get(comp.code, RECOMMENDATIONS["4"])
        if share < 1:
            answers = dict(list(answers.items())[: int(len(answers) * share)])
            recommendations = {k: v for k, v in recommendations.items() if k in answers}
        s.answers_save(user=user, evaluation=ev, side="evaluator", answers=answers, recommendations=recommendations)
        if share < 1:
            return
        if level >= 0.9:  # documents kept for years, recognised extra effort or innovation: A / AA grades
            for sub, criteria in self.subs:
                if all(answers[c.code] == "Y" for c in criteria):
                    kept = {"years_kept": 3} if sub.kind == "keberadaan" else {"innovation": "extra_effort"}
                    s.qualifier_set(user=user, evaluation=ev, subcomponent=sub, **kept)
        result = s.evaluation_result(ev)
        for comp, score in zip(self.components, result.components, strict=True):
            s.component_note_set(user=user, evaluation=ev, component=comp, note=_note(comp.name, score))
        if submit:
            s.evaluation_submit_review(user=user, evaluation=ev)

    def publish(self, ev: Evaluation, lhe_date=None):
        s.evaluation_publish(user=self.lead, evaluation=ev, lhe_date=lhe_date)


def _note(name: str, score) -> str:
    share = score.score / score.weight
    if share >= 0.78:
        return f"{name} sudah memadai: dokumen tersedia, berkualitas dan dimanfaatkan dalam pengambilan keputusan."
    if share >= 0.62:
        return f"{name} cukup baik, tetapi pemanfaatan hasilnya untuk perbaikan kinerja belum konsisten."
    return f"{name} masih lemah: sebagian dokumen belum tersedia dan belum dimanfaatkan."


def _open_windows(today: dt.date) -> dict:
    return {
        "self": (today - 40 * DAY, today + 10 * DAY),
        "evaluation": (today - 25 * DAY, today + 30 * DAY),
        "review": (today - 10 * DAY, today + 40 * DAY),
        "response": (today - 5 * DAY, today + 55 * DAY),
    }


def _at(day: dt.date, tz, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=tz)


def _seed_closed(ctx: DemoContext, pemda, year: int, template: LkeTemplate, today: dt.date) -> None:
    r = _Round(ctx, pemda, year, template, _open_windows(today), LHE_DATE[year].year)
    evaluations = r.evaluations()
    responders = {ev.unit.short_name for ev in evaluations[2:4]}
    for ev in evaluations:
        rng = random.Random(f"lke-{ev.unit.code}-{year}")
        level = _level(ev.unit, year, rng)
        r.self_assess(ev, level, rng)
        r.evaluate(ev, level, rng)
        r.publish(ev, LHE_DATE[year])
        if ev.unit.short_name in responders:
            user = _self_user(ctx, ev.unit, r.admin)
            s.evaluation_respond(
                user=user,
                evaluation=ev,
                text="Kami menyampaikan bukti tambahan atas kriteria yang dinilai belum terpenuhi.",
            )
            revised = len(responders) == 2 and ev.unit.short_name == sorted(responders)[0]
            if revised:
                missing = CriterionAnswer.objects.filter(evaluation=ev, answer="T").select_related("criterion").first()
                if missing:
                    s.answer_evaluate(
                        user=r.scorer(ev), evaluation=ev, criterion=missing.criterion, answer="Y",
                        note="Bukti tambahan dari unit diterima.",
                    )  # fmt: skip
            s.evaluation_resolve_response(
                user=r.scorer(ev),
                evaluation=ev,
                outcome="revised" if revised else "kept",
                note="Bukti tambahan diterima; nilai direvisi."
                if revised
                else "Bukti tambahan belum menunjukkan pemanfaatan; nilai tetap.",
            )
        else:
            s.evaluation_finalize(user=r.lead, evaluation=ev)
    s.round_update(user=r.admin, round=r.round, windows=HISTORIC[year])
    s.round_close(user=r.admin, round=r.round)
    _backdate(r.round, year, pemda.tz)


def _backdate(round: EvaluationRound, year: int, tz) -> None:
    """Move the timestamps of a closed demo round to its historic windows (demo only)."""
    w = HISTORIC[year]
    at = {
        "self": _at(w["self"][1] - 3 * DAY, tz),
        "eval": _at(w["evaluation"][1] - 4 * DAY, tz),
        "publish": _at(LHE_DATE[year], tz),
        "final": _at(w["response"][1] + DAY, tz),
    }
    EvaluationRound.objects.filter(pk=round.pk).update(opened_at=_at(w["self"][0], tz, 8), closed_at=at["final"])
    evaluations = Evaluation.objects.filter(round=round)
    evaluations.update(
        self_submitted_at=at["self"],
        evaluated_at=at["eval"],
        reviewed_at=at["publish"],
        published_at=at["publish"],
        finalized_at=at["final"],
    )
    evaluations.exclude(responded_at=None).update(responded_at=_at(w["response"][0] + 2 * DAY, tz))
    CriterionAnswer.objects.filter(evaluation__round=round).update(self_answered_at=at["self"], answered_at=at["eval"])
    changes = ScoreChange.objects.filter(evaluation__round=round)
    changes.filter(side="self").update(created_at=at["self"])
    changes.filter(side="evaluator", stage__in=("evaluating", "review")).update(created_at=at["eval"])
    changes.filter(side="evaluator").exclude(stage__in=("evaluating", "review")).update(created_at=at["publish"])
    uids = [str(u) for u in evaluations.values_list("uid", flat=True)]
    for uid in uids:
        Notification.objects.filter(key__contains=uid).update(created_at=at["publish"], read_at=at["final"])


def _seed_current(ctx: DemoContext, pemda, template: LkeTemplate, today: dt.date) -> None:
    """The current year's round: units spread over every stage."""
    r = _Round(ctx, pemda, CURRENT_YEAR, template, _open_windows(today), today.year)
    plan = {
        "Dinkes": "published",
        "Kec. Astambul": "self_half",
        "Disdik": "review",
        "Setda": "responded",
        "Bappedalitbang": "published",
    }
    default_cycle = ("self_none", "self_half", "evaluating", "evaluating_half", "review", "published")
    for i, ev in enumerate(r.evaluations()):
        rng = random.Random(f"lke-{ev.unit.code}-{CURRENT_YEAR}")
        level = _level(ev.unit, CURRENT_YEAR, rng)
        stage = plan.get(ev.unit.short_name, default_cycle[i % len(default_cycle)])
        if stage == "self_none":
            continue
        if stage == "self_half":
            r.self_assess(ev, level, rng, submit=False, share=0.5)
            continue
        r.self_assess(ev, level, rng)
        if stage == "evaluating":
            continue
        if stage == "evaluating_half":
            r.evaluate(ev, level, rng, share=0.6)
            continue
        r.evaluate(ev, level, rng)
        if stage == "review":
            continue
        r.publish(ev)
        if stage == "responded":
            s.evaluation_respond(
                user=_self_user(ctx, ev.unit, r.admin),
                evaluation=ev,
                text="Dokumen cascading kinerja sudah ditetapkan; mohon kriteria 1.c ditinjau kembali.",
            )


@demo_step(order=410, name="Evaluasi AKIP (LKE)")
def seed_lke(ctx: DemoContext) -> None:
    pemda = ctx.pemdas.get(PEMDA_KEY)
    if pemda is None or not all(n in ctx.users for n in ("admin.banjar", "ketua.tim", "evaluator")):
        return
    template = _template(pemda)
    if template is None:
        return
    today = timezone.localdate(timezone=pemda.tz)
    done = set(EvaluationRound.objects.filter(pemda=pemda).values_list("fiscal_year__year", flat=True))
    years = set(FiscalYear.objects.filter(pemda=pemda).values_list("year", flat=True))
    for year in (2024, 2025):
        if year in years and year not in done:
            _seed_closed(ctx, pemda, year, template, today)
    if CURRENT_YEAR in years and CURRENT_YEAR not in done:
        _seed_current(ctx, pemda, template, today)
