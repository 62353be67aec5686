"""The diary as CSV or JSON (DESIGN.md, "Diary CSV"): parsing with line-numbered errors,
and formatting that parses back to the same entries."""

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry, read_entry
from sciatica_coach.progress.models import ALLOWED

DiaryFormat = Literal["csv", "json"]
REQUIRED = ("date", "leg_pain", "back_pain")
COLUMNS = ("date", "leg_pain", "back_pain", "tingling", "numbness", "weakness", "note", "reaches")
FLAGS = ("tingling", "numbness", "weakness")
# OWASP's rule against CSV injection: a spreadsheet runs a cell starting with one of these
# as a formula, so the CSV export writes a ' before it. A note starting with ' gets one
# too, and the importer takes exactly one back off: export then import is the same diary.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPE = "'"


def escape_cell(text: str) -> str:
    return _ESCAPE + text if text.startswith((*_FORMULA_START, _ESCAPE)) else text


def unescape_cell(text: str) -> str:
    if text.startswith(_ESCAPE) and text[1:].startswith((*_FORMULA_START, _ESCAPE)):
        return text[1:]
    return text


class InvalidImport(InvalidInput):
    """Bad input in a diary file: names the line (or record) and the field."""

    def __init__(self, where: str, field: str, value: object, allowed: str) -> None:
        super().__init__(field, value, allowed)
        self.where = where
        self.args = (f"{where}: {field}: {value!r} is not allowed; {allowed}",)

    @classmethod
    def missing(cls, where: str, field: str) -> "InvalidImport":
        """A required column (CSV) or key (JSON) that is not there at all."""
        error = cls(where, field, None, f"{', '.join(REQUIRED)} are required")
        error.args = (f"{where}: {field}: missing; {', '.join(REQUIRED)} are required",)
        return error


def parse_diary(text: str, fmt: DiaryFormat, today: date) -> list[DiaryEntry]:
    """Every entry of the file, or an InvalidImport for the first bad line."""
    records = _csv_records(text) if fmt == "csv" else _json_records(text)
    entries: list[DiaryEntry] = []
    seen: dict[date, str] = {}
    for where, record in records:
        entry = _entry(where, record, today)
        if entry.day in seen:
            raise InvalidImport(
                where,
                "date",
                entry.day.isoformat(),
                f"one entry per date ({seen[entry.day]} has it already)",
            )
        seen[entry.day] = where
        entries.append(entry)
    if not entries:
        raise InvalidImport("file", "entries", "", "at least one diary entry")
    return entries


def format_diary(entries: Sequence[DiaryEntry], fmt: DiaryFormat) -> str:
    rows = [_row(e) for e in entries]
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    out = io.StringIO()
    # CRLF as RFC 4180 says; the csv module then quotes any note holding \r or \n, which it
    # would leave bare (and unreadable) with a "\n" terminator.
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        row["note"] = escape_cell(row["note"])
        writer.writerow(
            {k: int(v) if isinstance(v, bool) else ("" if v is None else v) for k, v in row.items()}
        )
    return out.getvalue()


def _row(e: DiaryEntry) -> dict[str, Any]:
    return {
        "date": e.day.isoformat(),
        "leg_pain": e.leg_pain,
        "back_pain": e.back_pain,
        "tingling": e.tingling,
        "numbness": e.numbness,
        "weakness": e.weakness,
        "note": e.note,
        "reaches": e.reaches.value if e.reaches else None,
    }


def _csv_records(text: str) -> list[tuple[str, dict[str, Any]]]:
    if not text.strip():
        raise InvalidImport("file", "entries", "", "a header line and at least one entry")
    # strict: an unclosed quote is an error, not a note that swallows the rest of the file
    source = io.StringIO(text.lstrip("\ufeff"))
    reader = csv.DictReader(source, restkey="(extra)", restval="", strict=True)
    _check_columns("line 1", reader.fieldnames or [])
    records = []
    try:
        for row in reader:
            where = f"line {reader.line_num}"
            if "(extra)" in row:
                extra = row["(extra)"]
                raise InvalidImport(where, "columns", extra, "no more values than columns")
            if isinstance(row.get("note"), str):
                row["note"] = unescape_cell(row["note"])
            records.append((where, row))
    except csv.Error as exc:  # the DictReader's own line_num lags behind on an error
        where = f"line {reader.reader.line_num}"
        raise InvalidImport(where, "csv", str(exc), "well-formed CSV") from None
    return records


def _json_records(text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidImport(f"line {exc.lineno}", "json", exc.msg, "valid JSON") from None
    if not isinstance(data, list):
        raise InvalidImport("file", "json", type(data).__name__, "a list of entries")
    records = []
    for index, item in enumerate(data, 1):
        where = f"entry {index}"
        if not isinstance(item, dict):
            raise InvalidImport(where, "entry", item, "an object with date, leg_pain, back_pain")
        _check_columns(where, list(item))
        records.append((where, item))
    return records


def _check_columns(where: str, names: Sequence[str]) -> None:
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise InvalidImport(where, "columns", unknown[0], f"only {', '.join(COLUMNS)}")
    twice = [n for n in COLUMNS if list(names).count(n) > 1]
    if twice:
        raise InvalidImport(where, "columns", twice[0], "each column once")
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        raise InvalidImport.missing(where, missing[0])


def _entry(where: str, record: dict[str, Any], today: date) -> DiaryEntry:
    """One row or object, checked by the one diary rule; the error names the row."""
    if record.get("date") in (None, ""):  # a file says which day; only a person means today
        raise InvalidImport(where, "date", record.get("date"), ALLOWED["date"])
    try:
        return read_entry({k: record.get(k) for k in COLUMNS}, today)
    except InvalidInput as exc:
        raise InvalidImport(where, exc.field, exc.value, exc.allowed) from None
