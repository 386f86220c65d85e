"""Time letter rendering: median of a two-page letter, and 200 letters through one worker.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/erms_bench_letters \\
    REDIS_URL=redis://127.0.0.1:6379/10 .venv/bin/python bench/letters.py [--runs 30] [--batch 200]

Uses the Django settings of the environment (migrates the database first). Creates its own
organisation, location, people and one disciplinary case (codes and e-mails ``bench-letters*``)
if missing. Then:

1. renders the same two-page disciplinary invitation ``--runs`` times straight through
   ``erms/lib/pdf.py`` (HTML from ``cases.letters``) and prints the median and p95;
2. starts one Celery worker (solo pool, concurrency 1) on the configured broker, issues
   ``--batch`` letters through ``services.letter_issue`` (each enqueued on commit) and
   measures the time until the last one is rendered and filed: letters per second.
Letters and documents it creates stay on the bench case (ERMS never deletes letters).
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erms.settings")

import django  # noqa: E402

django.setup()

from celery.contrib.testing.worker import start_worker  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Department, Employee, Jurisdiction, Location, Organisation, Role, User  # noqa: E402
from cases import letters, services  # noqa: E402
from cases.models import Case, CaseKind, Letter, LetterKind, LetterStatus, MeetingKind, PartyRole  # noqa: E402
from erms.celery import app  # noqa: E402
from erms.lib import clock  # noqa: E402
from erms.lib.pdf import render_pdf  # noqa: E402

LONG = (
    "On the night shift the employee left the loading bay gate open for several hours, contrary to the site "
    "security procedure, after two reminders from the shift lead; stock was exposed and the alarm log shows it."
)


def _user(email: str, name: str, role: str) -> User:
    user, _ = User.objects.get_or_create(email=email, defaults={"full_name": name})
    user.groups.add(Group.objects.get(name=role))
    return user


def bench_case() -> tuple[User, Case]:
    if not Organisation.objects.exists():
        Organisation.objects.create(
            name="Northwind Group Ltd",
            address="1 Canal Street\nLondon EC1A 1AA",
            signatory_name="Grace Hopper",
            signatory_title="HR Director",
        )
    location, _ = Location.objects.get_or_create(
        code="bench-letters-lon",
        defaults={
            "name": "London",
            "jurisdiction": Jurisdiction.GB,
            "region": "GB-ENG",
            "time_zone": "Europe/London",
        },
    )
    department, _ = Department.objects.get_or_create(
        code="bench-letters-ops", defaults={"name": "Operations"}
    )
    manager = _user("bench-letters-hana@example.com", "Hana Case", Role.HR_CASE_MANAGER)
    chair = _user("bench-letters-erin@example.com", "Erin Lead", Role.ER_LEAD)
    employee, _ = Employee.objects.get_or_create(
        employee_number="bench-letters-1",
        defaults={
            "first_name": "Sam",
            "last_name": "Subject",
            "department": department,
            "location": location,
            "job_title": "Warehouse operative",
        },
    )
    case = Case.objects.filter(title="bench-letters").first()
    if case is None:
        case = services.case_open(
            actor=manager,
            kind=CaseKind.DISCIPLINARY,
            title="bench-letters",
            case_manager=manager,
            location=location,
            department=department,
            parties=[(employee, PartyRole.SUBJECT)],
        )
        for n in range(1, 7):
            services.allegation_add(actor=manager, case=case, category="conduct", description=f"{n}. {LONG}")
        today = clock.today()
        services.meeting_schedule(
            actor=manager,
            case=case,
            kind=MeetingKind.DISCIPLINARY_HEARING,
            chair=chair,
            place="Room 4",
            scheduled_for=timezone.make_aware(
                datetime.datetime.combine(today + datetime.timedelta(days=30), datetime.time(10))
            ),
            notice_sent_on=today,
        )
    return manager, case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    manager, case = bench_case()

    draft = letters.letter_draft(case=case, kind=LetterKind.DISCIPLINARY_INVITATION, language="en")
    assert not draft.errors, draft.errors
    html = letters.letter_html(draft.context)
    pages = render_pdf(html).page_count
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        render_pdf(letters.letter_html(draft.context))
        timings.append(time.perf_counter() - started)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    print(
        f"single letter ({pages} pages, {args.runs} runs): median {statistics.median(timings) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms"
    )

    with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1, loglevel="WARNING"):
        started = time.perf_counter()
        ids = [
            services.letter_issue(
                actor=manager,
                case=case,
                kind=LetterKind.DISCIPLINARY_INVITATION,
                language=("en", "nb", "vi")[i % 3],
            ).pk
            for i in range(args.batch)
        ]
        issued = time.perf_counter() - started
        while Letter.objects.filter(pk__in=ids, status=LetterStatus.QUEUED).exists():
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
    failed = Letter.objects.filter(pk__in=ids, status=LetterStatus.FAILED).count()
    print(
        f"batch of {args.batch} through one worker: {elapsed:.1f} s ({args.batch / elapsed:.1f} letters/s; "
        f"issuing took {issued:.1f} s), failed: {failed}"
    )


if __name__ == "__main__":
    main()
