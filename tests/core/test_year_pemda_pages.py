"""Years, reporting calendar, Pemda profile, logo and ranking categories."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sakip.core.models import FiscalYear, Pemda, RankingCategory

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def pemda_post(**overrides):
    data = {
        "name": "Kabupaten Banjar Uji",
        "kind": "kabupaten",
        "province": "Kalimantan Selatan",
        "head_title": "Bupati",
        "seat": "Martapura",
        "letterhead": "PEMERINTAH KABUPATEN BANJAR\nJl. Menteri Empat",
        "timezone": "Asia/Makassar",
    }
    data.update(overrides)
    return data


def test_admin_creates_year_with_months_and_quarters(admin, client_for):
    data = {"year": 2026, "frequency": "quarterly", "deadline_day": 15, "grace_days": 3, "set_current": "on"}
    assert client_for(admin).post("/tahun/baru/", data).status_code == 302
    fy = FiscalYear.objects.get(pemda=admin.pemda, year=2026)
    assert fy.is_current and fy.frequency == "quarterly"
    assert fy.periods.filter(kind="month").count() == 12 and fy.periods.filter(kind="quarter").count() == 4


def test_duplicate_year_is_refused(admin, year, client_for):
    response = client_for(admin).post(
        "/tahun/baru/", {"year": 2025, "frequency": "monthly", "deadline_day": 10, "grace_days": 5}
    )
    assert "Tahun 2025 sudah ada." in response.context["form"].errors["year"]


def test_deadline_day_out_of_range_is_refused(admin, year, client_for):
    data = {"frequency": "monthly", "deadline_day": 31, "grace_days": 5}
    response = client_for(admin).post(f"/tahun/{year.uid}/", data)
    assert response.status_code == 200 and response.context["form"].errors["deadline_day"]
    year.refresh_from_db()
    assert year.deadline_day == 10


def test_admin_edits_calendar_and_sets_current_year(admin, year, client_for):
    c = client_for(admin)
    other = FiscalYear.objects.create(pemda=admin.pemda, year=2026)
    data = {"frequency": "quarterly", "deadline_day": 12, "grace_days": 7, "pk_deadline": "2025-02-15"}
    assert c.post(f"/tahun/{year.uid}/", data).status_code == 302
    year.refresh_from_db()
    assert (year.frequency, year.deadline_day, year.grace_days) == ("quarterly", 12, 7)
    assert c.post(f"/tahun/{other.uid}/berjalan/").status_code == 302
    year.refresh_from_db()
    other.refresh_from_db()
    assert other.is_current and not year.is_current
    assert "Riwayat perubahan" in c.get(f"/tahun/{year.uid}/").content.decode()


def test_operator_sees_years_but_cannot_change_them(operator_a, year, client_for):
    c = client_for(operator_a)
    assert c.get("/tahun/").status_code == 200
    assert c.get("/tahun/baru/").status_code == 403
    assert (
        c.post(f"/tahun/{year.uid}/", {"frequency": "quarterly", "deadline_day": 1, "grace_days": 1}).status_code == 403
    )
    assert c.post(f"/tahun/{year.uid}/berjalan/").status_code == 403


def test_other_pemda_year_is_404(admin, other_pemda, client_for):
    from tests.factories import make_year

    fy = make_year(other_pemda, 2025)
    assert client_for(admin).get(f"/tahun/{fy.uid}/").status_code == 404
    assert client_for(admin).post(f"/tahun/{fy.uid}/berjalan/").status_code == 404


def test_every_pemda_user_sees_the_profile(operator_a, pemda, client_for):
    html = client_for(operator_a).get("/pemda/").content.decode()
    assert pemda.name in html and "Ubah profil" not in html


def test_admin_edits_profile_and_uploads_logo_served_through_view(admin, pemda, client_for):
    c = client_for(admin)
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    assert c.post("/pemda/ubah/", {**pemda_post(seat="Banjarbaru"), "logo": logo}).status_code == 302
    pemda.refresh_from_db()
    assert pemda.seat == "Banjarbaru" and pemda.timezone == "Asia/Makassar" and pemda.logo
    response = c.get("/pemda/logo/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes()


def test_logo_that_is_not_an_image_is_refused(admin, pemda, client_for):
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client_for(admin).post("/pemda/ubah/", {**pemda_post(), "logo": fake})
    assert response.status_code == 200 and response.context["form"].errors["logo"]
    pemda.refresh_from_db()
    assert not pemda.logo


def test_logo_of_pemda_without_logo_is_404(admin, client_for):
    assert client_for(admin).get("/pemda/logo/").status_code == 404


def test_operator_cannot_edit_profile_or_categories(operator_a, pemda, client_for):
    c = client_for(operator_a)
    assert c.post("/pemda/ubah/", pemda_post(name="Diretas")).status_code == 403
    assert c.post("/pemda/kategori/", {"name": "Baru", "order": 1}).status_code == 403
    assert Pemda.objects.get(pk=pemda.pk).name == "Kabupaten Banjar Uji"


def test_admin_adds_and_renames_ranking_category(admin, pemda, client_for):
    c = client_for(admin)
    assert c.post("/pemda/kategori/", {"name": "Rumah Sakit", "order": 4}).status_code == 302
    category = RankingCategory.objects.get(pemda=pemda, name="Rumah Sakit")
    assert category.code == "rumah-sakit"
    response = c.post("/pemda/kategori/", {"name": "rumah sakit", "order": 5})
    assert "Kategori rumah sakit sudah ada." in response.context["form"].errors["name"]
    assert c.post(f"/pemda/kategori/{category.uid}/", {"name": "RSUD", "order": 4}).status_code == 302
    category.refresh_from_db()
    assert category.name == "RSUD" and category.code == "rumah-sakit"


def test_other_pemda_category_is_404(admin, other_pemda, client_for):
    category = RankingCategory.objects.filter(pemda=other_pemda).first()
    assert client_for(admin).get(f"/pemda/kategori/{category.uid}/").status_code == 404
