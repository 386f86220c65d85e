"""The cases over five years, with their parties, investigators and deadlines (reminders for
the open ones)."""

from __future__ import annotations

import datetime
from typing import Any

from bench.seed.seeder import CaseRow, Person, Seeder
from bench.seed.vocabulary import DEADLINE_KEYS, INVESTIGATED_KINDS, KIND_WEIGHTS, TOPICS
from cases.models import Case, CaseKind, CaseStatus, Party
from cases.workflow import path_for
from deadlines.models import Deadline, Reminder


def seed_cases(seeder: Seeder) -> None:
    rng, w = seeder.rng, seeder.w
    span = (seeder.now - seeder.start).total_seconds()
    openings = sorted(
        seeder.start + datetime.timedelta(seconds=int(rng.random() * span)) for _ in range(seeder.n_cases)
    )
    kinds = [k for k, _ in KIND_WEIGHTS]
    weights = [wt for _, wt in KIND_WEIGHTS]
    staff = [p for p in seeder.people if p.manager_id is not None]
    case_id = w.next_id(Case)
    seeder.cases = []
    appealable: list[CaseRow] = []
    recent = seeder.now - datetime.timedelta(days=120)
    for opened_at in openings:
        kind = rng.choices(kinds, weights)[0]
        original = None
        if kind == CaseKind.APPEAL:
            if appealable:
                original = appealable[rng.randrange(max(0, len(appealable) - 2000), len(appealable))]
            else:
                kind = CaseKind.GRIEVANCE
        principal = original.principal if original else rng.choice(staff)
        is_open = rng.random() < (0.8 if opened_at > recent else 0.05)
        path = path_for(kind)
        if is_open:
            open_steps = [s for s in path if s != CaseStatus.CLOSED]
            status = open_steps[min(len(open_steps) - 1, int(rng.random() ** 1.5 * len(open_steps)))]
            closed_at = None
        else:
            status = CaseStatus.WITHDRAWN if rng.random() < 0.06 else CaseStatus.CLOSED
            closed_at = min(
                seeder.now,
                opened_at + datetime.timedelta(days=rng.randint(10, 200), seconds=rng.randrange(86400)),
            )
        r = rng.random()
        manager = (
            seeder.bench_hr
            if r < 0.03
            else rng.choice(seeder.er_leads)
            if r < 0.12
            else rng.choice(seeder.case_managers)
        )
        topic = rng.choice(TOPICS[kind])
        dep_name = seeder.department_names[principal.department_id]
        title = (f"Appeal against {original.reference}" if original else f"{CaseKind(kind).label}: {topic}")[
            :200
        ]
        summary = (
            f"{principal.name} ({dep_name}): {topic}. Raised through the usual channel and "
            f"handled under the {CaseKind(kind).label.lower()} procedure."
        )
        row = CaseRow(
            id=case_id,
            reference=seeder.reference("ER", opened_at),
            kind=kind,
            status=status,
            opened_at=opened_at,
            closed_at=closed_at,
            manager_id=manager,
            principal=principal,
            department_id=principal.department_id,
            location_id=principal.location_id,
            jurisdiction=seeder.jurisdiction_of[principal.location_id],
            appeal_of=original.id if original else None,
            title=title,
            summary=summary,
        )
        case_id += 1
        seeder.cases.append(row)
        if kind in (CaseKind.DISCIPLINARY, CaseKind.GRIEVANCE) and not is_open:
            appealable.append(row)

    seed_parties(seeder)
    seed_deadlines(seeder)
    case_rows = (
        (
            c.id,
            c.reference,
            c.kind,
            c.status,
            c.title,
            c.summary,
            c.jurisdiction,
            c.location_id,
            c.department_id,
            c.manager_id,
            c.appeal_of,
            c.manager_id,
            c.opened_at,
            c.closed_at,
            c.next_deadline_on,
            " ".join([c.reference, c.title, c.summary, *c.party_names]),
            1 + len(path_for(c.kind))
            if not c.is_open
            else 1 + path_for(c.kind).index(c.status)
            if c.status in path_for(c.kind)
            else 1,
            c.closed_at or c.opened_at,
            "",  # status_before_close: reopening a bench case returns it to its path's start
            "",  # protected_characteristic
            "normal",  # urgency
        )
        for c in seeder.cases
    )
    n = w.write(
        Case,
        [
            "id",
            "reference",
            "kind",
            "status",
            "title",
            "summary",
            "jurisdiction",
            "location",
            "department",
            "case_manager",
            "appeal_of",
            "opened_by",
            "opened_at",
            "closed_at",
            "next_deadline_on",
            "search_text",
            "version",
            "updated_at",
            "status_before_close",
            "protected_characteristic",
            "urgency",
        ],
        case_rows,
    )
    seeder.progress("cases", n)
    seeder.flush_pending()


def seed_parties(seeder: Seeder) -> None:
    """Parties, investigators and grants; written after the cases (foreign keys)."""
    rng = seeder.rng
    seeder.pending = []
    party_rows: list[tuple[Any, ...]] = []
    pid = seeder.w.next_id(Party)
    inv_rows: list[tuple[Any, ...]] = []
    inv_through = Case.investigators.through
    iid = seeder.w.next_id(inv_through)
    for c in seeder.cases:
        p = c.principal
        seen = {p.id}
        main_role = (
            "subject"
            if c.kind
            in (
                CaseKind.DISCIPLINARY,
                CaseKind.CAPABILITY,
                CaseKind.TERMINATION,
                CaseKind.INVESTIGATION,
                CaseKind.EAP_REFERRAL,
            )
            else "complainant"
        )
        roles: list[tuple[Person, str]] = [(p, main_role)]
        colleagues = seeder.by_department[p.department_id]
        if (
            c.kind in (CaseKind.GRIEVANCE, CaseKind.HARASSMENT_DISCRIMINATION, CaseKind.MEDIATION)
            and rng.random() < 0.7
        ):
            roles.append((rng.choice(colleagues), "respondent"))
        if main_role == "subject" and p.manager_id and c.kind != CaseKind.EAP_REFERRAL:
            roles.append((seeder.person_by_id[p.manager_id], "manager"))
        for _ in range(rng.choice((0, 1, 1, 2))):
            roles.append((rng.choice(colleagues), "witness"))
        for who, role in roles:
            if who.id in seen and role != main_role:
                continue
            seen.add(who.id)
            party_rows.append((pid, c.id, who.id, role, "", c.opened_at))
            pid += 1
            c.party_names.append(who.name)
        if c.kind in INVESTIGATED_KINDS and rng.random() < 0.55:
            c.investigator_id = rng.choice(seeder.investigators)
            inv_rows.append((iid, c.id, c.investigator_id))
            iid += 1
    seeder.pending.append((Party, ["id", "case", "employee", "role", "notes", "added_at"], party_rows))
    seeder.pending.append((inv_through, ["id", "case", "user"], inv_rows))


def seed_deadlines(seeder: Seeder) -> None:
    rng = seeder.rng
    rows: list[tuple[Any, ...]] = []
    reminders: list[tuple[Any, ...]] = []
    did = seeder.w.next_id(Deadline)
    rid = seeder.w.next_id(Reminder)
    today = seeder.now.date()
    for c in seeder.cases:
        if c.is_open:
            keys = rng.sample(DEADLINE_KEYS, rng.randint(1, 3))
            dues = []
            for key, title in keys:
                due = today + datetime.timedelta(days=rng.randint(-10, 45))
                due_at = datetime.datetime.combine(due, datetime.time(23, 59, 59), tzinfo=datetime.UTC)
                rows.append(
                    (
                        did,
                        key,
                        title,
                        due,
                        due_at,
                        "",
                        "",
                        key == "limitation",
                        c.manager_id,
                        "cases.case",
                        c.id,
                        "open",
                        None,
                        None,
                        "[]",
                        c.opened_at,
                    )
                )
                for stage, before in (("before", 3), ("due", 0)):
                    send = due_at - datetime.timedelta(days=before, hours=12)
                    reminders.append(
                        (rid, did, stage, before, send, send if send < seeder.now else None, c.manager_id)
                    )
                    rid += 1
                did += 1
                dues.append(due)
            c.next_deadline_on = min(dues)
        else:
            key, title = DEADLINE_KEYS[rng.randrange(4)]
            due = (c.opened_at + datetime.timedelta(days=rng.randint(5, 30))).date()
            due_at = datetime.datetime.combine(due, datetime.time(23, 59, 59), tzinfo=datetime.UTC)
            met = min(c.end, due_at)
            rows.append(
                (
                    did,
                    key,
                    title,
                    due,
                    due_at,
                    "",
                    "",
                    False,
                    c.manager_id,
                    "cases.case",
                    c.id,
                    "met",
                    met,
                    c.manager_id,
                    "[]",
                    c.opened_at,
                )
            )
            did += 1
    seeder.pending.append(
        (
            Deadline,
            [
                "id",
                "key",
                "title",
                "due_on",
                "due_at",
                "rule_id",
                "citation",
                "is_risk_date",
                "responsible",
                "owner_type",
                "owner_id",
                "status",
                "met_at",
                "met_by",
                "history",
                "created_at",
                "title_sentence",
            ],
            # The bench's titles are plain text; pages fall back to it (no stored sentence).
            [row + ("{}",) for row in rows],
        )
    )
    seeder.pending.append(
        (Reminder, ["id", "deadline", "stage", "days_before", "send_at", "sent_at", "recipient"], reminders)
    )
