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
    case_reopen,
    case_revoke_access,
    case_status_follow,
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
from cases.services.protections import (
    meeting_companion_alternative,
    meeting_representation_choose,
    meeting_representation_request,
    protected_period_record,
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
from cases.services.retention import (
    case_erase,
    legal_hold_lift,
    legal_hold_place,
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
    "case_erase",
    "case_grant_access",
    "case_open",
    "case_reopen",
    "case_revoke_access",
    "case_status_follow",
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
    "legal_hold_lift",
    "legal_hold_place",
    "letter_issue",
    "letter_override_save",
    "letter_preview",
    "letter_render",
    "letter_retry",
    "letters_requeue_stuck",
    "meeting_cancel",
    "meeting_companion_alternative",
    "meeting_record_held",
    "meeting_representation_choose",
    "meeting_representation_request",
    "meeting_schedule",
    "note_add",
    "outcome_record",
    "party_add",
    "protected_period_record",
    "sniff_content_type",
    "timeline",
]
