"""The Celery application shared by the worker and beat.

Configuration comes from Django settings prefixed ``CELERY_``; tasks are discovered in
each app's ``tasks.py``.
"""

import os
from pathlib import Path

from celery import Celery
from celery.signals import beat_init, before_task_publish, celeryd_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erms.settings")

app = Celery("erms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


_folders_made: set[str] = set()


@celeryd_init.connect
@beat_init.connect
@before_task_publish.connect
def broker_folders_make(**kwargs) -> None:
    """Kombu's filesystem transport (the demo's broker) needs its folders before the first
    message is sent or read: the worker and beat make them as they start, the web process
    before its first task is sent, so whichever starts first finds them there."""
    if not str(app.conf.broker_url or "").startswith("filesystem://"):
        return
    options = app.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        folder = options.get(key)
        if folder and folder not in _folders_made:
            Path(folder).mkdir(parents=True, exist_ok=True)
            _folders_made.add(folder)


@worker_ready.connect
def _heartbeat_on_start(sender=None, **kwargs) -> None:
    # A worker that has just started is alive before beat's first heartbeat task reaches it.
    from erms.lib import heartbeat  # needs Django's settings, which are ready once the worker is

    heartbeat.record(getattr(sender, "hostname", None))
