from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from erms.lib.api import DateField, needs
from erms.lib.errors import ApplicationError
from policies import selectors, services
from policies.permissions import can_see_drafts, rules_visible_to


class PolicyListApi(ListAPIView):
    """Policies with the versions the user may see (employees: the version in force today)."""

    class VersionSerializer(serializers.Serializer):
        number = serializers.IntegerField()
        status = serializers.CharField()
        effective_from = serializers.DateField(allow_null=True)
        approved_by = serializers.CharField(source="approved_by.email", default=None)
        approved_at = serializers.DateTimeField(allow_null=True)
        change_note = serializers.CharField()
        body_markdown = serializers.CharField()

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        title = serializers.CharField()
        category = serializers.CharField()
        jurisdictions = serializers.ListField(child=serializers.CharField())
        owner = serializers.CharField(source="owner.email")
        review_due = serializers.DateField()
        versions = serializers.SerializerMethodField()

        def get_versions(self, policy) -> list[dict]:
            versions = policy.visible_versions
            if not self.context["editor"]:
                # Only the version in force today: the adopted one with the latest start.
                versions = sorted(versions, key=lambda v: (v.effective_from, v.number), reverse=True)[:1]
            return PolicyListApi.VersionSerializer(versions, many=True).data

    serializer_class = OutputSerializer
    permission_classes = [IsAuthenticated, needs("policies.view_policy")]

    def get_queryset(self):
        return selectors.policies_for_api(self.request.user)

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "editor": can_see_drafts(self.request.user)}


class ProcedureListApi(ListAPIView):
    """Procedures and their time limits."""

    class StepSerializer(serializers.Serializer):
        key = serializers.CharField()
        number = serializers.IntegerField()
        unit = serializers.CharField()
        counting = serializers.CharField()
        action = serializers.CharField()
        rule = serializers.CharField(source="rule.rule_id", default=None)
        rule_variant = serializers.CharField()
        rule_bound = serializers.CharField()

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        kind = serializers.CharField()
        jurisdiction = serializers.CharField()
        name = serializers.CharField()
        is_active = serializers.BooleanField()
        policy_version = serializers.IntegerField(source="policy_version_id", allow_null=True)
        chair_must_not_be_investigator = serializers.BooleanField()
        appeal_hearer_must_be_uninvolved = serializers.BooleanField()
        who_may_chair = serializers.CharField()
        steps = serializers.SerializerMethodField()

        def get_steps(self, procedure) -> list[dict]:
            return ProcedureListApi.StepSerializer(procedure.steps.all(), many=True).data

    serializer_class = OutputSerializer
    permission_classes = [IsAuthenticated, needs("policies.view_procedure")]

    def get_queryset(self):
        return selectors.procedure_list(user=self.request.user).order_by("id")


class RuleDeadlineApi(APIView):
    """The due date of a jurisdiction rule from a start date in a region."""

    permission_classes = [IsAuthenticated, needs("policies.view_procedure")]

    class SkippedSerializer(serializers.Serializer):
        date = serializers.DateField()
        kind = serializers.CharField()
        reason = serializers.CharField()

    class VariantSerializer(serializers.Serializer):
        key = serializers.CharField()
        label = serializers.CharField()
        number = serializers.IntegerField(allow_null=True)
        unit = serializers.CharField()
        due = serializers.DateField(allow_null=True)

    class OutputSerializer(serializers.Serializer):
        rule = serializers.CharField(source="rule_id")
        title = serializers.CharField()
        citation = serializers.CharField()
        source_url = serializers.CharField()
        status = serializers.CharField()
        action = serializers.CharField()
        start = serializers.DateField()
        region = serializers.CharField()
        number = serializers.IntegerField()
        unit = serializers.CharField()
        counting = serializers.CharField()
        variant = serializers.CharField(allow_null=True)
        variant_label = serializers.CharField()
        variants = serializers.SerializerMethodField()
        due = serializers.DateField()
        due_unmoved = serializers.DateField(
            allow_null=True, help_text="Before a roll-forward rule moved the due date off a non-working day."
        )
        moved_reason = serializers.CharField(help_text="Why the due date moved; empty when it did not.")
        due_at = serializers.DateTimeField(default_timezone=datetime.UTC)
        time_zone = serializers.CharField()
        skipped = serializers.SerializerMethodField()
        falls_on = serializers.SerializerMethodField()

        def get_variants(self, result) -> list[dict]:
            return RuleDeadlineApi.VariantSerializer(result.other_variants, many=True).data

        def get_skipped(self, result) -> list[dict]:
            return RuleDeadlineApi.SkippedSerializer(result.skipped, many=True).data

        def get_falls_on(self, result) -> dict | None:
            return RuleDeadlineApi.SkippedSerializer(result.falls_on).data if result.falls_on else None

    class FilterSerializer(serializers.Serializer):
        start = DateField(help_text="The trigger date (YYYY-MM-DD).")
        region = serializers.CharField(max_length=20, help_text="GB-ENG, GB-SCT, US-NY, NO, VN …")
        variant = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)

    @extend_schema(parameters=[FilterSerializer], responses=OutputSerializer)
    def get(self, request: Request, rule_id: str) -> Response:
        rule = selectors.rule_get(rule_id)
        if rule is None:
            raise Http404
        filters = self.FilterSerializer(data=request.query_params)
        if not filters.is_valid():  # named like the service's refusals: ``field`` and the message
            field, messages = next(iter(filters.errors.items()))
            raise ApplicationError(str(messages[0]), field=field)
        start, region = filters.validated_data["start"], filters.validated_data["region"]
        result = services.rule_deadline(rule, start, region, filters.validated_data["variant"] or None)
        answer = SimpleNamespace(**vars(result), start=start, region=region.strip().upper())
        return Response(self.OutputSerializer(answer).data)


class RuleListApi(ListAPIView):
    """Jurisdiction rules as data."""

    class OutputSerializer(serializers.Serializer):
        rule = serializers.CharField(source="rule_id")
        jurisdiction = serializers.CharField()
        title = serializers.CharField()
        number = serializers.IntegerField(allow_null=True)
        unit = serializers.CharField()
        counting = serializers.CharField()
        action = serializers.CharField()
        citation = serializers.CharField()
        source_url = serializers.CharField()
        status = serializers.CharField()
        effective_from = serializers.DateField(allow_null=True)
        effective_to = serializers.DateField(allow_null=True)
        roll_forward = serializers.BooleanField()
        variants = serializers.JSONField()

    serializer_class = OutputSerializer
    permission_classes = [IsAuthenticated, needs("policies.view_procedure")]

    def get_queryset(self):
        return rules_visible_to(self.request.user).order_by("id")
