"""Each case kind's states, in order. Transitions move forward along the path, or to
``withdrawn`` from any open state; the guardrails decide whether a move is fair."""

from __future__ import annotations

from cases.models import CaseKind, CaseStatus

S = CaseStatus

PATHS: dict[str, list[str]] = {
    CaseKind.GRIEVANCE: [S.TRIAGE, S.INVESTIGATION, S.HEARING, S.DECISION, S.APPEAL_WINDOW, S.CLOSED],
    CaseKind.DISCIPLINARY: [S.TRIAGE, S.INVESTIGATION, S.HEARING, S.DECISION, S.APPEAL_WINDOW, S.CLOSED],
    CaseKind.HARASSMENT_DISCRIMINATION: [
        S.TRIAGE,
        S.INVESTIGATION,
        S.HEARING,
        S.DECISION,
        S.APPEAL_WINDOW,
        S.CLOSED,
    ],
    CaseKind.CAPABILITY: [S.TRIAGE, S.INVESTIGATION, S.HEARING, S.DECISION, S.APPEAL_WINDOW, S.CLOSED],
    CaseKind.TERMINATION: [S.TRIAGE, S.HEARING, S.DECISION, S.APPEAL_WINDOW, S.CLOSED],
    CaseKind.APPEAL: [S.TRIAGE, S.HEARING, S.DECISION, S.CLOSED],
    CaseKind.INVESTIGATION: [S.TRIAGE, S.INVESTIGATION, S.DECISION, S.CLOSED],
    CaseKind.WHISTLEBLOWING: [S.TRIAGE, S.INVESTIGATION, S.DECISION, S.CLOSED],
    CaseKind.MEDIATION: [S.TRIAGE, S.MEDIATION, S.CLOSED],
    CaseKind.CLAIM: [S.TRIAGE, S.PROCEEDINGS, S.DECISION, S.CLOSED],
    CaseKind.EAP_REFERRAL: [S.TRIAGE, S.SUPPORT, S.CLOSED],
}


#: The case page's sections that belong to the disciplinary toolkit, and the kinds they do not fit:
#: an employee assistance referral is support, not an accusation (no allegations, investigation,
#: outcome or appeal, and no earlier sanctions pulled into a welfare file).
TOOLKIT_SECTIONS = ("allegations", "investigation", "outcome")
_NOT_FOR: dict[str, frozenset[str]] = {
    CaseKind.EAP_REFERRAL: frozenset(TOOLKIT_SECTIONS),
}


def sections_for(kind: str) -> dict[str, bool]:
    """Which of the toolkit's sections the case page shows for a case of ``kind``."""
    return {name: name not in _NOT_FOR.get(kind, frozenset()) for name in TOOLKIT_SECTIONS}


def path_for(kind: str) -> list[str]:
    return PATHS[kind]


def next_statuses(kind: str, status: str) -> list[str]:
    """Where a case of this kind may go from ``status``: the next step(s) forward on its
    path (a step may be skipped only towards ``closed``), or withdrawn."""
    if status in (S.CLOSED, S.WITHDRAWN):
        return []
    path = PATHS[kind]
    index = path.index(status) if status in path else 0
    forward = path[index + 1 :]
    options = forward[:1]
    if S.CLOSED in forward and S.CLOSED not in options:
        options.append(S.CLOSED)
    return [*options, S.WITHDRAWN]


def is_ahead(kind: str, status: str, target: str) -> bool:
    """Whether ``target`` lies ahead of ``status`` on the kind's path, so a case may move there on
    its own when something happens: never backwards, never out of a closed or withdrawn case,
    and never into ``closed`` (closing is always someone's decision)."""
    if status in (S.CLOSED, S.WITHDRAWN) or target in (S.CLOSED, S.WITHDRAWN):
        return False
    path = PATHS[kind]
    if target not in path:
        return False
    current = path.index(status) if status in path else 0
    return path.index(target) > current
