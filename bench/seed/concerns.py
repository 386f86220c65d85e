"""Concerns: most opened a case; others were resolved informally or wait in triage."""

from __future__ import annotations

import datetime
from typing import Any

from bench.seed.seeder import Person, Seeder
from bench.seed.vocabulary import KIND_CATEGORY, TOPICS
from cases.models import CaseKind, Concern, ConcernStatus


def seed_concerns(seeder: Seeder) -> None:
    """Most cases start as a concern; others were resolved informally or are waiting in triage."""
    rng, w = seeder.rng, seeder.w
    cid = w.next_id(Concern)
    about_through = Concern.about.through
    abid = w.next_id(about_through)
    concerns: list[tuple[Any, ...]] = []
    about: list[tuple[int, int, int]] = []
    raisers = seeder.line_managers or [seeder.bench_manager]

    def raiser_for(person: Person) -> int:
        boss = seeder.person_by_id.get(person.manager_id or 0)
        if boss and boss.user_id in seeder.line_manager_ids:
            return boss.user_id
        return rng.choice(raisers)

    staff = [p for p in seeder.people if p.manager_id is not None]
    for c in seeder.cases:
        if c.kind in (CaseKind.APPEAL, CaseKind.CLAIM) or rng.random() > 0.65:
            continue
        created = c.opened_at - datetime.timedelta(days=rng.randint(1, 10), seconds=rng.randrange(86400))
        concerns.append(
            (
                cid,
                seeder.reference("CON", created),
                raiser_for(c.principal),
                KIND_CATEGORY[c.kind],
                "",
                f"Concern about {rng.choice(TOPICS[c.kind])}.",
                created.date(),
                "",
                "",
                "normal",
                ConcernStatus.CASE_OPENED,
                c.id,
                c.manager_id,
                c.opened_at,
                "Accepted: a formal process is needed.",
                created,
            )
        )
        about.append((abid, cid, c.principal.id))
        abid += 1
        cid += 1
    extra = seeder.n_cases // 6
    span = (seeder.now - seeder.start).total_seconds()
    for i in range(extra):
        person = rng.choice(staff)
        waiting = i < max(5, seeder.n_cases // 500)
        created = (
            seeder.now - datetime.timedelta(days=rng.randint(0, 14), seconds=rng.randrange(86400))
            if waiting
            else seeder.start + datetime.timedelta(seconds=int(rng.random() * span))
        )
        status = (
            rng.choice((ConcernStatus.RECEIVED, ConcernStatus.UNDER_REVIEW))
            if waiting
            else rng.choice((ConcernStatus.RESOLVED_INFORMALLY, ConcernStatus.NO_FURTHER_ACTION))
        )
        urgency = rng.choice(("low", "normal", "normal", "normal", "high", "urgent"))
        triaged = None if waiting else rng.choice(seeder.case_managers)
        concerns.append(
            (
                cid,
                seeder.reference("CON", created),
                raiser_for(person),
                rng.choice(("conduct", "attendance", "bullying", "performance", "other")),
                "",
                "Concern raised by the line manager about the team.",
                created.date(),
                "",
                "",
                urgency,
                status,
                None,
                triaged,
                created if triaged else None,
                "Resolved with informal advice." if triaged else "",
                created,
            )
        )
        about.append((abid, cid, person.id))
        abid += 1
        cid += 1
    n = w.write(
        Concern,
        [
            "id",
            "reference",
            "raised_by",
            "category",
            "protected_characteristic",
            "description",
            "occurred_on",
            "place",
            "witnesses",
            "urgency",
            "status",
            "case",
            "triaged_by",
            "triaged_at",
            "triage_reason",
            "created_at",
        ],
        concerns,
    )
    w.write(about_through, ["id", "concern", "employee"], about)
    seeder.progress("concerns", n)
