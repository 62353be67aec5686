"""The checking rules trace to the article; recorded landmark streams read back exactly."""

import re
from pathlib import Path

import pytest

from sciatica_coach.catalog import load_catalog
from sciatica_coach.errors import ContentError
from sciatica_coach.motion.landmarks import Frame, read_stream, write_stream
from sciatica_coach.motion.rules import load_rules
from sciatica_coach.motion.synthetic import pose_landmarks
from tests.motion.streams import posed


def _article() -> str | None:
    for folder in Path(__file__).resolve().parents:
        seed = folder / "shared" / "seed"
        if seed.is_dir():
            return " ".join(p.read_text(encoding="utf-8") for p in sorted(seed.glob("*.txt")))
    return None


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_every_hint_quotes_the_article_word_for_word() -> None:
    article = _article()
    if article is None:
        pytest.skip("the source article (shared/seed/) is not beside this checkout")
    for hint in load_rules().hints:
        assert _words(hint.quote) in _words(article), hint.quote


def test_every_hint_belongs_to_a_technique_that_uses_its_position() -> None:
    catalog = load_catalog()
    for hint in load_rules().hints:
        routine = catalog.get(hint.routine)
        assert hint.pose in {s.pose for s in routine.steps}
        assert hint.text.format(worked="right", other="left").endswith(".")


def test_a_stream_reads_back_what_was_written() -> None:
    body = pose_landmarks(posed("seated-twist"))
    frames = [Frame(0.0, body), Frame(0.033, None), Frame(0.066, body)]
    back = list(read_stream(write_stream(frames)))
    assert [f.t for f in back] == [0.0, 0.033, 0.066]
    assert back[1].body is None and back[0].body is not None
    assert back[0].body.to_json() == body.to_json()


def test_a_broken_line_names_the_stream_and_the_line() -> None:
    lines = ['{"t": 0, "landmarks": null}\n', '{"t": 1, "landmarks": [[0, 0, 1]]}\n']
    with pytest.raises(ContentError, match=r"walk.jsonl: line 2: not a landmark frame"):
        list(read_stream(lines, "walk.jsonl"))
