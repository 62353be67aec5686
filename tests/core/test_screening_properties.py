"""Properties of triage over any set of answers: the most severe yes decides, every yes is a
reason, a no or a question left out changes nothing, bad input is named."""

from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.errors import InvalidInput
from sciatica_coach.safety import Level
from sciatica_coach.safety.screening import advice_for, load_questions, triage

BANK = load_questions()
LEVEL_OF = {q.id: q.level for q in BANK.questions}
answer_sets = st.dictionaries(st.sampled_from(BANK.ids), st.booleans())
NOT_BOOLEAN = st.one_of(
    st.integers(), st.floats(allow_nan=False), st.text(), st.none(), st.lists(st.booleans())
)


@given(answer_sets)
def test_the_level_is_the_most_severe_yes(answers: dict[str, bool]) -> None:
    yes = [q for q, a in answers.items() if a]
    expected = min((LEVEL_OF[q] for q in yes), key=lambda lv: lv.severity, default=None)
    result = triage(answers)
    assert result.level is (expected or Level.SELF_CARE)
    if result.level is not Level.SELF_CARE:
        assert result.advice == advice_for(result.level, None)


@given(answer_sets)
def test_every_yes_is_a_reason_most_severe_first(answers: dict[str, bool]) -> None:
    reasons = triage(answers).reasons
    assert sorted(r.question for r in reasons) == sorted(q for q, a in answers.items() if a)
    assert all(r.level is LEVEL_OF[r.question] for r in reasons)
    severities = [r.level.severity for r in reasons]
    assert severities == sorted(severities)


@given(answer_sets, st.sampled_from(BANK.ids))
def test_another_yes_never_makes_it_less_severe(answers: dict[str, bool], extra: str) -> None:
    before = triage(answers).level
    after = triage({**answers, extra: True}).level
    assert after.severity <= before.severity


@given(answer_sets)
def test_a_no_is_the_same_as_leaving_the_question_out(answers: dict[str, bool]) -> None:
    only_yes = {q: a for q, a in answers.items() if a}
    assert triage(answers) == triage(only_yes)


@given(
    answer_sets,
    st.sampled_from(BANK.ids),
    NOT_BOOLEAN,
)
def test_a_non_boolean_answer_is_named(answers: dict[str, bool], key: str, value: object) -> None:
    try:
        triage({**answers, key: value})
    except InvalidInput as exc:
        assert exc.field == key and exc.value == value
    else:
        raise AssertionError(f"{key}={value!r} was accepted")


@given(answer_sets, st.text(min_size=1).filter(lambda t: t not in LEVEL_OF))
def test_an_unknown_question_is_named(answers: dict[str, bool], key: str) -> None:
    try:
        triage({**answers, key: False})
    except InvalidInput as exc:
        assert exc.field == "question" and exc.value == key
    else:
        raise AssertionError(f"{key!r} was accepted")
