"""OpenAPI schema generation for the API (drf-spectacular).

Kept apart from ``erms.lib.api``: DRF imports the pagination class while its generic
views load, and drf-spectacular's schema module imports those views.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErmsAutoSchema(AutoSchema):
    """Name schema components after the view that nests them.

    Every API view nests its own ``InputSerializer``/``OutputSerializer``; by class name
    alone they would all become one ``Output`` component. ``EmployeeListApi.OutputSerializer``
    becomes ``EmployeeListOutput``.
    """

    def get_serializer_name(self, serializer: serializers.BaseSerializer, direction: str) -> str:
        parts = type(serializer).__qualname__.split(".")
        return "".join(part.removesuffix("Api") for part in parts if part != "<locals>")
