"""Run a command-line program (``celery …``) in a child process on the test's clock.

``python -m tests.frozen_process 2026-12-05T10:00:00+00:00 celery -A erms worker …`` starts
the clock at the given instant (time keeps flowing, as in the test that started it), then
runs the program as ``python -m <program>`` would, so a worker in a separate process agrees
with the test about what day it is.
"""

from __future__ import annotations

import datetime
import runpy
import sys

import time_machine


def command(at: datetime.datetime, program: str, *args: str) -> list[str]:
    """The argv that runs ``program args…`` in a new Python process whose clock starts at ``at``."""
    return [sys.executable, "-m", "tests.frozen_process", at.isoformat(), program, *args]


def main() -> None:
    at, program, *args = sys.argv[1:]
    time_machine.travel(datetime.datetime.fromisoformat(at), tick=True).start()
    sys.argv = [program, *args]
    runpy.run_module(program, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
