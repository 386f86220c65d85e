from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("directory/", views.employee_list, name="employee_list"),
    path("account/", views.account, name="account"),
    path("account/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("account/two-factor/set-up/", views.mfa_setup, name="mfa_setup"),
    path("account/two-factor/", views.mfa_verify, name="mfa_verify"),
    path("account/two-factor/recovery/", views.mfa_verify, {"recovery": True}, name="mfa_recover"),
]
