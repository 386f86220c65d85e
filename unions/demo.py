"""Demo data for the unions app: bodies in each jurisdiction, representatives, a UK collective
redundancy consultation at about day 12 of 45, an agreement expiring soon and a negotiation with
rounds; the consultation's statutory dates and the agreements' expiries become deadlines. In
Norway the body consulted, and the party to the local agreement, is the union club. Meetings,
notices and other dates of record fall on working days.

Safe to run again: rows are found by name before they are created, and dates are relative to today.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from django.db import transaction

from accounts.models import Department, Employee, Jurisdiction, Location, User
from erms.lib import clock
from unions.deadlines import agreement_expiry_deadlines_sync, consultation_deadlines_sync
from unions.models import (
    BargainingItem,
    BargainingItemKind,
    BargainingItemStatus,
    BargainingRound,
    BodyContact,
    BodyKind,
    CollectiveAgreement,
    Consultation,
    ConsultationLogEntry,
    ConsultationMeeting,
    ConsultationStatus,
    Dispute,
    DisputeKind,
    EmployeeBody,
    LogKind,
    Negotiation,
    ProposalKind,
    Recognition,
    Representative,
)
from unions.services.agreements import agreement_create
from unions.services.consultations import (
    consultation_conclude,
    consultation_create,
    consultation_log_add,
    consultation_meeting_record,
)

_LOCATIONS = {
    Jurisdiction.GB: ("DEMO-LON", "London", "GB-ENG", "Europe/London"),
    Jurisdiction.US: ("DEMO-CHI", "Chicago", "US-IL", "America/Chicago"),
    Jurisdiction.NO: ("DEMO-OSL", "Oslo", "NO", "Europe/Oslo"),
    Jurisdiction.VN: ("DEMO-HAN", "Hanoi", "VN", "Asia/Ho_Chi_Minh"),
}


def _location(jurisdiction: str) -> Location:
    found = Location.objects.filter(jurisdiction=jurisdiction).order_by("id").first()
    if found:
        return found
    code, name, region, tz = _LOCATIONS[jurisdiction]
    return Location.objects.get_or_create(
        code=code, defaults={"name": name, "jurisdiction": jurisdiction, "region": region, "time_zone": tz}
    )[0]


def _body(name: str, kind: str, jurisdiction: str, since: datetime.date, unit: str) -> EmployeeBody:
    body, created = EmployeeBody.objects.get_or_create(
        name=name, jurisdiction=jurisdiction, defaults={"kind": kind}
    )
    if created:
        recognition = Recognition.objects.create(body=body, bargaining_unit=unit, recognised_from=since)
        recognition.locations.add(_location(jurisdiction))
    return body


def _rep(
    body: EmployeeBody,
    role: str,
    since: datetime.date,
    *,
    employee: Employee | None = None,
    name: str = "",
    email: str = "",
    user: User | None = None,
) -> Representative:
    lookup = {"employee": employee} if employee else {"external_name": name}
    rep, _ = Representative.objects.get_or_create(
        body=body,
        **lookup,
        defaults={"role": role, "serves_from": since, "external_email": email, "user": user},
    )
    if user and rep.user_id != user.pk:
        rep.user = user
        rep.save(update_fields=["user"])
    return rep


@transaction.atomic
def seed_unions(stdout: TextIO) -> None:
    today = clock.today()
    since = today - datetime.timedelta(days=3 * 365)
    gb = _body("Unite the Union (London)", BodyKind.TRADE_UNION, Jurisdiction.GB, since, "Operations staff")
    us = _body("Teamsters Local 705", BodyKind.TRADE_UNION, Jurisdiction.US, since, "Warehouse and drivers")
    # The union club the Oslo office consults (Hovedavtalen, AML §8-1) and concludes local agreements with.
    no = _body(
        "Handel og Kontor – klubb Oslo", BodyKind.TRADE_UNION, Jurisdiction.NO, since, "Oslo office staff"
    )
    vn = _body(
        "Công đoàn cơ sở Hà Nội", BodyKind.GRASSROOTS_REP_ORG, Jurisdiction.VN, since, "All Hanoi employees"
    )
    BodyContact.objects.get_or_create(
        body=gb,
        name="Regional office",
        defaults={"role": "Regional officer", "email": "london.region@unite.example"},
    )

    rep_user = User.objects.filter(email__iexact="rep@example.com").first()
    rep_employee = Employee.objects.filter(user=rep_user).first() if rep_user else None
    if rep_employee:
        _rep(gb, "Shop steward", since, employee=rep_employee, user=rep_user)
    else:
        _rep(gb, "Shop steward", since, name="Rita Rep", email="rep@example.com", user=rep_user)
    _rep(gb, "Regional officer", since, name="Pat Official", email="pat.official@unite.example")
    _rep(us, "Business agent", since, name="Jordan Agent", email="jordan@teamsters705.example")
    _rep(no, "Tillitsvalgt", since, name="Kari Nordmann", email="kari@example.no")
    _rep(vn, "Chủ tịch công đoàn", since, name="Nguyễn Văn An", email="an@example.vn")

    owner = User.objects.filter(groups__name="er_lead").order_by("id").first()
    started = _working_day(today - datetime.timedelta(days=12))
    consultation, created = Consultation.objects.get_or_create(
        title="Warehouse restructure: proposed redundancies (London)",
        defaults={
            "kind": ProposalKind.COLLECTIVE_REDUNDANCY,
            "jurisdiction": Jurisdiction.GB,
            "region": "GB-ENG",
            "number_affected": 120,
            "started_on": started,
            "government_notified_on": started,
            "first_dismissal_planned_on": started + datetime.timedelta(days=60),
            "status": ConsultationStatus.OPEN,
            "owner": owner,
            "description": "Proposal to consolidate the London warehouse shifts, affecting up to 120 roles.",
        },
    )
    if created:
        consultation.bodies.add(gb)
        consultation.locations.add(_location(Jurisdiction.GB))
        # The London warehouse shifts belong to Logistics, not to the organisation as a whole.
        department = Department.objects.filter(code="LOG").first()
        if department:
            consultation.departments.add(department)
        ConsultationLogEntry.objects.create(
            consultation=consultation,
            kind=LogKind.PROPOSAL,
            author=owner,
            body=None,
            at=_at(started),
            text="Written proposal and s188 letter sent to the union; HR1 submitted the same day.",
            shared_with_representatives=True,
        )
        meeting = ConsultationMeeting.objects.create(
            consultation=consultation,
            held_at=_at(_working_day(today - datetime.timedelta(days=5))),
            agenda="Reasons for the proposal; selection pool; voluntary redundancy terms.",
            actions="Employer to share selection criteria scores template.",
            recorded_by=owner,
        )
        meeting.attendees.set(gb.representatives.all())
        ConsultationLogEntry.objects.create(
            consultation=consultation,
            kind=LogKind.COUNTER_PROPOSAL,
            author=owner,
            body=gb,
            at=_at(_working_day(today - datetime.timedelta(days=2)), 15),
            text="Union proposes a voluntary redundancy window and reduced hours before compulsory redundancies.",
            shared_with_representatives=True,
        )

    negotiation, created = Negotiation.objects.get_or_create(
        body=us,
        title="2026 wage reopener",
        defaults={"opened_on": _working_day(today - datetime.timedelta(days=40)), "owner": owner},
    )
    if created:
        first = BargainingRound.objects.create(
            negotiation=negotiation, number=1, held_on=_working_day(today - datetime.timedelta(days=35))
        )
        BargainingItem.objects.create(
            round=first,
            kind=BargainingItemKind.CLAIM,
            made_on=first.held_on,
            status=BargainingItemStatus.SUPERSEDED,
            text="6% across the board.",
        )
        BargainingItem.objects.create(
            round=first,
            kind=BargainingItemKind.OFFER,
            made_on=first.held_on,
            status=BargainingItemStatus.REJECTED,
            text="2.5% from 1 July.",
        )
        second = BargainingRound.objects.create(
            negotiation=negotiation, number=2, held_on=_working_day(today - datetime.timedelta(days=14))
        )
        BargainingItem.objects.create(
            round=second,
            kind=BargainingItemKind.COUNTER_OFFER,
            made_on=second.held_on,
            text="4% plus a shift premium review.",
        )
        Dispute.objects.create(
            negotiation=negotiation,
            kind=DisputeKind.FAILURE_TO_AGREE,
            date=_working_day(today - datetime.timedelta(days=10)),
            notes="Recorded after round 2.",
        )

    CollectiveAgreement.objects.get_or_create(
        body=us,
        title="Warehouse collective bargaining agreement",
        defaults={
            "scope": "Warehouse and driver classifications at the Chicago site.",
            "valid_from": today - datetime.timedelta(days=3 * 365 - 20),
            "valid_to": today + datetime.timedelta(days=20),
            "negotiation": negotiation,
        },
    )
    CollectiveAgreement.objects.get_or_create(
        title="Lokal særavtale om arbeidstid",
        defaults={
            "body": no,
            "scope": "Working time arrangements, Oslo office.",
            "valid_from": today - datetime.timedelta(days=200),
            "valid_to": today + datetime.timedelta(days=530),
        },
    )
    # Their statutory dates and expiries as deadlines with reminders (idempotent: open rows are updated).
    consultation_deadlines_sync(consultation, actor=None)
    if owner is not None:
        _more_consultations(owner, today, {Jurisdiction.US: us, Jurisdiction.NO: no, Jurisdiction.VN: vn})
        _more_agreements(owner, today, gb=gb, vn=vn)
    agreement_expiry_deadlines_sync(on=today)
    stdout.write(
        f"unions: {EmployeeBody.objects.count()} bodies, {Consultation.objects.count()} consultations, "
        f"{CollectiveAgreement.objects.count()} agreements\n"
    )


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _working_day(day: datetime.date) -> datetime.date:
    """``day``, or the Friday before it when it falls on a weekend: the demo's meetings, letters
    and dates of record are on working days."""
    return day - datetime.timedelta(days=max(0, day.weekday() - 4))


# jurisdiction: (title, kind, region, affected, started days ago, concluded days ago or None, proposal, reply)
_CONSULTATIONS = {
    Jurisdiction.US: (
        "Chicago warehouse automation: WARN notice",
        ProposalKind.COLLECTIVE_REDUNDANCY,
        "US-IL",
        60,
        30,
        None,
        "WARN notices sent to the union, the state dislocated worker unit and the city.",
        "Local 705 asks for retraining for forklift operators before any layoff.",
    ),
    Jurisdiction.NO: (
        "Omorganisering av kundeservice (Oslo)",
        ProposalKind.RESTRUCTURE,
        "NO",
        12,
        120,
        40,
        "Drøftingsmøte innkalt; forslag om ny teamstruktur sendt til tillitsvalgte.",
        "Tillitsvalgte ber om at ingen stillinger går tapt og at turnus drøftes på nytt.",
    ),
    Jurisdiction.VN: (
        "Điều chỉnh ca làm việc (Hà Nội)",
        ProposalKind.CHANGE_TO_TERMS,
        "VN",
        40,
        8,
        None,
        "Phương án điều chỉnh ca làm việc gửi công đoàn cơ sở để lấy ý kiến.",
        "Công đoàn đề nghị giữ nguyên phụ cấp ca đêm.",
    ),
}


def _more_consultations(owner: User, today: datetime.date, bodies: dict[str, EmployeeBody]) -> None:
    """A consultation in each other jurisdiction, through the services, each step on its day."""
    for jurisdiction, (title, kind, region, affected, ago, ended, proposal, reply) in _CONSULTATIONS.items():
        if Consultation.objects.filter(title=title).exists():
            continue
        body = bodies[jurisdiction]
        started = _working_day(today - datetime.timedelta(days=ago))
        with clock.travel(_at(started)):
            consultation = consultation_create(
                actor=owner,
                kind=kind,
                title=title,
                jurisdiction=jurisdiction,
                region=region,
                number_affected=affected,
                bodies=[body],
                locations=[_location(jurisdiction)],
                started_on=started,
                government_notified_on=started if kind == ProposalKind.COLLECTIVE_REDUNDANCY else None,
                first_dismissal_planned_on=(
                    started + datetime.timedelta(days=75)
                    if kind == ProposalKind.COLLECTIVE_REDUNDANCY
                    else None
                ),
                description=proposal,
            )
            consultation_log_add(
                actor=owner,
                consultation=consultation,
                kind=LogKind.PROPOSAL,
                text=proposal,
                shared_with_representatives=True,
            )
        met = _working_day(started + datetime.timedelta(days=min(6, max(ago - 1, 1))))
        with clock.travel(_at(met, 14)):
            consultation_meeting_record(
                actor=owner,
                consultation=consultation,
                held_at=_at(met),
                agenda="The proposal, its reasons and the alternatives.",
                attendees=list(body.representatives.all()),
                actions="Employer to answer the representatives' questions in writing.",
            )
            consultation_log_add(
                actor=owner,
                consultation=consultation,
                kind=LogKind.COUNTER_PROPOSAL,
                text=reply,
                body=body,
                shared_with_representatives=True,
            )
        if ended is not None:
            concluded = _working_day(today - datetime.timedelta(days=ended))
            with clock.travel(_at(concluded, 15)):
                consultation_conclude(
                    actor=owner,
                    consultation=consultation,
                    on=concluded,
                    outcome="Agreed: no redundancies; the new rota starts after a trial period.",
                )


def _more_agreements(owner: User, today: datetime.date, *, gb: EmployeeBody, vn: EmployeeBody) -> None:
    for body, title, scope, years_ago, years in [
        (
            gb,
            "Recognition and procedure agreement",
            "Recognition, facility time and the disputes procedure.",
            2,
            3,
        ),
        (vn, "Thỏa ước lao động tập thể", "Tiền lương, thời giờ làm việc và phúc lợi tại Hà Nội.", 1, 3),
    ]:
        if CollectiveAgreement.objects.filter(body=body, title=title).exists():
            continue
        valid_from = _working_day(today - datetime.timedelta(days=365 * years_ago))
        with clock.travel(_at(valid_from)):
            agreement_create(
                actor=owner,
                body=body,
                title=title,
                scope=scope,
                valid_from=valid_from,
                valid_to=valid_from + datetime.timedelta(days=365 * years),
            )
