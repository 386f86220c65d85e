"""Concerns: raising, the triage queue, accepting, merging, resolving, closing, messages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import selectors, services
from cases.api.common import (
    CaseSerializer,
    ConcernPagination,
    DocumentSerializer,
    EmployeeRefSerializer,
    PersonSerializer,
    TriagePagination,
    VisibleCaseField,
    active_employees,
    active_users,
    paginate,
)
from cases.models import (
    CaseKind,
    ConcernCategory,
    ProtectedCharacteristic,
    Urgency,
)
from cases.permissions import (
    MANAGE_CASE,
    can_raise_concern,
    get_concern_for_triage,
    get_own_concern,
    has_case_perm,
)
from erms.lib.api import DateField, JSONParser, needs


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

    @extend_schema(
        parameters=[FilterSerializer],
        responses=PolymorphicProxySerializer(
            component_name="ConcernRow",
            serializers=[OwnConcernSerializer, TriageConcernSerializer],
            resource_type_field_name=None,
            many=True,
        ),
        description="Own concerns (OwnConcern rows: status and shared messages). With queue=triage: "
        "the triage queue (TriageConcern rows), for users who may triage.",
    )
    def get(self, request: Request) -> Response:
        """The user's own concerns, or with ``queue=triage`` the triage queue."""
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        if filters.validated_data.get("queue") == "triage":
            if not request.user.has_perm("cases.triage_concern"):
                raise PermissionDenied
            queue = selectors.triage_queue(user=request.user).prefetch_related(
                "attachments__uploaded_by", "messages"
            )
            return paginate(self, request, queue, TriageConcernSerializer, TriagePagination)
        return paginate(
            self, request, selectors.my_concerns(user=request.user), OwnConcernSerializer, ConcernPagination
        )


class ConcernCreateApi(APIView):
    """Raise a concern (JSON, or multipart with attachments). Any employee with a log-in may."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        about = serializers.PrimaryKeyRelatedField(many=True, allow_empty=False, queryset=active_employees())
        category = serializers.ChoiceField(choices=ConcernCategory.choices)
        protected_characteristic = serializers.ChoiceField(
            choices=ProtectedCharacteristic.choices, required=False, allow_blank=True, default=""
        )
        description = serializers.CharField()
        occurred_on = DateField(required=False, allow_null=True, default=None)
        place = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        witnesses = serializers.CharField(required=False, allow_blank=True, default="")
        urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
        attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    @extend_schema(
        request={"application/json": InputSerializer, "multipart/form-data": InputSerializer},
        responses={201: OwnConcernSerializer},
    )
    def post(self, request: Request) -> Response:
        """Raise a concern; attachments need multipart."""
        if not can_raise_concern(request.user):
            raise PermissionDenied
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        concern = services.concern_raise(actor=request.user, **data.validated_data)
        return Response(
            OwnConcernSerializer(get_own_concern(request.user, concern.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ConcernsApi(ConcernListApi, ConcernCreateApi):
    """``concerns/``: GET lists (ConcernListApi), POST raises (ConcernCreateApi)."""


class ConcernDetailApi(APIView):
    """One concern: the triage view for triagers, the submitter's view for its submitter."""

    @extend_schema(
        responses={
            200: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="ConcernView",
                    serializers=[TriageConcernSerializer, OwnConcernSerializer],
                    resource_type_field_name=None,
                ),
                description="Triagers get TriageConcern; the person who raised it gets OwnConcern.",
            )
        }
    )
    def get(self, request: Request, pk: int) -> Response:
        if request.user.has_perm("cases.triage_concern"):
            try:
                concern = get_concern_for_triage(request.user, pk, via="api", path=request.get_full_path())
            except Http404:
                pass  # perhaps the user's own: they see its status
            else:
                return Response(TriageConcernSerializer(concern).data)
        return Response(OwnConcernSerializer(get_own_concern(request.user, pk)).data)


class ConcernAcceptApi(APIView):
    """Accept a concern into a new case."""

    permission_classes = [IsAuthenticated, needs("cases.triage_concern")]

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=CaseKind.choices)
        case_manager = serializers.PrimaryKeyRelatedField(queryset=active_users())
        reason = serializers.CharField()
        title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        urgency = serializers.ChoiceField(
            choices=Urgency.choices,
            required=False,
            help_text="The case's urgency; the concern's when omitted.",
        )

    @extend_schema(request=InputSerializer, responses={201: CaseSerializer})
    def post(self, request: Request, pk: int) -> Response:
        concern = get_concern_for_triage(request.user, pk, via="api", path=request.get_full_path())
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
        concern = get_concern_for_triage(request.user, pk, via="api", path=request.get_full_path())
        data = self.InputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        case = data.validated_data["case"]
        if not has_case_perm(request.user, case, MANAGE_CASE):
            raise PermissionDenied
        services.concern_merge(
            actor=request.user, concern=concern, case=case, reason=data.validated_data["reason"]
        )
        return Response(CaseSerializer(case).data)


class ConcernResolveApi(APIView):
    """Resolve a concern informally; the advice is shared with the submitter."""

    permission_classes = [IsAuthenticated, needs("cases.triage_concern")]

    class InputSerializer(serializers.Serializer):
        advice = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=TriageConcernSerializer)
    def post(self, request: Request, pk: int) -> Response:
        concern = get_concern_for_triage(request.user, pk, via="api", path=request.get_full_path())
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.concern_resolve_informally(actor=request.user, concern=concern, **data.validated_data)
        return Response(
            TriageConcernSerializer(
                get_concern_for_triage(request.user, pk, via="api", path=request.get_full_path())
            ).data
        )


class ConcernCloseApi(APIView):
    """Close a concern with no further action, optionally with a message to the submitter."""

    permission_classes = [IsAuthenticated, needs("cases.triage_concern")]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField()
        message = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=TriageConcernSerializer)
    def post(self, request: Request, pk: int) -> Response:
        concern = get_concern_for_triage(request.user, pk, via="api", path=request.get_full_path())
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.concern_close(actor=request.user, concern=concern, **data.validated_data)
        return Response(
            TriageConcernSerializer(
                get_concern_for_triage(request.user, pk, via="api", path=request.get_full_path())
            ).data
        )


class ConcernMessageApi(APIView):
    """Send a message to the person who raised the concern."""

    permission_classes = [IsAuthenticated, needs("cases.triage_concern")]

    class InputSerializer(serializers.Serializer):
        body = serializers.CharField()

    @extend_schema(request=InputSerializer, responses={201: MessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        concern = get_concern_for_triage(request.user, pk, via="api", path=request.get_full_path())
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = services.concern_message_send(actor=request.user, concern=concern, **data.validated_data)
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)
