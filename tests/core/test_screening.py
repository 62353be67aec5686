"""Red-flag screening: every question's level, the most severe wins, bad input is named."""

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.safety import Level
from sciatica_coach.safety.screening import load_questions, triage

LEVELS = {
    "both_legs": Level.EMERGENCY, "saddle_numbness": Level.EMERGENCY,
    "bladder_change": Level.EMERGENCY, "bowel_change": Level.EMERGENCY,
    "sexual_dysfunction": Level.EMERGENCY, "progressive_weakness": Level.URGENT,
    "fever": Level.URGENT, "injury": Level.URGENT, "cancer_new_back_pain": Level.URGENT,
    "cancer_history": Level.SOON, "unexplained_weight_loss": Level.SOON,
    "night_pain": Level.SOON, "immunosuppressed": Level.SOON, "iv_drug_use": Level.SOON,
    "recent_spine_surgery": Level.SOON, "not_coping": Level.SOON,
}  # fmt: skip


def test_the_question_ids_are_stable_and_sourced() -> None:
    bank = load_questions()
    assert {q.id: q.level for q in bank.questions} == LEVELS
    for q in bank.questions:
        assert any(name in q.source for name in ("NHS", "NICE"))
        assert q.text.endswith("?")


@pytest.mark.parametrize(("question", "level"), LEVELS.items())
def test_each_question_alone_gives_its_level(question: str, level: Level) -> None:
    result = triage({question: True})
    assert result.level is level
    assert [r.question for r in result.reasons] == [question]
    assert result.advice == load_questions().advice[level]


def test_nothing_answered_yes_is_self_care_and_left_out_counts_as_no() -> None:
    assert triage({}).level is Level.SELF_CARE
    assert triage({q: False for q in LEVELS}).level is Level.SELF_CARE


def test_the_most_severe_wins_and_reasons_are_listed_most_severe_first() -> None:
    result = triage({"night_pain": True, "fever": True, "saddle_numbness": True})
    assert result.level is Level.EMERGENCY
    assert [r.question for r in result.reasons] == ["saddle_numbness", "fever", "night_pain"]
    assert triage({"cancer_history": True}).level is Level.SOON
    assert triage({"cancer_history": True, "cancer_new_back_pain": True}).level is Level.URGENT


def test_json_contract() -> None:
    assert triage({"fever": True}).to_json() == {
        "level": "urgent",
        "reasons": [{"question": "fever", "level": "urgent"}],
        "advice": load_questions().advice[Level.URGENT],
    }


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"fevr": True}, "question: 'fevr'"),
        ({"fever": "yes"}, "fever: 'yes' is not allowed; true or false"),
        ({"fever": 1}, "fever: 1 is not allowed"),
        ({"fever": None}, "fever: None"),
    ],
)
def test_bad_answers_are_named(answers: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        triage(answers)
