"""Deadlines computed from the shipped rule rows (the data migration)."""

import datetime

import pytest

from erms.lib.errors import ApplicationError
from policies import services
from policies.models import ClosureDay, Rule, RuleStatus
from tests.days import DATE_SENSITIVE

pytestmark = [pytest.mark.django_db, pytest.mark.days(*DATE_SENSITIVE)]
D = datetime.date


def deadline(rule_id, start, region, variant=None, **kwargs):
    return services.rule_deadline(Rule.objects.get(rule_id=rule_id), start, region, variant, **kwargs)


def test_the_migration_loads_every_jurisdiction_with_unverified_and_inactive_rows():
    assert set(Rule.objects.values_list("jurisdiction", flat=True)) == {"GB", "US", "NO", "VN", "XJ"}
    assert Rule.objects.get(rule_id="GB-LIM-004").status == RuleStatus.INACTIVE
    assert Rule.objects.get(rule_id="VN-RED-001").status == RuleStatus.INACTIVE
    assert Rule.objects.get(rule_id="VN-DISC-004").status == RuleStatus.UNVERIFIED
    assert Rule.objects.get(rule_id="GB-ACC-002").status == RuleStatus.VERIFIED


def test_e1_companion_rule_gives_10_april_in_england_and_9_april_in_scotland():
    england = deadline("GB-ACC-002", D(2026, 4, 1), "GB-ENG")
    assert england.due == D(2026, 4, 10)
    assert england.citation == "ERA 1999 s10(4)–(5)"
    assert {s.reason for s in england.skipped} >= {"Good Friday", "Easter Monday"}
    assert deadline("GB-ACC-002", D(2026, 4, 1), "GB-SCT").due == D(2026, 4, 9)


def test_e2_tribunal_limit_and_early_conciliation_extensions():
    limit = deadline("GB-LIM-001", D(2026, 5, 15), "GB-ENG").due
    assert limit == D(2026, 8, 14)
    assert services.gb_early_conciliation_limit(limit, D(2026, 8, 12), D(2026, 8, 19)) == D(2026, 9, 19)
    assert services.gb_early_conciliation_limit(limit, D(2026, 7, 10), D(2026, 8, 21)) == D(2026, 9, 25)


def test_e3_vietnam_limitation_basic_financial_and_after_sick_leave():
    basic = deadline("VN-DISC-003", D(2026, 2, 10), "VN")
    assert basic.due == D(2026, 8, 10) and basic.variant == "standard"
    assert deadline("VN-DISC-003", D(2026, 2, 10), "VN", "finance_assets_secrets").due == D(2027, 2, 10)
    assert services.vn_limitation_after_bar(basic.due, D(2026, 9, 4)) == D(2026, 11, 3)
    assert services.vn_limitation_after_bar(D(2026, 12, 31), D(2026, 9, 4)) == D(2026, 12, 31)


def test_e4_eeoc_default_is_180_days_and_lists_the_300_day_variant():
    result = deadline("US-LIM-001", D(2026, 1, 15), "US-NY")
    assert result.due == D(2026, 7, 14)
    assert result.variant == "no_agency"
    # DOMAIN.md rule 5 / E4: 300 cd ends Wed 11 Nov (Veterans Day), rolled forward to Thu 12 Nov.
    assert [(v.key, v.due) for v in result.other_variants] == [("state_agency", D(2026, 11, 12))]
    assert deadline("US-LIM-001", D(2026, 1, 15), "US-NY", "state_agency").due == D(2026, 11, 12)


def test_e5_norway_notice_negotiation_and_lawsuit_dates():
    assert deadline("NO-TERM-005", D(2026, 1, 20), "NO", "5_years").due == D(2026, 3, 31)
    assert deadline("NO-DISP-001", D(2026, 1, 20), "NO").due == D(2026, 2, 3)
    assert deadline("NO-DISP-002", D(2026, 2, 2), "NO", "meeting").due == D(2026, 2, 16)
    assert deadline("NO-DISP-002", D(2026, 2, 10), "NO", "end").due == D(2026, 2, 24)
    assert deadline("NO-LIM-001", D(2026, 2, 24), "NO").due == D(2026, 4, 21)
    assert deadline("NO-LIM-001", D(2026, 2, 24), "NO", "damages").due == D(2026, 8, 24)


def test_it_ac_13_vietnam_reprimand_and_suspension_from_the_rules():
    assert deadline("VN-SANC-003", D(2026, 3, 16), "VN", "reprimand").due == D(2026, 6, 16)
    assert deadline("VN-SUSP-001", D(2026, 6, 1), "VN").due == D(2026, 6, 15)
    assert deadline("VN-SUSP-001", D(2026, 6, 1), "VN", "exceptional").due == D(2026, 8, 29)


def test_collective_consultation_periods_by_headcount():
    assert deadline("GB-RED-001", D(2026, 3, 2), "GB-ENG", "100_plus").due == D(2026, 4, 16)
    assert deadline("GB-RED-001", D(2026, 3, 2), "GB-ENG").due == D(2026, 4, 1)
    assert deadline("US-RED-002", D(2026, 4, 2), "US-NY").due == D(2026, 6, 1)
    assert deadline("NO-RED-004", D(2026, 1, 5), "NO").due == D(2026, 2, 4)


def test_the_variant_in_force_on_the_trigger_date_is_the_default():
    assert deadline("GB-LIM-003", D(2026, 1, 5), "GB-ENG").variant == "from_2025_12_01"
    old = deadline("GB-LIM-003", D(2025, 11, 3), "GB-ENG")
    assert old.variant == "to_2025_11_30" and old.due == D(2025, 12, 15)


def test_the_due_instant_follows_the_region_time_zone():
    result = deadline("GB-ACC-002", D(2026, 3, 20), "GB-ENG")
    assert result.due == D(2026, 3, 27)
    assert result.due_at == datetime.datetime(2026, 3, 27, 23, 59, 59, tzinfo=datetime.UTC)
    hanoi = deadline("VN-DISC-004", D(2026, 3, 20), "VN")
    assert hanoi.due_at.hour == 16


def test_organisation_closure_days_for_the_region_are_skipped():
    ClosureDay.objects.create(date=D(2026, 3, 4), region="GB", reason="Office move")
    ClosureDay.objects.create(date=D(2026, 3, 5), region="NO", reason="Oslo only")
    result = deadline("GB-ACC-002", D(2026, 3, 2), "GB-ENG")
    assert result.due == D(2026, 3, 10)
    assert [s.reason for s in result.skipped if s.kind == "closure"] == ["Office move"]


@pytest.mark.parametrize(
    ("rule_id", "region", "variant", "field"),
    [
        ("GB-ACC-002", "US-NY", None, "region"),
        ("GB-ACC-002", "GB-XYZ", None, "region"),
        ("GB-ACC-002", "GB-ENG", "nope", "variant"),
        ("US-LIM-001", "US-NY", "nope", "variant"),
        ("GB-DISC-001", "GB-ENG", None, "rule"),
        ("GB-LIM-004", "GB-ENG", None, "rule"),
    ],
)
def test_it_refuses_bad_inputs_naming_the_parameter(rule_id, region, variant, field):
    with pytest.raises(ApplicationError) as refused:
        deadline(rule_id, D(2026, 3, 2), region, variant)
    assert refused.value.field == field


def test_it_refuses_a_start_before_the_rule_was_in_force():
    with pytest.raises(ApplicationError) as refused:
        deadline("VN-DISC-004", D(2020, 6, 1), "VN")
    assert refused.value.field == "start"
