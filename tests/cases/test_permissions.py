"""Who sees which case: every role, explicit grants, the conflict rule and confidential kinds."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from accounts.models import Role, User
from cases import services
from cases.models import CaseKind, ErLeadScope, PartyRole
from cases.permissions import (
    cases_visible_to,
    concerns_for_triage,
    get_case_for_user,
    get_document_for_user,
)
from tests.factories import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db

READ = {"via": "page", "path": "/tests/"}  # what the access log records of these fetches


def _open(manager, employee, *, kind=CaseKind.DISCIPLINARY, role=PartyRole.SUBJECT, location=None):
    return services.case_open(
        actor=manager,
        kind=kind,
        title="Case",
        case_manager=manager,
        location=location or employee.location,
        department=employee.department,
        parties=[(employee, role)],
    )


@pytest.fixture
def hugo(people_team, london):
    """A second HR case manager."""
    user = UserFactory(email="hugo@example.com", full_name="Hugo Other", roles=[Role.HR_CASE_MANAGER])
    EmployeeFactory(first_name="Hugo", last_name="Other", user=user, department=people_team, location=london)
    return user


@pytest.fixture
def someone(operations, london):
    return EmployeeFactory(first_name="Pat", last_name="Person", department=operations, location=london)


def test_a_case_manager_sees_only_the_cases_she_manages(hana, hugo, sam, someone):
    mine = _open(hana, sam.employee_record)
    _open(hugo, someone)
    assert list(cases_visible_to(hana)) == [mine]


def test_an_investigator_sees_only_the_cases_he_investigates(hana, ivan, sam, someone):
    investigated = _open(hana, sam.employee_record)
    _open(hana, someone)
    assert not cases_visible_to(ivan).exists()
    services.case_add_investigator(actor=hana, case=investigated, investigator=ivan)
    assert list(cases_visible_to(ivan)) == [investigated]


def test_an_er_lead_sees_the_cases_of_her_scope_and_none_without_one(erin, hana, hugo, sam, someone, oslo):
    in_london = _open(hana, sam.employee_record)
    norwegian = EmployeeFactory(location=oslo, department=someone.department)
    in_oslo = _open(hugo, norwegian)
    assert set(cases_visible_to(erin)) == {in_london, in_oslo}  # she covers every jurisdiction
    ErLeadScope.objects.filter(user=erin).exclude(jurisdiction="NO").delete()
    erin = User.objects.get(pk=erin.pk)  # the scope is read once per request
    assert list(cases_visible_to(erin)) == [in_oslo]
    assert list(cases_visible_to(erin, among=[in_oslo.pk, in_london.pk])) == [in_oslo]
    assert list(cases_visible_to(erin, among=[in_london.pk])) == []
    services.case_grant_access(actor=erin, case=in_london, user=erin)  # a grant reaches beyond the scope
    assert set(cases_visible_to(erin, among=[in_london.pk, in_oslo.pk])) == {in_london, in_oslo}
    assert list(cases_visible_to(erin, among=[in_oslo.pk])) == [in_oslo]
    ErLeadScope.objects.filter(user=erin).delete()
    erin = User.objects.get(pk=erin.pk)
    assert list(cases_visible_to(erin)) == [in_london]  # only through her grant: no scope, no case
    assert list(cases_visible_to(erin, for_listing=True)) == [in_london]


def test_an_hr_admin_sees_every_case_except_confidential_ones_of_others(ada, hana, sam, someone):
    disciplinary = _open(hana, sam.employee_record)
    whistleblowing = _open(hana, someone, kind=CaseKind.WHISTLEBLOWING, role=PartyRole.RESPONDENT)
    eap = _open(hana, someone, kind=CaseKind.EAP_REFERRAL)
    assert list(cases_visible_to(ada)) == [disciplinary]
    own_eap = _open(ada, someone, kind=CaseKind.EAP_REFERRAL)
    assert set(cases_visible_to(ada)) == {disciplinary, own_eap}
    assert {whistleblowing, eap} <= set(cases_visible_to(hana))


def test_line_managers_union_reps_and_outsiders_see_no_case(hana, liam, rita, olga, someone):
    _open(hana, someone)
    for user in (liam, rita, olga):
        assert not cases_visible_to(user).exists()


def test_an_explicit_grant_makes_a_case_visible_and_revoking_hides_it_again(hana, erin, liam, someone):
    case = _open(hana, someone)
    services.case_grant_access(actor=erin, case=case, user=liam)
    assert list(cases_visible_to(liam)) == [case]
    services.case_revoke_access(actor=erin, case=case, user=liam)
    assert not cases_visible_to(liam).exists()


def test_the_subject_never_sees_his_case_even_as_hr_with_a_grant(hana, erin, sam):
    case = _open(hana, sam.employee_record)
    sam.groups.add(Group.objects.get(name=Role.HR_CASE_MANAGER))
    services.case_grant_access(actor=erin, case=case, user=sam, can_change=True)
    assert not cases_visible_to(sam).exists()
    with pytest.raises(Http404):
        get_case_for_user(sam, case.pk, **READ)


def test_a_respondent_never_sees_the_case_even_as_its_case_manager(hana, hugo, someone):
    hugo_employee = hugo.employee
    case = services.case_open(
        actor=hana,
        kind=CaseKind.GRIEVANCE,
        title="Complaint",
        case_manager=hugo,
        location=someone.location,
        department=someone.department,
        parties=[(someone, PartyRole.COMPLAINANT), (hugo_employee, PartyRole.RESPONDENT)],
    )
    assert case not in cases_visible_to(hugo)


def test_an_hr_case_manager_cannot_see_a_case_about_her_own_manager(hana, erin, ada, someone):
    # hana reports to erin; a complaint against erin is hidden from hana even though she manages it.
    case = services.case_open(
        actor=ada,
        kind=CaseKind.GRIEVANCE,
        title="Complaint about Erin",
        case_manager=hana,
        location=someone.location,
        department=someone.department,
        parties=[(someone, PartyRole.COMPLAINANT), (erin.employee_record, PartyRole.RESPONDENT)],
    )
    services.case_grant_access(actor=ada, case=case, user=hana)
    assert not cases_visible_to(hana).exists()
    assert not cases_visible_to(erin).exists()
    assert list(cases_visible_to(ada)) == [case]


def test_confidential_kinds_are_visible_only_to_their_case_manager_and_er_leads(
    hana, hugo, erin, ada, ivan, someone
):
    for kind in (CaseKind.EAP_REFERRAL, CaseKind.WHISTLEBLOWING):
        case = _open(hana, someone, kind=kind)
        services.case_add_investigator(actor=hana, case=case, investigator=ivan)
        services.case_grant_access(actor=erin, case=case, user=ivan)
        services.case_grant_access(actor=erin, case=case, user=hugo)
        assert case in cases_visible_to(hana)
        assert case in cases_visible_to(erin)
        for user in (ada, ivan, hugo):
            assert case not in cases_visible_to(user), (kind, user)


def test_get_case_for_user_answers_404_for_a_case_the_user_cannot_see(hana, olga, someone):
    case = _open(hana, someone)
    for pk in (case.pk, case.pk + 1000, "not-a-number"):
        with pytest.raises(Http404):
            get_case_for_user(olga, pk, **READ)
    with pytest.raises(Http404):
        get_case_for_user(hana, case.pk + 1000, **READ)


def test_get_case_for_user_refuses_an_action_the_role_does_not_allow_on_a_visible_case(
    hana, erin, liam, someone
):
    case = _open(hana, someone)
    services.case_grant_access(actor=erin, case=case, user=liam)
    assert get_case_for_user(liam, case.pk, **READ) == case
    with pytest.raises(PermissionDenied):
        get_case_for_user(liam, case.pk, perm="cases.change_case", **READ)
    with pytest.raises(PermissionDenied):
        get_case_for_user(hana, case.pk, perm="cases.assign_case", **READ)
    assert get_case_for_user(erin, case.pk, perm="cases.assign_case", **READ) == case


def test_a_change_grant_lets_the_grantee_act_on_that_case_only(hana, erin, liam, someone):
    case = _open(hana, someone)
    services.case_grant_access(actor=erin, case=case, user=liam, can_change=True)
    assert get_case_for_user(liam, case.pk, perm="cases.change_case", **READ) == case


def test_a_view_grant_covers_the_case_documents_and_nobody_else_gets_them(hana, erin, liam, olga, someone):
    case = _open(hana, someone)
    doc = services.document_store(
        actor=hana, case=case, file=SimpleUploadedFile("statement.txt", b"I saw it happen.", "text/plain")
    )
    with pytest.raises(Http404):
        get_document_for_user(liam, doc.pk, **READ)
    services.case_grant_access(actor=erin, case=case, user=liam)
    assert get_document_for_user(liam, doc.pk, **READ) == doc
    with pytest.raises(Http404):
        get_document_for_user(olga, doc.pk, **READ)


def test_the_triage_queue_leaves_out_concerns_about_oneself_and_ones_manager_chain(hana, erin, liam, sam):
    about_sam = services.concern_raise(
        actor=liam, about=[sam.employee_record], category="conduct", description="Late again"
    )
    about_hana = services.concern_raise(
        actor=liam, about=[hana.employee_record], category="conduct", description="Rude in a meeting"
    )
    about_erin = services.concern_raise(
        actor=liam,
        about=[erin.employee_record, sam.employee_record],
        category="conduct",
        description="Shouting",
    )
    assert list(concerns_for_triage(hana)) == [about_sam]
    assert set(concerns_for_triage(erin)) == {about_sam, about_hana}
    assert about_erin not in concerns_for_triage(erin)
    assert not concerns_for_triage(liam).exists()
