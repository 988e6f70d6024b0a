"""Demo data of issue #9 (step 520): a year of attendance summaries and the sanctions they propose.

Kabupaten Banjar, after the officials of step 510 (none there: nothing happens). For every month of
2026 that has ended, the Admin SAKIP imports the attendance system's export (an .xlsx built here)
through :func:`rewards.services_discipline.discipline_import`, exactly as the import page does, so
every month is a :class:`DisciplineImport` and each import evaluates the year into proposals:

* most officials have a day off without a reason now and then and some lateness, below every step;
* the Dinas Kesehatan secretary (no portal account) reaches 11 days by September: teguran lisan in
  March, teguran tertulis in May, pernyataan tidak puas in July and the 25 % TPP cut for six months
  in September;
* the official linked to ``operator.dinkes`` (so "Disiplin saya" has something to show) reaches
  4 days through absences and lateness: teguran lisan, then teguran tertulis;
* one more unit head reaches 3 days: teguran lisan.

The proposals wait for the Bupati. Idempotent: nothing happens when the Pemda already has imports.
"""

from __future__ import annotations

import io

from openpyxl import Workbook

from rewards.discipline_io import COLUMN_LABELS
from rewards.models import DisciplineImport, Official
from rewards.services_decisions import pemda_today
from rewards.services_discipline import discipline_import
from sakip.core.demo import DemoContext, demo_step

PEMDA_KEY = "banjar"
YEAR = 2026
# days absent per month (index 0 = January) for the officials who cross ladder steps
SECRETARY = (1, 0, 2, 0, 1, 0, 3, 0, 4, 0, 0, 0)  # 3 by March, 4 by May, 7 by July, 11 by September
OPERATOR = (1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)  # plus 450 minutes late in April: 3 then 4 days
OPERATOR_LATE = (60, 30, 0, 900, 45, 0, 20, 0, 0, 0, 0, 0)
ONE_HEAD = (0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0)  # 3 by September


def _sheet(rows: list[tuple]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap"
    ws.append([f"Rekap absensi — ekspor sistem absensi {YEAR}"])
    ws.append([COLUMN_LABELS[k] for k in ("nip", "name", "days_absent", "minutes_late", "missed_checkins")])
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _pattern(official: Official, index: int, month: int) -> tuple[int, int, int]:
    """Below every step: at most one day absent in two of the year's months, some lateness."""
    seed = int(official.nip[-4:]) + index * 7
    days = 1 if (seed + month) % 9 == 0 and month in (4, 10) else 0
    minutes = ((seed * 13 + month * 29) % 4) * 5
    missed = (seed + month) % 3
    return days, minutes, missed


@demo_step(order=520, name="Rekap absensi dan usulan sanksi disiplin")
def seed_discipline(ctx: DemoContext) -> None:
    pemda = ctx.pemdas.get(PEMDA_KEY)
    admin = ctx.users.get("admin.banjar")
    if pemda is None or admin is None or DisciplineImport.objects.filter(pemda=pemda).exists():
        return
    officials = list(Official.objects.filter(pemda=pemda, is_active=True).select_related("unit", "user"))
    if not officials:
        return
    today = pemda_today(pemda)
    last = 12 if today.year > YEAR else today.month - 1
    if today.year < YEAR or last < 1:
        return
    operator = ctx.users.get("operator.dinkes")
    linked = next((o for o in officials if operator is not None and o.user_id == operator.pk), None)
    secretary = next((o for o in officials if o.user_id is None and "sekretaris" in o.position.lower()), None)
    if secretary is None:
        secretary = next((o for o in officials if o.user_id is None and o is not linked), None)
    head = next((o for o in officials if o not in (linked, secretary) and o.user_id is None), None)
    special = {}
    if secretary is not None:
        special[secretary.pk] = lambda m: (SECRETARY[m - 1], 0, 0)
    if linked is not None:
        special[linked.pk] = lambda m: (OPERATOR[m - 1], OPERATOR_LATE[m - 1], 1)
    if head is not None:
        special[head.pk] = lambda m: (ONE_HEAD[m - 1], 15, 0)
    proposals = 0
    for month in range(1, last + 1):
        rows = []
        for index, official in enumerate(officials):
            figures = special[official.pk](month) if official.pk in special else _pattern(official, index, month)
            rows.append((official.nip, official.name, *figures))
        result = discipline_import(
            user=admin, pemda=pemda, year=YEAR, month=month, data=_sheet(rows),
            file_name=f"rekap-absensi-{YEAR}-{month:02d}.xlsx",
        )  # fmt: skip
        proposals += len(result.proposals)
        ctx.created["rekap disiplin"] += len(result.rows)
    ctx.created["impor absensi"] += last
    ctx.created["usulan sanksi disiplin"] += proposals
