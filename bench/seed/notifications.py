"""Notifications for every seeded user: twelve unread for each bench log-in."""

from __future__ import annotations

import datetime

from bench.seed.seeder import Seeder
from deadlines.models import Notification


def seed_notifications(seeder: Seeder) -> None:
    rng = seeder.rng
    nid = seeder.w.next_id(Notification)
    open_cases = [c for c in seeder.cases if c.is_open] or seeder.cases
    rows = []
    for uid in seeder.user_names:
        unread = (
            12 if uid in (seeder.bench_hr, seeder.bench_lead, seeder.bench_manager) else rng.randint(0, 6)
        )
        for i in range(30):
            c = rng.choice(open_cases)
            created = seeder.now - datetime.timedelta(hours=rng.randint(1, 24 * 60))
            rows.append(
                (
                    nid,
                    uid,
                    f"Deadline due soon: {c.reference}",
                    "",
                    f"/cases/{c.id}/",
                    None,
                    created,
                    None if i < unread else created + datetime.timedelta(hours=2),
                )
            )
            nid += 1
    n = seeder.w.write(
        Notification, ["id", "user", "title", "body", "url", "deadline", "created_at", "read_at"], rows
    )
    seeder.progress("notifications", n)
