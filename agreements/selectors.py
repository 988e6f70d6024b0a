"""Reads of Perjanjian Kinerja, already scoped to what the user may see (design §2/§3).

Visibility (one rule, :func:`visible_q` in SQL and :func:`can_view` in Python):

* admin, evaluator and pimpinan read every PK version of their Pemda (``unit_ids_with`` → ``None``);
* an operator or kepala OPD reads every version of the PKs of their own units, and the *signed*
  versions of other units and of the Pemda (a signed PK is a published document; drafts are not);
* anything else (another Pemda, another unit's draft, a malformed id) is 404.

Every selector declares its own ``select_related`` / ``prefetch_related`` so that pages and exports
run a fixed number of queries whatever the number of units, sasaran or indicators.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.core import permissions
from sakip.core.models import FiscalYear, Unit, UnitHead
from sakip.core.permissions import P
from sakip.lib.dates import month_name
from sakip.lib.numbers import format_number, format_rupiah

from .models import Agreement, AgreementEvent, Indicator, IndicatorTarget, Program, Sasaran

Status = Agreement.Status
MISSING = "missing"
# Order of the status filter and counters on the list page.
ROW_STATUSES = (MISSING, Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.SIGNED)


def status_label(status: str) -> str:
    return _("Belum dibuat") if status == MISSING else str(Status(status).label)


# --- visibility ---------------------------------------------------------------------------


def visible_q(user) -> Q | None:
    """The ``Q`` of PK versions ``user`` may read, or ``None`` when they may read none."""
    pemda_id = getattr(user, "pemda_id", None)
    if pemda_id is None or not permissions.has_perm(user, P.PK_VIEW):
        return None
    unit_ids = permissions.unit_ids_with(user, P.PK_VIEW)
    if unit_ids is None:
        return Q(pemda_id=pemda_id)
    return Q(pemda_id=pemda_id) & (Q(unit_id__in=unit_ids) | Q(status=Status.SIGNED))


def can_view(user, agreement: Agreement) -> bool:
    """Python twin of :func:`visible_q` for rows already loaded (no query)."""
    if agreement.pemda_id != getattr(user, "pemda_id", None) or not permissions.has_perm(user, P.PK_VIEW):
        return False
    unit_ids = permissions.unit_ids_with(user, P.PK_VIEW)
    return unit_ids is None or agreement.unit_id in unit_ids or agreement.status == Status.SIGNED


def agreements_for(user) -> QuerySet[Agreement]:
    """PK versions ``user`` may read, with owner and year joined."""
    q = visible_q(user)
    qs = Agreement.objects.select_related("pemda", "fiscal_year", "unit")
    return qs.filter(q) if q is not None else qs.none()


def years_for(user) -> list[FiscalYear]:
    """Fiscal years of the user's Pemda, newest first (for the year selector)."""
    return list(FiscalYear.objects.filter(pemda_id=user.pemda_id).order_by("-year"))


def year_for(user, year: str | int | None) -> FiscalYear | None:
    """The fiscal year ``year`` of the user's Pemda; without one, the current year (else the newest)."""
    qs = FiscalYear.objects.filter(pemda_id=user.pemda_id)
    if year:
        try:
            return qs.filter(year=int(year)).first()
        except (TypeError, ValueError):
            return None
    return qs.filter(is_current=True).first() or qs.order_by("-year").first()


# --- the year overview (list page) ---------------------------------------------------------


@dataclass
class UnitRow:
    """The PK situation of one unit (or of the Pemda itself when ``unit`` is ``None``) in a year."""

    unit: Unit | None
    versions: list[Agreement]  # newest first
    deadline: dt.date
    today: dt.date
    is_own: bool = False
    visible: list[Agreement] = field(default_factory=list)

    @property
    def latest(self) -> Agreement | None:
        return self.versions[0] if self.versions else None

    @property
    def in_force(self) -> Agreement | None:
        return next((a for a in self.versions if a.status == Status.SIGNED), None)

    @property
    def revision(self) -> Agreement | None:
        """A PK Perubahan under work while an earlier version is in force."""
        latest = self.latest
        return latest if latest and latest.status != Status.SIGNED and self.in_force else None

    @property
    def status(self) -> str:
        if self.in_force:
            return Status.SIGNED
        return self.latest.status if self.latest else MISSING

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def first_signed_on(self) -> dt.date | None:
        dates = [a.signed_on for a in self.versions if a.status == Status.SIGNED and a.signed_on]
        return min(dates) if dates else None

    @property
    def late(self) -> bool:
        """Not signed by the deadline (and the deadline has passed), or first signed after it."""
        signed_on = self.first_signed_on
        if signed_on is None:
            return self.in_force is None and self.today > self.deadline
        return signed_on > self.deadline

    @property
    def link(self) -> Agreement | None:
        """The version this user should open: the newest one they may read."""
        return self.visible[0] if self.visible else None


@dataclass
class YearOverview:
    fiscal_year: FiscalYear
    deadline: dt.date
    pemda_row: UnitRow
    rows: list[UnitRow]  # after filters
    counts: dict[str, int]  # per status over every active unit (before filters)
    late_count: int
    total: int


def year_overview(
    user, fiscal_year: FiscalYear, *, status: str = "", category: str = "", search: str = "", today=None
) -> YearOverview:
    """Every active unit of the Pemda with the state of its PK in ``fiscal_year`` (two queries).

    ``status`` filters on the row status (``missing``/``draft``/…/``signed``, or ``late``),
    ``category`` on the unit's ranking-category code, ``search`` on name, short name or code.
    """
    today = today or timezone.localdate()
    deadline = fiscal_year.pk_deadline_date
    units = list(
        Unit.objects.filter(pemda_id=fiscal_year.pemda_id, is_active=True)
        .select_related("ranking_category")
        .order_by("code", "name")
    )
    by_unit: dict[int | None, list[Agreement]] = {}
    versions = Agreement.objects.filter(fiscal_year=fiscal_year).order_by("-version")
    for agreement in versions.only(
        "id", "uid", "pemda_id", "unit_id", "fiscal_year_id", "version", "status", "signed_on", "updated_at"
    ):
        by_unit.setdefault(agreement.unit_id, []).append(agreement)
    own = permissions.own_unit_ids(user)

    def make(unit: Unit | None) -> UnitRow:
        found = by_unit.get(unit.pk if unit else None, [])
        row = UnitRow(unit, found, deadline, today, is_own=bool(unit and unit.pk in own))
        row.visible = [a for a in found if can_view(user, a)]
        return row

    all_rows = [make(unit) for unit in units]
    counts = dict.fromkeys(ROW_STATUSES, 0)
    for row in all_rows:
        counts[row.status] += 1
    rows = all_rows
    if status == "late":
        rows = [r for r in rows if r.late]
    elif status in counts:
        rows = [r for r in rows if r.status == status]
    if category:
        rows = [r for r in rows if r.unit.ranking_category and r.unit.ranking_category.code == category]
    if search:
        needle = search.casefold().strip()
        rows = [r for r in rows if needle in f"{r.unit.name} {r.unit.short_name} {r.unit.code}".casefold()]
    # The user's own units first, then by code.
    rows = sorted(rows, key=lambda r: not r.is_own)
    return YearOverview(
        fiscal_year=fiscal_year,
        deadline=deadline,
        pemda_row=make(None),
        rows=rows,
        counts=counts,
        late_count=sum(1 for r in all_rows if r.late),
        total=len(all_rows),
    )


# --- one PK ---------------------------------------------------------------------------------


def _indicators_qs() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("order", "id").prefetch_related(
        Prefetch("targets", queryset=IndicatorTarget.objects.order_by("kind", "number"))
    )


def _with_content(qs: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """Sasaran → indicators → targets, programs, events and the unit's heads in six extra queries."""
    sasaran = (
        Sasaran.objects.order_by("order", "id")
        .select_related("supports")
        .prefetch_related(Prefetch("indicators", queryset=_indicators_qs()))
    )
    return qs.select_related("previous", "submitted_by", "approved_by", "signed_recorded_by").prefetch_related(
        Prefetch("sasaran", queryset=sasaran),
        Prefetch("programs", queryset=Program.objects.select_related("parent").order_by("order", "code")),
        Prefetch("events", queryset=AgreementEvent.objects.select_related("actor").order_by("-created_at", "-id")),
        Prefetch("unit__heads", queryset=UnitHead.objects.order_by("-start_date")),
    )


def agreement_detail(user, uid) -> Agreement:
    """One PK version the user may read, with all of its content prefetched; 404 otherwise."""
    return permissions.get_object_or_404_for(_with_content(agreements_for(user)), user, uid=uid)


def agreement_by_uid(user, uid) -> Agreement:
    """One PK version the user may read, without its content (for actions); 404 otherwise."""
    return permissions.get_object_or_404_for(agreements_for(user), user, uid=uid)


def agreement_versions(user, agreement: Agreement) -> list[Agreement]:
    """Every version of the same PK (unit or Pemda, year) the user may read, newest first."""
    qs = agreements_for(user).filter(fiscal_year_id=agreement.fiscal_year_id)
    qs = qs.filter(unit_id=agreement.unit_id) if agreement.unit_id else qs.filter(unit__isnull=True)
    return list(qs.select_related("signed_recorded_by").order_by("-version"))


def agreement_in_force(*, fiscal_year: FiscalYear, unit: Unit | None = None) -> Agreement | None:
    """The PK in force for ``unit`` (``None``: the Pemda's own PK) in ``fiscal_year``: its latest signed version.

    Not user-scoped: callers (realisation, evaluation) check access to the unit themselves.
    """
    qs = Agreement.objects.filter(fiscal_year=fiscal_year, status=Status.SIGNED)
    qs = qs.filter(unit=unit) if unit is not None else qs.filter(unit__isnull=True)
    return qs.order_by("-version").first()


def agreement_in_force_for(user, *, fiscal_year: FiscalYear, unit: Unit | None = None) -> Agreement | None:
    """:func:`agreement_in_force` if the user may read it."""
    found = agreement_in_force(fiscal_year=fiscal_year, unit=unit)
    return found if found is not None and can_view(user, found) else None


def _one(qs, **lookup):
    try:
        return qs.get(**lookup)
    except (qs.model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None


def sasaran_of(agreement: Agreement, uid, *, with_indicators: bool = False) -> Sasaran:
    """A sasaran of ``agreement`` (already checked visible) by its public id; 404 otherwise."""
    qs = Sasaran.objects.filter(agreement=agreement).select_related("supports", "agreement")
    if with_indicators:
        qs = qs.prefetch_related(Prefetch("indicators", queryset=_indicators_qs()))
    return _one(qs, uid=uid)


def indicator_of(agreement: Agreement, uid) -> Indicator:
    """An indicator of ``agreement`` with its targets, decorated for display; 404 otherwise."""
    qs = Indicator.objects.filter(sasaran__agreement=agreement).select_related("sasaran__agreement")
    indicator = _one(qs.prefetch_related("targets"), uid=uid)
    decorate([indicator])
    return indicator


def program_of(agreement: Agreement, uid) -> Program:
    """A program (kegiatan, sub kegiatan) of ``agreement``; 404 otherwise."""
    return _one(Program.objects.filter(agreement=agreement).select_related("parent", "agreement"), uid=uid)


def program_parents(agreement: Agreement) -> list[Program]:
    """Programs and kegiatan of ``agreement``: what a new kegiatan / sub kegiatan may sit under."""
    levels = (Program.Level.PROGRAM, Program.Level.KEGIATAN)
    return list(agreement.programs.filter(level__in=levels).order_by("order", "code"))


def pemda_sasaran_for(agreement: Agreement) -> list[Sasaran]:
    """Sasaran of the Pemda's own PK in force (or under work) for the same year: what a unit sasaran may support."""
    if agreement.is_pemda_pk:
        return []
    pemda_pk = (
        Agreement.objects.filter(fiscal_year_id=agreement.fiscal_year_id, unit__isnull=True)
        .order_by("-version")
        .first()
    )
    return list(pemda_pk.sasaran.order_by("order", "id")) if pemda_pk else []


def program_total(agreement: Agreement) -> Decimal:
    """Sum of the program-level budgets in Rupiah (kegiatan and sub kegiatan are part of their program)."""
    programs = agreement.programs.all()
    return sum((p.budget for p in programs if p.level == Program.Level.PROGRAM), Decimal(0))


# --- comparison of two versions -----------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ItemChange:
    kind: str  # "added" | "removed" | "changed" | "same"
    label: str
    context: str = ""
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class Comparison:
    old: Agreement
    new: Agreement
    document: list[FieldChange]
    indicators: list[ItemChange]
    programs: list[ItemChange]

    @property
    def indicator_changes(self) -> list[ItemChange]:
        return [i for i in self.indicators if i.kind != "same"]

    @property
    def program_changes(self) -> list[ItemChange]:
        return [p for p in self.programs if p.kind != "same"]

    @property
    def counts(self) -> dict[str, int]:
        counts = {"added": 0, "removed": 0, "changed": 0, "same": 0}
        for item in [*self.indicators, *self.programs]:
            counts[item.kind] += 1
        return counts


def _num(value) -> str:
    return format_number(value, None, strip=True) if value is not None else "–"


def _targets(indicator: Indicator, kind: str) -> dict[int, str]:
    out = {}
    for t in indicator.targets.all():
        if t.kind != kind:
            continue
        if t.low is not None or t.high is not None:
            out[t.number] = f"{_num(t.low)}–{_num(t.high)}"
        else:
            out[t.number] = _num(t.value)
    return out


def target_text(indicator: Indicator) -> str:
    """``80`` or ``70–80`` (range), in Indonesian notation, without the satuan."""
    if indicator.target_low is not None or indicator.target_high is not None:
        return f"{_num(indicator.target_low)}–{_num(indicator.target_high)}"
    return _num(indicator.target)


def decorate(indicators) -> None:
    """Attach display texts to indicators loaded with prefetched ``targets`` (no query):
    ``target_text``, ``quarter_texts`` (4) and ``month_texts`` (12, or empty when there are none)."""
    for indicator in indicators:
        quarters = _targets(indicator, IndicatorTarget.Kind.QUARTER)
        months = _targets(indicator, IndicatorTarget.Kind.MONTH)
        indicator.target_text = target_text(indicator)
        indicator.quarter_texts = [quarters.get(n, "–") for n in range(1, 5)]
        indicator.month_texts = [(month_name(n), months.get(n, "–")) for n in range(1, 13)] if months else []


def decorate_agreement(agreement: Agreement) -> Agreement:
    """:func:`decorate` every indicator of a PK loaded by :func:`agreement_detail`."""
    decorate(i for s in agreement.sasaran.all() for i in s.indicators.all())
    agreement.program_total = program_total(agreement)
    return agreement


def _indicator_fields(indicator: Indicator) -> list[tuple[str, str]]:
    yes, no = _("Ya"), _("Tidak")
    rows = [
        (_("Sasaran"), indicator.sasaran.name),
        (_("Indikator"), indicator.name),
        (_("Satuan"), indicator.satuan),
        (_("Polaritas"), indicator.get_polarity_display()),
        (_("Aturan periode"), indicator.get_period_rule_display()),
        (_("IKU"), yes if indicator.is_iku else no),
        (_("Definisi operasional"), indicator.definition or "–"),
        (_("Formula"), indicator.formula or "–"),
        (_("Sumber data"), indicator.data_source or "–"),
        (_("Baseline"), _num(indicator.baseline)),
        (_("Bobot"), _num(indicator.weight)),
        (_("Target tahunan"), target_text(indicator)),
    ]
    quarters = _targets(indicator, IndicatorTarget.Kind.QUARTER)
    rows += [(f"TW {r}", quarters.get(n, "–")) for n, r in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))]
    months = _targets(indicator, IndicatorTarget.Kind.MONTH)
    if months:
        rows += [(month_name(n), months.get(n, "–")) for n in range(1, 13)]
    return rows


def _program_fields(program: Program) -> list[tuple[str, str]]:
    return [
        (_("Nama"), program.name),
        (_("Tingkat"), program.get_level_display()),
        (_("Induk"), program.parent.code if program.parent_id else "–"),
        (_("Anggaran"), format_rupiah(program.budget)),
    ]


def _diff(old_fields, new_fields) -> list[FieldChange]:
    old_map, new_map = dict(old_fields), dict(new_fields)
    labels = [label for label, _v in new_fields] + [label for label, _v in old_fields if label not in new_map]
    return [
        FieldChange(label, old_map.get(label, "–"), new_map.get(label, "–"))
        for label in labels
        if old_map.get(label, "–") != new_map.get(label, "–")
    ]


def _match(old_items: dict, new_items: dict, fields, label, context) -> list[ItemChange]:
    out = []
    for key, new in new_items.items():
        old = old_items.get(key)
        if old is None:
            out.append(ItemChange("added", label(new), context(new)))
            continue
        changes = _diff(fields(old), fields(new))
        out.append(ItemChange("changed" if changes else "same", label(new), context(new), changes))
    for key, old in old_items.items():
        if key not in new_items:
            out.append(ItemChange("removed", label(old), context(old)))
    return out


def _party(data: dict, key: str) -> str:
    person = data.get(key) or {}
    if not isinstance(person, dict):
        return ""
    title = person.get("display_title") or person.get("title", "")
    return ", ".join(x for x in (person.get("name", ""), title) if x)


def agreement_compare(old: Agreement, new: Agreement) -> Comparison:
    """What changed from ``old`` to ``new`` (both loaded by :func:`agreement_detail`).

    Indicators are matched by ``lineage`` (the same indicator across versions), programs by their
    Permendagri code; every attribute and period target is compared as displayed (Indonesian format).
    """

    def indicators_of(agreement):
        return {i.lineage: i for s in agreement.sasaran.all() for i in s.indicators.all()}

    def programs_of(agreement):
        return {p.code: p for p in agreement.programs.all()}

    document = _diff(
        [
            (_("Pihak pertama"), _party(old.signatories, "pihak_pertama") or "–"),
            (_("Pihak kedua"), _party(old.signatories, "pihak_kedua") or "–"),
            (_("Jumlah anggaran"), format_rupiah(program_total(old))),
        ],
        [
            (_("Pihak pertama"), _party(new.signatories, "pihak_pertama") or "–"),
            (_("Pihak kedua"), _party(new.signatories, "pihak_kedua") or "–"),
            (_("Jumlah anggaran"), format_rupiah(program_total(new))),
        ],
    )
    return Comparison(
        old=old,
        new=new,
        document=document,
        indicators=_match(
            indicators_of(old),
            indicators_of(new),
            _indicator_fields,
            lambda i: i.name,
            lambda i: i.sasaran.name,
        ),
        programs=_match(
            programs_of(old),
            programs_of(new),
            _program_fields,
            lambda p: f"{p.code} {p.name}",
            lambda p: p.get_level_display(),
        ),
    )
