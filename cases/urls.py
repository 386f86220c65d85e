from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("my-work/", views.my_work, name="my_work"),
    path("trends/", views.dashboard, name="dashboard"),
    path("concerns/new/", views.concern_create, name="concern_create"),
    path("concerns/mine/", views.my_concerns, name="my_concerns"),
    path("concerns/mine/<int:pk>/", views.my_concern_detail, name="my_concern_detail"),
    path("concerns/people/", views.employee_search, name="employee_search"),
    path("triage/", views.triage_queue, name="triage_queue"),
    path("triage/<int:pk>/", views.triage_detail, name="triage_detail"),
    path("triage/<int:pk>/accept/", views.triage_accept, name="triage_accept"),
    path("triage/<int:pk>/merge/", views.triage_merge, name="triage_merge"),
    path("triage/<int:pk>/resolve/", views.triage_resolve, name="triage_resolve"),
    path("triage/<int:pk>/close/", views.triage_close, name="triage_close"),
    path("triage/<int:pk>/message/", views.triage_message, name="triage_message"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("documents/<int:pk>/preview/", views.document_preview, name="document_preview"),
    path("deadlines/", views.deadline_calendar, name="deadline_calendar"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/transition/", views.case_transition, name="case_transition"),
    path("<int:pk>/manager/", views.case_assign_manager, name="case_assign_manager"),
    path("<int:pk>/investigators/", views.case_add_investigator, name="case_add_investigator"),
    path("<int:pk>/access/grant/", views.case_grant_access, name="case_grant_access"),
    path("<int:pk>/access/revoke/", views.case_revoke_access, name="case_revoke_access"),
    path("<int:pk>/parties/", views.party_add, name="party_add"),
    path("<int:pk>/allegations/", views.allegation_add, name="allegation_add"),
    path("<int:pk>/allegations/<int:allegation_pk>/finding/", views.allegation_finding, name="allegation_finding"),
    path("<int:pk>/meetings/", views.meeting_schedule, name="meeting_schedule"),
    path("<int:pk>/meetings/<int:meeting_pk>/held/", views.meeting_held, name="meeting_held"),
    path("<int:pk>/meetings/<int:meeting_pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/investigation-plan/", views.investigation_plan_set, name="investigation_plan_set"),
    path("<int:pk>/outcome/", views.outcome_record, name="outcome_record"),
    path("<int:pk>/appeal/", views.appeal_open, name="appeal_open"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
]
