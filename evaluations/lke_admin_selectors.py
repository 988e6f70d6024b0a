"""Reads of LKE templates, follow-up of recommendations and the Pemda's own KemenPAN-RB results.

Every function takes the user (where access matters) and returns what that user may see, with its
``select_related`` / ``prefetch_related`` / annotations declared here:

* templates: every role of the Pemda (``P.EVAL_VIEW``) may read them (the criteria are no secret);
* recommendations: admin, ketua tim and pimpinan see every one of the Pemda; an evaluator those
  owned by the units their teams evaluate; operator and kepala those of their own units;
* the Pemda's own results: every role of the Pemda.

"Today" is the Pemda's local date (``pemda.timezone``) unless given.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluations import lke_data
from evaluations.lke_models import (
    Evaluation,
    EvaluationTeam,
    LkeTemplate,
    PemdaResult,
    PemdaResultScore,
    Recommendation,
)
from evaluations.predicates import PredicateGap, predicate_gap
from sakip.core.models import RoleAssignment, Unit
from sakip.core.permissions import P, has_perm, has_role, own_unit_ids
from sakip.lib.numbers import format_number

Role = RoleAssignment.Role
Status = Recommendation.Status
NUMBER_WORDS = {
    2: gettext_lazy("dua"),
    3: gettext_lazy("tiga"),
    4: gettext_lazy("empat"),
    5: gettext_lazy("lima"),
    6: gettext_lazy("enam"),
    7: gettext_lazy("tujuh"),
    8: gettext_lazy("delapan"),
    9: gettext_lazy("sembilan"),
}


def _today(pemda) -> dt.date:
    return timezone.now().astimezone(pemda.tz).date()


# --- templates ----------------------------------------------------------------------------------


def templates_for(user) -> QuerySet[LkeTemplate]:
    """The Pemda's templates (every version), newest version first per family, with counts."""
    if getattr(user, "pemda_id", None) is None or not has_perm(user, P.EVAL_VIEW):
        return LkeTemplate.objects.none()
    return (
        LkeTemplate.objects.filter(pemda_id=user.pemda_id)
        .select_related("previous", "created_by")
        .annotate(
            criteria_count=Count("components__subcomponents__criteria", distinct=True),
            rounds_count=Count("rounds", distinct=True),
        )
        .order_by("family", "-version")
    )


# --- recommendations ----------------------------------------------------------------------------


PUBLISHED = (Evaluation.Status.PUBLISHED, Evaluation.Status.RESPONDED, Evaluation.Status.FINAL)


def user_team_ids(user) -> set[int]:
    """Evaluation teams where ``user`` is lead or member (an evaluator of their Pemda)."""
    if not has_perm(user, P.EVAL_SCORE):
        return set()
    teams = EvaluationTeam.objects.filter(Q(lead=user) | Q(members=user), pemda_id=user.pemda_id)
    return set(teams.values_list("pk", flat=True))


def team_unit_ids(user) -> set[int]:
    """Units evaluated by the teams where ``user`` is lead or member (any round)."""
    return set(Evaluation.objects.filter(team_id__in=user_team_ids(user)).values_list("unit_id", flat=True))


def sees_all_recommendations(user) -> bool:
    return has_perm(user, P.EVAL_MANAGE) or has_role(user, Role.PIMPINAN)


def published_or_own_team(user) -> Q:
    """A recommendation of a unit evaluation shows outside the team only once the evaluation is published."""
    return (
        Q(evaluation__isnull=True)
        | Q(evaluation__status__in=PUBLISHED)
        | Q(evaluation__team_id__in=user_team_ids(user))
    )


def visible_recommendations(user) -> QuerySet[Recommendation]:
    """Recommendations ``user`` may read (see the module docstring), unfiltered and unordered.

    A unit evaluation's recommendations are hidden from the unit and the pimpinan until the
    evaluation is published (the evaluator's findings are not shown before).
    """
    if getattr(user, "pemda_id", None) is None or not has_perm(user, P.EVAL_VIEW):
        return Recommendation.objects.none()
    qs = Recommendation.objects.filter(pemda_id=user.pemda_id)
    if has_perm(user, P.EVAL_MANAGE):
        return qs
    if has_role(user, Role.PIMPINAN):
        return qs.filter(published_or_own_team(user))
    unit_ids = set(own_unit_ids(user)) | team_unit_ids(user)
    return qs.filter(published_or_own_team(user), owner_id__in=unit_ids)


def recommendations_for(
    user,
    *,
    status: str | None = None,
    unit=None,
    overdue: bool | None = None,
    q: str | None = None,
    today: dt.date | None = None,
) -> QuerySet[Recommendation]:
    """Recommendations visible to ``user``, filtered, by due date (no date last), with their source.

    ``unit``: a :class:`Unit`, its id or its uid. ``overdue=True``: due before ``today`` and not
    *selesai*; ``False``: the others. ``q``: words in the text, action plan or owner's name.
    Annotated with ``evidence_count``.
    """
    qs = visible_recommendations(user)
    if status:
        qs = qs.filter(status=status)
    if unit is not None and unit != "":
        if isinstance(unit, Unit):
            qs = qs.filter(owner=unit)
        elif isinstance(unit, int) or str(unit).isdigit():
            qs = qs.filter(owner_id=int(unit))
        else:
            qs = qs.filter(owner__uid=unit) if _is_uuid(unit) else qs.none()
    if overdue is not None:
        today = today or _today(user.pemda)
        late = Q(due_date__lt=today) & ~Q(status=Status.SELESAI)
        qs = qs.filter(late) if overdue else qs.exclude(late)
    if q:
        for word in q.split()[:6]:
            qs = qs.filter(
                Q(text__icontains=word)
                | Q(action_plan__icontains=word)
                | Q(owner__name__icontains=word)
                | Q(owner__short_name__icontains=word)
            )
    return (
        qs.select_related(
            "owner",
            "evaluation__round__fiscal_year",
            "evaluation__unit",
            "pemda_result",
            "criterion",
            "updated_by",
        )
        .annotate(evidence_count=Count("evidence", distinct=True))
        .order_by("due_date", "id")
    )


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def overdue_for(user, *, today: dt.date | None = None) -> QuerySet[Recommendation]:
    """Recommendations past their due date and not *selesai*, oldest due date first."""
    return recommendations_for(user, overdue=True, today=today)


def is_overdue(recommendation: Recommendation, today: dt.date) -> bool:
    due = recommendation.due_date
    return due is not None and due < today and recommendation.status != Status.SELESAI


def status_counts(user) -> dict[str, int]:
    """How many visible recommendations are in each status (one query)."""
    rows = visible_recommendations(user).values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


# --- the Pemda's own results --------------------------------------------------------------------


def pemda_results_for(user) -> QuerySet[PemdaResult]:
    """The Pemda's KemenPAN-RB results, newest year first, with scores and recommendations."""
    if getattr(user, "pemda_id", None) is None or not has_perm(user, P.EVAL_VIEW):
        return PemdaResult.objects.none()
    return (
        PemdaResult.objects.filter(pemda_id=user.pemda_id)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("scores", queryset=PemdaResultScore.objects.order_by("code")),
            Prefetch("recommendations", queryset=Recommendation.objects.select_related("owner").order_by("id")),
        )
        .order_by("-year")
    )


@dataclass(frozen=True)
class PemdaTrend:
    results: list[PemdaResult]  # oldest first
    sentence: str  # "Predikat B tiga tahun berturut-turut (2023–2025)"; "" without results

    @property
    def latest(self) -> PemdaResult | None:
        return self.results[-1] if self.results else None

    def __iter__(self):  # unpacks as (results, sentence)
        return iter((self.results, self.sentence))


def streak_sentence(results: list[PemdaResult]) -> str:
    """What the latest predicate run says, in Bahasa Indonesia (results oldest first).

    Three consecutive years of B: "Predikat B tiga tahun berturut-turut (2023–2025)". A new predicate:
    "Predikat naik dari B menjadi BB pada tahun 2025" (or "turun"). One year: "Predikat B pada tahun 2025".
    """
    if not results:
        return ""
    last = results[-1]
    run = [last]
    for earlier in reversed(results[:-1]):
        if earlier.predicate != last.predicate or earlier.year != run[-1].year - 1:
            break
        run.append(earlier)
    if len(run) > 1:
        count = NUMBER_WORDS.get(len(run), str(len(run)))
        return _("Predikat %(p)s %(n)s tahun berturut-turut (%(a)s–%(b)s)") % {
            "p": last.predicate,
            "n": count,
            "a": run[-1].year,
            "b": last.year,
        }
    before = results[-2] if len(results) > 1 else None
    if before is None or before.predicate == last.predicate:
        return _("Predikat %(p)s pada tahun %(y)s") % {"p": last.predicate, "y": last.year}
    values = {"a": before.predicate, "b": last.predicate, "y": last.year}
    if last.score > before.score:
        return _("Predikat naik dari %(a)s menjadi %(b)s pada tahun %(y)s") % values
    return _("Predikat turun dari %(a)s menjadi %(b)s pada tahun %(y)s") % values


def pemda_trend(pemda) -> PemdaTrend:
    """The Pemda's results oldest first (scores prefetched) and the sentence of its latest streak."""
    results = list(
        PemdaResult.objects.filter(pemda=pemda)
        .prefetch_related(Prefetch("scores", queryset=PemdaResultScore.objects.order_by("code")))
        .order_by("year")
    )
    return PemdaTrend(results, streak_sentence(results))


def score_change(results: list[PemdaResult]) -> Decimal | None:
    """Points gained (or lost) since the year before the latest, ``None`` with fewer than two results."""
    if len(results) < 2:
        return None
    return results[-1].score - results[-2].score


def pemda_gap(result: PemdaResult, target_letter: str) -> PredicateGap:
    """The gap from ``result`` to ``target_letter`` with the year's bands (``predicates.predicate_gap``).

    Points are available where the sub-component scores are below their weights (a component's own
    score when none of its sub-components was recorded), most points first. Raises ``LkeError`` for a letter the
    table does not have.
    """
    scores = list(result.scores.all())
    subs = [s for s in scores if s.level == PemdaResultScore.Level.SUBCOMPONENT]
    with_subs = {s.code.split(".", 1)[0] for s in subs}
    parts = subs + [s for s in scores if s.level == PemdaResultScore.Level.COMPONENT and s.code not in with_subs]
    bands = lke_data.bands_for(result.pemda, result.year)
    return predicate_gap(result.score, (target_letter or "").strip().upper(), parts, bands)


def gap_sentence(gap: PredicateGap) -> str:
    """ "Untuk predikat BB diperlukan nilai paling sedikit 70,01: kurang 8,25 poin." (or reached)."""
    if gap.points_needed <= 0:
        return _("Predikat %(p)s sudah tercapai.") % {"p": gap.target.letter}
    return _("Untuk predikat %(p)s diperlukan nilai paling sedikit %(m)s: kurang %(n)s poin.") % {
        "p": gap.target.letter,
        "m": format_number(gap.minimum),
        "n": format_number(gap.points_needed),
    }
