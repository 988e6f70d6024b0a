"""Serializers of the rewards API. They only shape data; every rule lives in ``rewards/services*.py``
so the API and the pages refuse the same things with the same words."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from rewards.models import Decision, DecisionType, Proposal, RankingSnapshot, RewardRule, RuleRun, Target
from sakip.api.core_serializers import UnitRefSerializer, UserRefSerializer

KIND_HELP = format_lazy("{}: {}", _("jenis keputusan"), ", ".join(DecisionType.values))
TARGET_HELP = format_lazy("{}: {}", _("sasaran"), ", ".join(Target.values))
MEASURE = {"max_digits": 16, "decimal_places": 2, "coerce_to_string": True}


# --- rankings ------------------------------------------------------------------------------------


class RankingDataSerializer(serializers.Serializer):
    """Live or frozen ranking data (``rewards.selectors.live_rankings``)."""

    year = serializers.IntegerField()
    period = serializers.JSONField(allow_null=True, help_text=_("periode {id, kind, number, label} atau null"))
    capaian_period = serializers.JSONField(
        allow_null=True, required=False, help_text=_("periode sampai mana capaian dihitung")
    )
    as_of = serializers.DateField(required=False, help_text=_("tanggal data (zona waktu Pemda)"))
    weights = serializers.DictField(child=serializers.CharField(), help_text=_("bobot indeks komposit"))
    capaian_cap = serializers.CharField(allow_null=True, help_text=_("batas atas capaian (persen)"))
    units = serializers.ListField(child=serializers.JSONField(), help_text=_("angka per unit"))
    rankings = serializers.JSONField(help_text=_("peringkat: overall dan by_category, masing-masing per jenis"))


class RankingSerializer(serializers.Serializer):
    """One ranking: ``{kind, category, entries: [{rank, unit_key, unit_uid, unit_name, category, score,
    renormalised, breakdown}], unranked}``."""

    kind = serializers.CharField()
    category = serializers.CharField(allow_null=True)
    entries = serializers.ListField(child=serializers.JSONField())
    unranked = serializers.ListField(child=serializers.CharField())


class WeightsSerializer(serializers.Serializer):
    year = serializers.IntegerField(read_only=True)
    weights = serializers.DictField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=True),
        help_text=_("bobot per metrik (akip, capaian, ketepatan_waktu), jumlah 100"),
    )


# --- snapshots and runs --------------------------------------------------------------------------


class SnapshotSerializer(serializers.ModelSerializer):
    frozen_by = UserRefSerializer()
    period = serializers.SerializerMethodField()

    class Meta:
        model = RankingSnapshot
        fields = ["uid", "year", "period", "title", "note", "weights", "content_hash", "frozen_at", "frozen_by"]

    def get_period(self, obj) -> str | None:
        return str(obj.period.label) if obj.period_id else None


class SnapshotDetailSerializer(SnapshotSerializer):
    class Meta(SnapshotSerializer.Meta):
        fields = [*SnapshotSerializer.Meta.fields, "data"]


class SnapshotFreezeSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2015, max_value=2100)
    month = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=12)
    quarter = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=4)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=160)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RuleRunSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text=_("pending, running, done atau failed"))
    snapshot = serializers.UUIDField(source="snapshot.uid")
    requested_by = UserRefSerializer(allow_null=True)

    class Meta:
        model = RuleRun
        fields = [
            "uid", "snapshot", "status", "trigger", "requested_by", "started_at", "finished_at",
            "proposals_created", "error", "attempts", "created_at",
        ]  # fmt: skip


class RuleRunCreateSerializer(serializers.Serializer):
    snapshot = serializers.UUIDField(help_text=_("uid snapshot peringkat"))


# --- rules ---------------------------------------------------------------------------------------


class RuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = RewardRule
        fields = ["uid", "code", "name", "definition", "is_active", "order", "updated_at"]


class RuleWriteSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=60)
    name = serializers.CharField(max_length=200)
    definition = serializers.JSONField(help_text=_("{conditions: [...], outcome: {...}, scope: {...}}"))
    is_active = serializers.BooleanField(default=True)
    order = serializers.IntegerField(default=0, min_value=0, max_value=32767)


class RuleToggleSerializer(serializers.Serializer):
    is_active = serializers.BooleanField(required=False, allow_null=True, default=None)


# --- proposals -----------------------------------------------------------------------------------


class ProposalSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=KIND_HELP)
    target = serializers.CharField(help_text=TARGET_HELP)
    status = serializers.CharField(help_text=_("pending, accepted, changed atau rejected"))
    unit = UnitRefSerializer()
    snapshot = serializers.UUIDField(source="snapshot.uid", allow_null=True)
    year = serializers.IntegerField(source="snapshot.year", allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display")
    status_display = serializers.CharField(source="get_status_display")
    decided_by = UserRefSerializer(allow_null=True)
    decision = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "uid", "snapshot", "year", "rule_code", "rule_name", "unit", "target", "kind", "kind_display",
            "parameters", "basis", "status", "status_display", "decided_at", "decided_by", "reason", "decision",
        ]  # fmt: skip

    def get_decision(self, obj) -> str | None:
        decision = getattr(obj, "decision", None) if obj.status in ("accepted", "changed") else None
        return str(decision.uid) if decision is not None else None


class SkSerializer(serializers.Serializer):
    sk_number = serializers.CharField(max_length=100, allow_blank=True)
    sk_date = serializers.DateField()
    effective_start = serializers.DateField()
    effective_end = serializers.DateField(required=False, allow_null=True, default=None)
    basis_text = serializers.CharField(required=False, allow_blank=True, default="")
    response_days = serializers.IntegerField(required=False, default=14)
    official_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=160)
    official_nip = serializers.CharField(required=False, allow_blank=True, default="", max_length=18)
    official_position = serializers.CharField(required=False, allow_blank=True, default="", max_length=160)


class ProposalAcceptSerializer(SkSerializer):
    pass


class ProposalChangeSerializer(SkSerializer):
    kind = serializers.CharField(help_text=KIND_HELP)
    parameters = serializers.DictField(required=False, default=dict, help_text=_("bulan, persen, nilai"))
    target = serializers.CharField(required=False, allow_null=True, default=None, help_text=TARGET_HELP)
    reason = serializers.CharField(allow_blank=True)


class RewardReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


# --- decisions -----------------------------------------------------------------------------------


class DecisionSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=KIND_HELP)
    target = serializers.CharField(help_text=TARGET_HELP)
    status = serializers.CharField(help_text=_("issued atau revoked"))
    unit = UnitRefSerializer()
    snapshot = serializers.UUIDField(source="snapshot.uid", allow_null=True)
    proposal = serializers.SerializerMethodField()
    kind_display = serializers.CharField(source="get_kind_display")
    status_display = serializers.CharField(source="get_status_display")
    is_reward = serializers.BooleanField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True, coerce_to_string=True)
    amount = serializers.DecimalField(allow_null=True, **MEASURE)
    issued_by = UserRefSerializer()
    responded_by = UserRefSerializer(allow_null=True)
    revoked_by = UserRefSerializer(allow_null=True)

    class Meta:
        model = Decision
        fields = [
            "uid", "kind", "kind_display", "is_reward", "unit", "target", "official_name", "official_nip",
            "official_position", "sk_number", "sk_date", "snapshot", "proposal", "basis", "basis_text",
            "percent", "months", "amount", "effective_start", "effective_end", "status", "status_display",
            "issued_at", "issued_by", "response_days", "response_deadline", "response", "responded_at",
            "responded_by", "revoked_at", "revoked_by", "revoke_reason",
        ]  # fmt: skip

    def get_proposal(self, obj) -> str | None:
        return str(obj.proposal.uid) if obj.proposal_id else None


class DecisionIssueSerializer(SkSerializer):
    kind = serializers.CharField(help_text=KIND_HELP)
    unit = serializers.UUIDField(help_text=_("uid unit"))
    snapshot = serializers.UUIDField(required=False, allow_null=True, help_text=_("uid snapshot peringkat (dasar)"))
    target = serializers.CharField(default=Target.UNIT, help_text=TARGET_HELP)
    percent = serializers.DecimalField(max_digits=7, decimal_places=2, required=False, allow_null=True, default=None)
    months = serializers.IntegerField(required=False, allow_null=True, default=None)
    amount = serializers.DecimalField(required=False, allow_null=True, default=None, **MEASURE)


class RewardRespondSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
