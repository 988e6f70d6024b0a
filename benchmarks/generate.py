"""Deterministic bulk data generator for the benchmarks: one Pemda with N units, signed PKs and
a year of realisation, written with ``bulk_create`` (no per-row ORM saves, no signals) so that a
Pemda of 60 units takes a few seconds. See ``benchmarks/README.md`` for the shape of the data.

Everything random comes from one ``random.Random(seed)`` walked in a fixed order, so the same
arguments give the same data (the same names, codes, targets, values, statuses and dates; only
database ids, uuids and creation timestamps differ). The realisation values follow the real rules:
targets per period from :func:`evaluations.capaian.period_targets`, capaian and "needs kendala/upaya"
from :func:`evaluations.capaian.achievement`, deadlines and lateness from :mod:`evaluations.periods`.

Bulk inserts skip ``simple_history`` (no historical rows) and :class:`RealisationChange` rows: the
report and the dashboards do not read them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from agreements.models import Agreement, Indicator, IndicatorTarget, Sasaran
from benchmarks.generate_extras import add_extras
from evaluations import capaian, periods
from evaluations.capaian_rules import CapaianRules
from evaluations.models import PeriodReport, Realisation
from sakip.core import services
from sakip.core.models import FiscalYear, Pemda, RankingCategory, Unit, UnitHead

D = Decimal
T = Unit.Type
Status = PeriodReport.Status
P = Indicator.Polarity
R = Indicator.PeriodRule

ADDRESS = "Jalan Jenderal Ahmad Yani Nomor 2, Martapura 70614\nTelepon (0511) 4721025"
# (type, share of units, name stem); the first two units are always the Setda and the Inspektorat.
UNIT_MIX = (
    (T.DINAS, 36, "Dinas"),
    (T.BADAN, 14, "Badan"),
    (T.KECAMATAN, 26, "Kecamatan"),
    (T.UPTD, 14, "UPTD Puskesmas"),
    (T.BAGIAN, 6, "Bagian"),
    (T.RSUD, 4, "RSUD"),
)
FIELDS = (
    "Pendidikan", "Kesehatan", "Pekerjaan Umum dan Penataan Ruang", "Perumahan Rakyat dan Kawasan Permukiman",
    "Sosial", "Tenaga Kerja", "Pemberdayaan Perempuan dan Perlindungan Anak", "Pangan", "Lingkungan Hidup",
    "Kependudukan dan Pencatatan Sipil", "Perhubungan", "Komunikasi dan Informatika", "Koperasi dan Usaha Mikro",
    "Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Kepemudaan dan Olahraga", "Pariwisata", "Pertanian",
    "Perikanan", "Perdagangan", "Perindustrian", "Perencanaan Pembangunan", "Pengelolaan Keuangan Daerah",
)  # fmt: skip
PLACES = (
    "Martapura", "Astambul", "Gambut", "Aluh-Aluh", "Karang Intan", "Sungai Tabuk", "Pengaron", "Simpang Empat",
    "Mataraman", "Sambung Makmur", "Paramasan", "Telaga Bauntung", "Beruntung Baru", "Kertak Hanyar", "Tatah Makmur",
)  # fmt: skip
# (name, satuan, polarity, period rule, annual target range, month targets?)
INDICATOR_KINDS = (
    ("Persentase {x} yang memenuhi standar pelayanan minimal", "%", P.POSITIVE, R.LAST, (80, 100)),
    ("Cakupan layanan {x} kepada masyarakat sasaran", "%", P.POSITIVE, R.LAST, (70, 98)),
    ("Indeks kepuasan masyarakat atas layanan {x}", "indeks", P.POSITIVE, R.AVERAGE, (76, 90)),
    ("Jumlah kegiatan {x} yang terlaksana sesuai rencana aksi", "kegiatan", P.POSITIVE, R.CUMULATIVE, (24, 240)),
    ("Jumlah penerima manfaat program {x}", "orang", P.POSITIVE, R.CUMULATIVE, (1200, 24000)),
    ("Persentase kasus pengaduan {x} yang belum tertangani", "%", P.NEGATIVE, R.LAST, (5, 20)),
    ("Rasio belanja {x} terhadap pagu anggaran", "%", P.RANGE, R.LAST, (85, 95)),
)
# Wanted capaian per indicator: (low, high, weight); one band of the default categories each.
CAPAIAN_BANDS = ((0.93, 1.08, 48), (0.78, 0.89, 20), (0.67, 0.74, 10), (0.53, 0.64, 9), (0.22, 0.47, 13))
KENDALA = (
    "Pencairan anggaran kegiatan triwulan berjalan terlambat sehingga pelaksanaan tertunda.",
    "Keterbatasan tenaga teknis di lapangan dan wilayah yang sulit dijangkau.",
    "Data dari UPTD dan kecamatan belum lengkap saat batas pelaporan.",
    "Proses pengadaan barang dan jasa belum selesai.",
)
UPAYA = (
    "Percepatan kegiatan melalui koordinasi mingguan dengan bidang teknis.",
    "Pendampingan langsung ke unit pelaksana dan penjadwalan ulang kegiatan.",
    "Validasi data bersama UPTD dan kecamatan sebelum tanggal 5 setiap bulan.",
)


@dataclass
class Generated:
    """What :func:`generate_pemda` made (``counts`` by record kind) and the month its report covers."""

    pemda: Pemda
    fiscal_years: list[FiscalYear]
    year: int
    month: int
    seed: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def units(self) -> int:
        return self.counts.get("units", 0)


def _q(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(D(places), rounding=ROUND_HALF_UP)


def generate_pemda(
    name: str,
    *,
    units: int = 60,
    indicators: int = 12,
    years: tuple[int, ...] = (2026,),
    months: int = 10,
    seed: int = 7,
) -> Generated:
    """One Pemda named ``name`` with ``units`` units, each with a signed PK of ``indicators``
    indicators per year of ``years`` and monthly reports: every month of the earlier years, months
    1..``months`` of the last one (the month the benchmark reports on)."""
    if not 1 <= months <= 12:
        raise ValueError("months must be 1..12")
    rng = random.Random(seed)
    pemda = services.pemda_create(
        name=name, kind=Pemda.Kind.KABUPATEN, province="Kalimantan Selatan", head_title=Pemda.HeadTitle.BUPATI,
        timezone=Pemda.Zone.WITA, seat="Martapura",
        letterhead=f"PEMERINTAH {name.upper()}\n{ADDRESS}",
    )  # fmt: skip
    counts: dict[str, int] = {}
    unit_list = _units(pemda, units, rng)
    counts["units"] = len(unit_list)
    counts["unit_heads"] = _heads(pemda, unit_list, rng, min(years))
    fiscal_years = []
    for year in sorted(years):
        fy = services.fiscal_year_create(pemda=pemda, year=year, is_current=year == max(years))
        fiscal_years.append(fy)
        last = months if year == max(years) else 12
        made = _year(pemda, fy, unit_list, indicators, last, rng)
        for key, value in made.items():
            counts[key] = counts.get(key, 0) + value
    counts |= add_extras(pemda, unit_list, max(years), months, rng)
    return Generated(pemda, fiscal_years, max(years), months, seed, counts)


# --- units and heads -------------------------------------------------------------------------


def _unit_types(count: int, rng: random.Random) -> list[str]:
    """The Setda and the Inspektorat, then the mix of :data:`UNIT_MIX` shuffled."""
    fixed = [T.SETDA, T.INSPEKTORAT][:count]
    rest = count - len(fixed)
    total = sum(share for _t, share, _n in UNIT_MIX)
    types: list[str] = []
    for unit_type, share, _stem in UNIT_MIX:
        types += [unit_type] * round(rest * share / total)
    types = (types + [T.DINAS] * rest)[:rest]
    rng.shuffle(types)
    # children need a parent of the right type: keep at least one Dinas before any UPTD/RSUD
    if T.DINAS not in types and any(t in (T.UPTD, T.RSUD) for t in types):
        types[types.index(next(t for t in types if t in (T.UPTD, T.RSUD)))] = T.DINAS
    return fixed + types


def _units(pemda: Pemda, count: int, rng: random.Random) -> list[Unit]:
    categories = {c.code: c for c in RankingCategory.objects.filter(pemda=pemda)}
    types = _unit_types(count, rng)
    stems = {unit_type: stem for unit_type, _s, stem in UNIT_MIX}
    parents = [Unit(pemda=pemda, type=types[0], name="Sekretariat Daerah", short_name="Setda", code="4.01.001")]
    if count > 1:
        parents.append(Unit(pemda=pemda, type=T.INSPEKTORAT, name="Inspektorat", short_name="Inspektorat",
                            code="6.01.001"))  # fmt: skip
    for unit in parents:
        unit.ranking_category = categories["pd"]
    Unit.objects.bulk_create(parents)
    setda = parents[0]
    top, children = [], []
    for i, unit_type in enumerate(types[2:], start=3):
        field_name = FIELDS[i % len(FIELDS)]
        place = PLACES[i % len(PLACES)]
        name = {
            T.KECAMATAN: f"Kecamatan {place} {i}",
            T.UPTD: f"UPTD Puskesmas {place} {i}",
            T.RSUD: f"RSUD {place} {i}",
            T.BAGIAN: f"Bagian {field_name} {i}",
        }.get(unit_type, f"{stems[unit_type]} {field_name} {i}")
        code = f"{1 + i % 9}.{i % 20:02d}.{i:03d}"
        category = None if unit_type == T.BAGIAN else categories[Unit.DEFAULT_CATEGORY.get(unit_type, "pd")]
        unit = Unit(pemda=pemda, type=unit_type, name=name, short_name=name[:40], code=code, ranking_category=category)
        if unit_type == T.BAGIAN:
            unit.parent = setda
        (children if unit_type in (T.UPTD, T.RSUD) else top).append(unit)
    Unit.objects.bulk_create(top)
    dinas = [u for u in top if u.type == T.DINAS]
    for unit in children:
        unit.parent = rng.choice(dinas)
    Unit.objects.bulk_create(children)
    return list(Unit.objects.filter(pemda=pemda).select_related("ranking_category").order_by("code", "name"))


def _heads(pemda: Pemda, units: list[Unit], rng: random.Random, first_year: int) -> int:
    heads = []
    for i, unit in enumerate(units):
        born = dt.date(1965 + rng.randint(0, 25), rng.randint(1, 12), rng.randint(1, 28))
        nip = f"{born:%Y%m%d}{born.year + 25}{rng.randint(1, 12):02d}{rng.randint(1, 2)}{i % 1000:03d}"
        heads.append(
            UnitHead(
                pemda=pemda,
                unit=unit,
                name=f"Dr. Kepala Unit Nomor {i + 1}, S.E., M.Si.",
                nip=nip,
                rank="Pembina Tk. I (IV/b)",
                title=f"Kepala {unit.name}",
                start_date=dt.date(first_year - 2, 1, 2),
            )  # fmt: skip
        )
    UnitHead.objects.bulk_create(heads)
    return len(heads)


# --- PKs and realisation ---------------------------------------------------------------------


def _indicator_specs(count: int, rng: random.Random) -> list[dict]:
    specs = []
    weighted = rng.random() < 0.5  # half the units weigh their IKU
    iku = max(1, count // 3)
    for i in range(count):
        template, satuan, polarity, rule, (low, high) = INDICATOR_KINDS[rng.randrange(len(INDICATOR_KINDS))]
        target = D(rng.randint(low, high))
        if rule == R.CUMULATIVE:  # whole amounts per month and quarter
            target = (target // 12) * 12
        spec = {"name": template.format(x=f"bidang {i + 1}"), "satuan": satuan, "polarity": polarity,
                "period_rule": rule, "is_iku": i < iku, "weight": D(100) / iku if weighted and i < iku else None,
                "months": rng.random() < 0.3}  # fmt: skip
        if polarity == P.RANGE:
            spec["low"], spec["high"] = target, target + D(rng.randint(5, 10))
        else:
            spec["target"] = target
        specs.append(spec)
    return specs


def _targets(indicator: Indicator, spec: dict) -> list[IndicatorTarget]:
    out = []
    quarters = (D("0.25"), D("0.5"), D("0.75"), D(1))
    for n, share in enumerate(quarters, start=1):
        if indicator.polarity == P.RANGE:
            out.append(
                IndicatorTarget(indicator=indicator, kind="quarter", number=n, low=spec["low"], high=spec["high"])
            )
            continue
        target = spec["target"]
        if indicator.period_rule == R.CUMULATIVE:
            value = _q(target / 4)  # the quarter's amount
        elif indicator.polarity == P.NEGATIVE:
            value = _q(target * (D(2) - share))  # falling towards the annual target
        else:
            value = _q(target * (D("0.85") + D("0.15") * share))  # rising towards it
        out.append(IndicatorTarget(indicator=indicator, kind="quarter", number=n, value=value))
    if spec["months"] and indicator.polarity != P.RANGE:  # a rencana aksi with month targets
        for month in range(1, 13):
            quarter = out[(month - 1) // 3].value
            value = _q(quarter / 3) if indicator.period_rule == R.CUMULATIVE else quarter
            out.append(IndicatorTarget(indicator=indicator, kind="month", number=month, value=value))
    return out


def _agreements(pemda, fy, units, count, rng) -> dict[int, list[Indicator]]:
    """A signed PK version 1 per unit with 3 sasaran and ``count`` indicators. unit id → indicators."""
    agreements = [
        Agreement(
            pemda=pemda,
            fiscal_year=fy,
            unit=u,
            version=1,
            status=Agreement.Status.SIGNED,
            signed_on=dt.date(fy.year, 1, 20),
            signed_place="Martapura",
        )  # fmt: skip
        for u in units
    ]
    Agreement.objects.bulk_create(agreements)
    sasaran = []
    for agreement in agreements:
        sasaran += [Sasaran(pemda=pemda, agreement=agreement, order=k,
                            name=f"Meningkatnya kualitas layanan {agreement.unit.name} aspek {k + 1}")
                    for k in range(3)]  # fmt: skip
    Sasaran.objects.bulk_create(sasaran)
    indicators, targets = [], []
    for a_index in range(len(agreements)):
        for i, spec in enumerate(_indicator_specs(count, rng)):
            ind = Indicator(pemda=pemda, sasaran=sasaran[3 * a_index + i % 3], order=i, name=spec["name"],
                            satuan=spec["satuan"], polarity=spec["polarity"], period_rule=spec["period_rule"],
                            is_iku=spec["is_iku"], weight=spec["weight"], target=spec.get("target"),
                            target_low=spec.get("low"), target_high=spec.get("high"))  # fmt: skip
            indicators.append(ind)
            targets += _targets(ind, spec)
    Indicator.objects.bulk_create(indicators)
    IndicatorTarget.objects.bulk_create(targets)
    by_agreement: dict[int, list[Indicator]] = {}
    for indicator in capaian._indicators_of([a.pk for a in agreements]):  # with targets, as the report reads them
        by_agreement.setdefault(indicator.sasaran.agreement_id, []).append(indicator)
    return {a.unit_id: by_agreement.get(a.pk, []) for a in agreements}


def _value(indicator: Indicator, target, factor: float) -> Decimal | None:
    """A realised value giving about ``factor`` × 100 % capaian against ``target`` (the period's)."""
    if target is None:
        return None
    if hasattr(target, "low"):  # range: inside when the factor is good, below it otherwise
        value = target.low * D(str(min(factor, 1.0))) if factor < 0.9 else (target.low + target.high) / 2
    elif indicator.polarity == P.NEGATIVE:
        value = target * D(str(max(0.1, 2 - factor)))
    else:
        value = target * D(str(max(0.0, factor)))
        if indicator.satuan == "%":
            value = min(value, D(100))
    whole = indicator.satuan in ("orang", "kegiatan")
    return _q(value, "1") if whole else _q(value)


def _plan(month: int, last: int, rng: random.Random, late_p: float) -> tuple[str, bool] | None:
    """(status, late) of one unit's report of ``month``, or ``None``: not submitted at all."""
    roll, late = rng.random(), rng.random() < late_p
    if month < last:
        return None if roll < 0.03 else ((Status.VERIFIED, late) if roll < 0.06 else (Status.ACCEPTED, late))
    if roll < 0.07:
        return None
    for bound, status in ((0.12, Status.DRAFT), (0.17, Status.RETURNED), (0.32, Status.SUBMITTED),
                          (0.47, Status.VERIFIED)):  # fmt: skip
        if roll < bound:
            return status, late
    return Status.ACCEPTED, late


def _year(pemda, fy, units, count, last, rng) -> dict[str, int]:
    indicators = _agreements(pemda, fy, units, count, rng)
    rules = CapaianRules()
    month_periods = [p for p in capaian.reporting_periods(fy) if p.number <= last]
    tz = pemda.tz
    reports, rows = [], []
    # at least one unit in 15 (and one at any size) never submits the last month's report
    absent = {units[i].pk for i in rng.sample(range(len(units)), max(1, len(units) // 15))}
    for unit in units:
        late_p = rng.choice((0.02, 0.08, 0.15, 0.3))
        factors = {}
        for ind in indicators[unit.pk]:
            low, high, _w = rng.choices(CAPAIAN_BANDS, weights=[b[2] for b in CAPAIAN_BANDS])[0]
            factors[ind.lineage] = rng.uniform(low, high)
        series: dict = {}
        for period in month_periods:
            plan = _plan(period.number, last, rng, late_p)
            if period.number == last and unit.pk in absent:
                plan = None
            values = []
            for ind in indicators[unit.pk]:
                targets = capaian.period_targets(ind, period.kind)
                noise = rng.gauss(0, 0.015)
                value = _value(ind, targets[period.number - 1], factors[ind.lineage] + noise)
                if plan and plan[0] == Status.DRAFT and rng.random() < 0.4:
                    value = None  # a draft is half filled
                series.setdefault(ind.lineage, [None] * 12)[period.number - 1] = value if plan else None
                ach = capaian.achievement(ind, series[ind.lineage], targets, period.number, rules)
                explain = ach.needs_explanation and value is not None
                values.append(
                    (ind, value, rng.choice(KENDALA) if explain else "", rng.choice(UPAYA) if explain else "")
                )
            if plan is None:
                continue
            status, late = plan
            deadline = periods.deadline_for(period.end_date, fy.deadline_day)
            report = PeriodReport(pemda=pemda, unit=unit, period=period, deadline=deadline, status=status)
            if status != Status.DRAFT:
                submitted = deadline + dt.timedelta(days=rng.randint(1, fy.grace_days) if late else -rng.randint(0, 8))
                report.submitted_at = dt.datetime.combine(submitted, dt.time(9 + rng.randint(0, 7), 15), tz)
                report.is_late = periods.is_late(submitted, deadline)
                if status in (Status.VERIFIED, Status.ACCEPTED):
                    report.verified_at = report.submitted_at + dt.timedelta(days=rng.randint(0, 2), hours=3)
                if status == Status.ACCEPTED:
                    report.accepted_at = report.verified_at + dt.timedelta(days=rng.randint(1, 4))
                if status == Status.RETURNED:
                    report.returned_at = report.submitted_at + dt.timedelta(days=2)
                    report.return_note = "Realisasi belum didukung bukti; lampirkan rekap data bulanan."
            reports.append(report)
            rows.append((report, values))
    PeriodReport.objects.bulk_create(reports, batch_size=2000)
    realisations = [
        Realisation(
            pemda=pemda,
            report=report,
            indicator=ind,
            indicator_lineage=ind.lineage,
            value=value,
            kendala=kendala,
            upaya=upaya,
        )  # fmt: skip
        for report, values in rows
        for ind, value, kendala, upaya in values
    ]
    Realisation.objects.bulk_create(realisations, batch_size=2000)
    return {
        "agreements": len(indicators),
        "indicators": sum(len(v) for v in indicators.values()),
        "period_reports": len(reports),
        "realisations": len(realisations),
    }
