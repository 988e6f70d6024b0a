"""Writes of discipline records (issue #9 item 2): the ladder setting, the monthly attendance import
(dry run, then an all-or-nothing commit) and the evaluation of the year into proposals.

* Access: ``P.DISCIPLINE_MANAGE`` (admin) sets the ladder, imports and evaluates; another Pemda's
  object is 404.
* The ladder is :mod:`rewards.discipline` (PP 94/2021 by default); :func:`setting_for` creates the
  Pemda's :class:`DisciplineSetting` from the defaults on first use.
* An import checks every row (:mod:`rewards.discipline_io` for the cells, here what needs the
  database) and saves nothing when any row is wrong. A committed import records a
  :class:`DisciplineImport` and replaces the month's records of the officials it names.
* :func:`discipline_evaluate` walks the year's records with :func:`rewards.discipline.evaluate` and
  stores one :class:`Proposal` per step reached, keyed by ``source_key`` so evaluating again adds
  nothing.
* Every view of the records is a :class:`PersonalDataAccess` row (:func:`log_access`).
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rewards import discipline
from rewards.discipline_io import COLUMN_LABELS, CellError, parse_sheet
from rewards.models import (
    DisciplineImport,
    DisciplineRecord,
    DisciplineSetting,
    Official,
    PersonalDataAccess,
    Proposal,
    Target,
)
from rewards.services_decisions import pemda_today
from rewards.services_rankings import require_any, same_pemda
from sakip.core.models import Pemda
from sakip.core.permissions import P
from sakip.lib.dates import month_name
from sakip.lib.numbers import format_number

BASIS_METRIC = "hari_tanpa_keterangan"


# --- personal-data access log ----------------------------------------------------------------------


def log_access(*, user, pemda_id: int, action: str, official: Official | None = None, path: str = "") -> None:
    """Record one view of discipline data (``official`` None: a list). Actions: ``lihat-daftar``,
    ``lihat-pegawai``, ``lihat-sendiri``, ``ekspor``, ``api-daftar``, ``api-detail``."""
    PersonalDataAccess.objects.create(
        pemda_id=pemda_id, user=user, official=official, action=action[:40], path=(path or "")[:300]
    )


# --- ladder setting --------------------------------------------------------------------------------


def setting_for(pemda: Pemda) -> DisciplineSetting:
    """The Pemda's ladder setting, created from the PP 94/2021 defaults on first use."""
    setting, _created = DisciplineSetting.objects.get_or_create(
        pemda=pemda,
        defaults={"steps": [dict(row) for row in discipline.DEFAULT_LADDER_ROWS], "minutes_per_day": 450},
    )
    return setting


def ladder_of(setting: DisciplineSetting) -> discipline.Ladder:
    """The setting as a validated ladder (a stored setting that no longer validates: the defaults)."""
    try:
        return discipline.parse_ladder(
            setting.steps, minutes_per_day=setting.minutes_per_day, checkins_per_day=setting.checkins_per_day
        )
    except discipline.LadderError:
        return discipline.default_ladder()


@transaction.atomic
def discipline_setting_save(
    *, user, pemda: Pemda, steps: list[dict], minutes_per_day: int | None, checkins_per_day: int | None,
    is_active: bool = True,
) -> DisciplineSetting:  # fmt: skip
    """Save the ladder (admin). Refused with every message of :func:`rewards.discipline.parse_ladder`."""
    same_pemda(user, pemda)
    require_any(user, P.DISCIPLINE_MANAGE)
    rows = [
        {
            "code": str(r.get("code") or "").strip(),
            "min_days": r.get("min_days"),
            "outcome": str(r.get("outcome") or ""),
            "percent": None if r.get("percent") in (None, "") else str(r.get("percent")),
            "months": None if r.get("months") in (None, "") else r.get("months"),
            "label": str(r.get("label") or "").strip()[:200],
        }
        for r in steps
    ]
    try:
        ladder = discipline.parse_ladder(rows, minutes_per_day=minutes_per_day, checkins_per_day=checkins_per_day)
    except discipline.LadderError as exc:
        raise ValidationError(exc.messages) from None
    for row, step in zip(rows, ladder.steps, strict=True):
        row["min_days"] = step.min_days
        row["percent"] = None if step.percent is None else str(step.percent)
        row["months"] = step.months
    setting = setting_for(pemda)
    setting.steps = rows
    setting.minutes_per_day = minutes_per_day
    setting.checkins_per_day = checkins_per_day
    setting.is_active = is_active
    setting.save()
    return setting


@transaction.atomic
def discipline_setting_restore(*, user, pemda: Pemda) -> DisciplineSetting:
    """Put the PP 94/2021 defaults back (steps, 450 minutes a day, missed check-ins not counted)."""
    same_pemda(user, pemda)
    require_any(user, P.DISCIPLINE_MANAGE)
    setting = setting_for(pemda)
    setting.steps = [dict(row) for row in discipline.DEFAULT_LADDER_ROWS]
    setting.minutes_per_day = discipline.DEFAULT_MINUTES_PER_DAY
    setting.checkins_per_day = None
    setting.is_active = True
    setting.save()
    return setting


# --- import ----------------------------------------------------------------------------------------

NEW, REPLACES, UNCHANGED = "baru", "mengganti", "sama"


@dataclass
class ImportRow:
    row: int
    nip: str
    name: str  # from the roster (the file's name when the NIP is unknown)
    unit: str
    days_absent: int
    minutes_late: int
    missed_checkins: int
    status: str = NEW  # baru / mengganti / sama
    before: tuple[int, int, int] | None = None  # the earlier import's figures


@dataclass
class ImportResult:
    year: int
    month: int
    file_name: str
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    batch: DisciplineImport | None = None
    proposals: list[Proposal] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


def _check_month(pemda: Pemda, year: int, month: int) -> None:
    if not (isinstance(year, int) and 2015 <= year <= 2100 and isinstance(month, int) and 1 <= month <= 12):
        raise ValidationError({"month": [_("Tahun atau bulan tidak valid.")]})
    today = pemda_today(pemda)
    if (year, month) > (today.year, today.month):
        raise ValidationError(
            {"month": [_("Bulan %(m)s %(y)s belum tiba; rekap absensi hanya untuk bulan yang sudah berjalan.")
                       % {"m": month_name(month), "y": year}]}
        )  # fmt: skip


def _officials_by_nip(pemda: Pemda, nips) -> dict[str, Official]:
    return {o.nip: o for o in Official.objects.filter(pemda=pemda, nip__in=nips).select_related("unit")}


def import_check(*, user, pemda: Pemda, year: int, month: int, data: bytes, file_name: str) -> ImportResult:
    """The dry run: every row with what would be saved (new / replaces / unchanged) and every error.
    Saves nothing. Needs ``P.DISCIPLINE_MANAGE``."""
    same_pemda(user, pemda)
    require_any(user, P.DISCIPLINE_MANAGE)
    _check_month(pemda, year, month)
    result = ImportResult(year, month, file_name)
    sheet = parse_sheet(data, file_name)
    result.errors.extend(sheet.errors)
    # the same NIP may exist in two Pemdas: keep this Pemda's official when it is there
    ours = _officials_by_nip(pemda, {r.nip for r in sheet.rows})
    valid = _check_rows_scoped(pemda, year, month, sheet.rows, result, ours)
    earlier = {
        rec.official_id: rec
        for rec in DisciplineRecord.objects.filter(pemda=pemda, year=year, month=month, official__nip__in=list(valid))
    }
    for r in sheet.rows:
        official = valid.get(r.nip)
        if official is None:
            continue
        row = ImportRow(r.row, r.nip, official.name, official.unit.short_name or official.unit.name,
                        r.days_absent, r.minutes_late, r.missed_checkins)  # fmt: skip
        before = earlier.get(official.pk)
        if before is not None:
            row.before = (before.days_absent, before.minutes_late, before.missed_checkins)
            row.status = UNCHANGED if row.before == (r.days_absent, r.minutes_late, r.missed_checkins) else REPLACES
        result.rows.append(row)
    result.errors.sort(key=lambda e: (e.row or 0, e.column))
    return result


def _check_rows_scoped(pemda, year, month, rows, result, ours) -> dict[str, Official]:
    others = {o.nip for o in Official.objects.filter(nip__in=[r.nip for r in rows if r.nip not in ours]).only("nip")}
    days_in_month = calendar.monthrange(year, month)[1]
    seen: dict[str, int] = {}
    nip_label, days_label = COLUMN_LABELS["nip"], COLUMN_LABELS["days_absent"]
    valid: dict[str, Official] = {}
    for r in rows:
        if r.nip in seen:
            message = _("NIP %(n)s sudah ada pada baris %(r)s (baris ganda).") % {"n": r.nip, "r": seen[r.nip]}
            result.errors.append(CellError(r.row, nip_label, message))
            valid.pop(r.nip, None)
            continue
        seen[r.nip] = r.row
        if r.nip not in ours:
            if r.nip in others:
                message = _("NIP %(n)s terdaftar pada Pemda lain, bukan pegawai Pemda ini.") % {"n": r.nip}
            else:
                message = _("NIP %(n)s tidak terdaftar sebagai pegawai Pemda ini.") % {"n": r.nip}
            result.errors.append(CellError(r.row, nip_label, message))
            continue
        if r.days_absent > days_in_month:
            message = _("%(d)s hari melebihi jumlah hari bulan ini (%(n)s).") % {"d": r.days_absent, "n": days_in_month}
            result.errors.append(CellError(r.row, days_label, message))
            continue
        valid[r.nip] = ours[r.nip]
    return valid


@transaction.atomic
def discipline_import(
    *, user, pemda: Pemda, year: int, month: int, data: bytes, file_name: str, evaluate: bool = True
) -> ImportResult:
    """Commit a month's attendance summaries, all or nothing: any error → :class:`ValidationError`
    listing every problem (nothing saved). Records a :class:`DisciplineImport`, creates or replaces
    each named official's record of the month, then (``evaluate`` and the setting active) evaluates
    the year into proposals (:func:`discipline_evaluate`)."""
    result = import_check(user=user, pemda=pemda, year=year, month=month, data=data, file_name=file_name)
    if result.errors:
        raise ValidationError([str(e) for e in result.errors])
    batch = DisciplineImport.objects.create(
        pemda=pemda, year=year, month=month, file_name=(file_name or "")[:200],
        file_hash=hashlib.sha256(data).hexdigest(), rows=len(result.rows), created_by=user,
    )  # fmt: skip
    officials = _officials_by_nip(pemda, [r.nip for r in result.rows])
    existing = {
        rec.official_id: rec
        for rec in DisciplineRecord.objects.select_for_update().filter(pemda=pemda, year=year, month=month)
    }
    create, update = [], []
    now = timezone.now()
    for r in result.rows:
        official = officials[r.nip]
        record = existing.get(official.pk)
        values = {"days_absent": r.days_absent, "minutes_late": r.minutes_late, "missed_checkins": r.missed_checkins}
        if record is None:
            create.append(
                DisciplineRecord(pemda=pemda, official=official, year=year, month=month, batch=batch, **values)
            )
        else:
            for key, value in values.items():
                setattr(record, key, value)
            record.batch = batch
            record.updated_at = now
            update.append(record)
    DisciplineRecord.objects.bulk_create(create)
    if update:
        DisciplineRecord.objects.bulk_update(
            update, ["days_absent", "minutes_late", "missed_checkins", "batch", "updated_at"], batch_size=500
        )
    result.batch = batch
    if evaluate:
        result.proposals = discipline_evaluate(user=user, pemda=pemda, year=year)
    return result


# --- evaluation → proposals ------------------------------------------------------------------------


def step_label(step: discipline.Step) -> str:
    return _(step.label) if step.label else _(discipline.OUTCOME_LABELS.get(step.outcome, step.outcome))


def _parameters(step: discipline.Step) -> dict:
    params: dict = {}
    if step.percent is not None:
        params["persen"] = format_number(step.percent, 2, strip=True).replace(",", ".")
    if step.months is not None:
        params["bulan"] = step.months
    return params


@transaction.atomic
def discipline_evaluate(*, user, pemda: Pemda, year: int) -> list[Proposal]:
    """Evaluate the year's records (January to the latest month imported) with the Pemda's ladder and
    store a pending proposal per step newly reached; returns the proposals created now (a step that
    already has a proposal, whatever its status, is not proposed again). Nothing when the setting is
    switched off. Queries: a constant handful plus one insert per new proposal."""
    same_pemda(user, pemda)
    require_any(user, P.DISCIPLINE_MANAGE)
    setting = setting_for(pemda)
    if not setting.is_active:
        return []
    records = list(DisciplineRecord.objects.filter(pemda=pemda, year=year).select_related("official", "official__unit"))
    if not records:
        return []
    through = max(r.month for r in records)
    officials = {r.official.nip: r.official for r in records}
    months = [
        discipline.Month(r.official.nip, r.month, r.days_absent, r.minutes_late, r.missed_checkins) for r in records
    ]
    outcomes = discipline.evaluate(months, ladder_of(setting), through_month=through)
    keys = {f"disiplin:{year}:{o.official}:{o.step.code}": o for o in outcomes}
    existing = set(Proposal.objects.filter(pemda=pemda, source_key__in=list(keys)).values_list("source_key", flat=True))
    created = []
    for key, outcome in keys.items():
        if key in existing:
            continue
        official = officials[outcome.official]
        text = _basis_text_for(outcome, year)
        proposal = Proposal(
            pemda=pemda, snapshot=None, source_key=key, official=official, unit=official.unit,
            target=Target.OFFICIAL, kind=outcome.step.outcome, rule_code=f"disiplin_{outcome.step.code}"[:60],
            rule_name=step_label(outcome.step)[:200], parameters=_parameters(outcome.step),
            basis=[{"metric": BASIS_METRIC, "value": str(outcome.days), "months": list(outcome.months_counted),
                    "text": text}],
        )  # fmt: skip
        proposal.save()
        created.append(proposal)
    return created


def _basis_text_for(outcome: discipline.Outcome, year: int) -> str:
    months = ", ".join(month_name(m) for m in outcome.months_counted)
    return _(
        "Rekap absensi %(y)s (%(months)s): %(d)s hari tidak masuk kerja tanpa keterangan (kumulatif, "
        "termasuk keterlambatan yang disetarakan), mencapai langkah “%(s)s” pada bulan %(m)s."
    ) % {
        "y": year, "months": months, "d": format_number(outcome.days, 2, strip=True),
        "s": step_label(outcome.step), "m": month_name(outcome.month),
    }  # fmt: skip


def equivalent(record: DisciplineRecord, ladder: discipline.Ladder) -> Decimal:
    """The days a stored record counts for under ``ladder`` (see :func:`rewards.discipline.equivalent_days`)."""
    month = discipline.Month(record.official_id, record.month, record.days_absent, record.minutes_late,
                             record.missed_checkins)  # fmt: skip
    return discipline.equivalent_days(month, ladder)
