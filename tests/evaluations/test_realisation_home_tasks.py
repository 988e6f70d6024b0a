"""Home-page tasks of realisation reporting."""

import datetime as dt

import time_machine

from evaluations import home_tasks, services
from sakip.core.home import tasks_for

from .realisation_factories import indicators_of, signed_pk


def test_operator_sees_the_period_to_report_and_returned_reports(year, unit_a, operator_a, kepala_a, admin):
    pk = signed_pk(year, unit_a, count=2)
    with time_machine.travel(dt.datetime(2025, 11, 3, 2, 0, tzinfo=dt.UTC), tick=False):
        titles = [t.title for t in tasks_for(operator_a)]
        assert "Realisasi Oktober 2025 belum diajukan (batas 10 November 2025)" in titles
        october = year.periods.get(kind="month", number=10)
        report = services.report_get_or_create(unit=unit_a, period=october, by=operator_a)
        for indicator in indicators_of(pk):
            services.realisation_save(report=report, indicator=indicator, value="100", by=operator_a)
        services.report_submit(report=report, by=operator_a)
        assert "1 laporan menunggu verifikasi" in [t.title for t in tasks_for(kepala_a)]
        services.report_return(report=report, by=kepala_a, note="Tambahkan bukti dukung.")
        returned = [t for t in home_tasks.unit_realisation_tasks(operator_a) if "dikembalikan" in t.title]
        assert returned and "Tambahkan bukti dukung." in returned[0].detail
        services.report_submit(report=report, by=operator_a)
        services.report_verify(report=report, by=kepala_a)
        assert "1 laporan menunggu diterima" in [t.title for t in tasks_for(admin)]
