"""`sciatica report`, `fhir`, `remind` from real stored data."""

import json
from pathlib import Path

import pytest

from sciatica_coach.cli import main
from tests.cli.helpers import run


@pytest.fixture
def diary(cli_db: str) -> str:
    for day, leg in (("2026-10-01", 8), ("2026-10-02", 7), ("2026-10-30", 3)):
        run("log", "--leg", str(leg), "--back", "2", "--date", day)
    return cli_db


def test_report_pdf(diary: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "r.pdf"
    assert run("report", str(out), "--name", "A. Person") == (0, f"Report written to {out}.\n")
    text = PdfReader(out).pages[0].extract_text()
    assert "A. Person" in text and "baseline 7.5" in text


def test_fhir_json(diary: str, tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    out = tmp_path / "f.json"
    code, said = run("fhir", str(out))
    assert code == 0 and "16 resources" in said  # a patient and five observations a day
    Bundle.model_validate(json.loads(out.read_text()))


def test_remind_ics(diary: str, tmp_path: Path) -> None:
    import icalendar

    out = tmp_path / "r.ics"
    assert run("remind", str(out), "--time", "07:45", "--days", "mon,thu")[0] == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    session, review = calendar.walk("VEVENT")
    assert session["RRULE"]["BYDAY"] == ["MO", "TH"]
    assert str(review["DTSTART"].dt) == "2026-10-29"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["report", "r.txt"], ".pdf"),
        (["fhir", "f.xml"], ".json"),
        (["remind", "r.ics", "--time", "25:00"], "--time"),
        (["remind", "r.ics", "--days", "mon,someday"], "--days"),
        (["remind", "r.txt"], ".ics"),
    ],
)
def test_bad_input_writes_nothing(
    diary: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], named: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main([args[0], str(tmp_path / args[1]), *args[2:]])
    assert info.value.code == 2
    assert named in capsys.readouterr().err
    assert not (tmp_path / args[1]).exists()
