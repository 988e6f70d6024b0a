"""A fingerprint of generated data, to check that the generator is deterministic."""

from __future__ import annotations

import hashlib
import json

from agreements.models import Indicator, IndicatorTarget
from evaluations.models import PeriodReport, Realisation
from sakip.core.models import Pemda, Unit, UnitHead


def fingerprint(pemda: Pemda) -> str:
    """SHA-256 of what the generator decides for ``pemda`` (names, codes, types, categories, targets,
    statuses, dates, values, texts), without ids, uuids, timestamps or the Pemda's own name: two
    Pemda generated with the same arguments and seed have the same fingerprint."""
    parts = [
        list(Unit.objects.filter(pemda=pemda).order_by("code")
             .values_list("code", "name", "type", "ranking_category__code", "parent__code")),
        list(UnitHead.objects.filter(pemda=pemda).order_by("unit__code").values_list("unit__code", "name", "nip")),
        list(Indicator.objects.filter(pemda=pemda)
             .order_by("sasaran__agreement__fiscal_year__year", "sasaran__agreement__unit__code", "order")
             .values_list("sasaran__agreement__unit__code", "sasaran__order", "order", "name", "satuan", "polarity",
                          "period_rule", "is_iku", "weight", "target", "target_low", "target_high")),
        list(IndicatorTarget.objects.filter(indicator__pemda=pemda)
             .order_by("indicator__sasaran__agreement__fiscal_year__year", "indicator__sasaran__agreement__unit__code",
                       "indicator__order", "kind", "number")
             .values_list("indicator__order", "kind", "number", "value", "low", "high")),
        list(PeriodReport.objects.filter(pemda=pemda)
             .order_by("period__fiscal_year__year", "unit__code", "period__number")
             .values_list("unit__code", "period__number", "status", "deadline", "is_late", "submitted_at",
                          "verified_at", "accepted_at", "returned_at")),
        list(Realisation.objects.filter(pemda=pemda)
             .order_by("report__period__fiscal_year__year", "report__unit__code", "report__period__number",
                       "indicator__sasaran__order", "indicator__order")
             .values_list("report__unit__code", "report__period__number", "indicator__order", "value", "kendala",
                          "upaya")),
    ]  # fmt: skip
    text = json.dumps(parts, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
