"""Every page carries a Content-Security-Policy without inline script; a response with its own policy keeps it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _sandboxed(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(b"%PDF-1.7 preview", content_type="application/pdf")
    response["Content-Security-Policy"] = "sandbox"
    return response


urlpatterns = [path("sandboxed/", _sandboxed)]


def _policy(response) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in response["Content-Security-Policy"].split(";"))
    }


@pytest.mark.parametrize("url", ["login", "home", "accounts:account"])
def test_pages_forbid_inline_script_framing_plugins_and_foreign_forms(client, hana, url):
    client.force_login(hana)

    policy = _policy(client.get(reverse(url)))

    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["default-src"]


@pytest.mark.urls(__name__)
def test_a_response_with_its_own_policy_keeps_it(client):
    response = client.get("/sandboxed/")

    assert response["Content-Security-Policy"] == "sandbox"


def test_the_api_docs_load_their_script_from_a_file(client, hana):
    client.force_login(hana)

    page = client.get(reverse("api-docs")).content.decode()

    assert re.search(r"<script>\s*\S", page) is None


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        if "letters" in template.relative_to(TEMPLATES).parts[:1]:
            continue  # letters become PDFs; their preview frame runs no script
        text = template.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{template.name}: {match.group(0)}")
        for match in re.finditer(r"\s(on[a-z]+|hx-on[:\w-]*)\s*=", text):
            offenders.append(f"{template.name}: {match.group(1)}=")
        if "javascript:" in text:
            offenders.append(f"{template.name}: javascript: URL")

    assert offenders == []
