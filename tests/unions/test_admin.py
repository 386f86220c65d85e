from __future__ import annotations

import pytest
from django.urls import reverse

from unions.models import MembershipAccessLog, UnionMembership

pytestmark = pytest.mark.django_db


def test_every_unions_admin_page_loads(admin_client, gb_consultation, gb_negotiation, gb_agreement):
    for name in [
        "employeebody",
        "recognition",
        "bodycontact",
        "representative",
        "unionmembership",
        "membershipaccesslog",
        "consultation",
        "consultationmeeting",
        "consultationlogentry",
        "negotiation",
        "bargaininground",
        "bargainingitem",
        "collectiveagreement",
        "agreementdocument",
        "dispute",
    ]:
        assert admin_client.get(reverse(f"admin:unions_{name}_changelist")).status_code == 200, name
    assert (
        admin_client.get(reverse("admin:unions_consultation_change", args=[gb_consultation.pk])).status_code
        == 200
    )


def test_the_membership_admin_logs_each_view_and_the_access_log_cannot_be_changed(
    admin_client, gb_union, sam
):
    membership = UnionMembership.objects.create(employee=sam.employee_record, body=gb_union)
    admin_client.get(reverse("admin:unions_unionmembership_changelist"))
    admin_client.get(reverse("admin:unions_unionmembership_change", args=[membership.pk]))
    assert list(MembershipAccessLog.objects.order_by("id").values_list("via", "rows")) == [
        ("admin", 0),
        ("admin", 1),
    ]
    entry = MembershipAccessLog.objects.first()
    assert admin_client.get(reverse("admin:unions_membershipaccesslog_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:unions_membershipaccesslog_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert MembershipAccessLog.objects.count() == 2
