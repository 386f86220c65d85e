import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import QuerySet

from accounts import services
from accounts.models import Employee, EmploymentStatus
from erms.lib.errors import ApplicationError
from tests.factories import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "employee_number,first_name,last_name,work_email,department_code,location_code,manager_number,"
    "job_title,start_date,employment_status\n"
)


@pytest.fixture
def directory(operations, people_team, london, oslo):
    return {"operations": operations, "people": people_team, "london": london, "oslo": oslo}


def write_csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def run_import(path: Path) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_employees", str(path), "--no-progress", stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue() + str(exc), exc.returncode
    return out.getvalue(), err.getvalue(), 0


def numbers(qs: QuerySet[Employee] | None = None) -> set[str]:
    return set((qs if qs is not None else Employee.objects.all()).values_list("employee_number", flat=True))


GOOD = [
    "N1,Nora,Berg,Nora.Berg@example.com,OPS,OSL,,Director,2019-03-01,active",
    "N2,Lars,Olsen,lars@example.com,OPS,OSL,N1,Planner,2020-01-15,on_leave",
    "N3,Kari,Lie,,HR,LON,N2,Adviser,,",
]


def test_it_imports_good_rows_with_their_managers_and_exits_zero(directory, tmp_path):
    out, err, code = run_import(write_csv(tmp_path, *GOOD))

    assert code == 0, err
    assert "3 created" in out
    nora, lars, kari = (Employee.objects.get(employee_number=n) for n in ("N1", "N2", "N3"))
    assert nora.manager is None and nora.work_email == "nora.berg@example.com"
    assert nora.location == directory["oslo"] and nora.start_date == datetime.date(2019, 3, 1)
    assert lars.manager == nora and lars.employment_status == EmploymentStatus.ON_LEAVE
    assert kari.manager == lars and kari.department == directory["people"]
    assert kari.start_date is None and kari.employment_status == EmploymentStatus.ACTIVE


def test_it_reports_every_kind_of_bad_row_with_line_number_and_reason_and_imports_the_rest(
    directory, tmp_path
):
    path = write_csv(
        tmp_path,
        "N1,Nora,Berg,,OPS,OSL,,Director,2019-03-01,active",  # line 2: good
        "B1,Bad,Department,,NOPE,OSL,,,,",  # line 3
        "B2,Bad,Location,,OPS,MARS,,,,",  # line 4
        "B3,Bad,Date,,OPS,OSL,,,2019-02-30,",  # line 5
        "B4,Bad,Status,,OPS,OSL,,,,retired",  # line 6
        "D1,Dup,One,,OPS,OSL,,,,",  # line 7
        "D1,Dup,Two,,OPS,OSL,,,,",  # line 8
        "B5,Unknown,Manager,,OPS,OSL,ZZ9,,,",  # line 9
        "B6,Reports,ToBad,,OPS,OSL,B3,,,",  # line 10: manager refused on line 5
        "C1,Cycle,One,,OPS,OSL,C2,,,",  # line 11
        "C2,Cycle,Two,,OPS,OSL,C1,,,",  # line 12
        "S1,Self,Managed,,OPS,OSL,S1,,,",  # line 13
        ",No,Number,,OPS,OSL,,,,",  # line 14
        "B7,Bad,Email,not-an-email,OPS,OSL,,,,",  # line 15
        "N2,Good,Report,,OPS,OSL,N1,,03/01/2020,",  # line 16: date in the wrong format
        "N3,Also,Good,,HR,LON,N1,,2021-06-01,suspended",  # line 17: good
    )

    out, err, code = run_import(path)

    assert code == 1
    expected = {
        3: "unknown department 'NOPE'",
        4: "unknown location 'MARS'",
        5: "bad start date '2019-02-30'",
        6: "bad employment status 'retired'",
        7: "appears more than once in the file (lines 7, 8)",
        8: "appears more than once in the file (lines 7, 8)",
        9: "unknown manager number 'ZZ9'",
        10: "manager B3 is refused on line 5",
        11: "manager cycle: C1 → C2 → C1",
        12: "manager cycle: C1 → C2 → C1",
        13: "manager cycle: S1 → S1",
        14: "employee number is missing",
        15: "invalid work e-mail 'not-an-email'",
        16: "bad start date '03/01/2020'",
    }
    reported = {int(m.group(1)): m.group(0) for m in re.finditer(r":line (\d+)\b.*", err)}
    assert set(reported) == set(expected)
    for line, reason in expected.items():
        assert reason in reported[line], (line, reason, reported[line])
    assert "2 created" in out and "14 refused" in out
    assert numbers() == {"N1", "N3"}
    assert Employee.objects.get(employee_number="N3").manager.employee_number == "N1"


def test_the_service_returns_refused_rows_with_line_numbers(directory):
    report = services.employees_import(
        rows=[
            {
                "employee_number": "N1",
                "first_name": "Nora",
                "last_name": "Berg",
                "department_code": "OPS",
                "location_code": "OSL",
            },
            {
                "employee_number": "N2",
                "first_name": "",
                "last_name": "Olsen",
                "department_code": "OPS",
                "location_code": "OSL",
            },
        ]
    )

    assert report.created == 1
    assert [(e.line, e.employee_number, e.reason) for e in report.errors] == [
        (3, "N2", "first_name is missing")
    ]


def test_a_file_without_the_required_columns_is_refused_with_exit_status_two(directory, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("employee_number,first_name\nN1,Nora\n", encoding="utf-8")

    _, err, code = run_import(path)

    assert code == 2
    assert "last_name, department_code, location_code" in err
    assert not Employee.objects.exists()
    with pytest.raises(ApplicationError):
        services.employees_import(rows=[{"employee_number": "N1", "first_name": "Nora"}])


def test_running_the_same_file_twice_changes_nothing(directory, tmp_path):
    path = write_csv(tmp_path, *GOOD)
    run_import(path)
    before = list(Employee.objects.order_by("id").values())

    out, _, code = run_import(path)

    assert code == 0
    assert "0 created, 0 updated, 3 unchanged" in out
    assert list(Employee.objects.order_by("id").values()) == before


def test_it_updates_an_existing_employee_and_keeps_what_the_file_does_not_mention(directory, tmp_path, liam):
    login = UserFactory(email="lars@example.com")
    existing = EmployeeFactory(
        employee_number="N2",
        first_name="Lars",
        last_name="Old",
        job_title="Clerk",
        department=directory["people"],
        location=directory["london"],
        manager=liam.employee_record,
        user=login,
    )
    path = write_csv(tmp_path, *GOOD)

    out, _, code = run_import(path)

    assert code == 0 and "2 created, 1 updated" in out
    existing.refresh_from_db()
    assert existing.last_name == "Olsen" and existing.job_title == "Planner"
    assert existing.location == directory["oslo"] and existing.manager.employee_number == "N1"
    assert existing.user == login  # the log-in link is not part of the import

    # A file without the optional columns leaves those values alone.
    slim = tmp_path / "slim.csv"
    slim.write_text(
        "employee_number,first_name,last_name,department_code,location_code\nN2,Lars,Olsen-Berg,OPS,OSL\n",
        encoding="utf-8",
    )
    out, _, code = run_import(slim)
    existing.refresh_from_db()
    assert code == 0 and "1 updated" in out
    assert existing.last_name == "Olsen-Berg"
    assert existing.job_title == "Planner" and existing.manager.employee_number == "N1"


def test_a_manager_cycle_formed_with_existing_rows_is_refused(directory, tmp_path):
    top = EmployeeFactory(
        employee_number="A1", department=directory["operations"], location=directory["oslo"]
    )
    EmployeeFactory(
        employee_number="A2", manager=top, department=directory["operations"], location=directory["oslo"]
    )
    # A2 reports to A1 in the database; making A1 report to A2 would close a loop.
    path = write_csv(tmp_path, "A1,Anna,Top,,OPS,OSL,A2,,,", "N9,New,Person,,OPS,OSL,A1,,,")

    _, err, code = run_import(path)

    assert code == 1
    assert "line 2 (A1): manager cycle: A1 → A2 → A1" in err
    assert "line 3 (N9): manager A1 is refused on line 2" in err
    top.refresh_from_db()
    assert top.manager is None
    assert not Employee.objects.filter(employee_number="N9").exists()


def test_a_failure_part_way_through_writes_nothing(directory, tmp_path, monkeypatch):
    calls = {"n": 0}
    original = Employee.objects.bulk_create

    def failing_bulk_create(objs, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("database went away")
        return original(objs, *args, **kwargs)

    monkeypatch.setattr(Employee.objects, "bulk_create", failing_bulk_create)
    path = write_csv(tmp_path, *GOOD, "N4,Ola,Nilsen,,OPS,OSL,N1,,,")

    with pytest.raises(RuntimeError):
        call_command("import_employees", str(path), "--no-progress", "--batch-size=2", stdout=io.StringIO())

    assert calls["n"] == 2
    assert not Employee.objects.exists()


def test_dry_run_counts_but_writes_nothing(directory, tmp_path):
    out, _, code = run_import_args(write_csv(tmp_path, *GOOD), "--dry-run")

    assert code == 0 and "Would import 3 rows: 3 created" in out
    assert not Employee.objects.exists()


def test_large_files_draw_a_progress_bar_on_stderr(directory, tmp_path, capsys):
    lines = [f"P{n},Per,Son{n},,OPS,OSL,{'P0' if n else ''},,2020-01-01,active" for n in range(300)]
    path = write_csv(tmp_path, *lines)

    call_command("import_employees", str(path), "--batch-size=100", stdout=io.StringIO())

    assert "300/300" in capsys.readouterr().err
    assert Employee.objects.filter(manager__employee_number="P0").count() == 299


def run_import_args(path: Path, *args: str) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_employees", str(path), "--no-progress", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue() + str(exc), exc.returncode
    return out.getvalue(), err.getvalue(), 0
