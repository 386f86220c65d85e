import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Case, CaseKind, CaseStatus

pytestmark = pytest.mark.django_db

LIST = reverse("cases:case_list")


def _open(actor, manager, location, department, n, *, kind=CaseKind.GRIEVANCE, title="Case"):
    return [
        services.case_open(
            actor=actor,
            kind=kind,
            title=f"{title} {i}",
            case_manager=manager,
            location=location,
            department=department,
        )
        for i in range(n)
    ]


def test_the_list_shows_the_users_cases_with_their_columns(client, hana, london, operations):
    (case,) = _open(hana, hana, london, operations, 1, title="Rota dispute")
    client.force_login(hana)
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert case.reference in body and "Rota dispute" in body and "Operations" in body


def test_the_list_shows_nothing_to_an_outsider(client, hana, olga, london, operations):
    _open(hana, hana, london, operations, 2)
    client.force_login(olga)
    response = client.get(LIST)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


def test_a_user_without_a_role_sees_the_cases_granted_to_them(client, hana, erin, olga, london, operations):
    granted, _other = _open(hana, hana, london, operations, 2)
    services.case_grant_access(actor=erin, case=granted, user=olga)
    client.force_login(olga)
    assert list(client.get(LIST).context["page"]) == [granted]


def test_the_list_refuses_post(client, hana):
    client.force_login(hana)
    assert client.post(LIST).status_code == 405


def test_the_list_filters_by_kind_status_and_search(client, hana, london, operations):
    (grievance,) = _open(hana, hana, london, operations, 1, title="Pay grievance")
    (discipline,) = _open(hana, hana, london, operations, 1, kind=CaseKind.DISCIPLINARY, title="Lateness")
    services.case_transition(
        actor=hana,
        case=discipline,
        to_status=CaseStatus.WITHDRAWN,
        expected_version=discipline.version,
        reason="Resigned",
    )
    client.force_login(hana)
    assert list(client.get(LIST, {"kind": CaseKind.GRIEVANCE}).context["page"]) == [grievance]
    assert list(client.get(LIST, {"open_only": "on"}).context["page"]) == [grievance]
    assert list(client.get(LIST, {"status": CaseStatus.WITHDRAWN}).context["page"]) == [discipline]
    assert list(client.get(LIST, {"q": "Lateness"}).context["page"]) == [discipline]


def test_overdue_cases_are_highlighted_and_filterable(client, hana, london, operations):
    late, on_time = _open(hana, hana, london, operations, 2)
    today = timezone.localdate()
    Case.objects.filter(pk=late.pk).update(next_deadline_on=today - datetime.timedelta(days=2))
    Case.objects.filter(pk=on_time.pk).update(next_deadline_on=today + datetime.timedelta(days=2))
    client.force_login(hana)
    response = client.get(LIST)
    assert response.content.decode().count('class="overdue"') == 1
    assert list(client.get(LIST, {"overdue": "on"}).context["page"]) == [late]


def test_the_number_of_queries_does_not_grow_with_the_page_size(
    client, hana, erin, london, operations, people_team, django_assert_num_queries
):
    _open(hana, hana, london, operations, 5)
    client.force_login(erin)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(LIST).context["page"]) == 5
    _open(hana, hana, london, people_team, 20)
    with django_assert_num_queries(len(five)):
        assert len(client.get(LIST).context["page"]) == 25


def test_my_work_shows_counts_and_open_cases_by_next_deadline(client, hana, london, operations):
    later, sooner, closed = _open(hana, hana, london, operations, 3)
    today = timezone.localdate()
    Case.objects.filter(pk=later.pk).update(next_deadline_on=today + datetime.timedelta(days=20))
    Case.objects.filter(pk=sooner.pk).update(next_deadline_on=today - datetime.timedelta(days=1))
    services.case_transition(
        actor=hana,
        case=closed,
        to_status=CaseStatus.WITHDRAWN,
        expected_version=closed.version,
        reason="Resolved",
    )
    client.force_login(hana)
    response = client.get(reverse("cases:my_work"))
    assert response.status_code == 200
    assert list(response.context["cases"]) == [sooner, later]
    assert response.context["counts"]["open"] == 2
    assert 'class="counts"' in response.content.decode()


def test_my_work_pages_its_cases_fifty_at_a_time_and_counts_them_all(client, hana, london, operations):
    opened = _open(hana, hana, london, operations, 53)
    today = timezone.localdate()
    for days, case in enumerate(opened):
        Case.objects.filter(pk=case.pk).update(next_deadline_on=today + datetime.timedelta(days=days))
    client.force_login(hana)
    first = client.get(reverse("cases:my_work"))
    assert first.context["counts"]["open"] == 53
    assert [c.pk for c in first.context["cases"]] == [c.pk for c in opened[:50]]
    second = client.get(reverse("cases:my_work"), {"page": 2})
    assert [c.pk for c in second.context["cases"]] == [c.pk for c in opened[50:]]
    assert "page=1" in second.content.decode()


def test_my_works_queries_do_not_grow_with_its_cases_or_deadlines(
    client, hana, london, operations, django_assert_num_queries
):
    from cases import deadlines

    def add(n):
        for case in _open(hana, hana, london, operations, n):
            with transaction.atomic():
                deadlines.deadline_set(
                    case=case,
                    key="respond",
                    title="Respond",
                    due_on=timezone.localdate(),
                    time_zone="Europe/London",
                    responsible=hana,
                )

    add(2)
    client.force_login(hana)
    client.get(reverse("cases:my_work"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("cases:my_work"))
    add(60)  # more than a page of cases and of deadlines
    with django_assert_num_queries(len(few)):
        response = client.get(reverse("cases:my_work"))
    assert response.context["counts"]["open"] == 62 and len(response.context["cases"]) == 50


def test_my_work_is_refused_without_a_case_role_and_refuses_post(client, olga, hana):
    client.force_login(olga)
    assert client.get(reverse("cases:my_work")).status_code == 403
    client.force_login(hana)
    assert client.post(reverse("cases:my_work")).status_code == 405


def test_the_trends_dashboard_counts_only_visible_cases(client, hana, erin, london, operations, people_team):
    _open(hana, hana, london, operations, 2)
    _open(erin, erin, london, people_team, 3)
    client.force_login(hana)
    response = client.get(reverse("cases:dashboard"))
    assert response.status_code == 200
    charts = {chart["id"]: chart for chart in response.context["charts"]}
    assert charts["chart-by-department"]["rows"] == [["Operations", 2]]
    assert charts["chart-by-department"]["data"]["datasets"] == [{"label": "Open cases", "data": [2]}]
    assert 'id="chart-by-kind"' in response.content.decode()
    client.force_login(erin)
    charts = {chart["id"]: chart for chart in client.get(reverse("cases:dashboard")).context["charts"]}
    assert sum(row[1] for row in charts["chart-by-kind"]["rows"]) == 5


def test_the_trends_dashboard_is_refused_without_a_case_role_and_refuses_post(client, olga, hana):
    client.force_login(olga)
    assert client.get(reverse("cases:dashboard")).status_code == 403
    client.force_login(hana)
    assert client.post(reverse("cases:dashboard")).status_code == 405


def test_a_long_list_counts_only_up_to_the_cap_and_every_page_stays_reachable(
    client, hana, london, operations, monkeypatch
):
    monkeypatch.setattr("cases.pagination.CASE_LIST_COUNT_CAP", 10)
    _open(hana, hana, london, operations, 30)
    client.force_login(hana)
    first = client.get(LIST)
    assert first.context["page"].paginator.capped and len(first.context["page"]) == 25
    body = first.content.decode()
    assert "More than 25 cases" in body and "page=2" in body and "30 cases" not in body
    second = client.get(LIST, {"page": 2})
    assert not second.context["page"].paginator.capped and len(second.context["page"]) == 5
    assert "30 cases" in second.content.decode()
    beyond = client.get(LIST, {"page": 9})
    assert beyond.context["page"].number == 2
