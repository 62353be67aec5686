"""Attack: the diary's CSV export wrote a note like `=HYPERLINK(...)` as it was, and a
spreadsheet opening the file runs it as a formula. The export escapes such cells with a
leading ' (OWASP's rule) and the importer removes it: export then import is the same diary."""

import csv
import io
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.interop.diary_io import format_diary, parse_diary
from sciatica_coach.progress import DiaryEntry

TODAY = date(2026, 11, 24)


def _notes_in(text: str) -> list[str]:
    return [row["note"] for row in csv.DictReader(io.StringIO(text))]


def test_formula_notes_are_escaped_in_the_csv() -> None:
    notes = ['=HYPERLINK("http://evil.example","x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    entries = [DiaryEntry(day=date(2026, 11, d + 1), leg_pain=3, back_pain=2, note=n)
               for d, n in enumerate(notes)]  # fmt: skip
    cells = _notes_in(format_diary(entries, "csv"))
    assert cells == ["'" + n for n in notes]
    assert [e.note for e in parse_diary(format_diary(entries, "csv"), "csv", TODAY)] == notes


def test_plain_notes_are_left_alone() -> None:
    entries = [DiaryEntry(day=date(2026, 11, 1), leg_pain=3, back_pain=2, note="walked 2 km")]
    assert _notes_in(format_diary(entries, "csv")) == ["walked 2 km"]


def test_a_hand_written_leading_quote_is_kept_on_import() -> None:
    text = "date,leg_pain,back_pain,note\r\n2026-11-01,3,2,'tis better\r\n"
    assert parse_diary(text, "csv", TODAY)[0].note == "'tis better"


@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab \n\""), max_size=12))
def test_export_then_import_gives_back_every_note(note: str) -> None:
    entry = DiaryEntry(day=date(2026, 11, 1), leg_pain=3, back_pain=2, note=note)
    back = parse_diary(format_diary([entry], "csv"), "csv", TODAY)
    assert back[0].note == note
