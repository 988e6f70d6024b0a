"""Composite weights and reward/punishment rule pages (admin only): bad weights and bad rules are
refused with the validators' Indonesian messages and nothing is saved; the structured rule form
serialises to the definition JSON and reads a stored rule back."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rewards import services
from rewards.models import RankingSetting, RewardRule

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def rule_post(**overrides) -> dict:
    data = {
        "code": "capaian_rendah",
        "name": "Capaian di bawah 50% tiga bulan berturut-turut",
        "order": "5",
        "is_active": "on",
        "c1_metric": "capaian_bulanan",
        "c1_comparator": "<",
        "c1_threshold": "50",
        "c1_window": "bulan_berturut",
        "c1_months": "3",
        "outcome": "penundaan_tpp",
        "target": "unit",
        "bulan": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- weights --------------------------------------------------------------------------------------


def test_weights_page_shows_defaults(client_for, admin, year):
    response = client_for(admin).get(reverse("rewards:weights_edit"), {"tahun": year.year})
    page = text(response)
    assert response.status_code == 200
    assert 'name="akip" value="50"' in page and 'name="capaian" value="35"' in page
    assert 'name="ketepatan_waktu" value="15"' in page


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (("50", "30", "10"), "Jumlah bobot harus 100 (sekarang 90,00)."),
        (("-10", "95", "15"), "Bobot nilai AKIP tidak boleh negatif."),
    ],
)
def test_bad_weights_are_refused_and_nothing_saved(weights, message, client_for, admin, year):
    akip, capaian, timeliness = weights
    data = {"tahun": year.year, "akip": akip, "capaian": capaian, "ketepatan_waktu": timeliness}
    response = client_for(admin).post(reverse("rewards:weights_edit"), data)
    assert response.status_code == 400
    assert message in text(response)
    assert not RankingSetting.objects.exists()


def test_weights_saved_and_used_by_the_ranking_page(client_for, admin, year):
    client = client_for(admin)
    data = {"tahun": year.year, "akip": "60", "capaian": "30", "ketepatan_waktu": "10"}
    response = client.post(reverse("rewards:weights_edit"), data)
    assert response.status_code == 302
    assert RankingSetting.objects.get(year=year.year).weights is not None
    page = text(client.get(response["Location"]))
    assert "Bobot indeks komposit 2025 disimpan." in page
    assert 'name="akip" value="60"' in page
    ranking = text(client.get(reverse("rewards:ranking_home"), {"tahun": year.year}))
    assert "Nilai AKIP 60" in ranking and "Capaian 30" in ranking


def test_weights_are_admin_only(client_for, pimpinan, year):
    client = client_for(pimpinan)
    assert client.get(reverse("rewards:weights_edit")).status_code == 403
    data = {"tahun": year.year, "akip": "60", "capaian": "30", "ketepatan_waktu": "10"}
    assert client.post(reverse("rewards:weights_edit"), data).status_code == 403
    assert not RankingSetting.objects.exists()


# --- rules ----------------------------------------------------------------------------------------


def test_install_defaults_then_list(client_for, admin):
    client = client_for(admin)
    response = client.post(reverse("rewards:rule_install_defaults"))
    assert response.status_code == 302
    assert RewardRule.objects.filter(pemda=admin.pemda).count() == 6
    page = text(client.get(reverse("rewards:rule_list")))
    assert "Aturan bawaan dipasang: 6 aturan." in page
    assert "Predikat AKIP C atau D" in page and "Teguran tertulis" in page
    assert "data-confirm=" in page  # delete asks first
    again = text(client.get(client.post(reverse("rewards:rule_install_defaults"))["Location"]))
    assert "Semua aturan bawaan sudah terpasang." in again


def test_rule_list_query_count_is_pinned(client_for, admin, django_assert_max_num_queries):
    services.rules_install_defaults(pemda=admin.pemda, user=admin)
    client = client_for(admin)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("rewards:rule_list")).status_code == 200


def test_create_rule_from_the_structured_form(client_for, admin):
    response = client_for(admin).post(reverse("rewards:rule_create"), rule_post())
    assert response.status_code == 302
    rule = RewardRule.objects.get(code="capaian_rendah")
    assert rule.order == 5 and rule.is_active
    assert rule.definition["conditions"] == [
        {
            "metric": "capaian_bulanan",
            "comparator": "<",
            "threshold": "50",
            "window": {"kind": "bulan_berturut", "months": 3},
        }
    ]
    assert rule.definition["outcome"] == {"type": "penundaan_tpp", "target": "unit", "parameters": {"bulan": 1}}


def test_rule_with_predicates_ranks_and_categories(client_for, admin, unit_a):
    data = rule_post(
        code="pd_c_d",
        c1_metric="predikat",
        c1_comparator="in",
        c1_threshold="c, d",
        c1_window="",
        c1_months="",
        c2_metric="peringkat",
        c2_comparator="between",
        c2_threshold="1",
        c2_threshold2="3",
        outcome="pemotongan_tpp",
        target="kepala_unit",
        persen="25",
        bulan="6",
        rank_from="1",
        rank_to="10",
    )
    response = client_for(admin).post(reverse("rewards:rule_create"), data)
    assert response.status_code == 302, text(response)
    definition = RewardRule.objects.get(code="pd_c_d").definition
    assert definition["conditions"][0]["threshold"] == ["C", "D"]
    assert definition["conditions"][1]["threshold"] == ["1", "3"]
    assert definition["outcome"]["parameters"] == {"persen": "25", "bulan": 6}
    assert definition["scope"] == {"ranks": [1, 10]}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"c1_metric": "omzet"}, "Metrik “omzet” tidak dikenal."),
        (
            {"outcome": "pemotongan_tpp", "persen": "150", "bulan": "3"},
            "Persentase pemotongan TPP harus lebih dari 0 dan paling tinggi 100.",
        ),
        ({"outcome": "penundaan_tpp", "bulan": ""}, "Parameter bulan wajib diisi."),
        ({"c1_window": ""}, "Metrik capaian_bulanan memerlukan jangka waktu (bulan)."),
        ({"c1_metric": ""}, "Aturan harus memiliki minimal satu syarat."),
    ],
)
def test_bad_rules_are_refused_and_nothing_saved(overrides, message, client_for, admin):
    response = client_for(admin).post(reverse("rewards:rule_create"), rule_post(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert not RewardRule.objects.exists()


def test_tpp_cut_above_100_is_shown_next_to_the_percent_field(client_for, admin):
    data = rule_post(outcome="pemotongan_tpp", persen="150", bulan="3")
    page = text(client_for(admin).post(reverse("rewards:rule_create"), data))
    assert '<input type="text" name="persen" value="150"' in page
    field = page[page.index('for="id_persen"') :]
    assert field.index("Persentase pemotongan TPP harus lebih dari 0") < field.index('for="id_nilai"')


def test_duplicate_code_is_refused_on_the_code_field(client_for, admin):
    client = client_for(admin)
    assert client.post(reverse("rewards:rule_create"), rule_post()).status_code == 302
    response = client.post(reverse("rewards:rule_create"), rule_post(name="Lagi"))
    assert response.status_code == 400
    assert "Kode aturan capaian_rendah sudah dipakai." in text(response)
    assert RewardRule.objects.count() == 1


def test_edit_reads_a_stored_rule_back_and_saves(client_for, admin):
    services.rules_install_defaults(pemda=admin.pemda, user=admin)
    rule = RewardRule.objects.get(code="pk_tidak_tercapai")
    client = client_for(admin)
    url = reverse("rewards:rule_edit", kwargs={"uid": rule.uid})
    page = text(client.get(url))
    assert 'value="pk_tidak_tercapai"' in page
    assert '<option value="pk_tidak_tercapai" selected>' in page and 'name="c1_threshold" value="ya"' in page
    assert '<option value="masa_perbaikan" selected>' in page and '<option value="kepala_unit" selected>' in page
    before = rule.definition
    data = rule_post(
        code="pk_tidak_tercapai", name="PK meleset", c1_metric="pk_tidak_tercapai", c1_comparator="is",
        c1_threshold="ya", c1_window="", c1_months="", outcome="masa_perbaikan", target="kepala_unit", bulan="6",
    )  # fmt: skip
    assert client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.name == "PK meleset" and rule.definition == before


def test_toggle_and_delete(client_for, admin):
    services.rules_install_defaults(pemda=admin.pemda, user=admin)
    rule = RewardRule.objects.get(code="predikat_c_d")
    client = client_for(admin)
    response = client.post(reverse("rewards:rule_toggle", kwargs={"uid": rule.uid}))
    rule.refresh_from_db()
    assert not rule.is_active
    assert "dinonaktifkan" in text(client.get(response["Location"]))
    client.post(reverse("rewards:rule_delete", kwargs={"uid": rule.uid}))
    assert not RewardRule.objects.filter(pk=rule.pk).exists()


def test_rules_are_admin_only(client_for, pimpinan, evaluator, admin):
    services.rules_install_defaults(pemda=admin.pemda, user=admin)
    rule = RewardRule.objects.first()
    for user in (pimpinan, evaluator):
        client = client_for(user)
        assert client.post(reverse("rewards:rule_create"), rule_post(code="x")).status_code == 403
        assert client.post(reverse("rewards:rule_delete", kwargs={"uid": rule.uid})).status_code == 403
    assert RewardRule.objects.filter(pk=rule.pk).exists() and not RewardRule.objects.filter(code="x").exists()


def test_other_pemda_rule_is_404(client_for, admin, other_admin):
    services.rules_install_defaults(pemda=admin.pemda, user=admin)
    rule = RewardRule.objects.first()
    client = client_for(other_admin)
    assert client.post(reverse("rewards:rule_toggle", kwargs={"uid": rule.uid})).status_code == 404
    assert client.post(reverse("rewards:rule_delete", kwargs={"uid": rule.uid})).status_code == 404
