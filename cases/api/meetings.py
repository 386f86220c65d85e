"""Meetings of a case: scheduling, recording as held, cancelling."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Employee
from cases import services
from cases.api.common import (
    MeetingScheduledSerializer,
    MeetingSerializer,
    active_users,
    case_meetings,
    renamed_upload_error,
)
from cases.models import (
    Meeting,
    MeetingKind,
)
from cases.permissions import (
    get_case_for_user,
    get_meeting_for_user,
    has_case_perm,
    meeting_perm,
)
from erms.lib.api import DateField, DateTimeField, JSONParser
from erms.lib.errors import ApplicationError


class CaseMeetingListApi(APIView):
    @extend_schema(responses=MeetingSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The case's meetings, latest first."""
        case = get_case_for_user(request.user, pk, "cases.view_case", via="api", path=request.get_full_path())
        return Response(MeetingSerializer(case_meetings(case), many=True).data)


class CaseMeetingCreateApi(APIView):
    """Schedule a meeting; notice and chair guardrails may refuse (400 with the rule)."""

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=MeetingKind.choices)
        scheduled_for = DateTimeField()
        chair = serializers.PrimaryKeyRelatedField(queryset=active_users())
        place = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        online_link = serializers.URLField(required=False, allow_blank=True, default="")
        note_taker = serializers.PrimaryKeyRelatedField(
            queryset=active_users(), required=False, allow_null=True, default=None
        )
        companion = serializers.PrimaryKeyRelatedField(
            queryset=Employee.objects.all(), required=False, allow_null=True, default=None
        )
        notice_sent_on = DateField(required=False, allow_null=True, default=None)
        attendees = serializers.PrimaryKeyRelatedField(
            queryset=Employee.objects.all(), many=True, required=False, default=list
        )
        override_reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: MeetingScheduledSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Schedule a meeting; ``warnings`` lists what fair procedure warns about (a non-working
        day or public holiday, short notice where the rules only warn)."""
        case = get_case_for_user(
            request.user, pk, "cases.change_case", via="api", path=request.get_full_path()
        )
        data = CaseMeetingCreateApi.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not has_case_perm(request.user, case, meeting_perm(data.validated_data["kind"])):
            raise PermissionDenied  # a hearing: for those who manage the case, not its investigators
        meeting = services.meeting_schedule(actor=request.user, case=case, **data.validated_data)
        return Response(MeetingScheduledSerializer(meeting).data, status=status.HTTP_201_CREATED)


class CaseMeetingsApi(CaseMeetingListApi, CaseMeetingCreateApi):
    """``cases/{id}/meetings/``: GET lists, POST schedules."""


def _meeting_for_change(request: Request, pk: int) -> Meeting:
    """A meeting to record or cancel: an interview for those who may change the case, any other
    kind only for those who manage it (403)."""
    meeting = get_meeting_for_user(
        request.user, pk, "cases.change_case", via="api", path=request.get_full_path()
    )
    if not has_case_perm(request.user, meeting.case, meeting_perm(meeting.kind)):
        raise PermissionDenied
    return meeting


class MeetingHeldApi(APIView):
    """Record a meeting as held, optionally with its minutes (multipart)."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    class InputSerializer(serializers.Serializer):
        outcome_summary = serializers.CharField(required=False, allow_blank=True, default="")
        minutes = serializers.FileField(required=False, allow_null=True, default=None)
        notice_sent_on = DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        request={"multipart/form-data": InputSerializer, "application/json": InputSerializer},
        responses=MeetingSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting_for_change(request, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["minutes"] is not None and not has_case_perm(
            request.user, meeting.case, "cases.add_document"
        ):
            raise PermissionDenied
        try:
            services.meeting_record_held(actor=request.user, meeting=meeting, **data.validated_data)
        except ApplicationError as error:
            raise renamed_upload_error(error, "minutes") from None
        return Response(MeetingSerializer(case_meetings(meeting.case).get(pk=meeting.pk)).data)


class MeetingCancelApi(APIView):
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=MeetingSerializer)
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting_for_change(request, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.meeting_cancel(actor=request.user, meeting=meeting, **data.validated_data)
        return Response(MeetingSerializer(case_meetings(meeting.case).get(pk=meeting.pk)).data)
