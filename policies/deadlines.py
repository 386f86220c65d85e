"""Policy reviews as deadlines: one open deadline per policy's review date, owned by the
policy (``policies.policy``), the policy's owner responsible. The deadline engine's sweep asks
this owner to sync before it sends reminders (``POLICY_OWNER.sync``)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import User
from deadlines import owners
from deadlines import services as engine
from deadlines.models import Deadline, DeadlineStatus
from erms.lib.sentences import Sentence
from policies.models import Policy

POLICY_OWNER_TYPE = "policies.policy"
POLICY_REVIEW = "policy_review"


@transaction.atomic
def policy_review_deadlines_sync() -> int:
    """One open deadline per policy's review date, owned by the policy, the owner responsible.

    A moved review date (the review was recorded) marks the old deadline met and opens the
    next; a changed owner takes over the reminders. Returns the number of deadlines changed.
    """
    open_rows = {
        d.owner_id: d
        for d in Deadline.objects.select_for_update().filter(
            owner_type=POLICY_OWNER_TYPE, status=DeadlineStatus.OPEN
        )
    }
    changed = 0
    seen: set[int] = set()
    for policy in Policy.objects.select_related("owner").order_by("pk"):
        seen.add(policy.pk)
        current = open_rows.get(policy.pk)
        if (
            current is not None
            and current.due_on == policy.review_due
            and current.responsible_id == policy.owner_id
        ):
            continue
        if current is not None and current.due_on < policy.review_due:
            engine.deadline_met(deadline=current, actor=None)
        region, zone = engine.region_and_zone_for_user(policy.owner)
        engine.deadline_set(
            owner_type=POLICY_OWNER_TYPE,
            owner_id=policy.pk,
            key=POLICY_REVIEW,
            title=Sentence.of(gettext_noop("Review policy: %(title)s"), title=policy.title),
            due_on=policy.review_due,
            time_zone=zone,
            responsible=policy.owner,
            region=region,
        )
        changed += 1
    for owner_id, deadline in open_rows.items():
        if owner_id not in seen:
            engine.deadline_cancel(deadline=deadline)
            changed += 1
    return changed


def _visible_to(user: User) -> Q:
    """A policy review is shown to the person responsible for it."""
    return Q(responsible=user)


def _names(policy_ids: set[int]) -> dict[int, str]:
    return dict(Policy.objects.filter(pk__in=policy_ids).values_list("pk", "title"))


def _link(policy_id: int) -> str:
    return reverse("policies:policy_detail", args=[policy_id])


POLICY_OWNER = owners.Owner(
    label=POLICY_OWNER_TYPE,
    link=_link,
    visible_to=_visible_to,
    names=_names,
    noun=gettext_lazy("Policy"),
    sync=policy_review_deadlines_sync,
)
