import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit import services as audit_services
from audit.models import AccessEntry, AuditEntry
from cases import services
from cases.models import (
    Case,
    CaseKind,
    CaseStatus,
    Document,
    Meeting,
    MeetingStatus,
    TimelineEntry,
)

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def case(hana, liam, sam):
    concern = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Shouted at a customer"
    )
    return services.concern_accept(
        actor=hana,
        concern=concern,
        kind=CaseKind.DISCIPLINARY,
        case_manager=hana,
        reason="Formal process needed",
    )


def _url(name: str, case: Case, *args: int) -> str:
    return reverse(f"cases:{name}", args=[case.pk, *args])


def test_the_case_manager_sees_the_case_page_with_its_parts_and_actions(client, hana, case):
    client.force_login(hana)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert case.reference in body
    assert "Sam Subject" in body
    assert 'class="steps"' in body and 'aria-current="step"' in body
    assert _url("case_transition", case) in body
    assert _url("note_add", case) in body


def test_viewing_the_case_page_writes_an_access_log_row(client, hana, case):
    client.force_login(hana)
    client.get(case.get_absolute_url())
    row = AccessEntry.objects.get(case_id=case.pk, user=hana)
    assert row.via == "page" and row.path == case.get_absolute_url()


def test_an_outsider_gets_404_on_the_case_page_and_on_its_actions(client, olga, case):
    client.force_login(olga)
    assert client.get(case.get_absolute_url()).status_code == 404
    response = client.post(_url("note_add", case), {"body": "I should not be here"})
    assert response.status_code == 404
    assert not TimelineEntry.objects.filter(case=case, body="I should not be here").exists()
    # Both requests are logged as refusals, never as views.
    assert list(AccessEntry.objects.filter(user=olga).order_by("id").values_list("refused", "path")) == [
        (True, case.get_absolute_url()),
        (True, _url("note_add", case)),
    ]


def test_the_subject_of_a_case_gets_404_even_with_an_hr_role(client, case, sam):
    client.force_login(sam)
    assert client.get(case.get_absolute_url()).status_code == 404


def test_an_action_url_refuses_get(client, hana, case):
    client.force_login(hana)
    assert client.get(_url("case_transition", case)).status_code == 405
    assert client.get(_url("note_add", case)).status_code == 405


def test_an_investigator_not_on_the_case_gets_404(client, ivan, case):
    client.force_login(ivan)
    assert client.get(case.get_absolute_url()).status_code == 404


def test_a_granted_user_without_a_role_sees_the_case_but_no_actions(client, hana, erin, olga, case):
    services.case_grant_access(actor=erin, case=case, user=olga)
    client.force_login(olga)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert _url("note_add", case) not in response.content.decode()
    assert client.post(_url("note_add", case), {"body": "x"}).status_code == 403


def test_a_stale_edit_is_refused_with_the_services_message(client, hana, case):
    client.force_login(hana)
    stale = case.version
    services.case_update(actor=hana, case=case, expected_version=stale, title="Changed meanwhile", summary="")
    response = client.post(
        _url("case_edit", case), {"title": "My edit", "summary": "", "expected_version": stale}
    )
    assert response.status_code == 200
    assert "Someone else changed this case" in response.content.decode()
    case.refresh_from_db()
    assert case.title == "Changed meanwhile"


def test_an_edit_with_the_current_version_saves_and_redirects(client, hana, case):
    client.force_login(hana)
    response = client.post(
        _url("case_edit", case),
        {"title": "New title", "summary": "New summary", "expected_version": case.version},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.summary) == ("New title", "New summary")
    assert AuditEntry.objects.filter(case_id=case.pk, action="case_updated").exists()


def test_a_transition_moves_the_case_along_its_path(client, hana, case):
    client.force_login(hana)
    response = client.post(
        _url("case_transition", case),
        {"to_status": CaseStatus.INVESTIGATION, "expected_version": case.version},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATION


def test_withdrawing_without_a_reason_is_a_form_error(client, hana, case):
    client.force_login(hana)
    response = client.post(
        _url("case_transition", case), {"to_status": CaseStatus.WITHDRAWN, "expected_version": case.version}
    )
    assert response.status_code == 200
    assert "Say why the case is withdrawn." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.TRIAGE


def test_closing_with_an_allegation_without_finding_shows_the_guardrail(client, hana, case):
    services.allegation_add(actor=hana, case=case, category="conduct", description="Shouting")
    client.force_login(hana)
    response = client.post(
        _url("case_transition", case), {"to_status": CaseStatus.CLOSED, "expected_version": case.version}
    )
    assert response.status_code == 200
    assert "have no finding" in response.content.decode()
    case.refresh_from_db()
    assert case.is_open


def test_a_hearing_chaired_by_the_investigator_is_refused_as_a_form_error(client, hana, ivan, case):
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    client.force_login(hana)
    when = timezone.localtime() + datetime.timedelta(days=14)
    response = client.post(
        _url("meeting_schedule", case),
        {
            "kind": "disciplinary_hearing",
            "scheduled_for": when.strftime("%Y-%m-%dT%H:%M"),
            "chair": ivan.pk,
            "notice_sent_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    form = response.context["meeting_form"]
    assert "investigated this case and cannot chair its hearing" in str(form.errors["chair"])
    assert not Meeting.objects.filter(case=case).exists()


def _action_form(client, case, action, **headers):
    return client.get(reverse("cases:case_action_form", args=[case.pk, action]), headers=headers)


def test_the_override_reason_is_offered_only_to_er_leads(client, hana, erin, case):
    client.force_login(hana)
    assert "override_reason" not in _action_form(client, case, "meeting").context["form"].fields
    client.force_login(erin)
    assert "override_reason" in _action_form(client, case, "meeting").context["form"].fields


def test_heavier_action_forms_load_when_opened_and_post_where_the_page_would(client, hana, olga, case):
    client.force_login(hana)
    page = client.get(case.get_absolute_url())
    body = page.content.decode()
    assert "meeting_form" not in page.context
    meeting_url = reverse("cases:case_action_form", args=[case.pk, "meeting"])
    assert (
        f'hx-get="{meeting_url}"' in body and f'href="{meeting_url}"' in body
    )  # htmx, and a link without it
    fragment = _action_form(client, case, "meeting", HX_Request="true")
    html = fragment.content.decode()
    assert html.lstrip().startswith("<form") and f'action="{_url("meeting_schedule", case)}"' in html
    assert 'name="chair"' in html and "csrfmiddlewaretoken" in html and "<html" not in html
    whole = _action_form(client, case, "meeting")  # without htmx: a page with just the form
    assert "<html" in whole.content.decode() and 'name="chair"' in whole.content.decode()
    assert _action_form(client, case, "no-such-action").status_code == 404
    assert _action_form(client, case, "appeal").status_code == 403  # no outcome yet: nothing to appeal
    client.force_login(olga)
    assert _action_form(client, case, "meeting").status_code == 404


def test_scheduling_holding_and_recording_a_meeting_with_minutes(client, hana, erin, case):
    client.force_login(hana)
    when = timezone.localtime() - datetime.timedelta(days=1)
    response = client.post(
        _url("meeting_schedule", case),
        {
            "kind": "disciplinary_hearing",
            "scheduled_for": when.strftime("%Y-%m-%dT%H:%M"),
            "chair": erin.pk,
            "notice_sent_on": (when.date() - datetime.timedelta(days=10)).isoformat(),
            "place": "Room 4",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(case=case)
    minutes = SimpleUploadedFile("minutes.txt", b"We met and talked.", content_type="text/plain")
    response = client.post(
        _url("meeting_held", case, meeting.pk), {"outcome_summary": "Heard", "minutes": minutes}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.minutes.content_type == "text/plain"


def test_recording_a_finding_on_an_allegation(client, hana, case):
    allegation = services.allegation_add(actor=hana, case=case, category="conduct", description="Shouting")
    client.force_login(hana)
    response = client.post(
        _url("allegation_finding", case, allegation.pk), {"finding": "upheld", "reasons": "Admitted"}
    )
    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.finding == "upheld"


def test_an_outcome_before_a_hearing_is_refused_on_the_page(client, hana, case):
    client.force_login(hana)
    response = client.post(
        _url("outcome_record", case),
        {
            "decision": "Warning",
            "reasons": "Admitted",
            "sanction": "first_written_warning",
            "expected_version": case.version,
            "appeal_allowed": "on",
        },
    )
    assert response.status_code == 200
    assert "No hearing has been held" in response.content.decode()
    assert not hasattr(Case.objects.get(pk=case.pk), "outcome")


def test_the_sanction_choices_follow_the_jurisdiction(client, hana, case):
    client.force_login(hana)
    choices = [c[0] for c in _action_form(client, case, "outcome").context["form"].fields["sanction"].choices]
    assert "first_written_warning" in choices and "reprimand" not in choices


def test_a_shared_note_reaches_the_submitter_and_an_internal_one_does_not(client, hana, case):
    client.force_login(hana)
    client.post(_url("note_add", case), {"body": "Internal thoughts"})
    client.post(
        _url("note_add", case), {"body": "We have opened a formal process", "shared_with_submitter": "on"}
    )
    messages = list(case.concerns.get().messages.values_list("body", flat=True))
    assert messages == ["We have opened a formal process"]


def test_uploading_a_document_and_a_new_version(client, hana, case):
    client.force_login(hana)
    first = SimpleUploadedFile("statement.txt", b"First statement", content_type="text/plain")
    assert (
        client.post(
            _url("document_upload", case), {"title": "Statement", "kind": "statement", "file": first}
        ).status_code
        == 302
    )
    doc = Document.objects.get(case=case, title="Statement")
    second = SimpleUploadedFile("statement2.txt", b"Corrected statement", content_type="text/plain")
    client.post(
        _url("document_upload", case),
        {"title": "Statement", "kind": "statement", "file": second, "replaces": doc.pk},
    )
    assert Document.objects.get(replaces=doc).version == 2


def test_a_disallowed_upload_is_a_field_error_and_nothing_is_stored(client, hana, case):
    client.force_login(hana)
    exe = SimpleUploadedFile("tool.pdf", b"MZ\x90\x00\x03\x00\x00\x00" * 10, content_type="application/pdf")
    response = client.post(_url("document_upload", case), {"title": "Tool", "kind": "evidence", "file": exe})
    assert response.status_code == 200
    assert "not an allowed type" in str(response.context["document_form"].errors["file"])
    assert not Document.objects.filter(case=case).exists()


def test_documents_download_as_attachment_and_preview_inline_with_nosniff(client, hana, olga, case):
    doc = services.document_store(
        actor=hana,
        case=case,
        title="Photo",
        file=SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
    )
    client.force_login(hana)
    download = client.get(reverse("cases:document_download", args=[doc.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    preview = client.get(reverse("cases:document_preview", args=[doc.pk]))
    assert preview["Content-Disposition"].startswith("inline")
    assert preview["Content-Type"] == "image/png"
    assert client.post(reverse("cases:document_download", args=[doc.pk])).status_code == 405
    client.force_login(olga)
    assert client.get(reverse("cases:document_download", args=[doc.pk])).status_code == 404


def test_the_audit_section_is_for_er_leads_not_case_managers(client, hana, erin, case):
    client.force_login(erin)
    response = client.get(case.get_absolute_url())
    assert response.context["show_audit"] is True
    assert reverse("cases:case_audit", args=[case.pk]) in response.content.decode()
    client.force_login(hana)
    response = client.get(case.get_absolute_url())
    assert response.context["show_audit"] is False
    assert reverse("cases:case_audit", args=[case.pk]) not in response.content.decode()
    assert client.get(reverse("cases:case_audit", args=[case.pk])).status_code == 403


def test_the_audit_page_lists_every_change_and_view_newest_first_fifty_a_page(client, erin, hana, case):
    audit_services.entries_append(
        entries=[AccessEntry(user=hana, case_id=case.pk, via="api", path=f"/view/{i}") for i in range(60)]
    )
    client.force_login(erin)
    url = reverse("cases:case_audit", args=[case.pk])
    changes = client.get(url)
    assert changes.status_code == 200
    assert "Case opened" in changes.content.decode()
    views_page = client.get(url, {"log": "views"})
    rows = list(views_page.context["page"])
    assert len(rows) == 50 and views_page.context["page"].paginator.count == 62  # + two views of the audit
    assert rows[0].via == "audit" and rows[0].user == erin  # looking at the audit is itself logged
    assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)
    last = client.get(url, {"log": "views", "page": 2})
    assert len(last.context["page"]) == 13  # 60 + 3 views of the audit page itself


def test_granting_and_revoking_access_needs_the_assign_permission(client, hana, erin, olga, case):
    client.force_login(hana)
    assert client.post(_url("case_grant_access", case), {"user": olga.email}).status_code == 403
    client.force_login(erin)
    assert client.post(_url("case_grant_access", case), {"user": olga.email}).status_code == 302
    assert olga.has_perm("cases.view_case", case)
    assert client.post(_url("case_revoke_access", case), {"user": olga.pk}).status_code == 302
    olga_again = type(olga).objects.get(pk=olga.pk)
    assert not olga_again.has_perm("cases.view_case", case)


def test_granting_to_an_unknown_address_is_a_field_error(client, erin, case):
    client.force_login(erin)
    response = client.post(_url("case_grant_access", case), {"user": "nobody@example.com"})
    assert response.status_code == 200
    assert "Nobody with a log-in" in str(response.context["access_form"].errors["user"])


def test_actions_are_not_offered_on_a_closed_case_and_are_refused(client, hana, case):
    services.case_transition(
        actor=hana,
        case=case,
        to_status=CaseStatus.WITHDRAWN,
        expected_version=case.version,
        reason="Resigned",
    )
    client.force_login(hana)
    response = client.get(case.get_absolute_url())
    assert "note_form" not in response.context
    assert client.post(_url("note_add", case), {"body": "Late note"}).status_code == 403


def test_adding_a_party_with_the_picker_field(client, hana, rita, case):
    client.force_login(hana)
    response = client.post(
        _url("party_add", case), {"employee": rita.employee_record.pk, "role": "companion"}
    )
    assert response.status_code == 302
    assert case.parties.filter(employee=rita.employee_record, role="companion").exists()


def test_the_case_page_queries_do_not_grow_with_its_timeline_parties_and_allegations(
    client, hana, ada, rita, case
):
    services.note_add(actor=hana, case=case, body="First note")
    services.allegation_add(actor=hana, case=case, category="conduct", description="First allegation")
    services.party_add(actor=hana, case=case, employee=ada.employee_record, role="witness")
    client.force_login(hana)
    client.get(case.get_absolute_url())  # the first view warms the caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(case.get_absolute_url()).status_code == 200
    for i in range(8):
        services.note_add(actor=hana, case=case, body=f"Note {i}")
        services.allegation_add(actor=hana, case=case, category="conduct", description=f"Allegation {i}")
    services.party_add(actor=hana, case=case, employee=rita.employee_record, role="witness")
    with CaptureQueriesContext(connection) as large:
        response = client.get(case.get_absolute_url())
    assert "Note 7" in response.content.decode() and "Allegation 7" in response.content.decode()
    assert len(large) == len(small)


def test_a_granted_users_case_page_reads_their_case_grants_once_for_all_actions(
    client, hana, erin, liam, case
):
    services.case_grant_access(actor=erin, case=case, user=liam, can_change=True)
    client.force_login(liam)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200 and _url("note_add", case) in response.content.decode()
    # One read to find the case (its view permission), one for every action on the page.
    grant_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "auth_permission"."codename"')
        and "caseuserobjectpermission" in q["sql"]
    ]
    assert len(grant_reads) <= 2


def test_staff_names_in_the_action_selects_are_escaped_once(client, erin, hana, case):
    type(hana).objects.filter(pk=hana.pk).update(full_name='Hana <b>"Bold"</b> & Co')
    client.force_login(erin)
    body = _action_form(client, case, "meeting").content.decode()
    assert "Hana &lt;b&gt;&quot;Bold&quot;&lt;/b&gt; &amp; Co</option>" in body
    assert '<b>"Bold"</b>' not in body and "&amp;lt;" not in body
