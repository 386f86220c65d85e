"""A calendar day shows at most four deadlines and "+N more", which opens that day's full list;
long names end at a word with the whole name on hover; met deadlines are green, as the legend says."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cases import deadlines
from deadlines.models import Deadline
from erms.lib import clock

pytestmark = pytest.mark.django_db

LONG = "Send the decision letter after the disciplinary hearing with the appeal rights"


def _calendar(client, **params) -> str:
    today = clock.today()
    return client.get(
        reverse("deadlines:deadline_calendar"), {"month": today.strftime("%Y-%m"), **params}
    ).content.decode()


def test_it_shows_four_deadlines_a_day_and_links_the_rest(client, hana, case):
    day = clock.today() + datetime.timedelta(days=1)
    day = day if day.month == clock.today().month else clock.today()
    for n in range(30):
        deadlines.deadline_set(
            key=f"k{n}",
            title=f"Task number {n}",
            due_on=day,
            time_zone="Europe/London",
            responsible=hana,
            case=case,
        )
    client.force_login(hana)
    html = _calendar(client)
    assert len(set(re.findall(r"Task number \d+", html))) == 4
    link = f"day={day.isoformat()}"
    assert "+26 more" in html and link in html

    listing = _calendar(client, day=day.isoformat())
    assert len(set(re.findall(r"Task number \d+", listing))) == 30


def test_it_ends_a_long_name_at_a_word_and_keeps_the_whole_name_on_hover(client, hana, case):
    deadlines.deadline_set(
        key="long", title=LONG, due_on=clock.today(), time_zone="Europe/London", responsible=hana, case=case
    )
    client.force_login(hana)
    html = _calendar(client)
    assert f'title="{LONG}"' in html
    shown = re.search(r'<span class="deadline-title"[^>]*>([^<]*)</span>', html).group(1)
    assert shown.endswith("…") and len(shown) < len(LONG)
    assert LONG.startswith(shown[:-1].rstrip()) and LONG[len(shown[:-1].rstrip())] == " "


def test_it_shows_met_deadlines_green_as_the_legend_says(client, hana, case):
    deadline = deadlines.deadline_set(
        key="done", title="Done", due_on=clock.today(), time_zone="Europe/London", responsible=hana, case=case
    )
    Deadline.objects.filter(pk=deadline.pk).update(status="met", met_at=clock.now(), met_by=hana)
    client.force_login(hana)
    html = _calendar(client)
    assert 'class="deadline deadline-met' in html
    assert '<span class="badge ok">Met</span>' in html.split('class="legend"')[1].split("</p>")[0]
    css = Path(settings.BASE_DIR, "static/css/deadline_calendar.css").read_text()
    met_rule = re.search(r"li\.deadline-met\s*{([^}]*)}", css)
    assert met_rule and "var(--ok)" in met_rule.group(1) and "opacity" not in met_rule.group(1)
