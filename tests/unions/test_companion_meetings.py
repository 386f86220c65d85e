import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import CaseKind, PartyRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(hana, erin, sam, rita):
    case = services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Rota grievance about Pat Secret",
        summary="Confidential internals",
        case_manager=hana,
        location=sam.employee_record.location,
        department=sam.employee_record.department,
        parties=[(sam.employee_record, PartyRole.COMPLAINANT)],
    )
    services.note_add(actor=hana, case=case, body="Internal note nobody else may read")
    when = timezone.now() + datetime.timedelta(days=10)
    return services.meeting_schedule(
        actor=hana,
        case=case,
        kind="grievance_meeting",
        scheduled_for=when,
        chair=erin,
        place="Room 4B",
        companion=rita.employee_record,
        notice_sent_on=timezone.localdate(),
    )


def test_a_union_rep_sees_the_meetings_they_attend_with_date_place_and_name_only(client, rita, hearing):
    client.force_login(rita)
    page = client.get(reverse("unions:companion_meeting_list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Room 4B" in body and "Sam Subject" in body
    assert hearing.case.reference not in body
    assert "Confidential internals" not in body and "Internal note" not in body and "Pat Secret" not in body


def test_a_union_rep_cannot_open_the_case_of_a_meeting_they_attend(client, rita, hearing):
    client.force_login(rita)
    assert client.get(f"/api/v1/cases/{hearing.case_id}/").status_code in (403, 404)
    assert client.get(reverse("cases:case_detail", args=[hearing.case_id])).status_code == 404


def test_someone_not_named_as_companion_sees_no_meetings(client, olga, hearing):
    client.force_login(olga)
    page = client.get(reverse("unions:companion_meeting_list"))
    assert page.status_code == 200
    assert "Room 4B" not in page.content.decode()


def test_the_companion_meetings_page_refuses_anonymous_users_and_posts(client, rita, hearing):
    assert client.get(reverse("unions:companion_meeting_list")).status_code == 302
    client.force_login(rita)
    assert client.post(reverse("unions:companion_meeting_list")).status_code == 405


def test_a_companion_sees_no_meeting_of_a_case_in_which_they_or_their_manager_are_respondent(
    client, rita, olga, hana, hearing
):
    """A meeting reveals its case, so the case's conflict rule applies to its companion too."""
    client.force_login(rita)
    assert "Room 4B" in client.get(reverse("unions:companion_meeting_list")).content.decode()
    rita.employee_record.manager = olga.employee_record
    rita.employee_record.save(update_fields=["manager"])
    services.party_add(
        actor=hana, case=hearing.case, employee=olga.employee_record, role=PartyRole.RESPONDENT
    )
    assert "Room 4B" not in client.get(reverse("unions:companion_meeting_list")).content.decode()
