"""Demo policies for ``seed_demo``: a small library across jurisdictions, one review overdue.

Each version was drafted and approved before it took effect, on working days of the past
(``clock.travel``), so no policy is shown in force before its approval."""

from __future__ import annotations

import datetime
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from erms.lib import clock
from policies import services
from policies.models import Policy, PolicyCategory, VersionStatus

_BODY = """# {title}

## Purpose

This policy explains how {org} handles {topic}. It applies to everyone working for us in {where}.

## Principles

- We act fairly, promptly and consistently.
- You may be accompanied at formal meetings where the law or this policy allows it.
- Records are kept confidential and only for as long as they are needed.

## Procedure

1. Raise the matter with your manager or HR.
2. HR acknowledges it within **{ack} working days**.
3. A formal process follows the procedure for your location.
"""

# (title, category, jurisdictions, topic, [acknowledgement days per version], review offset in days)
_LIBRARY = [
    ("Code of conduct", PolicyCategory.CONDUCT, ["GB", "US", "NO", "VN"], "conduct at work", [5, 3], 200),
    ("Disciplinary policy (UK)", PolicyCategory.DISCIPLINARY, ["GB"], "disciplinary matters", [5, 5, 3], 150),
    ("Grievance policy", PolicyCategory.GRIEVANCE, ["GB", "US"], "grievances", [5], 300),
    ("Dignity at work", PolicyCategory.DIGNITY_AT_WORK, ["GB", "NO"], "bullying and harassment", [3, 2], -20),
    (
        "Equal opportunities",
        PolicyCategory.EQUAL_OPPORTUNITIES,
        ["GB", "US", "NO", "VN"],
        "equal treatment",
        [5],
        90,
    ),
    (
        "Varsling (whistleblowing)",
        PolicyCategory.WHISTLEBLOWING,
        ["NO"],
        "whistleblowing reports",
        [2, 2],
        120,
    ),
    ("Absence management", PolicyCategory.ABSENCE, ["GB", "US"], "sickness absence", [5], 0),
    ("Capability policy", PolicyCategory.CAPABILITY, ["GB"], "performance concerns", [10, 5], 365),
    (
        "Labour discipline rules (Vietnam)",
        PolicyCategory.DISCIPLINARY,
        ["VN"],
        "labour discipline",
        [5, 5],
        250,
    ),
    (
        "Data protection for employee records",
        PolicyCategory.DATA_PROTECTION,
        ["GB", "US", "NO", "VN"],
        "personal data in HR records",
        [5],
        180,
    ),
]


def _working_day(day: datetime.date, *, forward: bool = False) -> datetime.date:
    """``day``, or the nearest working day before it (after it, ``forward``) when it is a weekend."""
    step = datetime.timedelta(days=1 if forward else -1)
    while day.weekday() >= 5:
        day += step
    return day


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@transaction.atomic
def seed_policies(stdout: TextIO) -> None:
    """Create the demo policy library once; running it again changes nothing."""
    owner = User.objects.filter(email__iexact="lead@example.com").first()
    if owner is None:
        stdout.write("policies: no lead@example.com user; skipping demo policies.\n")
        return
    # The HR admin looks after the absence policy (its review falls due today, so the admin
    # has a reminder too); the ER lead owns the rest.
    admin = User.objects.filter(email__iexact="admin@example.com").first() or owner
    owners = {"Absence management": admin}
    today = clock.today()
    created = 0
    for title, category, jurisdictions, topic, acks, review_offset in _LIBRARY:
        if Policy.objects.filter(title=title).exists():
            continue
        # Each version is drafted, then approved a fortnight before it takes effect, on working
        # days in the past: the policy was written when its first version was drafted.
        effective = [today - datetime.timedelta(days=900 - 300 * index) for index in range(len(acks))]
        approved = [_working_day(day - datetime.timedelta(days=14)) for day in effective]
        drafted = [_working_day(day - datetime.timedelta(days=7)) for day in approved]
        if len(acks) == 3:  # the newest of a three-version policy is an open draft, written lately
            drafted[-1] = _working_day(today - datetime.timedelta(days=9))
        with clock.travel(_at(drafted[0], 9)):
            policy = services.policy_create(
                actor=owner,
                title=title,
                category=category,
                jurisdictions=jurisdictions,
                review_due=_working_day(today + datetime.timedelta(days=review_offset), forward=True),
                owner=owners.get(title, owner),
            )
        for index, ack in enumerate(acks):
            body = _BODY.format(
                title=title, org="Northwind Group", topic=topic, where=", ".join(jurisdictions), ack=ack
            )
            if index:
                body += f"\n## Changes in version {index + 1}\n\nClarified timescales and contacts.\n"
            with clock.travel(_at(drafted[index], 10)):
                version = services.policy_version_draft(
                    actor=owner,
                    policy=policy,
                    body_markdown=body,
                    change_note="First issue" if not index else "Shorter acknowledgement time",
                )
            if index == len(acks) - 1 and len(acks) == 3:
                continue  # leave the newest of a three-version policy as an open draft
            with clock.travel(_at(approved[index], 14)):
                services.policy_version_approve(actor=owner, version=version)
                services.policy_version_make_effective(
                    actor=owner, version=version, effective_from=effective[index]
                )
        created += 1
    drafts = Policy.objects.filter(versions__status=VersionStatus.DRAFT).distinct().count()
    stdout.write(f"policies: {created} demo policies created ({drafts} with an open draft).\n")
