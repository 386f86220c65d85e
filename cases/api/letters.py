"""Letters of a case: list, issue, detail, download."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Employee
from cases import services
from cases.api.common import (
    AnyAcceptNegotiation,
    EmployeeRefSerializer,
)
from cases.models import (
    Letter,
    LetterKind,
)
from cases.permissions import (
    MANAGE_CASE,
    get_case_for_user,
    get_letter_for_user,
)
from erms.lib.errors import ApplicationError


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
        correction_reason = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Why the letter corrects the one it replaces; required on a closed or withdrawn case, "
            "where a letter can only be a correction.",
        )
        details = serializers.DictField(
            child=serializers.CharField(allow_blank=True), required=False, default=dict
        )

    @extend_schema(responses=LetterSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.view_case", via="api", path=request.get_full_path())
        rows = (
            Letter.objects.filter(case=case)
            .select_related("addressee", "document", "override")
            .order_by("-issued_at", "-id")
        )
        return Response(LetterSerializer(rows, many=True).data)

    @extend_schema(request=InputSerializer, responses={201: LetterSerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, MANAGE_CASE, via="api", path=request.get_full_path())
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
        letter = services.letter_issue(
            actor=request.user,
            case=case,
            kind=values["kind"],
            language=values["language"],
            meeting=meeting,
            addressee=addressee,
            replaces=replaces,
            details=values["details"],
            correction_reason=values["correction_reason"],
        )
        return Response(LetterSerializer(letter).data, status=status.HTTP_201_CREATED)


class LetterDetailApi(APIView):
    """One letter's state: queued, rendered (with its download URL) or failed (with the reason)."""

    @extend_schema(responses=LetterSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            LetterSerializer(
                get_letter_for_user(request.user, pk, via="api", path=request.get_full_path())
            ).data
        )


class LetterDownloadApi(APIView):
    """The rendered PDF."""

    content_negotiation_class = AnyAcceptNegotiation

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> FileResponse:
        letter = get_letter_for_user(request.user, pk, via="api", path=request.get_full_path())
        if letter.document is None:
            raise Http404("The letter has not been rendered yet.")
        return FileResponse(
            letter.document.file.open("rb"),
            as_attachment=True,
            filename=letter.document.original_name,
            content_type="application/pdf",
        )
