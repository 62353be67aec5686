"""Each questionnaire scored against hand-scored answers, missing answers included."""

from datetime import date, timedelta

import pytest

from sciatica_coach.errors import InvalidInput
from sciatica_coach.outcomes import Answered, Change, load_questionnaires, score, tracks

Q = load_questionnaires()
DAY = date(2026, 11, 2)


# Roland-Morris: the number of sentences ticked; a blank is not ticked


def test_rmdq_counts_the_ticked_sentences() -> None:
    # ticked by hand: 1, 2, 3, 9, 13, 16, 24 -> 7
    answers = {str(n): n in {1, 2, 3, 9, 13, 16, 24} for n in range(1, 25)}
    assert score(Q["rmdq"], answers).value == 7
    assert score(Q["rmdq"], answers).text == "7 of 24"


def test_rmdq_items_left_blank_are_not_ticked() -> None:
    """The published rule: a sentence that does not describe you is left blank, and the
    score is the number checked. Items 3-24 missing: 2 ticked -> 2."""
    assert score(Q["rmdq"], {"1": True, "2": True}).value == 2
    assert score(Q["rmdq"], {}).value == 0
    every = {str(n): True for n in range(1, 25)}
    assert score(Q["rmdq"], every).value == 24


@pytest.mark.parametrize(
    "answers", [{"25": True}, {"0": True}, {"x": True}, {"3": "yes"}, {"3": 1}, {"3": None}, []]
)
def test_rmdq_refuses_what_is_neither_ticked_nor_blank(answers: object) -> None:
    with pytest.raises(InvalidInput):
        score(Q["rmdq"], answers)


# PSFS: sum of the activity scores / number of activities


def test_psfs_is_the_mean_of_the_activities() -> None:
    answers = {"activities": [{"name": "Sitting at work", "score": 3},
                              {"name": "Putting on socks", "score": 5},
                              {"name": "Walking the dog", "score": 8}]}  # fmt: skip
    assert score(Q["psfs"], answers).value == pytest.approx(16 / 3, abs=0.01)  # 5.33
    assert score(Q["psfs"], answers).text == "5.3 of 10"
    one = {"activities": [{"name": "Driving", "score": 4}]}
    assert score(Q["psfs"], one).value == 4


@pytest.mark.parametrize(
    "answers",
    [
        {"activities": [{"name": "Driving"}]},  # named, not rated: cannot be scored
        {"activities": [{"name": "Driving", "score": None}]},
        {"activities": []},
        {},
        {"activities": [{"name": "", "score": 3}]},
        {"activities": [{"name": "a", "score": 11}]},
        {"activities": [{"name": "a", "score": 2.5}]},
        {"activities": [{"name": "a", "score": True}]},
        {"activities": [{"name": str(n), "score": 1} for n in range(4)]},
    ],
)
def test_psfs_refuses_an_answer_it_cannot_score(answers: object) -> None:
    with pytest.raises(InvalidInput):
        score(Q["psfs"], answers)


# PGIC: the number of the answer


def test_pgic_scores_the_answer() -> None:
    assert score(Q["pgic"], {"answer": 2}).value == 2
    assert score(Q["pgic"], {"answer": 2}).text == "Much Improved (2)"


@pytest.mark.parametrize("answers", [{}, {"answer": None}, {"answer": 0}, {"answer": 8}])
def test_pgic_without_an_answer_is_refused(answers: object) -> None:
    with pytest.raises(InvalidInput):
        score(Q["pgic"], answers)


# weekly, the first answer as the baseline, and the meaningful change


def rmdq(day: date, ticked: int) -> Answered:
    return Answered("rmdq", day, {str(n): True for n in range(1, ticked + 1)})


def by_id(answers: list[Answered], today: date) -> dict[str, object]:
    return {t.questionnaire.id: t for t in tracks(answers, today)}


def test_everything_but_the_pgic_is_due_at_first() -> None:
    found = by_id([], DAY)
    assert found["rmdq"].is_due(DAY) and found["psfs"].is_due(DAY)  # type: ignore[attr-defined]
    assert found["pgic"].due is None  # type: ignore[attr-defined]


def test_weekly_after_the_last_answer_and_pgic_a_week_after_the_start() -> None:
    found = by_id([rmdq(DAY, 10)], DAY + timedelta(days=3))
    track = found["rmdq"]
    assert track.due == DAY + timedelta(days=7)  # type: ignore[attr-defined]
    assert not track.is_due(DAY + timedelta(days=6))  # type: ignore[attr-defined]
    assert found["pgic"].due == DAY + timedelta(days=7)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("first", "now", "change"),
    [
        (14, 9, Change.IMPROVED),  # 5 points
        (14, 10, Change.NO_MEANINGFUL_CHANGE),  # 4 points, 28.6 %
        (10, 7, Change.IMPROVED),  # 3 points = 30 % of 10
        (10, 8, Change.NO_MEANINGFUL_CHANGE),  # 2 points = 20 %
        (6, 11, Change.WORSE),  # 5 points up
        (6, 10, Change.NO_MEANINGFUL_CHANGE),
    ],
)
def test_rmdq_meaningful_change_is_5_points_or_30_percent(
    first: int, now: int, change: Change
) -> None:
    track = by_id([rmdq(DAY, first), rmdq(DAY + timedelta(days=7), now)], DAY)["rmdq"]
    assert track.change is change  # type: ignore[attr-defined]
    assert track.difference == now - first  # type: ignore[attr-defined]


def test_a_fall_of_5_tells_the_person_their_function_improved() -> None:
    track = by_id([rmdq(DAY, 12), rmdq(DAY + timedelta(days=14), 7)], DAY)["rmdq"]
    assert track.message == "Your function improved: a meaningful change."  # type: ignore[attr-defined]
    assert track.threshold == "5 points, or 30 % of the first score"  # type: ignore[attr-defined]


def test_one_answer_is_a_baseline_without_a_change() -> None:
    track = by_id([rmdq(DAY, 12)], DAY)["rmdq"]
    assert track.baseline is track.latest and track.change is None  # type: ignore[attr-defined]


def test_psfs_change_of_2_on_the_mean_is_meaningful() -> None:
    def psfs(day: date, scores: list[int]) -> Answered:
        acts = [{"name": f"a{n}", "score": s} for n, s in enumerate(scores)]
        return Answered("psfs", day, {"activities": acts})

    later = DAY + timedelta(days=7)
    up = by_id([psfs(DAY, [2, 3, 4]), psfs(later, [4, 5, 6])], DAY)["psfs"]
    assert up.change is Change.IMPROVED  # type: ignore[attr-defined]
    small = by_id([psfs(DAY, [2, 3, 4]), psfs(later, [3, 5, 5])], DAY)["psfs"]
    assert small.change is Change.NO_MEANINGFUL_CHANGE  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("answer", "change"),
    [(1, Change.IMPROVED), (2, Change.IMPROVED), (3, Change.NO_MEANINGFUL_CHANGE),
     (5, Change.NO_MEANINGFUL_CHANGE), (6, Change.WORSE), (7, Change.WORSE)],
)  # fmt: skip
def test_pgic_much_improved_or_better_is_meaningful(answer: int, change: Change) -> None:
    track = by_id([Answered("pgic", DAY, {"answer": answer})], DAY)["pgic"]
    assert track.change is change  # type: ignore[attr-defined]
    assert track.baseline is None  # type: ignore[attr-defined]
