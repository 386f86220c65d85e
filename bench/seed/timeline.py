"""About twenty timeline entries per case, the largest table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bench.seed.seeder import Seeder
from bench.seed.vocabulary import NOTE_TEMPLATES
from cases.models import CaseKind, CaseStatus, TimelineEntry
from cases.workflow import path_for


def seed_timeline(seeder: Seeder) -> None:
    """About twenty entries per case, oldest first, spread over the case's life."""
    rng = seeder.rng
    start_id = seeder.w.next_id(TimelineEntry)
    names = seeder.user_names

    def rows() -> Iterable[tuple[Any, ...]]:
        tid = start_id
        for c in seeder.cases:
            path = path_for(c.kind)
            reached = path[: path.index(c.status) + 1] if c.status in path else path[:1] + [c.status]
            n = rng.randint(12, 28)
            end = c.closed_at or seeder.now
            stamps = sorted(seeder.between(c.opened_at, end) for _ in range(n - 1))
            manager_name = names.get(c.manager_id, "the case manager")
            yield (
                tid,
                c.id,
                "status",
                c.manager_id,
                f"Case opened ({CaseKind(c.kind).label}), managed by {manager_name}",
                "",
                False,
                c.opened_at,
            )
            tid += 1
            status_at = set(range(0, n - 1, max(1, (n - 1) // max(1, len(reached) - 1))))
            step = 1
            for i, at in enumerate(stamps):
                if i in status_at and step < len(reached):
                    summary = (
                        f"Status: {CaseStatus(reached[step - 1]).label} → {CaseStatus(reached[step]).label}"
                    )
                    yield tid, c.id, "status", c.manager_id, summary, "", False, at
                    step += 1
                else:
                    r = rng.random()
                    if r < 0.45:
                        yield (
                            tid,
                            c.id,
                            "note",
                            c.manager_id,
                            "Note",
                            rng.choice(NOTE_TEMPLATES).format(name=c.principal.name),
                            r < 0.03,
                            at,
                        )
                    elif r < 0.6:
                        yield tid, c.id, "document", c.manager_id, "Document added", "", False, at
                    elif r < 0.72:
                        yield tid, c.id, "meeting", c.manager_id, "Meeting scheduled", "", False, at
                    elif r < 0.82:
                        yield (
                            tid,
                            c.id,
                            "party",
                            c.manager_id,
                            f"Party added: {c.principal.name}",
                            "",
                            False,
                            at,
                        )
                    elif r < 0.92:
                        yield tid, c.id, "deadline", None, "Deadline reminder sent", "", False, at
                    else:
                        yield (
                            tid,
                            c.id,
                            "allegation",
                            c.investigator_id or c.manager_id,
                            "Allegation updated",
                            "",
                            False,
                            at,
                        )
                tid += 1

    n = seeder.w.write(
        TimelineEntry,
        [
            "id",
            "case",
            "kind",
            "author",
            "summary",
            "body",
            "shared_with_submitter",
            "created_at",
            "summary_sentence",
        ],
        # The bench's lines are plain text; pages fall back to it (no stored sentence).
        (row + ("{}",) for row in rows()),
    )
    seeder.progress("timeline entries", n)
