"""Every text a questionnaire shows is its cited public source's text, character for
character. The fixtures are the sources as found (tests/fixtures/questionnaire_sources/),
each with its address and the date it was read; they were saved, not typed."""

from pathlib import Path

import pytest

from sciatica_coach.outcomes import load_questionnaires

SOURCES = Path(__file__).parent.parent / "fixtures" / "questionnaire_sources"


def source_text(name: str) -> tuple[str, str]:
    """(address, text) of a saved source."""
    raw = (SOURCES / name).read_text(encoding="utf-8")
    header, text = raw.split("\n---\n", 1)
    address = header.splitlines()[0].removeprefix("address: ")
    return address, text


@pytest.mark.parametrize("qid", ["rmdq", "psfs", "pgic"])
def test_every_text_is_in_its_cited_source(qid: str) -> None:
    q = load_questionnaires()[qid]
    texts = [*q.instructions, *q.items, *q.options, *q.anchors]
    assert texts
    for t in texts:
        source = q.sources[t.source]
        address, found = source_text(source.fixture)
        assert address == source.address
        assert source.accessed == "2026-12-01"
        assert t.text in found, f"{qid}: not verbatim in {source.fixture}: {t.text!r}"


def test_the_rmdq_has_its_24_items_in_the_published_order() -> None:
    q = load_questionnaires()["rmdq"]
    assert len(q.items) == 24
    _, phenx = source_text("phenx-rmdq.txt")
    for n, item in enumerate(q.items[:14], 1):
        assert f"  {n}. {item.text}\n" in phenx
    _, original = source_text("rmdq-english-original.txt")
    positions = [original.find(item.text) for item in q.items[14:]]
    assert -1 not in positions and positions == sorted(positions)


def test_the_two_rmdq_sources_differ_only_where_the_file_says() -> None:
    """Items 1-14 in the authors' original read as in PhenX but for item 4's comma and
    item 9's misprint ('then usual'), as rmdq.toml records."""
    q = load_questionnaires()["rmdq"]
    _, original = source_text("rmdq-english-original.txt")
    differing = [n for n, item in enumerate(q.items[:14], 1) if item.text not in original]
    assert differing == [4, 9]
    assert q.items[3].text.replace("back,", "back") in original
    assert q.items[8].text.replace("than usual", "then usual") in original


def test_psfs_blank_is_filled_only_where_the_form_has_one() -> None:
    q = load_questionnaires()["psfs"]
    shown = [q.shown(t.text) for t in q.instructions]
    assert all(q.blank not in s and "your back or leg problem" in s for s in shown)
