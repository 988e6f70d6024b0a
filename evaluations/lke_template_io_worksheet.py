"""One evaluation's LKE worksheet as a spreadsheet, for units and evaluators who work in Excel.

Part of :mod:`evaluations.lke_template_io` (which re-exports :func:`worksheet_export` and
:func:`worksheet_import`). Layout of the sheet "LKE": row 1 title, row 2 unit and round, row 3 the
evaluation's id and the side (checked on upload, so a file of another unit or side is refused),
row 5 the header, data from row 6, one row per criterion keyed by its code. Sides:

* ``self`` (the unit): editable columns Jawaban and Penjelasan;
* ``evaluator``: the unit's answer and explanation shown for reference, editable Jawaban, Catatan
  and Rekomendasi.

The upload is checked first (unknown criterion codes, answers outside the criterion's scale, the
stage window and the user's right to write that side); then every changed row is written through
``lke_services.answer_self`` / ``answer_evaluate`` in **one transaction**, so any error saves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from evaluations.imports import escape
from evaluations.lke_models import CriterionAnswer, Evaluation, LkeCriterion
from evaluations.lke_template import ANSWER_CHOICES

SELF, EVALUATOR = "self", "evaluator"
SIDES = (SELF, EVALUATOR)
HEADER_ROW, FIRST_ROW = 5, 6
COMMON = (
    ("code", "Kode Kriteria"),
    ("sub", "Subkomponen"),
    ("text", "Kriteria"),
    ("guidance", "Bukti yang Diharapkan"),
)
LAYOUT = {
    SELF: (*COMMON, ("scale", "Skala"), ("self_answer", "Jawaban"), ("self_note", "Penjelasan")),
    EVALUATOR: (
        *COMMON,
        ("scale", "Skala"),
        ("self_answer", "Jawaban Mandiri"),
        ("self_note", "Penjelasan Unit"),
        ("answer", "Jawaban"),
        ("note", "Catatan"),
        ("recommendation", "Rekomendasi"),
    ),
}
EDITABLE = {SELF: ("self_answer", "self_note"), EVALUATOR: ("answer", "note", "recommendation")}
WIDTHS = {"code": 10, "sub": 26, "text": 60, "guidance": 40, "scale": 8, "self_note": 36, "note": 36}


def _side(side: str) -> str:
    if side not in SIDES:
        raise ValidationError({"side": _("Sisi lembar kerja tidak dikenal: %(s)s.") % {"s": side}})
    return side


def _evaluation(evaluation: Evaluation) -> Evaluation:
    return Evaluation.objects.select_related("round__template", "round__fiscal_year", "unit", "team", "pemda").get(
        pk=evaluation.pk
    )


def _criteria(evaluation: Evaluation) -> list[LkeCriterion]:
    return list(
        LkeCriterion.objects.filter(subcomponent__component__template_id=evaluation.round.template_id)
        .select_related("subcomponent__component")
        .order_by("subcomponent__component__order", "subcomponent__order", "order", "code")
    )


def worksheet_export(*, evaluation: Evaluation, side: str, user=None) -> bytes:
    """The worksheet of one side as .xlsx bytes, pre-filled with the answers saved so far.

    With ``user``, access is checked: the worksheet must be visible to them, and the evaluator's side
    only once they may see the evaluator's result (managers and the team always; the unit after
    publication). Callers without ``user`` (tasks) check access themselves.
    """
    from evaluations import lke_selectors as sel

    _side(side)
    ev = _evaluation(evaluation)
    if user is not None:
        if not sel.can_view(user, ev):
            raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
        if side == EVALUATOR and not sel.can_see_result(user, ev):
            raise PermissionDenied(_("Hasil evaluator belum diterbitkan untuk unit ini."))
    answers = {a.criterion_id: a for a in CriterionAnswer.objects.filter(evaluation=ev)}
    columns = LAYOUT[side]
    wb = Workbook()
    ws = wb.active
    ws.title = "LKE"
    ws["A1"] = escape(_("Lembar Kerja Evaluasi AKIP – %(r)s") % {"r": ev.round.name})
    ws["A1"].font = Font(bold=True, size=13)
    side_label = _("Penilaian mandiri") if side == SELF else _("Evaluator")
    ws["A2"] = escape(f"{ev.unit.name} ({ev.unit.code}) · {side_label}")
    ws["A3"], ws["B3"] = str(ev.uid), side
    ws["C3"] = _("ID lembar kerja dan sisi – jangan diubah. Isi kolom berwarna; baris dikenali dari Kode Kriteria.")
    fill = PatternFill("solid", fgColor="DDE7F0")
    for i, (_key, label) in enumerate(columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=i, value=label)
        cell.font, cell.fill = Font(bold=True), fill
    editable_fill = PatternFill("solid", fgColor="FFF8DC")
    for r, criterion in enumerate(_criteria(ev), start=FIRST_ROW):
        answer = answers.get(criterion.pk)
        sub = criterion.subcomponent
        values = {
            "code": criterion.code,
            "sub": f"{sub.code} {sub.name}",
            "text": criterion.text,
            "guidance": criterion.guidance,
            "scale": "/".join(ANSWER_CHOICES.get(criterion.answer_type, ())),
        }
        for key in ("self_answer", "self_note", "answer", "note", "recommendation"):
            values[key] = getattr(answer, key, "") if answer else ""
        for c, (key, _label) in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=c, value=escape(values[key]) or None)
            cell.alignment = Alignment(wrap_text=key in ("text", "guidance", "self_note", "note"), vertical="top")
            if key in EDITABLE[side]:
                cell.protection = Protection(locked=False)
                cell.fill = editable_fill
    for c, (key, _label) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(key, 14 if key != "recommendation" else 36)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=5)
    from evaluations.lke_template_io import _save

    return _save(wb)


@dataclass
class WorksheetRow:
    row: int
    criterion: LkeCriterion
    values: dict[str, str]
    changed: bool


@dataclass
class WorksheetImportResult:
    """Outcome of an upload. ``errors``: (row number, column label, message in Bahasa Indonesia)."""

    dry_run: bool
    side: str
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    rows: list[WorksheetRow] = field(default_factory=list)
    saved: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def messages(self) -> list[str]:
        return [
            (_("Baris %(r)s, kolom %(c)s: %(m)s") % {"r": r, "c": c, "m": m}) if r and c else m
            for r, c, m in self.errors
        ]

    @property
    def counts(self) -> dict[str, int]:
        changed = sum(1 for r in self.rows if r.changed)
        return {"rows": len(self.rows), "changed": changed, "unchanged": len(self.rows) - changed, "saved": self.saved}


def _write_problem(user, ev: Evaluation, side: str) -> str | None:
    """Why ``user`` cannot write this side now; ``PermissionDenied`` when they never may."""
    from evaluations import lke_selectors as sel

    if side == SELF:
        if not sel.may_self_assess(user, ev):
            raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
        return sel.self_problem(ev)
    if not sel.may_score(user, ev):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    return sel.evaluator_problem(user, ev)


def _read_rows(file, ev: Evaluation, side: str, result: WorksheetImportResult):
    from evaluations.lke_template_io import _text, open_workbook

    try:
        wb = open_workbook(file)
    except ValidationError as exc:
        result.errors.extend((0, "", m) for m in exc.messages)
        return []
    try:
        ws = wb["LKE"] if "LKE" in wb.sheetnames else wb.active
        marker = [_text(ws.cell(row=3, column=c).value) for c in (1, 2)]
        if marker != [str(ev.uid), side]:
            label = _("penilaian mandiri") if side == SELF else _("evaluator")
            message = _("Berkas ini bukan lembar kerja %(s)s untuk %(u)s pada putaran ini. Unduh dari halaman ini.")
            result.errors.append((3, "A", message % {"s": label, "u": ev.unit.name}))
            return []
        columns = LAYOUT[side]
        rows = []
        for number, values in enumerate(
            ws.iter_rows(min_row=FIRST_ROW, max_col=len(columns), values_only=True), start=FIRST_ROW
        ):
            data = {key: _text(values[i]) if i < len(values) else "" for i, (key, _l) in enumerate(columns)}
            if any(data.values()):
                rows.append((number, data))
        return rows
    finally:
        wb.close()


def worksheet_import(*, user, evaluation: Evaluation, side: str, file, dry_run: bool = True) -> WorksheetImportResult:
    """Check (``dry_run``) or save the answers of one side from an uploaded worksheet.

    Refused with a message per row: a criterion code not in the round's template ("Kriteria tidak
    dikenal di templat: …"), a code twice, an answer outside the criterion's scale. A closed stage or
    a worksheet in another status is one message for the whole file. An empty answer cell clears the
    answer. Without errors and ``dry_run=False`` every changed row is saved in one transaction.
    """
    from evaluations.lke_services_answers import normalise_answer

    _side(side)
    ev = _evaluation(evaluation)
    result = WorksheetImportResult(dry_run=dry_run, side=side)
    problem = _write_problem(user, ev, side)
    if problem:
        result.errors.append((0, "", problem))
        return result
    columns = dict(LAYOUT[side])
    criteria = {c.code: c for c in _criteria(ev)}
    answers = {a.criterion_id: a for a in CriterionAnswer.objects.filter(evaluation=ev)}
    seen: set[str] = set()
    answer_key = EDITABLE[side][0]
    for number, data in _read_rows(file, ev, side, result):
        criterion = criteria.get(data["code"])
        if criterion is None:
            message = _("Kriteria tidak dikenal di templat: %(c)s.") % {"c": data["code"] or "–"}
            result.errors.append((number, columns["code"], message))
            continue
        if criterion.code in seen:
            result.errors.append((number, columns["code"], _("Kriteria ini muncul lebih dari sekali.")))
            continue
        seen.add(criterion.code)
        try:
            data[answer_key] = normalise_answer(criterion, data[answer_key])
        except ValidationError as exc:
            for message in exc.messages:
                result.errors.append((number, columns[answer_key], message))
            continue
        values = {key: data[key] for key in EDITABLE[side]}
        stored = answers.get(criterion.pk)
        changed = any(values[key] != (getattr(stored, key, "") if stored else "") for key in values)
        result.rows.append(WorksheetRow(number, criterion, values, changed))
    if not result.rows and not result.errors:
        result.errors.append((FIRST_ROW, "", _("Tidak ada baris kriteria pada lembar kerja.")))
    if result.errors or dry_run:
        return result
    _commit(user, evaluation, side, result)
    return result


class _Rollback(Exception):
    pass


def _commit(user, evaluation: Evaluation, side: str, result: WorksheetImportResult) -> None:
    from evaluations import lke_services

    try:
        with transaction.atomic():
            for row in result.rows:
                if not row.changed:
                    continue
                v = row.values
                try:
                    if side == SELF:
                        lke_services.answer_self(
                            user=user, evaluation=evaluation, criterion=row.criterion,
                            answer=v["self_answer"], note=v["self_note"],
                        )  # fmt: skip
                    else:
                        lke_services.answer_evaluate(
                            user=user, evaluation=evaluation, criterion=row.criterion,
                            answer=v["answer"], note=v["note"], recommendation=v["recommendation"],
                        )  # fmt: skip
                except ValidationError as exc:
                    result.errors.extend((row.row, "", m) for m in exc.messages)
                    raise _Rollback from exc
                result.saved += 1
    except _Rollback:
        result.saved = 0
        evaluation.refresh_from_db()
