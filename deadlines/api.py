"""The deadlines and notifications API.

Deadlines: those the user may see (each owner decides: a case's to those who may see the
case, a policy review to its owner …), with the same filters as the calendar. Notifications:
only the user's own; someone else's answers 404.
"""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from deadlines import owners, selectors, services
from deadlines.models import DeadlineStatus
from erms.lib.api import DateField, DefaultCursorPagination

#: The owner the API names ``case`` in its output and filters (kept for API clients).
CASE_KEY = "case"


class CanOpenDeadlines(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and owners.may_open_deadline_pages(cast(User, request.user)))


class DeadlinePagination(DefaultCursorPagination):
    ordering = ("due_at", "id")


class NotificationPagination(DefaultCursorPagination):
    ordering = ("-created_at", "-id")


class DeadlineListApi(APIView):
    """Deadlines, earliest first: ``due_from``/``due_to`` (ISO dates), ``responsible`` (user id),
    ``overdue`` (true/false), ``case`` (case id), ``status`` (open, met, cancelled)."""

    permission_classes = [IsAuthenticated, CanOpenDeadlines]
    pagination_class = DeadlinePagination  # the schema documents the paginated answer

    class FilterSerializer(serializers.Serializer):
        due_from = DateField(required=False)
        due_to = DateField(required=False)
        responsible = serializers.IntegerField(required=False, min_value=1)
        overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
        case = serializers.IntegerField(required=False, min_value=1)
        status = serializers.ChoiceField(choices=DeadlineStatus.choices, required=False)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        key = serializers.CharField()
        title = serializers.CharField(source="display_title")  # in the request's language
        due_on = serializers.DateField()
        due_at = serializers.DateTimeField()
        rule_id = serializers.CharField()
        citation = serializers.CharField()
        is_risk_date = serializers.BooleanField()
        status = serializers.CharField()
        state = serializers.SerializerMethodField()
        overdue = serializers.SerializerMethodField()
        responsible = serializers.SerializerMethodField()
        case = serializers.SerializerMethodField()
        owner_type = serializers.CharField()
        owner_id = serializers.IntegerField(allow_null=True)
        met_at = serializers.DateTimeField(allow_null=True)
        history = serializers.JSONField()

        def get_state(self, obj) -> str:
            return selectors.deadline_state(obj)

        def get_overdue(self, obj) -> bool:
            return selectors.is_overdue(obj)

        def get_responsible(self, obj) -> dict | None:
            user = obj.responsible
            return {"id": user.pk, "name": user.get_full_name()} if user else None

        def get_case(self, obj) -> dict | None:
            owner = owners.by_api_key(CASE_KEY)
            if owner is None or obj.owner_type != owner.label:
                return None
            return {"id": obj.owner_id, "reference": getattr(obj, "owner_name", "")}

    @extend_schema(parameters=[FilterSerializer], responses=OutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        params = dict(filters.validated_data)
        case_id = params.pop(CASE_KEY, None)
        if case_id:
            owner = owners.by_api_key(CASE_KEY)
            params["owner"] = (owner.label if owner is not None else CASE_KEY, case_id)
        qs = selectors.deadline_list(user=cast(User, request.user), **params)
        paginator = DeadlinePagination()
        page = selectors.deadlines_named(paginator.paginate_queryset(qs, request, view=self) or [])
        return paginator.get_paginated_response(self.OutputSerializer(page, many=True).data)


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(source="display_title")  # in the request's language
    body = serializers.CharField()
    url = serializers.CharField()
    deadline = serializers.IntegerField(source="deadline_id", allow_null=True)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class NotificationListApi(APIView):
    """The user's own notifications, newest first; ``unread=true`` for unread only."""

    permission_classes = [IsAuthenticated]
    pagination_class = NotificationPagination  # the schema documents the paginated answer

    class FilterSerializer(serializers.Serializer):
        unread = serializers.BooleanField(required=False, default=False)

    @extend_schema(parameters=[FilterSerializer], responses=NotificationSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = selectors.notifications_for(cast(User, request.user))
        if filters.validated_data["unread"]:
            qs = qs.filter(read_at__isnull=True)
        paginator = NotificationPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(NotificationSerializer(page, many=True).data)


class NotificationReadApi(APIView):
    """Mark one of the user's notifications read."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=NotificationSerializer)
    def post(self, request: Request, pk: int) -> Response:
        notification = selectors.notification_get_for_user(cast(User, request.user), pk)
        services.notifications_mark_read(user=cast(User, request.user), ids=[notification.pk])
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)
