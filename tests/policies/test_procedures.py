"""Procedures as data: defaults per jurisdiction, limits, and the statutory floor (XJ-005)."""

import datetime

import pytest

from erms.lib.errors import ApplicationError
from policies import selectors, services
from policies.models import Procedure, ProcedureStep, Rule

pytestmark = pytest.mark.django_db
D = datetime.date


def test_each_jurisdiction_has_a_default_disciplinary_procedure():
    for jurisdiction in ["GB", "US", "NO", "VN"]:
        procedure = selectors.procedure_for("disciplinary", jurisdiction)
        assert procedure is not None and procedure.jurisdiction == jurisdiction
    assert selectors.procedure_for("disciplinary", "FR") is None


def test_gb_disciplinary_defaults_are_five_working_days_notice_and_appeal():
    procedure = selectors.procedure_for("disciplinary", "GB")
    notice = selectors.procedure_limit(procedure, "hearing_notice")
    appeal = selectors.procedure_limit(procedure, "appeal_window")
    assert (notice.number, notice.unit) == (5, "working_days")
    assert (appeal.number, appeal.unit) == (5, "working_days")
    assert procedure.chair_must_not_be_investigator
    assert selectors.procedure_limit(procedure, "consultation_period") is None


def test_it_ac_01_procedure_notice_makes_monday_9_march_the_earliest_hearing():
    notice = selectors.procedure_limit(selectors.procedure_for("disciplinary", "GB"), "hearing_notice")
    assert services.procedure_step_due(notice, D(2026, 3, 2), "GB-ENG").due == D(2026, 3, 9)


def test_vn_notice_follows_vn_disc_004():
    notice = selectors.procedure_limit(selectors.procedure_for("disciplinary", "VN"), "hearing_notice")
    assert (notice.number, notice.unit, notice.rule.rule_id) == (5, "working_days", "VN-DISC-004")


def test_every_seeded_step_respects_its_statutory_rule():
    for step in ProcedureStep.objects.select_related("rule"):
        services.step_bound_check(
            rule=step.rule,
            rule_variant=step.rule_variant,
            rule_bound=step.rule_bound,
            number=step.number,
            unit=step.unit,
            counting=step.counting,
        )


def test_it_refuses_a_vn_hearing_notice_below_the_statutory_five_working_days(ada):
    procedure = Procedure.objects.get(kind="disciplinary", jurisdiction="VN", is_active=True)
    with pytest.raises(ApplicationError) as refused:
        services.procedure_step_set(
            actor=ada,
            procedure=procedure,
            key="hearing_notice",
            number=3,
            unit="working_days",
            rule=Rule.objects.get(rule_id="VN-DISC-004"),
        )
    assert refused.value.message == "VN-DISC-004 requires at least 5 working days."
    assert refused.value.rule == "XJ-005"
    assert ProcedureStep.objects.get(procedure=procedure, key="hearing_notice").number == 5


def test_it_refuses_four_calendar_days_against_a_five_working_day_floor(ada):
    procedure = Procedure.objects.get(kind="disciplinary", jurisdiction="VN", is_active=True)
    with pytest.raises(ApplicationError, match="VN-DISC-004"):
        services.procedure_step_set(
            actor=ada,
            procedure=procedure,
            key="hearing_notice",
            number=6,
            unit="calendar_days",
            rule=Rule.objects.get(rule_id="VN-DISC-004"),
        )


def test_a_stricter_organisation_limit_is_accepted(ada):
    procedure = Procedure.objects.get(kind="disciplinary", jurisdiction="VN", is_active=True)
    step = services.procedure_step_set(
        actor=ada,
        procedure=procedure,
        key="hearing_notice",
        number=7,
        unit="working_days",
        rule=Rule.objects.get(rule_id="VN-DISC-004"),
    )
    assert step.number == 7


def test_it_refuses_a_suspension_longer_than_the_statutory_ceiling(ada):
    procedure = Procedure.objects.get(kind="disciplinary", jurisdiction="VN", is_active=True)
    with pytest.raises(ApplicationError) as refused:
        services.procedure_step_set(
            actor=ada,
            procedure=procedure,
            key="suspension_review",
            number=20,
            unit="calendar_days",
            counting="includes_trigger_day",
            rule=Rule.objects.get(rule_id="VN-SUSP-001"),
            rule_variant="standard",
            rule_bound="ceiling",
        )
    assert refused.value.message == "VN-SUSP-001 allows at most 15 calendar days."


def test_guidance_references_are_not_enforced(ada):
    procedure = Procedure.objects.get(kind="disciplinary", jurisdiction="GB", is_active=True)
    step = services.procedure_step_set(
        actor=ada,
        procedure=procedure,
        key="appeal_window",
        number=3,
        unit="working_days",
        rule=Rule.objects.get(rule_id="GB-APP-001"),
        rule_variant="lodge",
        rule_bound="reference",
    )
    assert step.number == 3
