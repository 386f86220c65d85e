"""``python -m bench.seed --cases 100000`` (from the project root): seed a benchmark database;
``--help`` lists the options. See bench/README.md."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erms.settings")
    import django

    django.setup()
    from bench.seed.command import Command

    Command().run_from_argv(["python -m", "bench.seed", *sys.argv[1:]])


if __name__ == "__main__":
    main()
