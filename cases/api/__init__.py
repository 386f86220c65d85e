"""The cases API: concerns, cases and everything filed on a case.

One view per operation, each with nested input/output serializers, calling the same
services, selectors and permission functions as the pages. Cases the user may not see
answer 404 (from ``get_case_for_user``); a visible case the user's role may not act on
answers 403. Domain refusals (``ApplicationError``, guardrails) become 400s with
``detail``, ``field`` and ``rule`` (see ``erms.lib.api.exception_handler``).

One module per resource (``concerns``, ``cases``, ``parties``, ``meetings``, ``documents``,
``letters``); plumbing and the shared output shapes are in ``common``. This package names the
endpoints for ``erms/api_urls.py``.
"""

from cases.api.cases import (
    CaseAppealApi,
    CaseAssignApi,
    CaseCreateApi,
    CaseDetailApi,
    CaseGrantApi,
    CaseInvestigatorApi,
    CaseListApi,
    CaseNoteApi,
    CaseOutcomeApi,
    CaseReopenApi,
    CasesApi,
    CaseTransitionApi,
)
from cases.api.common import CaseSerializer
from cases.api.concerns import (
    ConcernAcceptApi,
    ConcernCloseApi,
    ConcernCreateApi,
    ConcernDetailApi,
    ConcernListApi,
    ConcernMergeApi,
    ConcernMessageApi,
    ConcernResolveApi,
    ConcernsApi,
    MessageSerializer,
    OwnConcernSerializer,
    TriageConcernSerializer,
)
from cases.api.documents import (
    CaseDocumentListApi,
    CaseDocumentsApi,
    CaseDocumentUploadApi,
    CaseTimelineApi,
    DocumentDownloadApi,
)
from cases.api.letters import (
    CaseLettersApi,
    LetterDetailApi,
    LetterDownloadApi,
    LetterSerializer,
)
from cases.api.meetings import (
    CaseMeetingCreateApi,
    CaseMeetingListApi,
    CaseMeetingsApi,
    MeetingCancelApi,
    MeetingHeldApi,
)
from cases.api.parties import (
    AllegationFindingApi,
    AllegationLinksApi,
    CaseAllegationCreateApi,
    CaseAllegationListApi,
    CaseAllegationsApi,
    CasePartiesApi,
    CasePartyCreateApi,
    CasePartyListApi,
)
from cases.api.protections import (
    CaseProtectedPeriodsApi,
    MeetingCompanionAlternativeApi,
    MeetingRepresentationChoiceApi,
    MeetingRepresentationRequestApi,
)

__all__ = [
    "AllegationFindingApi",
    "AllegationLinksApi",
    "CaseAllegationCreateApi",
    "CaseAllegationListApi",
    "CaseAllegationsApi",
    "CaseAppealApi",
    "CaseAssignApi",
    "CaseCreateApi",
    "CaseDetailApi",
    "CaseDocumentListApi",
    "CaseDocumentUploadApi",
    "CaseDocumentsApi",
    "CaseGrantApi",
    "CaseInvestigatorApi",
    "CaseLettersApi",
    "CaseListApi",
    "CaseMeetingCreateApi",
    "CaseMeetingListApi",
    "CaseMeetingsApi",
    "CaseNoteApi",
    "CaseOutcomeApi",
    "CaseReopenApi",
    "CasePartiesApi",
    "CasePartyCreateApi",
    "CasePartyListApi",
    "CaseProtectedPeriodsApi",
    "CaseSerializer",
    "CaseTimelineApi",
    "CaseTransitionApi",
    "CasesApi",
    "ConcernAcceptApi",
    "ConcernCloseApi",
    "ConcernCreateApi",
    "ConcernDetailApi",
    "ConcernListApi",
    "ConcernMergeApi",
    "ConcernMessageApi",
    "ConcernResolveApi",
    "ConcernsApi",
    "DocumentDownloadApi",
    "LetterDetailApi",
    "LetterDownloadApi",
    "LetterSerializer",
    "MeetingCancelApi",
    "MeetingCompanionAlternativeApi",
    "MeetingHeldApi",
    "MeetingRepresentationChoiceApi",
    "MeetingRepresentationRequestApi",
    "MessageSerializer",
    "OwnConcernSerializer",
    "TriageConcernSerializer",
]
