"""The ERMS page benchmark: run it through ``bench/run`` (see bench/README.md).

Against a database seeded by ``python -m bench.seed`` it starts gunicorn (2 workers,
``DEBUG=0``) on a free port of 127.0.0.1, signs in as the three bench personas and, for
every page, measures p50/p95 over sequential requests, throughput at 8 concurrent
connections, SQL queries per request (in this process, with Django's test client and
``CaptureQueriesContext``), the floor (the ``EXPLAIN ANALYZE`` execution time of the
page's own SELECTs) and the gunicorn workers' memory. It prints one table, writes it with
the machine's description to ``bench/results/<timestamp>.md`` and puts it in README.md.

``--growth`` runs the list pages against two databases (by default ``erms_bench_10k`` and
``erms_bench``) and prints their p95 side by side.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
RESULTS_DIR = BENCH_DIR / "results"
README = BENCH_DIR / "README.md"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/erms_bench"
GROWTH_DBS = ["postgres://postgres@127.0.0.1:5432/erms_bench_10k", DEFAULT_DB]
README_START = "<!-- bench-results:start -->"
README_END = "<!-- bench-results:end -->"
README_GROWTH = ("<!-- bench-growth:start -->", "<!-- bench-growth:end -->")
TARGET_MS = {"search": 200.0}
DEFAULT_TARGET_MS = 100.0


def configure_environment(database_url: str) -> None:
    """The production-like settings the benchmark runs under, for gunicorn and this process."""
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-dummy-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "SECURE_SSL_REDIRECT": "0",
            # The personas sign in with a password only: the pages are measured, not two-factor sign-in.
            "ERMS_REQUIRE_MFA": "0",
            "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "erms.settings",
        }
    )
    os.environ.pop("ERMS_BENCH_QUERY_COUNT", None)


# --------------------------------------------------------------------------- HTTP client


class Session:
    """A signed-in browser: cookies, CSRF token, one keep-alive-if-possible connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def clone(self) -> Session:
        other = Session(self.port)
        other.cookies = dict(self.cookies)
        return other

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str]]:
        all_headers = {"Host": "127.0.0.1", "Accept-Language": "en"}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=all_headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, data, {k.lower(): v for k, v in response.getheaders()}

    def csrf(self) -> str:
        if "csrftoken" not in self.cookies:
            self.request("GET", "/login/")
        return self.cookies["csrftoken"]

    def login(self, email: str, password: str) -> None:
        status, body, _ = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        form = urllib.parse.urlencode(
            {
                "username": email,
                "password": password,
                "csrfmiddlewaretoken": token.group(1).decode() if token else self.csrf(),
            }
        )
        status, _, headers = self.request(
            "POST", "/login/", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(
                f"Sign-in as {email} failed (HTTP {status}). Was the database seeded with python -m bench.seed?"
            )


# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    key: str
    label: str
    method: str
    path: str
    body: bytes | None = None
    content_type: str = ""
    expect: tuple[int, ...] = (200,)
    group: str = "list"  # list, detail, search, write, other

    def headers(self, session: Session) -> dict[str, str]:
        headers = {}
        if self.method == "POST":
            headers = {"Content-Type": self.content_type, "X-CSRFToken": session.csrf()}
        if self.path.startswith("/api/"):
            headers["Accept"] = "application/json"
        return headers

    def form_body(self, session: Session) -> bytes | None:
        if self.body is None or self.content_type != "application/x-www-form-urlencoded":
            return self.body
        return self.body + b"&csrfmiddlewaretoken=" + session.csrf().encode()


@dataclass
class Result:
    persona: str
    page: str
    label: str
    status: str = ""
    p50: float | None = None
    p95: float | None = None
    rps: float | None = None
    queries: int | None = None
    floor_ms: float | None = None
    slowest_sql_ms: float | None = None
    note: str = ""
    samples: int = 0
    group: str = "list"


@dataclass
class Persona:
    key: str
    email: str
    label: str
    user: Any = None
    session: Session | None = None
    facts: dict[str, Any] = field(default_factory=dict)


def personas() -> list[Persona]:
    from bench.seed import BENCH_HR, BENCH_LEAD, BENCH_MANAGER

    return [
        Persona("hr", BENCH_HR, "HR case manager"),
        Persona("lead", BENCH_LEAD, "ER lead (GB, NO)"),
        Persona("manager", BENCH_MANAGER, "Line manager (grants)"),
    ]


def reverse_or_none(name: str, *args: Any) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def notification_path() -> str | None:
    """Whatever shows the unread count: a dedicated endpoint if there is one, else the header (home page)."""
    for name in (
        "cases:notification_count",
        "cases:notifications_unread",
        "deadlines:notification_list",
        "cases:notifications",
        "api:notification-count",
        "api:notification-list",
    ):
        path = reverse_or_none(name)
        if path:
            return path
    return None


def persona_facts(persona: Persona) -> dict[str, Any]:
    """A sample case with about twenty timeline entries and filter values that match something."""
    from django.db.models import Count

    from accounts.models import Employee
    from cases.permissions import cases_visible_to

    visible = cases_visible_to(persona.user)
    sample = (
        visible.annotate(n=Count("timeline"))
        .filter(n__gte=18, n__lte=22)
        .order_by("-opened_at")
        .select_related("department")
        .first()
    )
    facts: dict[str, Any] = {"visible": visible.count()}
    if sample is None:
        return facts
    party = sample.parties.select_related("employee").first()
    facts.update(
        case_id=sample.pk,
        kind=sample.kind,
        department=sample.department_id,
        status="closed",
        search=party.employee.last_name if party else sample.reference,
        timeline=sample.n,
    )
    facts["employee_id"] = Employee.objects.exclude(user=persona.user).values_list("id", flat=True).first()
    return facts


def pages_for(persona: Persona, lists_only: bool = False) -> list[Page]:
    f = persona.facts
    case_list = reverse_or_none("cases:case_list")
    pages: list[Page] = []
    if case_list:
        pages.append(Page("list", "Case list (default)", "GET", case_list))
        if "kind" in f:
            query = urllib.parse.urlencode(
                {"kind": f["kind"], "department": f["department"], "status": f["status"]}
            )
            pages.append(
                Page("list_filtered", "Case list (kind + department + status)", "GET", f"{case_list}?{query}")
            )
            pages.append(
                Page(
                    "search",
                    f"Full-text search ({f['search']!r})",
                    "GET",
                    f"{case_list}?{urllib.parse.urlencode({'q': f['search']})}",
                    group="search",
                )
            )
    my_work = reverse_or_none("cases:my_work")
    if my_work:
        pages.append(Page("my_work", "My work", "GET", my_work))
    api_list = reverse_or_none("api:case-list")
    if api_list:
        pages.append(Page("api_list", "API case list (first page)", "GET", api_list))
        pages.append(Page("api_deep", "API case list (cursor page 51)", "GET", api_list, group="deep"))
    if lists_only:
        return pages
    if "case_id" in f:
        detail = reverse_or_none("cases:case_detail", f["case_id"])
        if detail:
            pages.append(
                Page(
                    "detail", f"Case detail ({f['timeline']} timeline entries)", "GET", detail, group="detail"
                )
            )
        action_form = reverse_or_none("cases:case_action_form", f["case_id"], "meeting")
        if action_form:
            pages.append(
                Page(
                    "action_form",
                    "Case action form, fetched when opened (meeting)",
                    "GET",
                    action_form,
                    group="detail",
                )
            )
        api_detail = reverse_or_none("api:case-detail", f["case_id"])
        if api_detail:
            pages.append(Page("api_detail", "API case detail", "GET", api_detail, group="detail"))
    notifications = notification_path()
    pages.append(
        Page(
            "notifications",
            f"Notifications + unread count ({notifications or '/'})",
            "GET",
            notifications or "/",
            group="other",
        )
    )
    concern_create = reverse_or_none("cases:concern_create")
    if concern_create and f.get("employee_id"):
        body = urllib.parse.urlencode(
            {
                "about": f["employee_id"],
                "category": "conduct",
                "urgency": "normal",
                "description": "Benchmark concern: repeated lateness this month.",
            }
        )
        pages.append(
            Page(
                "concern_post",
                "Concern submission (POST)",
                "POST",
                concern_create,
                body.encode(),
                "application/x-www-form-urlencoded",
                expect=(302,),
                group="write",
            )
        )
    return pages


def resolve_deep_page(session: Session, page: Page, hops: int = 50) -> str | None:
    """Follow the API's ``next`` links ``hops`` times and return that page's path."""
    path = page.path
    for _ in range(hops):
        status, body, _ = session.request("GET", path, headers={"Accept": "application/json"})
        if status != 200:
            return None
        following = json.loads(body).get("next")
        if not following:
            return None
        parsed = urllib.parse.urlsplit(following)
        path = parsed.path + ("?" + parsed.query if parsed.query else "")
    return path


# --------------------------------------------------------------------------- measuring


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def sequential(session: Session, page: Page, n: int) -> tuple[list[float], str]:
    timings: list[float] = []
    for _ in range(n):
        started = time.perf_counter()
        status, _, _ = session.request(page.method, page.path, page.form_body(session), page.headers(session))
        timings.append((time.perf_counter() - started) * 1000)
        if status not in page.expect:
            return timings, f"HTTP {status}"
    return timings, ""


def throughput(
    session: Session, page: Page, concurrency: int, max_requests: int, max_seconds: float
) -> float:
    """Requests per second with ``concurrency`` connections, bounded in count and time."""
    lock = threading.Lock()
    done = [0]
    deadline = time.perf_counter() + max_seconds

    def worker() -> None:
        mine = session.clone()
        while True:
            with lock:
                if done[0] >= max_requests or time.perf_counter() > deadline:
                    return
                done[0] += 1
            mine.request(page.method, page.path, page.form_body(mine), page.headers(mine))

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / (time.perf_counter() - started)


def in_process(persona: Persona, page: Page) -> tuple[int | None, float | None, float | None]:
    """Queries per request, and the floor: the summed EXPLAIN ANALYZE execution time of its SELECTs."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(persona.user)

    def call() -> Any:
        kwargs: dict[str, Any] = {"HTTP_ACCEPT": "application/json"} if page.path.startswith("/api/") else {}
        if page.method == "POST":
            return client.post(page.path, page.body, content_type=page.content_type, **kwargs)
        return client.get(page.path, **kwargs)

    call()  # warm caches (permissions, content types) as a long-running worker has them
    with CaptureQueriesContext(connection) as captured:
        response = call()
    if response.status_code not in page.expect:
        return None, None, None
    floor = 0.0
    slowest = 0.0
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            runs = []
            for _ in range(3):
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                runs.append(float(_json(cursor.fetchone()[0])[0]["Execution Time"]))
            best = min(runs)
            floor += best
            slowest = max(slowest, best)
    return len(captured.captured_queries), floor, slowest


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


# --------------------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    def __init__(self, workers: int = 2) -> None:
        self.port = free_port()
        self.log = (ROOT / "var" / "bench-gunicorn.log").open("w")
        self.proc = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "erms.wsgi:application",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=os.environ.copy(),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/login/", headers={"Host": "127.0.0.1"})
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer within 60 s; see var/bench-gunicorn.log")

    def workers(self) -> list[int]:
        pids = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{self.proc.pid}$", text, re.M):
                pids.append(int(status.parent.name))
        return pids

    def memory_mb(self) -> dict[str, float]:
        rss, peak = [], []
        for pid in self.workers():
            text = Path(f"/proc/{pid}/status").read_text()
            rss.append(int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024)
            peak.append(int(re.search(r"VmHWM:\s+(\d+)", text).group(1)) / 1024)
        return {"rss_max": max(rss, default=0), "peak_max": max(peak, default=0), "workers": len(rss)}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


# --------------------------------------------------------------------------- the run


def machine() -> dict[str, str]:
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return {
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "postgresql": pg,
        "python": platform.python_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def database_facts() -> dict[str, int]:
    from cases.models import Case, CaseUserObjectPermission, TimelineEntry

    return {
        "cases": Case.objects.count(),
        "timeline": TimelineEntry.objects.count(),
        "grants": CaseUserObjectPermission.objects.count(),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    configure_environment(args.database_url)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from accounts.models import User
    from bench.seed import BENCH_PASSWORD

    if not (Path(os.environ["STATIC_ROOT"]) / "staticfiles.json").exists() or args.collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    people = [p for p in personas() if p.key in args.personas]
    for p in people:
        p.user = User.objects.filter(email=p.email).first()
        if p.user is None:
            raise SystemExit(f"{p.email} is not in {args.database_url}; run python -m bench.seed first.")
        p.facts = persona_facts(p)
    facts = database_facts()
    info = machine()
    print(
        f"Database {args.database_url}: {facts['cases']:,} cases, {facts['timeline']:,} timeline entries; "
        f"load {info['load']}",
        flush=True,
    )
    server = Gunicorn()
    results: list[Result] = []
    try:
        for p in people:
            p.session = Session(server.port)
            p.session.login(p.email, BENCH_PASSWORD)
            for page in pages_for(p, lists_only=args.lists_only):
                if args.pages and page.key not in args.pages:
                    continue
                results.append(measure(p, page, args))
                r = results[-1]
                print(
                    f"  {p.key:<8} {page.label:<48} {r.status:<8} p50 {_ms(r.p50):>7} p95 {_ms(r.p95):>7} "
                    f"{_num(r.rps):>6} req/s  {r.queries if r.queries is not None else '-':>3} queries  "
                    f"floor {_ms(r.floor_ms):>7}",
                    flush=True,
                )
        memory = server.memory_mb()
    finally:
        server.stop()
    info["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "database": args.database_url,
        "facts": facts,
        "machine": info,
        "memory": memory,
        "personas": {
            p.key: {"email": p.email, "label": p.label, "visible": p.facts.get("visible")} for p in people
        },
        "results": [asdict(r) for r in results],
    }


def measure(persona: Persona, page: Page, args: argparse.Namespace) -> Result:
    session = persona.session
    assert session is not None
    result = Result(persona.key, page.key, page.label, group=page.group)
    if page.group == "deep":
        deep = resolve_deep_page(session, page)
        if deep is None:
            result.status, result.note = "n/a", "fewer than 51 pages visible"
            return result
        page.path = deep
    status, _, _ = session.request(page.method, page.path, page.form_body(session), page.headers(session))
    if status not in page.expect:
        result.status = f"HTTP {status}"
        result.note = "refused for this role" if status in (403, 404) else "unexpected answer"
        return result
    for _ in range(args.warmup):
        session.request(page.method, page.path, page.form_body(session), page.headers(session))
    timings, error = sequential(session, page, args.requests)
    result.samples = len(timings)
    if error:
        result.status, result.note = "error", error
        return result
    result.status = "ok"
    result.p50, result.p95 = statistics.median(timings), percentile(timings, 95)
    if args.concurrency > 0:
        result.rps = throughput(
            session, page, args.concurrency, args.throughput_requests, args.throughput_seconds
        )
    result.queries, result.floor_ms, result.slowest_sql_ms = in_process(persona, page)
    return result


# --------------------------------------------------------------------------- reporting


def _ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f}"


def target_for(result: dict[str, Any]) -> float:
    return TARGET_MS.get(result["group"], DEFAULT_TARGET_MS)


def markdown(report: dict[str, Any], requests: int) -> str:
    m, f, mem = report["machine"], report["facts"], report["memory"]
    lines = [
        f"Measured {report['when']} on {m['cpus']} CPUs ({m['cpu']}), {m['memory']} RAM, PostgreSQL "
        f"{m['postgresql']}, Python {m['python']}; load average {m['load']} at the start, {m['load_end']} at "
        f"the end. Database: {f['cases']:,} cases, {f['timeline']:,} timeline entries, {f['grants']:,} case "
        f"grants. gunicorn 2 sync workers, DEBUG=0; {requests} sequential requests per page, throughput with 8 "
        f"connections. Worker RSS after the run: {mem['rss_max']:.0f} MiB (peak {mem['peak_max']:.0f} MiB).",
        "",
        "| Page | Persona | p50 ms | p95 ms | target | req/s @8 | queries | floor ms | note |",
        "|---|---|---:|---:|---|---:|---:|---:|---|",
    ]
    labels = {k: v["label"] for k, v in report["personas"].items()}
    for r in report["results"]:
        target = target_for(r)
        verdict = "" if r["p95"] is None else ("✓" if r["p95"] <= target else "✗") + f" ≤{target:.0f}"
        note = r["note"] or (f"slowest SQL {r['slowest_sql_ms']:.1f} ms" if r["slowest_sql_ms"] else "")
        if r["status"] not in ("ok", ""):
            note = f"{r['status']}: {note}"
        lines.append(
            f"| {r['label']} | {labels.get(r['persona'], r['persona'])} | {_ms(r['p50'])} | "
            f"{_ms(r['p95'])} | {verdict} | {_num(r['rps'])} | "
            f"{r['queries'] if r['queries'] is not None else '-'} | {_ms(r['floor_ms'])} | {note} |"
        )
    return "\n".join(lines) + "\n"


def growth_markdown(reports: list[dict[str, Any]]) -> str:
    names = [f"{r['facts']['cases'] // 1000}k" for r in reports]
    header = (
        "| Page | Persona | "
        + " | ".join(f"p95 ms {n}" for n in names)
        + " | "
        + " | ".join(f"queries {n}" for n in names)
        + " |"
    )
    lines = [
        f"List pages as the table grows (load average {reports[-1]['machine']['load']}):",
        "",
        header,
        "|---|---|" + "---:|" * (2 * len(names)),
    ]
    labels = {k: v["label"] for k, v in reports[0]["personas"].items()}
    keyed = [{(r["persona"], r["page"]): r for r in rep["results"]} for rep in reports]
    for r in reports[0]["results"]:
        key = (r["persona"], r["page"])
        rows = [k.get(key, {}) for k in keyed]
        lines.append(
            f"| {r['label'].split(' (')[0] if r['page'] == 'search' else r['label']} | "
            f"{labels.get(r['persona'])} | "
            + " | ".join(_ms(x.get("p95")) for x in rows)
            + " | "
            + " | ".join(str(x["queries"]) if x.get("queries") is not None else "-" for x in rows)
            + " |"
        )
    return "\n".join(lines) + "\n"


def update_readme(section: str, markers: tuple[str, str] = (README_START, README_END)) -> None:
    start, end = markers
    if not README.exists():
        return
    text = README.read_text()
    if start not in text or end not in text:
        return
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{start}\n{section}{end}{tail}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DB))
    parser.add_argument(
        "--requests", type=int, default=200, help="sequential requests per page (default 200)"
    )
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=8, help="connections for throughput; 0 skips it")
    parser.add_argument("--throughput-requests", type=int, default=400)
    parser.add_argument("--throughput-seconds", type=float, default=10.0)
    parser.add_argument(
        "--personas", nargs="+", default=["hr", "lead", "manager"], choices=["hr", "lead", "manager"]
    )
    parser.add_argument(
        "--pages",
        nargs="*",
        help="only these page keys (list, list_filtered, search, my_work, "
        "api_list, api_deep, detail, action_form, api_detail, "
        "notifications, concern_post)",
    )
    parser.add_argument("--lists-only", action="store_true", help="only the list pages")
    parser.add_argument(
        "--growth",
        nargs="*",
        metavar="DATABASE_URL",
        help="list p95 side by side on these databases (default erms_bench_10k and erms_bench)",
    )
    parser.add_argument("--collectstatic", action="store_true", help="collect static files again")
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument(
        "--no-write", action="store_true", help="print only; no results file, README untouched"
    )
    args = parser.parse_args(argv)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())

    if args.growth is not None:
        reports = []
        for url in args.growth or GROWTH_DBS:
            out = ROOT / "var" / f"bench-growth-{len(reports)}.json"
            command = [
                sys.executable,
                __file__,
                "--database-url",
                url,
                "--lists-only",
                "--concurrency",
                "0",
                "--requests",
                str(args.requests),
                "--json",
                str(out),
                "--no-write",
                "--personas",
                *args.personas,
            ]
            subprocess.run(command, check=True)
            reports.append(json.loads(out.read_text()))
        section = growth_markdown(reports)
        print("\n" + section)
        if not args.no_write:
            RESULTS_DIR.mkdir(exist_ok=True)
            (RESULTS_DIR / f"{stamp}-growth.md").write_text(
                f"# ERMS list pages at two table sizes, {when}\n\n" + section
            )
            update_readme(section, README_GROWTH)
            print(f"Written to bench/results/{stamp}-growth.md and bench/README.md")
        return

    report = run(args)
    report["when"] = when
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    table = markdown(report, args.requests)
    print("\n" + table)
    if args.no_write:
        return
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{stamp}.md"
    path.write_text(f"# ERMS benchmark, {when}\n\n{table}")
    update_readme(table)
    print(f"Written to {path.relative_to(ROOT)} and bench/README.md")


if __name__ == "__main__":
    main()
