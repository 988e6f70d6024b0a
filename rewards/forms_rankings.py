"""Forms of the ranking pages: the year/period/kind filter, freezing a snapshot, composite weights and
the structured rule form (serialised to the definition JSON that ``rewards.rules`` validates).

Validation messages of weights and rules come from the pure modules (``ranking.validate_weights``,
``rules.rule_problems``) so the page says exactly what the services refuse.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from rewards import rules
from rewards.models import DecisionType, Target
from rewards.ranking import RewardsError, validate_weights
from rewards.rules_defaults import (
    KIND_FLAG,
    KIND_LETTER,
    OUTCOME_PARAMETERS,
    RULE_METRIC_LABELS,
    RULE_METRICS,
    WINDOW_CONSECUTIVE,
    WINDOW_IN_YEAR,
    rule_metric_kind,
)

CONDITION_SLOTS = 3
COMPARATOR_CHOICES = (
    ("", _("— pilih —")),
    ("<", _("kurang dari (<)")),
    ("<=", _("paling tinggi (≤)")),
    (">", _("lebih dari (>)")),
    (">=", _("paling rendah (≥)")),
    ("==", _("sama dengan (=)")),
    ("between", _("antara (termasuk batas)")),
    ("in", _("salah satu predikat")),
    ("is", _("ya/tidak")),
)
WINDOW_CHOICES = (
    ("", _("— tanpa jangka waktu —")),
    (WINDOW_CONSECUTIVE, _("bulan berturut-turut")),
    (WINDOW_IN_YEAR, _("bulan dalam setahun")),
)
PARAMETER_FIELDS = ("bulan", "persen", "nilai")
YES = {"ya", "y", "true", "1", "benar"}
NO = {"tidak", "t", "false", "0", "salah"}


def metric_choices(extra=()):
    """Rule metric choices: the vocabulary, then ``extra`` ``(code, label)`` pairs (assessment types)."""
    base = [(m, _(RULE_METRIC_LABELS.get(m, m))) for m in RULE_METRICS]
    return [("", _("— tidak dipakai —"))] + base + list(extra)


class FreezeForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=160)
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WeightsForm(forms.Form):
    """Weights of the composite index (points of 100); the whole set is checked by ``validate_weights``.

    ``specs`` (issue 9): the Pemda's further metrics (one field each, named by the metric code: an
    assessment type ``penilaian_<code>``, obligation compliance ``kepatuhan_kewajiban``); empty = 0.
    """

    akip = forms.DecimalField(label=_("Nilai AKIP"), max_digits=6, decimal_places=2, localize=True)
    capaian = forms.DecimalField(label=_("Capaian kinerja"), max_digits=6, decimal_places=2, localize=True)
    ketepatan_waktu = forms.DecimalField(label=_("Ketepatan waktu"), max_digits=6, decimal_places=2, localize=True)

    def __init__(self, *args, specs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = list(specs)
        for spec in self.specs:
            self.fields[spec.code] = forms.DecimalField(
                label=spec.label,
                max_digits=6,
                decimal_places=2,
                localize=True,
                required=False,
                help_text=_("Kosong = 0 (tidak dipakai)."),
            )

    def base_fields_bound(self):
        return [self[name] for name in ("akip", "capaian", "ketepatan_waktu")]

    def further_fields_bound(self):
        return [self[spec.code] for spec in self.specs]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        names = ["akip", "capaian", "ketepatan_waktu"] + [s.code for s in self.specs]
        given = {k: data[k] for k in names if data.get(k) is not None}
        try:
            self.weights = validate_weights(given, self.specs)
        except RewardsError as error:
            for message in error.messages:
                self.add_error(None, message)
        return data


class RuleForm(forms.Form):
    """A rule as fields: up to three conditions, a scope and an outcome with its parameters."""

    code = forms.SlugField(label=_("Kode"), max_length=60, help_text=_("Huruf kecil, angka dan garis bawah."))
    name = forms.CharField(label=_("Nama aturan"), max_length=200)
    order = forms.IntegerField(label=_("Urutan"), min_value=0, max_value=999, initial=0)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    categories = forms.MultipleChoiceField(
        label=_("Kategori peringkat"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosong: semua kategori."),
    )
    rank_from = forms.IntegerField(label=_("Peringkat dari"), required=False, min_value=1)
    rank_to = forms.IntegerField(label=_("Peringkat sampai"), required=False, min_value=1)
    outcome = forms.CharField(label=_("Usulan keputusan"), widget=forms.Select(choices=DecisionType.choices))
    target = forms.CharField(label=_("Sasaran"), widget=forms.Select(choices=Target.choices), initial=Target.UNIT)
    bulan = forms.DecimalField(label=_("Lama (bulan)"), required=False, localize=True)
    persen = forms.DecimalField(label=_("Persentase pemotongan TPP"), required=False, localize=True)
    nilai = forms.DecimalField(label=_("Nilai insentif (Rp)"), required=False, localize=True)

    def __init__(self, *args, category_choices=(), metric_extra=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = list(category_choices)
        choices = metric_choices(metric_extra)
        for n in range(1, CONDITION_SLOTS + 1):
            # metric, comparator, window: plain text fields with a select widget, so an unknown value reaches
            # the rule validator and is refused with its own message
            self.fields[f"c{n}_metric"] = forms.CharField(
                label=_("Metrik"), required=False, widget=forms.Select(choices=choices)
            )
            self.fields[f"c{n}_comparator"] = forms.CharField(
                label=_("Pembanding"), required=False, widget=forms.Select(choices=COMPARATOR_CHOICES)
            )
            self.fields[f"c{n}_threshold"] = forms.CharField(
                label=_("Ambang"),
                required=False,
                max_length=60,
            )
            self.fields[f"c{n}_threshold2"] = forms.CharField(
                label=_("Batas atas (antara)"), required=False, max_length=30
            )
            self.fields[f"c{n}_window"] = forms.CharField(
                label=_("Jangka waktu"), required=False, widget=forms.Select(choices=WINDOW_CHOICES)
            )
            self.fields[f"c{n}_months"] = forms.IntegerField(label=_("Jumlah bulan"), required=False)

    # --- layout helpers for the template ---------------------------------------------------------

    def condition_rows(self):
        keys = ("metric", "comparator", "threshold", "threshold2", "window", "months")
        rows = []
        for n in range(1, CONDITION_SLOTS + 1):
            fields = [self[f"c{n}_{k}"] for k in keys]
            rows.append((n, fields, n == 1 or bool(fields[0].value())))  # (number, fields, shown open)
        return rows

    def head_fields(self):
        return [self[k] for k in ("code", "name", "order", "is_active")]

    def outcome_fields(self):
        return [self[k] for k in ("outcome", "target", "bulan", "persen", "nilai")]

    # --- serialisation ----------------------------------------------------------------------------

    @staticmethod
    def _threshold(metric: str, comparator: str, raw: str, upper: str):
        kind = rule_metric_kind(metric)
        raw = (raw or "").strip()
        if comparator == "in" or kind == KIND_LETTER:
            return [part.upper() for part in re.split(r"[\s,;/]+", raw) if part]
        if comparator == "is" or kind == KIND_FLAG:
            low = raw.lower()
            return True if low in YES else False if low in NO else raw
        number = raw.replace(".", "").replace(",", ".") if "," in raw else raw
        if comparator == "between":
            top = (upper or "").strip()
            top = top.replace(".", "").replace(",", ".") if "," in top else top
            return [number, top]
        return number

    def definition(self) -> dict:
        """The definition JSON (conditions, scope, outcome) of the cleaned form."""
        data = self.cleaned_data
        conditions = []
        for n in range(1, CONDITION_SLOTS + 1):
            metric = (data.get(f"c{n}_metric") or "").strip()
            if not metric:
                continue
            comparator = (data.get(f"c{n}_comparator") or "").strip()
            cond = {
                "metric": metric,
                "comparator": comparator,
                "threshold": self._threshold(
                    metric, comparator, data.get(f"c{n}_threshold", ""), data.get(f"c{n}_threshold2", "")
                ),
            }
            window = (data.get(f"c{n}_window") or "").strip()
            if window:
                cond["window"] = {"kind": window, "months": data.get(f"c{n}_months")}
            conditions.append(cond)
        outcome_type = data.get("outcome", "")
        required, optional = OUTCOME_PARAMETERS.get(outcome_type, ((), ()))
        parameters = {}
        for name in required + optional:
            value = data.get(name)
            if value is not None:
                parameters[name] = int(value) if name == "bulan" and value == value.to_integral_value() else str(value)
        outcome = {"type": outcome_type, "target": data.get("target") or Target.UNIT}
        if parameters:
            outcome["parameters"] = parameters
        definition = {"conditions": conditions, "outcome": outcome}
        scope = {}
        if data.get("categories"):
            scope["categories"] = list(data["categories"])
        if data.get("rank_from") or data.get("rank_to"):
            low = data.get("rank_from") or 1
            scope["ranks"] = [low, data.get("rank_to") or low]
        if scope:
            definition["scope"] = scope
        return definition

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        definition = self.definition()
        try:
            rule = rules.rule_from_dict({**definition, "code": data["code"], "name": data["name"]})
            problems = rules.rule_problems(rule)
        except RewardsError as error:
            problems = error.messages
        for message in problems:
            self.add_error(None, message)  # all of them on top, in the validator's words
            field = self._field_of(str(message))
            if field:
                self.add_error(field, message)  # and next to the field it concerns
        self.rule_definition = definition
        return data

    @staticmethod
    def _field_of(message: str) -> str | None:
        """The outcome field a validator message concerns (parameters), else None."""
        from django.utils.translation import gettext

        if message == gettext("Persentase pemotongan TPP harus lebih dari 0 dan paling tinggi 100."):
            return "persen"
        if message == gettext("Nilai insentif tidak boleh negatif."):
            return "nilai"
        for name in PARAMETER_FIELDS:
            if message == gettext("Parameter %(p)s wajib diisi.") % {"p": name}:
                return name
        return None

    @classmethod
    def initial_from(cls, rule) -> dict:
        """Form initial values from a stored rule."""
        definition = rule.definition or {}
        initial = {"code": rule.code, "name": rule.name, "order": rule.order, "is_active": rule.is_active}
        for n, cond in enumerate(definition.get("conditions", [])[:CONDITION_SLOTS], start=1):
            threshold = cond.get("threshold")
            upper = ""
            if isinstance(threshold, list | tuple):
                if cond.get("comparator") == "between" and len(threshold) == 2:
                    threshold, upper = threshold
                else:
                    threshold = ", ".join(str(t) for t in threshold)
            elif isinstance(threshold, bool):
                threshold = "ya" if threshold else "tidak"
            window = cond.get("window") or {}
            initial.update(
                {
                    f"c{n}_metric": cond.get("metric", ""),
                    f"c{n}_comparator": cond.get("comparator", ""),
                    f"c{n}_threshold": "" if threshold is None else str(threshold),
                    f"c{n}_threshold2": str(upper),
                    f"c{n}_window": window.get("kind", ""),
                    f"c{n}_months": window.get("months"),
                }
            )
        outcome = definition.get("outcome") or {}
        initial["outcome"] = outcome.get("type", "")
        initial["target"] = outcome.get("target", Target.UNIT)
        for name, value in (outcome.get("parameters") or {}).items():
            if name in PARAMETER_FIELDS:
                initial[name] = Decimal(str(value))
        scope = definition.get("scope") or {}
        initial["categories"] = list(scope.get("categories") or [])
        ranks = scope.get("ranks")
        if ranks:
            initial["rank_from"], initial["rank_to"] = ranks[0], ranks[1]
        return initial
