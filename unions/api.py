"""Bodies, consultations, negotiations and agreements over the API, with the pages' access rules."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from erms.lib import clock
from erms.lib.api import needs
from unions import selectors, statutory
from unions.models import CollectiveAgreement, Consultation, EmployeeBody, Negotiation
from unions.permissions import VIEW, get_consultation_for_user, sees_as_representative


class BodyListApi(ListAPIView):
    """Unions and other employee bodies the user may see."""

    permission_classes = [needs(VIEW)]

    class OutputSerializer(serializers.ModelSerializer):
        class Meta:
            model = EmployeeBody
            fields = ["id", "name", "kind", "jurisdiction"]

    serializer_class = OutputSerializer
    filterset_fields = ["kind", "jurisdiction"]

    def get_queryset(self) -> QuerySet[EmployeeBody]:
        return selectors.body_list(user=self.request.user)


class _BodyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ConsultationListApi(ListAPIView):
    permission_classes = [needs(VIEW)]

    class OutputSerializer(serializers.ModelSerializer):
        bodies = _BodyRefSerializer(many=True)

        class Meta:
            model = Consultation
            fields = [
                "id",
                "title",
                "kind",
                "jurisdiction",
                "region",
                "number_affected",
                "status",
                "started_on",
                "government_notified_on",
                "first_dismissal_planned_on",
                "concluded_on",
                "bodies",
            ]

    serializer_class = OutputSerializer
    filterset_fields = ["status", "jurisdiction", "kind"]

    def get_queryset(self) -> QuerySet[Consultation]:
        return selectors.consultation_list(user=self.request.user)


class ConsultationDetailApi(APIView):
    """One consultation with its statutory requirements and where it stands today."""

    permission_classes = [needs(VIEW)]

    class OutputSerializer(serializers.ModelSerializer):
        class RequirementSerializer(serializers.Serializer):
            rule_id = serializers.CharField()
            kind = serializers.CharField()
            title = serializers.CharField()
            action = serializers.CharField()
            citation = serializers.CharField()
            source_url = serializers.CharField()
            verified = serializers.BooleanField()
            active = serializers.BooleanField()
            days = serializers.IntegerField(allow_null=True)
            trigger_date = serializers.DateField(allow_null=True)
            date = serializers.DateField(allow_null=True)
            date_label = serializers.CharField()
            last_day = serializers.DateField(
                allow_null=True, help_text="NO-RED-004: last day of the shortest notice given on `date`."
            )
            last_day_label = serializers.CharField()
            met = serializers.BooleanField(allow_null=True)
            problem = serializers.CharField()
            checklist = serializers.ListField(child=serializers.CharField())

        class PeriodSerializer(serializers.Serializer):
            rule_id = serializers.CharField()
            title = serializers.CharField()
            citation = serializers.CharField()
            days = serializers.IntegerField(allow_null=True)
            trigger_label = serializers.CharField()
            trigger_date = serializers.DateField(allow_null=True)
            date = serializers.DateField(allow_null=True)
            date_label = serializers.CharField()

        bodies = _BodyRefSerializer(many=True)
        requirements = serializers.SerializerMethodField(
            help_text="HR's compliance checklist; null for a user who sees the consultation only as a "
            "representative of a consulted body."
        )
        consultation_periods = serializers.SerializerMethodField(
            help_text="The minimum periods: the day each runs from and the earliest date it allows."
        )
        progress = serializers.SerializerMethodField()

        class Meta:
            model = Consultation
            fields = [
                "id",
                "title",
                "description",
                "kind",
                "jurisdiction",
                "region",
                "number_affected",
                "status",
                "started_on",
                "government_notified_on",
                "first_dismissal_planned_on",
                "short_notice_reason",
                "concluded_on",
                "outcome",
                "bodies",
                "requirements",
                "consultation_periods",
                "progress",
            ]

        def _reqs(self, obj: Consultation) -> list[statutory.Requirement]:
            if not hasattr(obj, "_requirements"):
                obj._requirements = statutory.requirements(obj)  # type: ignore[attr-defined]
            return obj._requirements  # type: ignore[attr-defined]

        def _for_representatives(self) -> bool:
            return bool(self.context.get("for_representatives"))

        @extend_schema_field(RequirementSerializer(many=True, allow_null=True))
        def get_requirements(self, obj: Consultation) -> list[dict] | None:
            if self._for_representatives():
                return None
            return list(self.RequirementSerializer(self._reqs(obj), many=True).data)

        @extend_schema_field(PeriodSerializer(many=True))
        def get_consultation_periods(self, obj: Consultation) -> list[dict]:
            return list(
                self.PeriodSerializer(selectors.consultation_periods(self._reqs(obj)), many=True).data
            )

        def get_progress(self, obj: Consultation) -> dict:
            reqs = self._reqs(obj)
            if self._for_representatives():
                reqs = selectors.consultation_periods(reqs)
            p = statutory.progress(obj, reqs, clock.today())
            return {
                "on": p.on,
                "day": p.day,
                "of": p.of,
                "next_date": p.next_date,
                "next_rule_id": p.next_requirement.rule_id if p.next_requirement else None,
            }

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        consultation = get_consultation_for_user(request.user, pk)
        context = {"for_representatives": sees_as_representative(request.user)}
        return Response(self.OutputSerializer(consultation, context=context).data)


class NegotiationListApi(ListAPIView):
    permission_classes = [needs(VIEW)]

    class OutputSerializer(serializers.ModelSerializer):
        body = _BodyRefSerializer()

        class Meta:
            model = Negotiation
            fields = ["id", "title", "status", "opened_on", "closed_on", "body"]

    serializer_class = OutputSerializer
    filterset_fields = ["status"]

    def get_queryset(self) -> QuerySet[Negotiation]:
        return selectors.negotiation_list(user=self.request.user)


class AgreementListApi(ListAPIView):
    permission_classes = [needs(VIEW)]

    class OutputSerializer(serializers.ModelSerializer):
        body = _BodyRefSerializer()
        expiring_soon = serializers.BooleanField()

        class Meta:
            model = CollectiveAgreement
            fields = [
                "id",
                "title",
                "scope",
                "valid_from",
                "valid_to",
                "expiring_soon",
                "body",
                "negotiation",
            ]

    serializer_class = OutputSerializer

    def get_queryset(self) -> QuerySet[CollectiveAgreement]:
        return selectors.agreement_list(user=self.request.user)
