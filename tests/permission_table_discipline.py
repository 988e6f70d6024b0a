"""Permission-table rows of issue #9 (discipline records, personal data).

Same format as ``tests/permission_table.py`` (see its docstring); merged into its ``TABLE`` and
``OBJECTS``. A route name must appear in exactly one table module.

Who is who here: ``admin`` (P.DISCIPLINE_VIEW + P.DISCIPLINE_MANAGE) sees and manages everything;
``pimpinan`` (P.DISCIPLINE_VIEW) sees every official's records but does not import or set the
ladder (403); unit users and evaluators never see records: an official of their own unit is 403
(``operator_a``, ``kepala_a``), any other official 404 (``operator_b``, ``evaluator``);
``other_admin`` gets 404 on every object and 200 on its own (empty) lists. "Disiplin saya" is open
to every signed-in user (an empty page without a linked official).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.permission_table import ANON_API, LOGIN, Ref, Row, row


def _official_a(fixture):
    from rewards.models import Official

    return Official.objects.get_or_create(
        pemda=fixture("pemda"), nip="198501012010011001",
        defaults={"unit": fixture("unit_a"), "name": "Budi Santoso, S.Kom.", "position_level": "pelaksana"},
    )[0]  # fmt: skip


def _record_a(fixture):
    from rewards.models import DisciplineImport, DisciplineRecord

    official = _official_a(fixture)
    batch = DisciplineImport.objects.create(
        pemda=fixture("pemda"), year=2026, month=1, file_name="a.xlsx", file_hash="0" * 64, rows=1,
        created_by=fixture("admin"),
    )  # fmt: skip
    return DisciplineRecord.objects.create(
        pemda=fixture("pemda"), official=official, year=2026, month=1, days_absent=2, batch=batch
    )


OBJECTS: dict[str, Callable[[Callable[[str], Any]], Any]] = {
    "dsc_official_a": _official_a,
    "dsc_record_a": _record_a,
}

_O = {"uid": Ref("dsc_official_a")}
_R = {"pk": Ref("dsc_record_a", "pk")}
_VIEW = {"anonymous": LOGIN, "admin": 200, "pimpinan": 200, "other_admin": 200}
_MANAGE = {"anonymous": LOGIN, "admin": 200, "other_admin": 200}
_PERSONAL = {"anonymous": LOGIN, "admin": 200, "pimpinan": 200, "operator_a": 403, "kepala_a": 403}
_POST = {"anonymous": LOGIN}

TABLE: dict[str, Row] = {
    "rewards:discipline_home": row(403, **_VIEW),
    "rewards:discipline_records": row(403, **_VIEW),
    "rewards:discipline_export": row(403, **_VIEW),
    "rewards:discipline_official": row(404, **_PERSONAL, kwargs=_O),
    "rewards:discipline_mine": row(200, anonymous=LOGIN),
    "rewards:discipline_evaluate": row(405, **_POST),
    "rewards:discipline_access_log": row(403, **_MANAGE),
    "rewards:discipline_import": row(403, **_MANAGE),
    "rewards:discipline_import_commit": row(405, **_POST),
    "rewards:discipline_template": row(403, **_MANAGE),
    "rewards:discipline_setting": row(403, **_MANAGE),
    "rewards:discipline_setting_restore": row(405, **_POST),
    # API
    "discipline-record-list": row(403, anonymous=ANON_API, admin=200, pimpinan=200, other_admin=200),
    "discipline-record-detail": row(
        404, anonymous=ANON_API, admin=200, pimpinan=200, operator_a=403, kepala_a=403, kwargs=_R
    ),  # fmt: skip
    "discipline-import": row(405, anonymous=ANON_API),  # POST only
    "discipline-setting": row(403, anonymous=ANON_API, admin=200, other_admin=200),
}
