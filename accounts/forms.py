"""Sign-in forms: Django's, telling a locked-out person how long to wait; the second-factor code."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy


class _SignInLockMessage:
    """When ``SignInBackend`` refused the attempt without checking the password, say so and for how long,
    instead of Django's "wrong e-mail or password"."""

    request: Any

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()  # type: ignore[misc]
        except ValidationError:
            lock = getattr(self.request, "signin_lock", None)
            if lock is not None:
                raise ValidationError(lock.message, code="too_many_sign_ins") from None
            raise


class SignInForm(_SignInLockMessage, AuthenticationForm):
    pass


class AdminSignInForm(_SignInLockMessage, AdminAuthenticationForm):
    pass


class MfaCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()
