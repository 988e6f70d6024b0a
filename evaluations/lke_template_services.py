"""Writes of LKE templates and predicate tables (the Admin SAKIP and the ketua tim, ``P.EVAL_MANAGE``).

Conventions as ``evaluations.services``: keyword-only, ``@transaction.atomic``, problems raise
Django ``ValidationError`` with messages in Bahasa Indonesia, a user who may not act raises
``PermissionDenied``. Weights are ``Decimal`` points of the 0–100 total.

A template used by an evaluation round is **frozen** (``frozen_at`` set when a round takes it):
every change of its wording, weights or name is refused ("buat versi baru"), so a published score
always matches the layout it was computed on. :func:`template_new_version` copies it as the next
version of its family, which can then be edited. Only switching a frozen template inactive (so it
is no longer offered for new rounds) is allowed, as it changes nothing that was scored.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from evaluations import lke_data, lke_seed
from evaluations.lke_models import (
    CriterionAnswer,
    LkeComponent,
    LkeCriterion,
    LkeSubComponent,
    LkeTemplate,
    PredicateTable,
    Recommendation,
)
from evaluations.lke_template import LkeError, Template, template_problems
from evaluations.predicates import DEFAULT_PREDICATES, PredicateBand, validate_predicates
from sakip.core.permissions import P, has_perm
from sakip.lib.numbers import parse_number

__all__ = [
    "criterion_update",
    "predicate_rows_for",
    "predicate_table_save",
    "template_delete",
    "template_install_defaults",
    "template_new_version",
    "template_problems_of",
    "template_update",
    "weights_update",
]


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def require_manage(user, pemda_id: int) -> None:
    """``P.EVAL_MANAGE`` in the Pemda of the record (403 otherwise)."""
    if getattr(user, "pemda_id", None) != pemda_id or not has_perm(user, P.EVAL_MANAGE):
        raise _deny()


def frozen_message() -> str:
    return _(
        "Templat ini sudah dipakai dalam putaran evaluasi sehingga tidak dapat diubah; "
        "buat versi baru untuk mengubahnya."
    )


def is_used(template: LkeTemplate) -> bool:
    """Frozen (a round took it) or referenced by a round (belt and braces)."""
    return template.frozen_at is not None or template.rounds.exists()


def _ensure_editable(template: LkeTemplate) -> None:
    if is_used(template):
        raise ValidationError(frozen_message())


def _lock(template: LkeTemplate) -> LkeTemplate:
    return LkeTemplate.objects.select_for_update().get(pk=template.pk)


# --- templates ----------------------------------------------------------------------------------


def _pure_from_prefetched(template: LkeTemplate) -> Template:
    """The pure template from ``components → subcomponents → criteria`` already prefetched (no query)."""
    components = list(template.components.all())
    subs = [s for c in components for s in c.subcomponents.all()]
    return lke_data.pure_from_rows(template, components, subs, [k for s in subs for k in s.criteria.all()])


def template_problems_of(template: LkeTemplate) -> list[str]:
    """Everything that keeps the stored template from being used (empty when valid), in Indonesian.

    Uses the tree when the caller prefetched it (``components__subcomponents__criteria``), else reads it.
    """
    if "components" in getattr(template, "_prefetched_objects_cache", {}):
        return template_problems(_pure_from_prefetched(template))
    return template_problems(lke_data.to_pure(template))


@transaction.atomic
def template_install_defaults(*, pemda, user=None) -> list[LkeTemplate]:
    """Store the default templates (families ``88-2021`` and ``12-2015``) that the Pemda lacks.

    Idempotent: a family that already exists (any version) is left alone. Returns the templates
    created by this call (empty when every family was there). ``user=None`` is for the demo and
    the Pemda set-up; a user needs ``P.EVAL_MANAGE`` in the Pemda.
    """
    if user is not None:
        require_manage(user, pemda.pk)
    existing = set(LkeTemplate.objects.filter(pemda=pemda).values_list("family", flat=True))
    created = []
    for seed in lke_seed.DEFAULT_TEMPLATES:
        if seed.family in existing:
            continue
        created.append(
            lke_data.save_pure_template(
                pemda=pemda,
                template=seed.build(),
                family=seed.family,
                regulation=seed.regulation,
                notes=seed.notes,
                created_by=user,
                guidance=seed.guidance(),
            )
        )
    return created


def _guidance_of(template: LkeTemplate) -> dict[str, str]:
    return dict(LkeCriterion.objects.filter(subcomponent__component__template=template).values_list("code", "guidance"))


def next_version(template: LkeTemplate) -> int:
    latest = LkeTemplate.objects.filter(pemda_id=template.pemda_id, family=template.family).aggregate(v=Max("version"))
    return (latest["v"] or 0) + 1


@transaction.atomic
def template_new_version(*, user, template: LkeTemplate) -> LkeTemplate:
    """Copy ``template`` (wording, weights, evidence expected) as the next version of its family.

    The copy is not frozen, so it can be edited; ``previous`` points to ``template``. Raises
    ``ValidationError`` when the template itself is not valid (nothing is saved).
    """
    require_manage(user, template.pemda_id)
    pure = lke_data.to_pure(template)
    try:
        return lke_data.save_pure_template(
            pemda=template.pemda,
            template=pure,
            family=template.family,
            version=next_version(template),
            regulation=template.regulation,
            notes=template.notes,
            previous=template,
            created_by=user,
            guidance=_guidance_of(template),
        )
    except LkeError as exc:
        raise ValidationError(exc.messages) from exc


@transaction.atomic
def template_update(
    *,
    user,
    template: LkeTemplate,
    name: str | None = None,
    regulation: str | None = None,
    notes: str | None = None,
    is_active: bool | None = None,
) -> LkeTemplate:
    """Change the name, regulation, notes or active flag (``None`` leaves a field as it is).

    A frozen template only accepts a change of ``is_active`` (retiring it from new rounds).
    """
    require_manage(user, template.pemda_id)
    locked = _lock(template)
    changes = {
        key: value
        for key, value in (("name", name), ("regulation", regulation), ("notes", notes))
        if value is not None and value.strip() != getattr(locked, key)
    }
    if changes and is_used(locked):
        raise ValidationError(frozen_message())
    for key, value in changes.items():
        setattr(locked, key, value.strip())
    if is_active is not None:
        locked.is_active = bool(is_active)
    locked.full_clean()
    locked.save()
    for f in LkeTemplate._meta.concrete_fields:
        setattr(template, f.attname, getattr(locked, f.attname))
    return template


@transaction.atomic
def criterion_update(*, user, criterion: LkeCriterion, text: str, guidance: str = "") -> LkeCriterion:
    """Replace the wording and the evidence expected of one criterion (refused on a frozen template)."""
    template = LkeTemplate.objects.get(pk=criterion.subcomponent.component.template_id)
    require_manage(user, template.pemda_id)
    _ensure_editable(_lock(template))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Rumusan kriteria wajib diisi.")})
    criterion.text = text
    criterion.guidance = (guidance or "").strip()
    criterion.full_clean()
    criterion.save(update_fields=["text", "guidance", "updated_at"])
    return criterion


def _decimal(value, code: str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        number = parse_number(str(value)) if isinstance(value, str) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = None
    if number is None:
        raise ValidationError({"weights": _("Bobot %(code)s bukan angka: %(v)s.") % {"code": code, "v": value}})
    return number


@transaction.atomic
def weights_update(*, user, template: LkeTemplate, weights: dict) -> LkeTemplate:
    """Set component and sub-component weights by code (``{"1": Decimal(30), "1.a": Decimal(6)}``).

    Weights not named keep their value. The whole template must still validate (components add up
    to 100, sub-components to their component): otherwise nothing is saved and every problem is
    listed. Refused on a frozen template and for codes the template does not have.
    """
    require_manage(user, template.pemda_id)
    _ensure_editable(_lock(template))
    components = {c.code: c for c in LkeComponent.objects.filter(template=template)}
    subs = {s.code: s for s in LkeSubComponent.objects.filter(component__template=template)}
    unknown = sorted(code for code in weights if code not in components and code not in subs)
    if unknown:
        raise ValidationError(
            {"weights": _("Kode tidak dikenal di templat: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    new = {code: _decimal(value, code) for code, value in weights.items()}
    pure = lke_data.to_pure(template)
    changed = replace(
        pure,
        components=tuple(
            replace(
                c,
                weight=new.get(c.code, c.weight),
                subcomponents=tuple(replace(s, weight=new.get(s.code, s.weight)) for s in c.subcomponents),
            )
            for c in pure.components
        ),
    )
    problems = template_problems(changed)
    if problems:
        raise ValidationError({"weights": problems})
    for code, weight in new.items():
        row = components.get(code) or subs[code]
        if row.weight != weight:
            row.weight = weight
            row.save(update_fields=["weight", "updated_at"])
    return template


@transaction.atomic
def template_delete(*, user, template: LkeTemplate) -> None:
    """Delete a template that was never used (no round, no answer, no recommendation refers to it)."""
    require_manage(user, template.pemda_id)
    locked = _lock(template)
    criteria = LkeCriterion.objects.filter(subcomponent__component__template=locked)
    if (
        is_used(locked)
        or CriterionAnswer.objects.filter(criterion__in=criteria).exists()
        or Recommendation.objects.filter(criterion__in=criteria).exists()
    ):
        raise ValidationError(_("Templat ini sudah dipakai dalam putaran evaluasi sehingga tidak dapat dihapus."))
    locked.delete()


# --- predicate tables ---------------------------------------------------------------------------


def _row_problems(rows) -> tuple[list[PredicateBand], list[str]]:
    bands, problems = [], []
    for n, row in enumerate(rows, start=1):
        try:
            letter, lower, upper, label = row
        except (TypeError, ValueError):
            problems.append(_("Baris %(n)s harus berisi predikat, batas bawah, batas atas dan sebutan.") % {"n": n})
            continue
        letter, label = str(letter or "").strip().upper(), str(label or "").strip()
        values = []
        for name, raw in ((_("batas bawah"), lower), (_("batas atas"), upper)):
            number = raw if isinstance(raw, Decimal) else parse_number(str(raw)) if raw not in (None, "") else None
            if number is None:
                problems.append(_("Baris %(n)s: %(f)s harus berupa angka.") % {"n": n, "f": name})
            elif not Decimal(0) <= number <= Decimal(100):
                problems.append(_("Baris %(n)s: %(f)s harus di antara 0 dan 100.") % {"n": n, "f": name})
            values.append(number)
        if not letter or len(letter) > 2:
            problems.append(_("Baris %(n)s: predikat harus diisi dengan satu atau dua huruf (mis. BB).") % {"n": n})
        if not label:
            problems.append(_("Baris %(n)s: sebutan predikat wajib diisi (mis. Sangat Baik).") % {"n": n})
        if None not in values and letter and label:
            bands.append(PredicateBand(letter, values[0], values[1], label))
    return bands, problems


@transaction.atomic
def predicate_table_save(*, user, pemda, year: int, rows) -> PredicateTable:
    """Store the predicate bands of ``year``: rows ``[letter, lower (exclusive), upper (inclusive), label]``.

    Numbers may be ``Decimal`` or Indonesian text ("70,5"). The table must cover 0–100 without gaps
    or overlaps (``predicates.validate_predicates``); otherwise nothing is saved and every problem
    is listed under ``bands``.
    """
    require_manage(user, pemda.pk)
    bands, problems = _row_problems(list(rows or []))
    if not problems:
        try:
            validate_predicates(bands)
        except LkeError as exc:
            problems = exc.messages
    if problems:
        raise ValidationError({"bands": problems})
    ordered = sorted(bands, key=lambda b: -b.upper)
    stored = [[b.letter, str(b.lower), str(b.upper), b.label] for b in ordered]
    table = PredicateTable.objects.select_for_update().filter(pemda=pemda, year=year).first()
    if table is None:
        table = PredicateTable(pemda=pemda, year=year, bands=stored)
    table.bands = stored
    table.full_clean()
    table.save()
    return table


def predicate_rows_for(pemda, year: int) -> list[list]:
    """The rows ``[letter, lower, upper, label]`` (``Decimal`` bounds) the Pemda uses in ``year``:
    its stored table, else the §6.4 default; best predicate first."""
    bands = lke_data.bands_for(pemda, year) or DEFAULT_PREDICATES
    return [[b.letter, b.lower, b.upper, b.label] for b in sorted(bands, key=lambda b: -b.upper)]
