import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from erms.lib.env import email_settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-" + "x7Qp9Lm2Vz8Rt5Wn4Yb6Hc1Jd0Fg3Ks" * 2,
    "DATABASE_URL": "postgres://erms:secret@db.internal:5432/erms",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "ALLOWED_HOSTS": "erms.example.com",
    "EMAIL_URL": "smtp://erms:pw@mail.example.com:587?tls=1",
}
PRINT = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'erms.settings'); django.setup(); "
    "from django.conf import settings as s; "
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.EMAIL_BACKEND, "
    "','.join(s.ALLOWED_HOSTS), s.CACHES['default']['BACKEND'])"
)


def run(code_or_args: str | list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV"}
    }
    args = (
        [sys.executable, "-c", code_or_args]
        if isinstance(code_or_args, str)
        else [sys.executable, *code_or_args]
    )
    return subprocess.run(
        args,
        cwd=ROOT,
        env={**base, "ERMS_VAR_DIR": str(ROOT / "var"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_demo_defaults_load_with_sqlite_the_filesystem_broker_and_console_mail():
    result = run(PRINT)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "django.db.backends.sqlite3",
        "filesystem://",
        "django.core.mail.backends.console.EmailBackend",
        "127.0.0.1,localhost,[::1],testserver",
        "django.core.cache.backends.filebased.FileBasedCache",
    ]


def test_production_settings_load_from_the_environment():
    result = run(PRINT, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "django.db.backends.postgresql",
        "redis://cache.internal:6379/0",
        "django.core.mail.backends.smtp.EmailBackend",
        "erms.example.com",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}

    result = run(PRINT, **env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_the_production_environment():
    result = run(["manage.py", "check", "--deploy"], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be one of 1/0, true/false"),
        ("DB_CONN_MAX_AGE", "forever", "DB_CONN_MAX_AGE must be a whole number"),
        ("EMAIL_URL", "pigeon://coop", "EMAIL_URL scheme must be"),
    ],
)
def test_a_bad_environment_value_fails_with_a_message_naming_the_variable(name, value, message):
    result = run(PRINT, **{name: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_email_url_parses_smtp_with_credentials_and_tls():
    assert email_settings("smtp://user%40corp:p%2Fss@mail.example.com:587?tls=1") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "user@corp",
        "EMAIL_HOST_PASSWORD": "p/ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


def test_email_url_smtps_defaults_to_port_465_with_ssl_and_simple_backends_need_no_host():
    smtps = email_settings("smtps://mail.example.com")
    assert smtps["EMAIL_PORT"] == 465 and smtps["EMAIL_USE_SSL"] is True and smtps["EMAIL_USE_TLS"] is False
    assert email_settings("locmem://") == {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings("mailto:someone@example.com")
