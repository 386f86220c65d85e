"""The django-guardian rows ERMS's services would have written for the seeded cases."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Permission

from bench.seed.seeder import Seeder
from cases.models import CaseUserObjectPermission


def seed_grants(seeder: Seeder) -> None:
    """What ERMS's services grant: line managers view on cases about their direct reports (about
    half of them). Case managers and investigators need no grant: their relation to the case is
    their access."""
    rng = seeder.rng
    ct_perms = dict(
        Permission.objects.filter(
            content_type__app_label="cases",
            content_type__model="case",
            codename__in=["view_case"],
        ).values_list("codename", "id")
    )
    view = ct_perms["view_case"]
    gid = seeder.w.next_id(CaseUserObjectPermission)

    def rows() -> Iterable[tuple[int, int, int, int]]:
        nonlocal gid
        for c in seeder.cases:
            related = {c.manager_id, c.investigator_id}
            boss = seeder.person_by_id.get(c.principal.manager_id or 0)
            # The bench line manager is granted every case about a report, others about half.
            if (
                boss
                and boss.user_id in seeder.line_manager_ids
                and boss.user_id not in related
                and (boss.user_id == seeder.bench_manager or rng.random() < 0.5)
            ):
                yield gid, c.id, view, boss.user_id
                gid += 1

    n = seeder.w.write(CaseUserObjectPermission, ["id", "content_object", "permission", "user"], rows())
    seeder.progress("case grants (django-guardian)", n)
