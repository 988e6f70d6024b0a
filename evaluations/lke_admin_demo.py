# The demo tables below read best as one record per line.
# ruff: noqa: E501
"""Demo data of LKE templates (step 400), follow-up progress and the Pemda's own KemenPAN-RB results (step 420).

* **400 Templat LKE**: the PermenPAN-RB 88/2021 and 12/2015 templates for every demo Pemda.
* **420 Tindak lanjut dan hasil KemenPAN-RB** (after the rounds of step 410): the recommendations of
  Kabupaten Banjar's published unit evaluations get varied follow-up (some *selesai* with a PDF
  report, some *proses* with an action plan, the rest *belum*, overdue once their due date passed),
  and three years of the Kabupaten's own KemenPAN-RB result are recorded (2023 61,20 B; 2024
  63,45 B; 2025 65,10 B; target BB) with component and sub-component scores that add up, and
  recommendations owned by the Bagian Organisasi, Bappedalitbang, BKPSDM, Diskominfo and the
  Inspektorat.

Idempotent: templates are installed per missing family; a year's result is recorded only when
missing (with its recommendations); a unit recommendation is only moved on while it is still
untouched (*belum*, no action plan, no evidence). Every write goes through the services.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal as D

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from evaluations import lke_followup_services as followup
from evaluations import lke_template_services as templates
from evaluations.lke_models import PemdaResult, Recommendation
from sakip.core.demo import DemoContext, demo_step
from sakip.core.models import RoleAssignment, Unit

PEMDA_KEY = "banjar"
ORGANISASI = "4.01.0.00.0.00.01.0003"
BAPPEDA = "5.01.5.05.0.00.01.0000"
BKPSDM = "5.03.5.04.0.00.01.0000"
DISKOMINFO = "2.16.2.20.2.21.01.0000"
INSPEKTORAT = "6.01.0.00.0.00.01.0000"

NAMES = {
    "1": "Perencanaan Kinerja", "1.a": "Keberadaan", "1.b": "Kualitas", "1.c": "Pemanfaatan",
    "2": "Pengukuran Kinerja", "2.a": "Keberadaan", "2.b": "Kualitas", "2.c": "Pemanfaatan",
    "3": "Pelaporan Kinerja", "3.a": "Keberadaan", "3.b": "Kualitas", "3.c": "Pemanfaatan",
    "4": "Evaluasi Akuntabilitas Kinerja Internal", "4.a": "Keberadaan", "4.b": "Kualitas", "4.c": "Pemanfaatan",
}  # fmt: skip
WEIGHTS = {
    "1": D(30), "1.a": D(6), "1.b": D(9), "1.c": D(15),
    "2": D(30), "2.a": D(6), "2.b": D(9), "2.c": D(15),
    "3": D(15), "3.a": D(3), "3.b": D("4.5"), "3.c": D("7.5"),
    "4": D(25), "4.a": D(5), "4.b": D("7.5"), "4.c": D("12.5"),
}  # fmt: skip

# year -> (total, letter number, letter date, sub-component scores); components are their sums.
RESULTS = {
    2023: (
        "61.20",
        "B/1187/M.AA.05/2023",
        dt.date(2023, 12, 14),
        {
            "1.a": "4.80",
            "1.b": "6.30",
            "1.c": "8.40",
            "2.a": "4.80",
            "2.b": "5.40",
            "2.c": "7.50",
            "3.a": "2.40",
            "3.b": "3.15",
            "3.c": "4.35",
            "4.a": "4.00",
            "4.b": "4.50",
            "4.c": "5.60",
        },
    ),
    2024: (
        "63.45",
        "B/1302/M.AA.05/2024",
        dt.date(2024, 12, 12),
        {
            "1.a": "5.40",
            "1.b": "6.30",
            "1.c": "8.40",
            "2.a": "4.80",
            "2.b": "6.30",
            "2.c": "7.20",
            "3.a": "2.70",
            "3.b": "3.15",
            "3.c": "4.35",
            "4.a": "4.00",
            "4.b": "5.25",
            "4.c": "5.60",
        },
    ),
    2025: (
        "65.10",
        "B/1245/M.AA.05/2025",
        dt.date(2025, 12, 11),
        {
            "1.a": "5.40",
            "1.b": "6.30",
            "1.c": "9.00",
            "2.a": "4.80",
            "2.b": "6.30",
            "2.c": "7.80",
            "3.a": "2.70",
            "3.b": "3.15",
            "3.c": "4.50",
            "4.a": "4.00",
            "4.b": "5.25",
            "4.c": "5.90",
        },
    ),
}

# year -> [(owner unit code, component, text, due date, state)]; state: selesai / proses / belum.
RESULT_RECOMMENDATIONS = {
    2023: [
        (
            BAPPEDA,
            "1",
            "Agar menyempurnakan pohon kinerja dan cascading hingga tingkat individu serta menyelaraskan IKU perangkat daerah dengan RPJMD.",
            dt.date(2024, 6, 30),
            "selesai",
        ),
        (
            ORGANISASI,
            "2",
            "Agar menyusun pedoman pengukuran kinerja dan definisi operasional setiap indikator kinerja utama.",
            dt.date(2024, 6, 30),
            "selesai",
        ),
        (
            INSPEKTORAT,
            "4",
            "Agar memperluas evaluasi AKIP internal ke seluruh perangkat daerah dan memantau tindak lanjut rekomendasinya.",
            dt.date(2024, 9, 30),
            "selesai",
        ),
    ],
    2024: [
        (
            BKPSDM,
            "2",
            "Agar mengaitkan pemberian TPP dengan capaian kinerja individu dan unit kerja.",
            dt.date(2025, 6, 30),
            "proses",
        ),
        (
            DISKOMINFO,
            "2",
            "Agar membangun aplikasi pengumpulan data kinerja yang terintegrasi dengan perencanaan dan penganggaran.",
            dt.date(2025, 9, 30),
            "selesai",
        ),
        (
            ORGANISASI,
            "3",
            "Agar LKjIP menyajikan analisis efisiensi dan perbandingan capaian dengan daerah lain.",
            dt.date(2025, 3, 31),
            "proses",
        ),
    ],
    2025: [
        (
            BAPPEDA,
            "2",
            "Agar hasil pengukuran kinerja dimanfaatkan dalam penyesuaian anggaran pada APBD Perubahan.",
            dt.date(2026, 6, 30),
            "belum",
        ),
        (
            ORGANISASI,
            "1",
            "Agar menetapkan rencana aksi peningkatan predikat menuju BB dengan target per komponen.",
            dt.date(2026, 3, 31),
            "proses",
        ),
        (
            INSPEKTORAT,
            "4",
            "Agar hasil evaluasi AKIP internal menjadi dasar pemberian penghargaan dan sanksi perangkat daerah.",
            dt.date(2026, 12, 31),
            "belum",
        ),
    ],
}

ACTION_PLANS = (
    "Menyusun rencana aksi perbaikan bersama bidang terkait dan menetapkannya dengan keputusan kepala unit.",
    "Membentuk tim kecil, menyusun jadwal perbaikan per triwulan dan melaporkan kemajuannya kepada pimpinan.",
    "Merevisi dokumen terkait dan mengonsultasikannya kepada Bagian Organisasi sebelum ditetapkan.",
)


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(lines: list[str]) -> bytes:
    """A small valid one-page PDF (Helvetica, one line per entry): demo evidence that opens in any viewer."""
    text = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(f"({_pdf_escape(line)}) '" for line in lines) + " ET"
    stream = text.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@demo_step(order=400, name="Templat LKE")
def seed_templates(ctx: DemoContext) -> None:
    for pemda in ctx.pemdas.values():
        created = templates.template_install_defaults(pemda=pemda)
        if created:
            ctx.created["templat LKE"] += len(created)


def _unit_user(unit_id: int, admin):
    """An operator (else kepala) of the unit among the demo accounts, else the admin."""
    for role in (RoleAssignment.Role.OPERATOR, RoleAssignment.Role.KEPALA):
        found = RoleAssignment.objects.filter(unit_id=unit_id, role=role).select_related("user").first()
        if found:
            return found.user
    return admin


def _evidence(user, rec: Recommendation, year: int) -> None:
    lines = [
        "LAPORAN TINDAK LANJUT REKOMENDASI (DATA DEMO)",
        f"Unit: {rec.owner.name}",
        f"Tahun evaluasi: {year}",
        f"Rekomendasi: {rec.text[:90]}",
        "Status: selesai; dokumen pendukung terlampir di unit.",
    ]
    name = f"tindak-lanjut-{rec.owner.short_name or rec.owner.code}-{year}.pdf".replace(" ", "-").lower()
    upload = SimpleUploadedFile(name, demo_pdf(lines), content_type="application/pdf")
    followup.followup_evidence_add(user=user, recommendation=rec, title="Laporan tindak lanjut", file=upload)


def _move_on(user, rec: Recommendation, state: str, rng: random.Random, year: int, ctx: DemoContext) -> None:
    if state == "belum":
        return
    plan = rng.choice(ACTION_PLANS)
    followup.followup_update(user=user, recommendation=rec, action_plan=plan, due_date=rec.due_date,
                             status="proses", progress_note="Sedang dikerjakan.")  # fmt: skip
    if state == "selesai":
        _evidence(user, rec, year)
        followup.followup_update(user=user, recommendation=rec, action_plan=plan, due_date=rec.due_date,
                                 status="selesai", progress_note="Tindak lanjut selesai dan dilaporkan.")  # fmt: skip
    ctx.created["tindak lanjut"] += 1


def _unit_followups(ctx: DemoContext, pemda, admin) -> None:
    today = timezone.now().astimezone(pemda.tz).date()
    recs = (
        Recommendation.objects.filter(pemda=pemda, evaluation__status__in=followup.PUBLISHED)
        .select_related("owner", "evaluation__round__fiscal_year")
        .order_by("evaluation__round__fiscal_year__year", "owner__code", "id")
    )
    index: dict[int, int] = {}
    for rec in recs:
        n = index[rec.evaluation_id] = index.get(rec.evaluation_id, 0) + 1
        untouched = rec.status == Recommendation.Status.BELUM and not rec.action_plan and not rec.evidence.exists()
        if not untouched:
            continue
        year = rec.evaluation.round.fiscal_year.year
        rng = random.Random(f"tindak-lanjut-{rec.owner.code}-{year}-{n}")
        roll = rng.random()
        # long overdue recommendations are mostly done, recent ones mostly in progress or not started
        late_days = (today - rec.due_date).days if rec.due_date else -1
        done, started = (0.85, 0.93) if late_days > 180 else (0.6, 0.85) if late_days > 0 else (0.2, 0.7)
        state = "selesai" if roll < done else "proses" if roll < started else "belum"
        _move_on(_unit_user(rec.owner_id, admin), rec, state, rng, year, ctx)


def _scores(subs: dict[str, str]) -> list[dict]:
    rows = []
    for component in ("1", "2", "3", "4"):
        parts = {code: D(score) for code, score in subs.items() if code.startswith(component + ".")}
        rows.append({"level": "component", "code": component, "name": NAMES[component],
                     "weight": WEIGHTS[component], "score": sum(parts.values(), D(0))})  # fmt: skip
        rows += [{"level": "subcomponent", "code": code, "name": NAMES[code], "weight": WEIGHTS[code], "score": score}
                 for code, score in sorted(parts.items())]  # fmt: skip
    return rows


def _results(ctx: DemoContext, pemda, admin) -> None:
    existing = set(PemdaResult.objects.filter(pemda=pemda).values_list("year", flat=True))
    units = {u.code: u for u in Unit.objects.filter(pemda=pemda)}
    for year, (score, number, letter_date, subs) in RESULTS.items():
        if year in existing:
            continue
        result = followup.pemda_result_save(
            user=admin, pemda=pemda, year=year, score=D(score), target_predicate="BB", scores=_scores(subs),
            letter_number=number, letter_date=letter_date,
            notes="Hasil evaluasi AKIP oleh Kementerian PANRB (data demo).",
        )  # fmt: skip
        ctx.created["hasil KemenPAN-RB"] += 1
        rng = random.Random(f"hasil-kemenpan-{year}")
        for code, component, text, due, state in RESULT_RECOMMENDATIONS[year]:
            owner = units.get(code)
            if owner is None:
                continue
            rec = followup.recommendation_add(user=admin, owner=owner, text=text, due_date=due,
                                              pemda_result=result, component_code=component)  # fmt: skip
            _move_on(_unit_user(owner.pk, admin), rec, state, rng, year, ctx)


@demo_step(order=420, name="Tindak lanjut dan hasil KemenPAN-RB")
def seed_followup_and_results(ctx: DemoContext) -> None:
    pemda = ctx.pemdas.get(PEMDA_KEY)
    admin = ctx.users.get("admin.banjar")
    if pemda is None or admin is None:
        return
    _unit_followups(ctx, pemda, admin)
    _results(ctx, pemda, admin)
