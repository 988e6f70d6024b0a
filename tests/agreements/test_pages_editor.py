"""The PK editor: htmx row fragments (add, edit, remove, validation inline), stale posts, query counts."""

import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Indicator, Program, Sasaran

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"agreements:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def indicator_data(prefix, **overrides):
    data = {
        "name": "Cakupan pelayanan kesehatan dasar",
        "satuan": "%",
        "polarity": "positive",
        "period_rule": "last",
        "target": "90",
        "tw1": "60",
        "tw2": "70",
        "tw3": "80",
        "tw4": "90",
        "is_iku": "on",
    }
    data.update(overrides)
    return {f"{prefix}-{k}": v for k, v in data.items()}


def test_editor_renders_rows_with_keyboard_hints(client_for, draft_a, operator_a):
    page = text(client_for(operator_a).get(url("pk_edit", draft_a.uid)))
    assert "Prevalensi stunting" in page and "Tambah sasaran" in page and "Tambah indikator" in page
    assert "js/pk-editor.js" in page and "Enter menyimpan" in page


def test_add_sasaran_returns_the_section_fragment(client_for, draft_a, operator_a):
    client = client_for(operator_a)
    form = client.get(url("sasaran_new", draft_a.uid), **HX)
    assert "<html" not in text(form) and 'name="snew-name"' in text(form)
    response = client.post(url("sasaran_new", draft_a.uid), {"snew-name": "Meningkatnya mutu layanan"}, **HX)
    body = text(response)
    sasaran = Sasaran.objects.get(name="Meningkatnya mutu layanan")
    assert response.status_code == 200 and "<html" not in body
    assert f'id="sasaran-{sasaran.uid}"' in body and "Tambah indikator" in body and "data-just-saved" in body


def test_empty_sasaran_name_is_shown_inline(client_for, draft_a, operator_a):
    response = client_for(operator_a).post(url("sasaran_new", draft_a.uid), {"snew-name": "  "}, **HX)
    assert response.status_code == 200
    assert "Nama sasaran wajib diisi." in text(response) and 'aria-invalid="true"' in text(response)
    assert draft_a.sasaran.count() == 1


def test_add_indicator_with_quarterly_targets_returns_the_row(client_for, draft_a, operator_a):
    sasaran = draft_a.sasaran.get()
    prefix = f"n{sasaran.uid.hex[:8]}"
    response = client_for(operator_a).post(
        url("indicator_new", draft_a.uid, sasaran.uid), indicator_data(prefix, tw1="60,5", target="90"), **HX
    )
    body = text(response)
    indicator = Indicator.objects.get(name="Cakupan pelayanan kesehatan dasar")
    assert body.lstrip().startswith("<tr") and f'id="ind-{indicator.uid}"' in body
    assert "60,5" in body and "IKU" in body
    assert [t.value for t in indicator.targets.order_by("number")] == [60.5, 70, 80, 90]


def test_text_in_numeric_target_is_refused_next_to_the_box(client_for, draft_a, operator_a):
    sasaran = draft_a.sasaran.get()
    prefix = f"n{sasaran.uid.hex[:8]}"
    response = client_for(operator_a).post(
        url("indicator_new", draft_a.uid, sasaran.uid), indicator_data(prefix, tw2="tujuh puluh"), **HX
    )
    body = text(response)
    assert response.status_code == 200 and 'class="pk-form-row"' in body
    assert "Masukkan angka, misalnya 75 atau 1.250,5." in body
    assert 'value="tujuh puluh"' in body  # what was typed stays in the box
    assert not Indicator.objects.filter(name="Cakupan pelayanan kesehatan dasar").exists()


def test_quarters_not_matching_annual_target_show_the_service_message(client_for, draft_a, operator_a):
    sasaran = draft_a.sasaran.get()
    prefix = f"n{sasaran.uid.hex[:8]}"
    data = indicator_data(prefix, period_rule="cumulative", target="100", tw1="10", tw2="10", tw3="10", tw4="10")
    body = text(client_for(operator_a).post(url("indicator_new", draft_a.uid, sasaran.uid), data, **HX))
    assert "harus sama dengan target tahunan" in body
    assert not Indicator.objects.filter(name="Cakupan pelayanan kesehatan dasar").exists()


def test_duplicate_indicator_is_refused_inline(client_for, draft_a, operator_a):
    sasaran = draft_a.sasaran.get()
    prefix = f"n{sasaran.uid.hex[:8]}"
    data = indicator_data(prefix, name="prevalensi  STUNTING")
    body = text(client_for(operator_a).post(url("indicator_new", draft_a.uid, sasaran.uid), data, **HX))
    assert "sudah ada pada sasaran ini" in body


def test_range_target_is_typed_as_lower_upper(client_for, draft_a, operator_a):
    sasaran = draft_a.sasaran.get()
    prefix = f"n{sasaran.uid.hex[:8]}"
    data = indicator_data(
        prefix, name="Indeks kepuasan", polarity="range", target="70–80", tw1="", tw2="", tw3="", tw4="70-80"
    )
    body = text(client_for(operator_a).post(url("indicator_new", draft_a.uid, sasaran.uid), data, **HX))
    indicator = Indicator.objects.get(name="Indeks kepuasan")
    assert (indicator.target_low, indicator.target_high) == (70, 80)
    assert "70–80" in body


def test_edit_indicator_form_and_save(client_for, draft_a, operator_a):
    client = client_for(operator_a)
    indicator = Indicator.objects.get(name="Prevalensi stunting")
    prefix = f"i{indicator.uid.hex[:8]}"
    form = text(client.get(url("indicator_row", draft_a.uid, indicator.uid) + "?ubah=1", **HX))
    assert 'value="15,2"' in form and f'name="{prefix}-tw3"' in form
    data = indicator_data(
        prefix, name="Prevalensi stunting", polarity="negative", target="14", tw1="17", tw2="16", tw3="15", tw4="14"
    )
    body = text(client.post(url("indicator_row", draft_a.uid, indicator.uid), data, **HX))
    indicator.refresh_from_db()
    assert indicator.target == 14 and body.lstrip().startswith("<tr")
    cancel = text(client.get(url("indicator_row", draft_a.uid, indicator.uid), **HX))
    assert "pk-ind-row" in cancel and "<form" not in cancel


def test_remove_indicator_returns_nothing_and_asks_for_confirmation(client_for, draft_a, operator_a):
    client = client_for(operator_a)
    indicator = Indicator.objects.get(name="Prevalensi stunting")
    page = text(client.get(url("pk_edit", draft_a.uid)))
    assert 'data-confirm="Hapus indikator' in page
    response = client.post(url("indicator_delete", draft_a.uid, indicator.uid), **HX)
    assert response.status_code == 200 and response.content == b""
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


def test_remove_sasaran_removes_its_indicators(client_for, draft_a, operator_a):
    sasaran = draft_a.sasaran.get()
    response = client_for(operator_a).post(url("sasaran_delete", draft_a.uid, sasaran.uid), **HX)
    assert response.content == b""
    assert not Indicator.objects.filter(sasaran__agreement=draft_a).exists()


def test_program_add_and_remove_update_the_list_and_total(client_for, draft_a, operator_a):
    client = client_for(operator_a)
    program = draft_a.programs.get()
    data = {"pnew-level": "kegiatan", "pnew-parent": str(program.uid), "pnew-code": "1.02.02.2.01"}
    data.update({"pnew-name": "Penyediaan layanan kesehatan", "pnew-budget": "250.000.000"})
    response = client.post(url("program_new", draft_a.uid), data, **HX)
    body = text(response)
    assert response["HX-Retarget"] == "#program-list" and response["HX-Reswap"] == "outerHTML"
    assert 'id="program-list"' in body and "Penyediaan layanan kesehatan" in body
    assert 'id="program-foot" hx-swap-oob="true"' in body and "Rp 1.250.000.000" in body  # program-level total
    assert Program.objects.get(code="1.02.02.2.01").budget == 250_000_000
    response = client.post(url("program_delete", draft_a.uid, program.uid), **HX)
    assert "Penyediaan layanan kesehatan" not in text(response) and "Rp 0" in text(response)
    assert not draft_a.programs.exists()


def test_bad_program_code_is_refused_inline(client_for, draft_a, operator_a):
    data = {"pnew-level": "program", "pnew-code": "abc", "pnew-name": "Program X", "pnew-budget": "10"}
    body = text(client_for(operator_a).post(url("program_new", draft_a.uid), data, **HX))
    assert "Permendagri 90/2019" in body and 'class="pk-form-row"' in body


def test_stale_post_to_signed_pk_is_refused_with_the_service_message(client_for, signed_a, operator_a):
    sasaran = signed_a.sasaran.get()
    prefix = f"n{sasaran.uid.hex[:8]}"
    client = client_for(operator_a)
    response = client.post(url("indicator_new", signed_a.uid, sasaran.uid), indicator_data(prefix), **HX)
    assert response.status_code == 200
    assert "PK yang sudah ditandatangani tidak dapat diubah" in text(response)
    assert not Indicator.objects.filter(name="Cakupan pelayanan kesehatan dasar").exists()
    indicator = sasaran.indicators.first()
    response = client.post(url("indicator_delete", signed_a.uid, indicator.uid), **HX)
    assert "PK yang sudah ditandatangani tidak dapat diubah" in text(response)
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_signed_pk_editor_is_read_only_with_the_reason(client_for, signed_a, operator_a):
    page = text(client_for(operator_a).get(url("pk_edit", signed_a.uid)))
    assert "Hanya dapat dibaca." in page and "Buat PK Perubahan" in page
    assert "Tambah indikator" not in page


def test_submitted_pk_editor_is_read_only(client_for, submitted_a, operator_a):
    page = text(client_for(operator_a).get(url("pk_edit", submitted_a.uid)))
    assert "Hanya dapat dibaca." in page and "kembalikan dulu ke draf" in page


def test_plain_post_without_htmx_goes_back_to_the_editor(client_for, draft_a, operator_a):
    response = client_for(operator_a).post(url("sasaran_new", draft_a.uid), {"snew-name": "Sasaran tanpa JS"})
    assert response.status_code == 302 and response["Location"] == url("pk_edit", draft_a.uid)
    assert draft_a.sasaran.filter(name="Sasaran tanpa JS").exists()


def test_editor_query_count_does_not_grow_with_indicators(
    client_for, draft_a, operator_a, django_assert_max_num_queries
):
    client = client_for(operator_a)
    with django_assert_max_num_queries(30) as first:
        client.get(url("pk_edit", draft_a.uid))
    baseline = len(first.captured_queries)
    for s in range(3):
        sasaran = services.sasaran_create(agreement=draft_a, name=f"Sasaran tambahan {s}", by=operator_a)
        for n in range(5):
            services.indicator_create(
                sasaran=sasaran,
                data={"name": f"Indikator {n}", "satuan": "%", "target": 5},
                quarter_targets=[5, 5, 5, 5],
                by=operator_a,
            )
    with django_assert_max_num_queries(baseline):
        client.get(url("pk_edit", draft_a.uid))
