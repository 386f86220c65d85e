"""Screenshots of every page, as each demo role, in every language, on a desktop and on a phone.

    .venv/bin/python docs/screens/make.py                       # everything: about 700 images
    .venv/bin/python docs/screens/make.py --roles hr_case_manager --languages en --pages case,my-work

It loads the demo (``migrate`` and ``seed_demo``, both safe to run again) into the database that
``DATABASE_URL`` names (by default the demo's SQLite file under var/), starts ``manage.py runserver``
on a free port with a Celery worker beside it (as ``make run`` does), signs in as each demo log-in through the real form, switches language with the header's
language form, and writes ``docs/screens/<page>-<role>-<language>-<width>x<height>.png``. The pages are
the role's menu (erms/navigation.py decides, as it does for the person, "More" included), the first record
of each kind the role may open (a case, a concern in triage, a policy, a consultation, a concern they
raised) and the pages reached from those (OFF_MENU; those the role may not open are skipped), and the
sign-in page.
Playwright drives Debian's Chromium (/usr/bin/chromium), as the browser tests do.

Only the few images the README shows are committed (listed in .gitignore); the rest are for looking at.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
SIZES = {"1366x900": (1366, 900), "390x844": (390, 844)}
LANGUAGES = ("en", "nb", "vi")
CHROMIUM = "/usr/bin/chromium"
# File names for menu pages whose url name says less than the menu does.
PAGE_NAMES = {
    "cases:dashboard": "trends",
    "deadlines:deadline_calendar": "calendar",
    "cases:concern_create": "concern-form",
    "unions:companion_meeting_list": "hearings",
    "accounts:employee_list": "directory",
}
# Pages reached from a list or a record rather than the menu: (file name, url name, record it is of).
OFF_MENU = (
    ("account", "accounts:account", None),
    ("notifications", "deadlines:notification_list", None),
    ("calculator", "policies:deadline_calculator", None),
    ("procedures", "policies:procedure_list", None),
    ("rules", "policies:rule_list", None),
    ("policy-new", "policies:policy_create", None),
    ("policy-version", "policies:version_detail", "policy"),
    ("policy-diff", "policies:version_diff", "policy"),
    ("bodies", "unions:body_list", None),
    ("negotiations", "unions:negotiation_list", None),
    ("agreements", "unions:agreement_list", None),
    ("consultation-new", "unions:consultation_create", None),
    ("case-audit", "cases:case_audit", "case"),
    ("case-edit", "cases:case_edit", "case"),
    ("letters", "cases:letter_list", "case"),
)
# Concerns still in triage; one under review first, since opening a received one starts its review.
UNDECIDED = ("under_review", "received")


@dataclass(frozen=True)
class Screen:
    page: str
    path: str


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erms.settings")
    import django

    django.setup()


def _seed() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed at exit


def _screens_for(user) -> list[Screen]:  # noqa: ANN001 - a User
    """The role's menu, then the first record of each kind the user may open."""
    from django.test import RequestFactory
    from django.urls import reverse

    from cases.models import Concern
    from cases.permissions import cases_visible_to, concerns_for_triage
    from erms.navigation import NAV_ITEMS, navigation
    from policies.permissions import policies_visible_to
    from unions.permissions import consultations_visible_to

    request = RequestFactory().get("/")
    request.user = user
    names = {
        url_name: PAGE_NAMES.get(url_name, url_name.split(":")[-1].replace("_", "-"))
        for url_name, _label, _perm, *_rare in NAV_ITEMS
    }
    by_url = {reverse(url_name): name for url_name, name in names.items()}
    menu = navigation(request)
    screens = [
        Screen(by_url.get(item["url"], "admin"), item["url"])
        for item in [*menu["nav_items"], *menu["nav_more"]]  # the line and "More"
    ]
    screens = [s for s in screens if s.page != "admin"]
    undecided = concerns_for_triage(user).filter(status__in=UNDECIDED)
    records = [
        (
            "case",
            "cases:case_detail",
            cases_visible_to(user).filter(closed_at__isnull=True).order_by("-opened_at"),
        ),
        ("triage", "cases:triage_detail", undecided.order_by("-status", "-created_at")),
        ("policy", "policies:policy_detail", policies_visible_to(user).order_by("title")),
        ("consultation", "unions:consultation_detail", consultations_visible_to(user).order_by("-pk")),
        (
            "my-concern",
            "cases:my_concern_detail",
            Concern.objects.filter(raised_by=user).order_by("-created_at"),
        ),
    ]
    first: dict[str, int] = {}
    for page, url_name, found in records:
        pk = found.values_list("pk", flat=True).first()
        if pk is not None:
            first[page] = pk
            screens.append(Screen(page, reverse(url_name, args=[pk])))
    # Pages off the menu, reached from a record or a list. Each is kept only if the role may open it
    # (the browser is answered 200); the others are skipped, as they are in the product.
    for page, url_name, record in OFF_MENU:
        if record is None:
            screens.append(Screen(page, reverse(url_name)))
        elif record in first:
            # A policy's version pages take its first version's number too.
            extra = [1] if url_name == "policies:version_detail" else []
            screens.append(Screen(page, reverse(url_name, args=[first[record], *extra])))
    if user.is_staff:
        screens.append(Screen("admin", reverse("admin:index")))
    return screens


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server() -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # A worker too, as `make run` starts one (erms/demo.py): it renders the demo's queued letters and
    # sends its reminders, and the pages show what a running ERMS shows, not "no worker is running".
    worker = subprocess.Popen(  # noqa: S603 - our own Celery app
        [sys.executable, "-m", "celery", "-A", "erms", "worker", "--pool=solo", "--without-gossip"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # And beat, which records the worker's heartbeat every minute: without it the pages would say
    # "no background worker is running" three minutes after the worker started.
    beat = subprocess.Popen(  # noqa: S603 - our own Celery app
        [sys.executable, "-m", "celery", "-A", "erms", "beat"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - localhost
                break  # 200 once the database, the broker and a worker's heartbeat are there
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("The server or the worker did not start: run `make run` to see why.")
        yield base
    finally:
        for process in (server, worker, beat):
            process.terminate()
            process.wait(timeout=30)


def _signed_out(browser, base: str, args: argparse.Namespace) -> int:  # noqa: ANN001 - a Browser
    """The sign-in page, before anyone signs in, in each language and size."""
    context = browser.new_context(base_url=base, locale="en-GB")
    page = context.new_page()
    written = 0
    for language in args.languages.split(","):
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto("/login/")
        page.select_option("#language-select", language)
        page.click(".language-switch button[type=submit]")
        page.wait_for_load_state("load")
        for size in args.sizes.split(","):
            width, height = SIZES[size]
            page.set_viewport_size({"width": width, "height": height})
            path = args.out / f"login-signed-out-{language}-{size}.png"
            page.screenshot(path=str(path), full_page=not args.viewport_only)
            written += 1
    context.close()
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", help="comma-separated roles (hr_admin, er_lead, …); default all")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="default en,nb,vi")
    parser.add_argument("--sizes", default=",".join(SIZES), help="default 1366x900,390x844")
    parser.add_argument("--pages", help="comma-separated page names (home, case, my-work, …); default all")
    parser.add_argument("--viewport-only", action="store_true", help="the first screen, not the whole page")
    parser.add_argument("--no-seed", action="store_true", help="the database already holds the demo")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    _django()
    if not args.no_seed:
        _seed()
    from accounts.demo import DEMO_LOGINS, DEMO_PASSWORD
    from accounts.models import User

    roles = set(args.roles.split(",")) if args.roles else None
    pages = set(args.pages.split(",")) if args.pages else None
    logins = [login for login in DEMO_LOGINS if roles is None or str(login.role) in roles]
    plan = {
        login.email: [
            s for s in _screens_for(User.objects.get(email=login.email)) if pages is None or s.page in pages
        ]
        for login in logins
    }
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    written = 0
    with _server() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        if pages is None or "login" in pages:
            written += _signed_out(browser, base, args)
        for login in logins:
            context = browser.new_context(base_url=base, locale="en-GB")
            page = context.new_page()
            page.goto("/login/")
            page.fill("#id_username", login.email)
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("form button[type=submit].primary")
            page.wait_for_load_state("load")
            role = str(login.role).replace("_", "-")
            for language in args.languages.split(","):
                page.set_viewport_size(
                    {"width": 1366, "height": 900}
                )  # the language form is in the open menu
                page.goto("/")  # the last screen may be the admin, which has no language form
                page.select_option("#language-select", language)
                page.click(".language-switch button[type=submit]")
                page.wait_for_load_state("load")
                for size in args.sizes.split(","):
                    width, height = SIZES[size]
                    page.set_viewport_size({"width": width, "height": height})
                    for screen in plan[login.email]:
                        try:
                            response = page.goto(screen.path)
                        except PlaywrightError:
                            continue  # refused outright (403, 404): not this role's page
                        page.wait_for_load_state("load")
                        if response is None or response.status != 200 or "/login/" in page.url:
                            continue  # not this role's page
                        page.wait_for_timeout(200)  # sections htmx fetches after load, charts drawn
                        path = args.out / f"{screen.page}-{role}-{language}-{size}.png"
                        page.screenshot(path=str(path), full_page=not args.viewport_only)
                        written += 1
                        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
            # Leave the demo log-in in English, as seed_demo made it.
            page.set_viewport_size({"width": 1366, "height": 900})
            page.goto("/")
            page.select_option("#language-select", "en")
            page.click(".language-switch button[type=submit]")
            page.wait_for_load_state("load")
            context.close()
        browser.close()
    print(f"{written} screenshots in {args.out}")


if __name__ == "__main__":
    main()
