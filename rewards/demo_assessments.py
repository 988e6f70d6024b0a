"""Demo data of issue #9 (assessments), step 530: external assessments of Kabupaten Banjar, 2024–2026.

* the default types (Ombudsman compliance, SPIP maturity, IKM) are installed;
* **Ombudsman** (score and zone) for the service units (dinas, UPTD/Puskesmas, RSUD, kecamatan);
* **SPIP maturity** (level 0–5) for every unit of the Pemda — except Kelurahan Sekumpul in 2026,
  not assessed yet, so the ranking page shows a unit left unranked for lacking a metric others have;
* **IKM** for the units with public services (dinas, UPTD/Puskesmas, RSUD, kecamatan, kelurahan);
* the **2026 weights** of the composite index include SPIP maturity and obligation compliance
  (AKIP 35, capaian 25, ketepatan waktu 15, SPIP 15, kepatuhan kewajiban 10), so the ranking page
  and its breakdown show them;
* the Bupati evaluates the per-official obligation rule for 2026 (``rules_defaults.OBLIGATION_RULES``):
  a pending penundaan TPP proposal per official and month without an accepted innovation.

Values are deterministic (from the unit code), mostly improving year on year, spread over every band.
Every write goes through :mod:`rewards.services_assessments` / :mod:`rewards.services` as the Admin
SAKIP. Idempotent: nothing happens when the Pemda already has an assessment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from rewards import services
from rewards.assessment_defaults import metric_code
from rewards.models import Assessment, AssessmentType, RankingSetting
from rewards.rules_defaults import METRIC_OBLIGATIONS
from rewards.services_assessments import assessment_save, ensure_default_types
from rewards.services_obligation_rules import obligation_rules_evaluate
from sakip.core.demo import DemoContext, demo_step
from sakip.core.models import Unit

PEMDA_KEY = "banjar"
YEARS = (2024, 2025, 2026)
WEIGHTS_YEAR = 2026
NOT_ASSESSED_2026 = "7.01.0.00.0.00.01.0006"  # Kelurahan Sekumpul: SPIP 2026 not assessed yet
T = Unit.Type
SERVICE = {T.DINAS, T.UPTD, T.RSUD, T.KECAMATAN}
PUBLIC = SERVICE | {T.KELURAHAN}
ASSESSED_ON = {"ombudsman": (12, 10), "spip": (11, 20), "ikm": (12, 5)}  # (month, day) of the result


def _seed(code: str, kind: str) -> int:
    return int(hashlib.sha256(f"{code}:{kind}".encode()).hexdigest()[:8], 16)


def _value(code: str, kind: str, year: int) -> Decimal:
    """A deterministic value: a base per unit, a step per year (a few units slip back)."""
    seed = _seed(code, kind)
    step = year - YEARS[0]
    if kind == "spip":
        base = 1 + seed % 3  # level 1–3 in 2024, one level up in 2025 for half, another in 2026 for a third
        return Decimal(min(5, base + (1 if step >= 1 and seed % 2 else 0) + (1 if step >= 2 and seed % 3 == 0 else 0)))
    if kind == "ombudsman":
        base = Decimal(45 + seed % 40)  # 45–84
    else:  # ikm
        base = Decimal(66 + seed % 26)  # 66–91
    delta = Decimal((seed >> 4) % 60) / 10 - (Decimal(3) if seed % 7 == 0 else Decimal(0))
    cents = Decimal((seed >> 9) % 100) / 100
    return min(Decimal(99), max(Decimal(20), base + delta * step + cents)).quantize(Decimal("0.01"))


def _kinds_for(unit: Unit) -> list[str]:
    kinds = ["spip"]
    if unit.type in SERVICE:
        kinds.append("ombudsman")
    if unit.type in PUBLIC:
        kinds.append("ikm")
    return kinds


@demo_step(order=530, name="Penilaian eksternal")
def seed_assessments(ctx: DemoContext) -> None:
    pemda = ctx.pemdas.get(PEMDA_KEY)
    admin = ctx.users.get("admin.banjar")
    if pemda is None or admin is None or Assessment.objects.filter(pemda=pemda).exists():
        return
    ensure_default_types(pemda)
    types = {t.code: t for t in AssessmentType.objects.filter(pemda=pemda)}
    units = list(Unit.objects.filter(pemda=pemda, is_active=True).order_by("code"))
    for unit in units:
        for kind in _kinds_for(unit):
            for year in YEARS:
                if kind == "spip" and year == 2026 and unit.code == NOT_ASSESSED_2026:
                    continue
                month, day = ASSESSED_ON[kind]
                link = f"https://sakip.banjarkab.go.id/dokumen/penilaian/{kind}-{year}-{unit.code}.pdf"
                assessment_save(
                    user=admin,
                    unit=unit,
                    assessment_type=types[kind],
                    year=year,
                    value=_value(unit.code, kind, year),
                    assessed_on=dt.date(year, month, day) if year < 2026 else dt.date(2026, 10, day),
                    evidence_url=link,
                    note="",
                )
                ctx.created["penilaian eksternal"] += 1
    if not RankingSetting.objects.filter(pemda=pemda, year=WEIGHTS_YEAR).exists():
        weights = {
            "akip": 35,
            "capaian": 25,
            "ketepatan_waktu": 15,
            metric_code("spip"): 15,
            METRIC_OBLIGATIONS: 10,
        }
        services.weights_save(user=admin, pemda=pemda, year=WEIGHTS_YEAR, weights=weights)
        ctx.created["bobot indeks komposit"] += 1
    # the Bupati evaluates the per-official obligation rule (a month without an accepted innovation →
    # penundaan TPP next month) over the innovations of step 510: pending proposals about officials
    bupati = ctx.users.get("bupati")
    if bupati is not None:
        created = obligation_rules_evaluate(user=bupati, pemda=pemda, year=WEIGHTS_YEAR)
        ctx.created["usulan kewajiban pegawai"] += len(created)
