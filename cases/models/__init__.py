"""Concerns, cases and everything filed on a case.

Nothing here is ever deleted through ERMS: cases are closed or withdrawn, documents
are superseded by new versions, and the audit and access logs are append-only
(the admin refuses changes; on PostgreSQL a trigger refuses UPDATE and DELETE).

One module per resource (``cases``, ``concerns``, ``documents``, ``records``, ``timeline``, ``letters``);
this package names every model and choice for the rest of ERMS and for the migrations.
"""

from cases.models.cases import (
    CONFIDENTIAL_KINDS,
    OPEN_STATUSES,
    Case,
    CaseGroupObjectPermission,
    CaseKind,
    CaseStatus,
    CaseUserObjectPermission,
    ConcernCategory,
    ConcernStatus,
    ErLeadScope,
    LegalHold,
    ProtectedCharacteristic,
    Urgency,
)
from cases.models.concerns import (
    Concern,
    ConcernMessage,
)
from cases.models.documents import (
    Document,
    DocumentKind,
    document_upload_to,
)
from cases.models.letters import (
    LETTER_STUCK_AFTER,
    Letter,
    LetterKind,
    LetterStatus,
    LetterTemplateOverride,
)
from cases.models.records import (
    CONFLICTED_ROLES,
    HEARING_KINDS,
    Allegation,
    Finding,
    InvestigationPlan,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Outcome,
    Party,
    PartyRole,
    RepresentationChoice,
    Sanction,
)
from cases.models.timeline import (
    ReferenceCounter,
    TimelineEntry,
    TimelineKind,
)

__all__ = [
    "Allegation",
    "CONFIDENTIAL_KINDS",
    "CONFLICTED_ROLES",
    "Case",
    "CaseGroupObjectPermission",
    "CaseKind",
    "CaseStatus",
    "CaseUserObjectPermission",
    "Concern",
    "ConcernCategory",
    "ConcernMessage",
    "ConcernStatus",
    "Document",
    "DocumentKind",
    "ErLeadScope",
    "LegalHold",
    "Finding",
    "HEARING_KINDS",
    "InvestigationPlan",
    "LETTER_STUCK_AFTER",
    "Letter",
    "LetterKind",
    "LetterStatus",
    "LetterTemplateOverride",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "OPEN_STATUSES",
    "Outcome",
    "Party",
    "PartyRole",
    "RepresentationChoice",
    "ProtectedCharacteristic",
    "ReferenceCounter",
    "Sanction",
    "TimelineEntry",
    "TimelineKind",
    "Urgency",
    "document_upload_to",
]
