"""The unions demo: consultations start and meet on working days, and in Norway the union club
(not the working-environment committee) is consulted and is the party to the local agreement."""

import datetime
import io

import pytest
import time_machine

from erms.lib import clock
from unions.demo import seed_unions
from unions.models import (
    BodyKind,
    CollectiveAgreement,
    Consultation,
    ConsultationLogEntry,
    ConsultationMeeting,
)

pytestmark = pytest.mark.django_db


# A Sunday and a Thursday: twelve days before a Thursday is a Saturday, eight before a Sunday too.
@pytest.mark.parametrize("today", [datetime.date(2026, 12, 6), datetime.date(2026, 12, 10)])
def test_it_starts_and_holds_every_demo_consultation_on_working_days(erin, today):
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(8), tzinfo=datetime.UTC)):
        seed_unions(io.StringIO())

    assert Consultation.objects.count() == 4
    for consultation in Consultation.objects.all():
        assert consultation.started_on is not None and consultation.started_on.weekday() < 5, consultation
    for meeting in ConsultationMeeting.objects.all():
        assert clock.local_date(meeting.held_at).weekday() < 5, meeting
    for entry in ConsultationLogEntry.objects.all():
        assert clock.local_date(entry.at).weekday() < 5, entry


def test_it_consults_the_union_club_in_norway_and_concludes_the_local_agreement_with_it(erin):
    seed_unions(io.StringIO())

    norway = Consultation.objects.get(jurisdiction="NO")
    assert [(b.name, b.kind) for b in norway.bodies.all()] == [
        ("Handel og Kontor – klubb Oslo", BodyKind.TRADE_UNION)
    ]
    agreement = CollectiveAgreement.objects.get(title="Lokal særavtale om arbeidstid")
    assert agreement.body.kind == BodyKind.TRADE_UNION
    assert not norway.bodies.filter(name__icontains="arbeidsmiljø").exists()
