from __future__ import annotations

from typing import cast

from django.conf import settings
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.models import ApiToken, Employee, User
from accounts.permissions import employees_visible_to


class TokenObtainApi(APIView):
    """Exchange an e-mail and password (and, where two-factor sign-in is required, a code) for a new
    API token. The token stops working after ``ERMS_TOKEN_IDLE_MINUTES`` without use, on logout and on
    "sign out everywhere". Too many failed attempts for the account or from the address answer 429."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField(trim_whitespace=False)
        otp = serializers.CharField(required=False, allow_blank=True, default="")

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()
        idle_minutes = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            key = services.token_issue(request=request._request, **data.validated_data)
        except services.TooManyAttempts as e:
            return Response(
                {"detail": e.message, "code": "too_many_sign_ins", "retry_after": e.lock.seconds},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(e.lock.seconds)},
            )
        output = {"token": key, "idle_minutes": settings.ERMS_TOKEN_IDLE_MINUTES}
        return Response(self.OutputSerializer(output).data, status=status.HTTP_200_OK)


class LogoutApi(APIView):
    """Revoke the token this request is made with (with a session: every token of the user)."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            services.api_token_revoke(token=request.auth)
        else:
            services.user_tokens_revoke(user=cast(User, request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SignOutEverywhereApi(APIView):
    """Revoke every API token of the user and end all their sessions in every browser."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        services.user_sign_out_everywhere(user=cast(User, request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        email = serializers.EmailField()
        full_name = serializers.CharField()
        language = serializers.CharField()
        roles = serializers.ListField(child=serializers.CharField(), source="role_names")
        employee_number = serializers.SerializerMethodField()

        def get_employee_number(self, user) -> str | None:
            employee = getattr(user, "employee", None)
            return employee.employee_number if employee else None

    class InputSerializer(serializers.Serializer):
        language = serializers.CharField(max_length=8)

    @extend_schema(responses=OutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(request.user).data)

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def patch(self, request: Request) -> Response:
        """Keep the user's language: pages after their next sign-in, e-mails and letters use it."""
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_set_language(user=cast(User, request.user), **serializer.validated_data)
        return Response(self.OutputSerializer(user).data)


class EmployeeFilter(filters.FilterSet):
    department = filters.NumberFilter(field_name="department_id")
    jurisdiction = filters.CharFilter(field_name="location__jurisdiction")
    status = filters.CharFilter(field_name="employment_status")
    number = filters.CharFilter(field_name="employee_number")

    class Meta:
        model = Employee
        fields = ["department", "jurisdiction", "status", "number"]


class EmployeeListApi(ListAPIView):
    """The HR directory, limited to what the user may see."""

    class OutputSerializer(serializers.ModelSerializer):
        department = serializers.CharField(source="department.name")
        location = serializers.CharField(source="location.name")
        jurisdiction = serializers.CharField(source="location.jurisdiction")
        manager_number = serializers.CharField(
            source="manager.employee_number", default=None, allow_null=True
        )

        class Meta:
            model = Employee
            fields = [
                "id",
                "employee_number",
                "first_name",
                "last_name",
                "work_email",
                "job_title",
                "department",
                "location",
                "jurisdiction",
                "manager_number",
                "start_date",
                "employment_status",
            ]

    serializer_class = OutputSerializer
    filterset_class = EmployeeFilter

    def get_queryset(self):
        return employees_visible_to(cast(User, self.request.user)).select_related(
            "department", "location", "manager"
        )
