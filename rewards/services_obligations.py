"""Writes of obligations (issue #9): define and deactivate obligations; submit, resubmit, accept, return.

Access:

* obligations are defined by ``P.OBLIGATION_MANAGE`` (admin);
* a submission for an official is made by the official (``Official.user`` is the user, no role
  needed) or by the unit's operator/kepala (``P.OBLIGATION_SUBMIT`` on the official's unit); for a
  unit obligation by ``P.OBLIGATION_SUBMIT`` on the unit;
* the head of the unit (``P.OBLIGATION_REVIEW`` on the unit) or the admin accepts or returns it,
  never their own submission (or one about themselves).

Another Pemda's object is 404. Every service is atomic and refuses bad input with a
``ValidationError`` in Bahasa Indonesia, saving nothing (an uploaded file is removed on failure).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluations.services import check_evidence
from rewards.models import Obligation, ObligationSubmission, Official, PositionLevel
from rewards.obligation_schedule import DueRuleError, check_due_rule, is_late, occurrence_for
from rewards.selectors_obligations import applies_to_official, pemda_today
from rewards.services_rankings import deny, same_pemda
from sakip.core.models import Notification, Pemda, RoleAssignment, Unit, User
from sakip.core.permissions import P, has_perm
from sakip.lib.dates import format_date

Status = ObligationSubmission.Status
MAX_UPLOAD_MB = 10
INNOVATION_CODE = "inovasi-bulanan"
WEEKLY_UPDATE_CODE = "pemutakhiran-kinerja-mingguan"
DEFAULT_OBLIGATIONS = (
    {
        "code": INNOVATION_CODE,
        "name": "Satu inovasi per bulan untuk JPT dan administrator",
        "description": "Setiap pejabat pimpinan tinggi dan administrator menyampaikan satu inovasi setiap bulan.",
        "subject": Obligation.Subject.OFFICIAL,
        "position_levels": [PositionLevel.JPT, PositionLevel.ADMINISTRATOR],
        "frequency": Obligation.Frequency.MONTHLY,
        "due_offset_days": 0,
    },
    {
        "code": WEEKLY_UPDATE_CODE,
        "name": "Pemutakhiran kinerja mingguan oleh kepala unit",
        "description": "Kepala unit memutakhirkan data kinerja unitnya setiap minggu.",
        "subject": Obligation.Subject.UNIT,
        "position_levels": [],
        "frequency": Obligation.Frequency.WEEKLY,
        "due_offset_days": 1,
    },
)


# --- obligations ---------------------------------------------------------------------------------


def _manage(user, pemda: Pemda) -> None:
    same_pemda(user, pemda)
    if not has_perm(user, P.OBLIGATION_MANAGE):
        raise deny()


def _obligation_errors(obligation: Obligation, units) -> dict:
    errors: dict[str, list] = {}
    try:
        check_due_rule(obligation.frequency, obligation.due_offset_days)
    except DueRuleError as error:
        field = "frequency" if obligation.frequency not in Obligation.Frequency.values else "due_offset_days"
        errors[field] = [str(error)]
    levels = obligation.position_levels
    if not isinstance(levels, list) or any(level not in PositionLevel.values for level in levels):
        errors["position_levels"] = [_("Pilih jenjang jabatan yang tersedia.")]
    elif levels and obligation.subject == Obligation.Subject.UNIT:
        errors["position_levels"] = [_("Kewajiban unit tidak memakai jenjang jabatan; kosongkan pilihannya.")]
    if obligation.start_date and obligation.end_date and obligation.end_date < obligation.start_date:
        errors["end_date"] = [_("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai.")]
    if any(u.pemda_id != obligation.pemda_id for u in units):
        raise Http404
    clash = Obligation.objects.filter(pemda_id=obligation.pemda_id, code=obligation.code).exclude(pk=obligation.pk)
    if obligation.code and clash.exists():
        errors["code"] = [_("Kode %(code)s sudah dipakai kewajiban lain.") % {"code": obligation.code}]
    return errors


@transaction.atomic
def obligation_save(*, user, pemda: Pemda, obligation: Obligation | None = None, units=(), **fields) -> Obligation:
    """Create (``obligation=None``) or edit an obligation. ``fields``: code, name, description, subject,
    position_levels, frequency, due_offset_days, start_date, end_date. An obligation without a usable due
    rule is refused. Subject and frequency cannot change once something was submitted."""
    _manage(user, pemda)
    if obligation is not None:
        same_pemda(user, obligation)
    creating = obligation is None
    obligation = obligation or Obligation(pemda=pemda, created_by=user)
    before = (obligation.subject, obligation.frequency, obligation.due_offset_days)
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(obligation, name, value)
    if obligation.position_levels is None:
        obligation.position_levels = []
    units = list(units or [])
    errors = _obligation_errors(obligation, units)
    changed = (obligation.subject, obligation.frequency, obligation.due_offset_days) != before
    if not creating and changed and obligation.submissions.exists():
        errors.setdefault("frequency", []).append(
            _("Subjek, frekuensi dan batas waktu tidak dapat diubah karena sudah ada pemenuhan kewajiban.")
        )
    try:
        obligation.full_clean(exclude=["created_by", *errors], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    obligation.save()
    obligation.units.set(units)
    return obligation


@transaction.atomic
def obligation_set_active(*, user, obligation: Obligation, active: bool) -> Obligation:
    """Deactivate (or reactivate) an obligation: no new occurrences are due; history stays."""
    _manage(user, obligation.pemda)
    obligation.is_active = active
    obligation.save(update_fields=["is_active", "updated_at"])
    return obligation


@transaction.atomic
def obligations_install_defaults(*, user, pemda: Pemda, start_date: dt.date) -> list[Obligation]:
    """Create the default obligations whose code the Pemda does not use yet (idempotent)."""
    _manage(user, pemda)
    existing = set(Obligation.objects.filter(pemda=pemda).values_list("code", flat=True))
    return [
        obligation_save(user=user, pemda=pemda, start_date=start_date, **dict(row))
        for row in DEFAULT_OBLIGATIONS
        if row["code"] not in existing
    ]


# --- submissions ---------------------------------------------------------------------------------


def can_submit(user, obligation: Obligation, *, official: Official | None = None, unit: Unit | None = None) -> bool:
    if obligation.subject == Obligation.Subject.OFFICIAL:
        if official is None:
            return False
        return official.user_id == user.pk or has_perm(user, P.OBLIGATION_SUBMIT, unit_id=official.unit_id)
    return unit is not None and has_perm(user, P.OBLIGATION_SUBMIT, unit_id=unit.pk)


def can_review(user, submission: ObligationSubmission) -> bool:
    if submission.submitted_by_id == user.pk:
        return False
    if submission.official_id and submission.official.user_id == user.pk:
        return False
    return has_perm(user, P.OBLIGATION_REVIEW, unit_id=submission.unit_id)


def _fill(submission: ObligationSubmission, *, title: str, description: str, file, url: str | None) -> str | None:
    """Set the content and validate it (``url=None`` keeps the link); returns the file name to store."""
    submission.title = (title or "").strip()
    submission.description = (description or "").strip()
    if url is not None:
        submission.evidence_url = url.strip()
    errors: dict[str, list] = {}
    if not submission.title:
        errors["title"] = [_("Isi judul.")]
    if not submission.description:
        errors["description"] = [_("Isi uraian.")]
    if file is None and not submission.evidence_url and not submission.evidence:
        errors["evidence"] = [_("Unggah berkas bukti atau isi tautannya.")]
    name = None
    if file is not None and "evidence" not in errors:
        try:
            name = check_evidence(file, max_mb=MAX_UPLOAD_MB)[0]
        except ValidationError as error:
            errors.update(error.message_dict)
    try:
        submission.full_clean(exclude=["evidence", "submitted_by", "decided_by"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return name


def _store(submission: ObligationSubmission, file, name: str | None) -> None:
    if file is None:
        submission.save()
        return
    submission.evidence.save(name, file, save=False)
    stored = submission.evidence.name
    try:
        with transaction.atomic():
            submission.save()
    except Exception:
        submission.evidence.storage.delete(stored)
        raise


def submission_url(submission: ObligationSubmission) -> str:
    try:
        return reverse("rewards:obligation_submission_detail", kwargs={"uid": submission.uid})
    except NoReverseMatch:
        return ""


def _notify(submission: ObligationSubmission, users, *, title: str, action: str) -> None:
    key = f"obligation:{action}:{submission.uid}:{submission.submitted_at:%Y%m%d%H%M%S}"[:120]
    rows = [
        Notification(pemda_id=submission.pemda_id, user=u, title=title[:200], url=submission_url(submission), key=key)
        for u in users
        if u.pk != getattr(submission, "_actor_id", None)
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)


def _reviewers(submission: ObligationSubmission) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, roles__pemda_id=submission.pemda_id, roles__role=RoleAssignment.Role.KEPALA,
            roles__unit_id=submission.unit_id,
        ).exclude(pk=submission.submitted_by_id).distinct()
    )  # fmt: skip


@transaction.atomic
def submission_submit(
    *,
    user,
    obligation: Obligation,
    period_start: dt.date,
    title: str,
    description: str,
    official: Official | None = None,
    unit: Unit | None = None,
    file=None,
    url: str = "",
) -> ObligationSubmission:
    """Submit the obligation for the occurrence beginning on ``period_start`` (one per occurrence)."""
    same_pemda(user, obligation, official, unit)
    if obligation.subject == Obligation.Subject.OFFICIAL:
        if official is None:
            raise ValidationError({"official": _("Pilih pegawai yang memenuhi kewajiban ini.")})
        unit = official.unit
    elif unit is None:
        raise ValidationError({"unit": _("Pilih unit yang memenuhi kewajiban ini.")})
    if not can_submit(user, obligation, official=official, unit=unit):
        raise deny()
    if not obligation.is_active:
        raise ValidationError(_("Kewajiban ini sudah tidak aktif."))
    unit_ids = {u.pk for u in obligation.units.all()}
    if official is not None and (not official.is_active or not applies_to_official(obligation, official, unit_ids)):
        raise ValidationError({"official": _("Kewajiban ini tidak berlaku bagi %(name)s.") % {"name": official.name}})
    if official is None and unit_ids and unit.pk not in unit_ids:
        raise ValidationError({"unit": _("Kewajiban ini tidak berlaku bagi %(unit)s.") % {"unit": unit.name}})
    try:
        occurrence = occurrence_for(obligation.frequency, obligation.due_offset_days, period_start)
    except DueRuleError as error:
        raise ValidationError(str(error)) from None
    if occurrence is None:
        raise ValidationError({"period_start": _("Tanggal itu bukan awal periode kewajiban ini.")})
    today = pemda_today(obligation.pemda)
    if occurrence.period_start > today:
        raise ValidationError(
            {
                "period_start": _("Periode %(start)s–%(end)s belum berjalan; kewajiban ini belum dapat dipenuhi.")
                % {"start": format_date(occurrence.period_start), "end": format_date(occurrence.period_end)}
            }
        )
    if occurrence.period_end < obligation.start_date or (
        obligation.end_date and occurrence.period_start > obligation.end_date
    ):
        raise ValidationError({"period_start": _("Periode itu di luar masa berlaku kewajiban.")})
    existing = ObligationSubmission.objects.filter(obligation=obligation, period_start=occurrence.period_start)
    existing = existing.filter(official=official) if official else existing.filter(unit=unit, official__isnull=True)
    if existing.exists():
        raise ValidationError(
            {
                "period_start": _(
                    "Kewajiban periode ini sudah diajukan; buka pengajuannya untuk melihat atau memperbaikinya."
                )
            }
        )
    now = timezone.now()
    submission = ObligationSubmission(
        pemda_id=obligation.pemda_id, obligation=obligation, unit=unit, official=official,
        period_start=occurrence.period_start, period_end=occurrence.period_end, due_date=occurrence.due_date,
        submitted_by=user, submitted_at=now, is_late=is_late(occurrence.due_date, today),
    )  # fmt: skip
    name = _fill(submission, title=title, description=description, file=file, url=url)
    try:
        _store(submission, file, name)
    except IntegrityError:
        raise ValidationError({"period_start": _("Kewajiban periode ini sudah diajukan.")}) from None
    submission._actor_id = user.pk
    _notify(
        submission,
        _reviewers(submission),
        title=_("Pengajuan kewajiban menunggu penilaian: %(t)s") % {"t": submission.title},
        action="diajukan",
    )
    return submission


def _lock(submission: ObligationSubmission) -> ObligationSubmission:
    return (
        ObligationSubmission.objects.select_for_update(of=("self",))
        .select_related("official", "obligation")
        .get(pk=submission.pk)
    )


@transaction.atomic
def submission_resubmit(
    *, user, submission: ObligationSubmission, title: str, description: str, file=None, url: str | None = None
) -> ObligationSubmission:
    """Correct a returned submission and submit it again (lateness judged on the new date); without a
    new file or ``url`` the previous evidence stays."""
    same_pemda(user, submission)
    submission = _lock(submission)
    if not can_submit(user, submission.obligation, official=submission.official, unit=submission.unit):
        raise deny()
    if submission.status != Status.RETURNED:
        raise ValidationError(_("Hanya pengajuan yang dikembalikan yang dapat diperbaiki dan diajukan ulang."))
    today = pemda_today(submission.pemda)
    submission.status, submission.submitted_by, submission.submitted_at = Status.SUBMITTED, user, timezone.now()
    submission.is_late = is_late(submission.due_date, today)
    name = _fill(submission, title=title, description=description, file=file, url=url)
    _store(submission, file, name)
    submission._actor_id = user.pk
    _notify(
        submission,
        _reviewers(submission),
        title=_("Pengajuan kewajiban diajukan ulang: %(t)s") % {"t": submission.title},
        action="diajukan",
    )
    return submission


def _decide(user, submission: ObligationSubmission, status: str, note: str) -> ObligationSubmission:
    same_pemda(user, submission)
    submission = _lock(submission)
    if not has_perm(user, P.OBLIGATION_REVIEW, unit_id=submission.unit_id):
        raise deny()
    if not can_review(user, submission):
        raise ValidationError(_("Anda tidak dapat menilai pengajuan Anda sendiri atau tentang diri Anda."))
    if submission.status != Status.SUBMITTED:
        raise ValidationError(_("Pengajuan ini sudah dinilai (%(s)s).") % {"s": submission.get_status_display()})
    note = (note or "").strip()
    if status == Status.RETURNED and not note:
        raise ValidationError({"decision_note": _("Tulis catatan alasan pengembalian.")})
    submission.status, submission.decided_by, submission.decided_at = status, user, timezone.now()
    submission.decision_note = note
    submission.save()
    submission._actor_id = user.pk
    users = [submission.submitted_by]
    if (
        submission.official_id
        and submission.official.user_id
        and submission.official.user_id != submission.submitted_by_id
    ):
        users.append(submission.official.user)
    title = (
        _("Pengajuan kewajiban diterima: %(t)s")
        if status == Status.ACCEPTED
        else _("Pengajuan kewajiban dikembalikan: %(t)s")
    )
    _notify(submission, users, title=title % {"t": submission.title}, action=status)
    return submission


@transaction.atomic
def submission_accept(*, user, submission: ObligationSubmission, note: str = "") -> ObligationSubmission:
    """Accept a submission waiting for review (head of the unit or admin)."""
    return _decide(user, submission, Status.ACCEPTED, note)


@transaction.atomic
def submission_return(*, user, submission: ObligationSubmission, note: str) -> ObligationSubmission:
    """Return a submission for correction; the note is required."""
    return _decide(user, submission, Status.RETURNED, note)
