"""Each country's rules that are code live once, in ``policies/jurisdictions/<code>.py``.

Nothing else in the Python code compares a jurisdiction with a country code, and no letter
template branches on the jurisdiction: its country wording is a template per country.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from accounts.models import Jurisdiction
from policies import jurisdictions

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "policies" / "jurisdictions"
CODES = "|".join(Jurisdiction.values)
# `jurisdiction ==` in any form, and an equality or membership test against a country code.
BRANCHES = [
    re.compile(r"jurisdiction\s*==|==\s*\S*jurisdiction\b"),
    re.compile(rf"(==|!=)\s*(Jurisdiction\.({CODES})\b|[\"']({CODES})[\"'])"),
    re.compile(rf"(Jurisdiction\.({CODES})\b|[\"']({CODES})[\"'])\s*(==|!=)"),
    re.compile(rf"\bin\s*[(\[{{][^)\]}}]*[\"']({CODES})[\"']"),
]
# The holiday calendars (``holidays`` package subdivisions) sit below every app, in erms/lib,
# which may import no app: the one other place a new country is added (README).
CALENDARS = ROOT / "erms" / "lib" / "workdays.py"


def _python_files():
    for app in ("erms", "accounts", "audit", "deadlines", "policies", "cases", "unions", "bench"):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or HOME in path.parents or path == CALENDARS:
                continue
            yield path


def test_every_jurisdiction_has_one_module_and_each_module_states_its_own_country():
    assert {c.code for c in jurisdictions.countries()} == set(Jurisdiction.values)
    for code in Jurisdiction.values:
        country = jurisdictions.for_code(code)
        assert country.code == code
        assert (HOME / f"{country.letter_folder}.py").exists()


def test_an_unknown_jurisdiction_says_where_its_module_goes():
    with pytest.raises(KeyError, match="policies/jurisdictions/xx.py"):
        jurisdictions.for_code("XX")


def test_no_python_outside_policies_jurisdictions_branches_on_a_country():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _python_files()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if any(pattern.search(line) for pattern in BRANCHES)
    ]
    assert found == []


def test_no_letter_template_branches_on_the_jurisdiction():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "templates" / "letters").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "jurisdiction" in line
    ]
    assert found == []


def test_the_jurisdiction_modules_import_only_accounts_erms_lib_and_each_other():
    allowed = (
        "accounts",
        "erms.lib",
        "policies.jurisdictions",
        "django",
        "__future__",
        "collections",
        "dataclasses",
        "datetime",
        "typing",
    )
    for path in HOME.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert name.startswith(allowed), f"{path.name} imports {name}"
