"""Every state change of concerns and cases.

Each function is keyword-only, runs in one transaction, writes the audit trail and the
case timeline, grants object permissions and enqueues work on commit. Refusals raise
``ApplicationError`` (guardrails raise its subclass ``GuardrailRefusal``).

One module per resource (``documents``, ``concerns``, ``cases``, ``records``, ``letters``); plumbing in
``common``. This package names the services for views, the API, tasks, admin and other apps.
"""

from cases.services.cases import (
    case_add_investigator,
    case_assign_manager,
    case_grant_access,
    case_open,
    case_revoke_access,
    case_transition,
    case_update,
)
from cases.services.concerns import (
    concern_accept,
    concern_close,
    concern_merge,
    concern_message_send,
    concern_raise,
    concern_resolve_informally,
    concern_review_start,
)
from cases.services.documents import (
    DOCUMENT_CONTENT_TYPES,
    document_check,
    document_store,
    document_store_bytes,
    sniff_content_type,
)
from cases.services.letters import (
    TRANSIENT_RENDER_ERRORS,
    letter_issue,
    letter_override_save,
    letter_preview,
    letter_render,
    letter_retry,
    letters_requeue_stuck,
)
from cases.services.records import (
    allegation_add,
    allegation_evidence_of,
    allegation_link,
    allegation_record_finding,
    appeal_open,
    investigation_plan_set,
    meeting_cancel,
    meeting_record_held,
    meeting_schedule,
    note_add,
    outcome_record,
    party_add,
)

__all__ = [
    "DOCUMENT_CONTENT_TYPES",
    "TRANSIENT_RENDER_ERRORS",
    "allegation_add",
    "allegation_evidence_of",
    "allegation_link",
    "allegation_record_finding",
    "appeal_open",
    "bump",
    "case_add_investigator",
    "case_assign_manager",
    "case_grant_access",
    "case_open",
    "case_revoke_access",
    "case_transition",
    "case_update",
    "concern_accept",
    "concern_close",
    "concern_merge",
    "concern_message_send",
    "concern_raise",
    "concern_resolve_informally",
    "concern_review_start",
    "created",
    "document_check",
    "document_store",
    "document_store_bytes",
    "enforce",
    "investigation_plan_set",
    "letter_issue",
    "letter_override_save",
    "letter_preview",
    "letter_render",
    "letter_retry",
    "letters_requeue_stuck",
    "meeting_cancel",
    "meeting_record_held",
    "meeting_schedule",
    "note_add",
    "outcome_record",
    "party_add",
    "sniff_content_type",
    "timeline",
]
