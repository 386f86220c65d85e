"""Schemathesis fuzzes every operation of the published schema (``/api/schema/``): no answer is a
server error, and every answer (status code, content type, body) is one the schema documents.

The schema is loaded from the running application, as a client would; requests go through the
WSGI application in this test's own database transaction. Each request runs in a savepoint that
is rolled back afterwards, so the seeded case, concern, meeting, document and letter stay as they
are and every generated request meets the same world. Path ids are the seeded objects' (so the
fuzzing reaches past the 404) or generated ones.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings, strategies
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.failures import FailureGroup

from accounts.services import api_token_create
from cases import services
from cases.models import LetterKind
from deadlines.models import Notification
from policies.models import Rule
from tests.cases.test_letters import issue_and_render, make_organisation, open_case, schedule

pytestmark = pytest.mark.django_db

#: Generated requests per operation, strategy and generation mode (valid data, then invalid
#: data), for each user: bounded so the whole file runs in about two minutes on two cores.
EXAMPLES = {"hana": 6, "liam": 2}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class _Rollback(Exception):
    pass


class RolledBackApp:
    """The Django WSGI application, each request in a savepoint rolled back afterwards (the test's
    transaction stays usable even when a request fails in the database)."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def __call__(self, environ, start_response):
        body: list[bytes] = []
        try:
            with transaction.atomic():
                result = self.handler(environ, start_response)
                body = list(result)
                if hasattr(result, "close"):
                    result.close()
                raise _Rollback
        except _Rollback:
            pass
        return body


@dataclass
class Findings:
    cases: int = 0
    operations: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    by_check: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def record(self, label: str, error: BaseException) -> None:
        for failure in getattr(error, "exceptions", [error]):
            title = f"{label}: {getattr(failure, 'title', type(failure).__name__)}"
            self.by_check[title] += 1
            self.examples.setdefault(title, str(failure)[:1500])


@pytest.fixture
def app(settings) -> Iterator[RolledBackApp]:
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    # As Django's test client does: the request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Thousands of refused requests are expected: only server errors matter, and the checks find them.
    requests_log = logging.getLogger("django.request")
    level = requests_log.level
    requests_log.setLevel(logging.CRITICAL)
    try:
        yield RolledBackApp()
    finally:
        requests_log.setLevel(level)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(hana, erin, liam, sam):
    make_organisation()
    case = open_case(hana, sam.employee_record)
    meeting = schedule(hana, case, erin)
    with transaction.atomic():
        document = services.document_store(
            actor=hana, file=SimpleUploadedFile("statement.pdf", PDF), case=case, title="Statement"
        )
    letter = issue_and_render(hana, case, LetterKind.DISCIPLINARY_INVITATION, meeting=meeting)
    concern = services.concern_raise(
        actor=liam,
        about=[sam.employee_record],
        category="conduct",
        description="Shouting on the floor",
        occurred_on=datetime.date(2026, 11, 30),
    )
    notification = Notification.objects.create(user=hana, title="Due soon", body="A deadline is near")
    return {
        "/api/v1/cases/": case.pk,
        "/api/v1/meetings/": meeting.pk,
        "/api/v1/documents/": document.pk,
        "/api/v1/letters/": letter.pk,
        "/api/v1/concerns/": concern.pk,
        "/api/v1/allegations/": case.allegations.first().pk,
        "/api/v1/notifications/": notification.pk,
        "/api/v1/rules/": Rule.objects.order_by("id").first().rule_id,
    }


def _seeded_path(operation, world: dict) -> dict:
    names = [p.name for p in operation.path_parameters]
    for prefix, value in world.items():
        if operation.path.startswith(prefix) and names:
            return {names[0]: value}
    return {}


def _fuzz(operation, world: dict, headers: dict, app, findings: Findings, examples: int) -> None:
    seeded = _seeded_path(operation, world)
    strategies_ = []
    for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
        if seeded:
            strategies_.append(operation.as_strategy(generation_mode=mode, path_parameters=seeded))
        strategies_.append(operation.as_strategy(generation_mode=mode))
    label = f"{operation.method.upper()} {operation.path}"

    @settings(
        max_examples=examples * len(strategies_),
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategies.one_of(*strategies_))
    def run(case) -> None:
        findings.cases += 1
        response = case.call(headers=headers, app=app)
        findings.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (AssertionError, FailureGroup) as error:
            findings.record(label, error)

    run()
    findings.operations += 1


@pytest.mark.parametrize("user", ["hana", "liam"])
def test_it_answers_every_operation_within_the_schema_under_fuzzing(app, world, user, request):
    """As a case manager with full access to the seeded case, and as a line manager who may only
    raise and follow concerns (most operations refused)."""
    person = request.getfixturevalue(user)
    headers = {"Authorization": f"Token {api_token_create(user=person)}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers=headers)
    findings = Findings()

    for result in schema.get_all_operations():
        _fuzz(result.ok(), world, headers, app, findings, EXAMPLES[user])

    report = "\n".join(
        f"{n:4} {title}\n     {findings.examples[title]}" for title, n in findings.by_check.items()
    )
    summary = f"{user}: {findings.operations} operations, {findings.cases} cases, statuses {dict(findings.statuses)}"
    print(summary)
    assert findings.operations >= 50
    assert not findings.by_check, f"{summary}:\n{report}"
