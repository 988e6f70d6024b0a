"""Demo realisation for ``python manage.py seed_demo`` (a step of :mod:`sakip.core.demo`).

Kabupaten Banjar: every unit with a signed PK reports every month of 2024 and 2025 (all accepted,
some late), and the current year up to last month (computed from today's date) in a realistic mix:
most months accepted; last month's reports submitted, verified, accepted, still draft (overdue and
locked) or missing; a few units late; indicators below target ("red") with kendala and upaya; a
report returned with a note and a report unlocked by the Admin SAKIP with a reason (both through
:mod:`evaluations.services`, so their notifications exist too); one report changed after
acceptance. Values are realistic per indicator (e.g. the stunting prevalence falls from about 24 %
in January 2024 to about 18 % in October 2026) and follow the period rules (cumulative indicators
report the amount of each month).

Fast: the history is written with ``bulk_create``, consistent with the rules of the services
(deadline from the calendar, ``is_late`` from the submission date, a :class:`RealisationChange` for
every value entered, kendala/upaya wherever capaian is below the threshold). Deterministic
(``random.Random`` seeded per unit and year) and idempotent (a unit and period that already has a
report is left alone). Realisation needs the PK in force: units whose current-year PK is not
signed yet (the PK demo leaves some in draft or under review) have no current-year realisation.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agreements.models import Agreement, Indicator
from sakip.core.demo import CURRENT_YEAR, DemoContext, demo_step
from sakip.core.models import FiscalYear, Unit

from . import capaian, periods, services
from .capaian_rules import CapaianRules
from .models import PeriodReport, Realisation, RealisationChange

D = Decimal
PEMDA_KEY = "banjar"
YEARS = (2024, 2025, CURRENT_YEAR)
Status = PeriodReport.Status

KENDALA = {
    "positive": (
        "Keterlambatan pencairan anggaran kegiatan triwulan berjalan.",
        "Keterbatasan tenaga teknis di lapangan dan wilayah yang sulit dijangkau.",
        "Data dari UPTD/kecamatan belum lengkap saat batas pelaporan.",
        "Proses pengadaan barang dan jasa belum selesai.",
    ),
    "negative": (
        "Masih banyak kasus baru yang ditemukan melalui pendataan aktif.",
        "Rendahnya kesadaran masyarakat dan cakupan intervensi belum merata.",
        "Faktor musim dan kondisi ekonomi rumah tangga sasaran.",
    ),
}
UPAYA = {
    "positive": (
        "Percepatan kegiatan melalui koordinasi mingguan dengan bidang teknis.",
        "Pendampingan langsung ke unit pelaksana dan penjadwalan ulang kegiatan.",
        "Validasi data bersama UPTD dan kecamatan sebelum tanggal 5 setiap bulan.",
    ),
    "negative": (
        "Intensifikasi intervensi spesifik dan sensitif di desa lokus.",
        "Penguatan sosialisasi dan kunjungan rumah oleh kader.",
        "Kolaborasi lintas sektor melalui tim percepatan.",
    ),
}
RETURN_NOTE = "Realisasi belum didukung bukti; lampirkan rekap data bulanan yang ditandatangani kepala bidang."
UNLOCK_REASON = "Operator baru dilantik awal November; data Oktober dilengkapi setelah serah terima."
CHANGE_REASON = "Koreksi setelah validasi data BPS; angka sementara diganti angka tetap."
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _q(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(D(places), rounding=ROUND_HALF_UP)


def _last_month(today: dt.date) -> int:
    """The last month of the current year that has ended (0 in January)."""
    if today.year > CURRENT_YEAR:
        return 12
    if today.year < CURRENT_YEAR:
        return 0
    return today.month - 1


def _value(indicator: Indicator, target, month: int, year: int, factor: float, rng: random.Random) -> Decimal | None:
    """A realistic realised value for ``indicator`` in ``month`` given the month's ``target``."""
    if indicator.name == "Prevalensi stunting":  # 24 % in January 2024 falling to about 18 % in October 2026
        k = (year - 2024) * 12 + month - 1
        return _q(D(str(24 - 6 * k / 33 + rng.gauss(0, 0.15))))
    if target is None:
        return None
    noise = factor + rng.gauss(0, 0.03)
    if hasattr(target, "low"):  # range: mostly inside, sometimes outside
        mid = (target.low + target.high) / 2
        value = mid * D(str(noise))
    elif indicator.polarity == Indicator.Polarity.NEGATIVE:
        value = target * D(str(max(0.2, 2 - noise)))
    else:
        value = target * D(str(max(0.0, noise)))
    if indicator.satuan == "%":
        value = min(value, D(100))
    whole = indicator.satuan in ("orang", "kegiatan", "unit") or (
        target is not None and not hasattr(target, "low") and target >= 1000
    )
    return _q(value, "1") if whole else _q(value)


def _at(day: dt.date, hour: int, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 15)).replace(tzinfo=tz)


class _Plan:
    """What happens to one unit's report of one period (status and dates)."""

    def __init__(self, status: str, late: bool = False):
        self.status = status
        self.late = late


def _plan(
    unit: Unit, year: int, month: int, last: int, rng: random.Random, late_p: float, special: dict
) -> _Plan | None:
    late = rng.random() < late_p
    if year < CURRENT_YEAR or month < last - 1:
        return _Plan(Status.ACCEPTED, late)
    if month == last - 1:
        return _Plan(Status.VERIFIED if rng.random() < 0.15 else Status.ACCEPTED, late)
    if unit.pk in special:
        return _Plan(SPECIAL_STATUS[special[unit.pk]], special[unit.pk] == "unlock")
    roll = rng.random()
    if roll < 0.25:
        return _Plan(Status.ACCEPTED, late)
    if roll < 0.45:
        return _Plan(Status.VERIFIED, late)
    if roll < 0.75:
        return _Plan(Status.SUBMITTED, late)
    if roll < 0.88:
        return _Plan(Status.DRAFT, True)
    return None  # nothing reported yet


@demo_step(order=300, name="Realisasi kinerja")
def seed_realisation(ctx: DemoContext) -> None:
    pemda = ctx.pemdas.get(PEMDA_KEY)
    admin = ctx.users.get("admin.banjar")
    if pemda is None or admin is None:
        return
    today = timezone.localdate()
    last = _last_month(today)
    tz = pemda.tz
    years = {fy.year: fy for fy in FiscalYear.objects.filter(pemda=pemda, year__in=YEARS)}
    units = {u.pk: u for u in Unit.objects.filter(pemda=pemda, is_active=True).order_by("code")}
    users = {"Dinkes": (ctx.users.get("operator.dinkes"), ctx.users.get("kepala.dinkes"))}
    rules = CapaianRules()
    specials_done: list[tuple[str, PeriodReport]] = []
    for year in YEARS:
        fiscal_year = years.get(year)
        if fiscal_year is None or fiscal_year.frequency != FiscalYear.Frequency.MONTHLY:
            continue
        months = 12 if year < CURRENT_YEAR else last
        if months <= 0:
            continue
        period_list = [p for p in capaian.reporting_periods(fiscal_year) if p.number <= months]
        in_force = {p.number: capaian.agreements_for_period(fiscal_year, p.end_date) for p in period_list}
        agreement_ids = {a.pk for by_unit in in_force.values() for a in by_unit.values()}
        indicators: dict[int, list[Indicator]] = {}
        for indicator in capaian._indicators_of(agreement_ids):
            indicators.setdefault(indicator.sasaran.agreement_id, []).append(indicator)
        existing = set(
            PeriodReport.objects.filter(period__fiscal_year=fiscal_year).values_list("unit_id", "period__number")
        )
        special = _specials(in_force.get(last, {}), units) if year == CURRENT_YEAR else {}
        new_reports: list[PeriodReport] = []
        pending: list[tuple[PeriodReport, list[tuple[Indicator, Decimal | None, str, str]], object]] = []
        for unit_id, unit in units.items():
            rng = random.Random(f"realisasi-{unit.code}-{year}")
            late_p = rng.choice((0.03, 0.08, 0.15, 0.3))
            factors: dict = {}
            series: dict = {}
            operator, kepala = users.get(unit.short_name, (None, None))
            for period in period_list:
                agreement: Agreement | None = in_force[period.number].get(unit_id)
                if agreement is None:
                    continue
                plan = _plan(unit, year, period.number, last, rng, late_p, special)
                rows = []
                for indicator in indicators.get(agreement.pk, []):
                    if indicator.lineage not in factors:
                        problem = rng.random() < 0.2
                        factors[indicator.lineage] = rng.uniform(0.35, 0.72) if problem else rng.uniform(0.9, 1.07)
                    targets = capaian.period_targets(indicator, period.kind)
                    value = _value(
                        indicator, targets[period.number - 1], period.number, year, factors[indicator.lineage], rng
                    )
                    values = series.setdefault(indicator.lineage, [None] * 12)
                    values[period.number - 1] = value
                    ach = capaian.achievement(indicator, values, targets, period.number, rules)
                    kind = "negative" if indicator.polarity == Indicator.Polarity.NEGATIVE else "positive"
                    kendala = upaya = ""
                    if ach.needs_explanation:
                        kendala, upaya = rng.choice(KENDALA[kind]), rng.choice(UPAYA[kind])
                    rows.append((indicator, value, kendala, upaya))
                if plan is None:
                    continue
                deadline = periods.deadline_for(period.end_date, fiscal_year.deadline_day)
                report = PeriodReport(pemda=pemda, unit=unit, period=period, deadline=deadline, status=plan.status)
                if plan.status != Status.DRAFT:
                    offset = rng.randint(1, fiscal_year.grace_days) if plan.late else -rng.randint(0, 8)
                    submitted = deadline + dt.timedelta(days=offset)
                    report.submitted_at, report.submitted_by = _at(submitted, 9 + rng.randint(0, 7), tz), operator
                    report.is_late = periods.is_late(submitted, deadline)
                    if plan.status in (Status.VERIFIED, Status.ACCEPTED):
                        verified = submitted + dt.timedelta(days=rng.randint(0, 2))
                        report.verified_at, report.verified_by = _at(verified, 14, tz), kepala
                    if plan.status == Status.ACCEPTED:
                        accepted = report.verified_at.date() + dt.timedelta(days=rng.randint(1, 4))
                        report.accepted_at, report.accepted_by = _at(min(accepted, today), 10, tz), admin
                if (unit_id, period.number) in existing:
                    continue  # every random draw above happened anyway, so the next periods stay the same
                new_reports.append(report)
                pending.append((report, rows, operator or admin))
        PeriodReport.objects.bulk_create(new_reports)
        _write_values(pemda, pending)
        if new_reports:
            ctx.created["laporan realisasi"] += len(new_reports)
        if year == CURRENT_YEAR and new_reports:
            specials_done += [
                (special[r.unit_id], r) for r in new_reports if r.unit_id in special and r.period.number == last
            ]
    _workflow_examples(ctx, admin, specials_done, users)


SPECIAL_STATUS = {"dinkes": Status.SUBMITTED, "return": Status.SUBMITTED, "unlock": Status.DRAFT}


def _specials(in_force_last: dict, units: dict) -> dict:
    """unit id → example kind for last month: Dinas Kesehatan submitted (waiting for its kepala), the
    first other unit with a PK in force returned with a note, the next one overdue and unlocked."""
    ids = [uid for uid in units if uid in in_force_last]
    special: dict = {}
    dinkes = next((uid for uid in ids if units[uid].short_name == "Dinkes"), None)
    if dinkes:
        special[dinkes] = "dinkes"
    for uid, kind in zip([uid for uid in ids if uid != dinkes], ("return", "unlock"), strict=False):
        special[uid] = kind
    return special


def _write_values(pemda, pending) -> None:
    realisations = []
    for report, rows, by in pending:
        for indicator, value, kendala, upaya in rows:
            if report.status == Status.DRAFT and value is not None and indicator.lineage.int % 3 == 0:
                value = None  # a draft is half filled
            realisations.append(
                Realisation(
                    pemda=pemda,
                    report=report,
                    indicator=indicator,
                    indicator_lineage=indicator.lineage,
                    value=value,
                    kendala=kendala,
                    upaya=upaya,
                    updated_by=by,
                )
            )
    Realisation.objects.bulk_create(realisations)
    changes = [
        RealisationChange(pemda=pemda, realisation=r, old_value=None, new_value=r.value, by=r.updated_by)
        for r in realisations
        if r.value is not None
    ]
    RealisationChange.objects.bulk_create(changes)


def _workflow_examples(ctx: DemoContext, admin, specials_done, users) -> None:
    """The returned report, the unlock and an evidence file — through the services, and only on the
    run that created those reports (so a second run changes nothing) — and a change after acceptance."""
    for kind, report in specials_done:
        fresh = PeriodReport.objects.select_related("unit", "period__fiscal_year", "pemda").get(pk=report.pk)
        if kind == "dinkes":
            operator = users["Dinkes"][0]
            realisation = fresh.realisations.exclude(value=None).order_by("id").first()
            if operator and realisation:
                services.evidence_add(
                    realisation=realisation,
                    uploaded_file=SimpleUploadedFile("rekap-oktober.pdf", PDF, content_type="application/pdf"),
                    by=operator,
                )
        elif kind == "return" and fresh.status == Status.SUBMITTED:
            services.report_return(report=fresh, by=admin, note=RETURN_NOTE)
            ctx.created["laporan dikembalikan"] += 1
        elif kind == "unlock" and services.lock_state(fresh).locked:
            services.report_unlock(report=fresh, by=admin, reason=UNLOCK_REASON)
            ctx.created["buka kunci"] += 1
    if specials_done:
        _changed_after_acceptance(admin)


def _changed_after_acceptance(admin) -> None:
    """One accepted report of the current year changed during an (expired) unlock: marked until accepted again."""
    report = (
        PeriodReport.objects.filter(
            pemda_id=admin.pemda_id, period__fiscal_year__year=CURRENT_YEAR, status=Status.ACCEPTED
        )
        .exclude(unit__short_name="Dinkes")
        .order_by("period__number", "unit__code")
        .select_related("period", "pemda")
        .first()
    )
    realisation = report.realisations.exclude(value=None).order_by("id").first() if report else None
    if realisation is None:
        return
    when = report.accepted_at + dt.timedelta(days=20)
    old, new = realisation.value, _q(realisation.value * D("1.02"))
    Realisation.objects.filter(pk=realisation.pk).update(value=new)
    RealisationChange.objects.create(
        pemda_id=report.pemda_id,
        realisation=realisation,
        old_value=old,
        new_value=new,
        reason=CHANGE_REASON,
        by=admin,
        after_acceptance=True,
    )
    PeriodReport.objects.filter(pk=report.pk).update(
        changed_after_acceptance=True,
        unlocked_until=when,
        unlock_reason=CHANGE_REASON,
        unlocked_by=admin,
    )


# The LKE evaluation registers its own steps (imported here: only ``<app>/demo.py`` is autodiscovered).
from evaluations import lke_admin_demo, lke_demo, report_demo  # noqa: E402, F401
