"""The deadlines calendar, the notification list and their API, through the URLs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import deadlines, services
from deadlines import selectors as deadline_selectors
from deadlines.models import Notification
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]


def _deadline(case, hana, due_on, key="custom", **extra):
    return deadlines.deadline_set(
        key=key,
        title=f"Do {key}",
        due_on=due_on,
        time_zone="Europe/London",
        responsible=hana,
        case=case,
        rule_id="GB-APP-001",
        citation="Acas Code para 26",
        **extra,
    )


def test_the_calendar_shows_deadlines_on_their_days_with_overdue_ones_in_red(client, hana, case):
    today = timezone.localdate()
    _deadline(case, hana, today - datetime.timedelta(days=2), key="late")
    _deadline(case, hana, today + datetime.timedelta(days=1), key="soon", is_risk_date=True)
    client.force_login(hana)

    response = client.get(reverse("deadlines:deadline_calendar"), {"month": today.strftime("%Y-%m")})

    assert response.status_code == 200
    html = response.content.decode()
    if (today - datetime.timedelta(days=2)).month == today.month:
        assert "deadline-overdue" in html and "Do late" in html
    assert reverse("cases:case_detail", args=[case.pk]) in html
    assert "Deadlines" in html


def test_the_calendar_shows_only_deadlines_of_cases_the_user_may_see(client, hana, ivan, case):
    _deadline(case, hana, timezone.localdate(), key="secret")
    client.force_login(ivan)

    response = client.get(reverse("deadlines:deadline_calendar"), {"scope": "all"})

    assert response.status_code == 200
    assert "Do secret" not in response.content.decode()


def test_the_calendar_is_refused_without_the_case_role_and_to_posts(client, hana, olga):
    client.force_login(olga)
    assert client.get(reverse("deadlines:deadline_calendar")).status_code == 403
    client.force_login(hana)
    assert client.post(reverse("deadlines:deadline_calendar")).status_code == 405
    client.logout()
    assert client.get(reverse("deadlines:deadline_calendar")).status_code == 302


def test_the_case_page_and_my_work_list_the_deadlines(client, hana, case):
    _deadline(case, hana, timezone.localdate() - datetime.timedelta(days=1), key="late")
    _deadline(case, hana, timezone.localdate() + datetime.timedelta(days=9), key="later")
    client.force_login(hana)

    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert 'id="deadlines"' in page and "GB-APP-001" in page and "Acas Code para 26" in page
    assert "Overdue" in page

    work = client.get(reverse("cases:my_work")).content.decode()
    assert work.index("Do late") < work.index("Do later")


def test_the_notification_list_shows_own_notifications_marks_them_read_and_the_header_counts_unread(
    client, hana, erin
):
    Notification.objects.create(user=hana, title="Due today: write the letter")
    Notification.objects.create(user=erin, title="Not for Hana")
    client.force_login(hana)

    home = client.get(reverse("cases:my_work")).content.decode()
    assert reverse("deadlines:notification_list") in home and "1 unread notification" in home

    page = client.get(reverse("deadlines:notification_list")).content.decode()
    assert "Due today: write the letter" in page and "Not for Hana" not in page
    assert not Notification.objects.filter(user=hana, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=erin, read_at__isnull=True).exists()
    assert client.post(reverse("deadlines:notification_list")).status_code == 405


def test_the_deadlines_api_filters_by_due_range_responsible_and_overdue(client, hana, case):
    today = timezone.localdate()
    late = _deadline(case, hana, today - datetime.timedelta(days=3), key="late")
    soon = _deadline(case, hana, today + datetime.timedelta(days=3), key="soon")
    client.force_login(hana)
    url = reverse("api:deadline-list")

    every = client.get(url, {"case": case.pk}).json()["results"]
    assert [d["id"] for d in every] == [late.pk, soon.pk]
    assert every[0]["overdue"] is True and every[0]["rule_id"] == "GB-APP-001"
    assert [d["id"] for d in client.get(url, {"overdue": "true"}).json()["results"]] == [late.pk]
    assert [d["id"] for d in client.get(url, {"due_from": today.isoformat()}).json()["results"]] == [soon.pk]
    assert [
        d["id"]
        for d in client.get(url, {"responsible": hana.pk, "due_to": today.isoformat()}).json()["results"]
    ] == [late.pk]
    assert client.get(url, {"due_from": "yesterday"}).status_code == 400


def test_the_deadlines_api_shows_only_visible_cases_and_own_deadlines(client, hana, ivan, olga, case):
    _deadline(case, hana, timezone.localdate(), key="hidden")
    on_hidden_case = deadlines.deadline_set(
        key="own",
        title="Ivan's",
        due_on=timezone.localdate(),
        time_zone="Europe/London",
        responsible=ivan,
        case=case,
    )
    client.force_login(ivan)
    # Being responsible never reveals a case the user may not see (the conflict rule must win).
    assert [d["id"] for d in client.get(reverse("api:deadline-list")).json()["results"]] == []
    services.case_add_investigator(actor=hana, case=case, investigator=ivan)
    ids = {d["id"] for d in client.get(reverse("api:deadline-list")).json()["results"]}
    assert on_hidden_case.pk in ids

    client.force_login(olga)
    assert client.get(reverse("api:deadline-list")).status_code == 403
    client.force_login(hana)
    assert client.post(reverse("api:deadline-list")).status_code == 405
    client.logout()
    assert client.get(reverse("api:deadline-list")).status_code in (401, 403)


def test_the_notifications_api_lists_and_marks_read_only_the_users_own(client, hana, erin):
    mine = Notification.objects.create(user=hana, title="Mine")
    theirs = Notification.objects.create(user=erin, title="Theirs")
    client.force_login(hana)

    listed = client.get(reverse("api:notification-list"), {"unread": "true"}).json()["results"]
    assert [n["id"] for n in listed] == [mine.pk]

    response = client.post(reverse("api:notification-read", args=[mine.pk]))
    assert response.status_code == 200 and response.json()["read_at"] is not None
    assert client.post(reverse("api:notification-read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("api:notification-read", args=[mine.pk])).status_code == 405
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.logout()
    assert client.get(reverse("api:notification-list")).status_code in (401, 403)


def test_my_work_never_shows_a_deadline_of_a_case_the_user_is_conflicted_on(hana, erin, case):
    mine = _deadline(case, hana, timezone.localdate(), key="visible")
    assert [d.pk for d in deadline_selectors.my_open_deadlines(user=hana)] == [mine.pk]
    services.party_add(
        actor=erin, case=case, employee=erin.employee_record, role="respondent"
    )  # hana's manager
    assert deadline_selectors.my_open_deadlines(user=hana) == []
