"""The case page is a header that stays in view (reference, title, kind, status, the next step, the next
deadline, the case manager, a compact actions menu) above sections a user jumps between from an in-page
nav; each action sits in the section it belongs to."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases import services
from tests.html_tree import Element, parse

pytestmark = pytest.mark.django_db

SECTIONS = [
    ("overview", "Overview"),
    ("people", "People"),
    ("allegations", "Allegations and findings"),
    ("investigation", "Investigation"),
    ("meetings", "Meetings"),
    ("outcome", "Outcome and appeal"),
    ("documents", "Documents and letters"),
    ("timeline", "Timeline"),
    ("audit", "Audit"),
]


@pytest.fixture
def case(case_with_a_deadline):
    return case_with_a_deadline


def _page(client, user, case) -> tuple[Element, object]:
    client.force_login(user)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    return parse(response.content.decode()), response


def _section(tree: Element, anchor: str) -> Element:
    section = tree.find("section", id=anchor)
    assert section is not None, f"no section #{anchor}"
    return section


def test_it_keeps_the_case_essentials_in_the_header(client, hana, case):
    tree, response = _page(client, hana, case)
    header = tree.find("header", cls="case-header")
    assert header is not None
    text = header.text()
    assert case.reference in text and case.title in text
    assert case.get_kind_display() in text and case.get_status_display() in text
    assert "Next step" in text
    assert "cases/_next_step.html" in [t.name for t in response.templates]
    assert header.find(cls="next-step") is not None
    assert case.next_deadline_on is not None
    assert "Next deadline" in text and str(case.next_deadline_on.year) in text
    assert "Case manager" in text and hana.get_full_name() in text


def test_it_lets_the_user_jump_between_the_sections(client, erin, case):
    tree, _ = _page(client, erin, case)
    nav = tree.find("nav", cls="case-nav")
    assert nav is not None and nav.attrs.get("aria-label")
    links = [(a.attrs["href"], a.text()) for a in nav.find_all("a")]
    assert links == [(f"#{anchor}", label) for anchor, label in SECTIONS]
    main = tree.find(cls="case-sections")
    assert main is not None
    assert [s.attrs["id"] for s in main.find_all("section") if s.attrs.get("id")] == [a for a, _ in SECTIONS]


def test_it_leaves_the_audit_out_of_the_nav_for_whom_it_is_hidden(client, hana, case):
    tree, _ = _page(client, hana, case)
    hrefs = [a.attrs["href"] for a in tree.find("nav", cls="case-nav").find_all("a")]
    assert hrefs == [f"#{anchor}" for anchor, _ in SECTIONS[:-1]]
    assert tree.find("section", id="audit") is None


def test_it_puts_each_action_in_the_section_it_belongs_to(client, erin, case):
    tree, _ = _page(client, erin, case)
    url = reverse("cases:case_action_form", args=[case.pk, "x"]).rsplit("x/", 1)[0]
    where = {
        "overview": [
            reverse("cases:case_transition", args=[case.pk]),
            reverse("cases:case_edit", args=[case.pk]),
        ],
        "people": [f"{url}party/", f"{url}assign/", f"{url}investigator/"],
        "allegations": [reverse("cases:allegation_add", args=[case.pk])],
        "investigation": [f"{url}plan/"],
        "meetings": [f"{url}meeting/"],
        "documents": [f"{url}document/"],
        "timeline": [reverse("cases:note_add", args=[case.pk])],
    }
    for anchor, urls in where.items():
        links = _section(tree, anchor).links()
        for u in urls:
            assert u in links, f"{u} not in #{anchor}"
    assert reverse("cases:case_grant_access", args=[case.pk]) in _section(tree, "people").links()
    assert tree.find(id="letters") is not None and _section(tree, "documents").find(id="letters")


def test_it_offers_a_compact_actions_menu_in_the_header_leading_to_each_action(client, erin, case):
    tree, _ = _page(client, erin, case)
    menu = tree.find("header", cls="case-header").find("details", cls="case-menu")
    assert menu is not None
    targets = [a.attrs["href"] for a in menu.find_all("a")]
    assert "#action-transition" in targets and "#action-party" in targets and "#action-note" in targets
    for target in targets:
        assert target.startswith("#")
        found = tree.find(id=target[1:])
        assert found is not None and found.tag == "details", target


def test_it_offers_no_actions_menu_to_a_view_only_user(client, erin, olga, case):
    services.case_grant_access(actor=erin, case=case, user=olga)
    tree, _ = _page(client, olga, case)
    assert tree.find("details", cls="case-menu") is None


def test_it_shows_the_ten_latest_timeline_entries_and_folds_the_earlier_ones(client, hana, case):
    for n in range(12):
        services.note_add(actor=hana, case=case, body=f"Note number {n}")
    tree, response = _page(client, hana, case)
    timeline = _section(tree, "timeline")
    latest, *rest = timeline.find_all("ol", cls="timeline")
    assert len([li for li in latest.children if getattr(li, "tag", "") == "li"]) == 10
    assert "Note number 11" in latest.text() and "Note number 2" in latest.text()
    earlier = timeline.find("details", cls="timeline-earlier")
    total = len(response.context["timeline"])
    assert f"{total - 10} earlier entries" in earlier.find("summary").text()
    assert "Note number 1 " in earlier.text() + " " and "opened" in earlier.text()
    assert "open" not in earlier.attrs
