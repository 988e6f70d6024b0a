"""Home page per role: what to do now, the role's panels, empty states that explain the next step."""

import datetime as dt

import pytest
import time_machine

from sakip.core import home
from sakip.core.home_tasks import reporting_due, setup_checklist
from sakip.core.models import FiscalYear
from tests.factories import UnitFactory, UnitHeadFactory, make_user, make_year

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def page(client_for, user) -> str:
    response = client_for(user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_admin_without_units_is_told_to_add_units_first(client_for, admin):
    html = page(client_for, admin)
    assert "Belum ada unit. Tambahkan satu per satu atau impor dari Excel." in html
    assert "Mendesak" in html
    tasks = home.tasks_for(admin)
    assert [t.level for t in tasks if t.order >= 10 and t.order < 20] == ["urgent"]  # nothing else yet
    assert "2 dari 7 langkah selesai" in html  # the Pemda profile and "every user has a role"


def test_admin_checklist_shows_progress(client_for, admin, unit_a, unit_b, operator_a, evaluator, pimpinan, year):
    steps = {s.key: s for s in setup_checklist(admin, dt.date(2026, 11, 22))}
    assert steps["heads"].done and (steps["heads"].count, steps["heads"].total) == (2, 2)
    assert not steps["operators"].done and (steps["operators"].count, steps["operators"].total) == (1, 2)
    assert steps["year"].done and steps["people"].done and steps["roleless"].done
    html = page(client_for, admin)
    assert "6 dari 7 langkah selesai" in html
    assert "1 unit belum memiliki operator" in html
    assert 'role="progressbar"' in html


def test_operator_sees_own_unit_head_and_reporting_calendar(client_for, operator_a, unit_b, year):
    FiscalYear.objects.filter(pk=year.pk).update(year=2026)
    html = page(client_for, operator_a)
    assert "Dinas Kesehatan" in html
    assert "dr. Kepala Dinkes, M.Kes." in html and "197001011998031001" in html
    assert "Kalender pelaporan" in html
    assert "Persiapan portal" not in html and "Ringkasan" not in html
    assert "Kecamatan Astambul" not in html  # another unit of the same Pemda is not on this home page


def test_operator_of_unit_without_head_gets_a_task(client_for, pemda):
    unit = UnitFactory(pemda=pemda, name="Dinas Sosial", short_name="Dinsos")
    operator = make_user(pemda, "operator", unit)
    html = page(client_for, operator)
    assert "Data kepala Dinsos belum tercatat" in html
    assert "Minta Admin SAKIP mencatat kepala unit ini" in html


def test_kepala_is_recognised_as_the_head(client_for, pemda):
    unit = UnitFactory(pemda=pemda, name="Dinas Sosial")
    kepala = make_user(pemda, "kepala", unit)
    UnitHeadFactory(unit=unit, name="Hj. Mursyidah", user=kepala, acting="Plt.")
    html = page(client_for, kepala)
    assert "Hj. Mursyidah" in html and "Plt." in html and "<strong>Anda</strong>" in html


def test_evaluator_sees_units_by_category_with_inspektorat(client_for, pemda, evaluator_lead, unit_a, unit_b):
    insp = UnitFactory(pemda=pemda, name="Inspektorat", type="inspektorat")
    UnitHeadFactory(unit=insp, name="Dr. Inspektur Uji", title="Inspektur")
    html = page(client_for, evaluator_lead)
    assert "Wilayah evaluasi Inspektorat" in html
    assert "Dr. Inspektur Uji" in html
    assert "Sebagai ketua tim" in html
    assert "?kategori=kecamatan" in html
    assert "LKE unit yang harus dinilai" in html  # the empty to-do list says what will come


def test_pimpinan_sees_overview_with_chart_and_acting_heads(client_for, pemda, pimpinan, unit_a, unit_b):
    plt_unit = UnitFactory(pemda=pemda, name="Dinas Perhubungan", short_name="Dishub")
    UnitHeadFactory(unit=plt_unit, name="Yusran Plt", acting="Plt.", start_date=dt.date(2026, 4, 1))
    html = page(client_for, pimpinan)
    assert "Ringkasan Kabupaten Banjar Uji" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert "Dishub" in html and "sejak 1 April 2026" in html
    assert "Pimpinan (Bupati)" in html


def test_user_without_role_is_told_whom_to_ask(client_for, pemda):
    html = page(client_for, make_user(pemda))
    assert "Akun Anda belum memiliki peran" in html
    assert "Hubungi Admin SAKIP" in html


def test_home_never_shows_another_pemda(client_for, admin, unit_a, other_admin, other_unit):
    own = page(client_for, admin)
    assert "Kabupaten Banjar Uji" in own and "Kota Lain" not in own
    other = page(client_for, other_admin)
    assert "Ringkasan Kota Lain Uji" in other
    assert "Kabupaten Banjar Uji" not in other and "dr. Kepala Dinkes" not in other


def test_home_query_count_is_bounded(
    client_for, admin, unit_a, unit_b, operator_a, year, django_assert_max_num_queries
):
    for i in range(15):
        UnitHeadFactory(unit=UnitFactory(pemda=admin.pemda, code=f"9.{i:02d}"))
    client = client_for(admin)
    with django_assert_max_num_queries(40):
        assert client.get("/").status_code == 200


def test_other_capabilities_can_add_panels(client_for, admin):
    def provider(user):
        return home.Panel("custom", "Panel Uji Tambahan", order=1, wide=True)

    home.register_panel(provider)
    try:
        html = page(client_for, admin)
    finally:
        home.PANEL_PROVIDERS.remove(provider)
    assert "Panel Uji Tambahan" in html
    assert html.index("Panel Uji Tambahan") < html.index("Persiapan portal")


@pytest.mark.parametrize(
    ("today", "period", "due", "ended"),
    [
        (dt.date(2026, 11, 5), 10, dt.date(2026, 11, 10), True),  # October is being reported
        (dt.date(2026, 11, 10), 10, dt.date(2026, 11, 10), True),  # the deadline day itself
        (dt.date(2026, 11, 22), 11, dt.date(2026, 12, 10), False),  # November has not ended yet
        (dt.date(2026, 12, 31), 12, dt.date(2027, 1, 10), False),
        (dt.date(2027, 1, 10), 12, dt.date(2027, 1, 10), True),  # December is due in January
        (dt.date(2027, 1, 11), None, None, None),
    ],
)
def test_reporting_due(pemda, today, period, due, ended):
    year = make_year(pemda, 2026)
    result = reporting_due(year, today)
    if period is None:
        assert result is None
    else:
        assert (result["period"].number, result["due"], result["ended"]) == (period, due, ended)


def test_reporting_due_quarterly(pemda):
    year = make_year(pemda, 2026)
    year.frequency = FiscalYear.Frequency.QUARTERLY
    year.save()
    result = reporting_due(year, dt.date(2026, 11, 22))
    assert result["period"].label == "Triwulan IV 2026" and result["due"] == dt.date(2027, 1, 10)
