"""Red-flag screening: every question's level, the most severe wins, bad input is named."""

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.safety import Level
from sciatica_coach.safety.screening import advice_for, load_questions, triage

LEVELS = {
    "chest_pain": Level.EMERGENCY, "serious_accident": Level.EMERGENCY,
    "both_legs": Level.EMERGENCY, "saddle_numbness": Level.EMERGENCY,
    "bladder_change": Level.EMERGENCY, "bowel_change": Level.EMERGENCY,
    "sexual_dysfunction": Level.EMERGENCY, "progressive_weakness": Level.URGENT,
    "fever": Level.URGENT, "unexplained_weight_loss": Level.URGENT, "back_lump": Level.URGENT,
    "night_pain": Level.URGENT, "fall_fragile_bones": Level.URGENT,
    "cancer_new_back_pain": Level.URGENT, "cancer_history": Level.SOON,
    "immunosuppressed": Level.SOON, "iv_drug_use": Level.SOON,
    "recent_spine_surgery": Level.SOON, "not_coping": Level.SELF_CARE,
}  # fmt: skip
LASTING = {
    "serious_accident", "fall_fragile_bones", "cancer_history", "immunosuppressed",
    "iv_drug_use", "recent_spine_surgery",
}  # fmt: skip


def test_the_question_ids_and_levels_follow_the_nhs_tiers_and_are_sourced() -> None:
    bank = load_questions()
    assert {q.id: q.level for q in bank.questions} == LEVELS
    assert {q.id for q in bank.questions if q.lasting} == LASTING
    for q in bank.questions:
        assert any(name in q.source for name in ("NHS", "NICE"))
        assert "NG59" not in q.source  # NG59 has no red-flag list
        assert q.text.endswith("?") or q.text.endswith(".)")
    emergency = [q.id for q in bank.questions if q.level is Level.EMERGENCY]
    assert bank.ids[: len(emergency)] == emergency  # asked first


@pytest.mark.parametrize(("question", "level"), LEVELS.items())
def test_each_question_alone_gives_its_level(question: str, level: Level) -> None:
    result = triage({question: True})
    assert result.level is level
    assert [r.question for r in result.reasons] == [question]
    if level is not Level.SELF_CARE:
        assert result.advice == advice_for(level, None)


def test_not_coping_is_advice_to_see_a_gp_not_a_block() -> None:
    result = triage({"not_coping": True})
    assert result.level is Level.SELF_CARE and not result.level.blocks
    assert "GP" in result.advice and "pain relief" in result.advice
    assert "No warning signs" not in result.advice


def test_the_retired_injury_question_is_bad_input_naming_its_replacements() -> None:
    with pytest.raises(InvalidInput, match="serious_accident and fall_fragile_bones"):
        triage({"injury": True})


@pytest.mark.parametrize(
    ("country", "words"),
    [
        ("GB", ["999", "A&E", "NHS 111"]),
        ("NZ", ["111 or go to the emergency department"]),
        ("US", ["911"]),
        ("CA", ["911"]),
        ("AU", ["000"]),
        ("IE", ["112"]),
        ("FR", ["112"]),
        (None, ["your local emergency number", "999 in the UK", "911 in the US"]),
    ],
)
def test_advice_names_the_countrys_numbers(country: str | None, words: list[str]) -> None:
    emergency = triage({"chest_pain": True}, country=country).advice
    urgent = triage({"fever": True}, country=country).advice
    for word in words:
        assert word in emergency + urgent
    if country == "NZ":
        assert "999" not in emergency and "NHS" not in urgent


def test_nothing_answered_yes_is_self_care_and_left_out_counts_as_no() -> None:
    assert triage({}).level is Level.SELF_CARE
    assert triage({q: False for q in LEVELS}).level is Level.SELF_CARE


def test_the_most_severe_wins_and_reasons_are_listed_most_severe_first() -> None:
    result = triage({"cancer_history": True, "fever": True, "saddle_numbness": True})
    assert result.level is Level.EMERGENCY
    assert [r.question for r in result.reasons] == ["saddle_numbness", "fever", "cancer_history"]
    assert triage({"cancer_history": True}).level is Level.SOON
    assert triage({"cancer_history": True, "cancer_new_back_pain": True}).level is Level.URGENT


def test_json_contract() -> None:
    assert triage({"fever": True}).to_json() == {
        "level": "urgent",
        "reasons": [{"question": "fever", "level": "urgent"}],
        "advice": advice_for(Level.URGENT, None),
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
