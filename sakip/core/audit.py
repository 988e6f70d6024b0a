"""Audit trail helpers on top of django-simple-history, reusable by every app.

A view builds the history of a record (and, optionally, of related records such as a unit's
heads) with :func:`history_for` and includes ``components/history.html``::

    context["history"] = audit.history_for(request.user, unit, UnitHead.history.filter(unit_id=unit.pk))
    {% include "components/history.html" %}

Only users holding ``P.AUDIT_VIEW`` see it: for others :func:`history_for` returns ``None`` and the
component renders nothing. Query cost is bounded: one query per source plus one per related
model whose labels are shown, whatever the number of entries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from sakip.lib.dates import format_date

from .permissions import P, has_perm

# Technical fields that never appear in the trail.
HIDDEN_FIELDS = {"id", "uid", "created_at", "updated_at", "password", "last_login", "pemda", "date_joined"}
EMPTY = "—"
# Fields that name a record in the trail, first match wins.
SUBJECT_FIELDS = ("name", "full_name", "username", "title", "year", "code")


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: dt.datetime
    who: str
    action: str
    kind: str  # "+" created, "~" changed, "-" deleted (simple-history's history_type)
    subject: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


def _action_label(kind: str) -> str:
    return {"+": _("Dibuat"), "~": _("Diubah"), "-": _("Dihapus")}.get(kind, kind)


def _records(source, limit: int) -> list:
    """Historical records of a model instance (``obj.history``) or of a historical queryset."""
    qs = source.history.all() if hasattr(source, "history") and isinstance(source, models.Model) else source
    return list(qs.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])


def _fields_of(record) -> list[models.Field]:
    return [f for f in record.instance_type._meta.fields if f.name not in HIDDEN_FIELDS and f.editable]


def _fk_labels(records: list) -> dict[tuple[type, object], str]:
    """Labels of every related object referenced by the records, fetched once per related model."""
    wanted: dict[type, set] = defaultdict(set)
    for record in records:
        for f in _fields_of(record):
            if isinstance(f, models.ForeignKey):
                value = getattr(record, f.attname)
                if value is not None:
                    wanted[f.related_model].add(value)
    labels = {}
    for model, ids in wanted.items():
        for obj in model._base_manager.filter(pk__in=ids):
            label = getattr(obj, "display_name", None) or getattr(obj, "label", None) or str(obj)
            labels[(model, obj.pk)] = str(label)
        for missing in ids - {pk for (m, pk) in labels if m is model}:
            labels[(model, missing)] = _("(data terhapus #%(id)s)") % {"id": missing}
    return labels


def _display(f: models.Field, value, labels) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(f, models.ForeignKey):
        return labels.get((f.related_model, value), str(value))
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, FieldFile):
        return value.name.rsplit("/", 1)[-1] if value.name else EMPTY
    if isinstance(value, dt.datetime):
        return f"{format_date(value)} {value:%H.%M}"
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _subject(record) -> str:
    meta = record.instance_type._meta
    name = next((str(v) for a in SUBJECT_FIELDS if (v := getattr(record, a, None)) not in (None, "")), "")
    label = str(meta.verbose_name).capitalize()
    return f"{label}: {name}" if name else label


def _changes(record, previous, labels) -> list[Change]:
    fields = {f.name: f for f in _fields_of(record)}
    if previous is None:  # creation (or the oldest record kept): show the values set
        changes = []
        for f in fields.values():
            value = getattr(record, f.attname)
            if value not in (None, "") and not (isinstance(value, FieldFile) and not value.name):
                changes.append(Change(capfirst(str(f.verbose_name)), EMPTY, _display(f, value, labels)))
        return changes
    delta = record.diff_against(previous, included_fields=list(fields))
    return [
        Change(
            capfirst(str(fields[c.field].verbose_name)),
            _display(fields[c.field], getattr(previous, fields[c.field].attname), labels),
            _display(fields[c.field], getattr(record, fields[c.field].attname), labels),
        )
        for c in delta.changes
    ]


def history_for(user, *sources, limit: int = 50) -> list[Entry] | None:
    """The newest ``limit`` audit entries of ``sources`` (model instances with ``history`` or
    historical querysets), newest first; ``None`` when ``user`` may not see audit trails."""
    if not has_perm(user, P.AUDIT_VIEW):
        return None
    records = [r for source in sources for r in _records(source, limit)]
    labels = _fk_labels(records)
    by_object: dict[tuple, list] = defaultdict(list)
    for r in records:
        by_object[(r.instance_type, r.id)].append(r)
    entries = []
    for chain in by_object.values():
        for i, record in enumerate(chain):
            previous = chain[i + 1] if i + 1 < len(chain) else None
            if record.history_type == "-":
                changes = []
            elif previous is None and record.history_type == "~":
                # the predecessor lies beyond the limit: show the values, the old ones are unknown
                changes = [Change(c.field, "…", c.new) for c in _changes(record, None, labels)]
            else:
                changes = _changes(record, previous, labels)
            if record.history_type == "~" and not changes:
                continue  # a save without a visible change (e.g. only a timestamp)
            who = record.history_user
            entries.append(
                Entry(
                    when=record.history_date,
                    who=(who.display_name if who else _("Sistem")),
                    action=_action_label(record.history_type),
                    kind=record.history_type,
                    subject=_subject(record),
                    changes=changes,
                    reason=record.history_change_reason or "",
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
