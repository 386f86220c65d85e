"""ERMS settings, driven by environment variables.

The defaults run the demo: SQLite under ``var/``, Celery over kombu's filesystem
transport (no Redis needed), e-mail to the console. Production sets ``DEBUG=0``,
``SECRET_KEY``, ``DATABASE_URL``, ``REDIS_URL``, ``ALLOWED_HOSTS`` and ``EMAIL_URL``.
The README's settings table lists every variable read here.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from erms.lib.env import email_settings, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ERMS_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
TESTING = "pytest" in sys.modules or (len(sys.argv) > 1 and sys.argv[1] == "test")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG=0 ERMS refuses to start without it: set SECRET_KEY "
            "to a long random value (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "erms-demo-only-insecure-key-never-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "erms.apps.ErmsAdminConfig",  # django.contrib.admin with ERMS's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_celery_beat",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "accounts",
    "audit",
    "deadlines",
    "cases",
    "policies",
    "unions",
    "erms",  # the wiring: no models, only the commands that span every app (erms/apps.py)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "erms.lib.middleware.TimeZoneResetMiddleware",
    "erms.lib.middleware.ApiNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "erms.urls"
WSGI_APPLICATION = "erms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "erms.navigation.navigation",
                "erms.context_processors.worker_warning",
            ],
            "builtins": ["erms.templatetags.erms_dates"],
        },
    },
]

# Widgets, labels and error lists are written in Python (same markup as Django's templates).
FORM_RENDERER = "erms.lib.forms.FormRenderer"

# Database: DATABASE_URL (postgres://user:pass@host:5432/name); default SQLite under var/.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'erms.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo's web, worker and beat share one file: write-ahead logging lets readers and a writer
    # work at once; IMMEDIATE transactions take the write lock up front, so two writers wait for each
    # other (up to ``timeout`` seconds) instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# The PostgreSQL role the application connects as (README "Database roles"): audit migrations
# leave it only INSERT and SELECT on the audit trail and access log. Skipped when absent.
ERMS_DB_APP_ROLE = env_str("ERMS_DB_APP_ROLE", "erms_app")
# The planner's cost of a random page read. PostgreSQL's default (4) assumes spinning disks and
# made it scan whole tables (deadlines, cases) rather than read a few hundred rows by index;
# 1.1 is the usual value for SSDs and cached data. Empty leaves the server's setting.
DB_RANDOM_PAGE_COST = env_str("DB_RANDOM_PAGE_COST", "1.1")
if IS_POSTGRES and DB_RANDOM_PAGE_COST:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (
        f"{_options.get('options', '')} -c random_page_cost={float(DB_RANDOM_PAGE_COST)}".strip()
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # The only backend that checks passwords: it counts each attempt first (accounts/backends.py).
    "accounts.backends.SignInBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None  # ERMS has no anonymous object permissions

# Internationalisation: every UI string goes through gettext.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nb", _("Norwegian Bokmål")), ("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format per language (erms/formats/<language>/formats.py): "5 Dec 2026", "5. des. 2026", "5/12/2026".
FORMAT_MODULE_PATH = ["erms.formats"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static files through WhiteNoise; media through Django's storage API.
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
ERMS_MAX_UPLOAD_BYTES = env_int("ERMS_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

# E-mail: EMAIL_URL, e.g. smtp://user:password@mail.example.com:587?tls=1; default console.
globals().update(email_settings(env_str("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ERMS <erms@example.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Redis (broker and cache) when REDIS_URL is set; otherwise the demo's filesystem broker.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The beat schedule is declared here, in code; django-celery-beat mirrors it into admin.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # /healthz and the header warn when no worker has answered this for 3 minutes (erms.lib.heartbeat).
    "accounts-heartbeat": {"task": "accounts.tasks.worker_heartbeat", "schedule": timedelta(minutes=1)},
    "accounts-signin-windows-clear": {
        "task": "accounts.tasks.signin_windows_clear",
        "schedule": timedelta(hours=1),
    },
    # The key predates deadlines/: django-celery-beat keeps its row by key, so it stays.
    "cases-reminders-sweep": {"task": "deadlines.tasks.reminders_sweep", "schedule": timedelta(minutes=5)},
    "cases-letters-requeue-stuck": {
        "task": "cases.tasks.letters_requeue_stuck",
        "schedule": timedelta(minutes=1),
    },
    # Nightly: walk the audit trail's and access log's hash chains; a failure alerts ER leads and HR admins.
    "audit-verify": {"task": "audit.tasks.audit_verify", "schedule": crontab(hour=2, minute=30)},
}
# Deadline reminders: days before the due date (e.g. "3,1"), plus one on the day and an escalation.
try:
    ERMS_REMINDER_DAYS_BEFORE = [int(d) for d in env_list("ERMS_REMINDER_DAYS_BEFORE", ["3", "1"])]
except ValueError:
    raise ImproperlyConfigured(
        "ERMS_REMINDER_DAYS_BEFORE must be whole numbers separated by commas, e.g. 3,1."
    ) from None
# First retry of a failed e-mail after this many seconds, doubling each time (5 retries).
ERMS_EMAIL_RETRY_BACKOFF = env_int("ERMS_EMAIL_RETRY_BACKOFF", 60)
# Where links in e-mails point.
ERMS_BASE_URL = env_str("ERMS_BASE_URL", "http://127.0.0.1:8000")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so a request without valid credentials answers 401 (WWW-Authenticate: Token), not 403.
        "accounts.backends.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "erms.lib.api.DefaultCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON with size and depth limits; forms and uploads as DRF parses them.
    "DEFAULT_PARSER_CLASSES": [
        "erms.lib.api.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "erms.lib.schema.ErmsAutoSchema",
    "EXCEPTION_HANDLER": "erms.lib.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ERMS API",
    "DESCRIPTION": "Employee relations case management: cases, concerns, policies, consultations.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Choice sets whose field names ("kind", "status") recur across the API get one name each.
    "ENUM_NAME_OVERRIDES": {
        "ProposalKindEnum": "unions.models.ProposalKind",
        "ConsultationStatusEnum": "unions.models.ConsultationStatus",
        "CaseKindEnum": "cases.models.CaseKind",
        "MeetingKindEnum": "cases.models.MeetingKind",
        "DocumentKindEnum": "cases.models.DocumentKind",
    },
}

# Sign-in limits, shared by the login form, the admin login and POST /api/v1/auth/token/. Each attempt is
# counted before its password is checked, against the account (from any address) and against the client
# address (across accounts, which stops password spraying); past either limit, sign-ins are refused until
# the window of ERMS_SIGNIN_WINDOW_MINUTES that the first counted attempt opened has passed.
ERMS_SIGNIN_ACCOUNT_LIMIT = env_int("ERMS_SIGNIN_ACCOUNT_LIMIT", 5)
ERMS_SIGNIN_ADDRESS_LIMIT = env_int("ERMS_SIGNIN_ADDRESS_LIMIT", 20)
ERMS_SIGNIN_WINDOW_MINUTES = env_int("ERMS_SIGNIN_WINDOW_MINUTES", 15)
# Reverse proxies in front of ERMS that append to X-Forwarded-For; 0 takes REMOTE_ADDR as the client address.
ERMS_PROXY_COUNT = env_int("ERMS_PROXY_COUNT", 0)
# django-axes records every failed and successful sign-in (admin: "Access attempts", "Access logs";
# `manage.py axes_reset` also lifts ERMS's limits). The decision to refuse is ERMS's own, taken before
# the password check (accounts/backends.py): axes' count-after-check lets parallel attempts through.
AXES_LOCK_OUT_AT_FAILURE = False
AXES_HANDLER = "accounts.backends.SignInRecordHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=ERMS_SIGNIN_WINDOW_MINUTES)
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = ERMS_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if ERMS_PROXY_COUNT else ("REMOTE_ADDR",)
)
# axes' middleware only turns axes' own lock-outs into responses, and ERMS takes none (above).
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

# API tokens stop working after this many minutes without a request (and on logout).
ERMS_TOKEN_IDLE_MINUTES = env_int("ERMS_TOKEN_IDLE_MINUTES", 60)

# Two-factor sign-in (TOTP app plus recovery codes) for the roles that see the most: required when on.
# On by default outside the demo (DEBUG=0); the test suite switches it on where it tests it.
ERMS_REQUIRE_MFA = env_bool("ERMS_REQUIRE_MFA", not DEBUG and not TESTING)
ERMS_MFA_ROLES = env_list("ERMS_MFA_ROLES", ["hr_admin", "er_lead", "hr_case_manager"])
OTP_TOTP_ISSUER = env_str("ERMS_MFA_ISSUER", "ERMS")

# Content-Security-Policy (django-csp): scripts only from ERMS's own static files, never inline.
# Styles allow 'unsafe-inline': the letter preview shows the letter's own stylesheet (its <style>, also used
# for the PDF) in a srcdoc frame, which inherits this policy; Django's admin and the API docs use style
# attributes. A response that already carries a policy (a document preview's "sandbox") keeps its own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Security: strict unless DEBUG.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
X_FRAME_OPTIONS = "DENY"  # a page that must be framed says so with @xframe_options_sameorigin
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # failed sign-ins (warnings) yes; every success and clean-up no
    },
}

ERMS_ORGANISATION_NAME = env_str("ERMS_ORGANISATION_NAME", "Northwind Group")
