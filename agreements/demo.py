# The data tables below read best as one record per line.
# ruff: noqa: E501
"""Demo Perjanjian Kinerja for ``python manage.py seed_demo`` (a step of :mod:`sakip.core.demo`).

Kabupaten Banjar gets, for 2024 and 2025, a signed PK for every active unit and for the Pemda
itself (sasaran RPJMD: IPM, angka kemiskinan, pertumbuhan ekonomi, nilai SAKIP, ...), the unit
sasaran supporting the Pemda sasaran (cascading; several units per Pemda sasaran: crosscutting);
Dinas PUPRP 2025 has a PK Perubahan after the APBD-P (reason: budget). For 2026 the PKs are in a mix
of states (draft, returned with a note, submitted, approved, signed on time or late), with Dinas
Kesehatan submitted and waiting for its head, and Kecamatan Astambul returned with a note.

Everything goes through :mod:`agreements.services`, so the targets satisfy the same rules as the
portal (quarters consistent with the annual target; a few indicators with monthly targets).
Deterministic (``random.Random`` seeded per unit and year) and idempotent (a unit/year that
already has a PK is left alone). A unit without a head in office during a year cannot be signed
for that year; its PK stays approved.

Who acts: the real demo users where they exist (operator and kepala of Dinas Kesehatan and the
operator of Kecamatan Astambul; the Bupati signs; the Admin SAKIP edits the Pemda PK). For the other
units, which have no demo accounts, the Admin SAKIP enters the data on the unit's behalf: a demo-only
copy of the admin user carries an in-memory operator + kepala role for that unit, so the services'
access checks still run (:func:`_on_behalf`).
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from sakip.core.demo import DemoContext, demo_step
from sakip.core.models import FiscalYear, RoleAssignment, Unit, User

from . import services
from .models import Agreement, Sasaran

D = Decimal
Role = RoleAssignment.Role
PEMDA_KEY = "banjar"
PAST_YEARS, CURRENT = (2024, 2025), 2026

# Indicator spec: (name, satuan, polarity, rule, iku, {year: target} or {year: (low, high)}, monthly?, allow_negative)
# Sasaran spec: (name, supports key or None, [indicators]); programs: (code, name, level, budget in Rupiah).
# fmt: off
PEMDA_SASARAN = [
    ("S1", "Meningkatnya kualitas sumber daya manusia", [
        ("Indeks Pembangunan Manusia (IPM)", "poin", "positive", "last", True, {2024: "71,05", 2025: "71,62", 2026: "72,20"}, False, False),
        ("Angka harapan hidup", "tahun", "positive", "last", False, {2024: "68,90", 2025: "69,10", 2026: "69,30"}, False, False),
    ]),
    ("S2", "Meningkatnya kesejahteraan masyarakat dan pertumbuhan ekonomi daerah", [
        ("Angka kemiskinan", "%", "negative", "last", True, {2024: "2,35", 2025: "2,20", 2026: "2,05"}, False, False),
        ("Pertumbuhan ekonomi", "%", "positive", "last", True, {2024: "4,80", 2025: "5,00", 2026: "5,20"}, False, True),
        ("Tingkat pengangguran terbuka", "%", "negative", "last", False, {2024: "4,60", 2025: "4,40", 2026: "4,20"}, False, False),
    ]),
    ("S3", "Meningkatnya kualitas infrastruktur wilayah", [
        ("Persentase jalan kabupaten dalam kondisi mantap", "%", "positive", "last", True, {2024: "72,50", 2025: "75,00", 2026: "77,50"}, False, False),
    ]),
    ("S4", "Meningkatnya akuntabilitas kinerja dan kualitas tata kelola pemerintahan", [
        ("Nilai SAKIP Pemerintah Kabupaten", "poin", "positive", "last", True, {2024: "64,50", 2025: "67,00", 2026: "70,50"}, False, False),
        ("Indeks Reformasi Birokrasi", "poin", "positive", "last", False, {2024: "60,00", 2025: "63,00", 2026: "66,00"}, False, False),
    ]),
]

UNIT_PLANS: dict[str, dict] = {
    "Dinkes": {
        "sasaran": [("Meningkatnya derajat kesehatan masyarakat", "S1", [
            ("Prevalensi stunting", "%", "negative", "last", True, {2024: "18,50", 2025: "16,00", 2026: "14,00"}, True, False),
            ("Angka kematian ibu", "per 100.000 KH", "negative", "last", True, {2024: "120", 2025: "110", 2026: "100"}, False, False),
            ("Cakupan pelayanan kesehatan dasar sesuai standar", "%", "positive", "last", False, {2024: "88", 2025: "92", 2026: "95"}, False, False),
        ])],
        "programs": [
            ("1.02.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "program", 38_750_000_000),
            ("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat", "program", 64_200_000_000),
            ("1.02.02.2.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota", "kegiatan", 21_450_000_000),
            ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil", "subkegiatan", 1_275_000_000),
            ("1.02.03", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan", "program", 2_360_000_000),
        ],
    },
    "Disdik": {
        "sasaran": [("Meningkatnya akses dan mutu pendidikan dasar", "S1", [
            ("Angka Partisipasi Murni (APM) SD/MI", "%", "positive", "last", True, {2024: "96,10", 2025: "96,50", 2026: "97,00"}, False, False),
            ("Angka Partisipasi Murni (APM) SMP/MTs", "%", "positive", "last", True, {2024: "78,20", 2025: "79,50", 2026: "81,00"}, False, False),
            ("Rata-rata lama sekolah", "tahun", "positive", "last", False, {2024: "8,10", 2025: "8,25", 2026: "8,40"}, False, False),
        ])],
        "programs": [
            ("1.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "program", 412_500_000_000),
            ("1.01.02", "Program Pengelolaan Pendidikan", "program", 96_800_000_000),
            ("1.01.03", "Program Pengembangan Kurikulum", "program", 850_000_000),
        ],
    },
    "Dinas PUPRP": {
        "sasaran": [("Meningkatnya kualitas infrastruktur jalan dan jembatan", "S3", [
            ("Panjang jalan kabupaten kondisi mantap yang ditangani", "km", "positive", "cumulative", True, {2024: "42,50", 2025: "48,00", 2026: "52,00"}, True, False),
            ("Persentase jalan kabupaten dalam kondisi mantap", "%", "positive", "last", True, {2024: "72,50", 2025: "75,00", 2026: "77,50"}, False, False),
        ]), ("Meningkatnya cakupan layanan air minum dan sanitasi", "S1", [
            ("Persentase rumah tangga dengan akses air minum layak", "%", "positive", "last", False, {2024: "86", 2025: "89", 2026: "92"}, False, False),
        ])],
        "programs": [
            ("1.03.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "program", 21_300_000_000),
            ("1.03.10", "Program Penyelenggaraan Jalan", "program", 118_750_000_000),
            ("1.03.10.2.01", "Penyelenggaraan Jalan Kabupaten/Kota", "kegiatan", 118_750_000_000),
            ("1.03.03", "Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum", "program", 27_400_000_000),
        ],
    },
    "Inspektorat": {
        "sasaran": [("Meningkatnya kualitas pengawasan internal pemerintah daerah", "S4", [
            ("Tingkat maturitas SPIP", "level", "positive", "last", True, {2024: "3,00", 2025: "3,20", 2026: "3,50"}, False, False),
            ("Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti", "%", "positive", "last", True, {2024: "80", 2025: "85", 2026: "90"}, True, False),
            ("Kapabilitas APIP", "level", "positive", "last", False, {2024: "3", 2025: "3", 2026: "3"}, False, False),
        ])],
        "programs": [
            ("6.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "program", 9_850_000_000),
            ("6.01.02", "Program Penyelenggaraan Pengawasan", "program", 4_275_000_000),
            ("6.01.03", "Program Perumusan Kebijakan, Pendampingan dan Asistensi", "program", 1_150_000_000),
        ],
    },
    "Bappedalitbang": {
        "sasaran": [("Meningkatnya kualitas perencanaan dan evaluasi pembangunan daerah", "S4", [
            ("Persentase konsistensi program RPJMD dalam RKPD", "%", "positive", "last", True, {2024: "90", 2025: "92", 2026: "95"}, False, False),
            ("Persentase rekomendasi hasil penelitian yang dimanfaatkan", "%", "positive", "last", False, {2024: "40", 2025: "45", 2026: "50"}, False, False),
        ])],
        "programs": [
            ("5.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "program", 8_640_000_000),
            ("5.01.02", "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah", "program", 3_980_000_000),
        ],
    },
    "DPMPTSP": {
        "sasaran": [("Meningkatnya realisasi investasi daerah", "S2", [
            ("Realisasi investasi", "miliar Rp", "positive", "cumulative", True, {2024: "1250", 2025: "1400", 2026: "1550"}, False, False),
            ("Indeks kepuasan masyarakat layanan perizinan", "indeks", "range", "last", False, {2024: ("76,61", "88,30"), 2025: ("78,00", "88,30"), 2026: ("80,00", "90,00")}, False, False),
        ])],
        "programs": [("2.18.02", "Program Promosi Penanaman Modal", "program", 1_450_000_000), ("2.18.04", "Program Pelayanan Penanaman Modal", "program", 2_100_000_000)],
    },
    "Disbudporapar": {
        "sasaran": [("Meningkatnya kunjungan wisata dan prestasi olahraga", "S2", [
            ("Jumlah kunjungan wisatawan", "orang", "positive", "cumulative", True, {2024: "420000", 2025: "460000", 2026: "500000"}, False, False),
        ])],
        "programs": [("2.19.02", "Program Peningkatan Daya Tarik Destinasi Pariwisata", "program", 3_750_000_000)],
    },
    "Dinsos": {
        "sasaran": [("Menurunnya jumlah penyandang masalah kesejahteraan sosial", "S2", [
            ("Persentase PPKS yang tertangani", "%", "positive", "last", True, {2024: "70", 2025: "75", 2026: "80"}, False, False),
        ])],
        "programs": [("1.06.04", "Program Rehabilitasi Sosial", "program", 2_950_000_000)],
    },
    "BPBD": {
        "sasaran": [("Menurunnya risiko bencana daerah", None, [
            ("Indeks risiko bencana", "indeks", "negative", "last", True, {2024: "132", 2025: "128", 2026: "124"}, False, False),
        ])],
        "programs": [("1.05.03", "Program Penanggulangan Bencana", "program", 5_600_000_000)],
    },
    "Diskominfo": {
        "sasaran": [("Meningkatnya penerapan sistem pemerintahan berbasis elektronik", "S4", [
            ("Indeks SPBE", "indeks", "positive", "last", True, {2024: "2,60", 2025: "2,85", 2026: "3,10"}, False, False),
        ])],
        "programs": [("2.16.03", "Program Aplikasi Informatika", "program", 4_320_000_000)],
    },
    "BPKPAD": {
        "sasaran": [("Meningkatnya pendapatan asli daerah dan kualitas pengelolaan keuangan", "S2", [
            ("Realisasi pendapatan asli daerah", "miliar Rp", "positive", "cumulative", True, {2024: "310", 2025: "335", 2026: "360"}, True, False),
        ])],
        "programs": [("5.02.02", "Program Pengelolaan Keuangan Daerah", "program", 12_400_000_000)],
    },
    "Bag. Organisasi": {
        "sasaran": [("Meningkatnya akuntabilitas kinerja perangkat daerah", "S4", [
            ("Rata-rata nilai SAKIP perangkat daerah", "poin", "positive", "last", True, {2024: "62", 2025: "65", 2026: "68"}, False, False),
            ("Persentase perangkat daerah dengan nilai SAKIP minimal B", "%", "positive", "last", False, {2024: "55", 2025: "65", 2026: "75"}, False, False),
        ])],
        "programs": [("4.01.03", "Program Perekonomian dan Pembangunan", "program", 1_850_000_000)],
    },
}

# Plans by unit type for units without their own plan above ({name} = the unit's name).
TYPE_PLANS: dict[str, dict] = {
    Unit.Type.KECAMATAN: {
        "sasaran": [("Meningkatnya kualitas pelayanan publik di {name}", "S4", [
            ("Indeks kepuasan masyarakat", "indeks", "RANGE_OR_POSITIVE", "last", True, {2024: "78", 2025: "80", 2026: "82"}, False, False),
            ("Persentase layanan administrasi yang selesai tepat waktu", "%", "positive", "last", True, {2024: "85", 2025: "90", 2026: "95"}, False, False),
        ])],
        "programs": [("7.01.02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "program", 1_150_000_000), ("7.01.03", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "program", 640_000_000)],
    },
    Unit.Type.KELURAHAN: {
        "sasaran": [("Meningkatnya kualitas pelayanan di {name}", "S4", [
            ("Persentase layanan administrasi kependudukan yang selesai tepat waktu", "%", "positive", "last", True, {2024: "85", 2025: "88", 2026: "90"}, False, False),
            ("Jumlah kegiatan pemberdayaan masyarakat", "kegiatan", "positive", "cumulative", False, {2024: "12", 2025: "14", 2026: "16"}, False, False),
        ])],
        "programs": [("7.01.04", "Program Penyelenggaraan Urusan Pemerintahan Umum", "program", 385_000_000)],
    },
    Unit.Type.UPTD: {
        "sasaran": [("Meningkatnya mutu pelayanan kesehatan dasar di wilayah kerja", "S1", [
            ("Persentase ibu hamil yang mendapat pelayanan kesehatan sesuai standar", "%", "positive", "last", True, {2024: "90", 2025: "95", 2026: "100"}, False, False),
            ("Cakupan imunisasi dasar lengkap", "%", "positive", "last", True, {2024: "88", 2025: "92", 2026: "95"}, False, False),
        ])],
        "programs": [("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat", "program", 1_850_000_000)],
    },
    Unit.Type.RSUD: {
        "sasaran": [("Meningkatnya mutu pelayanan rumah sakit", "S1", [
            ("Bed occupancy rate (BOR)", "%", "range", "average", True, {2024: ("60", "85"), 2025: ("60", "85"), 2026: ("65", "85")}, False, False),
            ("Indeks kepuasan pasien", "indeks", "positive", "last", False, {2024: "80", 2025: "82", 2026: "84"}, False, False),
        ])],
        "programs": [("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat", "program", 96_500_000_000)],
    },
    "default": {
        "sasaran": [("Meningkatnya kinerja pelayanan {name}", "S4", [
            ("Nilai SAKIP {short}", "poin", "positive", "last", True, {2024: "60", 2025: "63", 2026: "66"}, False, False),
            ("Persentase capaian target kinerja program", "%", "positive", "last", False, {2024: "85", 2025: "88", 2026: "90"}, False, False),
        ])],
        "programs": [("{prefix}.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "program", 6_250_000_000)],
    },
}
# fmt: on

# Split of a cumulative annual target over the quarters (the rest goes to TW IV).
CUMULATIVE_SHARES = (D("0.15"), D("0.25"), D("0.30"))
Q2 = D("0.01")


def _q(value: Decimal) -> Decimal:
    return value.quantize(Q2, rounding=ROUND_HALF_UP)


def _split(total: Decimal, shares) -> list[Decimal]:
    parts = [_q(total * s) for s in shares]
    return [*parts, total - sum(parts, D(0))]


def period_targets(rule: str, annual: Decimal, start: Decimal, *, monthly: bool) -> tuple[list, list | None]:
    """Quarter (and month) targets that satisfy :mod:`agreements.validation` for ``rule``."""
    if rule == "cumulative":
        quarters = _split(annual, CUMULATIVE_SHARES)
        months = [m for q in quarters for m in _split(q, (D("0.3"), D("0.3")))] if monthly else None
    elif rule == "average":
        quarters = [annual] * 4
        months = [annual] * 12 if monthly else None
    else:  # last value: a straight path from the starting level to the annual target
        quarters = [_q(start + (annual - start) * n / 4) for n in (1, 2, 3)] + [annual]
        months = None
        if monthly:
            points = [start, *quarters]
            months = []
            for q in range(4):
                a, b = points[q], points[q + 1]
                months += [_q(a + (b - a) * k / 3) for k in (1, 2)] + [b]
    return quarters, months


def _decimal(text: str) -> Decimal:
    return D(text.replace(",", "."))


def _on_behalf(admin: User, unit: Unit) -> User:
    """DEMO ONLY: a copy of the admin user holding an in-memory operator + kepala role on ``unit``
    (never saved), so the services' access checks run unchanged for units without demo accounts."""
    clone = copy.copy(admin)
    real = list(RoleAssignment.objects.filter(user=admin))
    extra = [
        RoleAssignment(pemda_id=admin.pemda_id, user=admin, role=r, unit=unit) for r in (Role.OPERATOR, Role.KEPALA)
    ]
    clone._sakip_roles = real + extra
    return clone


def _plan_for(unit: Unit) -> dict:
    if unit.short_name in UNIT_PLANS:
        return UNIT_PLANS[unit.short_name]
    return TYPE_PLANS.get(unit.type, TYPE_PLANS["default"])


def _fill(
    agreement: Agreement,
    plan: dict,
    year: int,
    by: User,
    rng: random.Random,
    unit: Unit | None,
    pemda_sasaran: dict[str, Sasaran],
) -> None:
    name = unit.name if unit else ""
    short = unit.label if unit else ""
    for item in plan["sasaran"]:
        if unit is None:
            _key, s_name, indicators = item
            supports = None
        else:
            s_name, support_key, indicators = item
            supports = pemda_sasaran.get(support_key) if support_key else None
        sasaran = services.sasaran_create(
            agreement=agreement, name=s_name.format(name=name, short=short), supports=supports, by=by
        )
        for ind_name, satuan, polarity, rule, iku, targets, monthly, allow_negative in indicators:
            if polarity == "RANGE_OR_POSITIVE":  # kecamatan: some set the satisfaction index as a range
                polarity = "range" if rng.random() < 0.4 else "positive"
            value = targets[year]
            data = {
                "name": ind_name.format(name=name, short=short),
                "satuan": satuan,
                "polarity": polarity,
                "period_rule": rule,
                "is_iku": iku,
                "allow_negative": allow_negative,
                "data_source": f"{'BPS' if unit is None else short}",
            }
            if polarity == "range":
                if not isinstance(value, tuple):
                    mid = _decimal(value)
                    value = (str(mid - 4), str(mid + 6))
                low, high = (_decimal(x) for x in value)
                data.update(target_low=low, target_high=high)
                quarters = [(low, high)] * 4
                months = None
            else:
                annual = _decimal(value)
                previous = (
                    _decimal(targets.get(year - 1, targets[year]))
                    if not isinstance(targets.get(year - 1), tuple)
                    else annual
                )
                if polarity == "negative":
                    start = previous * D("1.05") if previous == annual else previous
                else:
                    start = previous * D("0.97") if previous == annual else previous
                data.update(target=annual, baseline=previous)
                quarters, months = period_targets(rule, annual, start, monthly=monthly)
            services.indicator_create(sasaran=sasaran, data=data, quarter_targets=quarters, month_targets=months, by=by)
    prefix = unit.code.split(".")[0] + "." + unit.code.split(".")[1] if unit else "4.01"
    parents: dict[str, object] = {}
    for code, p_name, level, budget in plan.get("programs", []):
        code = code.format(prefix=prefix)
        factor = D(1) + D(rng.randint(-6, 9)) / 100 + D(year - 2025) * D("0.04")
        parent = None
        if level != "program":
            parent = max((c for c in parents if code.startswith(c + ".")), key=len, default=None)
            parent = parents.get(parent)
        program = services.program_create(
            agreement=agreement,
            data={"code": code, "name": p_name, "level": level, "budget": (D(budget) * factor).quantize(D("1000"))},
            parent=parent,
            by=by,
        )
        parents[code] = program


def _signing_date(rng: random.Random, unit: Unit | None, year: int, *, late: bool) -> dt.date | None:
    """A signing date in January (or February when late) with the unit's head in office; None if there is none."""
    day = dt.date(year, 2, rng.randint(3, 20)) if late else dt.date(year, 1, rng.randint(6, 29))
    if unit is None or unit.head_on(day):
        return day
    for offset in range(1, 330):
        candidate = day + dt.timedelta(days=offset)
        if candidate.year != year:
            break
        if unit.head_on(candidate):
            return candidate
    return None


def _advance(
    agreement: Agreement,
    target: str,
    *,
    operator: User,
    approver: User,
    signer: User,
    signed_on: dt.date | None,
    note: str = "",
) -> None:
    """Move a filled draft along the workflow up to ``target`` (draft / returned / submitted / approved / signed)."""
    if target == "draft":
        return
    services.agreement_submit(agreement=agreement, by=operator)
    if target == "returned":
        services.agreement_return(agreement=agreement, by=approver, note=note)
        return
    if target == "submitted":
        return
    services.agreement_approve(agreement=agreement, by=approver)
    if target == "approved" or signed_on is None:
        return
    services.agreement_sign(agreement=agreement, by=signer, signed_on=signed_on)


STATE_MIX = (("signed", 40), ("late", 12), ("approved", 14), ("submitted", 14), ("draft", 12), ("returned", 8))
# The units of the demo accounts have a signed 2026 PK (their operators report realisation against
# it); Dinas Kesehatan also has a PK Perubahan waiting for its head (see _revise_dinkes_2026).
FIXED_2026 = {"Dinkes": "signed", "Kec. Astambul": "signed", "Dinas PUPRP": "signed", "Inspektorat": "late"}
RETURN_NOTES = (
    "Target TW II dan TW III perlu diselaraskan dengan Renja; mohon diperbaiki.",
    "Definisi operasional indikator belum diisi; lengkapi sebelum diajukan kembali.",
)


@demo_step(order=200, name="Perjanjian Kinerja")
def seed_agreements(ctx: DemoContext) -> None:
    pemda = ctx.pemdas.get(PEMDA_KEY)
    if pemda is None:
        return
    admin, bupati = ctx.users.get("admin.banjar"), ctx.users.get("bupati")
    if admin is None or bupati is None:
        return
    years = {fy.year: fy for fy in FiscalYear.objects.filter(pemda=pemda, year__in=(*PAST_YEARS, CURRENT))}
    units = list(Unit.objects.filter(pemda=pemda, is_active=True).prefetch_related("heads").order_by("code"))
    real = {
        ("operator", "Dinkes"): ctx.users.get("operator.dinkes"),
        ("kepala", "Dinkes"): ctx.users.get("kepala.dinkes"),
        ("operator", "Kec. Astambul"): ctx.users.get("operator.astambul"),
    }
    for year in (*PAST_YEARS, CURRENT):
        fy = years.get(year)
        if fy is None:
            continue
        rng_pemda = random.Random(f"pk-pemda-{year}")
        pemda_pk = Agreement.objects.filter(fiscal_year=fy, unit__isnull=True).order_by("-version").first()
        if pemda_pk is None:
            pemda_pk = services.agreement_create(fiscal_year=fy, unit=None, by=admin)
            _fill(pemda_pk, {"sasaran": PEMDA_SASARAN}, year, admin, rng_pemda, None, {})
            target = "signed" if year in PAST_YEARS else "approved"
            _advance(
                pemda_pk,
                target,
                operator=admin,
                approver=admin,
                signer=bupati,
                signed_on=dt.date(year, 1, rng_pemda.randint(3, 15)),
            )
            ctx.created["PK"] += 1
        keys = {s_name: key for key, s_name, _inds in PEMDA_SASARAN}
        pemda_sasaran = {keys[s.name]: s for s in pemda_pk.sasaran.all() if s.name in keys}
        for unit in units:
            if Agreement.objects.filter(fiscal_year=fy, unit=unit).exists():
                continue
            rng = random.Random(f"pk-{unit.code}-{year}")
            proxy = _on_behalf(admin, unit)
            operator = real.get(("operator", unit.short_name)) or proxy
            approver = real.get(("kepala", unit.short_name)) or proxy
            agreement = services.agreement_create(fiscal_year=fy, unit=unit, by=operator)
            _fill(agreement, _plan_for(unit), year, operator, rng, unit, pemda_sasaran)
            if year in PAST_YEARS:
                state = "late" if rng.random() < 0.15 else "signed"
            else:
                weights = [w for _s, w in STATE_MIX]
                state = FIXED_2026.get(unit.short_name) or rng.choices([s for s, _w in STATE_MIX], weights)[0]
            signed_on = _signing_date(rng, unit, year, late=state == "late") if state in ("signed", "late") else None
            target = "signed" if state == "late" else state
            _advance(
                agreement,
                target,
                operator=operator,
                approver=approver,
                signer=bupati,
                signed_on=signed_on,
                note=rng.choice(RETURN_NOTES),
            )
            ctx.created["PK"] += 1
            if unit.short_name == "Dinas PUPRP" and year == 2025 and agreement.status == Agreement.Status.SIGNED:
                _revise_puprp(agreement, operator, approver, bupati)
                ctx.created["PK Perubahan"] += 1
            if unit.short_name == "Dinkes" and year == CURRENT and agreement.status == Agreement.Status.SIGNED:
                _revise_dinkes_2026(agreement, operator)
                ctx.created["PK Perubahan"] += 1


def _revise_puprp(agreement: Agreement, operator: User, approver: User, signer: User) -> None:
    """PK Perubahan of Dinas PUPRP 2025 after the APBD-P: more road budget, a higher km target."""
    new = services.agreement_revise(
        agreement=agreement,
        by=operator,
        reason=Agreement.RevisionReason.BUDGET,
        note="Penyesuaian target dan anggaran setelah APBD Perubahan 2025 (tambahan penanganan ruas jalan).",
        effective_date=dt.date(2025, 10, 1),
    )
    km = new.sasaran.get(order=1).indicators.get(name__startswith="Panjang jalan")
    annual = D("52.00")
    quarters, months = period_targets("cumulative", annual, annual, monthly=True)
    services.indicator_update(
        indicator=km, data={"target": annual}, quarter_targets=quarters, month_targets=months, by=operator
    )
    for program in new.programs.filter(code__in=("1.03.10", "1.03.10.2.01")):
        services.program_update(program=program, data={"budget": program.budget + D("9500000000")}, by=operator)
    services.agreement_submit(agreement=new, by=operator)
    services.agreement_approve(agreement=new, by=approver)
    services.agreement_sign(agreement=new, by=signer, signed_on=dt.date(2025, 10, 14))


def _revise_dinkes_2026(agreement: Agreement, operator: User) -> None:
    """PK Perubahan of Dinas Kesehatan 2026 after the APBD-P, submitted and waiting for its head."""
    new = services.agreement_revise(
        agreement=agreement,
        by=operator,
        reason=Agreement.RevisionReason.BUDGET,
        note="Penyesuaian anggaran program pelayanan kesehatan setelah APBD Perubahan 2026.",
        effective_date=dt.date(CURRENT, 10, 1),
    )
    program = new.programs.filter(level="program").order_by("order").last()
    if program is not None:
        services.program_update(program=program, data={"budget": program.budget + D("1250000000")}, by=operator)
    services.agreement_submit(agreement=new, by=operator)
