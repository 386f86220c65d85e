"""``python -m erms.demo``: the demo's three processes, started together and stopped together.

``make run`` calls this after migrating and loading the demo data. It starts the web server,
a Celery worker and Celery beat, each in a session of its own, so one Ctrl-C reaches this
launcher only: it stops the three in turn, prints one line for each, and exits 0. While it
runs it holds the terminal's foreground, so ``make`` does not see the Ctrl-C either. If one
of the three stops by itself, the launcher says so and keeps the others running, as a
deployment would: ``/healthz`` then answers 503 naming it, and HR users see a warning.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ADDRESS = os.environ.get("ERMS_DEMO_ADDRESS", "127.0.0.1:8000")


def _commands(python: str) -> dict[str, list[str]]:
    celery = [python, "-m", "celery", "-A", "erms"]
    # One worker process: the demo's SQLite database takes one writer at a time.
    return {
        "web": [python, "manage.py", "runserver", ADDRESS, "--noreload"],
        "worker": [
            *celery,
            "worker",
            "--loglevel=INFO",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
        ],
        "beat": [*celery, "beat", "--loglevel=INFO"],
    }


@contextmanager
def _terminal_foreground():
    """Make this process the terminal's foreground group while it runs, so Ctrl-C reaches it
    alone (not ``make``, nor the children), and give the terminal back afterwards."""
    try:
        terminal = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        yield  # no terminal (CI, a service manager): signals come from whoever started us
        return
    previous = os.tcgetpgrp(terminal)
    old_ttou = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # a background group may not take the terminal
    try:
        os.setpgid(0, 0)
        os.tcsetpgrp(terminal, os.getpgrp())
        yield
    finally:
        try:
            os.tcsetpgrp(terminal, previous)
        except OSError:
            pass
        signal.signal(signal.SIGTTOU, old_ttou)
        os.close(terminal)


class _Stop(Exception):
    pass


def _raise_stop(signum, frame) -> None:
    raise _Stop()


def _stop(processes: dict[str, subprocess.Popen], timeout: float = 15) -> None:
    for process in processes.values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for name, process in processes.items():
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        print(f"erms demo: {name} stopped", flush=True)


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    os.chdir(root)
    processes: dict[str, subprocess.Popen] = {}
    signal.signal(signal.SIGINT, _raise_stop)
    signal.signal(signal.SIGTERM, _raise_stop)
    code = 0
    with _terminal_foreground():
        try:
            for name, argv in _commands(sys.executable).items():
                processes[name] = subprocess.Popen(argv, stdin=subprocess.DEVNULL, start_new_session=True)
            print(
                f"erms demo: web on http://{ADDRESS}, a Celery worker and beat; Ctrl-C stops all three.",
                flush=True,
            )
            exited: set[str] = set()
            while len(exited) < len(processes):
                for name, process in processes.items():
                    if name not in exited and process.poll() is not None:
                        exited.add(name)
                        code = process.returncode or 1
                        print(
                            f"erms demo: {name} exited with code {process.returncode}; /healthz and the header "
                            "say what is missing. Ctrl-C stops the rest.",
                            flush=True,
                        )
                time.sleep(0.5)
        except _Stop:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not interrupt the stopping
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            _stop(processes)
    return code


if __name__ == "__main__":
    sys.exit(main())
