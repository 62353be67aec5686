"""The diary file formats: every bad input names its line and field; export round-trips."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.interop.diary_io import InvalidImport, format_diary, parse_diary
from sciatica_coach.progress import DiaryEntry, Reach

TODAY = date(2026, 11, 24)
HEADER = "date,leg_pain,back_pain,tingling,numbness,weakness,note\n"


def test_parses_the_design_contract() -> None:
    text = HEADER + '2026-11-01,5,3,1,,false,"stiff, after driving"\n2026-11-02,0,10,true,0,1,\n'
    assert parse_diary(text, "csv", TODAY) == [
        DiaryEntry(date(2026, 11, 1), 5, 3, tingling=True, note="stiff, after driving"),
        DiaryEntry(date(2026, 11, 2), 0, 10, tingling=True, weakness=True),
    ]


def test_optional_reaches_column_and_minimal_columns() -> None:
    text = "date,leg_pain,back_pain,reaches\n2026-11-01,5,3,below_knee\n2026-11-02,4,3,\n"
    entries = parse_diary(text, "csv", TODAY)
    assert [e.reaches for e in entries] == [Reach.BELOW_KNEE, None]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "2026-11-01,11,3,,,,\n",
            "line 2: leg_pain: '11' is not allowed; a whole number from 0 (no pain) to 10",
        ),
        ("2026-11-01,-1,3,,,,\n", "line 2: leg_pain: '-1' is not allowed"),
        ("2026-11-01,²,3,,,,\n", "line 2: leg_pain: '²' is not allowed"),
        ("2026-11-01,5\n", "line 2: back_pain: '' is not allowed"),
        ("20261101,5,3,,,,\n", "line 2: date: '20261101' is not allowed; a date written as"),
        ("2026-W44-1,5,3,,,,\n", "line 2: date: '2026-W44-1' is not allowed"),
        (",5,3,,,,\n", "line 2: date: '' is not allowed"),
        ("2026-11-01,abc,3,,,,\n", "line 2: leg_pain: 'abc' is not allowed"),
        ("2026-11-01,5,3.5,,,,\n", "line 2: back_pain: '3.5' is not allowed"),
        ("2026-11-01,5,3,,,,\n2026-11-31,5,3,,,,\n", "line 3: date: '2026-11-31'"),
        (
            "2026-11-25,5,3,,,,\n",
            "line 2: date: '2026-11-25' is not allowed; a date written as YYYY-MM-DD",
        ),
        ("1899-12-31,5,3,,,,\n", "line 2: date: '1899-12-31' is not allowed; a date written"),
        ("2026-11-01,5,3,yes,,,\n", "line 2: tingling: 'yes' is not allowed"),
        (
            "2026-11-01,5,3,,,,\n2026-11-01,4,3,,,,\n",
            "line 3: date: '2026-11-01' is not allowed; one entry per date (line 2",
        ),
        ("2026-11-01,5,3,,,,note,extra\n", "line 2: columns:"),
        ("2026-11-01,5,3,,,,ok\n2026-11-02,5,3,,,,a\rb\n", "line 3: csv: 'new-line character"),
        ('2026-11-01,5,3,,,,"ok"\n2026-11-02,5,3,,,,"open\n', "line 3: csv: 'unexpected end"),
    ],
)
def test_bad_lines_are_named(body: str, message: str) -> None:
    with pytest.raises(InvalidImport) as info:
        parse_diary(HEADER + body, "csv", TODAY)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "file: entries:"),
        (HEADER, "file: entries:"),
        ("date,leg_pain,back_pain,mood\n2026-11-01,1,1,ok\n", "line 1: columns: 'mood'"),
        (
            "date,leg_pain\n2026-11-01,1\n",
            "line 1: back_pain: missing; date, leg_pain, back_pain are required",
        ),
        ("date,leg_pain,back_pain,note,note\n2026-11-01,1,1,a,b\n", "line 1: columns: 'note'"),
    ],
)
def test_bad_files_are_named(text: str, message: str) -> None:
    with pytest.raises(InvalidImport) as info:
        parse_diary(text, "csv", TODAY)
    assert str(info.value).startswith(message)


def test_json_errors_name_the_entry() -> None:
    with pytest.raises(InvalidImport, match=r"^entry 2: leg_pain: 12"):
        text = '[{"date":"2026-11-01","leg_pain":1,"back_pain":1},'
        parse_diary(text + '{"date":"2026-11-02","leg_pain":12,"back_pain":1}]', "json", TODAY)
    with pytest.raises(InvalidImport, match=r"^line 1: json: "):
        parse_diary("[{", "json", TODAY)
    with pytest.raises(InvalidImport, match=r"^file: json: 'dict'"):
        parse_diary("{}", "json", TODAY)
    with pytest.raises(InvalidImport, match=r"^entry 1: leg_pain: True"):
        parse_diary('[{"date":"2026-11-01","leg_pain":true,"back_pain":1}]', "json", TODAY)
    with pytest.raises(InvalidImport, match=r"^entry 1: back_pain: missing"):
        parse_diary('[{"date":"2026-11-01","leg_pain":1}]', "json", TODAY)
    with pytest.raises(InvalidImport, match=r"^entry 1: date: 20261101 is not allowed"):
        parse_diary('[{"date":20261101,"leg_pain":1,"back_pain":1}]', "json", TODAY)
    with pytest.raises(InvalidImport, match=r"^entry 1: note: 5 is not allowed; a note of at most"):
        parse_diary('[{"date":"2026-11-01","leg_pain":1,"back_pain":1,"note":5}]', "json", TODAY)


entries = st.lists(
    st.builds(
        DiaryEntry,
        day=st.dates(date(2000, 1, 1), TODAY),
        leg_pain=st.integers(0, 10),
        back_pain=st.integers(0, 10),
        tingling=st.booleans(),
        numbness=st.booleans(),
        weakness=st.booleans(),
        note=st.text(
            st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from('\n\r\t",'),
            max_size=40,
        ),
        reaches=st.none() | st.sampled_from(Reach),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda e: e.day,
)


@given(entries, st.sampled_from(["csv", "json"]))
def test_export_then_import_round_trips(diary: list[DiaryEntry], fmt: str) -> None:
    assert parse_diary(format_diary(diary, fmt), fmt, TODAY) == diary  # type: ignore[arg-type]
