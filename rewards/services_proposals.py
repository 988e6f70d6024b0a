"""Writes of proposals: pimpinan accepts (as proposed), changes (another type or measure, with the
reason) or rejects (with the reason) what a rule proposed; accepting issues the decision (SK) through
:func:`rewards.services_decisions.decision_issue`, in the same transaction (all-or-nothing).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rewards.models import Decision, Proposal
from rewards.rules_defaults import OUTCOME_PARAMETERS
from rewards.services_decisions import decision_issue
from rewards.services_rankings import require_any, same_pemda
from sakip.core.permissions import P

PARAMETER_FIELDS = {"persen": "percent", "bulan": "months", "nilai": "amount"}


def _open_proposal(user, proposal: Proposal) -> None:
    same_pemda(user, proposal)
    require_any(user, P.DECISION_ISSUE)
    if proposal.status != Proposal.Status.PENDING:
        raise ValidationError(_("Usulan ini sudah diputuskan (%(s)s).") % {"s": proposal.get_status_display()})


def _default_basis_text(proposal: Proposal) -> str:
    if proposal.source_key.startswith("disiplin:"):  # discipline (issue 9): the basis rows cite the attendance
        return _(
            "Berdasarkan Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil, jumlah "
            "hari tidak masuk kerja tanpa alasan yang sah tersebut mencapai ketentuan “%(r)s”"
        ) % {"r": proposal.rule_name}
    if proposal.snapshot_id is None:
        lines = [_("Berdasarkan aturan “%(r)s”:") % {"r": proposal.rule_name}]
    else:
        lines = [_("Berdasarkan aturan “%(r)s” atas %(s)s:") % {"r": proposal.rule_name, "s": proposal.snapshot.title}]
    lines += [f"- {row.get('text', '')}" for row in proposal.basis if isinstance(row, dict)]
    return "\n".join(lines)


def _measure_from(parameters: dict) -> dict:
    return {field: parameters.get(name) for name, field in PARAMETER_FIELDS.items() if name in (parameters or {})}


def _decide(user, proposal: Proposal, status: str, reason: str = "") -> None:
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = user
    proposal.reason = reason
    proposal.save(update_fields=["status", "decided_at", "decided_by", "reason", "updated_at"])


@transaction.atomic
def proposal_accept(
    *,
    user,
    proposal: Proposal,
    sk_number: str,
    sk_date: dt.date,
    effective_start: dt.date,
    effective_end: dt.date | None = None,
    basis_text: str = "",
    response_days: int = 14,
    official_name: str = "",
    official_nip: str = "",
    official_position: str = "",
) -> Decision:
    """Accept a pending proposal as it is: the decision takes its type, parameters, target and basis."""
    _open_proposal(user, proposal)
    decision = decision_issue(
        user=user,
        pemda=proposal.pemda,
        kind=proposal.kind,
        unit=proposal.unit,
        snapshot=proposal.snapshot,
        sk_number=sk_number,
        sk_date=sk_date,
        basis_text=basis_text.strip() or _default_basis_text(proposal),
        effective_start=effective_start,
        effective_end=effective_end,
        target=proposal.target,
        official_name=official_name,
        official_nip=official_nip,
        official_position=official_position,
        basis=proposal.basis,
        response_days=response_days,
        proposal=proposal,
        official=proposal.official,
        **_measure_from(proposal.parameters),
    )
    _decide(user, proposal, Proposal.Status.ACCEPTED)
    return decision


@transaction.atomic
def proposal_change(
    *,
    user,
    proposal: Proposal,
    kind: str,
    parameters: dict | None,
    sk_number: str,
    sk_date: dt.date,
    effective_start: dt.date,
    reason: str,
    effective_end: dt.date | None = None,
    basis_text: str = "",
    response_days: int = 14,
    target: str | None = None,
    official_name: str = "",
    official_nip: str = "",
    official_position: str = "",
) -> Decision:
    """Accept a pending proposal with another type or measure (``parameters``: bulan, persen, nilai);
    the reason for the change is required and kept on the proposal."""
    _open_proposal(user, proposal)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Alasan perubahan wajib diisi.")]})
    if kind not in OUTCOME_PARAMETERS:
        raise ValidationError({"kind": [_("Jenis keputusan tidak dikenal.")]})
    decision = decision_issue(
        user=user,
        pemda=proposal.pemda,
        kind=kind,
        unit=proposal.unit,
        snapshot=proposal.snapshot,
        sk_number=sk_number,
        sk_date=sk_date,
        basis_text=basis_text.strip() or _default_basis_text(proposal),
        effective_start=effective_start,
        effective_end=effective_end,
        target=target or proposal.target,
        official_name=official_name,
        official_nip=official_nip,
        official_position=official_position,
        basis=proposal.basis,
        response_days=response_days,
        proposal=proposal,
        official=proposal.official,
        **_measure_from(parameters or {}),
    )
    _decide(user, proposal, Proposal.Status.CHANGED, reason.strip())
    return decision


@transaction.atomic
def proposal_reject(*, user, proposal: Proposal, reason: str) -> Proposal:
    """Reject a pending proposal; the reason is required."""
    _open_proposal(user, proposal)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Alasan penolakan wajib diisi.")]})
    _decide(user, proposal, Proposal.Status.REJECTED, reason.strip())
    return proposal
