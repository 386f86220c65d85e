from django.urls import path

from unions import views

app_name = "unions"

urlpatterns = [
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/edit/", views.consultation_edit, name="consultation_edit"),
    path("consultations/<int:pk>/withdraw/", views.consultation_withdraw, name="consultation_withdraw"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/open/", views.consultation_open, name="consultation_open"),
    path("consultations/<int:pk>/notify/", views.consultation_notify, name="consultation_notify"),
    path(
        "consultations/<int:pk>/first-dismissal/",
        views.consultation_first_dismissal,
        name="consultation_first_dismissal",
    ),
    path(
        "consultations/<int:pk>/short-notice/",
        views.consultation_short_notice,
        name="consultation_short_notice",
    ),
    path("consultations/<int:pk>/conclude/", views.consultation_conclude, name="consultation_conclude"),
    path("consultations/<int:pk>/log/", views.consultation_log_add, name="consultation_log_add"),
    path("consultations/<int:pk>/meetings/", views.consultation_meeting_add, name="consultation_meeting_add"),
    path(
        "consultations/<int:pk>/meetings/<int:meeting_pk>/minutes/",
        views.consultation_meeting_minutes,
        name="consultation_meeting_minutes",
    ),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("negotiations/", views.negotiation_list, name="negotiation_list"),
    path("negotiations/<int:pk>/", views.negotiation_detail, name="negotiation_detail"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("hearings/", views.companion_meeting_list, name="companion_meeting_list"),
    path("companions/", views.companion_suggestions, name="companion_suggestions"),
]
