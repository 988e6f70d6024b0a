"""Writes of decisions (SK): issue, answer, revoke (proposals: :mod:`rewards.services_proposals`).

Access: only pimpinan (``P.DECISION_ISSUE``) decides proposals and issues or revokes decisions; the
operator or kepala of the decision's unit answers it, once, until its response deadline (inclusive,
in the Pemda's time zone). Another Pemda's object is 404; a decision of another unit is 404 to unit
users. Every service is all-or-nothing and refuses bad input with Indonesian messages.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rewards.models import Decision, DecisionType, Proposal, RankingSnapshot, Target
from rewards.rules_defaults import OUTCOME_PARAMETERS
from rewards.services_rankings import deny, require_any, same_pemda
from sakip.core.models import Notification, Pemda, RoleAssignment, Unit, User
from sakip.core.permissions import P, unit_ids_with
from sakip.lib.dates import format_date


def add_months(start: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` whole months beginning on ``start`` (1 Jan + 3 → 31 Mar)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) - dt.timedelta(days=1)


def pemda_today(pemda: Pemda) -> dt.date:
    return timezone.now().astimezone(pemda.tz).date()


def response_open(decision: Decision, today: dt.date | None = None) -> bool:
    """Whether the response window is still open (deadline inclusive, Pemda time zone)."""
    today = today or pemda_today(decision.pemda)
    return today <= decision.response_deadline


def decision_url(decision: Decision) -> str:
    try:
        return reverse("rewards:decision_detail", kwargs={"uid": decision.uid})
    except NoReverseMatch:
        return ""


def unit_users(unit_id: int) -> list[User]:
    roles = (RoleAssignment.Role.OPERATOR, RoleAssignment.Role.KEPALA)
    return list(
        User.objects.filter(is_active=True, roles__unit_id=unit_id, roles__role__in=roles).distinct().order_by("id")
    )


def _addressees(decision: Decision) -> list:
    """Who is told of a decision: the unit's users; for a decision about an official (discipline:
    personal data) only that official's own account."""
    if decision.target == Target.OFFICIAL:
        account = decision.official.user if decision.official_id else None
        return [account] if account is not None and account.is_active else []
    return list(unit_users(decision.unit_id))


def _notify(decision: Decision, users, *, title: str, body: str, action: str) -> None:
    key = f"rewards:{action}:{decision.uid}"[:120]
    rows = [
        Notification(
            pemda_id=decision.pemda_id, user=u, title=title[:200], body=body, url=decision_url(decision), key=key
        )
        for u in users
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)


def unit_basis(snapshot: RankingSnapshot, unit: Unit) -> list[dict]:
    """The unit's figures in ``snapshot`` as basis rows (``[{metric, value, months, text}]``) for the SK."""
    from rewards.rules import rule_metric_label
    from sakip.lib.numbers import format_number

    row = next((u for u in snapshot.data.get("units", []) if u.get("unit_id") == unit.pk), None)
    if row is None:
        text = _("Unit tidak termasuk dalam %(s)s.") % {"s": snapshot.title}
        return [{"metric": "snapshot", "value": str(snapshot.uid), "months": [], "text": text}]
    rows = []
    for metric, key in (
        ("nilai_akip", "akip"),
        ("predikat", "predicate"),
        ("capaian", "capaian"),
        ("ketepatan_waktu", "on_time"),
    ):
        value = row.get(key)
        if value is None:
            continue
        shown = value if key == "predicate" else format_number(Decimal(value), 2)
        rows.append({"metric": metric, "value": value, "months": [], "text": f"{rule_metric_label(metric)} = {shown}"})
    return rows or [{"metric": "snapshot", "value": str(snapshot.uid), "months": [], "text": snapshot.title}]


def _number(value, field: str, message: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [message]}) from None
    if not number.is_finite():
        raise ValidationError({field: [message]})
    return number


def _check_measure(kind: str, percent, months, amount) -> tuple[Decimal | None, int | None, Decimal | None]:
    """Percent/months/amount as the decision type needs them (``OUTCOME_PARAMETERS``), or ValidationError."""
    errors: dict[str, list[str]] = {}
    percent = _number(percent, "percent", _("Persentase harus berupa angka."))
    amount = _number(amount, "amount", _("Nilai harus berupa angka."))
    months_number = _number(months, "months", _("Jumlah bulan harus bilangan bulat."))
    required, optional = OUTCOME_PARAMETERS[kind]
    allowed = set(required) | set(optional)
    if "persen" in allowed:
        if percent is None:
            errors["percent"] = [_("Persentase pemotongan TPP wajib diisi.")]
        elif not Decimal(0) < percent <= Decimal(100):
            errors["percent"] = [_("Persentase pemotongan TPP harus lebih dari 0 dan paling tinggi 100.")]
    elif percent is not None:
        errors["percent"] = [_("Persentase tidak berlaku untuk jenis keputusan ini.")]
    if months_number is not None and (months_number != months_number.to_integral_value() or months_number < 1):
        errors["months"] = [_("Jumlah bulan harus bilangan bulat minimal 1.")]
    elif months_number is None and "bulan" in required:
        errors["months"] = [_("Jumlah bulan wajib diisi untuk jenis keputusan ini.")]
    elif months_number is not None and "bulan" not in allowed:
        errors["months"] = [_("Jumlah bulan tidak berlaku untuk jenis keputusan ini.")]
    if amount is not None and "nilai" not in allowed:
        errors["amount"] = [_("Nilai (Rp) tidak berlaku untuk jenis keputusan ini.")]
    elif amount is not None and amount < 0:
        errors["amount"] = [_("Nilai insentif tidak boleh negatif.")]
    if errors:
        raise ValidationError(errors)
    return percent, None if months_number is None else int(months_number), amount


@transaction.atomic
def decision_issue(
    *,
    user,
    pemda: Pemda,
    kind: str,
    unit: Unit,
    snapshot: RankingSnapshot | None,
    sk_number: str,
    sk_date: dt.date | None,
    basis_text: str,
    effective_start: dt.date | None,
    effective_end: dt.date | None = None,
    percent=None,
    months=None,
    amount=None,
    target: str = Target.UNIT,
    official_name: str = "",
    official_nip: str = "",
    official_position: str = "",
    basis: list | None = None,
    response_days: int = 14,
    proposal: Proposal | None = None,
    official=None,
) -> Decision:
    """Issue a decision (SK) of the kepala daerah about a unit, its head or an official; pimpinan only.

    Refused (nothing saved): no SK number or date, no basis (a snapshot of the Pemda **and** the
    considerations text), an unknown type, a TPP cut percent ≤ 0 or > 100, months missing where the
    type needs them, an effective end before its start, an SK number already used for this unit and type.
    A head-targeted decision copies the head in office on the SK date when no official is typed in.
    ``effective_end`` defaults to start + months; ``response_deadline`` = SK date + ``response_days``.
    The unit's operators and kepala are notified.

    About an official (``official``, target ``pegawai``; discipline records, issue 9): no snapshot is
    needed, the basis is the proposal's (the attendance records), and the official's name, NIP and
    position are copied from the roster unless typed in.
    """
    same_pemda(user, pemda, unit, snapshot, proposal, official)
    require_any(user, P.DECISION_ISSUE)
    errors: dict[str, list[str]] = {}
    sk_number = (sk_number or "").strip()
    basis_text = (basis_text or "").strip()
    if not sk_number:
        errors["sk_number"] = [_("Nomor SK wajib diisi.")]
    if sk_date is None:
        errors["sk_date"] = [_("Tanggal SK wajib diisi.")]
    if target == Target.OFFICIAL and official is None:
        errors["target"] = [_("Pegawai yang dituju wajib dipilih.")]
    if snapshot is None and official is None:
        errors["snapshot"] = [_("Dasar keputusan wajib dipilih: peringkat yang sudah dibekukan.")]
    elif snapshot is not None and snapshot.pemda_id != pemda.pk:
        raise Http404
    if not basis_text:
        errors["basis_text"] = [_("Pertimbangan (dasar keputusan) wajib diisi.")]
    if kind not in DecisionType.values:
        errors["kind"] = [_("Jenis keputusan tidak dikenal.")]
    if target not in Target.values:
        errors["target"] = [_("Sasaran keputusan tidak dikenal.")]
    if effective_start is None:
        errors["effective_start"] = [_("Tanggal mulai berlaku wajib diisi.")]
    if not isinstance(response_days, int) or not 1 <= response_days <= 90:
        errors["response_days"] = [_("Batas tanggapan harus antara 1 dan 90 hari.")]
    if errors:
        raise ValidationError(errors)
    percent, months, amount = _check_measure(kind, percent, months, amount)
    if effective_end is None and months:
        effective_end = add_months(effective_start, months)
    if effective_end is not None and effective_end < effective_start:
        raise ValidationError({"effective_end": [_("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai.")]})
    if official is not None and not official_name.strip():
        official_name, official_nip, official_position = official.name, official.nip, official.position
    if target == Target.HEAD and not official_name.strip():
        head = unit.head_on(sk_date)
        if head is not None:
            official_name, official_nip, official_position = head.name, head.nip, head.display_title
    if target == Target.HEAD and not official_name.strip():
        raise ValidationError(
            {"official_name": [_("Nama pejabat wajib diisi: unit ini tidak memiliki kepala pada tanggal SK.")]}
        )
    decision = Decision(
        pemda=pemda,
        kind=kind,
        unit=unit,
        target=target,
        official_name=official_name.strip()[:160],
        official_nip=official_nip.strip()[:18],
        official_position=official_position.strip()[:160],
        sk_number=sk_number[:100],
        sk_date=sk_date,
        snapshot=snapshot,
        proposal=proposal,
        official=official,
        basis=basis or (proposal.basis if proposal else None) or (unit_basis(snapshot, unit) if snapshot else []),
        basis_text=basis_text,
        percent=percent,
        months=months,
        amount=amount,
        effective_start=effective_start,
        effective_end=effective_end,
        issued_at=timezone.now(),
        issued_by=user,
        response_days=response_days,
        response_deadline=sk_date + dt.timedelta(days=response_days),
    )
    if Decision.objects.filter(pemda=pemda, sk_number=decision.sk_number, unit=unit, kind=kind).exists():
        raise ValidationError({"sk_number": [_("Nomor SK ini sudah dipakai untuk keputusan yang sama pada unit ini.")]})
    decision.full_clean()
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise ValidationError(
            {"sk_number": [_("Nomor SK ini sudah dipakai untuk keputusan yang sama pada unit ini.")]}
        ) from None
    title = _("Keputusan %(k)s untuk %(u)s") % {"k": decision.get_kind_display(), "u": unit.name}
    body = _("SK %(n)s tanggal %(d)s. Tanggapan dapat disampaikan sampai %(r)s.") % {
        "n": decision.sk_number,
        "d": format_date(decision.sk_date),
        "r": format_date(decision.response_deadline),
    }
    _notify(decision, _addressees(decision), title=title, body=body, action="issued")
    return decision


@transaction.atomic
def decision_respond(*, user, decision: Decision, text: str) -> Decision:
    """The unit's answer to a decision: operator/kepala of its unit, once, until the response deadline."""
    same_pemda(user, decision)
    ids = unit_ids_with(user, P.DECISION_VIEW)
    if ids is not None and decision.unit_id not in ids:
        raise Http404
    if ids is None:  # Pemda-wide roles read decisions but do not answer for the unit
        raise deny()
    decision = Decision.objects.select_for_update().select_related("pemda", "unit").get(pk=decision.pk)
    if decision.status != Decision.Status.ISSUED:
        raise ValidationError(_("Keputusan ini sudah dicabut; tanggapan tidak dapat disampaikan."))
    if decision.response:
        raise ValidationError(_("Tanggapan atas keputusan ini sudah disampaikan."))
    if not response_open(decision):
        raise ValidationError(
            _("Batas waktu tanggapan sudah lewat pada %(d)s.") % {"d": format_date(decision.response_deadline)}
        )
    if not (text or "").strip():
        raise ValidationError({"text": [_("Isi tanggapan wajib diisi.")]})
    decision.response = text.strip()
    decision.responded_at = timezone.now()
    decision.responded_by = user
    decision.save(update_fields=["response", "responded_at", "responded_by", "updated_at"])
    if decision.issued_by_id and decision.issued_by.is_active:
        title = _("Tanggapan %(u)s atas SK %(n)s") % {"u": decision.unit.name, "n": decision.sk_number}
        _notify(decision, [decision.issued_by], title=title, body=decision.response[:500], action="responded")
    return decision


@transaction.atomic
def decision_revoke(*, user, decision: Decision, reason: str) -> Decision:
    """Revoke an issued decision (pimpinan); the reason is required and the unit is notified."""
    same_pemda(user, decision)
    require_any(user, P.DECISION_ISSUE)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Alasan pencabutan wajib diisi.")]})
    decision = Decision.objects.select_for_update().select_related("unit").get(pk=decision.pk)
    if decision.status == Decision.Status.REVOKED:
        raise ValidationError(_("Keputusan ini sudah dicabut."))
    decision.status = Decision.Status.REVOKED
    decision.revoked_at = timezone.now()
    decision.revoked_by = user
    decision.revoke_reason = reason.strip()
    decision.save(update_fields=["status", "revoked_at", "revoked_by", "revoke_reason", "updated_at"])
    title = _("SK %(n)s dicabut") % {"n": decision.sk_number}
    _notify(decision, _addressees(decision), title=title, body=decision.revoke_reason, action="revoked")
    return decision
