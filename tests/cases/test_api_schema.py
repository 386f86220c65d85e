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
