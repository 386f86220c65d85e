"""``make run``'s launcher on a fresh folder: the worker starts (its broker folders are made for it),
``/healthz`` sees it, and one Ctrl-C stops web, worker and beat with one line each and exit code 0."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.celery_worker

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health(port: int) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_it_starts_a_live_worker_on_a_fresh_folder_and_stops_all_three_on_one_ctrl_c(tmp_path):
    var = tmp_path / "var"
    var.mkdir()  # as `make run` does before migrating
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        ERMS_VAR_DIR=str(var),
        ERMS_DEMO_ADDRESS=f"127.0.0.1:{port}",
        DJANGO_SETTINGS_MODULE="erms.settings",
        PYTHONUNBUFFERED="1",
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    assert not (var / "celery").exists()  # as on a fresh clone: nothing has made the broker's folders

    demo = subprocess.Popen(
        [sys.executable, "-m", "erms.demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health: tuple[int, dict] = (0, {})
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and demo.poll() is None:
            try:
                health = _health(port)
            except OSError:
                pass  # the web server is still starting
            if health[0] == 200:
                break
            time.sleep(0.5)
        assert health == (
            200,
            {"status": "ok", "database": "ok", "broker": "ok", "worker": "ok", "failed": []},
        )
        assert (var / "celery" / "queue").is_dir()
    finally:
        demo.send_signal(signal.SIGINT)  # what Ctrl-C sends
        output, _ = demo.communicate(timeout=60)

    assert demo.returncode == 0, output
    stopped = [
        line for line in output.splitlines() if line.startswith("erms demo:") and line.endswith("stopped")
    ]
    assert stopped == ["erms demo: web stopped", "erms demo: worker stopped", "erms demo: beat stopped"]
    assert (
        output.count("Warm shutdown") <= 1 and "Traceback" not in output and "exited with code" not in output
    )
