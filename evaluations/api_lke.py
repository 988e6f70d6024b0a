"""API v1: LKE rounds, teams, worksheets (answers, workflow actions) and score history.

Routes (under ``/api/v1/``)::

    lke-rounds/                         GET list · POST {year, template, name, windows, ...} (manager)
    lke-rounds/<uid>/                   GET · PATCH (manager)
    lke-rounds/<uid>/open|close/        POST (manager)
    lke-teams/                          GET list (?round=) · POST {round, name, lead, members}
    lke-teams/<uid>/                    GET · PATCH · DELETE (manager)
    lke-teams/<uid>/assign/             POST {units}
    lke-evaluations/                    GET list (?round=&year=&status=)
    lke-evaluations/<uid>/              GET the worksheet with live scores
    lke-evaluations/<uid>/answers/<code>/     PUT {side, answer, note, recommendation}
    lke-evaluations/<uid>/qualifiers/<code>/  PUT {years_kept, innovation}
    lke-evaluations/<uid>/notes/<code>/       PUT {note}
    lke-evaluations/<uid>/submit-self|submit-review|return|publish|respond|resolve|finalize/  POST
    lke-evaluations/<uid>/history/      GET score changes

Visibility is the selectors' (``lke_selectors``): another Pemda's or a not-assigned worksheet is
404; the evaluator's side is ``null`` for the unit until publication. Every write goes through
``lke_services``, which checks the role (403) and the stage window / status (400).
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from sakip.core import permissions
from sakip.core.models import FiscalYear, Unit, User
from sakip.core.permissions import P

from . import api_lke_serializers as s
from . import lke_selectors as sel
from . import lke_services as svc
from .lke_models import (
    AnswerEvidence,
    CriterionAnswer,
    Evaluation,
    EvaluationRound,
    EvaluationTeam,
    LkeComponent,
    LkeCriterion,
    LkeSubComponent,
)


class LkePermission(BasePermission):
    """A signed-in user of the Pemda holding one of the view's ``read_perms`` (safe methods) or
    ``write_perms`` (else 403). Visibility is the queryset's; the services check each write."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.pemda_id and permissions.assignments(user)):
            return False
        method = request.method.lower()
        if method not in getattr(view, "http_method_names", ()) or not hasattr(view, method):
            return True  # 405
        wanted = view.read_perms if request.method in SAFE_METHODS else view.write_perms
        return any(permissions.has_perm(user, p) for p in wanted)


def _by_uid(qs, uid, field: str):
    found = qs.filter(uid=uid).first() if uid else None
    if found is None:
        raise ValidationError({field: [_("Data tidak ditemukan.")]})
    return found


def _users(request, uids, field: str) -> list[User]:
    uids = list(dict.fromkeys(uids or []))
    users = list(User.objects.filter(pemda_id=request.user.pemda_id, uid__in=uids))
    if len(users) != len(uids):
        raise ValidationError({field: [_("Pengguna tidak ditemukan di Pemda ini.")]})
    return sorted(users, key=lambda u: uids.index(u.uid))


def _units(request, uids, field: str = "units") -> list[Unit]:
    uids = list(dict.fromkeys(uids or []))
    units = list(Unit.objects.filter(pemda_id=request.user.pemda_id, uid__in=uids))
    if len(units) != len(uids):
        raise ValidationError({field: [_("Unit tidak ditemukan di Pemda ini.")]})
    return units


def _validated(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- rounds ---------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Putaran evaluasi LKE"), responses=s.LkeRoundSerializer(many=True)),
    retrieve=extend_schema(summary=_("Satu putaran evaluasi"), responses=s.LkeRoundSerializer),
    create=extend_schema(
        summary=_("Buat putaran evaluasi (Admin SAKIP / ketua tim)"),
        request=s.LkeRoundCreateSerializer,
        responses={201: s.LkeRoundSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Ubah putaran: nama, jadwal tahap, templat (sebelum dibuka)"),
        request=s.LkeRoundUpdateSerializer,
        responses=s.LkeRoundSerializer,
    ),
)
class RoundViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [LkePermission]
    read_perms = (P.EVAL_VIEW,)
    write_perms = (P.EVAL_MANAGE,)
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = EvaluationRound.objects.none()
    serializer_class = s.LkeRoundSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return sel.rounds_for(self.request.user).order_by("-fiscal_year__year")

    def _out(self, round, code=status.HTTP_200_OK) -> Response:
        round = sel.rounds_for(self.request.user).get(pk=round.pk)
        return Response(s.LkeRoundSerializer(s.round_payload(round)).data, status=code)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.LkeRoundSerializer([s.round_payload(r) for r in page], many=True).data)

    def retrieve(self, request, uid=None):
        return Response(s.LkeRoundSerializer(s.round_payload(self.get_object())).data)

    def _template(self, uid):
        from .lke_models import LkeTemplate

        return _by_uid(LkeTemplate.objects.filter(pemda_id=self.request.user.pemda_id), uid, "template")

    def create(self, request):
        data = _validated(s.LkeRoundCreateSerializer, request)
        fiscal_year = FiscalYear.objects.filter(pemda_id=request.user.pemda_id, year=data["year"]).first()
        if fiscal_year is None:
            raise ValidationError({"year": [_("Tahun %(y)s belum dibuat oleh Admin SAKIP.") % {"y": data["year"]}]})
        round = svc.round_create(
            user=request.user,
            fiscal_year=fiscal_year,
            template=self._template(data["template"]),
            name=data["name"],
            windows={k: (v["start"], v["end"]) for k, v in data["windows"].items()},
            basis=data["basis"],
            scope=data["scope"],
            lhe_number_prefix=data["lhe_number_prefix"],
        )
        return self._out(round, status.HTTP_201_CREATED)

    def partial_update(self, request, uid=None):
        round = self.get_object()
        data = dict(_validated(s.LkeRoundUpdateSerializer, request))
        if "template" in data:
            data["template"] = self._template(data["template"])
        if "windows" in data:
            data["windows"] = {k: (v["start"], v["end"]) for k, v in data["windows"].items()}
        return self._out(svc.round_update(user=request.user, round=round, **data))

    @extend_schema(
        summary=_("Buka putaran: bekukan templat, buat lembar kerja per unit"),
        request=s.LkeRoundOpenSerializer,
        responses=s.LkeRoundOpenResultSerializer,
    )
    @action(detail=True, methods=["post"])
    def open(self, request, uid=None):
        round = self.get_object()
        data = _validated(s.LkeRoundOpenSerializer, request)
        units = _units(request, data["units"]) if data.get("units") else None
        created = svc.round_open(user=request.user, round=round, units=units)
        round = sel.rounds_for(request.user).get(pk=round.pk)
        return Response(s.LkeRoundOpenResultSerializer({"created": created, "round": s.round_payload(round)}).data)

    @extend_schema(summary=_("Tutup putaran (semua lembar kerja final)"), request=None, responses=s.LkeRoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, uid=None):
        return self._out(svc.round_close(user=request.user, round=self.get_object()))


# --- teams ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_("Tim evaluator"),
        parameters=[OpenApiParameter("round", OpenApiTypes.UUID, description=_("uid putaran"))],
        responses=s.LkeTeamSerializer(many=True),
    ),
    retrieve=extend_schema(summary=_("Satu tim evaluator"), responses=s.LkeTeamSerializer),
    create=extend_schema(
        summary=_("Bentuk tim"), request=s.LkeTeamWriteSerializer, responses={201: s.LkeTeamSerializer}
    ),
    partial_update=extend_schema(
        summary=_("Ubah nama, ketua dan anggota tim"), request=s.LkeTeamWriteSerializer, responses=s.LkeTeamSerializer
    ),
    destroy=extend_schema(summary=_("Hapus tim (lembar kerjanya menjadi belum ditugaskan)")),
)
class TeamViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [LkePermission]
    read_perms = (P.EVAL_MANAGE, P.EVAL_SCORE)
    write_perms = (P.EVAL_MANAGE,)
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = EvaluationTeam.objects.none()
    serializer_class = s.LkeTeamSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        qs = EvaluationTeam.objects.filter(pemda_id=user.pemda_id).select_related("round", "lead")
        if not sel.can_manage(user):
            qs = qs.filter(Q(lead=user) | Q(members=user)).distinct()
        raw = self.request.query_params.get("round")
        if raw:
            qs = qs.filter(round__uid=raw) if _is_uuid(raw) else qs.none()
        units = Evaluation.objects.select_related("unit").order_by("unit__code")
        return qs.prefetch_related("members", Prefetch("evaluations", queryset=units)).order_by("round", "name")

    def _out(self, team, code=status.HTTP_200_OK) -> Response:
        team = self.get_queryset().get(pk=team.pk)
        return Response(s.LkeTeamSerializer(s.team_payload(team)).data, status=code)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.LkeTeamSerializer([s.team_payload(t) for t in page], many=True).data)

    def retrieve(self, request, uid=None):
        return Response(s.LkeTeamSerializer(s.team_payload(self.get_object())).data)

    def _save(self, request, team=None):
        data = _validated(s.LkeTeamWriteSerializer, request)
        if team is None:
            round = _by_uid(sel.rounds_for(request.user), data.get("round"), "round")
        else:
            round = team.round
        lead = _users(request, [data["lead"]], "lead")[0]
        members = _users(request, data.get("members"), "members")
        return svc.team_save(user=request.user, round=round, name=data["name"], lead=lead, members=members, team=team)

    def create(self, request):
        return self._out(self._save(request), status.HTTP_201_CREATED)

    def partial_update(self, request, uid=None):
        return self._out(self._save(request, self.get_object()))

    def destroy(self, request, uid=None):
        svc.team_delete(user=request.user, team=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary=_("Tugaskan unit ke tim"), request=s.LkeTeamAssignSerializer, responses=s.LkeTeamSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, uid=None):
        team = self.get_object()
        data = _validated(s.LkeTeamAssignSerializer, request)
        svc.team_assign(user=request.user, team=team, units=_units(request, data["units"]))
        return self._out(team)


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# --- evaluations ----------------------------------------------------------------------------


_code = OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("kode, mis. 1.a.1"))
_evaluation = {200: s.LkeEvaluationSerializer}


@extend_schema_view(
    list=extend_schema(
        summary=_("Lembar kerja LKE yang dapat dibuka pengguna"),
        parameters=[
            OpenApiParameter("round", OpenApiTypes.UUID, description=_("uid putaran")),
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun yang dievaluasi")),
            OpenApiParameter("status", OpenApiTypes.STR, description=_("status lembar kerja")),
        ],
        responses=s.LkeEvaluationSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary=_("Lembar kerja dengan jawaban, bukti dan nilai"), responses=s.LkeWorksheetSerializer
    ),
)
class EvaluationViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [LkePermission]
    read_perms = (P.EVAL_VIEW,)
    write_perms = (P.EVAL_VIEW,)  # the services decide (403) per role, status and stage
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = Evaluation.objects.none()
    serializer_class = s.LkeEvaluationSerializer
    http_method_names = ["get", "post", "put", "delete", "head", "options"]

    def get_queryset(self):
        qs = sel.evaluations_for(self.request.user)
        params = self.request.query_params
        if params.get("round"):
            qs = qs.filter(round__uid=params["round"]) if _is_uuid(params["round"]) else qs.none()
        if params.get("year"):
            qs = qs.filter(round__fiscal_year__year=params["year"]) if params["year"].isdigit() else qs.none()
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        return qs.order_by("-round__fiscal_year__year", "unit__code")

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        visible = sel.result_visibility(request.user)
        rows = [s.evaluation_payload(ev, visible(ev)) for ev in page]
        return self.get_paginated_response(s.LkeEvaluationSerializer(rows, many=True).data)

    def retrieve(self, request, uid=None):
        sheet = sel.worksheet(self.get_object(), request.user)
        return Response(s.LkeWorksheetSerializer(s.worksheet_payload(sheet)).data)

    def _done(self, evaluation) -> Response:
        ev = sel.evaluations_for(self.request.user).get(pk=evaluation.pk)
        return Response(
            s.LkeEvaluationSerializer(s.evaluation_payload(ev, sel.can_see_result(self.request.user, ev))).data
        )

    def _in_template(self, model, ev, code, path: str):
        found = model.objects.filter(**{path: ev.round.template_id}, code=code).first()
        if found is None:
            raise Http404
        return found

    @extend_schema(
        summary=_("Isi jawaban satu kriteria (penilaian mandiri atau evaluator)"),
        parameters=[_code],
        request=s.LkeAnswerWriteSerializer,
        responses=s.LkeAnswerResultSerializer,
    )
    @action(detail=True, methods=["put"], url_path=r"answers/(?P<code>[^/]+)", url_name="answer")
    def answer(self, request, uid=None, code=None):
        ev = self.get_object()
        criterion = self._in_template(LkeCriterion, ev, code, "subcomponent__component__template_id")
        data = _validated(s.LkeAnswerWriteSerializer, request)
        kwargs = {"user": request.user, "evaluation": ev, "criterion": criterion, "answer": data["answer"]}
        if data["side"] == "self":
            svc.answer_self(**kwargs, note=data["note"])
        else:
            svc.answer_evaluate(**kwargs, note=data["note"], recommendation=data["recommendation"])
        sheet = sel.worksheet(sel.evaluations_for(request.user).get(pk=ev.pk), request.user)
        row = next(r for r in sheet.rows if r.criterion.pk == criterion.pk)
        payload = {
            "criterion": s.criterion_payload(row),
            "evaluation": s.evaluation_payload(sheet.evaluation, sheet.show_evaluator),
        }
        return Response(s.LkeAnswerResultSerializer(payload).data)

    @extend_schema(
        summary=_("Tambah bukti jawaban penilaian mandiri: unggahan, PK, bukti realisasi atau tautan (unit)"),
        parameters=[_code],
        request={"multipart/form-data": s.LkeEvidenceWriteSerializer, "application/json": s.LkeEvidenceWriteSerializer},
        responses={201: s.LkeEvidenceSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"answers/(?P<code>[^/]+)/evidence",
        url_name="answer-evidence",
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def add_evidence(self, request, uid=None, code=None):
        ev = self.get_object()
        criterion = self._in_template(LkeCriterion, ev, code, "subcomponent__component__template_id")
        data = _validated(s.LkeEvidenceWriteSerializer, request)
        agreements, files = sel.linkable_evidence(ev)
        found = svc.evidence_add(
            user=request.user,
            answer=CriterionAnswer.objects.get(evaluation=ev, criterion=criterion),
            kind=data["kind"],
            title=data["title"],
            file=data["file"],
            agreement=_by_uid(agreements, data["agreement"], "agreement") if data["agreement"] else None,
            realisation_evidence=(
                _by_uid(files, data["realisation_evidence"], "realisation_evidence")
                if data["realisation_evidence"]
                else None
            ),
            url=data["url"],
        )
        row = {f: getattr(found, f) for f in ("uid", "kind", "title", "url", "content_type", "size")}
        return Response(s.LkeEvidenceSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Hapus bukti jawaban penilaian mandiri (unit)"),
        parameters=[OpenApiParameter("evidence", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        request=None,
        responses={204: None},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"evidence/(?P<evidence>[0-9a-f-]{36})",
        url_name="evidence-delete",
    )
    def delete_evidence(self, request, uid=None, evidence=None):
        ev = self.get_object()
        found = AnswerEvidence.objects.filter(answer__evaluation=ev, uid=evidence).select_related("answer").first()
        if found is None:
            raise Http404
        svc.evidence_delete(user=request.user, evidence=found)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Kualifikasi subkomponen (AA/A) oleh evaluator"),
        parameters=[_code],
        request=s.LkeQualifierWriteSerializer,
        responses=_evaluation,
    )
    @action(detail=True, methods=["put"], url_path=r"qualifiers/(?P<code>[^/]+)", url_name="qualifier")
    def qualifier(self, request, uid=None, code=None):
        ev = self.get_object()
        sub = self._in_template(LkeSubComponent, ev, code, "component__template_id")
        data = _validated(s.LkeQualifierWriteSerializer, request)
        svc.qualifier_set(user=request.user, evaluation=ev, subcomponent=sub, **data)
        return self._done(ev)

    @extend_schema(
        summary=_("Catatan evaluator per komponen"),
        parameters=[_code],
        request=s.LkeComponentNoteWriteSerializer,
        responses=_evaluation,
    )
    @action(detail=True, methods=["put"], url_path=r"notes/(?P<code>[^/]+)", url_name="note")
    def note(self, request, uid=None, code=None):
        ev = self.get_object()
        component = self._in_template(LkeComponent, ev, code, "template_id")
        data = _validated(s.LkeComponentNoteWriteSerializer, request)
        svc.component_note_set(user=request.user, evaluation=ev, component=component, note=data["note"])
        return self._done(ev)

    @extend_schema(summary=_("Kirim penilaian mandiri (unit)"), request=None, responses=_evaluation)
    @action(detail=True, methods=["post"], url_path="submit-self", url_name="submit-self")
    def submit_self(self, request, uid=None):
        return self._done(svc.evaluation_self_submit(user=request.user, evaluation=self.get_object()))

    @extend_schema(summary=_("Kirim ke reviu ketua tim (evaluator)"), request=None, responses=_evaluation)
    @action(detail=True, methods=["post"], url_path="submit-review", url_name="submit-review")
    def submit_review(self, request, uid=None):
        return self._done(svc.evaluation_submit_review(user=request.user, evaluation=self.get_object()))

    @extend_schema(summary=_("Kembalikan ke evaluator (ketua tim)"), request=s.LkeNoteSerializer, responses=_evaluation)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, uid=None):
        ev = self.get_object()
        data = _validated(s.LkeNoteSerializer, request)
        return self._done(svc.evaluation_return(user=request.user, evaluation=ev, note=data["note"]))

    @extend_schema(
        summary=_("Terbitkan hasil dan LHE (ketua tim)"), request=s.LkePublishSerializer, responses=_evaluation
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, uid=None):
        ev = self.get_object()
        data = _validated(s.LkePublishSerializer, request)
        return self._done(svc.evaluation_publish(user=request.user, evaluation=ev, lhe_date=data["lhe_date"]))

    @extend_schema(summary=_("Tanggapi hasil (unit)"), request=s.LkeRespondSerializer, responses=_evaluation)
    @action(detail=True, methods=["post"])
    def respond(self, request, uid=None):
        ev = self.get_object()
        data = _validated(s.LkeRespondSerializer, request)
        return self._done(svc.evaluation_respond(user=request.user, evaluation=ev, text=data["text"]))

    @extend_schema(
        summary=_("Jawab tanggapan: nilai direvisi atau tetap (evaluator)"),
        request=s.LkeResolveSerializer,
        responses=_evaluation,
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, uid=None):
        ev = self.get_object()
        data = _validated(s.LkeResolveSerializer, request)
        return self._done(
            svc.evaluation_resolve_response(
                user=request.user, evaluation=ev, outcome=data["outcome"], note=data["note"]
            )
        )

    @extend_schema(summary=_("Finalkan hasil tanpa tanggapan"), request=None, responses=_evaluation)
    @action(detail=True, methods=["post"])
    def finalize(self, request, uid=None):
        return self._done(svc.evaluation_finalize(user=request.user, evaluation=self.get_object()))

    @extend_schema(summary=_("Riwayat perubahan jawaban dan nilai"), responses=s.LkeChangeSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, uid=None):
        ev = self.get_object()
        changes = sel.score_history(ev)
        if not sel.can_see_result(request.user, ev):
            changes = changes.filter(side="self")
        return Response(s.LkeChangeSerializer(changes, many=True).data)


def register(router) -> None:
    """Register the viewsets on the v1 router (called from ``sakip/api/v1.py``)."""
    router.register("lke-rounds", RoundViewSet, basename="lke-round")
    router.register("lke-teams", TeamViewSet, basename="lke-team")
    router.register("lke-evaluations", EvaluationViewSet, basename="lke-evaluation")


def urlpatterns() -> list:
    """Extra paths (added to ``sakip/api/v1.py``)."""
    return []
