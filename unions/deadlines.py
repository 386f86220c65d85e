"""Consultation dates and agreement expiries as deadlines, through the deadline engine (``deadlines``).

A consultation owns one open deadline per dated statutory requirement (``unions.statutory``):

- ``government_notice``: HR1 (GB-RED-003), the notice to NAV (NO-RED-003), the WARN notices
  (US-RED-002), the People's Committee notice (VN-RED-001, while that rule is active). Met when
  the notice is recorded; escalated to the ER leads when it is missed.
- ``consultation_period``: the end of the minimum consultation period (GB-RED-001) — the
  earliest conclusion and first dismissal.
- ``consultation_notice_period``: the earliest first dismissal after the government notice
  (GB-RED-003, US-RED-002, NO-RED-004).

The two periods are earliest dates, not tasks: they are reminded and lapse when they pass.
The consultation owner is responsible. A concluded consultation closes its minimum period and
cancels what is still open; a withdrawn one cancels everything open.

A collective agreement with a ``valid_to`` owns an ``agreement_expiry`` deadline (reminded 90
and 30 days ahead as well as the usual days, then lapsing), the agreement's owner responsible,
else its negotiation's owner, else an ER lead.

Every function here writes, and must run inside ``transaction.atomic``.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import Employee, Role, User
from deadlines import owners
from deadlines import selectors as deadline_selectors
from deadlines import services as engine
from deadlines.models import Deadline, DeadlineStatus
from erms.lib import clock, workdays
from erms.lib.sentences import Sentence, Word
from unions import statutory
from unions.models import CollectiveAgreement, Consultation, ConsultationStatus

CONSULTATION_OWNER_TYPE = "unions.consultation"
AGREEMENT_OWNER_TYPE = "unions.collectiveagreement"
# The end of a minimum period is the earliest allowed date and an expiry simply passes: both
# lapse. A government notice (HR1, NAV, WARN) is escalated when missed.
GOVERNMENT_NOTICE = "government_notice"
CONSULTATION_PERIOD = "consultation_period"
CONSULTATION_NOTICE_PERIOD = "consultation_notice_period"
AGREEMENT_EXPIRY = "agreement_expiry"

#: Minimum periods that run from the start of the consultation (the others run from the notice).
_START_PERIOD_RULES = frozenset({"GB-RED-001", "VN-RED-001"})


# --------------------------------------------------------------------------- places


def _valid(region: str) -> bool:
    try:
        workdays.region_country(region)
    except workdays.UnknownRegion:
        return False
    return True


def _user_region(user: User | None) -> str:
    if user is None:
        return ""
    employee = Employee.objects.filter(user=user).select_related("location").first()
    return (getattr(getattr(employee, "location", None), "region", "") or "").upper()


def _region_and_zone(candidates: list[str]) -> tuple[str, str]:
    """The first usable ISO 3166-2 region of ``candidates`` and its time zone (London if none)."""
    for region in candidates:
        region = (region or "").strip().upper()
        if region and _valid(region):
            return region, workdays.region_time_zone(region)
    return "GB-ENG", "Europe/London"


def consultation_region(consultation: Consultation) -> tuple[str, str]:
    """Where the consultation's days are counted: its region, an affected location's, the
    jurisdiction's default, else the owner's location."""
    locations = [loc.region for loc in consultation.locations.all()]
    return _region_and_zone(
        [
            consultation.region,
            *locations,
            workdays.DEFAULT_REGIONS.get(consultation.jurisdiction, ""),
            _user_region(consultation.owner),
        ]
    )


def _noon(day: datetime.date, time_zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo(time_zone)).astimezone(
        datetime.UTC
    )


# --------------------------------------------------------------------------- consultations


def _key(req: statutory.Requirement) -> str | None:
    """The deadline a requirement becomes, or ``None`` (no date, rule inactive, or not enforced)."""
    if not req.active or req.date is None:
        return None
    if req.kind == statutory.Kind.GOVERNMENT_NOTICE:
        return GOVERNMENT_NOTICE
    if req.kind == statutory.Kind.MINIMUM_PERIOD and (req.blocks_dismissal or req.warns_conclusion):
        return CONSULTATION_PERIOD if req.rule_id in _START_PERIOD_RULES else CONSULTATION_NOTICE_PERIOD
    return None


def _title(consultation: Consultation, req: statutory.Requirement) -> Sentence:
    """``req`` is computed untranslated (``_requirements``), so its labels are msgids the reader's
    language translates when the title is shown."""
    return Sentence.of(
        gettext_noop("%(consultation)s: %(requirement)s (%(date_label)s)"),
        consultation=consultation.title,
        requirement=Word(req.title),
        date_label=Word(req.date_label),
    )


def _requirements(consultation: Consultation) -> list[statutory.Requirement]:
    with translation.override(None):  # labels as msgids, for titles shown in each reader's language
        return list(statutory.requirements(consultation))


def consultation_deadlines_open(consultation: Consultation) -> dict[str, Deadline]:
    rows = Deadline.objects.select_for_update().filter(
        owner_type=CONSULTATION_OWNER_TYPE, owner_id=consultation.pk, status=DeadlineStatus.OPEN
    )
    return {d.key: d for d in rows}


def _met_exists(consultation: Consultation, key: str, due_on: datetime.date | None = None) -> bool:
    qs = Deadline.objects.filter(
        owner_type=CONSULTATION_OWNER_TYPE, owner_id=consultation.pk, key=key, status=DeadlineStatus.MET
    )
    if due_on is not None:
        qs = qs.filter(due_on=due_on)
    return qs.exists()


def consultation_deadlines_sync(consultation: Consultation, *, actor: User | None) -> None:
    """Bring the consultation's deadlines in line with its status, dates and requirements."""
    open_rows = consultation_deadlines_open(consultation)
    if consultation.status == ConsultationStatus.WITHDRAWN:
        for deadline in open_rows.values():
            engine.deadline_cancel(deadline=deadline, actor=actor)
        return
    region, zone = consultation_region(consultation)
    wanted: set[str] = set()
    if consultation.status != ConsultationStatus.CONCLUDED:
        for req in _requirements(consultation):
            key = _key(req)
            if key is None or key in wanted:
                continue
            wanted.add(key)
            current = open_rows.get(key)
            notified = consultation.government_notified_on if key == GOVERNMENT_NOTICE else None
            if current is None and _met_exists(consultation, key, None if notified else req.date):
                continue  # already met (the notice) or lapsed (a period) for this date
            deadline = engine.deadline_set(
                key=key,
                title=_title(consultation, req),
                due_on=req.date,
                time_zone=zone,
                region=region,
                rule_id=req.rule_id,
                citation=req.citation,
                responsible=consultation.owner,
                owner_type=CONSULTATION_OWNER_TYPE,
                owner_id=consultation.pk,
                actor=actor,
            )
            open_rows[key] = deadline
            if notified is not None:
                engine.deadline_met(deadline=deadline, actor=actor, at=_noon(notified, zone))
                open_rows.pop(key)
    else:
        notice = open_rows.get(GOVERNMENT_NOTICE)
        if notice is not None and consultation.government_notified_on:
            engine.deadline_met(
                deadline=notice, actor=actor, at=_noon(consultation.government_notified_on, zone)
            )
            open_rows.pop(GOVERNMENT_NOTICE)
        period = open_rows.pop(CONSULTATION_PERIOD, None)
        if period is not None:
            # The minimum period has run (the conclusion guardrail saw to it): it passed, nobody missed it.
            engine.deadline_met(deadline=period, actor=None, at=period.due_at)
    for key, deadline in open_rows.items():
        if key not in wanted and deadline.status == DeadlineStatus.OPEN:
            engine.deadline_cancel(deadline=deadline, actor=actor)


def consultation_deadlines(consultation: Consultation) -> list[Deadline]:
    """The consultation's deadlines for its page: open ones first, then by due date; each with ``state``."""
    rows = list(
        Deadline.objects.filter(owner_type=CONSULTATION_OWNER_TYPE, owner_id=consultation.pk)
        .select_related("responsible")
        .order_by("due_at", "id")
    )
    for deadline in rows:
        deadline.state = deadline_selectors.deadline_state(deadline)
    return sorted(rows, key=lambda d: d.status != DeadlineStatus.OPEN)


# --------------------------------------------------------------------------- agreements


def agreement_responsible(agreement: CollectiveAgreement) -> User | None:
    """The agreement's owner, else its negotiation's owner, else the first active ER lead."""
    for user in (agreement.owner, agreement.negotiation.owner if agreement.negotiation_id else None):
        if user is not None and user.is_active:
            return user
    return User.objects.filter(is_active=True, groups__name=Role.ER_LEAD).order_by("pk").first()


def agreement_region(agreement: CollectiveAgreement, responsible: User | None) -> tuple[str, str]:
    locations = [
        loc.region for recognition in agreement.body.recognitions.all() for loc in recognition.locations.all()
    ]
    return _region_and_zone(
        [*locations, workdays.DEFAULT_REGIONS.get(agreement.body.jurisdiction, ""), _user_region(responsible)]
    )


def _agreement_open(agreement_id: int) -> Deadline | None:
    return (
        Deadline.objects.select_for_update()
        .filter(
            owner_type=AGREEMENT_OWNER_TYPE,
            owner_id=agreement_id,
            key=AGREEMENT_EXPIRY,
            status=DeadlineStatus.OPEN,
        )
        .first()
    )


def agreement_expiry_sync(agreement: CollectiveAgreement, *, actor: User | None = None) -> Deadline | None:
    """One open expiry deadline per agreement with an end date; none without one. An end date
    that already passed and lapsed is not reopened; a new end date (a renewal) opens the next."""
    current = _agreement_open(agreement.pk)
    if agreement.valid_to is None:
        if current is not None:
            engine.deadline_cancel(deadline=current, actor=actor)
        return None
    if (
        current is None
        and Deadline.objects.filter(
            owner_type=AGREEMENT_OWNER_TYPE,
            owner_id=agreement.pk,
            key=AGREEMENT_EXPIRY,
            due_on=agreement.valid_to,
        )
        .exclude(status=DeadlineStatus.OPEN)
        .exists()
    ):
        return None
    responsible = agreement_responsible(agreement)
    region, zone = agreement_region(agreement, responsible)
    return engine.deadline_set(
        key=AGREEMENT_EXPIRY,
        title=Sentence.of(
            gettext_noop("Collective agreement expires: %(title)s (%(body)s)"),
            title=agreement.title,
            body=agreement.body.name,
        ),
        due_on=agreement.valid_to,
        time_zone=zone,
        region=region,
        responsible=responsible,
        owner_type=AGREEMENT_OWNER_TYPE,
        owner_id=agreement.pk,
        actor=actor,
    )


def agreement_expiry_cancel(agreement_id: int, *, actor: User | None = None) -> None:
    """The agreement is gone (deleted): its expiry no longer applies."""
    current = _agreement_open(agreement_id)
    if current is not None:
        engine.deadline_cancel(deadline=current, actor=actor)


def agreement_expiry_deadlines_sync(*, on: datetime.date | None = None) -> int:
    """Sync the agreements still running on ``on`` (default today) and cancel the open expiry
    deadlines of agreements that no longer exist. Returns the number of agreements synced."""

    on = on or clock.today()
    agreements = list(
        CollectiveAgreement.objects.filter(valid_to__gte=on).select_related(
            "body", "owner", "negotiation__owner"
        )
    )
    for agreement in agreements:
        agreement_expiry_sync(agreement)
    existing = set(CollectiveAgreement.objects.values_list("pk", flat=True))
    for deadline in Deadline.objects.select_for_update().filter(
        owner_type=AGREEMENT_OWNER_TYPE, status=DeadlineStatus.OPEN
    ):
        if deadline.owner_id not in existing:
            engine.deadline_cancel(deadline=deadline)
    return len(agreements)


# --------------------------------------------------------------------------- as deadline owners


def _consultations_visible(user: User) -> Q:
    from unions.selectors import deadlines_visible_q  # selectors import this module's owner types

    return Q(responsible=user) | deadlines_visible_q(user)


def _consultation_link(consultation_id: int) -> str:
    from unions.selectors import deadline_owner_url  # selectors import this module's owner types

    return deadline_owner_url(CONSULTATION_OWNER_TYPE, consultation_id)


def _agreement_link(agreement_id: int) -> str:
    from unions.selectors import deadline_owner_url  # selectors import this module's owner types

    return deadline_owner_url(AGREEMENT_OWNER_TYPE, agreement_id)


def _consultation_names(consultation_ids: set[int]) -> dict[int, str]:
    return dict(Consultation.objects.filter(pk__in=consultation_ids).values_list("pk", "title"))


def _agreement_names(agreement_ids: set[int]) -> dict[int, str]:
    return dict(CollectiveAgreement.objects.filter(pk__in=agreement_ids).values_list("pk", "title"))


CONSULTATION_OWNER = owners.Owner(
    label=CONSULTATION_OWNER_TYPE,
    link=_consultation_link,
    names=_consultation_names,
    noun=gettext_lazy("Consultation"),
    visible_to=_consultations_visible,
    lapsing_keys=frozenset({CONSULTATION_PERIOD, CONSULTATION_NOTICE_PERIOD}),
)
#: An expiring collective agreement is renegotiated weeks ahead: reminded 90 and 30 days before too.
AGREEMENT_OWNER = owners.Owner(
    label=AGREEMENT_OWNER_TYPE,
    link=_agreement_link,
    names=_agreement_names,
    noun=gettext_lazy("Collective agreement"),
    visible_to=_consultations_visible,
    lapsing_keys=frozenset({AGREEMENT_EXPIRY}),
    extra_days_before={AGREEMENT_EXPIRY: (90, 30)},
)
