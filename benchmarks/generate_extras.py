"""The small parts of a generated Pemda around the realisation: an admin and a pimpinan account,
the Pemda's own AKIP result of the previous year with its recommendations (the report's open
follow-ups) and reward/punishment decisions dated in the report month (on a frozen ranking)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from evaluations.lke_models import PemdaResult, Recommendation
from rewards.models import Decision, DecisionType, RankingSnapshot
from sakip.core.models import Pemda, RoleAssignment, Unit, User

RECOMMENDATIONS = (
    "Agar unit menyempurnakan cascading kinerja sampai level individu.",
    "Agar unit memanfaatkan hasil monitoring capaian bulanan dalam pengambilan keputusan.",
    "Agar indikator kinerja utama direviu supaya lebih berorientasi hasil.",
    "Agar rencana aksi dilengkapi target bulanan yang terukur.",
)


def _users(pemda: Pemda) -> tuple[User, User]:
    """An Admin SAKIP and a pimpinan (Bupati), without usable passwords (nobody logs in)."""
    made = []
    for role, label in ((RoleAssignment.Role.ADMIN, "admin"), (RoleAssignment.Role.PIMPINAN, "bupati")):
        user = User(pemda=pemda, username=f"bench-{pemda.pk}-{label}", full_name=f"{label.title()} {pemda.name}",
                    email=f"{label}.{pemda.pk}@bench.invalid")  # fmt: skip
        user.set_unusable_password()
        made.append((user, role))
    User.objects.bulk_create([u for u, _r in made])
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(pemda=pemda, user=u, role=r,
                        position="kepala_daerah" if r == RoleAssignment.Role.PIMPINAN else "")
         for u, r in made]
    )  # fmt: skip
    return made[0][0], made[1][0]


def add_extras(pemda: Pemda, units: list[Unit], year: int, month: int, rng: random.Random) -> dict[str, int]:
    admin, pimpinan = _users(pemda)
    result = PemdaResult.objects.create(
        pemda=pemda, year=year - 1, score=Decimal("68.45"), predicate="B", target_predicate="BB",
        letter_number=f"B/{rng.randint(100, 999)}/AA.05/{year}", letter_date=dt.date(year, 3, 15), recorded_by=admin,
    )  # fmt: skip
    owners = rng.sample(units, max(1, len(units) // 4))
    statuses = (Recommendation.Status.BELUM, Recommendation.Status.PROSES, Recommendation.Status.SELESAI)
    recommendations = [
        Recommendation(
            pemda=pemda,
            pemda_result=result,
            owner=unit,
            text=rng.choice(RECOMMENDATIONS),
            component_code=rng.choice(("1", "2", "3", "4")),
            due_date=dt.date(year, rng.randint(month, 12), 28) if rng.random() < 0.8 else None,
            status=rng.choices(statuses, weights=(5, 3, 2))[0],
        )  # fmt: skip
        for unit in owners
    ]
    Recommendation.objects.bulk_create(recommendations)
    snapshot = RankingSnapshot.objects.create(
        pemda=pemda, year=year, title=f"Peringkat kinerja triwulan {(month - 1) // 3 or 1} {year}",
        weights={"akip": 50, "capaian": 35, "timeliness": 15}, data={}, content_hash="0" * 64,
        frozen_at=timezone.now(), frozen_by=pimpinan,
    )  # fmt: skip
    kinds = (DecisionType.PIAGAM, DecisionType.TEGURAN_LISAN, DecisionType.TEGURAN_TERTULIS)
    decisions = []
    for i, unit in enumerate(rng.sample(units, max(1, len(units) // 10))):
        sk_date = dt.date(year, month, rng.randint(1, 28))
        decisions.append(
            Decision(
                pemda=pemda,
                kind=kinds[i % len(kinds)],
                unit=unit,
                sk_number=f"800/{i + 1}/BKPSDM/{year}",
                sk_date=sk_date,
                snapshot=snapshot,
                basis_text="Berdasarkan peringkat kinerja yang dibekukan.",
                effective_start=sk_date,
                issued_at=timezone.now(),
                issued_by=pimpinan,
                response_deadline=sk_date + dt.timedelta(days=14),
            )  # fmt: skip
        )
    Decision.objects.bulk_create(decisions)
    return {"users": 2, "recommendations": len(recommendations), "decisions": len(decisions)}
