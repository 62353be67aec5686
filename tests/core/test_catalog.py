"""The catalog against the article: every technique, step, side, hold and rest."""

import re
from importlib import resources

import pytest

from sciatica_coach.catalog import Kind, Side, Sides, StepKind, load_catalog, load_education, mirror
from sciatica_coach.catalog.loader import load_model, load_routines
from sciatica_coach.catalog.models import Routine
from sciatica_coach.errors import ContentError, UnknownRoutine

# (id, kind, sides, number of steps, [(step index, kind, seconds)] for every timed step)
EXPECTED = [
    ("palm-and-thumb-massage", Kind.MASSAGE, Sides.ONCE, 2, []),
    (
        "tennis-ball-massage",
        Kind.MASSAGE,
        Sides.ONCE,
        5,
        [(2, StepKind.HOLD, 60), (4, StepKind.REST, 120)],
    ),
    (
        "knuckle-massage",
        Kind.MASSAGE,
        Sides.ONCE,
        4,
        [(2, StepKind.HOLD, 60), (3, StepKind.REST, 120)],
    ),
    ("reclining-pigeon-pose", Kind.EXERCISE, Sides.EACH, 4, [(3, StepKind.HOLD, 30)]),
    ("sitting-pigeon-pose", Kind.EXERCISE, Sides.EACH, 5, [(4, StepKind.HOLD, 30)]),
    ("knee-to-the-opposite-shoulder", Kind.EXERCISE, Sides.EACH, 4, [(3, StepKind.HOLD, 30)]),
    ("sitting-spinal-stretch", Kind.EXERCISE, Sides.EACH, 5, [(4, StepKind.HOLD, 30)]),
]


def test_all_seven_techniques_in_the_articles_order() -> None:
    assert load_catalog().ids == [row[0] for row in EXPECTED]


@pytest.mark.parametrize(("rid", "kind", "sides", "n_steps", "timed"), EXPECTED)
def test_technique_matches_the_article(
    rid: str, kind: Kind, sides: Sides, n_steps: int, timed: list[tuple[int, StepKind, int]]
) -> None:
    routine = load_catalog().get(rid)
    assert routine.kind is kind
    assert routine.sides is sides
    assert len(routine.steps) == n_steps
    actual = [(i, s.kind, s.seconds) for i, s in enumerate(routine.steps) if s.timed]
    assert actual == timed
    assert all(s.early_finish for s in routine.steps if s.kind is StepKind.HOLD)
    assert routine.source.author == "Audra Bajori"
    assert routine.title.lower() in routine.source.section.lower()


def test_ids_are_the_kebab_case_of_the_titles() -> None:
    for routine in load_catalog().routines:
        assert routine.id == re.sub(r"[^a-z0-9]+", "-", routine.title.lower()).strip("-")


def test_rests_are_in_the_fetal_position_before_standing_up() -> None:
    for rid in ("tennis-ball-massage", "knuckle-massage"):
        last = load_catalog().get(rid).steps[-1]
        assert last.kind is StepKind.REST
        assert last.position == "fetal position"
        assert "before standing up" in last.text


def test_equipment() -> None:
    catalog = load_catalog()
    assert catalog.get("tennis-ball-massage").equipment == ["two tennis balls", "a towel or a sock"]
    assert all(not r.equipment for r in catalog.routines if r.id != "tennis-ball-massage")


def test_warning_stays_with_its_step() -> None:
    steps = load_catalog().get("knee-to-the-opposite-shoulder").steps
    assert "left shoulder" in steps[2].text
    assert steps[2].warning == "Pull back a bit if you start feeling discomfort or pain."


def test_right_side_first_and_left_is_the_mirror() -> None:
    routine = load_catalog().get("sitting-pigeon-pose")
    assert routine.side_order == [Side.RIGHT, Side.LEFT]
    step = routine.steps[1]
    assert (
        step.text_for(Side.RIGHT)
        == "Bend your right leg and put its ankle on top of your left knee."
    )
    assert (
        step.text_for(Side.LEFT)
        == "Bend your left leg and put its ankle on top of your right knee."
    )
    assert mirror("Right then left") == "Left then right"
    assert mirror("brightly") == "brightly"


def test_education_has_every_cause_and_risk_factor() -> None:
    topics = {t.id: t for t in load_education().topics}
    causes = [i.name for i in topics["causes"].items]
    assert len(causes) == 4
    for word in ("herniation", "stenosis", "Spondylolisthesis", "Piriformis"):
        assert any(word in c for c in causes)
    assert "up to 90 %" in topics["causes"].items[0].text
    risks = " ".join(i.name + i.text for i in topics["risk-factors"].items)
    for word in ("30 to 50", "sitting", "twist", "Diabetes", "Smoking", "pregnancy"):
        assert word in risks
    symptoms = [i.name for i in topics["what-is-sciatica"].items]
    assert symptoms == ["Pain", "Tingling", "Sharp pangs", "Weakness", "Numbness"]
    safety = " ".join(i.text for i in topics["safety"].items)
    assert "Stop and withdraw whenever you feel pain" in safety
    assert "see your doctor" in safety


def test_unknown_routine_lists_the_valid_ids() -> None:
    with pytest.raises(UnknownRoutine, match="valid ids: palm-and-thumb-massage"):
        load_catalog().get("pigeon")


def _write(tmp_path, name: str, text: str):  # type: ignore[no-untyped-def]
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


GOOD = (resources.files("sciatica_coach.catalog") / "routines" / "knuckle-massage.toml").read_text()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.replace('kind = "massage"', 'kind = "dance"'), "knuckle-massage.toml: kind: "),
        (lambda s: s.replace("seconds = 60\n", ""), "knuckle-massage.toml: steps.2: "),
        (lambda s: s.replace('sides = "once"', 'sides = "twice"'), "knuckle-massage.toml: sides: "),
        (lambda s: "bogus = 1\n" + s, "knuckle-massage.toml: bogus: "),
        (
            lambda s: s.replace('id = "knuckle-massage"', 'id = "knuckles"'),
            "knuckle-massage.toml: id: ",
        ),
        (lambda s: s + "\n[[[", "knuckle-massage.toml: toml: "),
    ],
)
def test_broken_file_names_file_and_field(tmp_path, change, message) -> None:  # type: ignore[no-untyped-def]
    _write(tmp_path, "knuckle-massage.toml", change(GOOD))
    with pytest.raises(ContentError) as info:
        load_routines(tmp_path)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_load_model_reads_a_valid_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    _write(tmp_path, "knuckle-massage.toml", GOOD)
    assert load_model(tmp_path / "knuckle-massage.toml", Routine).id == "knuckle-massage"
