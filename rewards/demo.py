"""Demo data of rankings and decisions (step 500): a past year with a frozen ranking, proposals and SKs.

Kabupaten Banjar, after the realisation (300) and LKE (400–429) steps, which leave published/final
evaluations and accepted realisation for 2024 and 2025:

* the default reward/punishment rules are installed (by the Admin SAKIP);
* the Bupati freezes the 2025 ranking (AKIP score, capaian, reporting discipline) and runs the rules
  over it, which proposes awards and sanctions with their figures;
* the Bupati accepts the piagam for the best three of each category (one SK for all of them) and a
  six-month improvement period for the head of a unit with a demo account; accepts one proposal with
  a change (with the reason), rejects one (with the reason), and issues directly a TPP cut of 25 %
  for three months to the unit with the lowest composite index;
* one unit (with a demo account) answers its decision within the window.

SK dates are a week before today, so the response windows (14 days) are still open in the demo.
Every write goes through :mod:`rewards.services`. Idempotent: nothing happens when a 2025 snapshot of
the Pemda already exists.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rewards import services
from rewards.models import Decision, Proposal, RankingSnapshot
from sakip.core.demo import DemoContext, demo_step
from sakip.core.models import RoleAssignment

PEMDA_KEY = "banjar"
YEAR = 2025
PIAGAM_SK = "188.45/215/KUM/2026"


def _sk_date(pemda) -> dt.date:
    return timezone.localdate(timezone=pemda.tz) - dt.timedelta(days=7)


def _unit_user(unit_ids):
    """A demo operator or kepala of one of ``unit_ids`` (first by unit order), with the unit id."""
    roles = RoleAssignment.objects.filter(
        unit_id__in=list(unit_ids), role__in=(RoleAssignment.Role.OPERATOR, RoleAssignment.Role.KEPALA)
    ).select_related("user")
    found = {}
    for assignment in roles.order_by("role", "id"):
        found.setdefault(assignment.unit_id, assignment.user)
    return found


def _decide_proposals(pemda, bupati, snapshot, sk_date) -> None:
    pending = Proposal.objects.filter(snapshot=snapshot, status=Proposal.Status.PENDING).select_related("unit")
    for proposal in pending.filter(rule_code="peringkat_1_3"):
        services.proposal_accept(
            user=bupati, proposal=proposal, sk_number=PIAGAM_SK, sk_date=sk_date, effective_start=sk_date,
            basis_text="",
        )  # fmt: skip
    # A proposal about a unit with a demo account (Dinas Kesehatan), so that unit can answer its SK.
    with_users = _unit_user(pending.values_list("unit_id", flat=True))
    for proposal in pending.filter(rule_code="pk_tidak_tercapai", unit_id__in=list(with_users)).order_by("unit__code")[
        :1
    ]:
        services.proposal_accept(
            user=bupati, proposal=proposal, sk_number="800/310/BKPSDM/2026", sk_date=sk_date,
            effective_start=sk_date,
        )  # fmt: skip
    others = list(pending.exclude(rule_code="peringkat_1_3").order_by("rule_code", "unit__code"))
    to_change = next((p for p in others if p.rule_code == "terlambat_3_kali"), None) or (others[0] if others else None)
    if to_change is not None:
        services.proposal_change(
            user=bupati, proposal=to_change, kind="teguran_tertulis", parameters={},
            sk_number="800/311/BKPSDM/2026", sk_date=sk_date, effective_start=sk_date,
            reason="Keterlambatan berulang setelah teguran lisan tahun lalu; diberikan teguran tertulis.",
        )  # fmt: skip
    rest = [p for p in others if p != to_change]
    to_reject = next((p for p in rest if p.rule_code == "predikat_c_d"), None) or (rest[0] if rest else None)
    if to_reject is not None:
        services.proposal_reject(
            user=bupati, proposal=to_reject,
            reason="Unit sedang dalam masa reorganisasi; dievaluasi kembali pada peringkat tahun berikutnya.",
        )  # fmt: skip


def _lowest_unit(snapshot, pemda):
    entries = snapshot.data["rankings"]["overall"]["komposit"]["entries"]
    if not entries:
        return None
    from sakip.core.models import Unit

    return Unit.objects.filter(pemda=pemda, uid=entries[-1]["unit_uid"]).first()


@demo_step(order=500, name="Peringkat dan keputusan reward/punishment")
def seed_rewards(ctx: DemoContext) -> None:
    pemda = ctx.pemdas.get(PEMDA_KEY)
    bupati, admin = ctx.users.get("bupati"), ctx.users.get("admin.banjar")
    if pemda is None or bupati is None or admin is None:
        return
    if RankingSnapshot.objects.filter(pemda=pemda, year=YEAR).exists():
        return
    ctx.created["aturan reward/punishment"] += len(services.rules_install_defaults(pemda=pemda, user=admin))
    snapshot = services.snapshot_freeze(
        user=bupati, pemda=pemda, year=YEAR, title="Peringkat kinerja perangkat daerah 2025",
        note="Dibekukan untuk rapat koordinasi evaluasi kinerja; dasar SK penghargaan dan sanksi 2026.",
    )  # fmt: skip
    ctx.created["snapshot peringkat"] += 1
    run = services.rule_run_request(user=bupati, snapshot=snapshot)
    services.rule_run_execute(run.pk)  # now, so the proposals can be decided below (the queued task then skips)
    ctx.created["usulan reward/punishment"] += Proposal.objects.filter(snapshot=snapshot).count()
    sk_date = _sk_date(pemda)
    _decide_proposals(pemda, bupati, snapshot, sk_date)
    lowest = _lowest_unit(snapshot, pemda)
    if lowest is not None:
        services.decision_issue(
            user=bupati, pemda=pemda, kind="pemotongan_tpp", unit=lowest, snapshot=snapshot,
            sk_number="800/312/BKPSDM/2026", sk_date=sk_date,
            basis_text=("Indeks komposit kinerja 2025 terendah di Kabupaten Banjar; sesuai Perbup tentang TPP, "
                        "TPP dipotong 25% selama tiga bulan."),
            effective_start=(sk_date.replace(day=1) + dt.timedelta(days=32)).replace(day=1),
            percent=25, months=3,
        )  # fmt: skip
    decisions = list(Decision.objects.filter(pemda=pemda, snapshot=snapshot).order_by("unit__code", "id"))
    ctx.created["keputusan (SK)"] += len(decisions)
    users = _unit_user({d.unit_id for d in decisions})
    answered = next((d for d in decisions if d.unit_id in users), None)
    if answered is not None:
        services.decision_respond(
            user=users[answered.unit_id], decision=answered,
            text="Terima kasih atas keputusan ini. Kami telah menyusun rencana aksi perbaikan pelaporan dan "
                 "capaian untuk triwulan berikutnya.",
        )  # fmt: skip


# Issue 9 registers its own steps (imported here: only ``<app>/demo.py`` is autodiscovered).
from rewards import demo_assessments, demo_discipline, demo_obligations  # noqa: E402, F401
