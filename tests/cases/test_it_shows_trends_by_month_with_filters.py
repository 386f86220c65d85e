"""The trends page: cases opened and closed by month over a chosen range, filtered by
jurisdiction, location and department, each chart with its table, only over visible cases."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from cases import services
from cases.forms import trends_default_range
from cases.models import Case, CaseKind, CaseStatus
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

TRENDS = reverse("cases:dashboard")
LONDON = ZoneInfo("Europe/London")


def _open_on(when: str, *, actor, location, department, kind=CaseKind.GRIEVANCE) -> Case:
    """A case opened at ``when`` (London time), as the service opens it on that day."""
    at = datetime.datetime.fromisoformat(when).replace(tzinfo=LONDON)
    with time_machine.travel(at, tick=False):
        return services.case_open(
            actor=actor,
            kind=kind,
            title=f"Case of {when}",
            case_manager=actor,
            location=location,
            department=department,
        )


def _closed_on(case: Case, when: str) -> None:
    at = datetime.datetime.fromisoformat(when).replace(tzinfo=LONDON)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=at)


def _months(response) -> dict[str, tuple[int, int]]:
    return {
        row["month"].isoformat(): (row["opened"], row["closed"])
        for row in response.context["trends"]["by_month"]
    }


def _chart(response, name):
    return next(c for c in response.context["charts"] if c["id"] == f"chart-{name}")


def test_it_defaults_to_the_twelve_months_up_to_today_on_the_clock():
    assert trends_default_range(datetime.date(2026, 12, 9)) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 9),
    )
    assert trends_default_range(datetime.date(2027, 3, 31)) == (
        datetime.date(2026, 4, 1),
        datetime.date(2027, 3, 31),
    )
    assert trends_default_range(datetime.date(2026, 11, 1)) == (
        datetime.date(2025, 12, 1),
        datetime.date(2026, 11, 1),
    )


def test_it_buckets_cases_by_the_month_they_were_opened_and_closed_in(client, hana, london, operations):
    first = _open_on("2026-03-01 09:00", actor=hana, location=london, department=operations)
    _open_on("2026-03-31 16:00", actor=hana, location=london, department=operations)
    _open_on("2026-06-15 10:00", actor=hana, location=london, department=operations)
    _open_on("2025-12-31 12:00", actor=hana, location=london, department=operations)  # before the range
    _closed_on(first, "2026-07-01 09:15")
    client.force_login(hana)
    response = client.get(TRENDS)
    assert response.status_code == 200
    months = _months(response)
    assert list(months)[0] == "2026-01-01" and list(months)[-1] == "2026-12-01" and len(months) == 12
    assert months["2026-03-01"] == (2, 0)
    assert months["2026-06-01"] == (1, 0)
    assert months["2026-07-01"] == (0, 1)
    assert sum(o for o, _ in months.values()) == 3
    chart = _chart(response, "by-month")
    assert chart["data"]["datasets"][0]["data"][2] == 2 and chart["data"]["type"] == "line"


def test_it_counts_over_the_chosen_range_kept_in_the_url(client, hana, london, operations):
    _open_on("2025-02-10 10:00", actor=hana, location=london, department=operations)
    _open_on("2025-04-10 10:00", actor=hana, location=london, department=operations)
    client.force_login(hana)
    response = client.get(TRENDS, {"date_from": "2025-01-01", "date_to": "2025-03-31"})
    assert _months(response) == {"2025-01-01": (0, 0), "2025-02-01": (1, 0), "2025-03-01": (0, 0)}
    body = response.content.decode()
    assert 'name="date_from" value="2025-01-01"' in body and 'method="get"' in body


def test_it_refuses_a_range_that_ends_before_it_starts_and_shows_the_default(client, hana):
    client.force_login(hana)
    response = client.get(TRENDS, {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert response.status_code == 200
    assert "The end of the range is before its start." in response.content.decode()
    assert len(_months(response)) == 12


def test_it_filters_by_jurisdiction_location_and_department(
    client, erin, london, oslo, operations, people_team
):
    _open_on("2026-05-05 10:00", actor=erin, location=london, department=operations)
    _open_on("2026-05-06 10:00", actor=erin, location=london, department=people_team)
    _open_on("2026-05-07 10:00", actor=erin, location=oslo, department=operations)
    client.force_login(erin)

    def opened(**params):
        return sum(o for o, _ in _months(client.get(TRENDS, params)).values())

    assert opened() == 3
    assert opened(jurisdiction="NO") == 1
    assert opened(jurisdiction="GB") == 2
    assert opened(location=london.pk) == 2
    assert opened(department=operations.pk) == 2
    assert opened(location=london.pk, department=people_team.pk) == 1
    response = client.get(TRENDS, {"jurisdiction": "NO"})
    assert [row[0] for row in _chart(response, "by-department")["rows"]] == ["Operations"]


def test_it_counts_only_the_cases_the_user_may_see(client, hana, erin, london, operations):
    _open_on("2026-05-05 10:00", actor=hana, location=london, department=operations)
    _open_on("2026-05-06 10:00", actor=erin, location=london, department=operations)
    ivan_like = UserFactory(email="iris@example.com", roles=[Role.INVESTIGATOR])
    client.force_login(hana)
    assert _months(client.get(TRENDS))["2026-05-01"] == (1, 0)
    client.force_login(erin)
    assert _months(client.get(TRENDS))["2026-05-01"] == (2, 0)
    client.force_login(ivan_like)
    response = client.get(TRENDS)
    assert response.status_code == 200 and _months(response)["2026-05-01"] == (0, 0)


@pytest.mark.parametrize("role", [Role.HR_ADMIN, Role.ER_LEAD, Role.HR_CASE_MANAGER, Role.INVESTIGATOR])
def test_it_shows_the_page_to_each_case_role(client, role):
    user = UserFactory(email=f"{role}@example.com", roles=[role])
    client.force_login(user)
    assert client.get(TRENDS).status_code == 200


@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.UNION_REP])
def test_it_refuses_line_managers_and_union_reps(client, role):
    user = UserFactory(email=f"{role}@example.com", roles=[role])
    client.force_login(user)
    assert client.get(TRENDS).status_code == 403
    assert client.post(TRENDS).status_code in (403, 405)


def test_it_puts_a_captioned_table_behind_every_chart(client, hana, london, operations):
    case = _open_on("2026-05-05 10:00", actor=hana, location=london, department=operations)
    case.kind = CaseKind.HARASSMENT_DISCRIMINATION
    case.save(update_fields=["kind"])
    client.force_login(hana)
    response = client.get(TRENDS)
    body = response.content.decode()
    charts = response.context["charts"]
    assert [c["id"] for c in charts] == [
        "chart-by-month",
        "chart-by-kind",
        "chart-by-department",
        "chart-sanctions",
    ]
    assert body.count("<canvas") == 4 and body.count("<table") == 4 and body.count("<caption>") == 4
    for chart in charts:
        assert f'id="{chart["id"]}"' in body  # the chart's data
        assert f"<caption>{chart['title']}</caption>" in body
    assert _chart(response, "by-kind")["rows"] == [["Discrimination, harassment or bullying complaint", 1]]
    assert "<details" in body


def test_it_keeps_the_query_count_whatever_the_number_of_cases(
    client, hana, london, operations, django_assert_num_queries
):
    _open_on("2026-02-10 10:00", actor=hana, location=london, department=operations)
    client.force_login(hana)
    # Session, user, permissions (2), the filters' locations and departments, roles, reachable
    # cases, the ER lead chain, five counts, and the header (employee record, notifications).
    with django_assert_num_queries(16):
        assert client.get(TRENDS).status_code == 200
    for n in range(6):
        department = DepartmentFactory(code=f"D{n}", name=f"Department {n}")
        _open_on(f"2026-0{n + 3}-10 10:00", actor=hana, location=london, department=department)
    with django_assert_num_queries(16):
        response = client.get(TRENDS)
    assert len(_chart(response, "by-department")["rows"]) == 7
