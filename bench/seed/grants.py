"""The django-guardian rows ERMS's services would have written for the seeded cases."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Permission

from bench.seed.seeder import Seeder
from cases.models import CaseUserObjectPermission


def seed_grants(seeder: Seeder) -> None:
    """What ERMS's services grant: the case manager view and change, investigators view,
    and line managers view on cases about their direct reports (about half of them)."""
    rng = seeder.rng
    ct_perms = dict(
        Permission.objects.filter(
            content_type__app_label="cases",
            content_type__model="case",
            codename__in=["view_case", "change_case"],
        ).values_list("codename", "id")
    )
    view, change = ct_perms["view_case"], ct_perms["change_case"]
    gid = seeder.w.next_id(CaseUserObjectPermission)

    def rows() -> Iterable[tuple[int, int, int, int]]:
        nonlocal gid
        for c in seeder.cases:
            granted = {c.manager_id}
            yield gid, c.id, view, c.manager_id
            yield gid + 1, c.id, change, c.manager_id
            gid += 2
            if c.investigator_id and c.investigator_id not in granted:
                granted.add(c.investigator_id)
                yield gid, c.id, view, c.investigator_id
                gid += 1
            boss = seeder.person_by_id.get(c.principal.manager_id or 0)
            # The bench line manager is granted every case about a report, others about half.
            if (
                boss
                and boss.user_id in seeder.line_manager_ids
                and boss.user_id not in granted
                and (boss.user_id == seeder.bench_manager or rng.random() < 0.5)
            ):
                yield gid, c.id, view, boss.user_id
                gid += 1

    n = seeder.w.write(CaseUserObjectPermission, ["id", "content_object", "permission", "user"], rows())
    seeder.progress("case grants (django-guardian)", n)
