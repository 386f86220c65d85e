"""Who sees which bodies, consultations, negotiations and agreements (permissions and selectors)."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404

from unions import selectors
from unions.models import Representative
from unions.permissions import (
    agreements_visible_to,
    consultations_visible_to,
    get_consultation_for_user,
    negotiations_visible_to,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(
    gb_consultation, other_consultation, gb_negotiation, other_negotiation, gb_agreement, other_agreement
):
    return locals()


def test_a_union_rep_sees_only_their_own_bodys_consultations_negotiations_and_agreements(rita, everything):
    assert list(consultations_visible_to(rita)) == [everything["gb_consultation"]]
    assert list(negotiations_visible_to(rita)) == [everything["gb_negotiation"]]
    assert list(agreements_visible_to(rita)) == [everything["gb_agreement"]]
    with pytest.raises(Http404):
        get_consultation_for_user(rita, everything["other_consultation"].pk)


def test_a_union_rep_whose_term_has_ended_sees_nothing(rita, everything):
    Representative.objects.filter(user=rita).update(
        serves_to=datetime.date.today() - datetime.timedelta(days=1)
    )
    assert not consultations_visible_to(rita).exists()
    assert not negotiations_visible_to(rita).exists()


def test_er_lead_hr_admin_and_case_manager_see_everything(erin, ada, hana, everything):
    for user in (erin, ada, hana):
        assert consultations_visible_to(user).count() == 2
        assert negotiations_visible_to(user).count() == 2
        assert agreements_visible_to(user).count() == 2


def test_an_outsider_and_an_investigator_see_nothing(olga, ivan, everything):
    for user in (olga, ivan):
        assert not consultations_visible_to(user).exists()
        assert not negotiations_visible_to(user).exists()
        assert not agreements_visible_to(user).exists()
        with pytest.raises(Http404):
            get_consultation_for_user(user, everything["gb_consultation"].pk)


def test_a_rep_linked_to_two_bodies_sees_each_consultation_once(rita, gb_union, other_union, everything):
    Representative.objects.create(
        body=other_union,
        user=rita,
        external_name="Rita Rep",
        role="Observer",
        serves_from=datetime.date(2020, 1, 1),
    )
    everything["gb_consultation"].bodies.add(other_union)
    assert consultations_visible_to(rita).count() == 2


def test_the_consultation_list_runs_a_fixed_number_of_queries(erin, gb_union, django_assert_num_queries):
    from tests.unions.conftest import make_consultation

    for n in range(5):
        make_consultation(gb_union, title=f"Proposal {n}")
    erin = type(erin).objects.get(pk=erin.pk)
    with django_assert_num_queries(4):  # groups/perms (2), consultations, bodies
        rows = list(selectors.consultation_list(user=erin))
        assert sum(len(c.bodies.all()) for c in rows) == 5
