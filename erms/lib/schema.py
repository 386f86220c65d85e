"""OpenAPI schema generation for the API (drf-spectacular).

Kept apart from ``erms.lib.api``: DRF imports the pagination class while its generic
views load, and drf-spectacular's schema module imports those views.
"""

from __future__ import annotations

from typing import Any, Literal

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, force_instance, is_serializer
from rest_framework import serializers

_STRING = {"type": "string"}

#: The error bodies every API view may answer, as ``erms.lib.api.exception_handler`` shapes them.
_ERROR_SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {
        "type": "object",
        "description": "A refusal: ``detail`` says why.",
        "properties": {"detail": _STRING},
        "required": ["detail"],
    },
    "ValidationError": {
        "type": "object",
        "description": "Invalid input: each field named with its messages (a list of strings), or "
        "``detail``; a refusal by a rule adds ``field`` and ``rule``.",
        "properties": {"field": _STRING, "rule": _STRING},
        "additionalProperties": True,
    },
    "Conflict": {
        "type": "object",
        "description": "The case changed since the client read it: reload (``current_version``) and retry.",
        "properties": {
            "detail": _STRING,
            "field": _STRING,
            "current_version": {"type": "integer", "nullable": True},
        },
        "required": ["detail", "current_version"],
        "additionalProperties": True,
    },
}


class ErmsAutoSchema(AutoSchema):
    """Name schema components after the view that nests them, and document the error answers.

    Every API view nests its own ``InputSerializer``/``OutputSerializer``; by class name
    alone they would all become one ``Output`` component. ``EmployeeListApi.OutputSerializer``
    becomes ``EmployeeListOutput``.

    Every operation also lists the errors it may answer (400 invalid input, 401/403 access, 404
    for an object in its path, 409 for a stale ``version``, 413/415 for a body too large or of an
    unsupported type, 429 for the sign-in endpoint's throttle), so clients and the schema tests
    know every status code the API uses.
    """

    def get_serializer_name(self, serializer: serializers.BaseSerializer, direction: str) -> str:
        parts = type(serializer).__qualname__.split(".")
        return "".join(part.removesuffix("Api") for part in parts if part != "<locals>")

    def _get_response_bodies(self, direction: Literal["request", "response"] = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, (name, description) in self._error_statuses().items():
            responses.setdefault(code, self._error_response(name, description))
        return responses

    def _error_statuses(self) -> dict[str, tuple[str, str]]:
        anonymous = not getattr(self.view, "authentication_classes", None)
        statuses = {"400": ("ValidationError", "Invalid input.")}
        if not anonymous:
            statuses["401"] = ("Error", "Not signed in.")
            statuses["403"] = ("Error", "The user's role or access does not allow this.")
        if "{" in self.path:
            statuses["404"] = ("Error", "No such object, or one the user may not see.")
        if self.method in ("POST", "PUT", "PATCH"):
            if self._request_has_field("version"):
                statuses["409"] = ("Conflict", "Someone else changed the case meanwhile.")
            statuses["413"] = ("Error", "The request body is too large.")
            statuses["415"] = ("Error", "Unsupported media type.")
        if anonymous:
            statuses["429"] = ("Error", "Too many failed attempts; try again later.")
        return statuses

    def _request_has_field(self, name: str) -> bool:
        request = self.get_request_serializer()
        candidates = request.values() if isinstance(request, dict) else [request]
        return any(
            is_serializer(candidate) and name in force_instance(candidate).fields for candidate in candidates
        )

    def _error_response(self, name: str, description: str) -> dict[str, Any]:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=_ERROR_SCHEMAS[name]
        )
        self.registry.register_on_missing(component)
        return {"description": description, "content": {"application/json": {"schema": component.ref}}}
