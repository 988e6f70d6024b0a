"""Services of the PK: structure edits, every workflow transition and the illegal ones."""

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from agreements import services
from agreements.models import Agreement, AgreementEvent, Indicator, IndicatorTarget, Sasaran
from sakip.core import services as core_services
from tests.factories import make_year

pytestmark = pytest.mark.django_db


def messages(exc: ValidationError) -> str:
    return " ".join(exc.value.messages)


def first_sasaran(pk):
    return pk.sasaran.order_by("order").first()


# --- create ---------------------------------------------------------------------------------


def test_operator_creates_version_one_draft_with_event(year, unit_a, operator_a):
    pk = services.agreement_create(fiscal_year=year, unit=unit_a, by=operator_a)
    assert (pk.version, pk.status, pk.pemda_id) == (1, "draft", unit_a.pemda_id)
    assert pk.events.get().action == AgreementEvent.Action.CREATE


def test_second_pk_for_same_unit_and_year_is_refused(draft_a, year, unit_a, operator_a):
    with pytest.raises(ValidationError, match="sudah ada"):
        services.agreement_create(fiscal_year=year, unit=unit_a, by=operator_a)


def test_operator_of_other_unit_cannot_create(year, unit_a, operator_b):
    with pytest.raises(PermissionDenied):
        services.agreement_create(fiscal_year=year, unit=unit_a, by=operator_b)


def test_pemda_pk_only_by_admin(year, admin, operator_a):
    with pytest.raises(PermissionDenied):
        services.agreement_create(fiscal_year=year, unit=None, by=operator_a)
    pk = services.agreement_create(fiscal_year=year, unit=None, by=admin)
    assert pk.is_pemda_pk


def test_other_pemda_admin_cannot_create(year, unit_a, other_admin):
    with pytest.raises(PermissionDenied):
        services.agreement_create(fiscal_year=year, unit=None, by=other_admin)


# --- indicators and targets -----------------------------------------------------------------


def test_text_in_numeric_target_is_refused_in_indonesian(draft_a, operator_a):
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            sasaran=first_sasaran(draft_a),
            data={"name": "Cakupan imunisasi", "satuan": "%", "target": "sembilan puluh"},
            quarter_targets=[20, 40, "enam puluh", 90],
            by=operator_a,
        )
    assert exc.value.message_dict == {
        "target": ["Bukan angka: sembilan puluh"],
        "tw3": ["Bukan angka: enam puluh"],
    }
    assert not Indicator.objects.filter(name="Cakupan imunisasi").exists()


def test_quarters_not_matching_annual_target_are_refused(draft_a, operator_a):
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            sasaran=first_sasaran(draft_a),
            data={"name": "Jumlah posyandu aktif", "satuan": "unit", "period_rule": "cumulative", "target": 100},
            quarter_targets=[25, 25, 25, 20],
            by=operator_a,
        )
    assert exc.value.message_dict["tw4"] == ["Jumlah target TW I–IV (95) harus sama dengan target tahunan (100)."]
    assert IndicatorTarget.objects.filter(indicator__name="Jumlah posyandu aktif").count() == 0


def test_duplicate_indicator_name_in_sasaran_is_refused_case_insensitive(draft_a, operator_a):
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            sasaran=first_sasaran(draft_a), data={"name": "PREVALENSI  stunting", "satuan": "%"}, by=operator_a
        )
    assert "sudah ada pada sasaran ini" in exc.value.message_dict["name"][0]


def test_same_indicator_name_in_another_sasaran_is_allowed(draft_a, operator_a):
    other = services.sasaran_create(agreement=draft_a, name="Meningkatnya mutu layanan", by=operator_a)
    ind = services.indicator_create(sasaran=other, data={"name": "Prevalensi stunting", "satuan": "%"}, by=operator_a)
    assert ind.pk


def test_range_indicator_with_bounds_and_period_ranges(draft_a, operator_a):
    ind = services.indicator_create(
        sasaran=first_sasaran(draft_a),
        data={
            "name": "Indeks kepuasan",
            "satuan": "indeks",
            "polarity": "range",
            "target_low": "76,61",
            "target_high": 88,
        },
        quarter_targets=[(70, 80), (72, 82), (74, 85), ("76,61", 88)],
        by=operator_a,
    )
    ts = services.target_set(ind)
    assert ts.quarters[3] == (D("76.61"), D(88))


def test_range_lower_not_below_upper_is_refused(draft_a, operator_a):
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(
            sasaran=first_sasaran(draft_a),
            data={
                "name": "Indeks kepuasan",
                "satuan": "indeks",
                "polarity": "range",
                "target_low": 90,
                "target_high": 80,
            },
            by=operator_a,
        )
    assert "target_high" in exc.value.message_dict


def test_negative_target_needs_allow_negative(draft_a, operator_a):
    s = first_sasaran(draft_a)
    data = {"name": "Pertumbuhan ekonomi", "satuan": "%", "target": "-1,5"}
    with pytest.raises(ValidationError, match="Tidak boleh negatif"):
        services.indicator_create(sasaran=s, data=data, by=operator_a)
    ind = services.indicator_create(sasaran=s, data={**data, "allow_negative": True}, by=operator_a)
    assert ind.target == D("-1.5")


def test_indicator_update_keeps_lineage_and_replaces_targets(draft_a, operator_a):
    ind = Indicator.objects.get(name="Jumlah puskesmas terakreditasi")
    lineage = ind.lineage
    updated = services.indicator_update(
        indicator=ind, data={"target": 10}, quarter_targets=[2, 2, 3, 3], month_targets=None, by=operator_a
    )
    assert updated.lineage == lineage
    assert [t.value for t in updated.targets.filter(kind="quarter").order_by("number")] == [2, 2, 3, 3]


def test_indicator_update_with_target_only_checks_against_stored_quarters(draft_a, operator_a):
    ind = Indicator.objects.get(name="Jumlah puskesmas terakreditasi")
    with pytest.raises(ValidationError) as exc:
        services.indicator_update(indicator=ind, data={"target": 9}, by=operator_a)
    assert "tw4" in exc.value.message_dict


def test_monthly_targets_are_checked_against_quarters(draft_a, operator_a):
    ind = Indicator.objects.get(name="Jumlah puskesmas terakreditasi")
    months = [0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1]  # TW I sums to 1 = ok, TW II 2 ok, TW III 2 ok, TW IV 3 ok
    services.indicator_update(indicator=ind, data={}, month_targets=months, by=operator_a)
    assert ind.targets.filter(kind="month").count() == 12
    with pytest.raises(ValidationError) as exc:
        services.indicator_update(indicator=ind, data={}, month_targets=[1] * 12, by=operator_a)
    assert "bulan12" in exc.value.message_dict
    services.indicator_update(indicator=ind, data={}, month_targets=[], by=operator_a)
    assert ind.targets.filter(kind="month").count() == 0


# --- programs -------------------------------------------------------------------------------


def test_program_tree_codes_and_budget(draft_a, operator_a):
    program = draft_a.programs.get()
    kegiatan = services.program_create(
        agreement=draft_a,
        parent=program,
        data={
            "code": "1.02.02.2.01",
            "name": "Penyediaan Fasilitas Pelayanan Kesehatan",
            "level": "kegiatan",
            "budget": "Rp 500.000.000",
        },
        by=operator_a,
    )
    assert kegiatan.budget == D("500000000")
    with pytest.raises(ValidationError) as exc:
        services.program_create(
            agreement=draft_a,
            parent=program,
            data={"code": "1.03.01.2.01", "name": "Salah induk", "level": "kegiatan"},
            by=operator_a,
        )
    assert "code" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.program_create(
            agreement=draft_a, data={"code": "1.02.02", "name": "Duplikat", "budget": "abc"}, by=operator_a
        )
    assert set(exc.value.message_dict) == {"code", "budget"}


# --- workflow -------------------------------------------------------------------------------


def test_full_workflow_records_events(signed_a):
    actions = list(signed_a.events.order_by("created_at", "id").values_list("action", "from_status", "to_status"))
    assert actions == [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
        ("approve", "submitted", "approved"),
        ("sign", "approved", "signed"),
    ]


def test_submit_empty_pk_is_refused(year, unit_a, operator_a):
    pk = services.agreement_create(fiscal_year=year, unit=unit_a, by=operator_a)
    with pytest.raises(ValidationError, match="belum memiliki sasaran"):
        services.agreement_submit(agreement=pk, by=operator_a)


def test_submit_lists_every_incomplete_indicator(draft_a, operator_a):
    s = first_sasaran(draft_a)
    services.indicator_create(sasaran=s, data={"name": "Angka kematian ibu", "satuan": "per 100.000 KH"}, by=operator_a)
    services.sasaran_create(agreement=draft_a, name="Sasaran kosong", by=operator_a)
    with pytest.raises(ValidationError) as exc:
        services.agreement_submit(agreement=draft_a, by=operator_a)
    text = messages(exc)
    assert "Angka kematian ibu" in text and "target tahunan belum diisi" in text and "TW IV belum diisi" in text
    assert "Sasaran kosong" in text
    draft_a.refresh_from_db()
    assert draft_a.status == "draft"


def test_submit_twice_is_refused(submitted_a, operator_a):
    with pytest.raises(ValidationError, match="Hanya PK berstatus draf"):
        services.agreement_submit(agreement=submitted_a, by=operator_a)


def test_operator_cannot_approve(submitted_a, operator_a):
    with pytest.raises(PermissionDenied):
        services.agreement_approve(agreement=submitted_a, by=operator_a)


def test_approve_a_draft_is_refused(draft_a, kepala_a):
    with pytest.raises(ValidationError):
        services.agreement_approve(agreement=draft_a, by=kepala_a)


def test_sign_without_approval_is_refused(submitted_a, pimpinan):
    with pytest.raises(ValidationError, match="harus disetujui"):
        services.agreement_sign(agreement=submitted_a, by=pimpinan, signed_on=dt.date(2025, 1, 20))


def test_operator_and_kepala_cannot_sign(approved_a, operator_a, kepala_a):
    for user in (operator_a, kepala_a):
        with pytest.raises(PermissionDenied):
            services.agreement_sign(agreement=approved_a, by=user, signed_on=dt.date(2025, 1, 20))


def test_return_needs_a_note_and_goes_back_to_draft(approved_a, pimpinan, operator_a):
    with pytest.raises(ValidationError) as exc:
        services.agreement_return(agreement=approved_a, by=pimpinan, note="  ")
    assert "note" in exc.value.message_dict
    pk = services.agreement_return(agreement=approved_a, by=pimpinan, note="Target TW II terlalu rendah")
    assert (pk.status, pk.return_note, pk.approved_by) == ("draft", "Target TW II terlalu rendah", None)
    assert pk.events.first().action == "return"
    pk = services.agreement_submit(agreement=pk, by=operator_a)
    assert pk.return_note == ""


def test_kepala_returns_submitted(submitted_a, kepala_a, operator_b):
    with pytest.raises(PermissionDenied):
        services.agreement_return(agreement=submitted_a, by=operator_b, note="x")
    assert services.agreement_return(agreement=submitted_a, by=kepala_a, note="Lengkapi definisi").status == "draft"


def test_return_a_draft_is_refused(draft_a, kepala_a):
    with pytest.raises(ValidationError):
        services.agreement_return(agreement=draft_a, by=kepala_a, note="x")


@pytest.mark.parametrize("fixture", ["submitted_a", "approved_a", "signed_a"])
def test_non_draft_pk_cannot_be_edited_through_services(request, fixture, operator_a):
    pk = request.getfixturevalue(fixture)
    s = first_sasaran(pk)
    ind = s.indicators.first()
    attempts = [
        lambda: services.sasaran_create(agreement=pk, name="Baru", by=operator_a),
        lambda: services.sasaran_update(sasaran=s, data={"name": "Ubah"}, by=operator_a),
        lambda: services.sasaran_delete(sasaran=s, by=operator_a),
        lambda: services.indicator_create(sasaran=s, data={"name": "Baru", "satuan": "%"}, by=operator_a),
        lambda: services.indicator_update(indicator=ind, data={"target": 1}, by=operator_a),
        lambda: services.indicator_delete(indicator=ind, by=operator_a),
        lambda: services.program_create(agreement=pk, data={"code": "1.02.03", "name": "Baru"}, by=operator_a),
        lambda: services.program_update(program=pk.programs.first(), data={"budget": 1}, by=operator_a),
        lambda: services.program_delete(program=pk.programs.first(), by=operator_a),
    ]
    expected = "sudah ditandatangani tidak dapat diubah" if fixture == "signed_a" else "kembalikan dulu ke draf"
    for attempt in attempts:
        with pytest.raises(ValidationError, match=expected):
            attempt()
    assert Sasaran.objects.filter(agreement=pk).count() == 1
    assert Indicator.objects.filter(sasaran__agreement=pk).count() == 2


def test_operator_b_cannot_edit_unit_a(draft_a, operator_b):
    with pytest.raises(PermissionDenied):
        services.sasaran_create(agreement=draft_a, name="Penyusup", by=operator_b)


# --- signing --------------------------------------------------------------------------------


def test_signatories_are_frozen_at_signing(signed_a, unit_a, pimpinan):
    data = signed_a.signatories
    assert data["pihak_pertama"]["name"] == "dr. Kepala Dinkes, M.Kes."
    assert data["pihak_pertama"]["nip"] == "197001011998031001"
    assert data["pihak_kedua"]["title"] == "Bupati Banjar Uji"
    assert data["pihak_kedua"]["name"] == pimpinan.display_name
    assert data["totals"] == {"sasaran": 1, "indicators": 2, "programs": 1, "budget": "1250000000.00"}
    assert data["late"] is False and data["place"] == "Martapura"
    # A later change of head or Pemda does not touch the signed document.
    core_services.unit_head_assign(
        unit=unit_a,
        data={
            "name": "Pejabat Baru",
            "nip": "198001012005011001",
            "title": "Kepala Dinas Kesehatan",
            "start_date": dt.date(2025, 3, 1),
        },
    )
    signed_a.pemda.name = "Kabupaten Berganti"
    signed_a.pemda.save()
    signed_a.refresh_from_db()
    assert signed_a.signatories["pihak_pertama"]["name"] == "dr. Kepala Dinkes, M.Kes."
    assert signed_a.signatories["pemda"]["name"] == "Kabupaten Banjar Uji"


def test_acting_head_prefix_is_frozen(approved_a, unit_a, pimpinan):
    unit_a.heads.update(end_date=dt.date(2025, 1, 9))
    core_services.unit_head_assign(
        unit=unit_a,
        data={
            "name": "Plt Kepala",
            "nip": "198001012005011001",
            "title": "Kepala Dinas Kesehatan",
            "acting": "Plt.",
            "start_date": dt.date(2025, 1, 10),
        },
    )
    pk = services.agreement_sign(agreement=approved_a, by=pimpinan, signed_on=dt.date(2025, 1, 15))
    assert pk.signatories["pihak_pertama"]["display_title"] == "Plt. Kepala Dinas Kesehatan"


def test_sign_refused_when_unit_has_no_head_on_that_date(approved_a, pimpinan):
    with pytest.raises(ValidationError) as exc:
        services.agreement_sign(agreement=approved_a, by=pimpinan, signed_on=dt.date(2022, 12, 30))
    assert "signed_on" in exc.value.message_dict
    with pytest.raises(ValidationError, match="tidak memiliki kepala"):
        approved_a.unit.heads.update(start_date=dt.date(2025, 2, 1))
        services.agreement_sign(agreement=approved_a, by=pimpinan, signed_on=dt.date(2025, 1, 20))


def test_late_signing_is_flagged(approved_a, admin, pimpinan):
    pk = services.agreement_sign(agreement=approved_a, by=admin, signed_on=dt.date(2025, 2, 14), place="Banjarbaru")
    assert pk.signatories["late"] is True and pk.signed_place == "Banjarbaru"
    assert "Terlambat" in pk.events.first().note


@time_machine.travel(dt.datetime(2025, 1, 10, 8, 0, tzinfo=dt.UTC))
def test_signing_date_in_future_is_refused(approved_a, admin):
    with pytest.raises(ValidationError, match="masa depan"):
        services.agreement_sign(agreement=approved_a, by=admin, signed_on=dt.date(2025, 1, 20))


def test_sign_needs_kepala_daerah_on_record(approved_a, admin):
    with pytest.raises(ValidationError, match="Pimpinan dengan jabatan kepala daerah"):
        services.agreement_sign(agreement=approved_a, by=admin, signed_on=dt.date(2025, 1, 20))


def test_pemda_pk_is_signed_by_kepala_daerah_alone(year, admin, pimpinan):
    pk = services.agreement_create(fiscal_year=year, unit=None, by=admin)
    s = services.sasaran_create(agreement=pk, name="Meningkatnya kesejahteraan masyarakat", by=admin)
    services.indicator_create(
        sasaran=s,
        data={"name": "Indeks Pembangunan Manusia", "satuan": "poin", "target": "72,5"},
        quarter_targets=[None, None, None, "72,5"],
        by=admin,
    )
    with pytest.raises(ValidationError):  # TW I–III empty
        services.agreement_submit(agreement=pk, by=admin)
    services.indicator_update(indicator=s.indicators.get(), data={}, quarter_targets=[72, 72, 72, "72,5"], by=admin)
    services.agreement_submit(agreement=pk, by=admin)
    services.agreement_approve(agreement=pk, by=admin)
    services.agreement_sign(agreement=pk, by=pimpinan, signed_on=dt.date(2025, 1, 5))
    assert pk.signatories["pihak_pertama"]["title"] == "Bupati Banjar Uji"
    assert pk.signatories["pihak_kedua"] is None and pk.signatories["unit"] is None


def test_unit_sasaran_supports_pemda_sasaran_of_same_year(draft_a, year, admin, operator_a, pemda):
    pemda_pk = services.agreement_create(fiscal_year=year, unit=None, by=admin)
    pemda_s = services.sasaran_create(agreement=pemda_pk, name="Meningkatnya kualitas SDM", by=admin)
    s = services.sasaran_update(sasaran=first_sasaran(draft_a), data={"supports": pemda_s}, by=operator_a)
    assert s.supports == pemda_s
    other_year = make_year(pemda, 2026, current=False)
    other_pk = services.agreement_create(fiscal_year=other_year, unit=None, by=admin)
    other_s = services.sasaran_create(agreement=other_pk, name="Lain", by=admin)
    with pytest.raises(ValidationError) as exc:
        services.sasaran_update(sasaran=s, data={"supports": other_s}, by=operator_a)
    assert "supports" in exc.value.message_dict
    with pytest.raises(ValidationError, match="didukung"):
        services.sasaran_delete(sasaran=pemda_s, by=admin)


# --- revision -------------------------------------------------------------------------------


def test_revision_copies_content_with_lineage(signed_a, operator_a):
    old_ind = {i.name: i for i in Indicator.objects.filter(sasaran__agreement=signed_a)}
    new = services.agreement_revise(
        agreement=signed_a, by=operator_a, reason="budget", note="Setelah APBD-P", effective_date=dt.date(2025, 9, 1)
    )
    assert (new.version, new.status, new.previous_id, new.revision_reason) == (2, "draft", signed_a.pk, "budget")
    new_ind = {i.name: i for i in Indicator.objects.filter(sasaran__agreement=new)}
    assert set(new_ind) == set(old_ind)
    for name, ind in new_ind.items():
        assert ind.lineage == old_ind[name].lineage and ind.pk != old_ind[name].pk
        assert services.target_set(ind) == services.target_set(old_ind[name])
    assert list(new.programs.values_list("code", "budget")) == [("1.02.02", D("1250000000"))]
    assert new.events.get().action == "revise"
    # the new draft is editable; the signed version is not touched
    services.indicator_update(indicator=new_ind["Prevalensi stunting"], data={"definition": "Baru"}, by=operator_a)
    assert old_ind["Prevalensi stunting"].definition == ""


def test_revise_a_non_latest_version_is_refused(signed_a, operator_a, kepala_a, pimpinan):
    v2 = services.agreement_revise(
        agreement=signed_a, by=operator_a, reason="official", effective_date=dt.date(2025, 6, 1)
    )
    with pytest.raises(ValidationError, match="sedang disusun"):
        services.agreement_revise(
            agreement=signed_a, by=operator_a, reason="official", effective_date=dt.date(2025, 6, 1)
        )
    services.agreement_submit(agreement=v2, by=operator_a)
    services.agreement_approve(agreement=v2, by=kepala_a)
    services.agreement_sign(agreement=v2, by=pimpinan, signed_on=dt.date(2025, 6, 2))
    signed_a.refresh_from_db()
    with pytest.raises(ValidationError, match="versi terakhir"):
        services.agreement_revise(
            agreement=signed_a, by=operator_a, reason="budget", effective_date=dt.date(2025, 9, 1)
        )
    assert Agreement.objects.filter(unit=signed_a.unit).count() == 2


def test_revise_needs_signed_pk_reason_and_date_in_year(draft_a, signed_a, operator_a):
    with pytest.raises(ValidationError) as exc:
        services.agreement_revise(agreement=signed_a, by=operator_a, reason="", effective_date=dt.date(2024, 6, 1))
    assert set(exc.value.message_dict) == {"revision_reason", "effective_date"}


def test_revise_a_draft_is_refused(draft_a, operator_a):
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.agreement_revise(agreement=draft_a, by=operator_a, reason="budget", effective_date=dt.date(2025, 6, 1))
