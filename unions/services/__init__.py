"""Every change to unions, consultations, negotiations and agreements.

Guardrails follow the statutory requirements computed in ``unions.statutory``: a
consultation is not concluded, and a first dismissal is not planned, before the
minimum period of an enforced rule has run; in Norway the invitation may not go out
before NAV is notified. Refusals raise ``ApplicationError`` naming the rule.

One module per resource (``consultations``, ``agreements``, ``memberships``, ``admin``); shared checks
in ``common``.
"""

from unions.services.admin import (
    agreement_admin_delete,
    agreement_admin_saved,
    consultation_admin_delete,
    consultation_admin_saved,
)
from unions.services.agreements import (
    agreement_create,
    agreement_update,
)
from unions.services.consultations import (
    consultation_conclude,
    consultation_create,
    consultation_early_conclusion_warning,
    consultation_log_add,
    consultation_meeting_record,
    consultation_open,
    consultation_plan_first_dismissal,
    consultation_record_government_notice,
    consultation_set_short_notice,
    consultation_update,
    consultation_withdraw,
)
from unions.services.memberships import (
    membership_read,
)

__all__ = [
    "agreement_admin_delete",
    "agreement_admin_saved",
    "agreement_create",
    "agreement_update",
    "audit",
    "consultation_admin_delete",
    "consultation_admin_saved",
    "consultation_conclude",
    "consultation_early_conclusion_warning",
    "consultation_create",
    "consultation_log_add",
    "consultation_meeting_record",
    "consultation_open",
    "consultation_plan_first_dismissal",
    "consultation_record_government_notice",
    "consultation_set_short_notice",
    "consultation_update",
    "consultation_withdraw",
    "membership_read",
]
