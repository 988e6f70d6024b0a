"""Home-page tasks and panels of rewards: proposals waiting (pimpinan), decisions to answer (unit).

* pimpinan (``P.DECISION_ISSUE``): "N usulan reward/punishment menunggu keputusan", linked to the
  proposal list; one count query.
* operator / kepala of a unit: each issued sanction about their unit that is not answered yet and
  whose response window is still open ("Tanggapi SK 188.45/12/2026 sampai 20 Maret 2026"), most
  urgent when the deadline is within three days; one query whatever the number of decisions.
"""

from __future__ import annotations

import datetime as dt

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sakip.core import permissions
from sakip.core.home import Task, register
from sakip.core.permissions import P
from sakip.lib.dates import format_date

from .models import REWARD_TYPES, Decision, Proposal

SOON = dt.timedelta(days=3)
MAX_TASKS = 10


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@register
def proposals_waiting(user) -> list[Task]:
    if not permissions.has_perm(user, P.DECISION_ISSUE):
        return []
    waiting = Proposal.objects.filter(pemda_id=user.pemda_id, status=Proposal.Status.PENDING).count()
    if not waiting:
        return []
    title = ngettext(
        "%(n)d usulan reward/punishment menunggu keputusan",
        "%(n)d usulan reward/punishment menunggu keputusan",
        waiting,
    ) % {"n": waiting}
    detail = _("Terima dengan nomor SK, ubah, atau tolak dengan alasan.")
    return [Task(title, detail, _url("rewards:proposal_list"), _("Tinjau usulan"), "todo", 35)]


@register
def decisions_to_answer(user) -> list[Task]:
    unit_ids = permissions.unit_ids_with(user, P.DECISION_VIEW)
    if not unit_ids:  # None: Pemda-wide readers do not answer for a unit; empty: no decision access
        return []
    pemda = getattr(user, "pemda", None)
    today = timezone.now().astimezone(pemda.tz).date() if pemda else timezone.localdate()
    open_decisions = (
        Decision.objects.filter(
            pemda_id=user.pemda_id,
            unit_id__in=unit_ids,
            status=Decision.Status.ISSUED,
            response="",
            response_deadline__gte=today,
        )
        .exclude(kind__in=REWARD_TYPES)  # an award needs no answer; the unit is notified of it
        .select_related("unit")
        .order_by("response_deadline", "id")[:MAX_TASKS]
    )
    tasks = []
    for d in open_decisions:
        urgent = d.response_deadline - today <= SOON
        tasks.append(
            Task(
                _("Tanggapi SK %(sk)s sampai %(d)s") % {"sk": d.sk_number, "d": format_date(d.response_deadline)},
                f"{d.get_kind_display()} · {d.unit.name}",
                _url("rewards:decision_detail", uid=d.uid),
                _("Baca dan tanggapi"),
                "urgent" if urgent else "todo",
                32,
            )
        )
    return tasks
