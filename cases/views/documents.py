"""Documents filed on a case: download and inline preview."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from cases.permissions import (
    get_document_for_user,
)


def _document_response(request: HttpRequest, pk: int, *, inline: bool) -> FileResponse:
    doc = get_document_for_user(request.user, pk, via="document", path=request.path)
    inline = inline and doc.previewable
    response = FileResponse(
        doc.file.open("rb"),
        content_type=doc.content_type,
        as_attachment=not inline,
        filename=doc.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Uploaded content never runs as a page of ERMS: shown inline it is sandboxed (an opaque
    # origin: no cookies, no script, no forms), whatever it turns out to contain. The site-wide
    # policy leaves a response that sets its own alone.
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'"
        if inline
        else "sandbox; default-src 'none'"
    )
    return response


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    return _document_response(request, pk, inline=False)


@login_required
@require_GET
def document_preview(request: HttpRequest, pk: int) -> FileResponse:
    return _document_response(request, pk, inline=True)
