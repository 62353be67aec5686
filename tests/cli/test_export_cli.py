"""`sciatica report`, `fhir`, `remind` from real stored data, read back by independent parsers."""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from sciatica_coach.cli import main
from tests.cli.helpers import fails, run

TODAY = date.today()
FIRST = TODAY - timedelta(days=9)
LEGS = {FIRST: 8, FIRST + timedelta(1): 7, TODAY: 3}


@pytest.fixture
def diary(cli_db: str) -> str:
    for day, leg in LEGS.items():
        run("log", "--leg", str(leg), "--back", "2", "--date", day.isoformat(), "--tingling")
    return cli_db


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the files go (the database is in tmp_path)."""
    (tmp_path / "out").mkdir()
    return tmp_path / "out"


def test_report_pdf(diary: str, folder: Path) -> None:
    from pypdf import PdfReader

    out = folder / "r.pdf"
    assert run("report", str(out), "--name", "A. Person") == (0, f"Report written to {out}.\n")
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "A. Person" in text and f"{FIRST} to {TODAY}" in text
    assert "(baseline) 7.5" in text  # the first week: 8 and 7
    assert [p.name for p in folder.iterdir()] == ["r.pdf"]  # no temporary file left


def test_report_without_a_name_uses_the_same_pseudonym_every_time(
    diary: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    def who(name: str) -> str:
        run("report", str(tmp_path / name))
        return PdfReader(tmp_path / name).pages[0].extract_text().split("\n")[1].split(".")[0]

    first = who("a.pdf")
    assert first.startswith("Pseudonym ") and who("b.pdf") == first


def test_fhir_json_validates_and_keeps_its_ids(diary: str, tmp_path: Path) -> None:
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle

    out, again = tmp_path / "f.json", tmp_path / "g.json"
    code, said = run("fhir", str(out))
    assert (code, said) == (0, f"FHIR bundle with 16 resources written to {out}.\n")
    doc = json.loads(out.read_text())
    Bundle.model_validate(doc)
    for entry in doc["entry"]:
        get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
    pain = {
        (r["effectiveDateTime"], r["bodySite"]["coding"][0]["code"]): r["valueInteger"]
        for r in (e["resource"] for e in doc["entry"])
        if r["resourceType"] == "Observation" and r["code"]["coding"][0]["code"] == "72514-3"
    }
    assert pain == {
        **{(d.isoformat(), "61685007"): leg for d, leg in LEGS.items()},
        **{(d.isoformat(), "37822005"): 2 for d in LEGS},
    }
    run("fhir", str(again))
    ids = [e["fullUrl"] for e in json.loads(again.read_text())["entry"]]
    assert ids == [e["fullUrl"] for e in doc["entry"]]


def test_another_installation_gets_other_ids(
    diary: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sciatica_coach.cli.context import get_store

    run("fhir", str(tmp_path / "a.json"))
    monkeypatch.setenv("SCIATICA_DB", f"sqlite:///{tmp_path / 'other.db'}")
    get_store.cache_clear()
    run("fhir", str(tmp_path / "b.json"))
    a, b = (json.loads((tmp_path / n).read_text()) for n in ("a.json", "b.json"))
    assert a["entry"][0]["fullUrl"] != b["entry"][0]["fullUrl"]  # both are user 1


def _calendar(path: Path) -> dict[str, object]:
    import icalendar

    return {
        str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    }


def test_remind_by_default_every_day_at_nine_and_the_review(diary: str, tmp_path: Path) -> None:
    import icalendar
    import recurring_ical_events

    out = tmp_path / "r.ics"
    review = FIRST + timedelta(28)
    assert run("remind", str(out)) == (
        0,
        f"Reminders written to {out}: sessions at 09:00 every day; review on {review}.\n",
    )
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    week = recurring_ical_events.of(calendar).between(TODAY, TODAY + timedelta(7))
    starts = sorted(e["DTSTART"].dt for e in week if "session" in str(e["SUMMARY"]))
    assert starts == [datetime.combine(TODAY + timedelta(n), time(9)) for n in range(7)]
    (event,) = [e for e in calendar.walk("VEVENT") if "Review" in str(e["SUMMARY"])]
    assert event["DTSTART"].dt == review


def test_remind_on_chosen_days(diary: str, tmp_path: Path) -> None:
    out = tmp_path / "r.ics"
    code, said = run("remind", str(out), "--time", "7:45", "--days", "thu,Monday")
    assert code == 0 and "sessions at 07:45 on mon,thu;" in said
    session = next(e for s, e in _calendar(out).items() if "session" in s)
    assert session["RRULE"]["BYDAY"] == ["MO", "TH"]  # type: ignore[index]


def test_no_review_once_it_has_passed(cli_db: str, tmp_path: Path) -> None:
    run("log", "--leg", "5", "--back", "2", "--date", (TODAY - timedelta(40)).isoformat())
    out = tmp_path / "r.ics"
    assert "the four-week review has passed" in run("remind", str(out))[1]
    assert len(_calendar(out)) == 1


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["report", "r.txt"], ".pdf"),
        (["fhir", "f.xml"], ".json"),
        (["fhir", "f"], ".json"),
        (["remind", "r.ics", "--time", "25:00"], "--time"),
        (["remind", "r.ics", "--time", "0745"], "--time"),
        (["remind", "r.ics", "--days", "mon,someday"], "--days"),
        (["remind", "r.txt"], ".ics"),
        (["report", "missing-folder/r.pdf"], "existing folder"),
    ],
)
def test_bad_input_writes_nothing(
    diary: str, folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], named: str
) -> None:
    assert named in fails(capsys, args[0], str(folder / args[1]), *args[2:])
    assert list(folder.iterdir()) == []


def test_a_bad_option_leaves_an_existing_file_as_it_was(
    diary: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.ics"
    out.write_bytes(b"mine")
    with pytest.raises(SystemExit):
        main(["remind", str(out), "--days", "funday"])
    assert out.read_bytes() == b"mine"
