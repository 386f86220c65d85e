"""Protections around the people in a case: their leave and protected status (VN-DISC-002), a
represented employee's request for a representative at an interview (US-ACC-001) and the
worker's alternative hearing time when the companion cannot attend (GB-ACC-002)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Employee, ProtectedPeriod, ProtectedStatus
from cases import services
from cases.api.common import EmployeeRefSerializer, MeetingSerializer, case_meetings
from cases.models import Case, Meeting, RepresentationChoice
from cases.permissions import (
    MANAGE_CASE,
    get_case_for_user,
    get_meeting_for_user,
    has_case_perm,
    meeting_perm,
)
from erms.lib.api import DateField, DateTimeField
from erms.lib.errors import ApplicationError


class ProtectedPeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    employee = EmployeeRefSerializer()
    status = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    note = serializers.CharField()


def _case_people(case: Case):
    return Employee.objects.filter(case_parties__case=case).distinct()


def _periods(case: Case):
    return (
        ProtectedPeriod.objects.filter(employee__in=_case_people(case))
        .select_related("employee")
        .order_by("starts_on", "id")
    )


class CaseProtectedPeriodsApi(APIView):
    """``cases/{id}/protected-periods/``: GET lists the leave and protected status of the case's
    people; POST records one for a person of the case."""

    class InputSerializer(serializers.Serializer):
        employee = serializers.IntegerField()
        status = serializers.ChoiceField(choices=ProtectedStatus.choices)
        starts_on = DateField()
        ends_on = DateField(required=False, allow_null=True, default=None)
        note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)

    @extend_schema(responses=ProtectedPeriodSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.view_case", via="api", path=request.get_full_path())
        return Response(ProtectedPeriodSerializer(_periods(case), many=True).data)

    @extend_schema(request=InputSerializer, responses={201: ProtectedPeriodSerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, MANAGE_CASE, via="api", path=request.get_full_path())
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        employee = _case_people(case).filter(pk=values.pop("employee")).first()
        if employee is None:
            raise ApplicationError(_("Choose a person of this case."), field="employee")
        period = services.protected_period_record(actor=request.user, employee=employee, case=case, **values)
        return Response(ProtectedPeriodSerializer(period).data, status=status.HTTP_201_CREATED)


def _meeting(request: Request, pk: int) -> Meeting:
    """A meeting to act on: an interview for those who may change the case, any other kind only
    for those who manage it (403)."""
    meeting = get_meeting_for_user(
        request.user, pk, "cases.change_case", via="api", path=request.get_full_path()
    )
    if not has_case_perm(request.user, meeting.case, meeting_perm(meeting.kind)):
        raise PermissionDenied
    return meeting


def _meeting_out(meeting: Meeting) -> Response:
    return Response(MeetingSerializer(case_meetings(meeting.case).get(pk=meeting.pk)).data)


class MeetingRepresentationRequestApi(APIView):
    """The interviewee asked for a union representative (US-ACC-001): the interview stops."""

    class InputSerializer(serializers.Serializer):
        employee = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses=MeetingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employee = meeting.attendees.filter(pk=data.validated_data["employee"]).first()
        if employee is None:
            employee = _case_people(meeting.case).filter(pk=data.validated_data["employee"]).first()
        if employee is None:
            raise ApplicationError(_("Choose the person being interviewed."), field="employee")
        services.meeting_representation_request(actor=request.user, meeting=meeting, employee=employee)
        return _meeting_out(meeting)


class MeetingRepresentationChoiceApi(APIView):
    """Log what happens after the request: wait, stop, go on without a rep, or no interview."""

    class InputSerializer(serializers.Serializer):
        choice = serializers.ChoiceField(choices=RepresentationChoice.choices)

    @extend_schema(request=InputSerializer, responses=MeetingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.meeting_representation_choose(actor=request.user, meeting=meeting, **data.validated_data)
        return _meeting_out(meeting)


class MeetingCompanionAlternativeApi(APIView):
    """Move a hearing to the worker's alternative time (GB-ACC-002); outside the window, 400."""

    class InputSerializer(serializers.Serializer):
        proposed_for = DateTimeField()

    @extend_schema(request=InputSerializer, responses=MeetingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.meeting_companion_alternative(actor=request.user, meeting=meeting, **data.validated_data)
        return _meeting_out(meeting)
