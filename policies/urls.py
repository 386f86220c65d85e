from django.urls import path

from policies import views

app_name = "policies"

urlpatterns = [
    path("", views.policy_list, name="policy_list"),
    path("new/", views.policy_create, name="policy_create"),
    path("<int:pk>/", views.policy_detail, name="policy_detail"),
    path("<int:pk>/review/", views.policy_review, name="policy_review"),
    path("<int:pk>/diff/", views.version_diff, name="version_diff"),
    path("<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version_detail"),
    path("<int:pk>/versions/<int:number>/edit/", views.version_edit, name="version_edit"),
    path("<int:pk>/versions/<int:number>/approve/", views.version_approve, name="version_approve"),
    path(
        "<int:pk>/versions/<int:number>/make-effective/",
        views.version_make_effective,
        name="version_make_effective",
    ),
    path("procedures/", views.procedure_list, name="procedure_list"),
    path("rules/", views.rule_list, name="rule_list"),
    path("calculator/", views.deadline_calculator, name="deadline_calculator"),
]
