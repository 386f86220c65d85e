"""``/healthz``: is the database reachable, is the broker reachable, is a worker taking tasks."""

from __future__ import annotations

from pathlib import Path

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from erms.lib import clock, heartbeat


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not reachable"; the reason is reported
        return False, exc.__class__.__name__
    return True, "ok"


def _broker_ok() -> tuple[bool, str]:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return False, exc.__class__.__name__
        return True, "ok"

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except Exception as exc:
        return False, exc.__class__.__name__
    return True, "ok"


def _worker_ok() -> tuple[bool, str]:
    seen = heartbeat.last_seen()
    if seen is None:
        return False, "no heartbeat seen"
    if not heartbeat.worker_alive(seen):
        minutes = int((clock.now() - seen).total_seconds() // 60)
        return False, f"last heartbeat {minutes} minutes ago"
    return True, "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer and a worker has recorded a heartbeat in the
    last three minutes; otherwise 503, naming what failed (``failed``) and why."""
    checks = {"database": _database_ok(), "broker": _broker_ok(), "worker": _worker_ok()}
    healthy = all(ok for ok, _detail in checks.values())
    body = {
        "status": "ok" if healthy else "fail",
        **{name: detail for name, (_ok, detail) in checks.items()},
        "failed": [name for name, (ok, _detail) in checks.items() if not ok],
    }
    return JsonResponse(body, status=200 if healthy else 503)
