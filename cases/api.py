"""The cases API: concerns, cases and everything filed on a case.

One view per operation, each with nested input/output serializers, calling the same
services, selectors and permission functions as the pages. Cases the user may not see
answer 404 (from ``get_case_for_user``); a visible case the user's role may not act on
answers 403. Domain refusals (``ApplicationError``, guardrails) become 400s with
``detail``, ``field`` and ``rule`` (see ``erms.lib.api.exception_handler``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Department, Employee, EmploymentStatus, Location, User
from cases import selectors, services
from cases.models import (
    Allegation,
    Case,
    CaseKind,
    CaseStatus,
    ConcernCategory,
    DocumentKind,
    Finding,
    Letter,
    LetterKind,
    Meeting,
    MeetingKind,
    Party,
    PartyRole,
    ProtectedCharacteristic,
    Sanction,
    TimelineEntry,
    Urgency,
)
from cases.permissions import (
    can_raise_concern,
    cases_visible_to,
    concerns_for_triage,
    get_case_for_user,
    get_concern_for_triage,
    get_document_for_user,
    get_letter_for_user,
    get_own_concern,
    has_case_perm,
)
from cases.workflow import next_statuses
from erms.lib.api import DefaultCursorPagination
from erms.lib.errors import ApplicationError

# --------------------------------------------------------------------------- plumbing


def needs(perm: str) -> type[BasePermission]:
    """A DRF permission class requiring one model permission (the user's role)."""

    class HasPerm(BasePermission):
        def has_permission(self, request, view) -> bool:
            return request.user.has_perm(perm)

    HasPerm.__name__ = f"Needs_{perm.replace('.', '_')}"
    return HasPerm


class CasePagination(DefaultCursorPagination):
    ordering = ("-opened_at", "-id")


class ConcernPagination(DefaultCursorPagination):
    ordering = ("-created_at", "-id")


class TriagePagination(DefaultCursorPagination):
    """Most urgent first, then oldest first (the triage queue's order)."""

    ordering = ("urgency_rank", "created_at", "id")


class TimelinePagination(DefaultCursorPagination):
    ordering = ("-created_at", "-id")


class AnyAcceptNegotiation(BaseContentNegotiation):
    """For file downloads: whatever the client accepts, answer with the view's renderer."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _paginate(view: APIView, request: Request, queryset, serializer: type[serializers.Serializer],
              paginator_class: type[DefaultCursorPagination]) -> Response:
    paginator = paginator_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


def _renamed(error: ApplicationError, upload_field: str) -> ApplicationError:
    """Document checks name the concern form's ``attachments`` field; point them at this endpoint's field."""
    if error.field == "attachments":
        return ApplicationError(error.message, field=upload_field, rule=error.rule)
    return error


class VisibleCaseField(serializers.PrimaryKeyRelatedField):
    """A case id the requesting user may see; any other id is refused as unknown."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Case.objects.all(), **kwargs)

    def get_queryset(self):
        return cases_visible_to(self.context["request"].user)


def _users():
    return User.objects.filter(is_active=True)


def _active_employees():
    return Employee.objects.filter(employment_status=EmploymentStatus.ACTIVE)


# --------------------------------------------------------------------------- shared output shapes


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class EmployeeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    employee_number = serializers.CharField()
    name = serializers.CharField(source="full_name")


class CaseSerializer(serializers.Serializer):
    """A case's own fields, as lists and actions return them."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    title = serializers.CharField()
    summary = serializers.CharField()
    jurisdiction = serializers.CharField()
    location = serializers.IntegerField(source="location_id")
    location_name = serializers.CharField(source="location.name")
    department = serializers.IntegerField(source="department_id")
    department_name = serializers.CharField(source="department.name")
    case_manager = serializers.IntegerField(source="case_manager_id")
    case_manager_name = serializers.CharField(source="case_manager.__str__")
    appeal_of = serializers.IntegerField(source="appeal_of_id", allow_null=True)
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    next_deadline_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()

    def to_representation(self, case: Case) -> dict[str, Any]:
        """The fields above, written out directly: lists return 25-100 cases, and DRF's
        generic walk over every field of every row was most of the list's time. A test
        holds this equal to the generic output."""
        if type(self) is not CaseSerializer:  # a subclass adds fields: the generic walk
            return super().to_representation(case)
        when = self.fields["opened_at"]
        return {
            "id": case.id, "reference": case.reference,
            "kind": case.kind, "kind_display": str(case.get_kind_display()),
            "status": case.status, "status_display": str(case.get_status_display()),
            "title": case.title, "summary": case.summary, "jurisdiction": case.jurisdiction,
            "location": case.location_id, "location_name": case.location.name,
            "department": case.department_id, "department_name": case.department.name,
            "case_manager": case.case_manager_id, "case_manager_name": str(case.case_manager),
            "appeal_of": case.appeal_of_id,
            "opened_at": when.to_representation(case.opened_at),
            "closed_at": None if case.closed_at is None else when.to_representation(case.closed_at),
            "next_deadline_on": None if case.next_deadline_on is None else case.next_deadline_on.isoformat(),
            "version": case.version,
        }


class PartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    employee = EmployeeRefSerializer()
    role = serializers.CharField()
    role_display = serializers.CharField(source="get_role_display")
    notes = serializers.CharField()


class AllegationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    category = serializers.CharField()
    description = serializers.CharField()
    incident_date = serializers.DateField(allow_null=True)
    finding = serializers.CharField()
    finding_reasons = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    version = serializers.IntegerField()
    replaces = serializers.IntegerField(source="replaces_id", allow_null=True)
    uploaded_by = serializers.CharField(source="uploaded_by.__str__")
    uploaded_at = serializers.DateTimeField()


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    scheduled_for = serializers.DateTimeField()
    place = serializers.CharField()
    online_link = serializers.CharField()
    chair = PersonSerializer()
    note_taker = PersonSerializer(allow_null=True)
    companion = EmployeeRefSerializer(allow_null=True)
    attendees = EmployeeRefSerializer(many=True)
    notice_sent_on = serializers.DateField(allow_null=True)
    minutes = serializers.IntegerField(source="minutes_id", allow_null=True)
    outcome_summary = serializers.CharField()
    held_at = serializers.DateTimeField(allow_null=True)


class OutcomeSerializer(serializers.Serializer):
    decision = serializers.CharField()
    reasons = serializers.CharField()
    sanction = serializers.CharField()
    warning_live_until = serializers.DateField(allow_null=True)
    appeal_allowed = serializers.BooleanField()
    appeal_deadline = serializers.DateField(allow_null=True)
    decided_by = PersonSerializer()
    decided_on = serializers.DateField()


class TimelineEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    summary = serializers.CharField()
    body = serializers.CharField()
    author = PersonSerializer(allow_null=True)
    shared_with_submitter = serializers.BooleanField()
    created_at = serializers.DateTimeField()


def _meetings(case: Case):
    return (Meeting.objects.filter(case=case).select_related("chair", "note_taker", "companion")
            .prefetch_related("attendees").order_by("-scheduled_for"))


# --------------------------------------------------------------------------- concerns


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class OwnConcernSerializer(serializers.Serializer):
    """What the person who raised a concern sees: status and shared messages, never case internals."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    category = serializers.CharField()
    description = serializers.CharField()
    occurred_on = serializers.DateField(allow_null=True)
    urgency = serializers.CharField()
    about = EmployeeRefSerializer(many=True)
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    messages = MessageSerializer(many=True)
    created_at = serializers.DateTimeField()


class TriageConcernSerializer(serializers.Serializer):
    """What HR triage sees of a concern."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    raised_by = PersonSerializer()
    about = EmployeeRefSerializer(many=True)
    category = serializers.CharField()
    protected_characteristic = serializers.CharField()
    description = serializers.CharField()
    occurred_on = serializers.DateField(allow_null=True)
    place = serializers.CharField()
    witnesses = serializers.CharField()
    urgency = serializers.CharField()
    status = serializers.CharField()
    case = serializers.IntegerField(source="case_id", allow_null=True)
    triage_reason = serializers.CharField()
    triaged_at = serializers.DateTimeField(allow_null=True)
    attachments = DocumentSerializer(many=True)
    messages = MessageSerializer(many=True)
    created_at = serializers.DateTimeField()


class ConcernListApi(APIView):
    """The user's own concerns, or with ``?queue=triage`` the triage queue (triagers only)."""

    pagination_class = ConcernPagination

    class FilterSerializer(serializers.Serializer):
        queue = serializers.ChoiceField(choices=[("triage", "triage")], required=False)

    @extend_schema(parameters=[FilterSerializer], responses=OwnConcernSerializer(many=True),
                   description="Own concerns: status and shared messages. With queue=triage: the triage queue "
                               "(TriageConcernSerializer rows), for users who may triage.")
    def get(self, request: Request) -> Response:
        """The user's own concerns, or with ``queue=triage`` the triage queue."""
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        if filters.validated_data.get("queue") == "triage":
            if not request.user.has_perm("cases.triage_concern"):
                raise PermissionDenied
            queue = selectors.triage_queue(user=request.user).prefetch_related("attachments__uploaded_by",
                                                                                 "messages")
            return _paginate(self, request, queue, TriageConcernSerializer, TriagePagination)
        return _paginate(self, request, selectors.my_concerns(user=request.user), OwnConcernSerializer,
                         ConcernPagination)


class ConcernCreateApi(APIView):
    """Raise a concern (JSON, or multipart with attachments). Any employee with a log-in may."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        about = serializers.PrimaryKeyRelatedField(many=True, allow_empty=False, queryset=_active_employees())
        category = serializers.ChoiceField(choices=ConcernCategory.choices)
        protected_characteristic = serializers.ChoiceField(choices=ProtectedCharacteristic.choices,
                                                           required=False, allow_blank=True, default="")
        description = serializers.CharField()
        occurred_on = serializers.DateField(required=False, allow_null=True, default=None)
        place = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        witnesses = serializers.CharField(required=False, allow_blank=True, default="")
        urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
        attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    @extend_schema(request={"application/json": InputSerializer, "multipart/form-data": InputSerializer},
                   responses={201: OwnConcernSerializer})
    def post(self, request: Request) -> Response:
        """Raise a concern; attachments need multipart."""
        if not can_raise_concern(request.user):
            raise PermissionDenied
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        concern = services.concern_raise(actor=request.user, **data.validated_data)
        return Response(OwnConcernSerializer(get_own_concern(request.user, concern.pk)).data,
                        status=status.HTTP_201_CREATED)


class ConcernsApi(ConcernListApi, ConcernCreateApi):
    """``concerns/``: GET lists (ConcernListApi), POST raises (ConcernCreateApi)."""


class ConcernDetailApi(APIView):
    """One concern: the triage view for triagers, the submitter's view for its submitter."""

    @extend_schema(responses={200: OpenApiResponse(TriageConcernSerializer,
                                                   description="Triagers; the submitter gets OwnConcern.")})
    def get(self, request: Request, pk: int) -> Response:
        if concerns_for_triage(request.user).filter(pk=pk).exists():
            concern = get_concern_for_triage(request.user, pk)
            return Response(TriageConcernSerializer(concern).data)
        return Response(OwnConcernSerializer(get_own_concern(request.user, pk)).data)


class ConcernAcceptApi(APIView):
    """Accept a concern into a new case."""

    permission_classes = [IsAuthenticated, needs("cases.triage_concern")]

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=CaseKind.choices)
        case_manager = serializers.PrimaryKeyRelatedField(queryset=_users())
        reason = serializers.CharField()
        title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)

    @extend_schema(request=InputSerializer, responses={201: CaseSerializer})
    def post(self, request: Request, pk: int) -> Response:
        concern = get_concern_for_triage(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.concern_accept(actor=request.user, concern=concern, **data.validated_data)
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)


class ConcernMergeApi(APIView):
    """Merge a concern into an existing case the user may change."""

    permission_classes = [IsAuthenticated, needs("cases.triage_concern")]

    class InputSerializer(serializers.Serializer):
        case = VisibleCaseField()
        reason = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=CaseSerializer)
    def post(self, request: Request, pk: int) -> Response:
        concern = get_concern_for_triage(request.user, pk)
        data = self.InputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        case = data.validated_data["case"]
        if not has_case_perm(request.user, case, "cases.change_case"):
            raise PermissionDenied
        services.concern_merge(actor=request.user, concern=concern, case=case,
                               reason=data.validated_data["reason"])
        return Response(CaseSerializer(case).data)


class ConcernResolveApi(APIView):
    """Resolve a concern informally; the advice is shared with the submitter."""

    permission_classes = [IsAuthenticated, needs("cases.triage_concern")]

    class InputSerializer(serializers.Serializer):
        advice = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=TriageConcernSerializer)
    def post(self, request: Request, pk: int) -> Response:
        concern = get_concern_for_triage(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.concern_resolve_informally(actor=request.user, concern=concern, **data.validated_data)
        return Response(TriageConcernSerializer(get_concern_for_triage(request.user, pk)).data)


class ConcernCloseApi(APIView):
    """Close a concern with no further action, optionally with a message to the submitter."""

    permission_classes = [IsAuthenticated, needs("cases.triage_concern")]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField()
        message = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=TriageConcernSerializer)
    def post(self, request: Request, pk: int) -> Response:
        concern = get_concern_for_triage(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.concern_close(actor=request.user, concern=concern, **data.validated_data)
        return Response(TriageConcernSerializer(get_concern_for_triage(request.user, pk)).data)


class ConcernMessageApi(APIView):
    """Send a message to the person who raised the concern."""

    permission_classes = [IsAuthenticated, needs("cases.triage_concern")]

    class InputSerializer(serializers.Serializer):
        body = serializers.CharField()

    @extend_schema(request=InputSerializer, responses={201: MessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        concern = get_concern_for_triage(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = services.concern_message_send(actor=request.user, concern=concern, **data.validated_data)
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)


# --------------------------------------------------------------------------- cases


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
        cases = selectors.case_list(user=request.user, filters=selectors.CaseFilters(**filters.validated_data))
        return _paginate(self, request, cases, CaseSerializer, CasePagination)


class CaseCreateApi(APIView):
    """Open a case directly (without a concern)."""

    class InputSerializer(serializers.Serializer):
        class PartySerializer(serializers.Serializer):
            employee = serializers.PrimaryKeyRelatedField(queryset=Employee.objects.all())
            role = serializers.ChoiceField(choices=PartyRole.choices)

        kind = serializers.ChoiceField(choices=CaseKind.choices)
        title = serializers.CharField(max_length=200)
        summary = serializers.CharField(required=False, allow_blank=True, default="")
        case_manager = serializers.PrimaryKeyRelatedField(queryset=_users())
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

    class UpdateInputSerializer(serializers.Serializer):
        title = serializers.CharField(required=False, max_length=200)
        summary = serializers.CharField(required=False, allow_blank=True)
        version = serializers.IntegerField()

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.view_case")
        services.case_record_view(user=request.user, case=case, via="api", path=request.get_full_path())
        parts = selectors.case_detail_parts(case)
        outcome = parts["outcome"]
        payload = {
            **CaseSerializer(case).data,
            "investigators": PersonSerializer(case.investigators.all(), many=True).data,
            "parties": PartySerializer(parts["parties"], many=True).data,
            "allegations": AllegationSerializer(parts["allegations"], many=True).data,
            "meetings": MeetingSerializer(_meetings(case), many=True).data,
            "documents": DocumentSerializer(parts["documents"], many=True).data,
            "outcome": OutcomeSerializer(outcome).data if outcome else None,
            "appeals": [a.pk for a in parts["appeals"]],
            "next_statuses": next_statuses(case.kind, case.status),
        }
        return Response(payload)

    @extend_schema(request=UpdateInputSerializer, responses=CaseSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.change_case")
        data = self.UpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.case_update(actor=request.user, case=case, expected_version=values["version"],
                             title=values.get("title", case.title), summary=values.get("summary", case.summary))
        return Response(CaseSerializer(case).data)


class CaseTransitionApi(APIView):
    """Move a case to another status; closing or withdrawing needs the close permission."""

    class InputSerializer(serializers.Serializer):
        to_status = serializers.ChoiceField(choices=CaseStatus.choices)
        version = serializers.IntegerField()
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=CaseSerializer)
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.change_case")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        to_status = data.validated_data["to_status"]
        if to_status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN) and not has_case_perm(
                request.user, case, "cases.close_case"):
            raise PermissionDenied
        services.case_transition(actor=request.user, case=case, to_status=to_status,
                                 expected_version=data.validated_data["version"],
                                 reason=data.validated_data["reason"])
        return Response(CaseSerializer(case).data)


class CaseAssignApi(APIView):
    """Give the case to another case manager."""

    class InputSerializer(serializers.Serializer):
        case_manager = serializers.PrimaryKeyRelatedField(queryset=_users())
        version = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses=CaseSerializer)
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.assign_case")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_assign_manager(actor=request.user, case=case, case_manager=data.validated_data["case_manager"],
                                     expected_version=data.validated_data["version"])
        return Response(CaseSerializer(case).data)


class CaseGrantApi(APIView):
    """Explicit per-case access: POST grants, DELETE revokes."""

    class InputSerializer(serializers.Serializer):
        user = serializers.PrimaryKeyRelatedField(queryset=_users())
        can_change = serializers.BooleanField(required=False, default=False)

    class RevokeInputSerializer(serializers.Serializer):
        user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())

    class OutputSerializer(serializers.Serializer):
        user = serializers.IntegerField()
        can_change = serializers.BooleanField()

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.assign_case")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_grant_access(actor=request.user, case=case, **data.validated_data)
        return Response(self.OutputSerializer({"user": data.validated_data["user"].pk,
                                               "can_change": data.validated_data["can_change"]}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[RevokeInputSerializer], request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        """Revoke a grant; the user is named by the ``user`` query parameter (or in the body)."""
        case = get_case_for_user(request.user, pk, "cases.assign_case")
        source = request.query_params if "user" in request.query_params else request.data
        data = self.RevokeInputSerializer(data=source)
        data.is_valid(raise_exception=True)
        services.case_revoke_access(actor=request.user, case=case, user=data.validated_data["user"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class CaseInvestigatorApi(APIView):
    """Appoint an investigator (who then sees the case)."""

    class InputSerializer(serializers.Serializer):
        investigator = serializers.PrimaryKeyRelatedField(queryset=_users())

    @extend_schema(request=InputSerializer, responses={201: PersonSerializer(many=True)})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.change_case")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_add_investigator(actor=request.user, case=case, **data.validated_data)
        return Response(PersonSerializer(case.investigators.all(), many=True).data, status=status.HTTP_201_CREATED)


class CaseNoteApi(APIView):
    """Add a note to the timeline; a shared note also reaches the concern's submitter."""

    class InputSerializer(serializers.Serializer):
        body = serializers.CharField()
        shared_with_submitter = serializers.BooleanField(required=False, default=False)

    @extend_schema(request=InputSerializer, responses={201: TimelineEntrySerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.change_case")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.note_add(actor=request.user, case=case, **data.validated_data)
        return Response(TimelineEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class CaseOutcomeApi(APIView):
    """Record the outcome; the guardrails may refuse (400 with the rule)."""

    class InputSerializer(serializers.Serializer):
        decision = serializers.CharField()
        reasons = serializers.CharField()
        sanction = serializers.ChoiceField(choices=Sanction.choices, required=False, allow_blank=True, default="")
        decided_by = serializers.PrimaryKeyRelatedField(queryset=_users(), required=False, allow_null=True,
                                                        default=None)
        decided_on = serializers.DateField(required=False, allow_null=True, default=None)
        appeal_allowed = serializers.BooleanField(required=False, default=True)
        version = serializers.IntegerField()
        override_reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: OutcomeSerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.close_case")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        outcome = services.outcome_record(actor=request.user, case=case, expected_version=values.pop("version"),
                                          **values)
        return Response(OutcomeSerializer(outcome).data, status=status.HTTP_201_CREATED)


class CaseAppealApi(APIView):
    """Lodge an appeal against the case's outcome: opens a linked appeal case."""

    class InputSerializer(serializers.Serializer):
        grounds = serializers.CharField()
        case_manager = serializers.PrimaryKeyRelatedField(queryset=_users())

    @extend_schema(request=InputSerializer, responses={201: CaseSerializer})
    def post(self, request: Request, pk: int) -> Response:
        original = get_case_for_user(request.user, pk, "cases.view_case")
        if not request.user.has_perm("cases.add_case"):
            raise PermissionDenied
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = services.appeal_open(actor=request.user, original=original, **data.validated_data)
        return Response(CaseSerializer(appeal).data, status=status.HTTP_201_CREATED)


# --------------------------------------------------------------------------- parties and allegations


class CasePartyListApi(APIView):
    """The people on a case and their roles."""

    @extend_schema(responses=PartySerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The case's parties."""
        case = get_case_for_user(request.user, pk, "cases.view_case")
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
        case = get_case_for_user(request.user, pk, "cases.change_case")
        data = CasePartyCreateApi.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        party = services.party_add(actor=request.user, case=case, **data.validated_data)
        return Response(PartySerializer(party).data, status=status.HTTP_201_CREATED)


class CasePartiesApi(CasePartyListApi, CasePartyCreateApi):
    """``cases/{id}/parties/``: GET lists, POST adds."""


class CaseAllegationListApi(APIView):
    @extend_schema(responses=AllegationSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The case's allegations, by number."""
        case = get_case_for_user(request.user, pk, "cases.view_case")
        return Response(AllegationSerializer(case.allegations.order_by("number"), many=True).data)


class CaseAllegationCreateApi(APIView):
    class InputSerializer(serializers.Serializer):
        category = serializers.ChoiceField(choices=ConcernCategory.choices)
        description = serializers.CharField()
        incident_date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=InputSerializer, responses={201: AllegationSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Add an allegation."""
        case = get_case_for_user(request.user, pk, "cases.change_case")
        data = CaseAllegationCreateApi.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        allegation = services.allegation_add(actor=request.user, case=case, **data.validated_data)
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
        allegation = get_object_or_404(Allegation, pk=pk)
        allegation.case = get_case_for_user(request.user, allegation.case_id, "cases.change_case")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.allegation_record_finding(actor=request.user, allegation=allegation, **data.validated_data)
        return Response(AllegationSerializer(allegation).data)


# --------------------------------------------------------------------------- meetings


class CaseMeetingListApi(APIView):
    @extend_schema(responses=MeetingSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The case's meetings, latest first."""
        case = get_case_for_user(request.user, pk, "cases.view_case")
        return Response(MeetingSerializer(_meetings(case), many=True).data)


class CaseMeetingCreateApi(APIView):
    """Schedule a meeting; notice and chair guardrails may refuse (400 with the rule)."""

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=MeetingKind.choices)
        scheduled_for = serializers.DateTimeField()
        chair = serializers.PrimaryKeyRelatedField(queryset=_users())
        place = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        online_link = serializers.URLField(required=False, allow_blank=True, default="")
        note_taker = serializers.PrimaryKeyRelatedField(queryset=_users(), required=False, allow_null=True,
                                                        default=None)
        companion = serializers.PrimaryKeyRelatedField(queryset=Employee.objects.all(), required=False,
                                                       allow_null=True, default=None)
        notice_sent_on = serializers.DateField(required=False, allow_null=True, default=None)
        attendees = serializers.PrimaryKeyRelatedField(queryset=Employee.objects.all(), many=True,
                                                       required=False, default=list)
        override_reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: MeetingSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Schedule a meeting."""
        case = get_case_for_user(request.user, pk, "cases.change_case")
        data = CaseMeetingCreateApi.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_schedule(actor=request.user, case=case, **data.validated_data)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class CaseMeetingsApi(CaseMeetingListApi, CaseMeetingCreateApi):
    """``cases/{id}/meetings/``: GET lists, POST schedules."""


def _meeting_for_change(request: Request, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting, pk=pk)
    meeting.case = get_case_for_user(request.user, meeting.case_id, "cases.change_case")
    return meeting


class MeetingHeldApi(APIView):
    """Record a meeting as held, optionally with its minutes (multipart)."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    class InputSerializer(serializers.Serializer):
        outcome_summary = serializers.CharField(required=False, allow_blank=True, default="")
        minutes = serializers.FileField(required=False, allow_null=True, default=None)

    @extend_schema(request={"multipart/form-data": InputSerializer, "application/json": InputSerializer},
                   responses=MeetingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting_for_change(request, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["minutes"] is not None and not has_case_perm(
                request.user, meeting.case, "cases.add_document"):
            raise PermissionDenied
        try:
            services.meeting_record_held(actor=request.user, meeting=meeting, **data.validated_data)
        except ApplicationError as error:
            raise _renamed(error, "minutes") from None
        return Response(MeetingSerializer(_meetings(meeting.case).get(pk=meeting.pk)).data)


class MeetingCancelApi(APIView):
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=MeetingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting_for_change(request, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.meeting_cancel(actor=request.user, meeting=meeting, **data.validated_data)
        return Response(MeetingSerializer(_meetings(meeting.case).get(pk=meeting.pk)).data)


# --------------------------------------------------------------------------- documents and timeline


class CaseDocumentListApi(APIView):
    @extend_schema(responses=DocumentSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The case's documents, newest first."""
        case = get_case_for_user(request.user, pk, "cases.view_document")
        documents = case.documents.select_related("uploaded_by").order_by("-uploaded_at", "-id")
        return Response(DocumentSerializer(documents, many=True).data)


class CaseDocumentUploadApi(APIView):
    """Upload evidence or a new version of a document; the type is checked by content."""

    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField()
        title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.EVIDENCE)
        replaces = serializers.IntegerField(required=False, allow_null=True, default=None)

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses={201: DocumentSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Upload a document (multipart)."""
        case = get_case_for_user(request.user, pk, "cases.add_document")
        data = CaseDocumentUploadApi.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        replaces = None
        if values.pop("replaces") is not None:
            replaces = case.documents.filter(pk=data.validated_data["replaces"]).first()
            if replaces is None:
                raise ApplicationError(_("No such document on this case."), field="replaces")
        try:
            with transaction.atomic():
                document = services.document_store(actor=request.user, case=case, replaces=replaces, **values)
        except ApplicationError as error:
            raise _renamed(error, "file") from None
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class CaseDocumentsApi(CaseDocumentListApi, CaseDocumentUploadApi):
    """``cases/{id}/documents/``: GET lists, POST uploads."""


class DocumentDownloadApi(APIView):
    """The stored file, exactly as uploaded, as an attachment."""

    content_negotiation_class = AnyAcceptNegotiation

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> FileResponse:
        document = get_document_for_user(request.user, pk)
        if not document.file:
            raise Http404("No such document.")
        if document.case_id is not None:
            services.case_record_view(user=request.user, case=document.case, via="api",
                                      path=request.get_full_path())
        return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name,
                            content_type=document.content_type)


class CaseTimelineApi(APIView):
    """Every note, status change, meeting, document and letter on the case, newest first."""

    pagination_class = TimelinePagination

    @extend_schema(responses=TimelineEntrySerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.view_case")
        entries = TimelineEntry.objects.filter(case=case).select_related("author")
        return _paginate(self, request, entries, TimelineEntrySerializer, TimelinePagination)


# --------------------------------------------------------------------------- letters


class LetterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    reference = serializers.SerializerMethodField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    language = serializers.CharField()
    status = serializers.CharField()
    error = serializers.CharField()
    addressee = EmployeeRefSerializer()
    meeting = serializers.IntegerField(source="meeting_id", allow_null=True)
    replaces = serializers.IntegerField(source="replaces_id", allow_null=True)
    override_version = serializers.IntegerField(source="override.version", allow_null=True, default=None)
    page_count = serializers.IntegerField(source="document.page_count", allow_null=True, default=None)
    issued_at = serializers.DateTimeField()
    rendered_at = serializers.DateTimeField(allow_null=True)
    download_url = serializers.SerializerMethodField()

    def get_reference(self, letter) -> str:
        return letter.context.get("reference", "")

    def get_download_url(self, letter) -> str | None:
        from django.urls import reverse

        if letter.document_id is None:
            return None
        return reverse("api:letter-download", args=[letter.pk])


class CaseLettersApi(APIView):
    """``cases/{id}/letters/``: GET lists the case's letters with their state; POST issues one
    (rendered in the background: answers 201 with status ``queued``)."""

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=LetterKind.choices)
        language = serializers.ChoiceField(choices=[("en", "en"), ("nb", "nb"), ("vi", "vi")], default="en")
        meeting = serializers.IntegerField(required=False, allow_null=True, default=None)
        addressee = serializers.IntegerField(required=False, allow_null=True, default=None)
        replaces = serializers.IntegerField(required=False, allow_null=True, default=None)
        details = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, default=dict)

    @extend_schema(responses=LetterSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.view_case")
        rows = Letter.objects.filter(case=case).select_related("addressee", "document", "override").order_by(
            "-issued_at", "-id")
        return Response(LetterSerializer(rows, many=True).data)

    @extend_schema(request=InputSerializer, responses={201: LetterSerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.change_case")
        data = CaseLettersApi.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        meeting = replaces = addressee = None
        if values["meeting"] is not None:
            meeting = case.meetings.filter(pk=values["meeting"]).first()
            if meeting is None:
                raise ApplicationError(_("No such meeting on this case."), field="meeting")
        if values["replaces"] is not None:
            replaces = case.letters.filter(pk=values["replaces"]).first()
            if replaces is None:
                raise ApplicationError(_("No such letter on this case."), field="replaces")
        if values["addressee"] is not None:
            addressee = Employee.objects.filter(pk=values["addressee"], case_parties__case=case).first()
            if addressee is None:
                raise ApplicationError(_("That person is not a party to this case."), field="addressee")
        letter = services.letter_issue(actor=request.user, case=case, kind=values["kind"],
                                       language=values["language"], meeting=meeting, addressee=addressee,
                                       replaces=replaces, details=values["details"])
        return Response(LetterSerializer(letter).data, status=status.HTTP_201_CREATED)


class LetterDetailApi(APIView):
    """One letter's state: queued, rendered (with its download URL) or failed (with the reason)."""

    @extend_schema(responses=LetterSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(LetterSerializer(get_letter_for_user(request.user, pk)).data)


class LetterDownloadApi(APIView):
    """The rendered PDF."""

    content_negotiation_class = AnyAcceptNegotiation

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> FileResponse:
        letter = get_letter_for_user(request.user, pk)
        if letter.document is None:
            raise Http404("The letter has not been rendered yet.")
        services.case_record_view(user=request.user, case=letter.case, via="api", path=request.get_full_path())
        return FileResponse(letter.document.file.open("rb"), as_attachment=True,
                            filename=letter.document.original_name, content_type="application/pdf")
