"""On the notifications page the header's Notifications link is the current page; the menu marks no
link (the page lives under /deadlines/, but it is not the Deadlines calendar)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_marks_notifications_not_deadlines_as_the_current_page(client, hana):
    client.force_login(hana)
    response = client.get(reverse("deadlines:notification_list"))
    items = [*response.context["nav_items"], *response.context["nav_more"]]
    assert [str(item["label"]) for item in items if item["active"]] == []
    header = response.content.decode().split("</header>")[0]
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]*)', header)
    assert current == ["Notifications"], current


def test_it_still_marks_deadlines_on_the_calendar(client, hana):
    client.force_login(hana)
    response = client.get(reverse("deadlines:deadline_calendar"))
    items = [*response.context["nav_items"], *response.context["nav_more"]]
    assert [str(item["label"]) for item in items if item["active"]] == ["Deadlines"]
