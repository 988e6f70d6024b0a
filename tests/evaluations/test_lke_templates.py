# ruff: noqa: F811  (fixtures imported from lke_factories)
"""LKE templates: the shipped 88/2021 and 12/2015 seeds, versions, frozen templates, weights, predicate tables."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from evaluations import lke_seed
from evaluations import lke_template_services as ts
from evaluations.lke_models import LkeComponent, LkeCriterion, LkeSubComponent, LkeTemplate, PredicateTable
from evaluations.lke_template import template_problems
from evaluations.rules_defaults import LAYOUT_88_2021, METHOD_ANSWER_SCALE, METHOD_PERCENT_GRADE
from tests.evaluations.lke_factories import lke_clock, lke_round, lke_template  # noqa: F401

D = Decimal


# --- the seeds (pure) ---------------------------------------------------------------------------


def test_seed_88_2021_has_80_criteria_laid_out_as_the_regulation():
    template = lke_seed.template_88_2021()
    assert template.method == METHOD_PERCENT_GRADE
    assert len(template.criteria()) == 80
    expected = {sub: count for _c, _n, _w, subs in LAYOUT_88_2021 for sub, _k, _sw, count in subs}
    assert {s.code: len(s.criteria) for s in template.subcomponents()} == expected
    assert expected == {
        "1.a": 6, "1.b": 11, "1.c": 8, "2.a": 3, "2.b": 7, "2.c": 10,
        "3.a": 6, "3.b": 9, "3.c": 7, "4.a": 3, "4.b": 5, "4.c": 5,
    }  # fmt: skip
    assert [c.weight for c in template.components] == [D(30), D(30), D(15), D(25)]
    assert template_problems(template) == []
    assert all(c.answer_type == "yt" and len(c.text) > 30 for c in template.criteria())
    texts = [c.text for c in template.criteria()]
    assert len(set(texts)) == 80  # one distinct sentence per criterion


def test_seed_12_2015_weights_follow_the_old_regulation():
    template = lke_seed.template_12_2015()
    assert template.method == METHOD_ANSWER_SCALE
    assert template_problems(template) == []
    weights = {s.code: s.weight for s in template.subcomponents()}
    assert [weights[c] for c in ("1.a", "1.b", "1.c", "1.d", "1.e", "1.f")] == [D(2), D(5), D(3), D(4), D(10), D(6)]
    assert [weights[c] for c in ("2.a", "2.b", "2.c")] == [D(5), D("12.5"), D("7.5")]
    assert [weights[c] for c in ("3.a", "3.b", "3.c")] == [D(3), D("7.5"), D("4.5")]
    assert [weights[c] for c in ("4.a", "4.b", "4.c")] == [D(2), D(5), D(3)]
    assert [weights[c] for c in ("5.a", "5.b")] == [D("7.5"), D("12.5")]
    assert all(3 <= len(s.criteria) <= 6 for s in template.subcomponents())
    assert {c.answer_type for c in template.criteria()} == {"ae"}


# --- install and versions -----------------------------------------------------------------------


def test_install_defaults_is_idempotent(pemda, admin):
    created = ts.template_install_defaults(pemda=pemda, user=admin)
    assert sorted(t.family for t in created) == ["12-2015", "88-2021"]
    assert ts.template_install_defaults(pemda=pemda, user=admin) == []
    assert LkeTemplate.objects.filter(pemda=pemda).count() == 2
    t88 = LkeTemplate.objects.get(pemda=pemda, family="88-2021")
    assert LkeCriterion.objects.filter(subcomponent__component__template=t88).count() == 80
    first = LkeCriterion.objects.get(subcomponent__component__template=t88, code="1.a.1")
    assert first.guidance and first.text.startswith("Terdapat pedoman teknis perencanaan kinerja")
    assert ts.template_problems_of(t88) == []


def test_install_defaults_leaves_an_existing_family_alone(pemda, admin):
    ts.template_install_defaults(pemda=pemda, user=admin)
    LkeTemplate.objects.filter(family="12-2015").delete()
    created = ts.template_install_defaults(pemda=pemda, user=admin)
    assert [t.family for t in created] == ["12-2015"]
    assert LkeTemplate.objects.filter(pemda=pemda, family="88-2021").count() == 1


@pytest.mark.parametrize("persona", ["operator_a", "evaluator", "pimpinan", "other_admin"])
def test_only_managers_of_the_pemda_install_templates(request, pemda, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        ts.template_install_defaults(pemda=pemda, user=user)
    assert not LkeTemplate.objects.filter(pemda=pemda).exists()


def test_team_lead_may_manage_templates(pemda, evaluator_lead):
    assert len(ts.template_install_defaults(pemda=pemda, user=evaluator_lead)) == 2


@pytest.fixture
def t88(pemda, admin):
    ts.template_install_defaults(pemda=pemda, user=admin)
    return LkeTemplate.objects.get(pemda=pemda, family="88-2021")


def _freeze(template):
    template.frozen_at = timezone.now()
    template.save(update_fields=["frozen_at"])


def test_frozen_template_refuses_every_change(t88, admin):
    _freeze(t88)
    criterion = LkeCriterion.objects.filter(subcomponent__component__template=t88).first()
    for call in (
        lambda: ts.criterion_update(user=admin, criterion=criterion, text="Rumusan baru", guidance=""),
        lambda: ts.weights_update(user=admin, template=t88, weights={"1.a": D(5), "1.b": D(10)}),
        lambda: ts.template_update(user=admin, template=t88, name="Nama baru"),
        lambda: ts.template_delete(user=admin, template=t88),
    ):
        with pytest.raises(ValidationError) as exc:
            call()
        assert "sudah dipakai" in " ".join(exc.value.messages)
    criterion.refresh_from_db()
    assert criterion.text != "Rumusan baru"
    assert LkeSubComponent.objects.get(component__template=t88, code="1.a").weight == D(6)
    # retiring a frozen template from new rounds changes nothing that was scored
    ts.template_update(user=admin, template=t88, is_active=False)
    t88.refresh_from_db()
    assert t88.is_active is False and t88.name.startswith("LKE AKIP")


def test_a_template_taken_by_a_round_is_frozen(lke_round, admin):
    template = LkeTemplate.objects.get(pk=lke_round.template_id)
    assert template.is_frozen
    with pytest.raises(ValidationError) as exc:
        ts.weights_update(user=admin, template=template, weights={"1.a": D(5), "1.b": D(10)})
    assert exc.value.messages == [
        "Templat ini sudah dipakai dalam putaran evaluasi sehingga tidak dapat diubah; "
        "buat versi baru untuk mengubahnya."
    ]
    with pytest.raises(ValidationError):
        ts.template_delete(user=admin, template=template)
    copy = ts.template_new_version(user=admin, template=template)
    ts.weights_update(user=admin, template=copy, weights={"1.a": D(5), "1.b": D(10)})
    assert ts.template_problems_of(copy) == []


def test_new_version_copies_wording_and_can_be_edited(t88, admin):
    _freeze(t88)
    criterion = LkeCriterion.objects.get(subcomponent__component__template=t88, code="2.c.1")
    copy = ts.template_new_version(user=admin, template=t88)
    assert (copy.family, copy.version, copy.previous) == ("88-2021", 2, t88)
    assert copy.frozen_at is None
    copied = LkeCriterion.objects.get(subcomponent__component__template=copy, code="2.c.1")
    assert (copied.text, copied.guidance) == (criterion.text, criterion.guidance)
    ts.criterion_update(user=admin, criterion=copied, text="Rumusan resmi tahun 2026.", guidance="Bukti X.")
    copied.refresh_from_db()
    assert copied.text == "Rumusan resmi tahun 2026."
    criterion.refresh_from_db()
    assert criterion.text != copied.text
    assert ts.template_new_version(user=admin, template=t88).version == 3


def test_weights_that_do_not_add_up_are_refused_and_nothing_saved(t88, admin):
    with pytest.raises(ValidationError) as exc:
        ts.weights_update(user=admin, template=t88, weights={"1.a": D(7)})
    assert any("Jumlah bobot subkomponen komponen 1 (31)" in m for m in exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        ts.weights_update(user=admin, template=t88, weights={"1": D(31), "1.c": D(16)})
    assert any("Jumlah bobot komponen 101, seharusnya 100." in m for m in exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        ts.weights_update(user=admin, template=t88, weights={"9.z": D(1)})
    assert "Kode tidak dikenal di templat: 9.z." in exc.value.messages
    assert LkeSubComponent.objects.get(component__template=t88, code="1.a").weight == D(6)
    assert LkeComponent.objects.get(template=t88, code="1").weight == D(30)


def test_weights_that_add_up_are_saved(t88, admin):
    ts.weights_update(user=admin, template=t88, weights={"1.a": "5", "1.b": "10,5", "1.c": D("14.5")})
    stored = dict(LkeSubComponent.objects.filter(component__template=t88).values_list("code", "weight"))
    assert (stored["1.a"], stored["1.b"], stored["1.c"]) == (D(5), D("10.5"), D("14.5"))
    assert ts.template_problems_of(t88) == []


def test_unused_template_can_be_deleted_and_renamed(t88, admin, operator_a):
    with pytest.raises(PermissionDenied):
        ts.template_update(user=operator_a, template=t88, name="X")
    ts.template_update(user=admin, template=t88, name="LKE 2026", regulation="PermenPAN-RB 88/2021", notes="Lokal")
    t88.refresh_from_db()
    assert t88.name == "LKE 2026"
    ts.template_delete(user=admin, template=t88)
    assert not LkeTemplate.objects.filter(pk=t88.pk).exists()
    assert not LkeCriterion.objects.filter(subcomponent__component__template_id=t88.pk).exists()


# --- predicate tables ---------------------------------------------------------------------------

DEFAULT_ROWS = [
    ["AA", "90", "100", "Sangat Memuaskan"],
    ["A", "80", "90", "Memuaskan"],
    ["BB", "70", "80", "Sangat Baik"],
    ["B", "60", "70", "Baik"],
    ["CC", "50", "60", "Cukup"],
    ["C", "30", "50", "Kurang"],
    ["D", "0", "30", "Sangat Kurang"],
]


def test_predicate_rows_default_to_the_regulation(pemda):
    rows = ts.predicate_rows_for(pemda, 2025)
    assert rows[0] == ["AA", D(90), D(100), "Sangat Memuaskan"]
    assert [r[0] for r in rows] == ["AA", "A", "BB", "B", "CC", "C", "D"]


def test_predicate_table_saved_per_year(pemda, admin):
    rows = [list(r) for r in DEFAULT_ROWS]
    rows[2] = ["BB", "72,5", "80", "Sangat Baik"]
    rows[3] = ["B", "60", "72,5", "Baik"]
    table = ts.predicate_table_save(user=admin, pemda=pemda, year=2026, rows=rows)
    assert table.bands[2] == ["BB", "72.5", "80", "Sangat Baik"]
    assert ts.predicate_rows_for(pemda, 2026)[2][1] == D("72.5")
    assert ts.predicate_rows_for(pemda, 2025)[2][1] == D(70)
    ts.predicate_table_save(user=admin, pemda=pemda, year=2026, rows=DEFAULT_ROWS)
    assert PredicateTable.objects.filter(pemda=pemda, year=2026).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({3: ["B", "61", "70", "Baik"]}, "Ada celah antara predikat CC (sampai 60,00) dan B (di atas 61,00)."),
        ({3: ["B", "58", "70", "Baik"]}, "Predikat CC (sampai 60,00) dan B (di atas 58,00) tumpang tindih."),
        ({0: ["AA", "90", "99", "Sangat Memuaskan"]}, "Tabel predikat harus mencapai nilai 100,00."),
        ({6: ["D", "5", "30", "Sangat Kurang"]}, "Tabel predikat harus dimulai dari nilai 0,00."),
        ({6: ["D", "nol", "30", "Sangat Kurang"]}, "Baris 7: batas bawah harus berupa angka."),
        ({1: ["AA", "80", "90", "Memuaskan"]}, "Predikat AA tercantum lebih dari sekali."),
    ],
)
def test_predicate_table_with_gaps_or_overlaps_is_refused(pemda, admin, change, message):
    rows = [list(r) for r in DEFAULT_ROWS]
    for index, replacement in change.items():
        rows[index] = replacement
    with pytest.raises(ValidationError) as exc:
        ts.predicate_table_save(user=admin, pemda=pemda, year=2026, rows=rows)
    assert message in exc.value.message_dict["bands"]
    assert not PredicateTable.objects.filter(pemda=pemda).exists()


def test_predicate_table_needs_manage_permission(pemda, evaluator, other_admin):
    for user in (evaluator, other_admin):
        with pytest.raises(PermissionDenied):
            ts.predicate_table_save(user=user, pemda=pemda, year=2026, rows=DEFAULT_ROWS)
