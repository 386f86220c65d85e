import datetime

import pytest
from django.utils import timezone

from cases import services
from cases.guardrails import GuardrailRefusal
from cases.models import CaseKind, CaseStatus, ConcernStatus
from cases.permissions import cases_visible_to

pytestmark = pytest.mark.django_db


def test_a_concern_becomes_a_case_that_runs_to_closure(hana, liam, sam, erin, olga):
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouted at a customer"
    )
    case = services.concern_accept(
        actor=hana,
        concern=concern,
        kind=CaseKind.DISCIPLINARY,
        case_manager=hana,
        reason="Serious enough for a formal process",
    )
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CASE_OPENED
    assert case.reference.startswith(f"ER-{timezone.now().year}-")
    assert set(cases_visible_to(hana)) == {case}
    assert set(cases_visible_to(erin)) == {case}
    assert not cases_visible_to(olga).exists()
    assert not cases_visible_to(sam).exists()
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="Shouting")
    with pytest.raises(GuardrailRefusal):
        services.outcome_record(
            actor=hana,
            case=case,
            decision="x",
            reasons="y",
            sanction="verbal_warning",
            expected_version=case.version,
        )
    when = timezone.now() - datetime.timedelta(days=1)
    meeting = services.meeting_schedule(
        actor=hana,
        case=case,
        kind="disciplinary_hearing",
        scheduled_for=when,
        chair=erin,
        notice_sent_on=when.date() - datetime.timedelta(days=10),
    )
    services.meeting_record_held(actor=hana, meeting=meeting, outcome_summary="Heard")
    with pytest.raises(GuardrailRefusal):
        services.outcome_record(
            actor=hana,
            case=case,
            decision="x",
            reasons="y",
            sanction="reprimand",
            expected_version=case.version,
        )
    outcome = services.outcome_record(
        actor=hana,
        case=case,
        decision="Warning",
        reasons="Admitted",
        sanction="first_written_warning",
        expected_version=case.version,
    )
    assert outcome.warning_live_until is not None and outcome.appeal_deadline is not None
    with pytest.raises(GuardrailRefusal):
        services.case_transition(
            actor=hana, case=case, to_status=CaseStatus.CLOSED, expected_version=case.version
        )
    services.allegation_record_finding(
        actor=hana, allegation=allegation, finding="upheld", reasons="Admitted"
    )
    services.case_transition(
        actor=hana, case=case, to_status=CaseStatus.CLOSED, expected_version=case.version
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
