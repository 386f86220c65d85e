"""Who may see which policies, versions and procedures.

Anyone with ``policies.view_policy`` reads the policy library, but only the version in
force today (the employee-facing view); holders of ``policies.change_policy`` also see
drafts, approved and superseded versions. A policy the user may not see answers 404; a visible
policy whose action the user's role does not allow answers 403, as everywhere in ERMS.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from accounts.models import User
from erms.lib import clock
from policies.models import Policy, PolicyVersion, Procedure, Rule, VersionStatus

ADOPTED = (VersionStatus.EFFECTIVE, VersionStatus.SUPERSEDED)


def can_see_drafts(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm("policies.change_policy")


def _in_force(today: datetime.date) -> QuerySet[PolicyVersion]:
    return PolicyVersion.objects.filter(status__in=ADOPTED, effective_from__lte=today)


def policies_visible_to(user: User) -> QuerySet[Policy]:
    if not user.is_authenticated or not user.is_active or not user.has_perm("policies.view_policy"):
        return Policy.objects.none()
    if can_see_drafts(user):
        return Policy.objects.all()
    today = clock.today()
    return Policy.objects.filter(Exists(_in_force(today).filter(policy=OuterRef("pk"))))


def versions_visible_to(user: User, policy: Policy) -> QuerySet[PolicyVersion]:
    """All versions for editors; for everyone else only the version in force today."""
    versions = PolicyVersion.objects.filter(policy=policy)
    if can_see_drafts(user):
        return versions
    if not user.is_authenticated or not user.is_active or not user.has_perm("policies.view_policy"):
        return versions.none()
    current = _in_force(clock.today()).filter(policy=policy).order_by("-effective_from", "-number")[:1]
    return versions.filter(pk__in=current.values("pk"))


def get_policy_for_user(user: User, pk: int, *, perm: str = "policies.view_policy") -> Policy:
    """The policy if ``user`` may see it (404 otherwise), refusing with 403 unless they hold ``perm``."""
    policy = policies_visible_to(user).select_related("owner").filter(pk=pk).first()
    if policy is None:
        raise Http404
    if not user.has_perm(perm):
        raise PermissionDenied
    return policy


def get_policy_version_for_user(user: User, policy: Policy, number: int) -> PolicyVersion:
    version = (
        versions_visible_to(user, policy)
        .select_related("approved_by", "created_by")
        .filter(number=number)
        .first()
    )
    if version is None:
        raise Http404
    version.policy = policy
    return version


def procedures_visible_to(user: User) -> QuerySet[Procedure]:
    if not user.is_authenticated or not user.is_active or not user.has_perm("policies.view_procedure"):
        return Procedure.objects.none()
    return Procedure.objects.all()


def rules_visible_to(user: User) -> QuerySet[Rule]:
    if not user.is_authenticated or not user.is_active or not user.has_perm("policies.view_procedure"):
        return Rule.objects.none()
    return Rule.objects.all()
