"""API v1: proposals (accept / change / reject) and decisions (register, issue, respond, revoke).

Registered by :func:`rewards.api.register`; routes listed in :mod:`rewards.api`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from rewards import api_serializers as s
from rewards import selectors, services
from rewards.api import RewardsPermission, _int_param, _validated
from rewards.models import Decision, DecisionType, Proposal
from sakip.api.params import uid_param, uid_parameter
from sakip.core.models import Unit
from sakip.core.permissions import P

_decision = {200: s.DecisionSerializer}


def _sk(data: dict) -> dict:
    keys = ("sk_number", "sk_date", "effective_start", "effective_end", "basis_text", "response_days",
            "official_name", "official_nip", "official_position")  # fmt: skip
    return {k: data[k] for k in keys if k in data}


@extend_schema_view(
    list=extend_schema(
        summary=_("Usulan reward/punishment"),
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=Proposal.Status.values, description=_("status")),
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun peringkat")),
            uid_parameter("snapshot", _("uid snapshot")),
        ],
    ),
    retrieve=extend_schema(summary=_("Satu usulan")),
)
class ProposalViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [RewardsPermission]
    read_perms = (P.DECISION_ISSUE, P.RULE_MANAGE)
    write_perms = (P.DECISION_ISSUE,)
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = Proposal.objects.none()
    serializer_class = s.ProposalSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        request = self.request
        wanted = request.query_params.get("status") or None
        if wanted and wanted not in Proposal.Status.values:
            raise ValidationError({"status": [_("Status usulan tidak dikenal.")]})
        qs = selectors.proposals_for(request.user, status=wanted, year=_int_param(request, "year", 2015, 2100))
        snapshot_uid = uid_param(request, "snapshot")
        return qs.filter(snapshot__uid=snapshot_uid) if snapshot_uid else qs

    def get_object(self):
        return selectors.proposal_for(self.request.user, self.kwargs["uid"])

    @extend_schema(summary=_("Terima usulan dan terbitkan SK"), request=s.ProposalAcceptSerializer,
                   responses={201: s.DecisionSerializer})  # fmt: skip
    @action(detail=True, methods=["post"])
    def accept(self, request, uid=None):
        data = _validated(s.ProposalAcceptSerializer, request)
        decision = services.proposal_accept(user=request.user, proposal=self.get_object(), **_sk(data))
        return Response(s.DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Terima usulan dengan perubahan"), request=s.ProposalChangeSerializer,
                   responses={201: s.DecisionSerializer})  # fmt: skip
    @action(detail=True, methods=["post"])
    def change(self, request, uid=None):
        data = _validated(s.ProposalChangeSerializer, request)
        decision = services.proposal_change(
            user=request.user, proposal=self.get_object(), kind=data["kind"], parameters=data["parameters"],
            reason=data["reason"], target=data.get("target"), **_sk(data),
        )  # fmt: skip
        return Response(s.DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Tolak usulan dengan alasan"), request=s.RewardReasonSerializer, responses=s.ProposalSerializer
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, uid=None):
        data = _validated(s.RewardReasonSerializer, request)
        proposal = services.proposal_reject(user=request.user, proposal=self.get_object(), reason=data["reason"])
        return Response(s.ProposalSerializer(proposal).data)


@extend_schema_view(
    list=extend_schema(
        summary=_("Register keputusan reward/punishment"),
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=DecisionType.values, description=_("jenis keputusan")),
            uid_parameter("unit", _("uid unit")),
            OpenApiParameter("year", OpenApiTypes.INT, description=_("tahun SK")),
            OpenApiParameter("status", OpenApiTypes.STR, enum=Decision.Status.values, description=_("status")),
            OpenApiParameter("q", OpenApiTypes.STR, description=_("cari nomor SK, unit atau nama pejabat")),
        ],
    ),
    retrieve=extend_schema(summary=_("Satu keputusan")),
    create=extend_schema(
        summary=_("Terbitkan keputusan langsung (pimpinan)"),
        request=s.DecisionIssueSerializer,
        responses={201: s.DecisionSerializer},
    ),  # fmt: skip
)
class DecisionViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    permission_classes = [RewardsPermission]
    read_perms = (P.DECISION_VIEW,)
    write_perms = (P.DECISION_VIEW,)  # the services decide: pimpinan issues/revokes, the unit responds
    lookup_field = "uid"
    lookup_value_converter = "uuid"
    queryset = Decision.objects.none()
    serializer_class = s.DecisionSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        request = self.request
        params = request.query_params
        kind, wanted = params.get("kind") or None, params.get("status") or None
        if kind and kind not in DecisionType.values:
            raise ValidationError({"kind": [_("Jenis keputusan tidak dikenal.")]})
        if wanted and wanted not in Decision.Status.values:
            raise ValidationError({"status": [_("Status keputusan tidak dikenal.")]})
        unit_uid = uid_param(request, "unit")
        unit = Unit.objects.filter(pemda_id=request.user.pemda_id, uid=unit_uid).first() if unit_uid else None
        if unit_uid and unit is None:
            return Decision.objects.none()
        return selectors.decisions_for(
            request.user, kind=kind, unit=unit, year=_int_param(request, "year", 2015, 2100), status=wanted,
            q=(params.get("q") or "").strip() or None,
        )  # fmt: skip

    def get_object(self):
        return selectors.decision_for(self.request.user, self.kwargs["uid"])

    def create(self, request):
        data = _validated(s.DecisionIssueSerializer, request)
        user = request.user
        unit = Unit.objects.filter(pemda_id=user.pemda_id, uid=data["unit"]).first()
        if unit is None:
            raise ValidationError({"unit": [_("Unit tidak ditemukan di Pemda ini.")]})
        snapshot = selectors.snapshot_for(user, data["snapshot"]) if data.get("snapshot") else None
        decision = services.decision_issue(
            user=user, pemda=user.pemda, kind=data["kind"], unit=unit, snapshot=snapshot, target=data["target"],
            percent=data.get("percent"), months=data.get("months"), amount=data.get("amount"), **_sk(data),
        )  # fmt: skip
        return Response(s.DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Tanggapan unit atas keputusan"), request=s.RewardRespondSerializer, responses=_decision)
    @action(detail=True, methods=["post"])
    def respond(self, request, uid=None):
        data = _validated(s.RewardRespondSerializer, request)
        decision = services.decision_respond(user=request.user, decision=self.get_object(), text=data["text"])
        return Response(s.DecisionSerializer(decision).data)

    @extend_schema(summary=_("Cabut keputusan dengan alasan (pimpinan)"), request=s.RewardReasonSerializer,
                   responses=_decision)  # fmt: skip
    @action(detail=True, methods=["post"])
    def revoke(self, request, uid=None):
        data = _validated(s.RewardReasonSerializer, request)
        decision = services.decision_revoke(user=request.user, decision=self.get_object(), reason=data["reason"])
        return Response(s.DecisionSerializer(decision).data)
