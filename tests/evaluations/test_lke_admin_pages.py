"""LKE administration pages, part 1: templates (list, tree, edits refused on a frozen template,
weights that do not add up, delete, export/import), the predicate table (gaps refused) and the
comparison pages (per unit year over year, Pemda-wide ranking; unit users only their own unit)."""

# ruff: noqa: F811  (fixtures imported from lke_factories)
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from evaluations import lke_template_io
from evaluations.lke_models import (
    Evaluation,
    EvaluationRound,
    LkeComponent,
    LkeCriterion,
    LkeSubComponent,
    LkeTemplate,
    PredicateTable,
)
from tests.evaluations.lke_factories import lke_template, make_template  # noqa: F401
from tests.factories import UnitFactory, make_year

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- templates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("evaluator_lead", 200), ("evaluator", 403), ("pimpinan", 403), ("operator_a", 403)],
)
def test_template_pages_are_for_managers(client_for, request, lke_template, persona, status):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url("lke_template_list")).status_code == status
    assert client.get(url("lke_template_detail", lke_template.uid)).status_code == status
    assert client.get(url("predicate_table")).status_code == status


def test_other_pemda_template_is_404(client_for, other_admin, lke_template):
    assert client_for(other_admin).get(url("lke_template_detail", lke_template.uid)).status_code == 404


def test_list_shows_version_method_criteria_and_validity(
    client_for, admin, lke_template, django_assert_max_num_queries
):
    broken = make_template(admin.pemda, name="Templat lokal", family="lokal")
    LkeComponent.objects.filter(template=broken, code="1").update(weight=D(31))
    client = client_for(admin)
    with django_assert_max_num_queries(12):
        response = client.get(url("lke_template_list"))
    page = text(response)
    assert "LKE 88/2021 uji" in page and "v1" in page and ">80<" in page
    assert "Valid" in page and "masalah" in page


def test_list_queries_do_not_grow_with_templates(client_for, admin, lke_template, django_assert_max_num_queries):
    for n in range(4):
        make_template(admin.pemda, name=f"Templat {n}", family=f"t-{n}")
    client = client_for(admin)
    client.get(url("lke_template_list"))
    with django_assert_max_num_queries(12):
        assert client.get(url("lke_template_list")).status_code == 200


def test_detail_shows_tree_with_weights_and_criteria(client_for, admin, lke_template):
    page = text(client_for(admin).get(url("lke_template_detail", lke_template.uid)))
    assert "Perencanaan Kinerja" in page and "Kriteria 1.a.1" in page and "bobot 30" in page
    assert "80 kriteria" in page
    assert url("lke_template_weights", lke_template.uid) in page


def test_frozen_template_shows_notice_and_refuses_a_criterion_change(client_for, admin, lke_template):
    LkeTemplate.objects.filter(pk=lke_template.pk).update(frozen_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    client = client_for(admin)
    page = text(client.get(url("lke_template_detail", lke_template.uid)))
    assert "dibekukan" in page and url("lke_template_weights", lke_template.uid) not in page
    criterion = LkeCriterion.objects.get(subcomponent__component__template=lke_template, code="1.a.1")
    response = client.post(url("lke_criterion_edit", lke_template.uid, criterion.pk), {"text": "Baru", "guidance": ""})
    assert response.status_code == 200 and "Tidak disimpan" in text(response)
    criterion.refresh_from_db()
    assert criterion.text == "Kriteria 1.a.1"


def test_criterion_edit_saves_text(client_for, admin, lke_template):
    criterion = LkeCriterion.objects.get(subcomponent__component__template=lke_template, code="1.a.1")
    response = client_for(admin).post(
        url("lke_criterion_edit", lke_template.uid, criterion.pk), {"text": "Pedoman teknis ada", "guidance": "SK"}
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.text, criterion.guidance) == ("Pedoman teknis ada", "SK")


def _weights_post(template, **changes) -> dict:
    data = {}
    for part in [
        *LkeComponent.objects.filter(template=template),
        *LkeSubComponent.objects.filter(component__template=template),
    ]:
        data["w_" + part.code.replace(".", "_")] = str(changes.get(part.code, part.weight)).replace(".", ",")
    return data


def test_weights_not_adding_up_are_refused_and_nothing_saved(client_for, admin, lke_template):
    response = client_for(admin).post(
        url("lke_template_weights", lke_template.uid), _weights_post(lke_template, **{"1": D(35)})
    )
    assert response.status_code == 200
    page = text(response)
    assert "Jumlah bobot komponen 105, seharusnya 100." in page
    assert LkeComponent.objects.get(template=lke_template, code="1").weight == D(30)


def test_weights_that_add_up_are_saved(client_for, admin, lke_template):
    changes = {"1": D(25), "1.c": D(10), "4": D(30), "4.c": D("17.5")}
    response = client_for(admin).post(
        url("lke_template_weights", lke_template.uid), _weights_post(lke_template, **changes)
    )
    assert response.status_code == 302
    assert LkeComponent.objects.get(template=lke_template, code="4").weight == D(30)


def test_template_edit_and_new_version(client_for, admin, lke_template):
    client = client_for(admin)
    data = {"name": "LKE 2025", "regulation": "PermenPAN-RB 88/2021", "notes": "lokal", "is_active": "on"}
    assert client.post(url("lke_template_edit", lke_template.uid), data).status_code == 302
    lke_template.refresh_from_db()
    assert lke_template.name == "LKE 2025"
    response = client.post(url("lke_template_new_version", lke_template.uid))
    new = LkeTemplate.objects.get(family=lke_template.family, version=2)
    assert response["Location"] == url("lke_template_detail", new.uid)


def test_delete_unused_template_and_refuse_a_used_one(client_for, admin, lke_template, year):
    client = client_for(admin)
    spare = make_template(admin.pemda, name="Cadangan", family="cadangan")
    page = text(client.get(url("lke_template_detail", spare.uid)))
    assert "data-confirm" in page
    assert client.post(url("lke_template_delete", spare.uid)).status_code == 302
    assert not LkeTemplate.objects.filter(pk=spare.pk).exists()
    _round(year, lke_template)
    response = client.post(url("lke_template_delete", lke_template.uid), follow=True)
    assert "tidak dapat dihapus" in text(response)
    assert LkeTemplate.objects.filter(pk=lke_template.pk).exists()


def test_install_defaults_button(client_for, admin):
    response = client_for(admin).post(url("lke_template_install"), follow=True)
    assert response.status_code == 200
    assert LkeTemplate.objects.filter(pemda=admin.pemda).count() >= 2


def test_readers_cannot_post_to_template_actions(client_for, pimpinan, lke_template):
    client = client_for(pimpinan)
    assert client.post(url("lke_template_install")).status_code == 403
    assert client.post(url("lke_template_delete", lke_template.uid)).status_code == 403
    assert LkeTemplate.objects.filter(pk=lke_template.pk).exists()


def test_export_then_import_as_new_version(client_for, admin, lke_template):
    client = client_for(admin)
    response = client.get(url("lke_template_export", lke_template.uid))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("templat.xlsx", response.content)
    preview = client.post(url("lke_template_import"), {"file": upload})
    assert preview.status_code == 200 and "Pratinjau" in text(preview) and "80 kriteria" in text(preview)
    assert LkeTemplate.objects.filter(family=lke_template.family).count() == 1
    done = client.post(url("lke_template_import_commit"))
    new = LkeTemplate.objects.get(family=lke_template.family, version=2)
    assert done["Location"] == url("lke_template_detail", new.uid)


def test_import_with_unknown_answer_type_shows_row_errors(client_for, admin, lke_template):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(lke_template_io.template_export(lke_template)))
    ws = wb["Kriteria"]
    column = [c.value for c in ws[1]].index("Jenis Jawaban") + 1
    ws.cell(row=3, column=column, value="zz")
    out = BytesIO()
    wb.save(out)
    response = client_for(admin).post(
        url("lke_template_import"), {"file": SimpleUploadedFile("t.xlsx", out.getvalue())}
    )
    page = text(response)
    assert "tidak dapat diimpor" in page and "Kriteria" in page and ">3<" in page
    assert LkeTemplate.objects.filter(pemda=admin.pemda).count() == 1


# --- predicate table ----------------------------------------------------------------------------


def _bands_post(rows) -> dict:
    data = {
        "band-TOTAL_FORMS": str(len(rows)),
        "band-INITIAL_FORMS": str(len(rows)),
        "band-MIN_NUM_FORMS": "1",
        "band-MAX_NUM_FORMS": "10",
    }
    for i, (letter, lower, upper, label) in enumerate(rows):
        data.update(
            {f"band-{i}-letter": letter, f"band-{i}-lower": lower, f"band-{i}-upper": upper, f"band-{i}-label": label}
        )
    return data


DEFAULT_ROWS = [
    ("AA", "90", "100", "Sangat Memuaskan"),
    ("A", "80", "90", "Memuaskan"),
    ("BB", "70", "80", "Sangat Baik"),
    ("B", "60", "70", "Baik"),
    ("CC", "50", "60", "Cukup"),
    ("C", "30", "50", "Kurang"),
    ("D", "0", "30", "Sangat Kurang"),
]


def test_predicate_table_with_a_gap_is_refused(client_for, admin):
    rows = list(DEFAULT_ROWS)
    rows[3] = ("B", "62", "70", "Baik")
    response = client_for(admin).post(url("predicate_table") + "?tahun=2025", _bands_post(rows))
    assert response.status_code == 200
    assert "Ada celah antara predikat CC (sampai 60,00) dan B (di atas 62,00)." in text(response)
    assert not PredicateTable.objects.exists()


def test_predicate_table_saved_per_year(client_for, admin):
    rows = list(DEFAULT_ROWS)
    rows[3], rows[4] = ("B", "62,5", "70", "Baik"), ("CC", "50", "62,5", "Cukup")
    response = client_for(admin).post(url("predicate_table") + "?tahun=2026", _bands_post(rows))
    assert response.status_code == 302
    table = PredicateTable.objects.get(pemda=admin.pemda, year=2026)
    assert ["B", "62.5", "70", "Baik"] in table.bands
    page = text(client_for(admin).get(url("predicate_table") + "?tahun=2026"))
    assert "62,5" in page


# --- comparison ---------------------------------------------------------------------------------


def _round(year, template):
    d = dt.date(year.year, 3, 1)
    return EvaluationRound.objects.create(
        pemda=year.pemda,
        fiscal_year=year,
        template=template,
        name=f"Evaluasi {year.year}",
        status="closed",
        self_start=d,
        self_end=d,
        eval_start=d,
        eval_end=d,
        review_start=d,
        review_end=d,
        response_start=d,
        response_end=d,
    )


def _published(round, unit, score, components, status="final"):
    result = {"components": [{"code": c, "name": n, "weight": w, "score": s} for c, n, w, s in components]}
    return Evaluation.objects.create(
        pemda=round.pemda,
        round=round,
        unit=unit,
        status=status,
        score=D(score),
        predicate=_pred(D(score)),
        result=result,
    )


def _pred(score):
    from evaluations.predicates import predicate

    return predicate(score).letter


@pytest.fixture
def two_years(pemda, year, lke_template, unit_a, unit_b):
    y24 = make_year(pemda, 2024)
    r24, r25 = _round(y24, lke_template), _round(year, lke_template)
    comps = lambda a, b: [("1", "Perencanaan Kinerja", "30", a), ("2", "Pengukuran Kinerja", "30", b)]  # noqa: E731
    _published(r24, unit_a, "58.40", comps("20.10", "18.30"))
    _published(r25, unit_a, "66.15", comps("24.00", "21.15"))
    _published(r24, unit_b, "70.00", comps("25.00", "25.00"))
    _published(r25, unit_b, "68.50", comps("24.50", "24.00"))
    third = UnitFactory(pemda=pemda, name="Dinas Pendidikan", code="1.01.01")
    Evaluation.objects.create(pemda=pemda, round=r25, unit=third, status="evaluating", score=D("99.00"))
    return r24, r25


def test_unit_comparison_table_and_chart(client_for, admin, unit_a, two_years):
    page = text(client_for(admin).get(url("comparison_unit", unit_a.uid)))
    assert "2024" in page and "2025" in page and "20,10" in page and "24,00" in page
    assert "66,15" in page and "<svg" in page


@pytest.mark.parametrize(
    ("persona", "own", "other"),
    [
        ("admin", 200, 200),
        ("evaluator", 200, 200),
        ("pimpinan", 200, 200),
        ("operator_a", 200, 404),
        ("operator_b", 404, 200),
    ],
)
def test_unit_comparison_access(client_for, request, unit_a, unit_b, two_years, persona, own, other):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url("comparison_unit", unit_a.uid)).status_code == own
    assert client.get(url("comparison_unit", unit_b.uid)).status_code == other


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("pimpinan", 200), ("evaluator", 200), ("operator_a", 403), ("kepala_a", 403)],
)
def test_ranking_access(client_for, request, two_years, persona, status):
    assert client_for(request.getfixturevalue(persona)).get(url("comparison_ranking")).status_code == status


def test_ranking_orders_by_score_with_change_and_only_published(
    client_for, pimpinan, two_years, django_assert_max_num_queries
):
    client = client_for(pimpinan)
    with django_assert_max_num_queries(12):
        response = client.get(url("comparison_ranking") + "?tahun=2025")
    page = text(response)
    assert page.index("Kecamatan Astambul") < page.index("Dinas Kesehatan")
    assert "+7,75" in page and "-1,50" in page
    assert "Dinas Pendidikan" not in page  # still being evaluated
    assert "window.print()" in page


def test_frozen_template_can_be_retired_but_not_renamed(client_for, admin, lke_template):
    LkeTemplate.objects.filter(pk=lke_template.pk).update(frozen_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
    client = client_for(admin)
    renamed = client.post(
        url("lke_template_edit", lke_template.uid), {"name": "Nama lain", "regulation": "PermenPAN-RB 88/2021"}
    )
    assert renamed.status_code == 200 and "Tidak disimpan" in text(renamed)
    retired = client.post(
        url("lke_template_edit", lke_template.uid), {"name": lke_template.name, "regulation": lke_template.regulation}
    )
    assert retired.status_code == 302
    lke_template.refresh_from_db()
    assert (lke_template.name, lke_template.is_active) == ("LKE 88/2021 uji", False)


def test_unit_comparison_query_count_is_pinned(client_for, evaluator, unit_a, two_years, django_assert_max_num_queries):
    client = client_for(evaluator)
    client.get(url("comparison_unit", unit_a.uid))
    with django_assert_max_num_queries(10):
        assert client.get(url("comparison_unit", unit_a.uid)).status_code == 200


def test_ranking_within_a_category(client_for, admin, pemda, unit_a, unit_b, two_years):
    from sakip.core.models import RankingCategory

    kecamatan, _ = RankingCategory.objects.get_or_create(pemda=pemda, code="kecamatan", defaults={"name": "Kecamatan"})
    unit_b.ranking_category = kecamatan
    unit_b.save()
    unit_a.ranking_category = None
    unit_a.save()
    page = text(client_for(admin).get(url("comparison_ranking"), {"tahun": 2025, "kategori": str(kecamatan.uid)}))
    assert "Kecamatan Astambul" in page and "Dinas Kesehatan" not in page


def test_ranking_of_a_round_still_running_says_so(client_for, admin, two_years):
    r24, r25 = two_years
    EvaluationRound.objects.filter(pk=r25.pk).update(status="open")
    page = text(client_for(admin).get(url("comparison_ranking"), {"tahun": 2025}))
    assert "masih berjalan" in page
    assert "masih berjalan" not in text(client_for(admin).get(url("comparison_ranking"), {"tahun": 2024}))


def test_install_defaults_twice_adds_nothing(client_for, admin):
    client = client_for(admin)
    first = client.post(url("lke_template_install"), follow=True)
    assert "Templat bawaan dipasang" in text(first)
    count = LkeTemplate.objects.filter(pemda=admin.pemda).count()
    second = client.post(url("lke_template_install"), follow=True)
    assert "sudah terpasang" in text(second)
    assert LkeTemplate.objects.filter(pemda=admin.pemda).count() == count
