from django.urls import path

from deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("", views.deadline_calendar, name="deadline_calendar"),
    path("notifications/", views.notification_list, name="notification_list"),
]
