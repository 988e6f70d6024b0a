"""Per-official obligation rules (issue #9): "no accepted innovation in a month → penundaan TPP for the
next month", as data in ``rules_defaults.OBLIGATION_RULES``.

:func:`obligation_rules_evaluate` reads, per rule, the months each official missed
(``rewards.selectors_obligations.official_monthly_misses``: due occurrences of the month without an
accepted submission; months not yet due are never listed) and stores one pending :class:`Proposal`
per official and missed month, about the official (``Target.OFFICIAL``), without a ranking snapshot,
keyed ``kewajiban:{year}:{month}:{nip}:{obligation code}`` — evaluating again (or after a decision)
adds nothing. Only pimpinan (``P.DECISION_ISSUE``) or the admin (``P.RULE_MANAGE``) of the Pemda may
run it. A rule whose obligation the Pemda does not have is skipped.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from rewards.models import Obligation, Official, Proposal, Target
from rewards.rules_defaults import METRIC_OBLIGATIONS_MISSED, OBLIGATION_RULES
from rewards.services_rankings import require_any, same_pemda
from sakip.core.models import Pemda
from sakip.core.permissions import P
from sakip.lib.dates import month_name


def source_key(year: int, month: int, nip: str, code: str) -> str:
    return f"kewajiban:{year}:{month}:{nip}:{code}"


def _basis_text(obligation: Obligation, year: int, month: int) -> str:
    following = _("Januari %(y)s") % {"y": year + 1} if month == 12 else f"{month_name(month + 1)} {year}"
    return _(
        "Tidak ada pemenuhan kewajiban “%(o)s” yang diterima untuk bulan %(m)s %(y)s; "
        "diusulkan penundaan TPP bulan %(n)s."
    ) % {"o": obligation.name, "m": month_name(month), "y": year, "n": following}


@transaction.atomic
def obligation_rules_evaluate(
    *, user, pemda: Pemda, year: int, rules=OBLIGATION_RULES, today: dt.date | None = None
) -> list[Proposal]:
    """Create the pending proposals of the per-official obligation rules for ``year``; returns the new ones."""
    from rewards.selectors_obligations import official_monthly_misses

    same_pemda(user, pemda)
    require_any(user, P.DECISION_ISSUE, P.RULE_MANAGE)
    created: list[Proposal] = []
    for rule in rules:
        obligation = Obligation.objects.filter(pemda=pemda, code=rule["obligation"]).first()
        if obligation is None:
            continue
        misses = official_monthly_misses(pemda, year, obligation.code, today=today)
        officials = Official.objects.filter(pemda=pemda, pk__in=[k for k, months in misses.items() if months])
        officials = {o.pk: o for o in officials.select_related("unit")}
        keys = {
            source_key(year, month, officials[oid].nip, obligation.code): (officials[oid], month)
            for oid, months in misses.items()
            if oid in officials
            for month in months
        }
        existing = set(
            Proposal.objects.filter(pemda=pemda, source_key__in=list(keys)).values_list("source_key", flat=True)
        )
        outcome = rule["outcome"]
        for key, (official, month) in sorted(keys.items(), key=lambda item: (item[1][1], item[1][0].nip)):
            if key in existing:
                continue
            proposal = Proposal(
                pemda=pemda,
                snapshot=None,
                source_key=key,
                official=official,
                unit=official.unit,
                target=Target.OFFICIAL,
                kind=outcome["type"],
                rule_code=rule["code"][:60],
                rule_name=str(rule["name"])[:200],
                parameters=dict(outcome.get("parameters") or {}),
                basis=[
                    {
                        "metric": METRIC_OBLIGATIONS_MISSED,
                        "value": 1,
                        "months": [month],
                        "text": _basis_text(obligation, year, month),
                    }
                ],
            )
            proposal.full_clean(exclude=["snapshot", "run", "rule", "decided_by"])
            proposal.save()
            created.append(proposal)
    return created
