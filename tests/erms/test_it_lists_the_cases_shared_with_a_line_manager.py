"""A line manager a case was shared with (an explicit grant) finds it from the menu, not only by URL."""

from __future__ import annotations

import pytest

from cases import services
from tests.cases.lifecycle_steps import open_case

pytestmark = pytest.mark.django_db

ENTRY = "Cases shared with me"


def _nav(client, user) -> str:
    client.force_login(user)
    return client.get("/").content.decode()


def test_it_gives_a_line_manager_a_menu_entry_and_list_of_the_cases_shared_with_them(
    client, hana, liam, sam, olga, london, operations
):
    shared = open_case(hana, sam, london, operations)
    other = open_case(hana, olga, london, operations)
    assert ENTRY not in _nav(client, liam)

    services.case_grant_access(actor=hana, case=shared, user=liam)
    assert ENTRY in _nav(client, liam)
    listed = client.get("/cases/").content.decode()
    assert shared.reference in listed and other.reference not in listed
    assert client.get(shared.get_absolute_url()).status_code == 200

    services.case_revoke_access(actor=hana, case=shared, user=liam)
    assert ENTRY not in _nav(client, liam)


@pytest.mark.parametrize("who", ["ada", "erin", "hana", "ivan", "rita", "olga"])
def test_it_shows_the_entry_to_nobody_else(request, client, hana, sam, london, operations, who):
    user = request.getfixturevalue(who)
    case = open_case(hana, sam, london, operations)
    if who in ("ivan", "rita", "olga"):
        services.case_grant_access(actor=hana, case=case, user=user)
    # Roles that list cases have "Cases"; a union rep or an outsider with a grant is shown the entry.
    expected = who in ("rita", "olga")
    assert (ENTRY in _nav(client, user)) is expected
