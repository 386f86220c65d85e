"""Cases: list, create, detail, transitions, assignment, access grants, investigators, notes, outcome, appeal."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Department, Employee, Location, User
from cases import guardrails, selectors, services
from cases.api.common import (
    AllegationSerializer,
    CasePagination,
    CaseSerializer,
    DocumentSerializer,
    MeetingSerializer,
    OutcomeRecordedSerializer,
    OutcomeSerializer,
    PartySerializer,
    PersonSerializer,
    TimelineEntrySerializer,
    VisibleCaseField,
    active_users,
    case_meetings,
    paginate,
)
from cases.models import (
    CaseKind,
    CaseStatus,
    PartyRole,
    Sanction,
)
from cases.next_step import case_next_step
from cases.permissions import (
    APPOINT_INVESTIGATOR,
    MANAGE_CASE,
    REOPEN_CASE,
    get_case_for_user,
    has_case_perm,
)
from cases.workflow import next_statuses
from erms.lib.api import DateField


class CaseListApi(APIView):
    """Cases the user may see, filtered and searched, newest first (cursor pagination)."""

    pagination_class = CasePagination

    class FilterSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=CaseKind.choices, required=False)
        status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
        department = serializers.IntegerField(required=False)
        jurisdiction = serializers.CharField(required=False, max_length=2)
        case_manager = serializers.IntegerField(required=False)
        overdue = serializers.BooleanField(required=False, default=False)
        q = serializers.CharField(required=False, allow_blank=True, max_length=200)

    @extend_schema(parameters=[FilterSerializer], responses=CaseSerializer(many=True))
    def get(self, request: Request) -> Response:
        """Cases the user may see, newest first."""
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        cases = selectors.case_list(
            user=request.user, filters=selectors.CaseFilters(**filters.validated_data)
        )
        return paginate(self, request, cases, CaseSerializer, CasePagination)


class CaseCreateApi(APIView):
    """Open a case directly (without a concern)."""

    class InputSerializer(serializers.Serializer):
        class PartySerializer(serializers.Serializer):
            employee = serializers.PrimaryKeyRelatedField(queryset=Employee.objects.all())
            role = serializers.ChoiceField(choices=PartyRole.choices)

        kind = serializers.ChoiceField(choices=CaseKind.choices)
        title = serializers.CharField(max_length=200)
        summary = serializers.CharField(required=False, allow_blank=True, default="")
        case_manager = serializers.PrimaryKeyRelatedField(queryset=active_users())
        location = serializers.PrimaryKeyRelatedField(queryset=Location.objects.all())
        department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all())
        parties = PartySerializer(many=True, required=False, default=list)
        appeal_of = VisibleCaseField(required=False, allow_null=True, default=None)

        def validate_parties(self, value: list[dict]) -> list[tuple[Employee, str]]:
            pairs = [(item["employee"], item["role"]) for item in value]
            if len(set(pairs)) != len(pairs):
                raise serializers.ValidationError(_("The same person is listed twice with the same role."))
            return pairs

    @extend_schema(request=InputSerializer, responses={201: CaseSerializer})
    def post(self, request: Request) -> Response:
        """Open a case."""
        if not request.user.has_perm("cases.add_case"):
            raise PermissionDenied
        data = CaseCreateApi.InputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        case = services.case_open(actor=request.user, **data.validated_data)
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)


class CasesApi(CaseListApi, CaseCreateApi):
    """``cases/``: GET lists (CaseListApi), POST opens (CaseCreateApi)."""


class CaseDetailApi(APIView):
    """One case with its parties, allegations, meetings, documents and outcome. Each view is recorded."""

    class OutputSerializer(CaseSerializer):
        investigators = PersonSerializer(many=True)
        parties = PartySerializer(many=True)
        allegations = AllegationSerializer(many=True)
        meetings = MeetingSerializer(many=True)
        documents = DocumentSerializer(many=True)
        outcome = OutcomeSerializer(allow_null=True)
        appeals = serializers.ListField(child=serializers.IntegerField())
        next_statuses = serializers.ListField(child=serializers.CharField())
        next_step = serializers.CharField(
            help_text="What to do next on the case and by when, as a sentence in the requesting "
            "user's language (their saved language, else the request's)."
        )
        next_step_due = serializers.DateField(
            allow_null=True, help_text="The day the next step is due by, if it has one."
        )
        after_decision_rule = serializers.CharField(
            help_text="The rule id (of the case's own jurisdiction) naming the employee's route after "
            "a decision: an internal appeal (GB-APP-001, US-DISC-001) or a route outside the "
            "organisation (NO-DISP-001, VN-DISP-001; a claim's limitation rule, as claims have no "
            "internal appeal)."
        )

    class UpdateInputSerializer(serializers.Serializer):
        title = serializers.CharField(required=False, max_length=200)
        summary = serializers.CharField(required=False, allow_blank=True)
        version = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.view_case", via="api", path=request.get_full_path())
        parts = selectors.case_detail_parts(case)
        outcome = parts["outcome"]
        with translation.override(request.user.language or translation.get_language()):
            step = case_next_step(case)
        payload = {
            **CaseSerializer(case).data,
            "investigators": PersonSerializer(case.investigators.all(), many=True).data,
            "parties": PartySerializer(parts["parties"], many=True).data,
            "allegations": AllegationSerializer(parts["allegations"], many=True).data,
            "meetings": MeetingSerializer(case_meetings(case), many=True).data,
            "documents": DocumentSerializer(parts["documents"], many=True).data,
            "outcome": OutcomeSerializer(outcome).data if outcome else None,
            "appeals": [a.pk for a in parts["appeals"]],
            "next_statuses": next_statuses(case.kind, case.status),
            "next_step": step.text,
            "next_step_due": step.due.isoformat() if step.due else None,
            "after_decision_rule": guardrails.appeal_route(case).rule,
        }
        return Response(payload)

    @extend_schema(request=UpdateInputSerializer, responses=CaseSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, MANAGE_CASE, via="api", path=request.get_full_path())
        data = self.UpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.case_update(
            actor=request.user,
            case=case,
            expected_version=values["version"],
            title=values.get("title", case.title),
            summary=values.get("summary", case.summary),
        )
        return Response(CaseSerializer(case).data)


class CaseTransitionApi(APIView):
    """Move a case to another status; closing or withdrawing needs the close permission."""

    class InputSerializer(serializers.Serializer):
        to_status = serializers.ChoiceField(choices=CaseStatus.choices)
        version = serializers.IntegerField()
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=CaseSerializer)
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, MANAGE_CASE, via="api", path=request.get_full_path())
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        to_status = data.validated_data["to_status"]
        if to_status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN) and not has_case_perm(
            request.user, case, "cases.close_case"
        ):
            raise PermissionDenied
        services.case_transition(
            actor=request.user,
            case=case,
            to_status=to_status,
            expected_version=data.validated_data["version"],
            reason=data.validated_data["reason"],
        )
        return Response(CaseSerializer(case).data)


class CaseReopenApi(APIView):
    """Reopen a closed or withdrawn case, saying why: only an ER lead whose scope covers the case
    or an HR admin (others who see the case get 403). It returns to the status it closed from."""

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(help_text="Why the case is reopened (required).")
        version = serializers.IntegerField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses=CaseSerializer)
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, REOPEN_CASE, via="api", path=request.get_full_path())
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_reopen(
            actor=request.user,
            case=case,
            reason=data.validated_data["reason"],
            expected_version=data.validated_data["version"],
        )
        return Response(CaseSerializer(case).data)


class CaseAssignApi(APIView):
    """Give the case to another case manager."""

    class InputSerializer(serializers.Serializer):
        case_manager = serializers.PrimaryKeyRelatedField(queryset=active_users())
        version = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses=CaseSerializer)
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(
            request.user, pk, "cases.assign_case", via="api", path=request.get_full_path()
        )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_assign_manager(
            actor=request.user,
            case=case,
            case_manager=data.validated_data["case_manager"],
            expected_version=data.validated_data["version"],
        )
        return Response(CaseSerializer(case).data)


class CaseGrantApi(APIView):
    """Explicit per-case access: POST grants, DELETE revokes."""

    class InputSerializer(serializers.Serializer):
        user = serializers.PrimaryKeyRelatedField(queryset=active_users())
        can_change = serializers.BooleanField(
            required=False,
            default=False,
            help_text="Also work on the case's file as an investigator does (notes, documents, the "
            "investigation plan, interviews, findings); managing the case is never granted.",
        )

    class RevokeInputSerializer(serializers.Serializer):
        user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())

    class OutputSerializer(serializers.Serializer):
        user = serializers.IntegerField()
        can_change = serializers.BooleanField()

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(
            request.user, pk, "cases.assign_case", via="api", path=request.get_full_path()
        )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_grant_access(actor=request.user, case=case, **data.validated_data)
        return Response(
            self.OutputSerializer(
                {"user": data.validated_data["user"].pk, "can_change": data.validated_data["can_change"]}
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(parameters=[RevokeInputSerializer], request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        """Revoke a grant; the user is named by the ``user`` query parameter (or in the body)."""
        case = get_case_for_user(
            request.user, pk, "cases.assign_case", via="api", path=request.get_full_path()
        )
        source = request.query_params if "user" in request.query_params else request.data
        data = self.RevokeInputSerializer(data=source)
        data.is_valid(raise_exception=True)
        services.case_revoke_access(actor=request.user, case=case, user=data.validated_data["user"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class CaseInvestigatorApi(APIView):
    """Appoint an investigator (who then sees the case): for those who manage the case, not its investigators."""

    class InputSerializer(serializers.Serializer):
        investigator = serializers.PrimaryKeyRelatedField(queryset=active_users())

    @extend_schema(request=InputSerializer, responses={201: PersonSerializer(many=True)})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(
            request.user, pk, APPOINT_INVESTIGATOR, via="api", path=request.get_full_path()
        )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_add_investigator(actor=request.user, case=case, **data.validated_data)
        return Response(
            PersonSerializer(case.investigators.all(), many=True).data, status=status.HTTP_201_CREATED
        )


class CaseNoteApi(APIView):
    """Add a note to the timeline; a shared note also reaches the concern's submitter."""

    class InputSerializer(serializers.Serializer):
        body = serializers.CharField()
        shared_with_submitter = serializers.BooleanField(required=False, default=False)

    @extend_schema(request=InputSerializer, responses={201: TimelineEntrySerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(
            request.user, pk, "cases.change_case", via="api", path=request.get_full_path()
        )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.note_add(actor=request.user, case=case, **data.validated_data)
        return Response(TimelineEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class CaseOutcomeApi(APIView):
    """Record the outcome; the guardrails may refuse (400 with the rule)."""

    class InputSerializer(serializers.Serializer):
        decision = serializers.CharField()
        reasons = serializers.CharField()
        sanction = serializers.ChoiceField(
            choices=Sanction.choices, required=False, allow_blank=True, default=""
        )
        decided_by = serializers.PrimaryKeyRelatedField(
            queryset=active_users(), required=False, allow_null=True, default=None
        )
        decided_on = DateField(required=False, allow_null=True, default=None)
        appeal_allowed = serializers.BooleanField(required=False, default=True)
        version = serializers.IntegerField()
        override_reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: OutcomeRecordedSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Record the outcome; ``warnings`` lists what fair procedure warns about (a sanction that
        skips a step of the ladder)."""
        case = get_case_for_user(
            request.user, pk, "cases.close_case", via="api", path=request.get_full_path()
        )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        outcome = services.outcome_record(
            actor=request.user, case=case, expected_version=values.pop("version"), **values
        )
        return Response(OutcomeRecordedSerializer(outcome).data, status=status.HTTP_201_CREATED)


class CaseAppealApi(APIView):
    """Lodge an appeal against the case's outcome: opens a linked appeal case."""

    class InputSerializer(serializers.Serializer):
        grounds = serializers.CharField()
        case_manager = serializers.PrimaryKeyRelatedField(queryset=active_users())

    @extend_schema(request=InputSerializer, responses={201: CaseSerializer})
    def post(self, request: Request, pk: int) -> Response:
        # Lodging it needs add_case on the original through a relation to it, as on the page.
        original = get_case_for_user(
            request.user, pk, "cases.add_case", via="api", path=request.get_full_path()
        )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = services.appeal_open(actor=request.user, original=original, **data.validated_data)
        return Response(CaseSerializer(appeal).data, status=status.HTTP_201_CREATED)
