"""Serializers of the LKE workflow API. They only shape data; every rule lives in
``evaluations/lke_services.py`` so the API and the pages refuse the same things with the same words.

Output of the worksheet is built from ``lke_selectors.worksheet`` as plain dicts (see
``api_lke.worksheet_payload``); the evaluator's side is ``null`` for a user who may not see it yet.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sakip.api.core_serializers import UnitRefSerializer, UserRefSerializer

from .lke_models import Evaluation, ScoreChange
from .lke_services_core import STAGES, stage_state, stage_window

SCORE = {"max_digits": 6, "decimal_places": 2, "coerce_to_string": True}
WEIGHT = {"max_digits": 7, "decimal_places": 3, "coerce_to_string": True}


# --- rounds ---------------------------------------------------------------------------------


class LkeWindowSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class LkeWindowStateSerializer(LkeWindowSerializer):
    state = serializers.CharField(read_only=True, help_text=_("upcoming, open atau closed"))


class LkeWindowsSerializer(serializers.Serializer):
    """Inclusive date windows of the four stages (the Pemda's time zone)."""

    self = LkeWindowSerializer(help_text=_("penilaian mandiri"))
    evaluation = LkeWindowSerializer(help_text=_("evaluasi"))
    review = LkeWindowSerializer(help_text=_("reviu ketua tim"))
    response = LkeWindowSerializer(help_text=_("tanggapan unit"))


class LkeWindowsStateSerializer(serializers.Serializer):
    self = LkeWindowStateSerializer()
    evaluation = LkeWindowStateSerializer()
    review = LkeWindowStateSerializer()
    response = LkeWindowStateSerializer()


class LkePartialWindowsSerializer(LkeWindowsSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.required = False


class LkeTemplateRefSerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    family = serializers.CharField()
    version = serializers.IntegerField()
    name = serializers.CharField()


class LkeRoundSerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    name = serializers.CharField()
    year = serializers.IntegerField(source="fiscal_year.year")
    template = LkeTemplateRefSerializer()
    status = serializers.CharField(help_text=_("draft, open atau closed"))
    status_display = serializers.CharField()
    basis = serializers.CharField()
    scope = serializers.CharField()
    lhe_number_prefix = serializers.CharField()
    windows = LkeWindowsStateSerializer()
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)


class LkeRoundCreateSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text=_("tahun yang dievaluasi (tahun anggaran yang sudah dibuat)"))
    template = serializers.UUIDField(help_text=_("uid templat LKE"))
    name = serializers.CharField(max_length=160)
    windows = LkeWindowsSerializer()
    basis = serializers.CharField(required=False, allow_blank=True, default="")
    scope = serializers.CharField(required=False, allow_blank=True, default="")
    lhe_number_prefix = serializers.CharField(required=False, allow_blank=True, default="", max_length=60)


class LkeRoundUpdateSerializer(serializers.Serializer):
    template = serializers.UUIDField(required=False, help_text=_("hanya sebelum putaran dibuka"))
    name = serializers.CharField(required=False, max_length=160)
    windows = LkePartialWindowsSerializer(required=False)
    basis = serializers.CharField(required=False, allow_blank=True)
    scope = serializers.CharField(required=False, allow_blank=True)
    lhe_number_prefix = serializers.CharField(required=False, allow_blank=True, max_length=60)


class LkeRoundOpenSerializer(serializers.Serializer):
    units = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        help_text=_("uid unit; kosong: semua unit aktif kecuali Inspektorat"),
    )


class LkeRoundOpenResultSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text=_("jumlah lembar kerja yang dibuat"))
    round = LkeRoundSerializer()


# --- teams ----------------------------------------------------------------------------------


class LkeTeamSerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    round = serializers.UUIDField(source="round.uid")
    name = serializers.CharField()
    lead = UserRefSerializer()
    members = UserRefSerializer(many=True)
    units = UnitRefSerializer(many=True, help_text=_("unit yang ditugaskan"))


class LkeTeamWriteSerializer(serializers.Serializer):
    round = serializers.UUIDField(required=False, help_text=_("uid putaran (wajib saat membuat tim)"))
    name = serializers.CharField(max_length=80)
    lead = serializers.UUIDField(help_text=_("uid pengguna ketua tim"))
    members = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)


class LkeTeamAssignSerializer(serializers.Serializer):
    units = serializers.ListField(child=serializers.UUIDField(), allow_empty=False)


# --- evaluations ----------------------------------------------------------------------------


class LkeRoundRefSerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    name = serializers.CharField()
    year = serializers.IntegerField()


class LkeTeamRefSerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    name = serializers.CharField()
    lead = serializers.CharField(help_text=_("nama ketua tim"))


class LkeEvaluationSerializer(serializers.Serializer):
    """One worksheet's state; ``score``, ``predicate``, ``summary`` and ``review_note`` are ``null``
    while the user may not see the evaluator's side."""

    uid = serializers.UUIDField()
    unit = UnitRefSerializer()
    round = LkeRoundRefSerializer()
    team = LkeTeamRefSerializer(allow_null=True)
    status = serializers.CharField(help_text=_("self, evaluating, review, published, responded atau final"))
    status_display = serializers.CharField()
    self_score = serializers.DecimalField(allow_null=True, **SCORE)
    self_predicate = serializers.CharField()
    score = serializers.DecimalField(allow_null=True, **SCORE)
    predicate = serializers.CharField(allow_null=True)
    review_note = serializers.CharField(allow_null=True)
    lhe_number = serializers.CharField()
    lhe_date = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    response = serializers.CharField()
    response_outcome = serializers.CharField()
    response_note = serializers.CharField()
    show_evaluator = serializers.BooleanField()


class LkeEvidenceSerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class LkeCriterionRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    guidance = serializers.CharField()
    answer_type = serializers.CharField(help_text=_("yt, ae atau grade"))
    self_answer = serializers.CharField()
    self_note = serializers.CharField()
    answer = serializers.CharField(allow_null=True)
    note = serializers.CharField(allow_null=True)
    recommendation = serializers.CharField(allow_null=True)
    evidence = LkeEvidenceSerializer(many=True)


class LkeSubScoreSerializer(serializers.Serializer):
    score = serializers.DecimalField(**SCORE)
    grade = serializers.CharField(allow_null=True)
    percent = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True, coerce_to_string=True)
    answered = serializers.IntegerField()


class LkeQualifierSerializer(serializers.Serializer):
    years_kept = serializers.IntegerField(allow_null=True)
    innovation = serializers.CharField()


class LkeSubComponentRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    weight = serializers.DecimalField(**WEIGHT)
    self_score = LkeSubScoreSerializer()
    score = LkeSubScoreSerializer(allow_null=True)
    qualifier = LkeQualifierSerializer(allow_null=True)
    criteria = LkeCriterionRowSerializer(many=True)


class LkeComponentRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    weight = serializers.DecimalField(**WEIGHT)
    self_score = serializers.DecimalField(**SCORE)
    score = serializers.DecimalField(allow_null=True, **SCORE)
    note = serializers.CharField(allow_null=True)
    subcomponents = LkeSubComponentRowSerializer(many=True)


class LkeTotalSerializer(serializers.Serializer):
    total = serializers.DecimalField(**SCORE)
    predicate = serializers.CharField()
    predicate_label = serializers.CharField()
    unanswered = serializers.IntegerField()


class LkeActionsSerializer(serializers.Serializer):
    self_assess = serializers.BooleanField()
    submit_self = serializers.BooleanField()
    score = serializers.BooleanField()
    submit_review = serializers.BooleanField()
    review = serializers.BooleanField()
    publish = serializers.BooleanField()
    respond = serializers.BooleanField()
    resolve = serializers.BooleanField()
    finalize = serializers.BooleanField()


class LkeWorksheetSerializer(LkeEvaluationSerializer):
    windows = LkeWindowsStateSerializer()
    self_result = LkeTotalSerializer()
    result = LkeTotalSerializer(allow_null=True)
    published_result = serializers.JSONField(
        allow_null=True, help_text=_("rincian nilai yang dibekukan saat diterbitkan")
    )
    actions = LkeActionsSerializer()
    components = LkeComponentRowSerializer(many=True)


class LkeChangeSerializer(serializers.ModelSerializer):
    criterion = serializers.CharField(source="criterion.code", allow_null=True, default=None)
    changed_by = UserRefSerializer(allow_null=True)
    side = serializers.CharField(help_text=_("self atau evaluator"))
    stage = serializers.CharField(help_text=_("status lembar kerja saat perubahan"))

    class Meta:
        model = ScoreChange
        fields = ["created_at", "criterion", "side", "stage", "old_value", "new_value", "reason", "changed_by"]


# --- inputs ---------------------------------------------------------------------------------


class LkeAnswerWriteSerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=ScoreChange.Side.choices, help_text=_("self: unit; evaluator: evaluator"))
    answer = serializers.CharField(allow_blank=True, max_length=2, help_text=_("Y/T, A–E atau AA–E; kosong: hapus"))
    note = serializers.CharField(required=False, allow_blank=True, default="")
    recommendation = serializers.CharField(required=False, allow_blank=True, default="")


class LkeAnswerResultSerializer(serializers.Serializer):
    criterion = LkeCriterionRowSerializer()
    evaluation = LkeEvaluationSerializer()


class LkeQualifierWriteSerializer(serializers.Serializer):
    years_kept = serializers.IntegerField(required=False, allow_null=True, min_value=0, default=None)
    innovation = serializers.CharField(required=False, allow_blank=True, default="")


class LkeComponentNoteWriteSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True)


class LkeEvidenceWriteSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("file, agreement, realisation atau link"))
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    file = serializers.FileField(required=False, allow_null=True, default=None, help_text=_("untuk jenis file"))
    agreement = serializers.UUIDField(required=False, allow_null=True, default=None, help_text=_("uid PK unit"))
    realisation_evidence = serializers.UUIDField(
        required=False, allow_null=True, default=None, help_text=_("uid bukti realisasi unit")
    )
    url = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("untuk jenis link"))


class LkeNoteSerializer(serializers.Serializer):
    note = serializers.CharField()


class LkePublishSerializer(serializers.Serializer):
    lhe_date = serializers.DateField(required=False, allow_null=True, default=None)


class LkeRespondSerializer(serializers.Serializer):
    text = serializers.CharField()


class LkeResolveSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Evaluation.ResponseOutcome.choices)
    note = serializers.CharField()


# --- payloads (plain dicts the output serializers above describe) ----------------------------


def windows_payload(round) -> dict:
    result = {}
    for stage in STAGES:
        start, end = stage_window(round, stage)
        result[stage] = {"start": start, "end": end, "state": stage_state(round, stage)}
    return result


def round_payload(round) -> dict:
    return {
        **{f: getattr(round, f) for f in ("uid", "name", "status", "basis", "scope", "lhe_number_prefix")},
        **{"opened_at": round.opened_at, "closed_at": round.closed_at, "fiscal_year": round.fiscal_year},
        "status_display": round.get_status_display(),
        "template": round.template,
        "windows": windows_payload(round),
    }


def team_payload(team) -> dict:
    return {
        "uid": team.uid,
        "round": team.round,
        "name": team.name,
        "lead": team.lead,
        "members": list(team.members.all()),
        "units": [e.unit for e in team.evaluations.all()],
    }


def evaluation_payload(ev: Evaluation, show: bool) -> dict:
    """The worksheet state; the evaluator's side only when ``show``."""
    team = ev.team
    return {
        **{f: getattr(ev, f) for f in ("uid", "unit", "status", "self_score", "self_predicate", "lhe_number")},
        **{f: getattr(ev, f) for f in ("lhe_date", "published_at", "response", "response_outcome", "response_note")},
        "round": {"uid": ev.round.uid, "name": ev.round.name, "year": ev.round.fiscal_year.year},
        "team": None if team is None else {"uid": team.uid, "name": team.name, "lead": team.lead.display_name},
        "status_display": ev.get_status_display(),
        "score": ev.score if show else None,
        "predicate": ev.predicate if show else None,
        "review_note": ev.review_note if show else None,
        "show_evaluator": show,
    }


def _total(result) -> dict | None:
    if result is None:
        return None
    return {
        "total": result.total,
        "predicate": result.predicate.letter,
        "predicate_label": result.predicate.label,
        "unanswered": result.unanswered,
    }


def _sub_score(score) -> dict | None:
    if score is None:
        return None
    return {"score": score.display, "grade": score.grade, "percent": score.percent, "answered": score.answered}


def criterion_payload(row) -> dict:
    """One worksheet row (``lke_selectors.WorksheetRow``)."""
    answer, criterion, show = row.answer, row.criterion, row.show_evaluator
    return {
        "code": criterion.code,
        "text": criterion.text,
        "guidance": criterion.guidance,
        "answer_type": criterion.answer_type,
        "self_answer": answer.self_answer if answer else "",
        "self_note": answer.self_note if answer else "",
        "answer": (answer.answer if answer else "") if show else None,
        "note": (answer.note if answer else "") if show else None,
        "recommendation": (answer.recommendation if answer else "") if show else None,
        "evidence": [
            {
                "uid": e.uid,
                "kind": e.kind,
                "title": e.title,
                "url": e.url,
                "content_type": e.content_type,
                "size": e.size,
            }
            for e in row.evidence
        ],
    }


def worksheet_payload(sheet) -> dict:
    """The whole worksheet (``lke_selectors.Worksheet``) for :class:`LkeWorksheetSerializer`."""
    ev, show = sheet.evaluation, sheet.show_evaluator
    components = []
    for comp in sheet.components:
        subs = []
        for sub in comp.subcomponents:
            q = sub.qualifier
            subs.append(
                {
                    **{f: getattr(sub.subcomponent, f) for f in ("code", "name", "kind", "weight")},
                    "self_score": _sub_score(sub.self_score),
                    "score": _sub_score(sub.score),
                    "qualifier": None if q is None else {"years_kept": q.years_kept, "innovation": q.innovation},
                    "criteria": [criterion_payload(row) for row in sub.rows],
                }
            )
        components.append(
            {
                **{f: getattr(comp.component, f) for f in ("code", "name", "weight")},
                "self_score": comp.self_score.display,
                "score": comp.score.display if comp.score else None,
                "note": comp.note.note if comp.note else None,
                "subcomponents": subs,
            }
        )
    return {
        **evaluation_payload(ev, show),
        "windows": windows_payload(ev.round),
        "self_result": _total(sheet.self_result),
        "result": _total(sheet.result),
        "published_result": (ev.result or None) if show else None,
        "actions": sheet.actions,
        "components": components,
    }
