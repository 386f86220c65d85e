"""Documents filed on a case (list, upload, download) and the case timeline."""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import selectors, services
from cases.api.common import (
    AnyAcceptNegotiation,
    DocumentSerializer,
    TimelineEntrySerializer,
    TimelinePagination,
    paginate,
    renamed_upload_error,
)
from cases.models import (
    DocumentKind,
)
from cases.permissions import (
    get_case_for_user,
    get_document_for_user,
    works_on_cases,
)
from erms.lib.errors import ApplicationError


class CaseDocumentListApi(APIView):
    @extend_schema(responses=DocumentSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The case's documents, newest first."""
        case = get_case_for_user(
            request.user, pk, "cases.view_document", via="api", path=request.get_full_path()
        )
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
        case = get_case_for_user(
            request.user, pk, "cases.add_document", via="api", path=request.get_full_path()
        )
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
            raise renamed_upload_error(error, "file") from None
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class CaseDocumentsApi(CaseDocumentListApi, CaseDocumentUploadApi):
    """``cases/{id}/documents/``: GET lists, POST uploads."""


class DocumentDownloadApi(APIView):
    """The stored file, exactly as uploaded, as an attachment."""

    content_negotiation_class = AnyAcceptNegotiation

    @extend_schema(
        responses={
            (200, content_type): OpenApiTypes.BINARY for content_type in services.DOCUMENT_CONTENT_TYPES
        }
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        document = get_document_for_user(request.user, pk, via="api", path=request.get_full_path())
        if not document.file:
            raise Http404("No such document.")
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )


class CaseTimelineApi(APIView):
    """Every note, status change, meeting, document and letter on the case, newest first; to
    someone without an HR role, as the case page shows it to them (``selectors.case_timeline``)."""

    pagination_class = TimelinePagination

    @extend_schema(responses=TimelineEntrySerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        case = get_case_for_user(request.user, pk, "cases.view_case", via="api", path=request.get_full_path())
        entries = selectors.case_timeline(case, whole=works_on_cases(request.user))
        return paginate(self, request, entries, TimelineEntrySerializer, TimelinePagination)
