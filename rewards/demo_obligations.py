"""Demo data of issue #9 (step 510): officials, the two default obligations and a year of submissions.

Kabupaten Banjar, after the core steps (units, heads, users):

* officials: every current unit head (JPT for dinas, badan, secretariats and the Inspektorat;
  administrator for RSUD, kecamatan and bagian; pengawas for UPTD and kelurahan), with the head's
  portal account when there is one (``kepala.dinkes``); in Dinas Kesehatan also the secretary
  (administrator, no account) and ``operator.dinkes`` as a pengawas;
* the default obligations from 1 January 2026 (one innovation a month for JPT and administrators; a
  weekly performance update by the head of the unit, piloted in Dinas Kesehatan and Kecamatan Astambul);
* innovations for every month of 2026 that has ended: most accepted on time, some late, about one
  in ten missing; in Dinas Kesehatan the secretary's latest one waits for the head's review, the one
  before was returned with a note, and the head's own latest month is still to be submitted;
  weekly updates of Dinas Kesehatan and Kecamatan Astambul with a few weeks missing.

Officials and obligations go through the services. The year of history is written in bulk (with
history rows) as an import of past records would be, with its real dates, because the services
date a submission "now". Idempotent: nothing happens when the Pemda already has officials.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from rewards.models import Obligation, ObligationSubmission, Official, PositionLevel
from rewards.obligation_schedule import occurrences
from rewards.selectors_obligations import pemda_today
from rewards.services_obligations import (
    INNOVATION_CODE,
    WEEKLY_UPDATE_CODE,
    obligation_save,
    obligations_install_defaults,
)
from rewards.services_officials import official_create
from sakip.core.demo import DemoContext, demo_step
from sakip.core.models import RoleAssignment, Unit, UnitHead

PEMDA_KEY = "banjar"
YEAR = 2026
DINKES = "1.02.0.00.0.00.01.0000"
ASTAMBUL = "7.01.0.00.0.00.03.0000"
T = Unit.Type
LEVELS = {
    T.DINAS: PositionLevel.JPT, T.BADAN: PositionLevel.JPT, T.SETDA: PositionLevel.JPT, T.SETWAN: PositionLevel.JPT,
    T.INSPEKTORAT: PositionLevel.JPT, T.RSUD: PositionLevel.ADMINISTRATOR, T.KECAMATAN: PositionLevel.ADMINISTRATOR,
    T.BAGIAN: PositionLevel.ADMINISTRATOR, T.UPTD: PositionLevel.PENGAWAS, T.KELURAHAN: PositionLevel.PENGAWAS,
}  # fmt: skip
TITLES = [
    "Aplikasi antrean daring layanan", "Layanan jemput bola di desa", "Dasbor capaian kinerja terbuka",
    "Pengaduan lewat WhatsApp", "Arsip digital surat keluar", "Klinik konsultasi perencanaan",
    "Formulir layanan tanpa kertas", "Jadwal piket berbasis aplikasi", "Survei kepuasan dengan kode QR",
    "Rapat koordinasi daring mingguan", "Peta sebaran layanan", "Pojok informasi publik",
]  # fmt: skip
RETURN_NOTE = "Lampirkan foto kegiatan dan daftar hadir uji coba inovasi."


def _at(pemda, day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=pemda.tz)


def _officials(ctx: DemoContext, pemda, admin, today: dt.date) -> None:
    heads = (
        UnitHead.objects.filter(unit__pemda=pemda, unit__is_active=True, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("unit", "user")
        .order_by("unit__code", "start_date")
    )
    seen: set[str] = set()
    for head in heads:
        if head.nip in seen or head.unit.type not in LEVELS:
            continue
        seen.add(head.nip)
        official_create(
            user=admin, unit=head.unit, name=head.name, nip=head.nip, position_level=LEVELS[head.unit.type],
            position=head.title, linked_user=head.user if head.user_id and head.user.pemda_id == pemda.pk else None,
        )  # fmt: skip
        ctx.created["pegawai"] += 1
    dinkes = ctx.units.get((PEMDA_KEY, DINKES))
    if dinkes is None:
        return
    official_create(
        user=admin, unit=dinkes, name="Hj. Rusmilawati, S.KM., M.Kes.", nip="198103152006042012",
        position_level=PositionLevel.ADMINISTRATOR, position="Sekretaris Dinas Kesehatan",
    )  # fmt: skip
    operator = ctx.users.get("operator.dinkes")
    if operator is not None and operator.nip and operator.nip not in seen:
        official_create(
            user=admin, unit=dinkes, name=operator.full_name, nip=operator.nip, position_level=PositionLevel.PENGAWAS,
            position="Kepala Subbagian Perencanaan dan Pelaporan", linked_user=operator,
        )  # fmt: skip
    ctx.created["pegawai"] += 2


def _unit_users(pemda) -> dict[int, dict[str, object]]:
    found: dict[int, dict[str, object]] = {}
    roles = RoleAssignment.objects.filter(pemda=pemda, unit__isnull=False).select_related("user").order_by("id")
    for role in roles:
        found.setdefault(role.unit_id, {}).setdefault(role.role, role.user)
    return found


def _row(obligation, pemda, unit, official, occ, *, status, late, by, reviewer, title, note="", days_after=0):
    submitted_on = occ.due_date + dt.timedelta(days=3 + days_after) if late else occ.period_end - dt.timedelta(days=3)
    decided = status != ObligationSubmission.Status.SUBMITTED
    return ObligationSubmission(
        pemda=pemda, obligation=obligation, unit=unit, official=official, period_start=occ.period_start,
        period_end=occ.period_end, due_date=occ.due_date, title=title,
        description=f"{title}: diuji coba pada periode ini; hasil dan manfaatnya dicatat dalam laporan singkat.",
        evidence_url=f"https://banjarkab.go.id/inovasi/{occ.period_start:%Y-%m}/{(official or unit).pk}",
        status=status, submitted_by=by, submitted_at=_at(pemda, submitted_on), is_late=late,
        decided_by=reviewer if decided else None,
        decided_at=_at(pemda, submitted_on + dt.timedelta(days=2), 14) if decided else None, decision_note=note,
    )  # fmt: skip


def _innovations(pemda, admin, obligation, today, users) -> list[ObligationSubmission]:
    last_month = today.month - 1 if today.year == YEAR else (12 if today.year > YEAR else 0)
    if last_month < 1:
        return []
    occs = [
        o for o in occurrences("bulanan", 0, dt.date(YEAR, 1, 1), dt.date(YEAR, last_month, 28)) if o.due_date < today
    ]
    levels = obligation.position_levels
    officials = Official.objects.filter(pemda=pemda, is_active=True, position_level__in=levels).select_related("unit")
    rows = []
    for official in officials.order_by("unit__code", "name"):
        unit_users = users.get(official.unit_id, {})
        by = (
            official.user
            or unit_users.get(RoleAssignment.Role.OPERATOR)
            or unit_users.get(RoleAssignment.Role.KEPALA)
            or admin
        )
        kepala = unit_users.get(RoleAssignment.Role.KEPALA)
        reviewer = kepala if kepala is not None and kepala != official.user and kepala != by else admin
        dinkes = official.unit.code == DINKES
        for index, occ in enumerate(occs):
            latest, before = index == len(occs) - 1, index == len(occs) - 2
            title = TITLES[(official.pk + index) % len(TITLES)]
            if dinkes and official.user_id and latest:
                continue  # the head's own latest innovation is still to be submitted (demo journey)
            if dinkes and not official.user_id and latest:
                rows.append(
                    _row(
                        obligation,
                        pemda,
                        official.unit,
                        official,
                        occ,
                        status="diajukan",
                        late=False,
                        by=by,
                        reviewer=None,
                        title=title,
                    )
                )
                continue
            if dinkes and not official.user_id and before:
                rows.append(
                    _row(
                        obligation,
                        pemda,
                        official.unit,
                        official,
                        occ,
                        status="dikembalikan",
                        late=False,
                        by=by,
                        reviewer=reviewer,
                        title=title,
                        note=RETURN_NOTE,
                    )
                )
                continue
            roll = (official.pk * 7 + occ.period_start.month * 13) % 20
            if roll in (0, 1) and not dinkes:
                continue  # missing
            late = roll in (2, 3, 4)
            rows.append(
                _row(
                    obligation,
                    pemda,
                    official.unit,
                    official,
                    occ,
                    status="diterima",
                    late=late,
                    by=by,
                    reviewer=reviewer,
                    title=title,
                    days_after=roll,
                )
            )
    return rows


def _weekly(pemda, admin, obligation, today, users, units) -> list[ObligationSubmission]:
    rows = []
    occs = [
        o
        for o in occurrences("mingguan", 1, dt.date(YEAR, 1, 1), today)
        if o.due_date < today and o.period_end.year == YEAR
    ]
    for unit in units:
        unit_users = users.get(unit.pk, {})
        by = unit_users.get(RoleAssignment.Role.OPERATOR) or unit_users.get(RoleAssignment.Role.KEPALA)
        kepala = unit_users.get(RoleAssignment.Role.KEPALA)
        if by is None:
            continue
        for index, occ in enumerate(occs):
            if (index * 5 + unit.pk) % 9 == 0:
                continue  # a week without an update
            reviewer = kepala if kepala is not None and kepala != by else admin
            late = index % 6 == 5
            rows.append(
                _row(
                    obligation,
                    pemda,
                    unit,
                    None,
                    occ,
                    status="diterima",
                    late=late,
                    by=by,
                    reviewer=reviewer,
                    title=f"Pemutakhiran kinerja minggu ke-{index + 1}",
                )
            )
    return rows


@demo_step(order=510, name="Pegawai dan kewajiban")
def seed_obligations(ctx: DemoContext) -> None:
    pemda = ctx.pemdas.get(PEMDA_KEY)
    admin = ctx.users.get("admin.banjar")
    if pemda is None or admin is None or Official.objects.filter(pemda=pemda).exists():
        return
    today = pemda_today(pemda)
    _officials(ctx, pemda, admin, today)
    installed = obligations_install_defaults(user=admin, pemda=pemda, start_date=dt.date(YEAR, 1, 1))
    ctx.created["kewajiban"] += len(installed)
    obligations = {o.code: o for o in Obligation.objects.filter(pemda=pemda)}
    # the weekly update is piloted in the two units with demo accounts
    weekly = obligations[WEEKLY_UPDATE_CODE]
    weekly_units = [u for u in (ctx.units.get((PEMDA_KEY, DINKES)), ctx.units.get((PEMDA_KEY, ASTAMBUL))) if u]
    fields = ("code", "name", "description", "subject", "position_levels", "frequency", "due_offset_days", "start_date")
    obligation_save(
        user=admin, pemda=pemda, obligation=weekly, units=weekly_units,
        **{f: getattr(weekly, f) for f in fields}, end_date=None,
    )  # fmt: skip
    users = _unit_users(pemda)
    rows = _innovations(pemda, admin, obligations[INNOVATION_CODE], today, users)
    rows += _weekly(pemda, admin, obligations[WEEKLY_UPDATE_CODE], today, users, weekly_units)
    bulk_create_with_history(rows, ObligationSubmission, batch_size=500, default_date=timezone.now())
    ctx.created["pemenuhan kewajiban"] += len(rows)
