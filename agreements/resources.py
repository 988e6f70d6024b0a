"""django-import-export resource of PK indicators, and the year export.

For views: :func:`pk_export_year` ``(fiscal_year, user) -> bytes`` — an .xlsx with one row per
indicator of every PK of the year across the Pemda (for each unit and for the Pemda itself: the
latest version the user may read), with the quarterly and monthly targets. Needs ``P.PK_EXPORT``
(admin, pimpinan); raises ``PermissionDenied`` otherwise.

Formula injection: text cells that start with ``=``, ``+``, ``-``, ``@``, tab or carriage return are
prefixed with an apostrophe, so a name like ``=HYPERLINK(...)`` typed into the portal is shown as
text by Excel, never evaluated. This is done here rather than by the format's
``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` pass (the setting stays on for every other export)
because that pass turns every cell into text (numbers become strings, empty cells "None") and only
strips a leading ``=``.

The import of a unit's PK rows is in :mod:`agreements.imports` (``pk_import``), which goes through
the services row by row with errors by row and column.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from import_export import fields, resources

from sakip.core.models import FiscalYear
from sakip.core.permissions import P, has_perm

from . import selectors
from .imports import POLARITY_OUT, RULE_OUT
from .models import Agreement, Indicator, IndicatorTarget
from .validation import fmt

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Neutralise text a spreadsheet would evaluate (see module docstring); other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _target(indicator: Indicator, kind: str, number: int):
    for t in indicator.targets.all():
        if t.kind == kind and t.number == number:
            if indicator.polarity == Indicator.Polarity.RANGE:
                if t.low is None and t.high is None:
                    return None
                return f"{fmt(t.low)} - {fmt(t.high)}"
            return t.value
    return None


class IndicatorExportResource(resources.ModelResource):
    """One row per indicator; fields listed explicitly. Export only (imports go through
    :mod:`agreements.imports`)."""

    tahun = fields.Field(attribute="sasaran__agreement__fiscal_year__year", column_name="tahun")
    kode_unit = fields.Field(column_name="kode_unit")
    unit = fields.Field(column_name="unit")
    versi = fields.Field(attribute="sasaran__agreement__version", column_name="versi")
    status = fields.Field(column_name="status")
    sasaran = fields.Field(attribute="sasaran__name", column_name="sasaran")
    indikator = fields.Field(attribute="name", column_name="indikator")
    satuan = fields.Field(attribute="satuan", column_name="satuan")
    polaritas = fields.Field(column_name="polaritas")
    aturan_periode = fields.Field(column_name="aturan_periode")
    iku = fields.Field(column_name="iku")
    target = fields.Field(attribute="target", column_name="target")
    target_bawah = fields.Field(attribute="target_low", column_name="target_bawah")
    target_atas = fields.Field(attribute="target_high", column_name="target_atas")
    definisi = fields.Field(attribute="definition", column_name="definisi")
    sumber_data = fields.Field(attribute="data_source", column_name="sumber_data")

    class Meta:
        model = Indicator
        fields = (
            "tahun",
            "kode_unit",
            "unit",
            "versi",
            "status",
            "sasaran",
            "indikator",
            "satuan",
            "polaritas",
            "aturan_periode",
            "iku",
            "target",
            "target_bawah",
            "target_atas",
            *[f"tw{n}" for n in range(1, 5)],
            *[f"bulan{n}" for n in range(1, 13)],
            "definisi",
            "sumber_data",
        )
        export_order = fields

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for n in range(1, 5):
            self.fields[f"tw{n}"] = fields.Field(column_name=f"tw{n}", dehydrate_method=f"_q{n}")
            setattr(self, f"_q{n}", lambda obj, n=n: _target(obj, "quarter", n))
        for n in range(1, 13):
            self.fields[f"bulan{n}"] = fields.Field(column_name=f"bulan{n}", dehydrate_method=f"_m{n}")
            setattr(self, f"_m{n}", lambda obj, n=n: _target(obj, "month", n))

    def get_export_order(self):
        return self._meta.fields

    def dehydrate_kode_unit(self, obj: Indicator):
        unit = obj.sasaran.agreement.unit
        return unit.code if unit else ""

    def dehydrate_unit(self, obj: Indicator):
        unit = obj.sasaran.agreement.unit
        return unit.name if unit else _("PK Pemda")

    def dehydrate_status(self, obj: Indicator):
        return obj.sasaran.agreement.get_status_display()

    def dehydrate_polaritas(self, obj: Indicator):
        return POLARITY_OUT.get(obj.polarity, obj.polarity)

    def dehydrate_aturan_periode(self, obj: Indicator):
        return RULE_OUT.get(obj.period_rule, obj.period_rule)

    def dehydrate_iku(self, obj: Indicator):
        return "ya" if obj.is_iku else "tidak"

    def export_field(self, field, instance, **kwargs):
        # Native values (numbers stay numbers, empty stays empty), formula-looking text neutralised.
        method = field.get_dehydrate_method(self.get_field_name(field))
        method = method if callable(method) else getattr(self, method, None)
        value = method(instance) if method is not None else field.get_value(instance)
        return escape_formula(value)


def year_indicators(fiscal_year: FiscalYear, user):
    """Indicators of the latest version (readable by ``user``) of every PK of ``fiscal_year``."""
    latest: dict[int | None, int] = {}
    for a in selectors.agreements_for(user).filter(fiscal_year=fiscal_year).order_by("version"):
        latest[a.unit_id] = a.pk
    return (
        Indicator.objects.filter(sasaran__agreement_id__in=latest.values())
        .select_related("sasaran__agreement__unit", "sasaran__agreement__fiscal_year")
        .prefetch_related(Prefetch("targets", queryset=IndicatorTarget.objects.order_by("kind", "number")))
        .order_by("sasaran__agreement__unit__code", "sasaran__order", "sasaran_id", "order", "id")
    )


def pk_export_year(fiscal_year: FiscalYear, user) -> bytes:
    """The .xlsx export of every PK indicator of ``fiscal_year`` (see module docstring)."""
    if fiscal_year.pemda_id != getattr(user, "pemda_id", None) or not has_perm(user, P.PK_EXPORT):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    dataset = IndicatorExportResource().export(queryset=year_indicators(fiscal_year, user))
    dataset.title = _("PK %(y)s") % {"y": fiscal_year.year}
    return dataset.export("xlsx")


__all__ = ["Agreement", "IndicatorExportResource", "escape_formula", "pk_export_year", "year_indicators"]
