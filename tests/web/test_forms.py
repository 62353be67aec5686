"""Form parsing: what a valid entry shows in the form reads back as the same entry, and any
bad pain value is refused naming its field."""

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry, Reach
from sciatica_coach.web.pages.forms import diary_check, entry_from_values, values_of

TODAY = date(2026, 11, 24)

entries = st.builds(
    DiaryEntry,
    day=st.dates(min_value=date(2020, 1, 1), max_value=TODAY),
    leg_pain=st.integers(0, 10),
    back_pain=st.integers(0, 10),
    tingling=st.booleans(),
    numbness=st.booleans(),
    weakness=st.booleans(),
    note=st.text(max_size=200).map(str.strip),
    reaches=st.none() | st.sampled_from(list(Reach)),
)


@given(entries)
def test_an_entry_shown_in_the_form_reads_back_the_same(entry: DiaryEntry) -> None:
    assert entry_from_values(values_of(entry), TODAY) == entry


def _a_pain(text: str) -> bool:
    """0-10 written with one or two ASCII digits ("7", "07", "10"), blanks around them allowed
    (a CSV cell "7 ", a pasted "7\r")."""
    text = text.strip()
    return len(text) <= 2 and all("0" <= c <= "9" for c in text) and text != "" and int(text) <= 10


@given(st.text(max_size=6).filter(lambda t: not _a_pain(t)))
@example("²")
@example("٣")
@example("11")
@example(" 1 1")
def test_any_other_pain_text_is_refused_on_its_field(text: str) -> None:
    values = values_of(DiaryEntry(TODAY, 1, 1)) | {"back_pain": text}
    with pytest.raises(InvalidInput) as err:
        entry_from_values(values, TODAY)
    assert err.value.field == "back_pain"


def test_an_empty_date_is_today_and_a_future_one_is_refused() -> None:
    values = values_of(DiaryEntry(TODAY, 1, 1)) | {"date": ""}
    assert entry_from_values(values, TODAY).day == TODAY
    with pytest.raises(InvalidInput) as err:
        entry_from_values(values | {"date": (TODAY + timedelta(days=1)).isoformat()}, TODAY)
    assert err.value.field == "date"


def test_every_bad_field_is_named_at_once() -> None:
    values = values_of(DiaryEntry(TODAY, 1, 1)) | {
        "date": "2099-01-01", "leg_pain": "", "back_pain": "12", "reaches": "knee",
        "note": "x" * 2001,
    }  # fmt: skip
    entry, errors = diary_check(values, TODAY)
    assert entry is None
    assert list(errors) == ["date", "leg_pain", "back_pain", "reaches", "note"]
    assert all(message.endswith(".") and "_" not in message for message in errors.values())
    assert diary_check(values_of(DiaryEntry(TODAY, 1, 1)), TODAY) == (DiaryEntry(TODAY, 1, 1), {})
