"""What to do next on a case, and by when: one sentence, built when it is shown, in the reader's
language (``gettext`` at call time, dates with the language's day and month names).

The case page (``templates/cases/_next_step.html``) and the case API (``next_step``) both ask
``case_next_step``; neither words the step itself.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases import deadlines
from cases.models import (
    HEARING_KINDS,
    Case,
    CaseStatus,
    LetterKind,
    Meeting,
    MeetingStatus,
    Outcome,
)
from cases.workflow import sections_for
from erms.lib import clock, workdays

#: Letters that tell the employee the outcome (an outcome letter, or the dismissal notice).
OUTCOME_LETTERS = (
    LetterKind.GRIEVANCE_OUTCOME,
    LetterKind.DISCIPLINARY_OUTCOME,
    LetterKind.APPEAL_OUTCOME,
    LetterKind.DISMISSAL_NOTICE,
)


@dataclass(frozen=True)
class NextStep:
    text: str
    due: datetime.date | None = None


def day_label(day: datetime.date) -> str:
    """``Wed 16 Dec 2026``, ``ons 16. des. 2026``, ``Thứ 4, 16/12/2026``: the active language's own
    day-and-date format (``DAY_DATE_FORMAT`` in ``erms/formats``, as the ``day_date`` filter uses)."""
    return date_format(day, "DAY_DATE_FORMAT")


def _by(text_with_day: str, text_without: str, due: datetime.date | None) -> NextStep:
    """A step with its day when it has one ("… by %(day)s"), else the plain sentence."""
    if due is None:
        return NextStep(text_without)
    return NextStep(text_with_day % {"day": day_label(due)}, due)


def _open_due(case: Case, key: str) -> datetime.date | None:
    deadline = deadlines.case_deadline_open(case, key)
    return deadline.due_on if deadline is not None else None


def _investigation(case: Case) -> NextStep:
    plan = getattr(case, "investigation", None)
    if plan is None:
        return NextStep(_("Set the investigation plan, then interview people and gather evidence"))
    due = _open_due(case, deadlines.INVESTIGATION_TARGET) or plan.target_date
    return _by(
        _("Complete the investigation and record the findings by %(day)s"),
        _("Complete the investigation and record the findings"),
        due,
    )


def _hearing(case: Case) -> NextStep:
    meeting = (
        Meeting.objects.filter(case=case, kind__in=HEARING_KINDS, status=MeetingStatus.SCHEDULED)
        .order_by("scheduled_for")
        .first()
    )
    if meeting is None:
        return NextStep(_("Schedule the hearing and invite the employee with proper notice"))
    day = workdays.local_date(meeting.scheduled_for, case.location.time_zone or "UTC")
    return NextStep(
        _("Hold the %(meeting)s by %(day)s")
        % {"meeting": meeting.get_kind_display().lower(), "day": day_label(day)},
        day,
    )


def _outcome_letter_sent(case: Case) -> bool:
    return case.letters.filter(kind__in=OUTCOME_LETTERS).exists()


def _decision(case: Case) -> NextStep:
    if getattr(case, "outcome", None) is None:
        return _by(
            _("Record the outcome and send the outcome letter by %(day)s"),
            _("Record the outcome and send the outcome letter"),
            _open_due(case, deadlines.DECISION_LETTER_DUE),
        )
    if not _outcome_letter_sent(case):
        return NextStep(_("Send the outcome letter, then close the case"))
    return NextStep(_("Close the case"))


def _appeal_window(case: Case) -> NextStep:
    appeal = case.appeals.order_by("-opened_at", "-id").first()
    if appeal is not None:
        if appeal.is_open and not Outcome.objects.filter(case=appeal).exists():
            return NextStep(_("Wait for the appeal %(ref)s to be decided") % {"ref": appeal.reference})
        return NextStep(_("Close the case: the appeal %(ref)s is decided") % {"ref": appeal.reference})
    outcome = getattr(case, "outcome", None)
    until = outcome.appeal_deadline if outcome is not None else None
    if not _outcome_letter_sent(case):
        return _by(
            _("Send the outcome letter; an appeal may come until %(day)s"),
            _("Send the outcome letter"),
            until,
        )
    if until is not None and until < clock.today():
        return NextStep(_("Close the case: the appeal window closed on %(day)s") % {"day": day_label(until)})
    return _by(_("Wait for an appeal until %(day)s"), _("Wait for an appeal, then close the case"), until)


def case_next_step(case: Case) -> NextStep:
    """The next step on ``case`` as a sentence in the active language, with its day if it has one."""
    status = case.status
    if status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN):
        return NextStep(_("None: the case is %(status)s.") % {"status": CaseStatus(status).label.lower()})
    if status == CaseStatus.TRIAGE and not sections_for(case.kind)["allegations"]:
        return NextStep(_("Agree the support with the employee and record the referral"))
    if status == CaseStatus.TRIAGE:
        return NextStep(_("Check the facts, add the parties and allegations, and choose the route"))
    if status == CaseStatus.INVESTIGATION:
        return _investigation(case)
    if status == CaseStatus.HEARING:
        return _hearing(case)
    if status == CaseStatus.DECISION:
        return _decision(case)
    if status == CaseStatus.APPEAL_WINDOW:
        return _appeal_window(case)
    if status == CaseStatus.MEDIATION:
        return NextStep(_("Hold the mediation sessions and record what was agreed"))
    if status == CaseStatus.SUPPORT:
        return NextStep(_("Arrange the support and check in until it is no longer needed"))
    return NextStep(_("Track the claim's dates and record the decision"))
