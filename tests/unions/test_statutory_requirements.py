"""Statutory requirements and the guardrails, checked against the acceptance examples in DOMAIN.md."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.models import Jurisdiction
from erms.lib.errors import ApplicationError
from tests.days import DATE_SENSITIVE
from tests.unions.conftest import make_consultation
from unions import services, statutory
from unions.models import ConsultationStatus, ProposalKind

D = datetime.date

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]


def _by_rule(reqs, rule_id, kind):
    return next(r for r in reqs if r.rule_id == rule_id and r.kind == kind)


def test_it_ac_04_gb_120_redundancies_earliest_first_dismissal_and_conclusion_is_thu_16_april():
    consultation = make_consultation()
    reqs = statutory.requirements(consultation)
    period = _by_rule(reqs, "GB-RED-001", statutory.Kind.MINIMUM_PERIOD)
    assert (period.days, period.date) == (45, D(2026, 4, 16))
    assert statutory.conclusion_limit(reqs).date == D(2026, 4, 16)
    assert statutory.first_dismissal_limit(reqs).date == D(2026, 4, 16)
    assert period.citation == "TULRCA s188, s188A"


def test_it_ac_04_first_dismissal_on_wed_15_april_is_refused_naming_gb_red_001(erin):
    consultation = make_consultation()
    with pytest.raises(ApplicationError) as refused:
        services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 4, 15))
    assert refused.value.rule in {"GB-RED-001", "GB-RED-003"}
    assert "16 Apr 2026" in refused.value.message
    consultation.refresh_from_db()
    assert consultation.first_dismissal_planned_on is None
    services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 4, 16))
    consultation.refresh_from_db()
    assert consultation.first_dismissal_planned_on == D(2026, 4, 16)


def test_it_ac_04_concluding_before_thu_16_april_is_warned_not_refused(erin):
    # DOMAIN.md GB-RED-001: WARN (not block) an earlier "concluded"; see
    # test_it_warns_not_blocks_an_early_gb_red_001_conclusion.py for the warning itself.
    consultation = make_consultation()
    assert "GB-RED-001" in services.consultation_early_conclusion_warning(consultation, D(2026, 4, 15))
    assert services.consultation_early_conclusion_warning(consultation, D(2026, 4, 16)) == ""
    services.consultation_conclude(actor=erin, consultation=consultation, on=D(2026, 4, 15), outcome="Agreed")
    consultation.refresh_from_db()
    assert (consultation.status, consultation.concluded_on) == (ConsultationStatus.CONCLUDED, D(2026, 4, 15))


def test_it_ac_04_25_employees_earliest_is_wed_1_april(erin):
    consultation = make_consultation(number_affected=25)
    assert statutory.conclusion_limit(statutory.requirements(consultation)).date == D(2026, 4, 1)
    # DOMAIN.md GB-RED-001: concluding earlier is warned, not refused.
    assert "1 Apr 2026" in services.consultation_early_conclusion_warning(consultation, D(2026, 3, 31))
    with pytest.raises(ApplicationError):
        services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 3, 31))
    services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 4, 1))


def test_it_ac_04_on_14_march_it_shows_day_12_of_45_and_the_next_statutory_date():
    consultation = make_consultation()
    progress = statutory.progress(consultation, statutory.requirements(consultation), D(2026, 3, 14))
    assert (progress.day, progress.of) == (12, 45)
    assert progress.next_date == D(2026, 4, 16)
    assert progress.next_requirement.rule_id == "GB-RED-001"


def test_day_0_is_the_start_date():
    consultation = make_consultation()
    progress = statutory.progress(consultation, statutory.requirements(consultation), D(2026, 3, 2))
    assert (progress.day, progress.of) == (0, 45)


def test_gb_hr1_is_due_45_days_before_the_planned_first_dismissal():
    consultation = make_consultation(government_notified_on=None, first_dismissal_planned_on=D(2026, 6, 1))
    hr1 = _by_rule(statutory.requirements(consultation), "GB-RED-003", statutory.Kind.GOVERNMENT_NOTICE)
    assert (hr1.date, hr1.met) == (D(2026, 4, 17), False)


def test_a_late_hr1_pushes_the_earliest_first_dismissal(erin):
    consultation = make_consultation(government_notified_on=D(2026, 3, 10))
    limit = statutory.first_dismissal_limit(statutory.requirements(consultation))
    assert (limit.rule_id, limit.date) == ("GB-RED-003", D(2026, 4, 24))


def test_below_20_redundancies_the_gb_duty_is_only_a_warning(erin):
    consultation = make_consultation(number_affected=19)
    reqs = statutory.requirements(consultation)
    assert [r.kind for r in reqs] == [statutory.Kind.WARNING]
    services.consultation_conclude(actor=erin, consultation=consultation, on=D(2026, 3, 3))


def test_it_ac_06_us_warn_termination_fri_29_may_is_refused_and_mon_1_june_accepted(erin):
    consultation = make_consultation(
        jurisdiction=Jurisdiction.US, number_affected=60, government_notified_on=D(2026, 4, 2)
    )
    for day in (D(2026, 5, 29), D(2026, 5, 31)):
        with pytest.raises(ApplicationError) as refused:
            services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=day)
        assert refused.value.rule == "US-RED-002"
    services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 6, 1))
    consultation.refresh_from_db()
    assert consultation.first_dismissal_planned_on == D(2026, 6, 1)


def test_it_ac_06_a_us_red_003_reason_with_explanation_lifts_the_warn_block(erin):
    consultation = make_consultation(
        jurisdiction=Jurisdiction.US, number_affected=60, government_notified_on=D(2026, 4, 2)
    )
    with pytest.raises(ApplicationError):
        services.consultation_set_short_notice(
            actor=erin, consultation=consultation, reason="natural_disaster", explanation=" "
        )
    services.consultation_set_short_notice(
        actor=erin,
        consultation=consultation,
        reason="natural_disaster",
        explanation="Flood destroyed the plant.",
    )
    services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 5, 29))
    assert any(r.rule_id == "US-RED-003" for r in statutory.requirements(consultation))


def test_e4_us_first_loss_1_june_needs_notices_by_thu_2_april():
    consultation = make_consultation(
        jurisdiction=Jurisdiction.US,
        number_affected=60,
        government_notified_on=None,
        first_dismissal_planned_on=D(2026, 6, 1),
    )
    notice = _by_rule(statutory.requirements(consultation), "US-RED-002", statutory.Kind.GOVERNMENT_NOTICE)
    assert notice.date == D(2026, 4, 2)


def test_it_ac_10_no_effective_dismissal_tue_3_feb_is_refused_and_earliest_is_wed_4_feb(erin):
    consultation = make_consultation(
        jurisdiction=Jurisdiction.NO,
        number_affected=12,
        started_on=D(2026, 1, 5),
        government_notified_on=D(2026, 1, 5),
    )
    limit = statutory.first_dismissal_limit(statutory.requirements(consultation))
    assert (limit.rule_id, limit.date) == ("NO-RED-004", D(2026, 2, 4))
    with pytest.raises(ApplicationError) as refused:
        services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 2, 3))
    assert refused.value.rule == "NO-RED-004"
    services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 2, 4))


def test_it_ac_10_no_invitation_before_the_nav_notice_is_refused(erin):
    consultation = make_consultation(
        jurisdiction=Jurisdiction.NO,
        number_affected=12,
        started_on=None,
        government_notified_on=None,
        status=ConsultationStatus.PLANNED,
    )
    with pytest.raises(ApplicationError) as refused:
        services.consultation_open(actor=erin, consultation=consultation, on=D(2026, 1, 5))
    assert refused.value.rule == "NO-RED-003"
    services.consultation_record_government_notice(actor=erin, consultation=consultation, on=D(2026, 1, 6))
    with pytest.raises(ApplicationError):
        services.consultation_open(actor=erin, consultation=consultation, on=D(2026, 1, 5))
    consultation.refresh_from_db()
    assert (consultation.status, consultation.started_on) == (ConsultationStatus.PLANNED, None)
    services.consultation_open(actor=erin, consultation=consultation, on=D(2026, 1, 6))
    consultation.refresh_from_db()
    assert (consultation.status, consultation.started_on) == (ConsultationStatus.OPEN, D(2026, 1, 6))


def test_vn_redundancy_rule_is_shown_inactive_and_unverified_and_does_not_block(erin):
    consultation = make_consultation(
        jurisdiction=Jurisdiction.VN, kind=ProposalKind.RESTRUCTURE, number_affected=40
    )
    reqs = statutory.requirements(consultation)
    period = _by_rule(reqs, "VN-RED-001", statutory.Kind.MINIMUM_PERIOD)
    assert (period.active, period.verified, period.date) == (False, False, D(2026, 4, 1))
    services.consultation_plan_first_dismissal(actor=erin, consultation=consultation, on=D(2026, 3, 10))
    progress = statutory.progress(consultation, reqs, D(2026, 3, 14))
    assert (progress.day, progress.of) == (12, 30)


def test_a_change_to_terms_has_no_redundancy_requirements():
    assert statutory.requirements(make_consultation(kind=ProposalKind.CHANGE_TO_TERMS)) == []


def test_an_admin_edit_of_the_rule_table_changes_the_period(erin):
    from policies.models import Rule

    rule = Rule.objects.get(rule_id="GB-RED-001")
    rule.variants = [
        {"key": "20_99", "number": 30, "unit": "calendar_days"},
        {"key": "100_plus", "number": 50, "unit": "calendar_days"},
    ]
    rule.save()
    assert statutory.conclusion_limit(statutory.requirements(make_consultation())).date == D(2026, 4, 21)


def test_planning_a_dismissal_before_the_trigger_is_recorded_counts_from_today(erin):
    consultation = make_consultation(
        jurisdiction=Jurisdiction.US, number_affected=60, government_notified_on=None
    )
    with pytest.raises(ApplicationError) as refused:
        services.consultation_plan_first_dismissal(
            actor=erin, consultation=consultation, on=timezone.localdate() + datetime.timedelta(days=59)
        )
    assert refused.value.rule == "US-RED-002"


def test_a_case_manager_cannot_change_a_consultation(hana):
    consultation = make_consultation()
    with pytest.raises(ApplicationError):
        services.consultation_conclude(actor=hana, consultation=consultation, on=D(2026, 5, 1))


def test_periods_go_through_the_policies_deadline_calculator_so_an_admins_counting_applies():
    from policies.models import Rule

    Rule.objects.filter(rule_id="NO-RED-004").update(counting="includes_trigger_day")
    consultation = make_consultation(
        jurisdiction=Jurisdiction.NO,
        number_affected=12,
        started_on=D(2026, 1, 5),
        government_notified_on=D(2026, 1, 5),
    )
    assert statutory.first_dismissal_limit(statutory.requirements(consultation)).date == D(2026, 2, 3)
