"""Delivering a finished monthly report: e-mail and in-portal notice (issue #7 item 3).

Who gets what (per the Pemda's :class:`ReportSetting`):

* pimpinan (role Pimpinan) get the Pemda report, attached (or as a link when ``attach_pdf`` is off);
* unit heads (role Kepala OPD of a unit that has a one-pager in the report) get their unit's page;
* everyone above also gets an in-portal notice; the user who asked for the report gets a notice
  that it is ready even when it is not delivered.

Every send is claimed first by inserting a :class:`ReportDelivery` row (unique per report, user and
channel) in the same transaction as the send: a task that runs twice, or a worker restarted in the
middle, never sends twice, and a failed send rolls its claim back so the retry sends it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from evaluations.report_models import Report, ReportDelivery, UnitReport
from evaluations.report_services import setting_for
from sakip.core.models import Notification, RoleAssignment, User
from sakip.lib.dates import month_name

logger = logging.getLogger(__name__)
Role = RoleAssignment.Role
Channel = ReportDelivery.Channel


class DeliveryIncomplete(Exception):
    """Some sends failed (their claims were rolled back); the task retries them later."""


@dataclass
class Delivered:
    emails: int = 0
    notices: int = 0
    skipped: int = 0  # already delivered by an earlier run
    failed: list[str] = field(default_factory=list)


def _absolute(path: str) -> str:
    base = getattr(settings, "SAKIP_BASE_URL", "").rstrip("/")
    return f"{base}{path}" if path else base


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def report_path(report: Report) -> str:
    return _url("evaluations:monthly_detail", uid=report.uid)


def unit_report_path(unit_report: UnitReport) -> str:
    return _url("evaluations:monthly_unit_download", uid=unit_report.report.uid, unit=unit_report.unit.uid)


def recipients(report: Report) -> list[tuple[User, UnitReport | None]]:
    """(user, the unit page they get or ``None`` for the Pemda report), each user once, by role."""
    setting = setting_for(report.pemda)
    out: list[tuple[User, UnitReport | None]] = []
    seen: set[int] = set()
    rows = RoleAssignment.objects.filter(pemda_id=report.pemda_id, user__is_active=True).select_related("user")
    if setting.email_pimpinan:
        for ra in rows.filter(role=Role.PIMPINAN).order_by("user_id"):
            if ra.user_id not in seen:
                seen.add(ra.user_id)
                out.append((ra.user, None))
    if setting.email_unit_heads:
        pages = {u.unit_id: u for u in report.unit_reports.select_related("unit", "report")}
        for ra in rows.filter(role=Role.KEPALA, unit_id__in=pages).order_by("unit__code", "user_id"):
            if ra.user_id not in seen:
                seen.add(ra.user_id)
                out.append((ra.user, pages[ra.unit_id]))
    return out


def _message(report: Report, page: UnitReport | None) -> tuple[str, str, str]:
    """(subject, body, link) in the portal's default language."""
    month = f"{month_name(report.month)} {report.year}"
    if page is None:
        subject = _("Laporan evaluasi kinerja bulanan %(m)s — %(p)s") % {"m": month, "p": report.pemda.name}
        link = _absolute(report_path(report))
        body = _(
            "Laporan evaluasi kinerja bulanan %(m)s (versi %(v)s) telah dibuat. "
            "Laporan terlampir dan dapat diunduh di Portal SAKIP: %(l)s"
        ) % {"m": month, "v": report.version, "l": link}
    else:
        subject = _("Laporan kinerja bulanan %(m)s — %(u)s") % {"m": month, "u": page.unit.name}
        link = _absolute(unit_report_path(page))
        body = _(
            "Laporan kinerja satu halaman %(u)s untuk %(m)s telah dibuat. "
            "Laporan terlampir dan dapat diunduh di Portal SAKIP: %(l)s"
        ) % {"m": month, "u": page.unit.name, "l": link}
    return subject, body, link


def _attachment(report: Report, page: UnitReport | None) -> tuple[str, bytes] | None:
    field_file = report.file if page is None else page.file
    if not field_file:
        return None
    with field_file.open("rb") as handle:
        return field_file.name.rsplit("/", 1)[-1], handle.read()


def _send_email(result: Delivered, report: Report, user: User, page: UnitReport | None, attach: bool) -> None:
    try:
        with transaction.atomic():
            ReportDelivery.objects.create(
                report=report, user=user, channel=Channel.EMAIL, unit=page.unit if page else None, address=user.email
            )
            with override(settings.LANGUAGE_CODE):
                subject, body, _link = _message(report, page)
            # the header lets mail rules (and CI) recognise report e-mails whatever the subject's encoding
            headers = {"X-SAKIP-Report": f"{report.uid}{'/' + str(page.unit.uid) if page else ''}"}
            message = EmailMessage(subject[:200], body, to=[user.email], headers=headers)
            attachment = _attachment(report, page) if attach else None
            if attachment:
                message.attach(attachment[0], attachment[1], "application/pdf")
            message.send(fail_silently=False)
            result.emails += 1
    except IntegrityError:
        result.skipped += 1
    except OSError as error:  # SMTP down: the claim is rolled back, the retry sends it
        logger.warning("report %s: e-mail to user %s failed: %s", report.pk, user.pk, error)
        result.failed.append(f"{user.email}: {error}")


def _notify(result: Delivered, report: Report, user: User, page: UnitReport | None, *, ready_only=False) -> None:
    with override(settings.LANGUAGE_CODE):
        subject, body, link = _message(report, page)
        if ready_only:
            subject = _("Laporan siap diunduh: %(s)s") % {"s": subject}
    try:
        with transaction.atomic():
            ReportDelivery.objects.create(
                report=report, user=user, channel=Channel.NOTICE, unit=page.unit if page else None
            )
            Notification.objects.get_or_create(
                user=user, key=f"laporan:{report.pk}",
                defaults={"pemda_id": report.pemda_id, "title": subject[:200], "body": body, "url": link[:300]},
            )  # fmt: skip
            result.notices += 1
    except IntegrityError:
        result.skipped += 1


def deliver(report_id: int) -> Delivered:
    """Send the e-mails and notices of a finished report that asks for delivery; idempotent."""
    result = Delivered()
    report = Report.objects.select_related("pemda", "requested_by").get(pk=report_id)
    if report.status != Report.Status.DONE:
        return result
    if report.deliver:
        attach = setting_for(report.pemda).attach_pdf
        for user, page in recipients(report):
            if user.email:
                _send_email(result, report, user, page, attach)
            _notify(result, report, user, page)
    requester = report.requested_by
    if requester is not None and requester.is_active and not report.deliveries.filter(user=requester).exists():
        _notify(result, report, requester, None, ready_only=True)
    if not result.failed:
        Report.objects.filter(pk=report_id, delivered_at__isnull=True).update(delivered_at=timezone.now())
    else:
        raise DeliveryIncomplete("; ".join(result.failed))
    return result
