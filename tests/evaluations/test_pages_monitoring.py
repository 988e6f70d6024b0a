"""Monitoring pages: who may see them, the matrix states (colour and text), completeness and
timeliness rates, the dashboard and unit page, drill-down links, and pinned query counts (the
matrix of 60 units × 12 months and the entry grid of a unit with 40 indicators)."""

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse

from evaluations import monitoring, services
from evaluations.models import PeriodReport, Realisation
from tests.evaluations.realisation_factories import indicators_of, signed_pk
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 5, 2, 0, tzinfo=dt.UTC)  # 5 March 2025, 10.00 WITA


def url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _report(unit, period, status, *, late=False):
    deadline = monitoring.default_deadline(period.fiscal_year, period)
    return PeriodReport.objects.create(
        pemda_id=unit.pemda_id,
        unit=unit,
        period=period,
        status=status,
        deadline=deadline,
        is_late=late,
        submitted_at=dt.datetime(2025, 2, 8, tzinfo=dt.UTC) if status != "draft" else None,
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("evaluator", 200), ("pimpinan", 200), ("operator_a", 403), ("kepala_a", 403)],
)
def test_monitoring_pages_per_persona(client_for, request, year, unit_a, persona, status):
    client = client_for(request.getfixturevalue(persona))
    for name in ("monitoring_matrix", "monitoring_dashboard"):
        assert client.get(url(name)).status_code == status, name
    assert client.get(url("monitoring_unit", unit_a.uid)).status_code == status


def test_other_pemda_cannot_open_a_unit(client_for, other_admin, unit_a, year):
    assert client_for(other_admin).get(url("monitoring_unit", unit_a.uid)).status_code == 404


def test_matrix_states_are_colour_and_text_with_rates(client_for, admin, year, unit_a, unit_b):
    jan = year.periods.get(kind="month", number=1)
    _report(unit_a, jan, "accepted")
    _report(unit_b, jan, "submitted", late=True)
    response = client_for(admin).get(url("monitoring_matrix"))
    body = text(response)
    assert "rs rs-accepted" in body and "Januari 2025: Diterima" in body
    assert "rs rs-late" in body and "Januari 2025: Terlambat" in body
    assert "Februari 2025: Belum jatuh tempo" in body  # deadline 10 March, today 5 March
    assert "Maret 2025: Belum jatuh tempo" in body
    # Pemda: 2 due periods (January of both units), both reported, one on time
    assert "100,00%" in body and "50,00%" in body
    assert url("monitoring_unit", unit_a.uid) in body  # drill-down to the unit


def test_matrix_marks_missing_and_returned(year, unit_a, unit_b):
    jan = year.periods.get(kind="month", number=1)
    _report(unit_b, jan, "returned")
    result = monitoring.matrix(year, today=dt.date(2025, 3, 5))
    states = {row.unit.pk: row.cells[0].state for row in result.rows}
    assert states == {unit_a.pk: "missing", unit_b.pk: "returned"}
    assert result.rates.completeness == D("0.00") and result.rates.due == 2


def test_matrix_filters_by_period_and_unit_category(client_for, admin, year, unit_a, unit_b):
    body = text(client_for(admin).get(url("monitoring_matrix") + "?periode=1"))
    assert "Januari 2025" in body and "Februari 2025: " not in body


def test_dashboard_shows_distribution_and_red_units(client_for, pimpinan, operator_a, year, unit_a):
    pk = signed_pk(year, unit_a, count=2)
    jan = year.periods.get(kind="month", number=1)
    report = _report(unit_a, jan, "accepted")
    first, second = indicators_of(pk)
    Realisation.objects.create(
        pemda_id=unit_a.pemda_id, report=report, indicator=first, indicator_lineage=first.lineage, value=D(10)
    )
    Realisation.objects.create(
        pemda_id=unit_a.pemda_id, report=report, indicator=second, indicator_lineage=second.lineage, value=D(25)
    )
    body = text(client_for(pimpinan).get(url("monitoring_dashboard") + "?periode=1"))
    assert "Sebaran kategori capaian indikator" in body and "<svg" in body
    assert "Dinas Kesehatan" in body and "1 indikator Sangat Rendah" in body
    listed = text(client_for(pimpinan).get(url("monitoring_dashboard") + "?periode=1&kategori=sangat_rendah"))
    assert url("indicator_detail", unit_a.uid, 2025, first.lineage) in listed
    unit_page = text(client_for(pimpinan).get(url("monitoring_unit", unit_a.uid) + "?periode=1"))
    assert "cat-border-sangat_rendah" in unit_page and "Indikator 1" in unit_page


# --- query counts ---------------------------------------------------------------------------


def _many_units(pemda, year, count, start=0):
    units = [
        UnitFactory(pemda=pemda, name=f"Dinas Uji Kueri {i}", code=f"9.{i:02d}") for i in range(start, start + count)
    ]
    months = list(year.periods.filter(kind="month").order_by("number"))
    statuses = ["accepted", "submitted", "verified", "returned", "draft"]
    PeriodReport.objects.bulk_create(
        PeriodReport(
            pemda=pemda,
            unit=u,
            period=p,
            status=statuses[(i + j) % 5],
            is_late=(i + j) % 3 == 0,
            deadline=monitoring.default_deadline(year, p),
        )
        for i, u in enumerate(units)
        for j, p in enumerate(months)
    )
    return units


def test_matrix_query_count_does_not_grow_with_units_and_periods(
    client_for, admin, pemda, year, django_assert_max_num_queries
):
    client = client_for(admin)
    _many_units(pemda, year, 2)
    with django_assert_max_num_queries(15) as small:
        client.get(url("monitoring_matrix"))
    _many_units(pemda, year, 58, start=2)  # 60 units × 12 months
    with django_assert_max_num_queries(15) as big:
        response = client.get(url("monitoring_matrix"))
    assert len(big.captured_queries) == len(small.captured_queries)
    assert text(response).count('class="rs-c"') == 60 * 12


def test_entry_grid_query_count_is_fixed_for_40_indicators(
    client_for, operator_a, year, unit_a, django_assert_max_num_queries
):
    pk = signed_pk(year, unit_a, count=40, sasaran_count=4)
    feb = year.periods.get(kind="month", number=2)
    report = services.report_get_or_create(unit=unit_a, period=feb, by=operator_a)
    for indicator in indicators_of(pk)[:20]:
        services.realisation_save(report=report, indicator=indicator, value=D(60), by=operator_a)
    client = client_for(operator_a)
    # 16: the menu asks once whether a unit user is also a listed official (Disiplin saya)
    with django_assert_max_num_queries(16):
        response = client.get(url("report_detail", report.uid))
    assert text(response).count("data-value") == 40
