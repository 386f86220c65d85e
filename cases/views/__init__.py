"""Pages of the cases app: concern intake, triage, case list, my work, the case page and
its actions, documents and the trends dashboard.

Each action is its own POST URL calling one service; on refusal the page is rendered
again with the error on the form, on success the browser is redirected with a message.

One module per part of the work (``concerns``, ``triage``, ``lists``, ``case_page``, ``documents``,
``letters``); this package names the views for ``cases/urls.py``.
"""

from cases.views.case_page import (
    allegation_add,
    allegation_finding,
    allegation_links,
    allegation_policy_choice,
    appeal_open,
    case_action_form,
    case_add_investigator,
    case_assign_manager,
    case_audit,
    case_detail,
    case_edit,
    case_grant_access,
    case_reopen,
    case_revoke_access,
    case_transition,
    document_upload,
    investigation_plan_set,
    meeting_cancel,
    meeting_held,
    meeting_schedule,
    note_add,
    outcome_record,
    party_add,
)
from cases.views.concerns import (
    concern_create,
    employee_search,
    my_concern_detail,
    my_concerns,
)
from cases.views.documents import (
    document_download,
    document_preview,
)
from cases.views.letters import (
    letter_issue,
    letter_list,
    letter_preview,
    letter_retry,
)
from cases.views.lists import (
    case_export,
    case_list,
    dashboard,
    my_work,
)
from cases.views.triage import (
    triage_accept,
    triage_close,
    triage_detail,
    triage_merge,
    triage_message,
    triage_queue,
    triage_resolve,
)

__all__ = [
    "allegation_add",
    "allegation_finding",
    "allegation_links",
    "allegation_policy_choice",
    "appeal_open",
    "case_action_form",
    "case_add_investigator",
    "case_assign_manager",
    "case_audit",
    "case_detail",
    "case_edit",
    "case_export",
    "case_grant_access",
    "case_reopen",
    "case_list",
    "case_revoke_access",
    "case_transition",
    "concern_create",
    "dashboard",
    "document_download",
    "document_preview",
    "document_upload",
    "employee_search",
    "investigation_plan_set",
    "letter_issue",
    "letter_list",
    "letter_preview",
    "letter_retry",
    "meeting_cancel",
    "meeting_held",
    "meeting_schedule",
    "my_concern_detail",
    "my_concerns",
    "my_work",
    "note_add",
    "outcome_record",
    "party_add",
    "triage_accept",
    "triage_close",
    "triage_detail",
    "triage_merge",
    "triage_message",
    "triage_queue",
    "triage_resolve",
]
