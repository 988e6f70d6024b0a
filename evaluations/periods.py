"""Reporting calendar and lock rules of realisation reports (pure: dates in, answers out, no ORM).

Domain reference §7: a period's realisation is due on day ``deadline_day`` (default 10) of the month
after the period ends; submissions after that day are late; a report locks after acceptance, or
when the deadline plus ``grace_days`` has passed without a submission; only the admin unlocks, with
a reason, for a limited time.

Dates are the Pemda's local dates (``Pemda.tz``): a deadline of 10 November is met by a submission
at 23:59 WITA on 10 November.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sakip.lib.dates import format_date, format_datetime, next_month_day

# Report statuses (PeriodReport.Status values; repeated here to keep the module free of models).
DRAFT, SUBMITTED, VERIFIED, ACCEPTED, RETURNED = "draft", "submitted", "verified", "accepted", "returned"
OPEN_STATUSES = (DRAFT, RETURNED)  # the unit still has to submit


def unlock_hint() -> str:
    """Who can open a locked report (shown next to every locked field)."""
    return _("Hanya Admin SAKIP (Bagian Organisasi) yang dapat membuka kunci, dengan alasan.")


def deadline_for(period_end: dt.date, deadline_day: int) -> dt.date:
    """Day ``deadline_day`` of the month after ``period_end`` (31 Oct, 10 → 10 Nov; 31 Dec → 10 Jan)."""
    return next_month_day(period_end.year, period_end.month, deadline_day)


def lock_at(deadline: dt.date, grace_days: int) -> dt.date:
    """The first local date on which an unsubmitted report is locked: the day after deadline + grace.

    Deadline 10 Nov with 5 grace days: editable up to and including 15 Nov, locked from 16 Nov.
    """
    return deadline + dt.timedelta(days=grace_days + 1)


def is_late(submitted_on: dt.date, deadline: dt.date) -> bool:
    """A submission is late when made after the deadline day (the deadline day itself is on time)."""
    return submitted_on > deadline


@dataclass(frozen=True)
class LockState:
    """Whether a report's values may be changed now; ``reason`` and ``unlock_hint`` say why / who."""

    locked: bool
    reason: str = ""
    unlock_hint: str = ""
    unlocked_until: dt.datetime | None = None  # set while an admin unlock is running

    def __bool__(self) -> bool:  # ``if lock_state(report):`` reads as "if locked"
        return self.locked


def compute_lock(
    *,
    status: str,
    deadline: dt.date,
    grace_days: int,
    now: dt.datetime,
    today: dt.date,
    unlocked_until: dt.datetime | None = None,
    returned_on: dt.date | None = None,
) -> LockState:
    """The lock state of a report (pure).

    * an admin unlock that has not expired (``unlocked_until > now``) opens the report, whatever else;
    * an accepted report is locked;
    * a draft (or returned) report is locked from :func:`lock_at` (deadline + grace days) on — except
      a report returned on or after that day: the return asks the unit to correct it, so it is open;
    * submitted and verified reports are under review and not locked (a change needs a reason).
    """
    if unlocked_until is not None and unlocked_until > now:
        reason = _("Dibuka oleh Admin SAKIP sampai %(t)s.") % {"t": format_datetime(unlocked_until)}
        return LockState(False, reason, "", unlocked_until)
    if status == ACCEPTED:
        return LockState(True, _("Laporan periode ini sudah diterima Admin SAKIP sehingga terkunci."), unlock_hint())
    locks_on = lock_at(deadline, grace_days)
    if status in OPEN_STATUSES and today >= locks_on:
        if status == RETURNED and returned_on is not None and returned_on >= locks_on:
            return LockState(False)
        return LockState(
            True,
            _("Batas lapor %(d)s dan masa tenggang %(g)s hari sudah lewat sehingga periode ini terkunci.")
            % {"d": format_date(deadline), "g": grace_days},
            unlock_hint(),
        )
    return LockState(False)
