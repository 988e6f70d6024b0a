"""Reads of obligations: who owes what when, and compliance per official and per unit.

An obligation applies to

* subject *pegawai*: every active official of the Pemda whose position level is in
  ``position_levels`` (empty: every level) and whose unit is in ``units`` (empty: every unit);
* subject *unit*: every active unit of the Pemda in ``units`` (empty: every active unit).

An occurrence (:mod:`rewards.obligation_schedule`) belongs to the year of its period's **last day**
and is **due** once its due date has passed (before today, Pemda time zone); only occurrences whose
period overlaps the obligation's validity (``start_date``–``end_date``) count. Compliance counts,
per due occurrence, the latest submission: accepted on time / late, returned, waiting for review
(``diajukan``) or missing; ``kepatuhan`` = accepted ÷ due × 100.

Every function here runs a constant number of queries whatever the number of units, officials,
obligations or submissions (see the tests).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from rewards.models import Obligation, ObligationSubmission, Official
from rewards.obligation_schedule import DueRuleError, Occurrence, occurrences, period_label
from sakip.core.models import Pemda, Unit

HUNDRED = Decimal(100)
Status = ObligationSubmission.Status


def pemda_today(pemda: Pemda) -> dt.date:
    return timezone.now().astimezone(pemda.tz).date()


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Tally:
    """Counts over due occurrences (and the rate) for one official, unit or obligation."""

    due: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0
    waiting: int = 0

    @property
    def accepted(self) -> int:
        return self.on_time + self.late

    @property
    def missing(self) -> int:
        return self.due - self.accepted - self.returned - self.waiting

    @property
    def not_met(self) -> int:
        return self.due - self.accepted

    @property
    def rate(self) -> Decimal | None:
        return percent(self.accepted, self.due)

    def add(self, status: str | None, late: bool) -> None:
        self.due += 1
        if status == Status.ACCEPTED:
            if late:
                self.late += 1
            else:
                self.on_time += 1
        elif status == Status.RETURNED:
            self.returned += 1
        elif status == Status.SUBMITTED:
            self.waiting += 1


def year_window(year: int, through_month: int | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of ``year`` (or of its month ``through_month``)."""
    if through_month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    nxt = dt.date(year + (through_month == 12), through_month % 12 + 1, 1)
    return dt.date(year, 1, 1), nxt - dt.timedelta(days=1)


def obligation_occurrences(obligation: Obligation, first: dt.date, last: dt.date) -> list[Occurrence]:
    """Occurrences whose period ends within ``[first, last]`` and overlaps the obligation's validity."""
    return [o for o in obligation_occurrences_between(obligation, first, last) if first <= o.period_end <= last]


def applies_to_official(obligation: Obligation, official: Official, unit_ids: set[int]) -> bool:
    if obligation.subject != Obligation.Subject.OFFICIAL:
        return False
    if obligation.position_levels and official.position_level not in obligation.position_levels:
        return False
    return not unit_ids or official.unit_id in unit_ids


@dataclass
class Compliance:
    """Compliance of a Pemda over a window: tallies per unit, per official and per obligation."""

    first: dt.date
    last: dt.date
    today: dt.date
    units: dict[int, Tally] = field(default_factory=lambda: defaultdict(Tally))
    officials: dict[int, Tally] = field(default_factory=lambda: defaultdict(Tally))
    obligations: dict[int, Tally] = field(default_factory=lambda: defaultdict(Tally))
    # (obligation id, official id) -> {month: Tally} for the monthly-miss rule
    official_months: dict[tuple[int, int], dict[int, Tally]] = field(default_factory=dict)
    unit_objects: dict[int, Unit] = field(default_factory=dict)
    official_objects: dict[int, Official] = field(default_factory=dict)
    obligation_objects: dict[int, Obligation] = field(default_factory=dict)

    @property
    def total(self) -> Tally:
        result = Tally()
        for tally in self.units.values():
            for name in ("due", "on_time", "late", "returned", "waiting"):
                setattr(result, name, getattr(result, name) + getattr(tally, name))
        return result


def compliance(
    pemda: Pemda,
    year: int,
    *,
    through_month: int | None = None,
    today: dt.date | None = None,
    obligation_code: str | None = None,
    unit_id: int | None = None,
) -> Compliance:
    """Tallies of the due occurrences of the Pemda's active obligations in ``year`` (to ``through_month``).

    Five queries: obligations (+ their units), units, officials, submissions.
    """
    today = today or pemda_today(pemda)
    first, last = year_window(year, through_month)
    result = Compliance(first=first, last=last, today=today)
    obligations = Obligation.objects.filter(pemda=pemda, is_active=True).prefetch_related("units").order_by("code")
    if obligation_code:
        obligations = obligations.filter(code=obligation_code)
    obligations = list(obligations)
    if not obligations:
        return result
    units = Unit.objects.filter(pemda=pemda, is_active=True).order_by("code")
    officials = (
        Official.objects.filter(pemda=pemda, is_active=True).select_related("unit").order_by("unit__code", "name")
    )
    if unit_id is not None:
        units, officials = units.filter(pk=unit_id), officials.filter(unit_id=unit_id)
    result.unit_objects = {u.pk: u for u in units}
    result.official_objects = {o.pk: o for o in officials if o.unit_id in result.unit_objects}
    result.obligation_objects = {o.pk: o for o in obligations}
    submissions: dict[tuple, tuple[str, bool]] = {}
    rows = ObligationSubmission.objects.filter(
        pemda=pemda, obligation__in=obligations, period_end__gte=first, period_end__lte=last
    ).values_list("obligation_id", "official_id", "unit_id", "period_start", "status", "is_late")
    for obligation_id, official_id, sub_unit_id, period_start, status, late in rows:
        key = (obligation_id, "o", official_id) if official_id else (obligation_id, "u", sub_unit_id)
        submissions[(*key, period_start)] = (status, late)
    for obligation in obligations:
        due = [o for o in obligation_occurrences(obligation, first, last) if o.due_date < today]
        if not due:
            continue
        unit_ids = {u.pk for u in obligation.units.all()}
        if obligation.subject == Obligation.Subject.UNIT:
            for unit in result.unit_objects.values():
                if unit_ids and unit.pk not in unit_ids:
                    continue
                for occ in due:
                    status, late = submissions.get((obligation.pk, "u", unit.pk, occ.period_start), (None, False))
                    result.units[unit.pk].add(status, late)
                    result.obligations[obligation.pk].add(status, late)
            continue
        for official in result.official_objects.values():
            if not applies_to_official(obligation, official, unit_ids):
                continue
            months = result.official_months.setdefault((obligation.pk, official.pk), {})
            for occ in due:
                status, late = submissions.get((obligation.pk, "o", official.pk, occ.period_start), (None, False))
                result.units[official.unit_id].add(status, late)
                result.officials[official.pk].add(status, late)
                result.obligations[obligation.pk].add(status, late)
                months.setdefault(occ.period_end.month, Tally()).add(status, late)
    return result


def obligation_metrics(
    pemda: Pemda, year: int, *, through_month: int | None = None, today: dt.date | None = None
) -> dict[int, dict[str, Decimal | int | None]]:
    """Per unit id (every active unit): ``kepatuhan_kewajiban`` (percent of due occurrences accepted,
    ``None`` when nothing was due) and ``kewajiban_tidak_dipenuhi`` (due occurrences not accepted),
    plus ``kewajiban_jatuh_tempo`` (due) and ``kewajiban_terlambat`` (accepted late). At most six queries."""
    data = compliance(pemda, year, through_month=through_month, today=today)
    if not data.unit_objects:
        data.unit_objects = {u.pk: u for u in Unit.objects.filter(pemda=pemda, is_active=True)}
    result: dict[int, dict[str, Decimal | int | None]] = {}
    for unit_id in data.unit_objects:
        tally = data.units.get(unit_id) or Tally()
        result[unit_id] = {
            "kepatuhan_kewajiban": tally.rate,
            "kewajiban_tidak_dipenuhi": tally.not_met,
            "kewajiban_jatuh_tempo": tally.due,
            "kewajiban_terlambat": tally.late,
        }
    return result


def official_monthly_misses(
    pemda: Pemda, year: int, obligation_code: str, *, today: dt.date | None = None
) -> dict[int, list[int]]:
    """Per official the obligation applies to: the months of ``year`` (1–12, ascending) whose due
    occurrences (by period end) have no accepted submission — e.g. "no accepted innovation in March".
    Months not yet due are never listed; officials with a due occurrence and no miss map to ``[]``
    (officials with nothing due yet are absent). Five queries."""
    data = compliance(pemda, year, today=today, obligation_code=obligation_code)
    result: dict[int, list[int]] = {}
    for (_obligation_id, official_id), months in data.official_months.items():
        result[official_id] = sorted(m for m, tally in months.items() if tally.accepted == 0)
    return result


# --- the user's to-do ----------------------------------------------------------------------------

LOOKBACK_DAYS = {"mingguan": 21, "bulanan": 62, "triwulanan": 184}
STATE_ORDER = {"terlambat": 0, "dikembalikan": 1, "belum": 2, "diajukan": 3, "diterima": 4}


@dataclass
class TodoRow:
    obligation: Obligation
    unit: Unit
    official: Official | None
    occurrence: Occurrence
    submission: ObligationSubmission | None
    state: str  # belum | terlambat | diajukan | dikembalikan | diterima

    @property
    def subject_name(self) -> str:
        return self.official.name if self.official else self.unit.name

    @property
    def period_label(self) -> str:
        occ = self.occurrence
        return period_label(self.obligation.frequency, occ.period_start, occ.period_end)


def _state(submission: ObligationSubmission | None, occurrence: Occurrence, today: dt.date) -> str:
    if submission is not None:
        return submission.status
    return "terlambat" if occurrence.due_date < today else "belum"


def todo_rows(user, *, today: dt.date | None = None) -> list[TodoRow]:
    """What is due for the user (as an official) and for the units where they submit: the current and
    recent occurrences of every active obligation that applies, with their submission. Six queries."""
    from rewards.selectors_officials import own_officials
    from sakip.core.permissions import P, unit_ids_with

    pemda = user.pemda
    today = today or pemda_today(pemda)
    submit_units = unit_ids_with(user, P.OBLIGATION_SUBMIT) or set()  # admin: no unit submission
    officials = {o.pk: o for o in own_officials(user)}
    if submit_units:
        for o in Official.objects.filter(pemda=pemda, unit_id__in=submit_units, is_active=True).select_related("unit"):
            officials[o.pk] = o
    units = {u.pk: u for u in Unit.objects.filter(pemda=pemda, pk__in=submit_units, is_active=True)}
    if not officials and not units:
        return []
    obligations = list(Obligation.objects.filter(pemda=pemda, is_active=True).prefetch_related("units"))
    first = today - dt.timedelta(days=max(LOOKBACK_DAYS.values()))
    found = ObligationSubmission.objects.filter(obligation__in=obligations, period_end__gte=first).filter(
        Q(official_id__in=list(officials)) | Q(official__isnull=True, unit_id__in=list(units))
    )
    by_key = {
        (s.obligation_id, s.official_id or 0, s.unit_id if not s.official_id else 0, s.period_start): s for s in found
    }
    rows: list[TodoRow] = []
    for obligation in obligations:
        start = today - dt.timedelta(days=LOOKBACK_DAYS.get(obligation.frequency, 62))
        occs = [o for o in obligation_occurrences_between(obligation, start, today) if o.period_start <= today]
        unit_ids = {u.pk for u in obligation.units.all()}
        if obligation.subject == Obligation.Subject.UNIT:
            subjects = [(u, None) for u in units.values() if not unit_ids or u.pk in unit_ids]
        else:
            subjects = [(o.unit, o) for o in officials.values() if applies_to_official(obligation, o, unit_ids)]
        for unit, official in subjects:
            for occ in occs:
                key = (obligation.pk, official.pk if official else 0, 0 if official else unit.pk, occ.period_start)
                submission = by_key.get(key)
                rows.append(TodoRow(obligation, unit, official, occ, submission, _state(submission, occ, today)))
    rows.sort(key=lambda r: (STATE_ORDER[r.state], r.occurrence.due_date, r.obligation.code, r.subject_name))
    return rows


def obligation_occurrences_between(obligation: Obligation, first: dt.date, last: dt.date) -> list[Occurrence]:
    """Occurrences overlapping ``[first, last]`` within the obligation's validity."""
    try:
        found = occurrences(obligation.frequency, obligation.due_offset_days, first, last)
    except DueRuleError:
        return []
    return [
        o
        for o in found
        if o.period_end >= obligation.start_date
        and (obligation.end_date is None or o.period_start <= obligation.end_date)
    ]
