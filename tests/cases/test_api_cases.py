"""The cases API: list, create, detail, edit and the actions that move a case along."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AccessEntry
from cases import services
from cases.models import Case, CaseKind, CaseStatus, ConcernMessage, Outcome, PartyRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def login(api: APIClient, user) -> APIClient:
    api.force_login(user)
    return api


def open_case(actor, manager, subject, location, department, kind=CaseKind.DISCIPLINARY, title="Shouting"):
    return services.case_open(
        actor=actor,
        kind=kind,
        title=title,
        case_manager=manager,
        location=location,
        department=department,
        parties=[(subject.employee_record, PartyRole.SUBJECT)],
    )


@pytest.fixture
def case(hana, sam, london, operations):
    return open_case(hana, hana, sam, london, operations)


def hold_hearing(case, actor, chair):
    when = timezone.now() - datetime.timedelta(days=1)
    meeting = services.meeting_schedule(
        actor=actor,
        case=case,
        kind="disciplinary_hearing",
        scheduled_for=when,
        chair=chair,
        notice_sent_on=when.date() - datetime.timedelta(days=10),
    )
    services.meeting_record_held(actor=actor, meeting=meeting, outcome_summary="Heard")


# --------------------------------------------------------------------------- list


def test_the_list_shows_only_cases_the_user_may_see(
    api, case, hana, erin, ada, olga, sam, liam, london, operations, rita
):
    others = open_case(erin, erin, rita, london, operations, title="Erin's case")

    def refs(user):
        return {r["reference"] for r in login(api, user).get("/api/v1/cases/").json()["results"]}

    assert refs(hana) == {case.reference}
    assert refs(erin) == {case.reference, others.reference}
    assert refs(ada) == {case.reference, others.reference}
    assert refs(olga) == refs(sam) == refs(liam) == set()


def test_the_list_filters_and_searches(api, case, hana, sam, london, operations):
    grievance = open_case(hana, hana, sam, london, operations, kind=CaseKind.GRIEVANCE, title="Rota dispute")
    services.case_transition(
        actor=hana, case=grievance, to_status=CaseStatus.INVESTIGATION, expected_version=grievance.version
    )
    login(api, hana)

    def ids(query):
        response = api.get(f"/api/v1/cases/{query}")
        assert response.status_code == 200, response.json()
        return [r["id"] for r in response.json()["results"]]

    assert ids("?kind=grievance") == [grievance.pk]
    assert ids("?status=triage") == [case.pk]
    assert ids(f"?department={operations.pk}&jurisdiction=GB") == [grievance.pk, case.pk]
    assert ids(f"?case_manager={hana.pk + 1000}") == []
    assert ids("?q=rota") == [grievance.pk]
    assert ids(f"?q={case.reference}") == [case.pk]
    assert ids("?overdue=true") == []
    Case.objects.filter(pk=case.pk).update(next_deadline_on=timezone.localdate() - datetime.timedelta(days=1))
    assert ids("?overdue=true") == [case.pk]


def test_bad_filters_answer_400_with_the_field(api, hana):
    response = login(api, hana).get("/api/v1/cases/?kind=nonsense")

    assert response.status_code == 400 and "kind" in response.json()


def test_the_list_pages_with_a_cursor_newest_first(api, hana, sam, london, operations):
    made = [open_case(hana, hana, sam, london, operations, title=f"Case {i}") for i in range(3)]
    login(api, hana)

    first = api.get("/api/v1/cases/?page_size=2").json()
    second = api.get(first["next"]).json()

    assert [r["id"] for r in first["results"] + second["results"]] == [c.pk for c in reversed(made)]
    assert second["next"] is None


@pytest.mark.parametrize("closed", [False, True])
def test_the_case_rows_are_written_exactly_as_the_declared_fields_would_be(
    hana, sam, london, operations, closed
):
    from rest_framework import serializers

    from cases.api import CaseSerializer

    case = open_case(hana, hana, sam, london, operations)
    if closed:
        Case.objects.filter(pk=case.pk).update(
            closed_at=timezone.now(), next_deadline_on=datetime.date(2026, 12, 1)
        )
    case = Case.objects.select_related("location", "department", "case_manager").get(pk=case.pk)
    fast = CaseSerializer(case).data
    assert fast == serializers.Serializer.to_representation(CaseSerializer(), case)
    assert list(fast) == list(CaseSerializer().fields)


def test_the_number_of_queries_does_not_grow_with_the_page_size(
    api, hana, sam, london, operations, django_assert_num_queries
):
    for i in range(5):
        open_case(hana, hana, sam, london, operations, title=f"Case {i}")
    login(api, hana)
    with CaptureQueriesContext(connection) as five:
        assert len(api.get("/api/v1/cases/?page_size=50").json()["results"]) == 5
    for i in range(25):
        open_case(hana, hana, sam, london, operations, title=f"More {i}")

    with django_assert_num_queries(len(five.captured_queries)):
        assert len(api.get("/api/v1/cases/?page_size=50").json()["results"]) == 30


# --------------------------------------------------------------------------- create


def test_a_case_manager_opens_a_case_with_parties(api, hana, sam, liam, london, operations):
    response = login(api, hana).post(
        "/api/v1/cases/",
        {
            "kind": CaseKind.GRIEVANCE,
            "title": "Pay grievance",
            "summary": "Overtime unpaid",
            "case_manager": hana.pk,
            "location": london.pk,
            "department": operations.pk,
            "parties": [
                {"employee": sam.employee_record.pk, "role": PartyRole.COMPLAINANT},
                {"employee": liam.employee_record.pk, "role": PartyRole.RESPONDENT},
            ],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert case.reference == response.json()["reference"] and case.jurisdiction == "GB"
    assert {(p.employee, p.role) for p in case.parties.all()} == {
        (sam.employee_record, PartyRole.COMPLAINANT),
        (liam.employee_record, PartyRole.RESPONDENT),
    }


def test_opening_a_case_needs_the_add_case_permission(api, liam, ivan, sam, london, operations):
    body = {
        "kind": CaseKind.GRIEVANCE,
        "title": "x",
        "case_manager": liam.pk,
        "location": london.pk,
        "department": operations.pk,
    }

    assert login(api, liam).post("/api/v1/cases/", body, format="json").status_code == 403
    assert login(api, ivan).post("/api/v1/cases/", body, format="json").status_code == 403
    assert not Case.objects.exists()


def test_bad_case_input_answers_400_with_field_details(api, hana, liam, sam, erin, rita, london, operations):
    elsewhere = open_case(erin, erin, rita, london, operations)
    base = {
        "kind": CaseKind.GRIEVANCE,
        "title": "x",
        "case_manager": hana.pk,
        "location": london.pk,
        "department": operations.pk,
    }
    login(api, hana)

    unknown = api.post("/api/v1/cases/", base | {"location": 999999}, format="json")
    not_hr = api.post("/api/v1/cases/", base | {"case_manager": liam.pk}, format="json")
    twice = api.post(
        "/api/v1/cases/",
        base
        | {
            "parties": [
                {"employee": sam.employee_record.pk, "role": "subject"},
                {"employee": sam.employee_record.pk, "role": "subject"},
            ]
        },
        format="json",
    )
    unlinked = api.post("/api/v1/cases/", base | {"kind": CaseKind.APPEAL}, format="json")
    invisible = api.post(
        "/api/v1/cases/", base | {"kind": CaseKind.APPEAL, "appeal_of": elsewhere.pk}, format="json"
    )

    assert unknown.status_code == 400 and "location" in unknown.json()
    assert not_hr.status_code == 400 and not_hr.json()["field"] == "case_manager"
    assert twice.status_code == 400 and "parties" in twice.json()
    assert unlinked.status_code == 400 and unlinked.json()["field"] == "appeal_of"
    assert invisible.status_code == 400 and "appeal_of" in invisible.json()
    assert Case.objects.count() == 1


# --------------------------------------------------------------------------- detail and edit


def test_the_case_manager_reads_the_case_and_the_view_is_recorded(api, hana, sam, case):
    response = login(api, hana).get(f"/api/v1/cases/{case.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == case.reference and body["version"] == case.version
    assert [p["employee"]["id"] for p in body["parties"]] == [sam.employee_record.pk]
    assert body["next_statuses"] == [CaseStatus.INVESTIGATION, CaseStatus.CLOSED, CaseStatus.WITHDRAWN]
    assert AccessEntry.objects.filter(case_id=case.pk, user=hana, via="api").count() == 1


@pytest.mark.parametrize("who", ["olga", "sam", "liam", "ivan", "rita"])
def test_people_without_access_get_404_on_a_case(api, request, case, who):
    user = request.getfixturevalue(who)
    response = login(api, user).get(f"/api/v1/cases/{case.pk}/")

    assert response.status_code == 404
    # Logged as a refusal, never as a view.
    assert list(AccessEntry.objects.values_list("user", "case_id", "refused", "path")) == [
        (user.pk, case.pk, True, f"/api/v1/cases/{case.pk}/")
    ]


def test_the_subject_is_refused_even_with_an_explicit_grant(api, hana, sam, case):
    services.case_grant_access(actor=hana, case=case, user=sam)

    assert login(api, sam).get(f"/api/v1/cases/{case.pk}/").status_code == 404


def test_a_confidential_case_is_seen_only_by_its_manager_and_er_leads(
    api, hana, erin, ada, sam, london, operations
):
    eap = open_case(hana, hana, sam, london, operations, kind=CaseKind.EAP_REFERRAL, title="Support")

    assert login(api, hana).get(f"/api/v1/cases/{eap.pk}/").status_code == 200
    assert login(api, erin).get(f"/api/v1/cases/{eap.pk}/").status_code == 200
    assert login(api, ada).get(f"/api/v1/cases/{eap.pk}/").status_code == 404
    assert eap.pk not in [r["id"] for r in api.get("/api/v1/cases/").json()["results"]]


def test_patch_edits_title_and_summary_with_the_current_version(api, hana, case):
    response = login(api, hana).patch(
        f"/api/v1/cases/{case.pk}/",
        {"title": "Shouting at a customer", "version": case.version},
        format="json",
    )

    assert response.status_code == 200, response.json()
    case.refresh_from_db()
    assert case.title == "Shouting at a customer" and response.json()["version"] == case.version


def test_a_stale_version_is_refused_and_nothing_is_overwritten(api, hana, case):
    stale = case.version
    services.case_update(actor=hana, case=case, expected_version=stale, title="First edit", summary="")

    response = login(api, hana).patch(
        f"/api/v1/cases/{case.pk}/", {"title": "Second", "version": stale}, format="json"
    )

    assert response.status_code == 409
    assert (
        response.json()["field"] == "version"
        and "Someone else changed this case" in response.json()["detail"]
        and response.json()["current_version"] == stale + 1
    )
    case.refresh_from_db()
    assert case.title == "First edit"


def test_every_action_with_a_stale_version_answers_409_with_the_current_version(api, hana, case):
    current = case.version
    services.case_update(actor=hana, case=case, expected_version=current, title="First edit", summary="")
    login(api, hana)

    answers = [
        api.post(f"/api/v1/cases/{case.pk}/transition/", {"to_status": "investigation", "version": current}),
        api.patch(f"/api/v1/cases/{case.pk}/", {"title": "Second edit", "version": current}, format="json"),
    ]

    assert [a.status_code for a in answers] == [409, 409]
    assert all(a.json()["current_version"] == current + 1 for a in answers)


def test_patch_needs_a_version_and_refuses_people_without_access(api, hana, olga, case):
    missing = login(api, hana).patch(f"/api/v1/cases/{case.pk}/", {"title": "x"}, format="json")
    outsider = login(api, olga).patch(
        f"/api/v1/cases/{case.pk}/", {"title": "x", "version": case.version}, format="json"
    )

    assert missing.status_code == 400 and "version" in missing.json()
    assert outsider.status_code == 404


# --------------------------------------------------------------------------- transitions and actions


def test_a_transition_moves_the_case_and_bumps_the_version(api, hana, case):
    response = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/transition/",
        {"to_status": CaseStatus.INVESTIGATION, "version": case.version},
        format="json",
    )

    assert response.status_code == 200, response.json()
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATION and response.json()["version"] == case.version


def test_a_transition_the_workflow_forbids_is_refused_with_the_rule(api, hana, case):
    skip = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/transition/",
        {"to_status": CaseStatus.DECISION, "version": case.version},
        format="json",
    )
    services.allegation_add(actor=hana, case=case, category="conduct", description="Shouting")
    close = api.post(
        f"/api/v1/cases/{case.pk}/transition/",
        {"to_status": CaseStatus.CLOSED, "version": case.version},
        format="json",
    )

    assert skip.status_code == 400 and skip.json()["rule"] == "WORKFLOW"
    assert close.status_code == 400 and close.json()["rule"] == "FINDINGS"
    case.refresh_from_db()
    assert case.status == CaseStatus.TRIAGE


def test_withdrawing_needs_a_reason_and_a_stale_version_is_refused(api, hana, case):
    login(api, hana)
    no_reason = api.post(
        f"/api/v1/cases/{case.pk}/transition/",
        {"to_status": CaseStatus.WITHDRAWN, "version": case.version},
        format="json",
    )
    stale = api.post(
        f"/api/v1/cases/{case.pk}/transition/",
        {"to_status": CaseStatus.WITHDRAWN, "version": case.version - 1, "reason": "Resigned"},
        format="json",
    )
    bad = api.post(
        f"/api/v1/cases/{case.pk}/transition/", {"to_status": "limbo", "version": 1}, format="json"
    )

    assert no_reason.status_code == 400 and no_reason.json()["field"] == "reason"
    assert stale.status_code == 409 and stale.json()["field"] == "version"
    assert bad.status_code == 400 and "to_status" in bad.json()
    case.refresh_from_db()
    assert case.status == CaseStatus.TRIAGE


def test_an_investigator_may_neither_move_a_case_on_nor_close_it(api, hana, ivan, case):
    """The status is for those who manage the case: the investigator does not decide (XJ-001)."""
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    login(api, ivan)
    status = case.status

    on = api.post(
        f"/api/v1/cases/{case.pk}/transition/",
        {"to_status": CaseStatus.INVESTIGATION, "version": case.version},
        format="json",
    )
    withdraw = api.post(
        f"/api/v1/cases/{case.pk}/transition/",
        {"to_status": CaseStatus.WITHDRAWN, "version": case.version, "reason": "x"},
        format="json",
    )

    assert (on.status_code, withdraw.status_code) == (403, 403)
    case.refresh_from_db()
    assert case.status == status


def test_an_er_lead_reassigns_the_case_but_a_case_manager_may_not(api, hana, erin, case):
    refused = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/assign/", {"case_manager": erin.pk, "version": case.version}, format="json"
    )
    stale = login(api, erin).post(
        f"/api/v1/cases/{case.pk}/assign/",
        {"case_manager": erin.pk, "version": case.version + 5},
        format="json",
    )
    done = api.post(
        f"/api/v1/cases/{case.pk}/assign/", {"case_manager": erin.pk, "version": case.version}, format="json"
    )

    assert refused.status_code == 403
    assert stale.status_code == 409 and stale.json()["field"] == "version"
    assert done.status_code == 200 and done.json()["case_manager"] == erin.pk
    case.refresh_from_db()
    assert case.case_manager == erin


def test_grants_give_and_take_access_to_one_case(api, erin, hana, olga, case):
    login(api, erin)
    granted = api.post(f"/api/v1/cases/{case.pk}/grants/", {"user": olga.pk}, format="json")
    assert granted.status_code == 201
    assert login(api, olga).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert (
        api.patch(
            f"/api/v1/cases/{case.pk}/", {"title": "x", "version": case.version}, format="json"
        ).status_code
        == 403
    )

    revoked = login(api, erin).delete(f"/api/v1/cases/{case.pk}/grants/?user={olga.pk}")

    assert revoked.status_code == 204
    assert login(api, olga).get(f"/api/v1/cases/{case.pk}/").status_code == 404


def test_only_users_who_may_assign_can_grant(api, hana, olga, case):
    assert (
        login(api, hana)
        .post(f"/api/v1/cases/{case.pk}/grants/", {"user": olga.pk}, format="json")
        .status_code
        == 403
    )
    assert (
        login(api, olga)
        .post(f"/api/v1/cases/{case.pk}/grants/", {"user": olga.pk}, format="json")
        .status_code
        == 404
    )
    assert login(api, olga).get(f"/api/v1/cases/{case.pk}/").status_code == 404


def test_an_appointed_investigator_then_sees_the_case(api, hana, ivan, olga, case):
    login(api, hana)
    not_investigator = api.post(
        f"/api/v1/cases/{case.pk}/investigators/", {"investigator": olga.pk}, format="json"
    )
    appointed = api.post(f"/api/v1/cases/{case.pk}/investigators/", {"investigator": ivan.pk}, format="json")

    assert not_investigator.status_code == 400 and not_investigator.json()["field"] == "investigator"
    assert appointed.status_code == 201 and [p["id"] for p in appointed.json()] == [ivan.pk]
    assert login(api, ivan).get(f"/api/v1/cases/{case.pk}/").status_code == 200


def test_a_shared_note_reaches_the_submitter_of_the_concern(api, hana, liam, sam):
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouting"
    )
    case = services.concern_accept(
        actor=hana, concern=concern, kind=CaseKind.DISCIPLINARY, case_manager=hana, reason="Formal"
    )
    login(api, hana)

    internal = api.post(f"/api/v1/cases/{case.pk}/notes/", {"body": "Internal thoughts"}, format="json")
    shared = api.post(
        f"/api/v1/cases/{case.pk}/notes/",
        {"body": "We have started", "shared_with_submitter": True},
        format="json",
    )
    empty = api.post(f"/api/v1/cases/{case.pk}/notes/", {"body": " "}, format="json")

    assert internal.status_code == 201 and shared.status_code == 201
    assert empty.status_code == 400
    assert list(ConcernMessage.objects.values_list("body", flat=True)) == ["We have started"]
    assert (
        login(api, liam).post(f"/api/v1/cases/{case.pk}/notes/", {"body": "x"}, format="json").status_code
        == 404
    )


def test_an_outcome_before_a_hearing_is_refused_with_the_rule(api, hana, case):
    response = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/outcome/",
        {
            "decision": "Warning",
            "reasons": "Admitted",
            "sanction": "first_written_warning",
            "version": case.version,
        },
        format="json",
    )

    assert response.status_code == 400 and response.json()["rule"] == "GB-DISC-002"
    assert not Outcome.objects.exists()


def test_a_sanction_outside_the_jurisdiction_list_is_refused(api, hana, erin, case):
    hold_hearing(case, hana, erin)
    case.refresh_from_db()

    response = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/outcome/",
        {"decision": "x", "reasons": "y", "sanction": "reprimand", "version": case.version},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["rule"] == "SANCTION-LADDER" and response.json()["field"] == "sanction"


def test_the_outcome_is_recorded_after_a_hearing_and_can_be_appealed(api, hana, erin, case):
    hold_hearing(case, hana, erin)
    case.refresh_from_db()
    login(api, hana)

    no_appeal_yet = api.post(
        f"/api/v1/cases/{case.pk}/appeal/", {"grounds": "Unfair", "case_manager": erin.pk}, format="json"
    )
    recorded = api.post(
        f"/api/v1/cases/{case.pk}/outcome/",
        {
            "decision": "Warning",
            "reasons": "Admitted",
            "sanction": "first_written_warning",
            "decided_by": erin.pk,
            "version": case.version,
        },
        format="json",
    )
    appeal = api.post(
        f"/api/v1/cases/{case.pk}/appeal/", {"grounds": "Too harsh", "case_manager": erin.pk}, format="json"
    )

    assert no_appeal_yet.status_code == 400
    assert recorded.status_code == 201, recorded.json()
    assert recorded.json()["warning_live_until"] and recorded.json()["decided_by"]["id"] == erin.pk
    assert appeal.status_code == 201, appeal.json()
    created = Case.objects.get(pk=appeal.json()["id"])
    assert created.kind == CaseKind.APPEAL and created.appeal_of == case


def test_a_stale_outcome_is_refused(api, hana, erin, case):
    hold_hearing(case, hana, erin)
    stale = case.version
    services.case_update(actor=erin, case=case, expected_version=stale, title="Renamed", summary="")

    response = login(api, hana).post(
        f"/api/v1/cases/{case.pk}/outcome/",
        {"decision": "x", "reasons": "y", "version": stale},
        format="json",
    )

    assert response.status_code == 409 and response.json()["current_version"] == stale + 1
    assert not Outcome.objects.exists()


# --------------------------------------------------------------------------- refusals across endpoints

CASE_ACTIONS = [
    ("get", "/"),
    ("patch", "/"),
    ("post", "/transition/"),
    ("post", "/assign/"),
    ("post", "/grants/"),
    ("delete", "/grants/"),
    ("post", "/investigators/"),
    ("post", "/notes/"),
    ("post", "/outcome/"),
    ("post", "/appeal/"),
    ("get", "/parties/"),
    ("post", "/parties/"),
    ("get", "/allegations/"),
    ("post", "/allegations/"),
    ("get", "/meetings/"),
    ("post", "/meetings/"),
    ("get", "/documents/"),
    ("post", "/documents/"),
    ("get", "/timeline/"),
]


@pytest.mark.parametrize("who", ["olga", "sam", "liam"])
def test_every_case_endpoint_answers_404_to_people_who_may_not_see_the_case(api, request, case, who):
    login(api, request.getfixturevalue(who))
    for method, suffix in CASE_ACTIONS:
        response = getattr(api, method)(f"/api/v1/cases/{case.pk}{suffix}", {}, format="json")
        assert response.status_code == 404, (method, suffix, response.status_code)
    case.refresh_from_db()
    assert case.version == 1


def test_every_case_endpoint_refuses_anonymous_users(api, case):
    for method, suffix in CASE_ACTIONS:
        assert getattr(api, method)(f"/api/v1/cases/{case.pk}{suffix}").status_code in (401, 403)
    assert api.get("/api/v1/cases/").status_code in (401, 403)


def test_wrong_methods_are_refused(api, hana, case):
    login(api, hana)
    assert api.delete("/api/v1/cases/").status_code == 405
    assert api.post(f"/api/v1/cases/{case.pk}/").status_code == 405
    assert api.delete(f"/api/v1/cases/{case.pk}/").status_code == 405
    for suffix in ("transition", "assign", "investigators", "notes", "outcome", "appeal"):
        assert api.get(f"/api/v1/cases/{case.pk}/{suffix}/").status_code == 405
    assert api.get(f"/api/v1/cases/{case.pk}/grants/").status_code == 405
