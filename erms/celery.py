"""The Celery application shared by the worker and beat.

Configuration comes from Django settings prefixed ``CELERY_``; tasks are discovered in
each app's ``tasks.py``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erms.settings")

app = Celery("erms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
