import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    # The failure counter lives in the real cache (Redis or files), which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.parametrize("url", ["/api/v1/me/", "/api/v1/employees/", "/api/schema/"])
def test_anonymous_users_are_refused(api, url):
    assert api.get(url).status_code in (401, 403)


def test_right_credentials_give_a_token_that_authenticates_requests(api, hana):
    response = api.post("/api/v1/auth/token/", {"email": "hana@example.com", "password": "pw"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]

    me = api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")

    assert me.status_code == 200
    assert me.json()["email"] == "hana@example.com"
    assert me.json()["roles"] == ["hr_case_manager"]
    assert me.json()["employee_number"] == hana.employee_record.employee_number
    # Each sign-in gets its own token (a script, a device), so logging one out leaves the others.
    again = api.post("/api/v1/auth/token/", {"email": "hana@example.com", "password": "pw"}, format="json")
    assert again.json()["token"] != token
    assert api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {again.json()['token']}").status_code == 200


def test_a_wrong_token_is_refused(api, hana):
    assert api.get("/api/v1/me/", HTTP_AUTHORIZATION="Token not-a-token").status_code in (401, 403)


def test_wrong_credentials_answer_400(api, hana):
    response = api.post(
        "/api/v1/auth/token/", {"email": "hana@example.com", "password": "nope"}, format="json"
    )

    assert response.status_code == 400
    assert "token" not in response.json()


def test_the_token_endpoint_refuses_get(api):
    assert api.get("/api/v1/auth/token/").status_code == 405


def test_after_five_failures_even_the_right_password_is_throttled(api, hana):
    for _ in range(5):
        wrong = api.post(
            "/api/v1/auth/token/", {"email": "hana@example.com", "password": "nope"}, format="json"
        )
        assert wrong.status_code == 400

    response = api.post("/api/v1/auth/token/", {"email": "hana@example.com", "password": "pw"}, format="json")

    assert response.status_code == 429


def test_me_returns_the_user_and_roles_for_a_session(api, liam):
    api.force_login(liam)

    body = api.get("/api/v1/me/").json()

    assert body["email"] == "liam@example.com" and body["roles"] == ["line_manager"]


def employee_numbers(api, user) -> set[str]:
    api.force_login(user)
    response = api.get("/api/v1/employees/")
    assert response.status_code == 200
    return {row["employee_number"] for row in response.json()["results"]}


def test_hr_sees_the_whole_directory(api, hana, erin, liam, sam, olga):
    assert employee_numbers(api, hana) == {
        u.employee_record.employee_number for u in (hana, erin, liam, sam, olga)
    }


def test_a_line_manager_sees_only_their_reports(api, liam, sam, olga):
    assert employee_numbers(api, liam) == {sam.employee_record.employee_number}


def test_an_outsider_sees_nobody(api, olga, sam):
    assert employee_numbers(api, olga) == set()


def test_the_directory_filters_by_jurisdiction(api, hana, sam, oslo):
    norwegian = EmployeeFactory(location=oslo, department=sam.employee_record.department)
    api.force_login(hana)

    rows = api.get("/api/v1/employees/", {"jurisdiction": "NO"}).json()["results"]

    assert [row["employee_number"] for row in rows] == [norwegian.employee_number]


def test_the_directory_list_query_count_does_not_grow_with_rows(
    api, hana, sam, django_assert_max_num_queries
):
    EmployeeFactory.create_batch(20, manager=sam.employee_record)
    api.force_login(hana)
    with django_assert_max_num_queries(6):
        assert api.get("/api/v1/employees/").status_code == 200


def test_the_schema_and_docs_render_for_a_logged_in_user(api, olga):
    api.force_login(olga)

    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    docs = api.get("/api/docs/")

    assert schema.status_code == 200
    assert "/api/v1/employees/" in schema.json()["paths"]
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
