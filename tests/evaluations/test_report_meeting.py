"""The coordination-meeting pack: the basis month, the table of contents against the pages the sections
really start on, the footer, the meeting date in Indonesian, every section's content and its empty
state, and deterministic figures (same content hash twice).

The world is ``rewards_world`` (clock at 20 April 2025; unit A's capaian 40 % is red) plus decisions,
recommendations and KemenPAN-RB results written straight to the database.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal as D

import pytest
from django.utils import timezone
from pypdf import PdfReader

from evaluations.lke_models import Evaluation, PemdaResult, Recommendation
from evaluations.report_documents import content_hash
from evaluations.report_meeting import basis_month, meeting_figures, meeting_pack_pdf, section_titles
from evaluations.report_models import Report
from rewards.models import Decision, DecisionType
from tests.rewards.factories import published, rewards_clock, rewards_world, unit_c, year_2024  # noqa: F401
from tests.rewards.test_pages_decisions_fixtures import make_snapshot

S = Report.Section
MEETING = dt.date(2025, 4, 14)  # a Monday; the basis month is March 2025


def pack(pemda, sections, *, meeting=MEETING, version=1) -> Report:
    year, month = basis_month(meeting)
    return Report(
        pemda=pemda, kind=Report.Kind.MEETING, year=year, month=month, version=version,
        meeting_date=meeting, sections=list(sections),
    )  # fmt: skip


def pages_of(pdf) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages]


def toc_entries(pages: list[str]) -> list[tuple[str, int]]:
    """``(title, page)`` of the table of contents (page 2): lines ending in leader dots and a number."""
    entries = []
    for line in pages[1].splitlines():
        found = re.match(r"^(.*?)\s*\.{3,}\s*(\d+)\s*$", line.strip())
        if found:
            entries.append((found.group(1).strip(), int(found.group(2))))
    return entries


def page_starting_with(pages: list[str], heading: str) -> int:
    """1-based number of the first page after the contents whose body shows ``heading``."""
    for number, text in enumerate(pages[2:], start=3):
        if heading in text:
            return number
    raise AssertionError(f"{heading!r} on no page")


def decision(pemda, unit, snapshot, user, *, kind, sk_number, sk_date, revoked_at=None):
    return Decision.objects.create(
        pemda=pemda, kind=kind, unit=unit, snapshot=snapshot, sk_number=sk_number, sk_date=sk_date,
        basis_text="uji", effective_start=sk_date, issued_at=timezone.now(), issued_by=user,
        response_deadline=sk_date + dt.timedelta(days=14), official_name="Kepala Uji",
        percent=D("25") if kind == DecisionType.PEMOTONGAN_TPP else None,
        months=3 if kind == DecisionType.PEMOTONGAN_TPP else None,
        status=Decision.Status.REVOKED if revoked_at else Decision.Status.ISSUED, revoked_at=revoked_at,
    )  # fmt: skip


@pytest.fixture
def meeting_world(rewards_world, pemda, pimpinan, unit_a, unit_b, unit_c):  # noqa: F811
    snapshot = make_snapshot(pemda, pimpinan, unit_a, unit_b, year=2025, title="Peringkat Triwulan I 2025")
    at = dt.datetime(2025, 4, 1, 3, tzinfo=dt.UTC)
    decision(
        pemda,
        unit_a,
        snapshot,
        pimpinan,
        kind=DecisionType.PIAGAM,
        sk_number="SK-PIAGAM-1",
        sk_date=dt.date(2025, 2, 3),
    )
    decision(
        pemda,
        unit_c,
        snapshot,
        pimpinan,
        kind=DecisionType.PEMOTONGAN_TPP,
        sk_number="SK-TPP-2",
        sk_date=dt.date(2025, 3, 10),
        revoked_at=at,
    )
    # revoked only after the meeting: still in force on the meeting date
    decision(
        pemda,
        unit_b,
        snapshot,
        pimpinan,
        kind=DecisionType.TEGURAN_TERTULIS,
        sk_number="SK-TEGUR-3",
        sk_date=dt.date(2025, 3, 11),
        revoked_at=dt.datetime(2025, 4, 18, 3, tzinfo=dt.UTC),
    )
    decision(
        pemda,
        unit_a,
        snapshot,
        pimpinan,
        kind=DecisionType.PIAGAM,
        sk_number="SK-LAMA-2024",
        sk_date=dt.date(2024, 12, 20),
    )
    decision(
        pemda,
        unit_a,
        snapshot,
        pimpinan,
        kind=DecisionType.PIAGAM,
        sk_number="SK-SESUDAH-RAPAT",
        sk_date=dt.date(2025, 4, 15),
    )
    results = [
        PemdaResult.objects.create(pemda=pemda, year=y, score=D(s), predicate="B", target_predicate="BB")
        for y, s in ((2022, "61.20"), (2023, "63.45"), (2024, "65.10"))
    ]
    rec = {"pemda": pemda, "pemda_result": results[-1]}
    Recommendation.objects.create(
        **rec,
        text="Rekomendasi belum jatuh tempo",
        owner=unit_b,
        due_date=dt.date(2025, 6, 30),
        status=Recommendation.Status.PROSES,
    )
    Recommendation.objects.create(**rec, text="Rekomendasi terlambat", owner=unit_c, due_date=dt.date(2025, 3, 31))
    Recommendation.objects.create(
        **rec,
        text="Rekomendasi selesai",
        owner=unit_a,
        due_date=dt.date(2025, 1, 31),
        status=Recommendation.Status.SELESAI,
    )
    draft = published(unit_b, rewards_world.year_2024, "50.00", "CC", status=Evaluation.Status.EVALUATING)
    Recommendation.objects.create(
        pemda=pemda, evaluation=draft, text="Temuan belum diterbitkan", owner=unit_b, due_date=dt.date(2025, 1, 1)
    )
    return rewards_world


# --- basis month --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "expected"),
    [
        (dt.date(2027, 1, 1), (2026, 12)),  # the 1st of January: December of the year before
        (dt.date(2026, 1, 31), (2025, 12)),
        (dt.date(2026, 12, 14), (2026, 11)),
        (dt.date(2026, 3, 1), (2026, 2)),
        (dt.date(2026, 3, 31), (2026, 2)),  # the meeting's own month has not ended
    ],
)
def test_basis_month_is_the_last_month_ended_before_the_meeting(meeting, expected):
    assert basis_month(meeting) == expected


# --- the document --------------------------------------------------------------------------------


def test_contents_list_the_chosen_sections_in_order_with_the_pages_they_start_on(meeting_world, pemda):
    report = pack(pemda, [S.PREDICATE_TREND, S.DECISIONS, S.RANKING])  # asked out of order
    pdf = meeting_pack_pdf(report)
    pages = pages_of(pdf)
    titles = section_titles()
    entries = toc_entries(pages)
    expected = [f"1. {titles[S.RANKING]}", f"2. {titles[S.DECISIONS]}", f"3. {titles[S.PREDICATE_TREND]}"]
    assert [title for title, _page in entries] == expected
    for title, page in entries:
        assert page_starting_with(pages, title) == page
    # sections not chosen are neither listed nor shown
    text = "\n".join(pages)
    assert titles[S.FOLLOWUPS] not in text and titles[S.RED_UNITS] not in text
    # each section starts on its own page: no page holds two section headings
    assert len({page for _title, page in entries}) == 3


def test_cover_footer_and_page_count(meeting_world, pemda):
    pdf = meeting_pack_pdf(pack(pemda, [S.DECISIONS], version=3))
    pages = pages_of(pdf)
    assert pdf.pages == len(pages)
    assert "Bahan Rapat Koordinasi Evaluasi Kinerja" in pages[0]
    assert "Senin, 14 April 2025" in pages[0]
    assert "Bulan Maret 2025" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text
        assert f"Versi 3 · Sidik isi {pdf.content_hash[:16]}" in text
    assert pdf.content_hash in pages[0]


def test_red_units_get_one_page_each_listed_in_the_contents(meeting_world, pemda, unit_a):
    pdf = meeting_pack_pdf(pack(pemda, [S.RED_UNITS]))
    pages = pages_of(pdf)
    entries = dict(toc_entries(pages))
    assert unit_a.name in entries  # unit A: capaian 40 % to March, red
    unit_page = entries[unit_a.name]
    assert unit_page == entries[f"1. {section_titles()[S.RED_UNITS]}"] + 1  # the only red unit: right after the list
    assert unit_a.name in pages[unit_page - 1]
    assert "Dinas Pendidikan" not in entries  # unit C: 120 %, not red


def test_ranking_of_the_basis_month_with_breakdown_and_the_latest_snapshot(meeting_world, pemda):
    text = "\n".join(pages_of(meeting_pack_pdf(pack(pemda, [S.RANKING]))))
    assert "Peringkat terakhir yang dibekukan untuk tahun 2025: “Peringkat Triwulan I 2025”" in text
    assert "Capaian sampai dengan Maret 2025" in text
    assert "Indeks komposit — Perangkat Daerah" in text and "Indeks komposit — Kecamatan" in text
    assert "Kontribusi" in text and "80,50" in text  # unit A's AKIP in the breakdown
    figures = meeting_figures(pack(pemda, [S.RANKING]))["ranking"]
    assert figures["period"]["label"] == "Maret 2025"
    assert figures["snapshot"]["title"] == "Peringkat Triwulan I 2025"
    entries = figures["composite"]["by_category"]["pd"]["entries"]
    assert {e["unit_name"] for e in entries} == {"Dinas Kesehatan", "Dinas Pendidikan"}
    assert [e["rank"] for e in entries] == [1, 2]


def test_decisions_of_the_basis_year_up_to_the_meeting_as_they_stood_that_day(meeting_world, pemda):
    text = "\n".join(pages_of(meeting_pack_pdf(pack(pemda, [S.DECISIONS]))))
    assert "SK-PIAGAM-1" in text and "SK-TPP-2" in text and "SK-TEGUR-3" in text
    assert "SK-LAMA-2024" not in text  # SK of the year before
    assert "SK-SESUDAH-RAPAT" not in text  # SK after the meeting
    figures = meeting_figures(pack(pemda, [S.DECISIONS]))["decisions"]
    revoked = {row["sk_number"]: row["revoked"] for row in figures["decisions"]}
    assert revoked == {"SK-PIAGAM-1": False, "SK-TPP-2": True, "SK-TEGUR-3": False}
    assert figures["counts"] == {"piagam_penghargaan": [1, 0], "pemotongan_tpp": [0, 1], "teguran_tertulis": [1, 0]}
    assert "25,00%" in text  # the measure of the TPP cut


def test_followups_open_only_published_overdue_first_with_counts(meeting_world, pemda):
    text = "\n".join(pages_of(meeting_pack_pdf(pack(pemda, [S.FOLLOWUPS]))))
    assert text.index("Rekomendasi terlambat") < text.index("Rekomendasi belum jatuh tempo")
    assert "Rekomendasi selesai" not in text  # finished: counted, not listed
    assert "Temuan belum diterbitkan" not in text  # evaluation not published
    assert "Terlambat" in text
    figures = meeting_figures(pack(pemda, [S.FOLLOWUPS]))["followups"]
    assert figures["counts"] == {"belum": 1, "proses": 1, "selesai": 1}
    assert [row[4] for row in figures["open"]] == [True, False]


def test_predicate_trend_with_streak_chart_and_unit_scores(meeting_world, pemda):
    pdf = meeting_pack_pdf(pack(pemda, [S.PREDICATE_TREND]))
    text = "\n".join(pages_of(pdf))
    assert "Predikat B tiga tahun berturut-turut (2022–2024)" in text
    assert "65,10" in text and "63,45" in text
    assert "Nilai 2024" in text and "Nilai 2025" in text  # the units' LKE scores of two years
    assert "80,50 (BB)" in text and "+10,50" in text  # unit A: 70,00 → 80,50
    assert (
        "2022 (B)" in text and "Nilai dan predikat SAKIP Pemda per tahun" not in text
    )  # chart axis; title only in <title>
    figures = meeting_figures(pack(pemda, [S.PREDICATE_TREND]))["predicate_trend"]
    assert figures["results"][-1] == [2024, "65.10", "B", "BB"]


def test_empty_sections_say_so(rewards_clock, pemda):  # noqa: F811
    report = pack(pemda, list(S.values))
    text = "\n".join(pages_of(meeting_pack_pdf(report)))
    assert "Belum ada data peringkat pada periode ini." in text
    assert "Tidak ada unit dengan indikator berkategori terendah pada periode ini." in text
    assert "Belum ada keputusan pada periode ini." in text
    assert "Tidak ada rekomendasi yang belum selesai ditindaklanjuti." in text
    assert "Belum ada hasil evaluasi KemenPAN-RB yang dicatat untuk Pemda ini." in text
    assert "Belum ada nilai LKE unit yang dipublikasikan." in text


def test_figures_are_deterministic_json_and_hash_into_the_footer(meeting_world, pemda):
    report = pack(pemda, list(S.values))
    first, second = meeting_figures(report), meeting_figures(report)
    assert first == second
    assert json.loads(json.dumps(first)) == first  # plain JSON, no Decimal or date objects
    assert first["sections"] == list(S.values) and first["basis"] == [2025, 3]
    pdf = meeting_pack_pdf(report)
    assert pdf.content_hash == content_hash(first)
    assert meeting_pack_pdf(report).content_hash == pdf.content_hash
    # another version of the same figures: same hash; another meeting date: another hash
    assert meeting_pack_pdf(pack(pemda, list(S.values), version=2)).content_hash == pdf.content_hash
    other = pack(pemda, list(S.values), meeting=dt.date(2025, 4, 13))
    assert content_hash(meeting_figures(other)) != pdf.content_hash


def test_progress_is_reported_in_order(meeting_world, pemda):
    seen = []
    meeting_pack_pdf(pack(pemda, [S.RANKING, S.FOLLOWUPS]), progress=lambda percent, step: seen.append((percent, step)))
    percents = [p for p, _step in seen]
    assert percents == sorted(percents) and percents[0] > 0 and percents[-1] < 100
    assert section_titles()[S.RANKING] in [step for _p, step in seen]


def test_long_tables_repeat_their_header_on_every_page(meeting_world, pemda, unit_a):
    result = PemdaResult.objects.get(pemda=pemda, year=2024)
    for n in range(60):
        Recommendation.objects.create(
            pemda=pemda, pemda_result=result, owner=unit_a, due_date=dt.date(2025, 5, 1),
            text=f"Rekomendasi panjang nomor {n} agar tabel tindak lanjut melewati satu halaman.",
        )  # fmt: skip
    pages = pages_of(meeting_pack_pdf(pack(pemda, [S.FOLLOWUPS])))
    section = pages[2:]
    assert len(section) >= 3
    for text in section:
        assert "Rekomendasi" in text and "Sumber" in text and "Status" in text
    assert "Rekomendasi belum jatuh tempo" in section[-1]  # the latest due date comes last
