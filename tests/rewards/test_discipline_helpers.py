"""Helpers of the discipline tests: officials, an attendance workbook built with openpyxl, a clock.

(Named ``test_discipline_*`` to sit with the discipline tests; it holds fixtures, and one test of the
workbook builder itself.)"""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import Workbook, load_workbook

from rewards.models import Official

# 15 June 2026, 10:00 in Banjarmasin (WITA): May 2026 is the last ended month
NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Makassar"))
HEADERS = ("NIP", "Nama", "Hari tanpa keterangan", "Menit terlambat/pulang cepat", "Absen terlewat")
NIP_A1, NIP_A2, NIP_B1 = "198501012010011001", "199002022015022002", "197803032005011003"


def workbook(rows, headers=HEADERS, *, title_rows: int = 0) -> bytes:
    """An attendance export: optional title rows, the header, then ``rows`` as given (NIP as text)."""
    wb = Workbook()
    ws = wb.active
    for n in range(title_rows):
        ws.append([f"Rekap absensi {n + 1}"])
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def official(pemda, unit, nip, name, *, user=None, position_level="pelaksana", position="Pengelola Data"):
    return Official.objects.create(
        pemda=pemda, unit=unit, nip=nip, name=name, position_level=position_level, position=position, user=user
    )


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def officials(pemda, unit_a, unit_b):
    return {
        "a1": official(pemda, unit_a, NIP_A1, "Budi Santoso, S.Kom."),
        "a2": official(pemda, unit_a, NIP_A2, "Siti Rahmah, S.E."),
        "b1": official(pemda, unit_b, NIP_B1, "Ahmad Fauzi"),
    }


def test_workbook_builder_writes_the_header_and_rows():
    ws = load_workbook(io.BytesIO(workbook([(NIP_A1, "Budi", 1, 30, 0)], title_rows=1))).active
    assert [c.value for c in ws[2]] == list(HEADERS)
    assert ws["A3"].value == NIP_A1
