"""Plumbing and output shapes shared by the cases API modules."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Employee, EmploymentStatus, User
from cases.models import (
    Case,
    Meeting,
)
from cases.permissions import (
    cases_visible_to,
)
from erms.lib.api import DefaultCursorPagination
from erms.lib.errors import ApplicationError


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


def paginate(
    view: APIView,
    request: Request,
    queryset,
    serializer: type[serializers.Serializer],
    paginator_class: type[DefaultCursorPagination],
) -> Response:
    paginator = paginator_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


def renamed_upload_error(error: ApplicationError, upload_field: str) -> ApplicationError:
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


def active_users():
    return User.objects.filter(is_active=True)


def active_employees():
    return Employee.objects.filter(employment_status=EmploymentStatus.ACTIVE)


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
    urgency = serializers.CharField()
    protected_characteristic = serializers.CharField()

    def to_representation(self, case: Case) -> dict[str, Any]:
        """The fields above, written out directly: lists return 25-100 cases, and DRF's
        generic walk over every field of every row was most of the list's time. A test
        holds this equal to the generic output."""
        if type(self) is not CaseSerializer:  # a subclass adds fields: the generic walk
            return super().to_representation(case)
        when = self.fields["opened_at"]
        return {
            "id": case.id,
            "reference": case.reference,
            "kind": case.kind,
            "kind_display": str(case.get_kind_display()),
            "status": case.status,
            "status_display": str(case.get_status_display()),
            "title": case.title,
            "summary": case.summary,
            "jurisdiction": case.jurisdiction,
            "location": case.location_id,
            "location_name": case.location.name,
            "department": case.department_id,
            "department_name": case.department.name,
            "case_manager": case.case_manager_id,
            "case_manager_name": str(case.case_manager),
            "appeal_of": case.appeal_of_id,
            "opened_at": when.to_representation(case.opened_at),
            "closed_at": None if case.closed_at is None else when.to_representation(case.closed_at),
            "next_deadline_on": None if case.next_deadline_on is None else case.next_deadline_on.isoformat(),
            "version": case.version,
            "urgency": case.urgency,
            "protected_characteristic": case.protected_characteristic,
        }


class PartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    employee = EmployeeRefSerializer()
    role = serializers.CharField()
    role_display = serializers.CharField(source="get_role_display")
    notes = serializers.CharField()


class PolicyVersionRefSerializer(serializers.Serializer):
    """The policy version an allegation names: its id, the policy's title and the version number."""

    id = serializers.IntegerField()
    title = serializers.CharField(source="policy.title")
    version = serializers.IntegerField(source="number")


class AllegationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    category = serializers.CharField()
    description = serializers.CharField()
    incident_date = serializers.DateField(allow_null=True)
    finding = serializers.CharField()
    finding_reasons = serializers.CharField()
    protected_characteristic = serializers.CharField()
    policy_version = PolicyVersionRefSerializer(allow_null=True)
    evidence = serializers.SerializerMethodField(help_text="Ids of the documents relied on.")

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_evidence(self, allegation: Any) -> list[int]:
        return [d.pk for d in allegation.evidence.all()]  # prefetched by the selectors


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
    representation_requested_by = EmployeeRefSerializer(allow_null=True)
    representation_choice = serializers.CharField()


class GuardrailWarningSerializer(serializers.Serializer):
    """A warning fair procedure gives without refusing, with the rule behind it."""

    rule = serializers.CharField()
    message = serializers.CharField()


class MeetingScheduledSerializer(MeetingSerializer):
    warnings = GuardrailWarningSerializer(many=True)


class OutcomeSerializer(serializers.Serializer):
    decision = serializers.CharField()
    reasons = serializers.CharField()
    sanction = serializers.CharField()
    warning_live_until = serializers.DateField(allow_null=True)
    appeal_allowed = serializers.BooleanField()
    appeal_deadline = serializers.DateField(allow_null=True)
    decided_by = PersonSerializer()
    decided_on = serializers.DateField()


class OutcomeRecordedSerializer(OutcomeSerializer):
    warnings = GuardrailWarningSerializer(many=True)


class TimelineEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    summary = serializers.CharField(source="display_summary")  # in the request's language
    body = serializers.CharField()
    author = PersonSerializer(allow_null=True)
    shared_with_submitter = serializers.BooleanField()
    created_at = serializers.DateTimeField()


def case_meetings(case: Case):
    return (
        Meeting.objects.filter(case=case)
        .select_related("chair", "note_taker", "companion", "representation_requested_by")
        .prefetch_related("attendees")
        .order_by("-scheduled_for")
    )
