"""Home-page tasks of the LKE evaluation (registered in ``EvaluationsConfig.ready``).

* operator / kepala OPD: the self-assessment to fill and submit while its window is open ("Penilaian
  mandiri LKE 2025 belum diajukan (batas 31 Maret 2025)", with the number of criteria answered), and
  a published result that may be answered until the response window closes;
* evaluator: worksheets of their teams waiting for the evaluator's answers, and unit responses to
  answer;
* ketua tim (the team's lead) and managers: worksheets waiting for review and publication, and
  published results ready to be made final.

Each provider runs a fixed number of queries whatever the number of units or worksheets.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sakip.core import permissions
from sakip.core.home import Task, register
from sakip.core.permissions import P
from sakip.lib.dates import format_date

from .lke_models import Evaluation, EvaluationRound, EvaluationTeam
from .lke_services_core import stage_state

Status = Evaluation.Status
OPEN_ROUND = EvaluationRound.Status.OPEN


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def _open(evaluations):
    return evaluations.filter(round__status=OPEN_ROUND).select_related("unit", "round__fiscal_year", "round__pemda")


@register
def unit_lke_tasks(user) -> list[Task]:
    """Operator and kepala OPD: the self-assessment to submit; a published result to answer."""
    unit_ids = permissions.unit_ids_with(user, P.EVAL_SELF_ASSESS)
    if not unit_ids:
        return []
    tasks: list[Task] = []
    own = _open(Evaluation.objects.filter(pemda_id=user.pemda_id, unit_id__in=unit_ids))
    pending = own.filter(status=Status.SELF).annotate(
        answered=Count("answers", filter=~Q(answers__self_answer="")), total=Count("answers")
    )
    for ev in pending.order_by("unit__code")[:10]:
        round = ev.round
        if stage_state(round, "self") != "open":
            continue
        tasks.append(
            Task(
                _("Penilaian mandiri LKE %(y)s belum diajukan (batas %(d)s)")
                % {"y": round.fiscal_year.year, "d": format_date(round.self_end)},
                _("%(unit)s · %(n)d dari %(t)d kriteria dijawab")
                % {"unit": ev.unit.label, "n": ev.answered, "t": ev.total},
                _url("evaluations:lke_worksheet", uid=ev.uid),
                _("Isi penilaian mandiri"),
                "todo",
                32,
            )
        )
    for ev in own.filter(status=Status.PUBLISHED).order_by("unit__code")[:10]:
        round = ev.round
        if stage_state(round, "response") == "closed":
            continue
        tasks.append(
            Task(
                _("Hasil evaluasi AKIP %(y)s diterbitkan: nilai %(s)s (%(p)s)")
                % {"y": round.fiscal_year.year, "s": _number(ev.score), "p": ev.predicate},
                _("%(unit)s · tanggapan dapat dikirim sampai %(d)s")
                % {"unit": ev.unit.label, "d": format_date(round.response_end)},
                _url("evaluations:lke_worksheet", uid=ev.uid),
                _("Lihat hasil"),
                "todo",
                33,
            )
        )
    return tasks


def _number(value) -> str:
    from sakip.lib.numbers import format_number

    return format_number(value, 2) if value is not None else "–"


def _count_task(evaluations, title, detail: str, action: str, level: str, order: int):
    """One task for a list of worksheets: ``title(n)`` gives the text; links to the only worksheet
    or to the round."""
    count = len(evaluations)
    if not count:
        return []
    first = evaluations[0]
    url = (
        _url("evaluations:lke_worksheet", uid=first.uid)
        if count == 1
        else _url("evaluations:lke_round_detail", uid=first.round.uid)
    )
    return [Task(title(count), detail, url, action, level, order)]


@register
def evaluator_lke_tasks(user) -> list[Task]:
    """Evaluators: worksheets of their teams to score, unit responses to answer; the lead's reviews."""
    if not permissions.has_perm(user, P.EVAL_SCORE):
        return []
    teams = EvaluationTeam.objects.filter(Q(lead=user) | Q(members=user)).values("pk")
    mine = list(
        _open(Evaluation.objects.filter(pemda_id=user.pemda_id, team__in=teams))
        .filter(status__in=(Status.EVALUATING, Status.REVIEW, Status.RESPONDED))
        .select_related("team")
        .order_by("unit__code")
    )
    to_score = [e for e in mine if e.status == Status.EVALUATING and stage_state(e.round, "evaluation") == "open"]
    returned = [e for e in mine if e.status == Status.EVALUATING and e.reviewed_at is not None]
    to_review = [
        e
        for e in mine
        if e.status == Status.REVIEW and e.team.lead_id == user.pk and stage_state(e.round, "review") != "closed"
    ]
    responded = [e for e in mine if e.status == Status.RESPONDED]
    tasks: list[Task] = []
    tasks += _count_task(
        [e for e in to_score if e not in returned],
        lambda n: (
            ngettext(
                "%(n)d lembar kerja LKE menunggu penilaian Anda", "%(n)d lembar kerja LKE menunggu penilaian Anda", n
            )
            % {"n": n}
        ),
        _("Jawab setiap kriteria dengan catatan dan rekomendasi, lalu ajukan kepada ketua tim."),
        _("Nilai"),
        "todo",
        34,
    )
    tasks += _count_task(
        returned,
        lambda n: (
            ngettext(
                "%(n)d lembar kerja LKE dikembalikan ketua tim", "%(n)d lembar kerja LKE dikembalikan ketua tim", n
            )
            % {"n": n}
        ),
        _("Perbaiki sesuai catatan reviu, lalu ajukan kembali."),
        _("Perbaiki"),
        "urgent",
        31,
    )
    tasks += _count_task(
        to_review,
        lambda n: (
            ngettext("%(n)d lembar kerja LKE menunggu reviu Anda", "%(n)d lembar kerja LKE menunggu reviu Anda", n)
            % {"n": n}
        ),
        _("Periksa penilaian evaluator, lalu terbitkan hasil atau kembalikan dengan catatan."),
        _("Reviu"),
        "todo",
        35,
    )
    tasks += _count_task(
        responded,
        lambda n: (
            ngettext(
                "%(n)d tanggapan unit atas hasil LKE menunggu jawaban",
                "%(n)d tanggapan unit atas hasil LKE menunggu jawaban",
                n,
            )
            % {"n": n}
        ),
        _("Revisi nilai atau pertahankan dengan alasan."),
        _("Jawab"),
        "todo",
        36,
    )
    return tasks


@register
def lead_lke_tasks(user) -> list[Task]:
    """Ketua tim and managers: published results whose response window has closed, ready to be final."""
    if not permissions.has_perm(user, P.EVAL_MANAGE):
        return []
    published = list(
        _open(Evaluation.objects.filter(pemda_id=user.pemda_id, status=Status.PUBLISHED)).order_by("unit__code")
    )
    ready = [e for e in published if stage_state(e.round, "response") == "closed"]
    return _count_task(
        ready,
        lambda n: (
            ngettext("%(n)d hasil LKE siap ditetapkan final", "%(n)d hasil LKE siap ditetapkan final", n) % {"n": n}
        ),
        _("Masa tanggapan unit sudah berakhir tanpa tanggapan."),
        _("Tetapkan final"),
        "todo",
        37,
    )
