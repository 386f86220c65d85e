"""``python -m bench.seed --cases 100000``: an enterprise-sized history for the benchmark.

Fills a dedicated database with a large employer's five years of employee relations:
employees in a department tree over four jurisdictions, HR users of every role, cases with
parties, allegations, meetings, outcomes, documents (metadata only), deadlines and
reminders, concerns, about twenty timeline entries per case, notifications and the
django-guardian grants ERMS itself would have written. Rows go in with PostgreSQL ``COPY``
and explicit primary keys, so 100,000 cases take a few minutes on two cores; the random
seed is fixed, so the same arguments give the same data.

Every bench row is recognisable: department and location codes and employee numbers start
with ``SB``, users have ``@bench.example.com`` addresses, and the three benchmark log-ins
are ``bench-hr@``, ``bench-lead@`` and ``bench-manager@example.com``. ``--reset`` empties
the cases tables (all of them) and deletes the bench accounts first, so it is meant for a
database that holds benchmark data only.

One module per thing seeded, run in order by ``command.py``: the directory, the users, the
case load (cases, parties, investigators, deadlines), the grants, the case records, the
concerns, the timeline and the notifications. Each step reads what the earlier ones left on
the ``Seeder`` (``seeder.py``).
"""

BENCH_PASSWORD = "erms-bench-2026"
BENCH_EMAIL_DOMAIN = "bench.example.com"
BENCH_HR = "bench-hr@example.com"
BENCH_LEAD = "bench-lead@example.com"
BENCH_MANAGER = "bench-manager@example.com"
BENCH_LOGINS = (BENCH_HR, BENCH_LEAD, BENCH_MANAGER)
#: The bench ER lead covers these jurisdictions only (a regional lead), so the scoped filter is exercised.
BENCH_LEAD_SCOPE = ("GB", "NO")
