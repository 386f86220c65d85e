"""Every role (plus a conflicted HR user and an anonymous visitor) against every case page,
action and API endpoint, with the expected answer for each written down in one table.

The URL patterns are discovered from the resolver (the ``cases`` namespace and every API
view defined in a ``cases`` module), so a new endpoint that the table does not cover makes
``test_the_matrix_covers_every_case_page_and_api_endpoint`` fail.

The world is built once per module through the services and rolled back at the end; each
test runs in its own savepoint, so a test that changes something leaves no trace.

Answers: ``200``/``302``/``400``/``404``/``403`` are status codes; ``AUTH`` means "sign in
first": a redirect to the login page for pages, 401/403 for the API. For object endpoints
the answer in the table is the one on every object of a case the role may see; on a case it
must not see the answer is always 404 (shown here on the cases in ``HIDDEN_SHOWCASE``, and
swept over every case and id in ``test_access_direct_ids.py``).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Role, User
from cases import services
from cases.models import (
    OPEN_STATUSES,
    Case,
    CaseKind,
    ConcernCategory,
    Document,
    ErLeadScope,
    MeetingKind,
    PartyRole,
)
from cases.permissions import cases_visible_to
from deadlines.models import Deadline, Notification
from tests.conftest import _person
from tests.factories import DepartmentFactory, EmployeeFactory, LocationFactory

ROLES = ("ada", "erin", "hana", "ivan", "liam", "rita", "sam", "olga", "chris", "anon")

# --------------------------------------------------------------------------- who may see which case

#: The cases each role may see (by name in the world below). Everything else answers 404.
VISIBLE: dict[str, set[str]] = {
    "ada": {"D", "G", "X", "K", "C2"},  # HR admin: all but confidential cases managed by others
    "erin": {"D", "G", "EAP", "W", "X", "K", "C2"},  # ER lead whose scope (GB) covers every case
    "hana": {"D", "G", "EAP", "X", "K"},  # case manager of these; not W (confidential, erin's), not C2
    "ivan": {"D"},  # investigator on D; also on EAP, but EAP is confidential
    "liam": {"G"},  # explicit view grant; not D although he raised its concern and manages its subject
    "rita": set(),
    "sam": set(),  # subject of D
    "olga": set(),
    "chris": {"C2"},  # his own case; not X (respondent) nor K (his manager is respondent) despite grants
    "anon": set(),
}

#: For each role, one visible case per reason it is visible: the matrix tries every endpoint on
#: these (``test_access_direct_ids.py`` and the list tests cover the rest).
VISIBLE_SHOWCASE: dict[str, set[str]] = {
    "ada": {"D"},
    "erin": {"W", "EAP"},
    "hana": {"D", "EAP"},
    "ivan": {"D"},
    "liam": {"G"},
    "rita": set(),
    "sam": set(),
    "olga": set(),
    "chris": {"C2"},
    "anon": set(),
}

#: For each role, the invisible cases that matter most; the matrix shows 404 on them.
HIDDEN_SHOWCASE: dict[str, set[str]] = {
    "ada": {"EAP", "W"},
    "erin": set(),
    "hana": {"W", "C2"},
    "ivan": {"EAP", "G"},
    "liam": {"D", "EAP"},
    "rita": {"D", "G"},
    "sam": {"D"},
    "olga": {"D"},
    "chris": {"X", "K", "D"},
    "anon": {"D"},
}

#: "My work": open cases the role manages or investigates, among those it may see.
MY_WORK: dict[str, set[str]] = {
    "ada": set(),
    "erin": {"W"},
    "hana": {"D", "G", "EAP", "X", "K"},
    "ivan": {"D"},
    "chris": {"C2"},
}

#: Which concerns wait in each triager's queue (Q_chris is about chris; Q_D, Q_W and Q_K are
#: decided: they became or joined cases D, W and K).
TRIAGE: dict[str, set[str]] = {
    "ada": {"Q_open", "Q_chris"},
    "erin": {"Q_open", "Q_chris"},
    "hana": {"Q_open", "Q_chris"},
    "chris": {"Q_open"},
}

# --------------------------------------------------------------------------- the matrix


@dataclass(frozen=True)
class Row:
    """One endpoint and method: what its ``pk`` names, and the answer per role (in ``ROLES`` order).

    A token like ``200/404`` gives one answer per object of ``target`` (see ``TARGETS``)."""

    target: str
    answers: str


#: What the URL's ids point at, and the objects tried for each target kind.
TARGETS = {
    "none": (None,),
    "case": ("case",),
    "allegation": ("case", "allegation"),
    "meeting": ("case", "meeting"),
    "document": ("case", "document"),
    "letter": ("case", "letter"),
    # Q_W became the confidential case W (erin's); Q_K joined K, where chris's manager is respondent.
    "concern": ("Q_open", "Q_chris", "Q_W", "Q_K"),
    "notification": ("N_hana",),
}

#                 ada  erin hana ivan liam rita sam  olga chris anon
ALL_SIGNED_IN = "200  200  200  200  200  200  200  200  200  AUTH"
CASE_STAFF = "200  200  200  200  403  403  403  403  200  AUTH"  # role holds cases.view_case
CASE_STAFF_ROLES = frozenset(r for r, cell in zip(ROLES, CASE_STAFF.split(), strict=True) if cell == "200")
# A concern that became a case shows only to those who may see the case (and to its submitter).
TRIAGERS = "200/200/404/200 200 200/200/404/200 403 403 403 403 403 200/404/404/404 AUTH"
VIEW = "200  200  200  200  200  404  404  404  200  AUTH"  # on a visible case; liam by his grant
CHANGE = "200  200  200  200  403  404  404  404  200  AUTH"  # change_case: liam's grant is view-only
# manage_case: those who manage the case (not its investigators): status, scope, hearings, letters.
MANAGE = "200  200  200  403  403  404  404  404  200  AUTH"
APPOINT = MANAGE  # appointing investigators: those who manage the case
ASSIGN = "200  200  403  403  403  404  404  404  403  AUTH"  # assign_case: HR admin and ER lead
AUDIT = ASSIGN  # view_case_audit: HR admin and ER lead
CLOSE = "200  200  200  403  403  404  404  404  200  AUTH"  # close_case: not investigators
ADD_CASE = CLOSE  # add_case (appeals): the same roles as close_case
API_ALL = "200  200  200  200  200  200  200  200  200  AUTH"
API_VIEW = VIEW
API_CHANGE = "400  400  400  400  403  404  404  404  400  AUTH"  # empty body: refused as invalid
API_ASSIGN = "400  400  403  403  403  404  404  404  403  AUTH"
API_CLOSE = "400  400  400  403  403  404  404  404  400  AUTH"
API_TRIAGE = "400/400/404/400 400 400/400/404/400 403 403 403 403 403 400/404/404/404 AUTH"
API_MANAGE = "400  400  400  403  403  404  404  404  400  AUTH"
API_APPOINT = API_MANAGE

MATRIX: dict[tuple[str, str], Row] = {
    # ---- pages: lists and dashboards
    ("cases:case_list", "GET"): Row("none", ALL_SIGNED_IN),
    # A bulk export is for HR roles; someone a case is shared with follows it on the page.
    ("cases:case_export", "GET"): Row("none", CASE_STAFF),
    ("cases:my_work", "GET"): Row("none", CASE_STAFF),
    ("cases:dashboard", "GET"): Row("none", CASE_STAFF),
    ("deadlines:deadline_calendar", "GET"): Row("none", CASE_STAFF),
    ("deadlines:notification_list", "GET"): Row("none", ALL_SIGNED_IN),
    # ---- pages: concerns (every cast member is an employee with a log-in, so may raise one)
    ("cases:concern_create", "GET"): Row("none", ALL_SIGNED_IN),
    ("cases:concern_create", "POST"): Row("none", ALL_SIGNED_IN),  # empty form: shown again with errors
    ("cases:my_concerns", "GET"): Row("none", ALL_SIGNED_IN),
    ("cases:my_concern_detail", "GET"): Row(
        "concern", "404  404  404  404  200/404/200/404 404 404 404/200/404/200 404 AUTH"
    ),  # only its submitter
    ("cases:employee_search", "GET"): Row("none", ALL_SIGNED_IN),
    # ---- pages: triage (never a concern about the triager or their manager chain)
    ("cases:triage_queue", "GET"): Row("none", "200 200 200 403 403 403 403 403 200 AUTH"),
    ("cases:triage_detail", "GET"): Row("concern", TRIAGERS),
    ("cases:triage_accept", "POST"): Row("concern", TRIAGERS),
    ("cases:triage_merge", "POST"): Row("concern", TRIAGERS),
    ("cases:triage_resolve", "POST"): Row("concern", TRIAGERS),
    ("cases:triage_close", "POST"): Row("concern", TRIAGERS),
    ("cases:triage_message", "POST"): Row("concern", TRIAGERS),
    # ---- pages: the case and its actions (empty POST: the page again with the form's errors)
    ("cases:case_detail", "GET"): Row("case", VIEW),
    ("cases:case_audit", "GET"): Row("case", AUDIT),
    ("cases:case_action_form", "GET"): Row("case", CHANGE),  # tried with the meeting form (change_case)
    ("cases:case_edit", "POST"): Row("case", MANAGE),
    ("cases:case_transition", "POST"): Row("case", MANAGE),
    # Reopening: only an HR admin or an ER lead in scope, and only a closed case (this one is open).
    ("cases:case_reopen", "POST"): Row("case", "403 403 403 403 403 404 404 404 403 AUTH"),
    ("cases:case_assign_manager", "POST"): Row("case", ASSIGN),
    ("cases:case_add_investigator", "POST"): Row("case", APPOINT),
    ("cases:case_grant_access", "POST"): Row("case", ASSIGN),
    ("cases:case_revoke_access", "POST"): Row("case", "302 302 403 403 403 404 404 404 403 AUTH"),
    ("cases:party_add", "POST"): Row("case", MANAGE),
    ("cases:allegation_add", "POST"): Row("case", MANAGE),
    ("cases:allegation_finding", "POST"): Row("allegation", CHANGE),  # the investigation's conclusion
    ("cases:allegation_policy_choice", "GET"): Row("case", MANAGE),
    # An empty POST is valid: it clears the links, so those allowed are redirected to the case.
    ("cases:allegation_links", "POST"): Row("allegation", "302 302 302 403 403 404 404 404 302 AUTH"),
    ("cases:meeting_schedule", "POST"): Row("case", CHANGE),  # an interview; a hearing needs MANAGE
    ("cases:meeting_held", "POST"): Row("meeting", CHANGE),  # the meeting is an interview
    ("cases:meeting_cancel", "POST"): Row("meeting", CHANGE),
    ("cases:investigation_plan_set", "POST"): Row("case", CHANGE),
    ("cases:outcome_record", "POST"): Row("case", CLOSE),
    ("cases:appeal_open", "POST"): Row("case", ADD_CASE),
    ("cases:note_add", "POST"): Row("case", CHANGE),
    ("cases:document_upload", "POST"): Row("case", "200 200 200 200 403 404 404 404 200 AUTH"),
    ("cases:document_download", "GET"): Row("document", VIEW),  # a view grant includes the documents
    ("cases:document_preview", "GET"): Row("document", VIEW),
    # ---- pages: letters
    # Opened on its own (not by htmx), the letters section sends the reader to the case page.
    ("cases:letter_list", "GET"): Row("case", "302  302  302  302  302  404  404  404  302  AUTH"),
    ("cases:letter_preview", "GET"): Row("case", MANAGE),
    ("cases:letter_issue", "POST"): Row("case", "302 302 302 403 403 404 404 404 302 AUTH"),
    ("cases:letter_retry", "POST"): Row("letter", "302 302 302 403 403 404 404 404 302 AUTH"),
    # ---- API: concerns
    ("api:concern-list", "GET"): Row("none", API_ALL),
    ("api:concern-list", "POST"): Row("none", "400 400 400 400 400 400 400 400 400 AUTH"),
    ("api:concern-detail", "GET"): Row(
        "concern",
        "200/200/404/200 200 200/200/404/200 404 200/404/200/404 404 404 404/200/404/200 200/404/404/404 AUTH",
    ),  # triagers as on the page; the submitter sees their own concern's status
    ("api:concern-accept", "POST"): Row("concern", API_TRIAGE),
    ("api:concern-merge", "POST"): Row("concern", API_TRIAGE),
    ("api:concern-resolve", "POST"): Row("concern", API_TRIAGE),
    ("api:concern-close", "POST"): Row("concern", API_TRIAGE),
    ("api:concern-messages", "POST"): Row("concern", API_TRIAGE),
    # ---- API: cases
    ("api:case-list", "GET"): Row("none", API_ALL),
    ("api:case-list", "POST"): Row("none", "400 400 400 403 403 403 403 403 400 AUTH"),
    ("api:case-detail", "GET"): Row("case", API_VIEW),
    ("api:case-detail", "PATCH"): Row("case", API_MANAGE),
    ("api:case-transition", "POST"): Row("case", API_MANAGE),
    ("api:case-reopen", "POST"): Row("case", "400 400 403 403 403 404 404 404 403 AUTH"),
    ("api:case-assign", "POST"): Row("case", API_ASSIGN),
    ("api:case-grants", "POST"): Row("case", API_ASSIGN),
    ("api:case-grants", "DELETE"): Row("case", API_ASSIGN),
    ("api:case-investigators", "POST"): Row("case", API_APPOINT),
    ("api:case-notes", "POST"): Row("case", API_CHANGE),
    ("api:case-outcome", "POST"): Row("case", API_CLOSE),  # as the page: close_case, not change_case
    ("api:case-appeal", "POST"): Row("case", API_CLOSE),  # add_case: the same roles
    ("api:case-parties", "GET"): Row("case", API_VIEW),
    ("api:case-parties", "POST"): Row("case", API_MANAGE),
    ("api:case-allegations", "GET"): Row("case", API_VIEW),
    ("api:case-allegations", "POST"): Row("case", API_MANAGE),
    ("api:case-meetings", "GET"): Row("case", API_VIEW),
    ("api:case-meetings", "POST"): Row("case", API_CHANGE),  # an interview; a hearing needs API_MANAGE
    ("api:case-documents", "GET"): Row("case", API_VIEW),
    ("api:case-documents", "POST"): Row("case", API_CHANGE),  # add_document: the same roles here
    ("api:case-timeline", "GET"): Row("case", API_VIEW),
    ("api:allegation-finding", "POST"): Row("allegation", API_CHANGE),
    # An empty PATCH changes nothing: the allegation as it is.
    ("api:allegation-links", "PATCH"): Row("allegation", "200 200 200 403 403 404 404 404 200 AUTH"),
    ("api:meeting-held", "POST"): Row("meeting", API_CHANGE),  # the meeting is in the future: refused
    ("api:meeting-cancel", "POST"): Row("meeting", API_CHANGE),
    ("api:meeting-representation-request", "POST"): Row("meeting", API_CHANGE),
    ("api:meeting-representation-choice", "POST"): Row("meeting", API_CHANGE),
    ("api:meeting-companion-alternative", "POST"): Row("meeting", API_CHANGE),
    ("api:case-protected-periods", "GET"): Row("case", API_VIEW),
    ("api:case-protected-periods", "POST"): Row("case", API_MANAGE),
    ("api:document-download", "GET"): Row("document", API_VIEW),
    ("api:case-letters", "GET"): Row("case", API_VIEW),
    ("api:case-letters", "POST"): Row("case", API_MANAGE),
    ("api:letter-detail", "GET"): Row("letter", API_VIEW),
    ("api:letter-download", "GET"): Row("letter", API_VIEW),
    # ---- API: deadlines and notifications
    ("api:deadline-list", "GET"): Row("none", CASE_STAFF),
    ("api:notification-list", "GET"): Row("none", API_ALL),
    ("api:notification-read", "POST"): Row("notification", "404 404 200 404 404 404 404 404 404 AUTH"),
}


def _answers(row: Row, role: str) -> list[str]:
    token = row.answers.split()[ROLES.index(role)]
    return token.split("/")


# --------------------------------------------------------------------------- discovering the endpoints


@dataclass
class Endpoint:
    name: str
    methods: tuple[str, ...]
    is_api: bool
    kwargs: tuple[str, ...] = field(default_factory=tuple)


def _walk(patterns: list, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            yield from _walk(p.url_patterns, f"{namespace}:{ns}".strip(":") if ns else namespace)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}:{p.name}".strip(":"), p


@functools.cache
def discover_endpoints() -> dict[str, Endpoint]:
    """Every page of the ``cases`` and ``deadlines`` namespaces and every API view defined in a
    ``cases`` or ``deadlines`` module."""
    found: dict[str, Endpoint] = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        kwargs = tuple(pattern.pattern.regex.groupindex)
        if name.startswith(("cases:", "deadlines:")):
            found[name] = Endpoint(name, (), False, kwargs)
        elif name.startswith("api:"):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None and view_class.__module__.startswith(("cases.", "deadlines.")):
                methods = tuple(
                    m.upper() for m in ("get", "post", "put", "patch", "delete") if hasattr(view_class, m)
                )
                found[name] = Endpoint(name, methods, True, kwargs)
    return found


# --------------------------------------------------------------------------- the world


@dataclass
class World:
    users: dict[str, User]
    cases: dict[str, Case]
    objects: dict[str, dict[str, Any]]  # per case name: allegation, meeting, document, letter
    concerns: dict[str, Any]
    notifications: dict[str, Notification]
    media: str = ""

    def user(self, role: str) -> User | AnonymousUser:
        return AnonymousUser() if role == "anon" else self.users[role]


def _text(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        f"{name}.txt", f"Statement for {name}: Zephyr.".encode(), content_type="text/plain"
    )


def _furnish(case: Case, by: User, name: str) -> dict[str, Any]:
    """An allegation, a future investigation interview, a plan with a target date (a deadline)
    and a document on ``case``."""
    allegation = services.allegation_add(
        actor=by, case=case, category=ConcernCategory.CONDUCT, description=f"Allegation on {name}"
    )
    meeting = services.meeting_schedule(
        actor=by,
        case=case,
        kind=MeetingKind.INVESTIGATION_INTERVIEW,
        scheduled_for=timezone.now() + datetime.timedelta(days=10),
        chair=by,
        place="Room 1",
    )
    services.investigation_plan_set(
        actor=by,
        case=case,
        terms_of_reference="Find the facts",
        target_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    document = services.document_store(actor=by, file=_text(f"evidence-{name}"), case=case)
    return {"allegation": allegation, "meeting": meeting, "document": document}


def _letter(case: Case, by: User, meeting, *, render: bool) -> Any:
    """An investigation invitation on ``case`` (rendered if ``render``: that takes a second),
    or ``None`` where letters do not exist yet."""
    if not hasattr(services, "letter_issue"):
        return None
    from accounts.models import Organisation
    from cases.models import LetterKind

    if not Organisation.objects.exists():
        Organisation.objects.create(
            name="Example Ltd",
            address="1 High Street\nLondon",
            signatory_name="Ada Admin",
            signatory_title="Head of HR",
        )

    letter = services.letter_issue(
        actor=by, case=case, kind=LetterKind.INVESTIGATION_INVITATION, language="en", meeting=meeting
    )
    return services.letter_render(letter_id=letter.pk) if render else letter


def build_world(media: str, render_letters: set[str]) -> World:
    london = LocationFactory(
        code="LON", name="London", jurisdiction="GB", region="GB-ENG", time_zone="Europe/London"
    )
    people = DepartmentFactory(code="HR", name="People")
    ops = DepartmentFactory(code="OPS", name="Operations")
    u: dict[str, User] = {}
    u["ada"] = _person("ada@example.com", "Ada Admin", Role.HR_ADMIN, people, london)
    u["erin"] = _person("erin@example.com", "Erin Lead", Role.ER_LEAD, people, london)
    u["hana"] = _person(
        "hana@example.com",
        "Hana Case",
        Role.HR_CASE_MANAGER,
        people,
        london,
        manager=u["erin"].employee_record,
    )
    u["ivan"] = _person("ivan@example.com", "Ivan Investigator", Role.INVESTIGATOR, people, london)
    u["liam"] = _person("liam@example.com", "Liam Manager", Role.LINE_MANAGER, ops, london)
    u["sam"] = _person("sam@example.com", "Sam Subject", None, ops, london, manager=u["liam"].employee_record)
    u["rita"] = _person("rita@example.com", "Rita Rep", Role.UNION_REP, ops, london)
    u["olga"] = _person("olga@example.com", "Olga Outsider", None, ops, london)
    mona = EmployeeFactory(first_name="Mona", last_name="Senior", department=people, location=london)
    u["chris"] = _person(
        "chris@example.com", "Chris Conflicted", Role.HR_CASE_MANAGER, people, london, manager=mona
    )
    pat = EmployeeFactory(first_name="Pat", last_name="Person", department=ops, location=london)
    quinn = EmployeeFactory(first_name="Quinn", last_name="Other", department=ops, location=london)
    ada, erin, hana, ivan, liam, chris = (u[k] for k in ("ada", "erin", "hana", "ivan", "liam", "chris"))
    sam = u["sam"].employee_record
    ErLeadScope.objects.create(user=erin, jurisdiction="GB")  # without a scope she would see no case

    def open_case(actor: User, kind: str, title: str, parties: list) -> Case:
        return services.case_open(
            actor=actor,
            kind=kind,
            title=f"{title} Zephyr",
            case_manager=actor,
            location=london,
            department=ops,
            parties=parties,
        )

    # D: liam's concern about sam, accepted as a disciplinary case managed by hana, investigated by ivan.
    q_d = services.concern_raise(
        actor=liam,
        about=[sam],
        category=ConcernCategory.CONDUCT,
        description="Shouting at a colleague",
        attachments=[_text("liam-attachment")],
    )
    d = services.concern_accept(
        actor=ada,
        concern=q_d,
        kind=CaseKind.DISCIPLINARY,
        case_manager=hana,
        reason="Serious enough for a case",
        title="Disciplinary Zephyr",
    )
    services.case_add_investigator(actor=hana, case=d, investigator=ivan)
    eap = open_case(hana, CaseKind.EAP_REFERRAL, "EAP referral", [(pat, PartyRole.SUBJECT)])
    services.case_add_investigator(actor=hana, case=eap, investigator=ivan)
    services.case_grant_access(actor=erin, case=eap, user=liam)  # confidential: the grant does not open it
    # W: liam's whistleblowing concern about quinn, accepted by hana into a confidential case erin manages.
    q_w = services.concern_raise(
        actor=liam,
        about=[quinn],
        category=ConcernCategory.WHISTLEBLOWING,
        description="Invoices are being faked",
        attachments=[_text("liam-whistleblowing-attachment")],
    )
    w = services.concern_accept(
        actor=hana,
        concern=q_w,
        kind=CaseKind.WHISTLEBLOWING,
        case_manager=erin,
        reason="A protected disclosure",
        title="Whistleblowing Zephyr",
    )
    g = open_case(
        hana, CaseKind.GRIEVANCE, "Grievance", [(pat, PartyRole.COMPLAINANT), (quinn, PartyRole.RESPONDENT)]
    )
    services.case_grant_access(actor=erin, case=g, user=liam)
    x = open_case(
        hana,
        CaseKind.GRIEVANCE,
        "Grievance about chris",
        [(pat, PartyRole.COMPLAINANT), (chris.employee_record, PartyRole.RESPONDENT)],
    )
    services.case_grant_access(actor=erin, case=x, user=chris, can_change=True)
    k = open_case(
        hana,
        CaseKind.HARASSMENT_DISCRIMINATION,
        "Complaint about mona",
        [(pat, PartyRole.COMPLAINANT), (mona, PartyRole.RESPONDENT)],
    )
    services.case_grant_access(actor=erin, case=k, user=chris, can_change=True)
    # Q_K: olga's concern about quinn, merged into K (whose respondent is chris's manager).
    q_k = services.concern_raise(
        actor=u["olga"],
        about=[quinn],
        category=ConcernCategory.HARASSMENT,
        description="Quinn joined in",
        attachments=[_text("olga-attachment")],
    )
    services.concern_merge(actor=hana, concern=q_k, case=k, reason="The same complaint")
    c2 = open_case(chris, CaseKind.CAPABILITY, "Capability", [(quinn, PartyRole.SUBJECT)])
    cases = {"D": d, "EAP": eap, "W": w, "G": g, "X": x, "K": k, "C2": c2}

    objects: dict[str, dict[str, Any]] = {}
    for name, case in cases.items():
        objects[name] = _furnish(case, case.case_manager, name)
        objects[name]["letter"] = _letter(
            case, case.case_manager, objects[name]["meeting"], render=name in render_letters
        )

    q_open = services.concern_raise(
        actor=liam,
        about=[sam],
        category=ConcernCategory.ATTENDANCE,
        description="Late again",
        attachments=[_text("liam-open-attachment")],
    )
    q_chris = services.concern_raise(
        actor=u["olga"],
        about=[chris.employee_record],
        category=ConcernCategory.BULLYING,
        description="Chris shouted at me",
    )
    notification = Notification.objects.create(
        user=hana, title="A deadline is near", url=d.get_absolute_url()
    )
    for case in cases.values():
        case.refresh_from_db()
    return World(
        users=u,
        cases=cases,
        objects=objects,
        concerns={"Q_D": q_d, "Q_open": q_open, "Q_chris": q_chris, "Q_W": q_w, "Q_K": q_k},
        notifications={"N_hana": notification},
        media=media,
    )


def world_fixture(render_letters: set[str]):
    """A module-scoped ``world`` fixture; letters are rendered on the cases in ``render_letters``."""

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
        yield from _world(django_db_blocker, tmp_path_factory, render_letters)

    return world


def _world(django_db_blocker, tmp_path_factory, render_letters: set[str]) -> Iterator[World]:
    """The world, built once for the module inside a transaction that is rolled back at its end."""
    media = str(tmp_path_factory.mktemp("access-media"))
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=media,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ),
    ):
        with transaction.atomic():
            yield build_world(media, render_letters)
            transaction.set_rollback(True)


world = world_fixture(set().union(*VISIBLE_SHOWCASE.values()))


@pytest.fixture(autouse=True)
def _fast_settings(settings, world: World, db) -> None:
    """The module's world keeps its files in its own media folder (replaces the conftest fixture)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = world.media


# --------------------------------------------------------------------------- requests


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anon":
        client.force_login(world.users[role])
    return client


def url_kwargs(world: World, target: str, obj: str | None, case_name: str | None) -> dict[str, int]:
    """The URL kwargs for one object: ``obj`` is a concern/notification name, or for case
    targets ``case_name`` picks the case whose allegation/meeting/document/letter is used."""
    if target == "none":
        return {}
    if target == "concern":
        return {"pk": world.concerns[obj].pk}
    if target == "notification":
        return {"pk": world.notifications[obj].pk}
    case = world.cases[case_name]
    if target == "case":
        return {"pk": case.pk}
    item = world.objects[case_name][target]
    return {"pk": item.pk}


def page_kwargs(world: World, endpoint: Endpoint, target: str, case_name: str) -> dict[str, int]:
    """Pages nest allegations, meetings and letters under the case: ``<pk>/meetings/<meeting_pk>/``."""
    case = world.cases[case_name]
    item = world.objects[case_name].get(target)
    if target == "document":
        return {"pk": item.pk}
    nested = {"allegation": "allegation_pk", "meeting": "meeting_pk", "letter": "letter_pk"}
    if target in nested and nested[target] in endpoint.kwargs:
        return {"pk": case.pk, nested[target]: item.pk}
    if "action" in endpoint.kwargs:  # the case page's on-demand action forms
        return {"pk": case.pk, "action": "meeting"}
    return {"pk": case.pk}


def send(client: Client, method: str, url: str, data: dict | None = None):
    if method == "GET":
        response = client.get(url, data or {})
    elif method == "POST":
        response = client.post(url, data or {})
    else:
        response = getattr(client, method.lower())(url, data or {}, content_type="application/json")
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)  # reading it to the end closes the file, as a server would
    return response


def assert_answer(response, expected: str, *, is_api: bool, where: str) -> None:
    if expected == "AUTH":
        if is_api:
            assert response.status_code in (401, 403), where
        else:
            assert response.status_code == 302, where
            assert response["Location"].startswith(reverse("login")), where
        return
    assert response.status_code == int(expected), f"{where}: got {response.status_code}, expected {expected}"


def targets_for(world: World, endpoint: Endpoint, row: Row, role: str) -> list[tuple[str, str, str]]:
    """(description, url, expected) for every object this (endpoint, role) is tried on."""
    answers = _answers(row, role)
    out: list[tuple[str, str, str]] = []
    if row.target == "none":
        out.append(("", reverse(endpoint.name), answers[0]))
    elif row.target in ("concern", "notification"):
        names = TARGETS[row.target]
        assert len(answers) in (1, len(names)), f"{endpoint.name}: {len(answers)} answers for {names}"
        for i, obj in enumerate(names):
            expected = answers[i] if len(answers) > 1 else answers[0]
            out.append(
                (obj, reverse(endpoint.name, kwargs=url_kwargs(world, row.target, obj, None)), expected)
            )
    else:
        assert len(answers) == 1
        if not VISIBLE[role]:
            assert answers[0] in ("404", "AUTH"), f"{role} sees no case: every case endpoint must answer 404"
        for case_name in sorted(VISIBLE_SHOWCASE[role] | HIDDEN_SHOWCASE[role]):
            if world.objects[case_name].get(row.target, True) is None:
                continue  # letters do not exist yet
            expected = answers[0] if case_name in VISIBLE[role] or role == "anon" else "404"
            if endpoint.is_api:
                kwargs = url_kwargs(world, row.target, None, case_name)
            else:
                kwargs = page_kwargs(world, endpoint, row.target, case_name)
            out.append((case_name, reverse(endpoint.name, kwargs=kwargs), expected))
    return out


# --------------------------------------------------------------------------- the tests


def test_the_matrix_covers_every_case_page_and_api_endpoint() -> None:
    endpoints = discover_endpoints()
    covered_names = {name for name, _ in MATRIX}
    assert set(endpoints) - covered_names == set(), "endpoints missing from the access matrix"
    assert covered_names - set(endpoints) == set(), "the matrix names endpoints that no longer exist"
    for name, endpoint in endpoints.items():
        if endpoint.is_api:
            assert {m for n, m in MATRIX if n == name} == set(endpoint.methods), name
    for (name, _method), row in MATRIX.items():
        assert row.target in TARGETS, name
        assert len(row.answers.split()) == len(ROLES), name


MATRIX_CASES = [
    pytest.param(name, method, role, id=f"{name}-{method}-{role}")
    for (name, method) in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "role"), MATRIX_CASES)
def test_each_role_gets_the_expected_answer_from_each_endpoint(
    world: World, name: str, method: str, role: str
) -> None:
    endpoint = discover_endpoints().get(name)
    if endpoint is None:
        pytest.fail(f"{name} is in the matrix but not mounted")
    row = MATRIX[(name, method)]
    client = client_for(world, role)
    for where, url, expected in targets_for(world, endpoint, row, role):
        response = send(client, method, url)
        assert_answer(response, expected, is_api=endpoint.is_api, where=f"{role} {method} {url} ({where})")


@pytest.mark.parametrize("name", sorted({name for name, _ in MATRIX}))
def test_the_wrong_method_is_refused_with_405(world: World, name: str) -> None:
    endpoint = discover_endpoints()[name]
    allowed = {m for (n, m) in MATRIX if n == name}
    wrong = next(m for m in ("PUT", "DELETE", "POST", "GET") if m not in allowed)
    row = next(r for (n, _m), r in MATRIX.items() if n == name)
    client = client_for(world, "erin")
    _where, url, _expected = targets_for(world, endpoint, row, "erin")[0]
    response = send(client, wrong, url)
    assert response.status_code == 405, f"{wrong} {url}"


# --------------------------------------------------------------------------- lists, search and counts


def _ids(world: World, names: set[str]) -> set[int]:
    return {world.cases[n].pk for n in names}


SIGNED_IN = [r for r in ROLES if r != "anon"]


def test_the_visibility_table_matches_the_permission_rules(world: World) -> None:
    for role in SIGNED_IN:
        assert set(cases_visible_to(world.users[role]).values_list("pk", flat=True)) == _ids(
            world, VISIBLE[role]
        ), role


def test_visibility_among_given_cases_is_the_visible_ones_of_them(world: World) -> None:
    """``among`` (My work, deadline panels) limits the question, never the answer's rules."""
    names = sorted(world.cases)
    subsets = [set(names), set(names[::2]), set(names[1::2]), {names[0]}, set()]
    for role in SIGNED_IN:
        visible = _ids(world, VISIBLE[role])
        for subset in subsets:
            among = _ids(world, subset) | {10**9}  # and an id that is no case
            got = set(cases_visible_to(world.users[role], among=among).values_list("pk", flat=True))
            assert got == visible & among, (role, subset)
            listed = set(
                cases_visible_to(world.users[role], for_listing=True, among=among).values_list(
                    "pk", flat=True
                )
            )
            assert listed == got, (role, subset)


@pytest.mark.parametrize("role", SIGNED_IN)
def test_case_list_search_and_api_list_show_exactly_the_visible_cases(world: World, role: str) -> None:
    client = client_for(world, role)
    expected = _ids(world, VISIBLE[role])
    page = client.get(reverse("cases:case_list"))
    assert {c.pk for c in page.context["page"].object_list} == expected
    searched = client.get(reverse("cases:case_list"), {"q": "Zephyr"})
    assert {c.pk for c in searched.context["page"].object_list} == expected
    api = client.get(reverse("api:case-list"), {"page_size": 200})
    assert {c["id"] for c in api.json()["results"]} == expected
    api_searched = client.get(reverse("api:case-list"), {"q": "Zephyr", "page_size": 200})
    assert {c["id"] for c in api_searched.json()["results"]} == expected
    for name, case in world.cases.items():  # a reference typed in full finds the case only if visible
        by_reference = client.get(reverse("api:case-list"), {"q": case.reference})
        assert [c["id"] for c in by_reference.json()["results"]] == (
            [case.pk] if name in VISIBLE[role] else []
        )
        listed = client.get(reverse("cases:case_list"), {"q": case.reference}).context["page"].object_list
        assert [c.pk for c in listed] == ([case.pk] if name in VISIBLE[role] else [])
    export = client.get(reverse("cases:case_export"))
    if role not in CASE_STAFF_ROLES:
        assert export.status_code == 403  # the export is for HR roles only
        return
    exported = b"".join(export.streaming_content).decode().splitlines()[1:]
    assert {line.split(",")[0] for line in exported} == {world.cases[n].reference for n in VISIBLE[role]}


@pytest.mark.parametrize("role", sorted(MY_WORK))
def test_my_work_and_its_counts_show_only_the_roles_own_visible_cases(world: World, role: str) -> None:
    response = client_for(world, role).get(reverse("cases:my_work"))
    assert {c.pk for c in response.context["cases"]} == _ids(world, MY_WORK[role])
    assert response.context["counts"]["open"] == len(MY_WORK[role])
    assert response.context["triage_count"] == len(TRIAGE.get(role, ()))


@pytest.mark.parametrize("role", sorted(MY_WORK))
def test_dashboard_counts_only_visible_cases(world: World, role: str) -> None:
    response = client_for(world, role).get(reverse("cases:dashboard"))
    trends = response.context["trends"]
    # From the database: another test of this module may have changed a case object in ``world``.
    visible_open = list(
        Case.objects.filter(pk__in=[world.cases[n].pk for n in VISIBLE[role]], status__in=OPEN_STATUSES)
    )
    assert sum(r["n"] for r in trends["by_kind"]) == len(visible_open)
    assert {r["kind"] for r in trends["by_kind"]} == {c.kind for c in visible_open}


@pytest.mark.parametrize("role", sorted(MY_WORK))
def test_deadline_list_and_calendar_show_only_deadlines_of_visible_cases(world: World, role: str) -> None:
    client = client_for(world, role)
    rows = client.get(reverse("api:deadline-list"), {"page_size": 200}).json()["results"]
    expected = set(
        Deadline.objects.filter(owner_type="cases.case", owner_id__in=_ids(world, VISIBLE[role])).values_list(
            "owner_id", flat=True
        )
    )
    assert expected, "every case in the world has a deadline"
    assert {r["case"]["id"] for r in rows if r["case"]} == expected
    for name, case in world.cases.items():  # filtering by an invisible case's id gives nothing
        filtered = client.get(reverse("api:deadline-list"), {"case": case.pk}).json()["results"]
        assert bool(filtered) == (name in VISIBLE[role]), (role, name)
    due = Deadline.objects.filter(owner_type="cases.case", owner_id=world.cases["D"].pk).first().due_on
    calendar = client.get(
        reverse("deadlines:deadline_calendar"), {"month": due.strftime("%Y-%m"), "scope": "all"}
    )
    shown = {d.owner_id for week in calendar.context["weeks"] for day in week for d in day["deadlines"]}
    assert shown <= _ids(world, VISIBLE[role])


@pytest.mark.parametrize("role", sorted(TRIAGE))
def test_triage_queue_and_merge_choices_hold_only_what_the_triager_may_see(world: World, role: str) -> None:
    client = client_for(world, role)
    queue = client.get(reverse("cases:triage_queue"))
    expected = {world.concerns[n].pk for n in TRIAGE[role]}
    assert {c.pk for c in queue.context["page"].object_list} == expected
    api = client.get(reverse("api:concern-list"), {"queue": "triage"}).json()["results"]
    assert {c["id"] for c in api} == expected
    detail = client.get(reverse("cases:triage_detail", args=[world.concerns["Q_open"].pk]))
    choices = set(detail.context["merge_form"].fields["case"].queryset.values_list("pk", flat=True))
    assert choices == _ids(world, VISIBLE[role])


@pytest.mark.parametrize("role", SIGNED_IN)
def test_own_concerns_and_notifications_list_only_the_users_own(world: World, role: str) -> None:
    client = client_for(world, role)
    user = world.users[role]
    mine = {c.pk for c in world.concerns.values() if c.raised_by_id == user.pk}
    assert {r["id"] for r in client.get(reverse("api:concern-list")).json()["results"]} == mine
    page = client.get(reverse("cases:my_concerns"))
    assert {r["concern"].pk for r in page.context["rows"]} == mine
    own = set(Notification.objects.filter(user=user).values_list("pk", flat=True))
    assert {n["id"] for n in client.get(reverse("api:notification-list")).json()["results"]} == own


def test_a_concern_attachment_stays_with_its_submitter_but_not_the_case(world: World) -> None:
    """liam attached a file to the concern that became D: he may fetch that file, not D's other documents."""
    attachment = Document.objects.get(concern=world.concerns["Q_D"])
    assert attachment.case_id == world.cases["D"].pk
    liam = client_for(world, "liam")
    assert send(liam, "GET", reverse("cases:document_download", args=[attachment.pk])).status_code == 200
    evidence = world.objects["D"]["document"]
    assert send(liam, "GET", reverse("cases:document_download", args=[evidence.pk])).status_code == 404
    assert send(liam, "GET", reverse("api:document-download", args=[evidence.pk])).status_code == 404
    for role in ("rita", "sam", "olga", "chris"):
        assert (
            send(
                client_for(world, role), "GET", reverse("cases:document_download", args=[attachment.pk])
            ).status_code
            == 404
        ), role


def test_actions_on_a_closed_case_are_refused_with_403(world: World) -> None:
    case = world.cases["C2"]
    chris = world.users["chris"]
    services.case_transition(
        actor=chris,
        case=case,
        to_status="withdrawn",
        expected_version=case.version,
        reason="Resolved informally",
    )
    client = client_for(world, "chris")
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    for name in (
        "case_edit",
        "note_add",
        "party_add",
        "allegation_add",
        "meeting_schedule",
        "outcome_record",
    ):
        assert client.post(reverse(f"cases:{name}", args=[case.pk]), {}).status_code == 403, name


# --------------------------------------------------------------------------- concerns that became cases


def test_a_concern_that_became_a_case_and_its_attachments_follow_the_cases_rules(world: World) -> None:
    """Q_W became the confidential case W (erin's), Q_K joined K (chris's manager is respondent):
    their descriptions and attachments show only to those who may see the case, and to their submitters."""
    for concern_name, case_name, submitter in (("Q_W", "W", "liam"), ("Q_K", "K", "olga")):
        concern = world.concerns[concern_name]
        attachment = Document.objects.get(concern=concern)
        assert concern.case_id == attachment.case_id == world.cases[case_name].pk
        for role in ("ada", "erin", "hana", "chris", submitter):
            may_see_case = case_name in VISIBLE[role]
            client = client_for(world, role)
            expected = 200 if may_see_case or role == submitter else 404
            for url in (
                reverse("cases:document_download", args=[attachment.pk]),
                reverse("api:document-download", args=[attachment.pk]),
            ):
                assert send(client, "GET", url).status_code == expected, (role, url)
            if role == submitter:
                continue
            detail = send(client, "GET", reverse("api:concern-detail", args=[concern.pk]))
            triage = send(client, "GET", reverse("cases:triage_detail", args=[concern.pk]))
            assert (detail.status_code, triage.status_code) == ((200, 200) if may_see_case else (404, 404)), (
                role
            )
            if may_see_case:
                assert detail.json()["case"] == world.cases[case_name].pk
            else:
                assert concern.description.encode() not in detail.content + triage.content


# --------------------------------------------------------------------------- reassignment


def test_reassigning_a_case_takes_it_away_from_the_previous_manager(world: World) -> None:
    """hana manages G; once ada gives it to chris, hana reads, changes and lists it no more."""
    case = world.cases["G"]
    hana = client_for(world, "hana")
    assert send(hana, "GET", reverse("api:case-detail", args=[case.pk])).status_code == 200
    services.case_assign_manager(
        actor=world.users["ada"],
        case=case,
        case_manager=world.users["chris"],
        expected_version=Case.objects.get(pk=case.pk).version,
    )
    version = Case.objects.get(pk=case.pk).version
    assert send(hana, "GET", reverse("api:case-detail", args=[case.pk])).status_code == 404
    assert send(hana, "GET", reverse("cases:case_detail", args=[case.pk])).status_code == 404
    patched = send(
        hana, "PATCH", reverse("api:case-detail", args=[case.pk]), {"title": "Mine", "version": version}
    )
    assert patched.status_code == 404
    assert send(hana, "POST", reverse("cases:case_edit", args=[case.pk])).status_code == 404
    assert Case.objects.get(pk=case.pk).title != "Mine"
    listed = {c["id"] for c in hana.get(reverse("api:case-list"), {"page_size": 200}).json()["results"]}
    assert listed == _ids(world, VISIBLE["hana"] - {"G"})
    assert case.pk not in {c.pk for c in hana.get(reverse("cases:case_list")).context["page"].object_list}
    assert case.pk not in {c.pk for c in hana.get(reverse("cases:my_work")).context["cases"]}
    chris = client_for(world, "chris")
    assert send(chris, "GET", reverse("api:case-detail", args=[case.pk])).status_code == 200
    assert (
        send(
            chris,
            "PATCH",
            reverse("api:case-detail", args=[case.pk]),
            {"title": "Now his", "version": version},
        )
    ).status_code == 200
