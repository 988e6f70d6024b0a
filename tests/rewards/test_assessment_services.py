"""External assessments (issue #9): default types, type validation, band derivation, saving results
(range, level, band, duplicate, evidence) with Indonesian messages and nothing saved halfway."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from rewards import services_assessments as svc
from rewards.assessment_defaults import DEFAULT_TYPES, metric_code
from rewards.models import Assessment, AssessmentType

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def types(pemda) -> dict[str, AssessmentType]:
    svc.ensure_default_types(pemda)
    return {t.code: t for t in AssessmentType.objects.filter(pemda=pemda)}


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- defaults and pure rules --------------------------------------------------------------------


def test_defaults_installed_once_and_valid(pemda):
    assert svc.ensure_default_types(pemda) == 3
    assert svc.ensure_default_types(pemda) == 0
    found = types(pemda)
    assert set(found) == {"ombudsman", "spip", "ikm"}
    for row in DEFAULT_TYPES:
        assert (
            svc.type_problems(
                code=row["code"], kind=row["kind"], min_value=row["min"], max_value=row["max"], bands=row["bands"]
            )
            == []
        )
    assert [b["label"] for b in found["spip"].bands][::-1] == [
        "Belum ada",
        "Rintisan",
        "Berkembang",
        "Terdefinisi",
        "Terkelola dan terukur",
        "Optimum",
    ]
    assert metric_code("ombudsman") == "penilaian_ombudsman"
    assert metric_code("survei-x") == "penilaian_survei_x"


IKM = next(t for t in DEFAULT_TYPES if t["code"] == "ikm")["bands"]
OMBUDSMAN = next(t for t in DEFAULT_TYPES if t["code"] == "ombudsman")["bands"]
SPIP = next(t for t in DEFAULT_TYPES if t["code"] == "spip")["bands"]


@pytest.mark.parametrize(
    ("bands", "value", "expected"),
    [
        (IKM, "88.31", "a"),
        (IKM, "88.30", "b"),
        (IKM, "76.61", "b"),
        (IKM, "76.60", "c"),
        (IKM, "65.00", "c"),
        (IKM, "64.99", "d"),
        (IKM, "0", "d"),
        (OMBUDSMAN, "100", "hijau"),
        (OMBUDSMAN, "78.01", "hijau"),
        (OMBUDSMAN, "78.00", "kuning"),
        (OMBUDSMAN, "57.01", "kuning"),
        (OMBUDSMAN, "57.00", "merah"),
        (SPIP, "3", "terdefinisi"),
        (SPIP, "5", "optimum"),
        (SPIP, "0", "belum_ada"),
        ([], "50", ""),
        (IKM, None, ""),
    ],
)
def test_band_for(bands, value, expected):
    assert svc.band_for(None if value is None else D(value), bands) == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": "Bad Code"}, "Kode jenis penilaian"),
        ({"kind": "huruf"}, "Jenis nilai"),
        ({"min_value": "100", "max_value": "0"}, "Nilai terendah harus lebih kecil"),
        ({"kind": "level", "max_value": "4.5"}, "bilangan bulat"),
        ({"bands": [{"code": "a", "label": "A", "min": "50"}, {"code": "b", "label": "B", "min": "60"}]}, "urut"),
        ({"bands": [{"code": "a", "label": "A", "min": "150"}, {"code": "b", "label": "B", "min": "0"}]}, "di antara"),
        ({"bands": [{"code": "a", "label": "A", "min": "50"}, {"code": "a", "label": "B", "min": "0"}]}, "berulang"),
        ({"bands": [{"code": "a", "label": "A", "min": "50"}, {"code": "b", "label": "B", "min": "10"}]}, "terendah"),
        ({"bands": [{"code": "a", "label": "", "min": "0"}]}, "wajib diisi"),
        ({"bands": [{"code": "a", "label": "A", "min": "x"}]}, "harus berupa angka"),
    ],
)
def test_type_problems(kwargs, message):
    data = {"code": "survei", "kind": "nilai", "min_value": "0", "max_value": "100", "bands": []} | kwargs
    problems = svc.type_problems(**data)
    assert any(message in p for p in problems), problems


# --- types through the service ------------------------------------------------------------------


def test_type_save_refuses_and_saves(pemda, admin, operator_a):
    data = {
        "code": "wbk",
        "name": "Zona Integritas",
        "kind": "nilai",
        "min_value": D(0),
        "max_value": D(100),
        "higher_is_better": True,
        "bands": [{"code": "wbbm", "label": "WBBM", "min": D(85)}, {"code": "lain", "label": "Belum", "min": D(0)}],
    }
    with pytest.raises(PermissionDenied):
        svc.type_save(user=operator_a, pemda=pemda, data=data)
    saved = svc.type_save(user=admin, pemda=pemda, data=data)
    assert saved.bands == [
        {"code": "wbbm", "label": "WBBM", "min": "85"},
        {"code": "lain", "label": "Belum", "min": "0"},
    ]
    with pytest.raises(ValidationError) as error:
        svc.type_save(user=admin, pemda=pemda, data=data | {"name": "Lagi"})
    assert "sudah dipakai" in messages(error.value)
    assert AssessmentType.objects.filter(pemda=pemda, code="wbk").count() == 1


def test_type_with_results_keeps_its_code_and_cannot_be_deleted(pemda, admin, unit_a):
    ikm = types(pemda)["ikm"]
    svc.assessment_save(user=admin, unit=unit_a, assessment_type=ikm, year=2025, value=D("80"))
    with pytest.raises(ValidationError) as error:
        svc.type_save(user=admin, pemda=pemda, data={"code": "ikm2"}, instance=ikm)
    assert "Kode tidak dapat diubah" in messages(error.value)
    with pytest.raises(ValidationError):
        svc.type_delete(user=admin, assessment_type=ikm)
    with pytest.raises(ValidationError) as error:
        svc.type_save(user=admin, pemda=pemda, data={"max_value": D("50"), "bands": []}, instance=ikm)
    assert "di luar rentang baru" in messages(error.value)
    ikm.refresh_from_db()
    assert ikm.code == "ikm" and ikm.max_value == 100


# --- assessments ---------------------------------------------------------------------------------


def test_band_derived_when_not_entered_and_kept_when_entered(pemda, admin, unit_a, unit_b):
    t = types(pemda)
    a = svc.assessment_save(user=admin, unit=unit_a, assessment_type=t["ikm"], year=2025, value=D("88.31"))
    assert a.band == "a" and a.created_by == admin and a.pemda_id == pemda.pk
    b = svc.assessment_save(
        user=admin, unit=unit_b, assessment_type=t["ombudsman"], year=2025, value="60", band="merah"
    )
    assert b.band == "merah"
    edited = svc.assessment_save(
        user=admin, unit=unit_a, assessment_type=t["ikm"], year=2025, value=D("70"), instance=a
    )
    assert edited.pk == a.pk and edited.band == "c"


@pytest.mark.parametrize(
    ("code", "value", "band", "field", "message"),
    [
        ("ikm", "100.5", "", "value", "harus di antara 0 dan 100"),
        ("ikm", "-1", "", "value", "harus di antara"),
        ("spip", "3.5", "", "value", "level bilangan bulat"),
        ("spip", "6", "", "value", "harus di antara 0 dan 5"),
        ("ikm", "abc", "", "value", "harus berupa angka"),
        ("ombudsman", "80", "biru", "band", "Kategori “biru” tidak dikenal"),
    ],
)
def test_bad_values_refused(pemda, admin, unit_a, code, value, band, field, message):
    with pytest.raises(ValidationError) as error:
        svc.assessment_save(
            user=admin, unit=unit_a, assessment_type=types(pemda)[code], year=2025, value=value, band=band
        )
    assert message in " ".join(error.value.message_dict[field])
    assert not Assessment.objects.exists()


def test_duplicate_refused(pemda, admin, unit_a):
    ikm = types(pemda)["ikm"]
    svc.assessment_save(user=admin, unit=unit_a, assessment_type=ikm, year=2025, value="80")
    with pytest.raises(ValidationError) as error:
        svc.assessment_save(user=admin, unit=unit_a, assessment_type=ikm, year=2025, value="81")
    assert "sudah memiliki penilaian" in messages(error.value)
    assert Assessment.objects.get().value == D("80")


def test_evidence_checked_by_content(pemda, admin, unit_a):
    ikm = types(pemda)["ikm"]
    fake = SimpleUploadedFile("bukti.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        svc.assessment_save(user=admin, unit=unit_a, assessment_type=ikm, year=2025, value="80", evidence=fake)
    assert "bukan PDF" in messages(error.value)
    empty = SimpleUploadedFile("kosong.pdf", b"", content_type="application/pdf")
    with pytest.raises(ValidationError):
        svc.assessment_save(user=admin, unit=unit_a, assessment_type=ikm, year=2025, value="80", evidence=empty)
    assert not Assessment.objects.exists()
    good = SimpleUploadedFile("lhp.pdf", PDF, content_type="application/pdf")
    saved = svc.assessment_save(
        user=admin,
        unit=unit_a,
        assessment_type=ikm,
        year=2025,
        value="80",
        evidence=good,
        evidence_url="https://x.id/a",
    )
    assert saved.evidence.name.endswith(".pdf") and saved.evidence_url == "https://x.id/a"


def test_only_admin_of_the_pemda_writes(pemda, admin, operator_a, kepala_a, pimpinan, other_admin, unit_a, other_unit):
    ikm = types(pemda)["ikm"]
    for user in (operator_a, kepala_a, pimpinan, other_admin):
        with pytest.raises(PermissionDenied):
            svc.assessment_save(user=user, unit=unit_a, assessment_type=ikm, year=2025, value="80")
    with pytest.raises(PermissionDenied):  # a type of another Pemda for this unit
        svc.assessment_save(user=other_admin, unit=other_unit, assessment_type=ikm, year=2025, value="80")
    saved = svc.assessment_save(user=admin, unit=unit_a, assessment_type=ikm, year=2025, value="80")
    with pytest.raises(PermissionDenied):
        svc.assessment_delete(user=pimpinan, assessment=saved)
    svc.assessment_delete(user=admin, assessment=saved)
    assert not Assessment.objects.exists()
