"""Allegations (with findings once decided), meetings, outcomes and documents (metadata only)."""

from __future__ import annotations

import datetime

from bench.seed.seeder import Seeder
from bench.seed.vocabulary import (
    ALLEGATION_KINDS,
    CONTENT_TYPES,
    DOC_TITLES,
    KIND_CATEGORY,
    MEETINGS_FOR_KIND,
    SANCTIONS,
    TOPICS,
)
from cases.models import Allegation, CaseKind, CaseStatus, Document, Meeting, Outcome


def seed_case_records(seeder: Seeder) -> None:
    """Allegations, meetings, outcomes and documents."""
    rng, w = seeder.rng, seeder.w
    aid, mid, oid, docid = w.next_id(Allegation), w.next_id(Meeting), w.next_id(Outcome), w.next_id(Document)
    allegations, meetings, outcomes, documents = [], [], [], []
    seeder.meeting_count = {}
    seeder.document_count = {}
    for c in seeder.cases:
        decided = c.status == CaseStatus.CLOSED
        if c.kind in ALLEGATION_KINDS:
            for number in range(1, rng.choice((1, 1, 2, 3)) + 1):
                finding = rng.choice(("upheld", "partly_upheld", "not_upheld")) if decided else ""
                allegations.append(
                    (
                        aid,
                        c.id,
                        number,
                        KIND_CATEGORY[c.kind],
                        f"Allegation {number}: {rng.choice(TOPICS[c.kind])}.",
                        (c.opened_at - datetime.timedelta(days=rng.randint(3, 40))).date(),
                        None,
                        finding,
                        "Based on the statements and records." if finding else "",
                    )
                )
                aid += 1
        kinds = MEETINGS_FOR_KIND[c.kind]
        seeder.meeting_count[c.id] = len(kinds)
        end = c.closed_at or seeder.now + datetime.timedelta(days=30)
        for n, mkind in enumerate(kinds):
            when = c.opened_at + (end - c.opened_at) * (n + 1) / (len(kinds) + 1)
            held = when < seeder.now
            status = "held" if held else "scheduled"
            if c.status == CaseStatus.WITHDRAWN and held:
                status = "cancelled"
            meetings.append(
                (
                    mid,
                    c.id,
                    mkind,
                    status,
                    when,
                    f"Meeting room {rng.randint(1, 12)}",
                    "",
                    c.manager_id,
                    None,
                    None,
                    (when - datetime.timedelta(days=5)).date(),
                    None,
                    "Discussed the points raised; notes taken." if status == "held" else "",
                    when if status == "held" else None,
                )
            )
            mid += 1
        if decided and c.kind not in (CaseKind.EAP_REFERRAL, CaseKind.MEDIATION):
            sanction = rng.choice(SANCTIONS) if c.kind in (CaseKind.DISCIPLINARY, CaseKind.CAPABILITY) else ""
            closed = c.closed_at or seeder.now
            outcomes.append(
                (
                    oid,
                    c.id,
                    "Decision recorded after the hearing.",
                    "The evidence and the employee's account were considered.",
                    sanction,
                    None,
                    c.kind != CaseKind.APPEAL,
                    (closed + datetime.timedelta(days=7)).date(),
                    c.manager_id,
                    closed.date(),
                )
            )
            oid += 1
        n_docs = rng.choice((0, 1, 2, 3, 3, 4, 5, 6))
        seeder.document_count[c.id] = n_docs
        for _ in range(n_docs):
            dkind, dtitle = rng.choice(DOC_TITLES)
            ctype, ext = rng.choice(CONTENT_TYPES)
            sha = f"{rng.getrandbits(256):064x}"
            documents.append(
                (
                    docid,
                    c.id,
                    None,
                    dkind,
                    dtitle,
                    f"documents/{sha[:2]}/{sha}",
                    f"{dtitle.lower().replace(' ', '_')}.{ext}",
                    ctype,
                    rng.randint(20_000, 4_000_000),
                    sha,
                    rng.randint(1, 30) if ext == "pdf" else None,
                    1,
                    None,
                    c.manager_id,
                    seeder.between(c.opened_at, c.end),
                )
            )
            docid += 1
    for model, names, rows in (
        (
            Allegation,
            [
                "id",
                "case",
                "number",
                "category",
                "description",
                "incident_date",
                "policy_version",
                "finding",
                "finding_reasons",
            ],
            allegations,
        ),
        (
            Meeting,
            [
                "id",
                "case",
                "kind",
                "status",
                "scheduled_for",
                "place",
                "online_link",
                "chair",
                "note_taker",
                "companion",
                "notice_sent_on",
                "minutes",
                "outcome_summary",
                "held_at",
            ],
            meetings,
        ),
        (
            Outcome,
            [
                "id",
                "case",
                "decision",
                "reasons",
                "sanction",
                "warning_live_until",
                "appeal_allowed",
                "appeal_deadline",
                "decided_by",
                "decided_on",
            ],
            outcomes,
        ),
        (
            Document,
            [
                "id",
                "case",
                "concern",
                "kind",
                "title",
                "file",
                "original_name",
                "content_type",
                "size",
                "sha256",
                "page_count",
                "version",
                "replaces",
                "uploaded_by",
                "uploaded_at",
            ],
            documents,
        ),
    ):
        seeder.progress(model._meta.verbose_name_plural.__str__(), w.write(model, names, rows))
