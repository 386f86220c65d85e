"""Parties and allegations of a case, and findings on allegations."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Employee
from cases import selectors, services
from cases.api.common import (
    AllegationSerializer,
    PartySerializer,
)
from cases.models import (
    ConcernCategory,
    Finding,
    Party,
    PartyRole,
    ProtectedCharacteristic,
)
from cases.permissions import (
    MANAGE_CASE,
    get_allegation_for_user,
    get_case_for_user,
)
from erms.lib.api import DateField
from policies.models import PolicyVersion


class CasePartyListApi(APIView):
    """The people on a case and their roles."""

    @extend_schema(responses=PartySerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The case's parties."""
        case = get_case_for_user(request.user, pk, "cases.view_case", via="api", path=request.get_full_path())
        parties = Party.objects.filter(case=case).select_related("employee").order_by("added_at", "id")
        return Response(PartySerializer(parties, many=True).data)


class CasePartyCreateApi(APIView):
    class InputSerializer(serializers.Serializer):
        employee = serializers.PrimaryKeyRelatedField(queryset=Employee.objects.all())
        role = serializers.ChoiceField(choices=PartyRole.choices)
        notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)

    @extend_schema(request=InputSerializer, responses={201: PartySerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Add a party."""
        case = get_case_for_user(request.user, pk, MANAGE_CASE, via="api", path=request.get_full_path())
        data = CasePartyCreateApi.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        party = services.party_add(actor=request.user, case=case, **data.validated_data)
        return Response(PartySerializer(party).data, status=status.HTTP_201_CREATED)


class CasePartiesApi(CasePartyListApi, CasePartyCreateApi):
    """``cases/{id}/parties/``: GET lists, POST adds."""


class CaseAllegationListApi(APIView):
    @extend_schema(responses=AllegationSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The case's allegations, by number, each with its policy version and evidence ids."""
        case = get_case_for_user(request.user, pk, "cases.view_case", via="api", path=request.get_full_path())
        return Response(AllegationSerializer(selectors.case_allegations(case), many=True).data)


def _evidence_ids() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        max_length=500,
        help_text="Ids of documents of this case the allegation relies on; any other id is refused (400).",
    )


def _policy_version_field(help_text: str) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=PolicyVersion.objects.select_related("policy"),
        required=False,
        allow_null=True,
        help_text=help_text,
    )


class CaseAllegationCreateApi(APIView):
    class InputSerializer(serializers.Serializer):
        category = serializers.ChoiceField(choices=ConcernCategory.choices)
        description = serializers.CharField()
        incident_date = DateField(required=False, allow_null=True, default=None)
        policy_version = _policy_version_field(
            "An adopted version of a policy of the case's country; when omitted, the version in "
            "force on the incident date of the policy the category is about."
        )
        evidence = _evidence_ids()
        protected_characteristic = serializers.ChoiceField(
            choices=ProtectedCharacteristic.choices,
            required=False,
            help_text="For discrimination; the case's when omitted.",
        )

    @extend_schema(request=InputSerializer, responses={201: AllegationSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Add an allegation, linked to a policy version and evidence."""
        case = get_case_for_user(request.user, pk, MANAGE_CASE, via="api", path=request.get_full_path())
        data = CaseAllegationCreateApi.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["evidence"] = services.allegation_evidence_of(case, values.pop("evidence", []))
        allegation = services.allegation_add(actor=request.user, case=case, **values)
        return Response(AllegationSerializer(allegation).data, status=status.HTTP_201_CREATED)


class CaseAllegationsApi(CaseAllegationListApi, CaseAllegationCreateApi):
    """``cases/{id}/allegations/``: GET lists, POST adds."""


class AllegationFindingApi(APIView):
    """Record the finding on an allegation."""

    class InputSerializer(serializers.Serializer):
        finding = serializers.ChoiceField(choices=Finding.choices)
        reasons = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=AllegationSerializer)
    def post(self, request: Request, pk: int) -> Response:
        allegation = get_allegation_for_user(
            request.user, pk, "cases.change_case", via="api", path=request.get_full_path()
        )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.allegation_record_finding(actor=request.user, allegation=allegation, **data.validated_data)
        return Response(AllegationSerializer(allegation).data)


class AllegationLinksApi(APIView):
    """Change the policy version an allegation names and the evidence it relies on; what is not
    sent stays as it is."""

    class InputSerializer(serializers.Serializer):
        policy_version = _policy_version_field(
            "An adopted version of a policy of the case's country, or null."
        )
        evidence = _evidence_ids()

    @extend_schema(request=InputSerializer, responses=AllegationSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        allegation = get_allegation_for_user(
            request.user, pk, MANAGE_CASE, via="api", path=request.get_full_path()
        )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.allegation_link(
            actor=request.user,
            allegation=allegation,
            policy_version=values.get("policy_version", allegation.policy_version),
            evidence=(
                services.allegation_evidence_of(allegation.case, values["evidence"])
                if "evidence" in values
                else list(allegation.evidence.all())
            ),
        )
        return Response(AllegationSerializer(selectors.case_allegations(allegation.case).get(pk=pk)).data)
