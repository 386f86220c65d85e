"""Every API view, mounted once under ``/api/v1/``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import api as accounts_api
from cases import api as cases_api
from deadlines import api as deadlines_api
from policies import api as policies_api
from unions import api as unions_api

v1 = [
    path("auth/token/", accounts_api.TokenObtainApi.as_view(), name="auth-token"),
    path("auth/logout/", accounts_api.LogoutApi.as_view(), name="auth-logout"),
    path(
        "auth/sign-out-everywhere/",
        accounts_api.SignOutEverywhereApi.as_view(),
        name="auth-sign-out-everywhere",
    ),
    path("me/", accounts_api.MeApi.as_view(), name="me"),
    path("employees/", accounts_api.EmployeeListApi.as_view(), name="employee-list"),
    path("concerns/", cases_api.ConcernsApi.as_view(), name="concern-list"),
    path("concerns/<int:pk>/", cases_api.ConcernDetailApi.as_view(), name="concern-detail"),
    path("concerns/<int:pk>/accept/", cases_api.ConcernAcceptApi.as_view(), name="concern-accept"),
    path("concerns/<int:pk>/merge/", cases_api.ConcernMergeApi.as_view(), name="concern-merge"),
    path("concerns/<int:pk>/resolve/", cases_api.ConcernResolveApi.as_view(), name="concern-resolve"),
    path("concerns/<int:pk>/close/", cases_api.ConcernCloseApi.as_view(), name="concern-close"),
    path("concerns/<int:pk>/messages/", cases_api.ConcernMessageApi.as_view(), name="concern-messages"),
    path("cases/", cases_api.CasesApi.as_view(), name="case-list"),
    path("cases/<int:pk>/", cases_api.CaseDetailApi.as_view(), name="case-detail"),
    path("cases/<int:pk>/transition/", cases_api.CaseTransitionApi.as_view(), name="case-transition"),
    path("cases/<int:pk>/reopen/", cases_api.CaseReopenApi.as_view(), name="case-reopen"),
    path("cases/<int:pk>/assign/", cases_api.CaseAssignApi.as_view(), name="case-assign"),
    path("cases/<int:pk>/grants/", cases_api.CaseGrantApi.as_view(), name="case-grants"),
    path("cases/<int:pk>/investigators/", cases_api.CaseInvestigatorApi.as_view(), name="case-investigators"),
    path("cases/<int:pk>/notes/", cases_api.CaseNoteApi.as_view(), name="case-notes"),
    path("cases/<int:pk>/outcome/", cases_api.CaseOutcomeApi.as_view(), name="case-outcome"),
    path("cases/<int:pk>/appeal/", cases_api.CaseAppealApi.as_view(), name="case-appeal"),
    path("cases/<int:pk>/parties/", cases_api.CasePartiesApi.as_view(), name="case-parties"),
    path("cases/<int:pk>/allegations/", cases_api.CaseAllegationsApi.as_view(), name="case-allegations"),
    path("cases/<int:pk>/meetings/", cases_api.CaseMeetingsApi.as_view(), name="case-meetings"),
    path("cases/<int:pk>/documents/", cases_api.CaseDocumentsApi.as_view(), name="case-documents"),
    path("cases/<int:pk>/timeline/", cases_api.CaseTimelineApi.as_view(), name="case-timeline"),
    path(
        "allegations/<int:pk>/finding/", cases_api.AllegationFindingApi.as_view(), name="allegation-finding"
    ),
    path("allegations/<int:pk>/links/", cases_api.AllegationLinksApi.as_view(), name="allegation-links"),
    path("meetings/<int:pk>/held/", cases_api.MeetingHeldApi.as_view(), name="meeting-held"),
    path("meetings/<int:pk>/cancel/", cases_api.MeetingCancelApi.as_view(), name="meeting-cancel"),
    path(
        "meetings/<int:pk>/representation-request/",
        cases_api.MeetingRepresentationRequestApi.as_view(),
        name="meeting-representation-request",
    ),
    path(
        "meetings/<int:pk>/representation-choice/",
        cases_api.MeetingRepresentationChoiceApi.as_view(),
        name="meeting-representation-choice",
    ),
    path(
        "meetings/<int:pk>/companion-alternative/",
        cases_api.MeetingCompanionAlternativeApi.as_view(),
        name="meeting-companion-alternative",
    ),
    path(
        "cases/<int:pk>/protected-periods/",
        cases_api.CaseProtectedPeriodsApi.as_view(),
        name="case-protected-periods",
    ),
    path("documents/<int:pk>/download/", cases_api.DocumentDownloadApi.as_view(), name="document-download"),
    path("cases/<int:pk>/letters/", cases_api.CaseLettersApi.as_view(), name="case-letters"),
    path("letters/<int:pk>/", cases_api.LetterDetailApi.as_view(), name="letter-detail"),
    path("letters/<int:pk>/download/", cases_api.LetterDownloadApi.as_view(), name="letter-download"),
    path("policies/", policies_api.PolicyListApi.as_view(), name="policy-list"),
    path("procedures/", policies_api.ProcedureListApi.as_view(), name="procedure-list"),
    path("rules/", policies_api.RuleListApi.as_view(), name="rule-list"),
    path("rules/<str:rule_id>/deadline/", policies_api.RuleDeadlineApi.as_view(), name="rule-deadline"),
    path("unions/", unions_api.BodyListApi.as_view(), name="union-list"),
    path("consultations/", unions_api.ConsultationListApi.as_view(), name="consultation-list"),
    path("consultations/<int:pk>/", unions_api.ConsultationDetailApi.as_view(), name="consultation-detail"),
    path("negotiations/", unions_api.NegotiationListApi.as_view(), name="negotiation-list"),
    path("agreements/", unions_api.AgreementListApi.as_view(), name="agreement-list"),
    path("deadlines/", deadlines_api.DeadlineListApi.as_view(), name="deadline-list"),
    path("notifications/", deadlines_api.NotificationListApi.as_view(), name="notification-list"),
    path(
        "notifications/<int:pk>/read/", deadlines_api.NotificationReadApi.as_view(), name="notification-read"
    ),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: the Content-Security-Policy allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/", include((v1, "api"), namespace="api")),
]
