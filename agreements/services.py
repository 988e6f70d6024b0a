"""Writes of Perjanjian Kinerja (PK). Every interface (pages, API, Excel import, demo seed, admin)
goes through these functions, so each rule and each access check behaves the same everywhere.

Conventions (as ``sakip.core.services``): keyword-only, typed, ``@transaction.atomic``; models are
validated with ``full_clean()``; problems raise Django ``ValidationError`` with messages in Bahasa
Indonesia (a dict keyed by field where a field is at fault); a user who may not act raises
``PermissionDenied``. Numbers are ``Decimal``; strings such as "61,76" are accepted and parsed by
:func:`agreements.validation.to_decimal`.

Who may do what (``sakip.core.permissions``):

* edit a unit PK (create, sasaran, indicators, targets, programs, submit, start a PK Perubahan):
  ``P.PK_EDIT`` on the unit (operator and kepala of that unit); the Pemda's own PK:
  ``P.PEMDA_PK_EDIT`` (admin);
* approve: ``P.PK_APPROVE`` on the unit (kepala); the Pemda PK: ``P.PEMDA_PK_EDIT`` (admin);
* return with a note: whoever may approve, or record the signing;
* record the signing: ``P.PK_SIGN`` (admin, pimpinan).

Only a draft can be changed: a signed PK is read-only for ever (a change is a PK Perubahan), a
submitted or approved PK must first be returned to draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core.models import FiscalYear, Pemda, RoleAssignment, Unit, User
from sakip.core.permissions import P, has_perm
from sakip.lib.dates import format_date

from . import validation as v
from .models import Agreement, AgreementEvent, Indicator, IndicatorTarget, Program, Sasaran

Status = Agreement.Status

INDICATOR_FIELDS = (
    "name",
    "satuan",
    "polarity",
    "period_rule",
    "is_iku",
    "definition",
    "formula",
    "data_source",
    "baseline",
    "weight",
    "target",
    "target_low",
    "target_high",
    "allow_negative",
    "order",
)
INDICATOR_DECIMALS = ("baseline", "weight", "target", "target_low", "target_high")
PROGRAM_FIELDS = ("code", "name", "level", "budget", "order")
SASARAN_FIELDS = ("name", "supports", "order")

PeriodValues = Sequence[Any] | None


# --- Helpers --------------------------------------------------------------------------------


def _apply(obj, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(obj, name, value)


def _save(obj, *, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:  # a race past the checks: report it as a validation error
        raise ValidationError(
            _("Data bentrok dengan data lain yang baru saja disimpan. Muat ulang dan coba lagi.")
        ) from exc


def _event(agreement: Agreement, action: str, by: User | None, *, from_status: str = "", note: str = "") -> None:
    AgreementEvent.objects.create(
        pemda_id=agreement.pemda_id,
        agreement=agreement,
        action=action,
        from_status=from_status,
        to_status=agreement.status,
        actor=by,
        note=note,
    )


def _same_pemda(by: User, pemda_id: int) -> None:
    if getattr(by, "pemda_id", None) != pemda_id:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def can_edit(user: User, agreement: Agreement) -> bool:
    """Whether ``user`` may change the content of ``agreement`` (status aside)."""
    if getattr(user, "pemda_id", None) != agreement.pemda_id:
        return False
    if agreement.unit_id is None:
        return has_perm(user, P.PEMDA_PK_EDIT)
    return has_perm(user, P.PK_EDIT, unit_id=agreement.unit_id)


def can_approve(user: User, agreement: Agreement) -> bool:
    if getattr(user, "pemda_id", None) != agreement.pemda_id:
        return False
    if agreement.unit_id is None:
        return has_perm(user, P.PEMDA_PK_EDIT)
    return has_perm(user, P.PK_APPROVE, unit_id=agreement.unit_id)


def can_sign(user: User, agreement: Agreement) -> bool:
    return getattr(user, "pemda_id", None) == agreement.pemda_id and has_perm(user, P.PK_SIGN)


def can_return(user: User, agreement: Agreement) -> bool:
    return can_approve(user, agreement) or can_sign(user, agreement)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def ensure_draft(agreement: Agreement) -> None:
    """Refuse any change to a PK that is not a draft (the message says what to do instead)."""
    if agreement.status == Status.SIGNED:
        raise ValidationError(
            _("PK yang sudah ditandatangani tidak dapat diubah. Buat PK Perubahan untuk mengubah isinya.")
        )
    if agreement.status != Status.DRAFT:
        raise ValidationError(
            _("PK berstatus %(status)s tidak dapat diubah; kembalikan dulu ke draf untuk mengubahnya.")
            % {"status": agreement.get_status_display()}
        )


def _editable(agreement: Agreement, by: User) -> None:
    _require(can_edit(by, agreement))
    ensure_draft(agreement)


def _decimal_fields(data: dict[str, Any], fields: Sequence[str]) -> dict[str, list[str]]:
    """Parse the numeric entries of ``data`` in place; return field-keyed "not a number" errors."""
    errors: dict[str, list[str]] = {}
    for name in fields:
        if name in data:
            try:
                data[name] = v.to_decimal(data[name])
            except v.NotANumber:
                errors.setdefault(name, []).append(_("Bukan angka: %(value)s") % {"value": str(data[name])[:40]})
                del data[name]
    return errors


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


# --- Agreement ------------------------------------------------------------------------------


@transaction.atomic
def agreement_create(*, fiscal_year: FiscalYear, unit: Unit | None = None, by: User) -> Agreement:
    """Start the PK (version 1, draft) of ``unit`` for ``fiscal_year``; ``unit=None`` is the Pemda's own PK."""
    _same_pemda(by, fiscal_year.pemda_id)
    if unit is not None:
        if unit.pemda_id != fiscal_year.pemda_id:
            raise ValidationError({"unit": _("Unit harus berasal dari Pemda yang sama.")})
        _require(has_perm(by, P.PK_EDIT, unit_id=unit.pk))
        if not unit.is_active:
            raise ValidationError({"unit": _("Unit ini tidak aktif.")})
    else:
        _require(has_perm(by, P.PEMDA_PK_EDIT))
    existing = Agreement.objects.filter(fiscal_year=fiscal_year, unit=unit)
    if existing.exists():
        owner = unit.name if unit else fiscal_year.pemda.name
        raise ValidationError(
            _("PK %(year)s %(owner)s sudah ada. Ubah drafnya, atau buat PK Perubahan dari versi yang berlaku.")
            % {"year": fiscal_year.year, "owner": owner}
        )
    agreement = Agreement(pemda_id=fiscal_year.pemda_id, fiscal_year=fiscal_year, unit=unit, version=1)
    _save(agreement)
    _event(agreement, AgreementEvent.Action.CREATE, by)
    return agreement


# --- Sasaran --------------------------------------------------------------------------------


def _check_sasaran(sasaran: Sasaran) -> None:
    errors: dict[str, list[str]] = {}
    sasaran.name = " ".join((sasaran.name or "").split())
    if not sasaran.name:
        errors.setdefault("name", []).append(_("Nama sasaran wajib diisi."))
    clash = [
        s
        for s in Sasaran.objects.filter(agreement_id=sasaran.agreement_id).exclude(pk=sasaran.pk).only("name")
        if v.normalize_name(s.name) == v.normalize_name(sasaran.name)
    ]
    if sasaran.name and clash:
        errors.setdefault("name", []).append(_("Sasaran dengan nama ini sudah ada di PK ini."))
    if sasaran.supports_id:
        agreement, target = sasaran.agreement, sasaran.supports.agreement
        if agreement.unit_id is None:
            errors.setdefault("supports", []).append(_("Sasaran PK Pemda tidak mendukung sasaran lain."))
        elif target.unit_id is not None or target.pemda_id != agreement.pemda_id:
            errors.setdefault("supports", []).append(_("Pilih sasaran dari PK Pemda."))
        elif target.fiscal_year_id != agreement.fiscal_year_id:
            errors.setdefault("supports", []).append(_("Sasaran Pemda harus dari tahun yang sama."))
    _raise(errors)


def _next_order(qs) -> int:
    return (qs.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def sasaran_create(
    *, agreement: Agreement, name: str, supports: Sasaran | None = None, order: int | None = None, by: User
) -> Sasaran:
    """Add a sasaran strategis to a draft PK (``supports``: the Pemda PK sasaran it cascades from)."""
    _editable(agreement, by)
    sasaran = Sasaran(
        pemda_id=agreement.pemda_id,
        agreement=agreement,
        name=name,
        supports=supports,
        order=order if order is not None else _next_order(agreement.sasaran.all()),
    )
    _check_sasaran(sasaran)
    _save(sasaran)
    return sasaran


@transaction.atomic
def sasaran_update(*, sasaran: Sasaran, data: dict[str, Any], by: User) -> Sasaran:
    """Change ``name`` / ``supports`` / ``order`` of a sasaran of a draft PK."""
    _editable(sasaran.agreement, by)
    _apply(sasaran, data, SASARAN_FIELDS)
    _check_sasaran(sasaran)
    _save(sasaran)
    return sasaran


@transaction.atomic
def sasaran_delete(*, sasaran: Sasaran, by: User) -> None:
    """Delete a sasaran of a draft PK with its indicators and targets."""
    _editable(sasaran.agreement, by)
    if sasaran.agreement.unit_id is None and sasaran.supported_by.exists():
        units = ", ".join(
            sorted({s.agreement.unit.label for s in sasaran.supported_by.select_related("agreement__unit")})
        )
        raise ValidationError(
            _("Sasaran ini didukung oleh sasaran unit (%(units)s); lepaskan kaitannya dulu.") % {"units": units}
        )
    sasaran.delete()


# --- Indicators and targets -----------------------------------------------------------------


def _parse_periods(values: PeriodValues, count: int, field, *, is_range: bool, errors: dict) -> list | None:
    """Parse a list of period values (or ``(low, high)`` pairs for a range); ``None`` stays ``None``."""
    if values is None:
        return None
    values = list(values)
    if len(values) != count:
        raise ValueError(f"expected {count} period values, got {len(values)}")
    parsed: list = []
    for n, raw in enumerate(values, 1):
        try:
            if is_range:
                if raw is None or (isinstance(raw, (tuple, list)) and all(x in (None, "") for x in raw)):
                    parsed.append(None)
                    continue
                low, high = raw
                parsed.append((v.to_decimal(low), v.to_decimal(high)))
            else:
                parsed.append(v.to_decimal(raw))
        except v.NotANumber:
            errors.setdefault(field(n), []).append(_("Bukan angka: %(value)s") % {"value": str(raw)[:40]})
            parsed.append(None)
    return parsed


def _stored_periods(indicator: Indicator, kind: str, count: int, *, is_range: bool) -> list:
    rows = {t.number: t for t in indicator.targets.all() if t.kind == kind}
    if not rows:
        return [None] * count if kind == IndicatorTarget.Kind.QUARTER else []
    out = []
    for n in range(1, count + 1):
        t = rows.get(n)
        if t is None:
            out.append(None)
        elif is_range:
            out.append(None if t.low is None and t.high is None else (t.low, t.high))
        else:
            out.append(t.value)
    return out


def target_set(indicator: Indicator) -> v.TargetSet:
    """The indicator's numbers as stored, for :mod:`agreements.validation` (uses prefetched ``targets``)."""
    is_range = indicator.polarity == Indicator.Polarity.RANGE
    return v.TargetSet(
        polarity=indicator.polarity,
        period_rule=indicator.period_rule,
        target=indicator.target,
        target_low=indicator.target_low,
        target_high=indicator.target_high,
        quarters=tuple(_stored_periods(indicator, IndicatorTarget.Kind.QUARTER, 4, is_range=is_range)),
        months=tuple(_stored_periods(indicator, IndicatorTarget.Kind.MONTH, 12, is_range=is_range)),
        allow_negative=indicator.allow_negative,
    )


def _write_periods(indicator: Indicator, kind: str, values: list | None, *, is_range: bool) -> None:
    if values is None:
        return
    IndicatorTarget.objects.filter(indicator=indicator, kind=kind).delete()
    rows = []
    for n, value in enumerate(values, 1):
        if is_range:
            low, high = value if value is not None else (None, None)
            row = IndicatorTarget(indicator=indicator, kind=kind, number=n, low=low, high=high)
        else:
            row = IndicatorTarget(indicator=indicator, kind=kind, number=n, value=value)
        row.full_clean(exclude=["indicator"], validate_unique=False, validate_constraints=False)
        rows.append(row)
    if any(r.value is not None or r.low is not None or r.high is not None for r in rows):
        IndicatorTarget.objects.bulk_create(rows)


def _save_indicator(
    indicator: Indicator,
    data: dict[str, Any],
    quarter_targets: PeriodValues,
    month_targets: PeriodValues,
    *,
    creating: bool,
) -> Indicator:
    data = dict(data)
    errors = _decimal_fields(data, INDICATOR_DECIMALS)
    _apply(indicator, data, INDICATOR_FIELDS)
    indicator.name = " ".join((indicator.name or "").split())
    indicator.satuan = (indicator.satuan or "").strip()
    if indicator.polarity not in Indicator.Polarity.values:
        errors.setdefault("polarity", []).append(_("Polaritas tidak dikenal."))
    if indicator.period_rule not in Indicator.PeriodRule.values:
        errors.setdefault("period_rule", []).append(_("Aturan periode tidak dikenal."))
    is_range = indicator.polarity == Indicator.Polarity.RANGE
    quarters = _parse_periods(quarter_targets, 4, v.quarter_field, is_range=is_range, errors=errors)
    months = _parse_periods(month_targets or None, 12, v.month_field, is_range=is_range, errors=errors)
    if month_targets is not None and len(month_targets) == 0:
        months = []  # an explicit empty list removes the monthly targets
    if errors:
        _raise(errors)
    stored = None if creating else target_set(indicator)
    if stored and quarters is None and (stored.polarity == Indicator.Polarity.RANGE) != is_range:
        # Switched between a range and a single target: the stored period targets no longer fit.
        stored, quarters, months = None, [None] * 4, []
    ts = v.TargetSet(
        polarity=indicator.polarity,
        period_rule=indicator.period_rule,
        target=indicator.target,
        target_low=indicator.target_low,
        target_high=indicator.target_high,
        quarters=tuple(quarters if quarters is not None else (stored.quarters if stored else [None] * 4)),
        months=tuple(months if months is not None else (stored.months if stored else [])),
        allow_negative=indicator.allow_negative,
    )
    for field, message in v.target_problems(ts):
        errors.setdefault(field, []).append(message[:1].upper() + message[1:] + ".")
    for message in v.number_problems(indicator.baseline, allow_negative=indicator.allow_negative):
        errors.setdefault("baseline", []).append(message[:1].upper() + message[1:] + ".")
    if indicator.name:
        clash = [
            i
            for i in Indicator.objects.filter(sasaran_id=indicator.sasaran_id).exclude(pk=indicator.pk).only("name")
            if v.normalize_name(i.name) == v.normalize_name(indicator.name)
        ]
        if clash:
            errors.setdefault("name", []).append(
                _("Indikator “%(name)s” sudah ada pada sasaran ini.") % {"name": indicator.name}
            )
    try:
        indicator.full_clean(exclude=["pemda", "sasaran"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                if message not in errors.get(field, []):
                    errors.setdefault(field, []).append(message)
    _raise(errors)
    try:
        with transaction.atomic():
            indicator.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Data bentrok dengan data lain yang baru saja disimpan. Muat ulang dan coba lagi.")
        ) from exc
    _write_periods(indicator, IndicatorTarget.Kind.QUARTER, quarters, is_range=is_range)
    _write_periods(indicator, IndicatorTarget.Kind.MONTH, months, is_range=is_range)
    return indicator


@transaction.atomic
def indicator_create(
    *,
    sasaran: Sasaran,
    data: dict[str, Any],
    quarter_targets: PeriodValues = None,
    month_targets: PeriodValues = None,
    by: User,
) -> Indicator:
    """Add an indicator with its targets to a sasaran of a draft PK.

    ``data`` keys are model field names (see ``INDICATOR_FIELDS``). ``quarter_targets``: 4 values
    (TW I–IV) and ``month_targets``: 12 values or ``None``; each value ``Decimal | str | None``, or a
    ``(low, high)`` pair for a range indicator. Targets are checked with
    :func:`agreements.validation.target_problems`; an incomplete draft is accepted (checked on submit).
    """
    _editable(sasaran.agreement, by)
    indicator = Indicator(pemda_id=sasaran.pemda_id, sasaran=sasaran)
    data = dict(data)
    data.setdefault("order", _next_order(sasaran.indicators.all()))
    return _save_indicator(indicator, data, quarter_targets, month_targets, creating=True)


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    data: dict[str, Any],
    quarter_targets: PeriodValues = None,
    month_targets: PeriodValues = None,
    by: User,
) -> Indicator:
    """Change an indicator of a draft PK. ``data`` holds only the fields to change; targets left as
    ``None`` stay as stored, ``month_targets=[]`` removes the monthly targets. The lineage is kept."""
    _editable(indicator.sasaran.agreement, by)
    indicator = Indicator.objects.prefetch_related("targets").get(pk=indicator.pk)
    return _save_indicator(indicator, data, quarter_targets, month_targets, creating=False)


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by: User) -> None:
    _editable(indicator.sasaran.agreement, by)
    indicator.delete()


# --- Programs -------------------------------------------------------------------------------

_PARENT_LEVEL = {
    Program.Level.PROGRAM: None,
    Program.Level.KEGIATAN: Program.Level.PROGRAM,
    Program.Level.SUB_KEGIATAN: Program.Level.KEGIATAN,
}


def _save_program(program: Program, data: dict[str, Any]) -> Program:
    data = dict(data)
    errors = _decimal_fields(data, ("budget",))
    if "budget" in data and data["budget"] is None:
        data["budget"] = Decimal(0)
    _apply(program, data, PROGRAM_FIELDS)
    program.code = (program.code or "").strip()
    program.name = " ".join((program.name or "").split())
    expected_parent = _PARENT_LEVEL.get(program.level)
    if program.level not in _PARENT_LEVEL:
        errors.setdefault("level", []).append(_("Tingkat tidak dikenal."))
    elif expected_parent is None and program.parent_id:
        errors.setdefault("parent", []).append(_("Program tidak berada di bawah program lain."))
    elif expected_parent is not None:
        parent = program.parent
        if parent is None:
            errors.setdefault("parent", []).append(
                _("%(level)s harus berada di bawah %(parent)s.")
                % {"level": program.get_level_display(), "parent": Program.Level(expected_parent).label.lower()}
            )
        elif parent.agreement_id != program.agreement_id or parent.level != expected_parent:
            errors.setdefault("parent", []).append(
                _("Induk harus %(parent)s pada PK yang sama.")
                % {"parent": Program.Level(expected_parent).label.lower()}
            )
        elif program.code and not program.code.startswith(parent.code + "."):
            errors.setdefault("code", []).append(
                _("Kode harus diawali kode induknya (%(code)s).") % {"code": parent.code}
            )
    if program.code and (
        Program.objects.filter(agreement_id=program.agreement_id, code=program.code).exclude(pk=program.pk).exists()
    ):
        errors.setdefault("code", []).append(_("Kode %(code)s sudah ada di PK ini.") % {"code": program.code})
    try:
        program.full_clean(exclude=["pemda", "agreement"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(m for m in messages if m not in errors.get(field, []))
    _raise(errors)
    _save(program, exclude=["pemda", "agreement"])
    return program


@transaction.atomic
def program_create(*, agreement: Agreement, data: dict[str, Any], parent: Program | None = None, by: User) -> Program:
    """Add a program (``level`` program), kegiatan (parent: a program) or sub kegiatan (parent: a
    kegiatan) with its Permendagri 90/2019 code and budget in Rupiah. ``data`` keys: ``code``,
    ``name``, ``level`` (default program), ``budget``, ``order``."""
    _editable(agreement, by)
    data = dict(data)
    program = Program(pemda_id=agreement.pemda_id, agreement=agreement, parent=parent)
    data.setdefault("order", _next_order(agreement.programs.all()))
    return _save_program(program, data)


@transaction.atomic
def program_update(*, program: Program, data: dict[str, Any], by: User) -> Program:
    _editable(program.agreement, by)
    return _save_program(program, data)


@transaction.atomic
def program_delete(*, program: Program, by: User) -> None:
    """Delete a program of a draft PK with its kegiatan and sub kegiatan."""
    _editable(program.agreement, by)
    program.delete()


# --- Workflow -------------------------------------------------------------------------------


def agreement_problems(agreement: Agreement) -> list[str]:
    """Everything that keeps a PK from being submitted, as sentences (empty list: ready)."""
    problems: list[str] = []
    sasaran_list = list(agreement.sasaran.prefetch_related("indicators__targets"))
    if not sasaran_list:
        return [_("PK belum memiliki sasaran strategis dan indikator kinerja.")]
    for s in sasaran_list:
        indicators = list(s.indicators.all())
        if not indicators:
            problems.append(_("Sasaran “%(s)s” belum memiliki indikator kinerja.") % {"s": s.name})
        for ind in indicators:
            ts = target_set(ind)
            for field, message in v.completeness_problems(ts) + v.target_problems(ts):
                problems.append(
                    _("Indikator “%(i)s” (kolom %(f)s): %(m)s.") % {"i": ind.name, "f": field, "m": message}
                )
    return problems


def _lock(agreement: Agreement) -> Agreement:
    """Re-read the agreement under a row lock so two concurrent transitions cannot both pass."""
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("pemda", "fiscal_year", "unit")
        .get(pk=agreement.pk)
    )


def _refresh_into(target: Agreement, source: Agreement) -> None:
    target.__dict__.update({k: val for k, val in source.__dict__.items() if not k.startswith("_state")})


@transaction.atomic
def agreement_submit(*, agreement: Agreement, by: User) -> Agreement:
    """Draft → submitted (for the head's approval). Refuses an empty PK or missing / inconsistent
    targets, listing every problem."""
    locked = _lock(agreement)
    _require(can_edit(by, locked))
    if locked.status != Status.DRAFT:
        raise ValidationError(
            _("Hanya PK berstatus draf yang dapat diajukan (status sekarang: %(s)s).")
            % {"s": locked.get_status_display()}
        )
    problems = agreement_problems(locked)
    if problems:
        raise ValidationError(problems)
    locked.status = Status.SUBMITTED
    locked.submitted_at, locked.submitted_by = timezone.now(), by
    locked.return_note = ""
    locked.save()
    _event(locked, AgreementEvent.Action.SUBMIT, by, from_status=Status.DRAFT)
    _refresh_into(agreement, locked)
    return agreement


@transaction.atomic
def agreement_approve(*, agreement: Agreement, by: User) -> Agreement:
    """Submitted → approved by the head of the unit (``P.PK_APPROVE``; the Pemda PK: the admin)."""
    locked = _lock(agreement)
    _require(can_approve(by, locked))
    if locked.status != Status.SUBMITTED:
        raise ValidationError(
            _("Hanya PK yang sudah diajukan yang dapat disetujui (status sekarang: %(s)s).")
            % {"s": locked.get_status_display()}
        )
    locked.status = Status.APPROVED
    locked.approved_at, locked.approved_by = timezone.now(), by
    locked.save()
    _event(locked, AgreementEvent.Action.APPROVE, by, from_status=Status.SUBMITTED)
    _refresh_into(agreement, locked)
    return agreement


@transaction.atomic
def agreement_return(*, agreement: Agreement, by: User, note: str) -> Agreement:
    """Submitted or approved → draft, with a required note for the operator."""
    locked = _lock(agreement)
    _require(can_return(by, locked))
    if locked.status not in (Status.SUBMITTED, Status.APPROVED):
        raise ValidationError(
            _("Hanya PK yang diajukan atau disetujui yang dapat dikembalikan (status sekarang: %(s)s).")
            % {"s": locked.get_status_display()}
        )
    if locked.status == Status.APPROVED and not (can_sign(by, locked) or can_approve(by, locked)):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": _("Tuliskan catatan pengembalian agar operator tahu apa yang perlu diperbaiki.")}
        )
    previous = locked.status
    locked.status = Status.DRAFT
    locked.return_note = note
    locked.approved_at, locked.approved_by = None, None
    locked.save()
    _event(locked, AgreementEvent.Action.RETURN, by, from_status=previous, note=note)
    _refresh_into(agreement, locked)
    return agreement


def kepala_daerah_title(pemda: Pemda) -> str:
    """ "Bupati Banjar" from "Kabupaten Banjar" (the Pemda name without its kind)."""
    name = pemda.name
    for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return f"{pemda.head_title} {name}".strip()


def kepala_daerah(pemda: Pemda) -> dict[str, str]:
    """The kepala daerah as a signatory. The portal has no dedicated Pemda field for the name yet,
    so it is the Pimpinan user with position "kepala daerah" (full name and NIP of the account)."""
    assignment = (
        RoleAssignment.objects.filter(
            pemda=pemda, role=RoleAssignment.Role.PIMPINAN, position=RoleAssignment.Position.KEPALA_DAERAH
        )
        .select_related("user")
        .order_by("-user__is_active", "id")
        .first()
    )
    if assignment is None:
        raise ValidationError(
            _(
                "Data %(title)s belum tercatat: tambahkan pengguna berperan Pimpinan dengan jabatan "
                "kepala daerah sebelum mencatat penandatanganan PK."
            )
            % {"title": pemda.head_title}
        )
    user = assignment.user
    title = kepala_daerah_title(pemda)
    return {
        "name": user.display_name,
        "nip": user.nip,
        "rank": "",
        "title": title,
        "acting": "",
        "display_title": title,
    }


def build_signatories(agreement: Agreement, *, signed_on: dt.date, place: str) -> dict[str, Any]:
    """The snapshot frozen into ``Agreement.signatories`` at signing (JSON-serialisable).

    Keys: ``pemda`` (name, kind, head_title, seat, letterhead lines, logo path), ``pihak_pertama``
    and ``pihak_kedua`` (name, nip, rank, title, acting, display_title; for the Pemda PK the kepala
    daerah is ``pihak_pertama`` and ``pihak_kedua`` is ``None``), ``unit`` (name, code or ``None``),
    ``fiscal_year``, ``version``, ``signed_on`` (ISO), ``place``, ``deadline`` (ISO), ``late``, and
    ``totals`` (sasaran, indicators, programs counts; ``budget`` = sum of the top-level programs'
    budgets in Rupiah, as a string with 2 decimals).
    """
    pemda = agreement.pemda
    head_of_region = kepala_daerah(pemda)
    if agreement.unit_id is None:
        first, second = head_of_region, None
    else:
        head = agreement.unit.head_on(signed_on)
        if head is None:
            raise ValidationError(
                {
                    "signed_on": _("%(unit)s tidak memiliki kepala (definitif atau Plt./Plh.) pada tanggal %(d)s.")
                    % {"unit": agreement.unit.name, "d": format_date(signed_on)}
                }
            )
        first = {
            "name": head.name,
            "nip": head.nip,
            "rank": head.rank,
            "title": head.title,
            "acting": head.acting,
            "display_title": head.display_title,
        }
        second = head_of_region
    programs = list(agreement.programs.all())
    budget = sum((p.budget for p in programs if p.level == Program.Level.PROGRAM), Decimal(0))
    deadline = agreement.fiscal_year.pk_deadline_date
    return {
        "pemda": {
            "name": pemda.name,
            "kind": pemda.kind,
            "head_title": pemda.head_title,
            "seat": pemda.seat,
            "letterhead": pemda.letterhead_lines,
            "logo": pemda.logo.name if pemda.logo else "",
        },
        "unit": {"name": agreement.unit.name, "code": agreement.unit.code} if agreement.unit_id else None,
        "pihak_pertama": first,
        "pihak_kedua": second,
        "fiscal_year": agreement.fiscal_year.year,
        "version": agreement.version,
        "signed_on": signed_on.isoformat(),
        "place": place,
        "deadline": deadline.isoformat(),
        "late": signed_on > deadline,
        "totals": {
            "sasaran": agreement.sasaran.count(),
            "indicators": Indicator.objects.filter(sasaran__agreement=agreement).count(),
            "programs": len(programs),
            "budget": str(budget.quantize(Decimal("0.01"))),
        },
    }


def is_late(agreement: Agreement) -> bool:
    """Signed after the deadline, or not signed and the deadline has passed (today, local date)."""
    deadline = agreement.fiscal_year.pk_deadline_date
    if agreement.signed_on:
        return agreement.signed_on > deadline
    return timezone.localdate() > deadline


@transaction.atomic
def agreement_sign(*, agreement: Agreement, by: User, signed_on: dt.date, place: str = "") -> Agreement:
    """Approved → signed: record the signing date and place (default: the Pemda's seat) and freeze
    the signatories (see :func:`build_signatories`). The PK becomes read-only; a later change is a PK
    Perubahan. Signing after the year's PK deadline is allowed and flagged ``late``."""
    locked = _lock(agreement)
    _require(can_sign(by, locked))
    if locked.status != Status.APPROVED:
        raise ValidationError(
            _("PK harus disetujui kepala unit sebelum ditandatangani (status sekarang: %(s)s).")
            % {"s": locked.get_status_display()}
        )
    if not isinstance(signed_on, dt.date):
        raise ValidationError({"signed_on": _("Tanggal penandatanganan wajib diisi.")})
    today = timezone.localdate()
    if signed_on > today:
        raise ValidationError({"signed_on": _("Tanggal penandatanganan tidak boleh di masa depan.")})
    if signed_on.year < locked.fiscal_year.year - 1 or signed_on.year > locked.fiscal_year.year:
        raise ValidationError(
            {
                "signed_on": _("Tanggal penandatanganan harus pada tahun %(y)s atau akhir tahun sebelumnya.")
                % {"y": locked.fiscal_year.year}
            }
        )
    if locked.previous_id and locked.previous.signed_on and signed_on < locked.previous.signed_on:
        raise ValidationError(
            {"signed_on": _("PK Perubahan tidak dapat ditandatangani sebelum versi sebelumnya ditandatangani.")}
        )
    place = (place or "").strip() or locked.pemda.seat
    locked.signatories = build_signatories(locked, signed_on=signed_on, place=place)
    locked.status = Status.SIGNED
    locked.signed_on, locked.signed_place, locked.signed_recorded_by = signed_on, place, by
    locked.return_note = ""
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save()
    note = (
        _("Terlambat: batas penandatanganan %(d)s.") % {"d": locked.signatories["deadline"]}
        if (locked.signatories["late"])
        else ""
    )
    _event(locked, AgreementEvent.Action.SIGN, by, from_status=Status.APPROVED, note=note)
    _refresh_into(agreement, locked)
    return agreement


def latest_signed(*, fiscal_year: FiscalYear, unit: Unit | None) -> Agreement | None:
    """The signed version in force (highest signed version) of a unit's (or the Pemda's) PK."""
    return (
        Agreement.objects.filter(fiscal_year=fiscal_year, unit=unit, status=Status.SIGNED).order_by("-version").first()
    )


@transaction.atomic
def agreement_revise(
    *, agreement: Agreement, by: User, reason: str, note: str = "", effective_date: dt.date
) -> Agreement:
    """Start a PK Perubahan: a new draft version copied from ``agreement`` (the signed version in
    force) with its sasaran, indicators (same ``lineage``), period targets and programs;
    ``previous`` points to ``agreement``. The earlier version stays as it is."""
    locked = _lock(agreement)
    _require(can_edit(by, locked))
    errors: dict[str, list[str]] = {}
    if reason not in Agreement.RevisionReason.values:
        errors["revision_reason"] = [_("Pilih alasan perubahan.")]
    year = locked.fiscal_year.year
    if not isinstance(effective_date, dt.date):
        errors["effective_date"] = [_("Tanggal berlaku wajib diisi.")]
    elif effective_date.year != year:
        errors["effective_date"] = [_("Tanggal berlaku harus dalam tahun %(y)s.") % {"y": year}]
    elif locked.signed_on and effective_date < locked.signed_on:
        errors["effective_date"] = [_("Tanggal berlaku tidak boleh sebelum penandatanganan versi yang berlaku.")]
    _raise(errors)
    if locked.status != Status.SIGNED:
        raise ValidationError(_("PK Perubahan hanya dapat dibuat dari PK yang sudah ditandatangani."))
    siblings = Agreement.objects.filter(fiscal_year_id=locked.fiscal_year_id, unit_id=locked.unit_id)
    if siblings.exclude(status=Status.SIGNED).exists():
        raise ValidationError(_("Sudah ada versi PK yang sedang disusun; selesaikan atau gunakan versi itu."))
    if siblings.filter(version__gt=locked.version).exists():
        raise ValidationError(_("PK Perubahan hanya dapat dibuat dari versi terakhir yang berlaku."))
    new = Agreement(
        pemda_id=locked.pemda_id,
        fiscal_year_id=locked.fiscal_year_id,
        unit_id=locked.unit_id,
        version=locked.version + 1,
        previous=locked,
        revision_reason=reason,
        revision_note=(note or "").strip(),
        effective_date=effective_date,
    )
    _save(new)
    copy_content(source=locked, target=new)
    _event(new, AgreementEvent.Action.REVISE, by, note=new.revision_note)
    return new


def copy_content(*, source: Agreement, target: Agreement) -> None:
    """Copy sasaran, indicators (keeping ``lineage``), period targets and programs (with their tree)."""
    for s in source.sasaran.prefetch_related("indicators__targets").order_by("order", "id"):
        new_s = Sasaran.objects.create(
            pemda_id=target.pemda_id, agreement=target, order=s.order, name=s.name, supports_id=s.supports_id
        )
        for ind in s.indicators.all():
            targets = list(ind.targets.all())
            ind.pk, ind.id, ind.uid, ind.sasaran = None, None, Indicator._meta.get_field("uid").default(), new_s
            ind._state.adding = True
            ind.save()
            IndicatorTarget.objects.bulk_create(
                IndicatorTarget(indicator=ind, kind=t.kind, number=t.number, value=t.value, low=t.low, high=t.high)
                for t in targets
            )
    mapping: dict[int, Program] = {}
    level_rank = {Program.Level.PROGRAM: 0, Program.Level.KEGIATAN: 1, Program.Level.SUB_KEGIATAN: 2}
    for p in sorted(source.programs.all(), key=lambda p: (level_rank.get(p.level, 3), p.order, p.code)):
        mapping[p.pk] = Program.objects.create(
            pemda_id=target.pemda_id,
            agreement=target,
            parent=mapping.get(p.parent_id),
            level=p.level,
            order=p.order,
            code=p.code,
            name=p.name,
            budget=p.budget,
        )
