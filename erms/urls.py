from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.static import serve

from accounts import views as accounts_views
from accounts.forms import AdminSignInForm
from erms.health import healthz
from erms.home import home

admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("login/", accounts_views.SignInView.as_view(), name="login"),
    path("logout/", accounts_views.sign_out, name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="emails/password_reset.txt",
            subject_template_name="emails/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="accounts/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("i18n/setlang/", accounts_views.language_set, name="set_language"),
    path("people/", include("accounts.urls")),
    path("policies/", include("policies.urls")),
    path("unions/", include("unions.urls")),
    path("cases/", include("cases.urls")),
    path("deadlines/", include("deadlines.urls")),
    path("api/", include("erms.api_urls")),
    # The admin's logout revokes API tokens as the site's does; its login shares the sign-in limits.
    path("admin/logout/", accounts_views.sign_out, name="admin_logout"),
    path("admin/", admin.site.urls),
]

# The API answers errors in JSON; pages keep Django's own error pages.
handler400 = "erms.lib.api.bad_request"
handler404 = "erms.lib.api.page_not_found"
handler500 = "erms.lib.api.server_error"

if settings.DEBUG:
    # Demo only: in production, media is served by the storage backend, never by Django.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
