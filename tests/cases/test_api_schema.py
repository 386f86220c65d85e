"""The OpenAPI schema documents the cases API without warnings."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_generates_without_warnings_and_lists_the_cases_endpoints(tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    text = target.read_text()
    for path in (
        "/api/v1/concerns/",
        "/api/v1/concerns/{id}/accept/",
        "/api/v1/cases/",
        "/api/v1/cases/{id}/transition/",
        "/api/v1/cases/{id}/documents/",
        "/api/v1/documents/{id}/download/",
        "/api/v1/meetings/{id}/held/",
        "/api/v1/allegations/{id}/finding/",
        "/api/v1/cases/{id}/timeline/",
    ):
        assert f"{path}:" in text


def _schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _ok(schema: dict, path: str, method: str = "get") -> dict:
    return schema["paths"][path][method]["responses"]["200"]["content"]


def test_the_paginated_lists_are_documented_as_pages_not_arrays():
    schema = _schema()
    for path in ("/api/v1/deadlines/", "/api/v1/notifications/", "/api/v1/cases/", "/api/v1/concerns/"):
        ref = _ok(schema, path)["application/json"]["schema"]["$ref"]
        page = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        assert {"next", "previous", "results"} <= set(page["properties"]), path


def test_the_concern_answers_document_both_the_submitters_and_the_triage_view():
    schema = _schema()
    components = schema["components"]["schemas"]
    detail = _ok(schema, "/api/v1/concerns/{id}/")["application/json"]["schema"]
    listed = components["PaginatedConcernRowList"]["properties"]["results"]["items"]
    for answer in (detail, listed):
        shapes = components[answer["$ref"].rsplit("/", 1)[-1]]["oneOf"]
        assert {s["$ref"].rsplit("/", 1)[-1] for s in shapes} == {"OwnConcern", "TriageConcern"}


def test_downloads_name_their_real_media_types():
    schema = _schema()
    assert set(_ok(schema, "/api/v1/letters/{id}/download/")) == {"application/pdf"}
    assert {"application/pdf", "image/png", "text/plain"} <= set(
        _ok(schema, "/api/v1/documents/{id}/download/")
    )
    assert "application/octet-stream" not in _ok(schema, "/api/v1/documents/{id}/download/")


def test_every_operation_documents_its_error_answers():
    schema = _schema()
    patch = schema["paths"]["/api/v1/cases/{id}/"]["patch"]["responses"]
    assert {"400", "401", "403", "404", "409", "413", "415"} <= set(patch)
    conflict = patch["409"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "current_version" in schema["components"]["schemas"][conflict]["required"]
    assert "404" not in schema["paths"]["/api/v1/cases/"]["get"]["responses"]
