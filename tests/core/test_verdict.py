"""The four-week rule, branch by branch and boundary by boundary (DESIGN.md)."""

import random
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.verdict import (
    NOTHING_LOGGED,
    Verdict,
    assess,
    assess_many,
    nothing_logged_json,
)

START = date(2026, 10, 1)


def day(n: int) -> date:
    return START + timedelta(days=n)


def diary(scores: dict[int, int], weakness: set[int] = frozenset()) -> list[DiaryEntry]:  # type: ignore[assignment]
    return [
        DiaryEntry(day(n), s, s // 2, weakness=n in weakness) for n, s in sorted(scores.items())
    ]


def steady(first_week: int, last_week: int, until: int) -> dict[int, int]:
    """A daily diary: `first_week` for days 0-6, `last_week` for the last 7 days, 5 between."""
    return {
        n: first_week if n <= 6 else last_week if n > until - 7 else 5 for n in range(until + 1)
    }


def test_baseline_current_days_and_change() -> None:
    result = assess(diary(steady(8, 4, 28)), set(), day(28))
    assert result is not None
    assert (result.days, result.baseline, result.current) == (28, 8.0, 4.0)
    assert result.change_pct == pytest.approx(-50.0)
    assert result.verdict is Verdict.KEEP_GOING
    assert result.review_date == day(28)
    assert result.to_json()["review_date"] == "2026-10-29"


def test_daily_score_is_the_worse_of_leg_and_back() -> None:
    entries = [DiaryEntry(day(0), 2, 9)]
    result = assess(entries, set(), day(0))
    assert result is not None and result.baseline == 9.0


@pytest.mark.parametrize(("as_of", "verdict"), [(27, Verdict.TOO_EARLY), (28, Verdict.SEE_DOCTOR)])
def test_day_27_is_too_early_and_day_28_decides(as_of: int, verdict: Verdict) -> None:
    result = assess(diary(steady(6, 6, as_of)), set(), day(as_of))
    assert result is not None and result.verdict is verdict


def test_exactly_30_percent_better_is_better() -> None:
    result = assess(diary(steady(10, 7, 30)), set(), day(30))
    assert result is not None
    assert result.change_pct == pytest.approx(-30.0)
    assert result.verdict is Verdict.KEEP_GOING


def test_just_under_30_percent_is_not_better() -> None:
    scores = steady(10, 7, 30)
    scores[30] = 8  # current mean 7.14: 28.6 % lower
    result = assess(diary(scores), set(), day(30))
    assert result is not None and result.verdict is Verdict.SEE_DOCTOR


def test_exactly_two_points_worse_is_worse_even_early() -> None:
    result = assess(diary(steady(4, 6, 14)), set(), day(14))
    assert result is not None and result.verdict is Verdict.SEE_DOCTOR_SOON
    almost = steady(4, 6, 14)
    almost[14] = 5  # 5.86: less than +2
    result = assess(diary(almost), set(), day(14))
    assert result is not None and result.verdict is Verdict.TOO_EARLY


def test_new_weakness_in_the_current_window_is_worse() -> None:
    scores = steady(6, 3, 35)
    result = assess(diary(scores, weakness={34}), set(), day(35))
    assert result is not None and result.verdict is Verdict.SEE_DOCTOR_SOON
    assert "Weakness" in result.message
    known = assess(diary(scores, weakness={2, 34}), set(), day(35))
    assert known is not None and known.verdict is Verdict.KEEP_GOING


def test_missing_days_use_the_days_that_were_logged() -> None:
    scores = {0: 8, 6: 6, 20: 5, 29: 4, 35: 2}  # baseline (8+6)/2, current (4+2)/2 over 29..35
    result = assess(diary(scores), set(), day(35))
    assert result is not None
    assert (result.baseline, result.current) == (7.0, 3.0)
    assert result.verdict is Verdict.KEEP_GOING


def test_a_single_entry() -> None:
    result = assess(diary({0: 5}), set(), day(0))
    assert result is not None
    assert (result.days, result.baseline, result.current, result.change_pct) == (0, 5.0, 5.0, 0.0)
    assert result.verdict is Verdict.TOO_EARLY
    assert result.adherence_pct == 0.0


def test_stale_data_uses_the_week_ending_on_the_latest_entry() -> None:
    scores = steady(8, 4, 30)
    result = assess(diary(scores), set(), day(45))
    assert result is not None
    assert result.stale and result.current == 4.0
    assert result.days == 45
    assert "Nothing was logged in the last 7 days" in result.message
    assert result.verdict is Verdict.KEEP_GOING


def test_baseline_zero_has_no_change_pct() -> None:
    result = assess(diary(steady(0, 0, 28)), set(), day(28))
    assert result is not None
    assert result.change_pct is None and result.to_json()["change_pct"] is None
    assert result.verdict is Verdict.KEEP_GOING  # 0 <= 0.7 x 0
    assert result.message.startswith("You had no pain in your first week and have none now")
    result = assess(diary({**steady(0, 0, 28), 28: 1}), set(), day(28))
    assert result is not None and result.verdict is Verdict.SEE_DOCTOR  # 1/7 > 0.7 x 0


def test_adherence_counts_session_days_from_start_to_as_of() -> None:
    sessions = {day(n) for n in range(0, 29, 2)} | {day(-3), day(40)}  # 15 inside
    result = assess(diary(steady(6, 4, 28)), sessions, day(28))
    assert result is not None
    assert result.adherence_pct == pytest.approx(15 / 29 * 100)
    assert result.to_json()["adherence_pct"] == 51.7


def test_entries_after_as_of_are_ignored_and_nothing_logged_is_none() -> None:
    entries = diary({0: 9, 10: 1})
    result = assess(entries, set(), day(5))
    assert result is not None and result.current == 9.0
    assert assess(entries, set(), day(-1)) is None
    assert assess([], set(), day(0)) is None


def test_json_contract_keys() -> None:
    result = assess(diary(steady(8, 4, 28)), set(), day(28))
    assert result is not None
    assert set(result.to_json()) >= {"verdict", "days", "baseline", "current", "change_pct",
                                     "adherence_pct", "review_date", "message"}  # fmt: skip


scores = st.dictionaries(st.integers(0, 60), st.integers(0, 10), min_size=1)


@given(scores, st.integers(0, 70))
def test_verdict_is_always_one_of_the_four_and_numbers_are_sane(
    s: dict[int, int], as_of: int
) -> None:
    result = assess(diary(s), set(), day(as_of))
    if min(s) > as_of:
        assert result is None
        return
    assert result is not None
    assert result.verdict in set(Verdict)
    assert 0 <= result.baseline <= 10 and 0 <= result.current <= 10
    assert 0 <= result.adherence_pct <= 100
    assert (result.verdict is Verdict.TOO_EARLY) <= (result.days < 28)


@given(scores, st.integers(28, 70))
def test_a_lower_score_today_never_makes_the_verdict_worse(s: dict[int, int], as_of: int) -> None:
    rank = [Verdict.KEEP_GOING, Verdict.TOO_EARLY, Verdict.SEE_DOCTOR, Verdict.SEE_DOCTOR_SOON]
    s = {n: v for n, v in s.items() if n <= as_of}
    if not s or max(s) == as_of or as_of - min(s) < 28:
        return
    before = assess(diary(s), set(), day(as_of))
    after = assess(diary({**s, as_of: 0}), set(), day(as_of))
    assert before is not None and after is not None
    if not before.stale:
        assert rank.index(after.verdict) <= rank.index(before.verdict)


def test_exactly_30_percent_better_on_uneven_means() -> None:
    """Baseline 6 (one entry), current 21/5 = 4.2 = 0.7 x 6: in floats 0.7 x 6 is 4.1999..."""
    scores = {0: 6, 29: 4, 30: 4, 31: 5, 32: 4, 33: 4}
    result = assess(diary(scores), set(), day(33))
    assert result is not None
    assert (result.baseline, result.current) == (6.0, 4.2)
    assert result.verdict is Verdict.KEEP_GOING
    scores[33] = 5  # 4.4: 26.7 % lower
    result = assess(diary(scores), set(), day(33))
    assert result is not None and result.verdict is Verdict.SEE_DOCTOR


def test_exactly_two_points_worse_on_uneven_means() -> None:
    """Baseline 5/3, current 11/3: in floats 5/3 + 2 is a hair above 11/3."""
    scores = {0: 1, 1: 2, 2: 2, 20: 3, 21: 4, 22: 4}
    result = assess(diary(scores), set(), day(22))
    assert result is not None
    assert result.current - result.baseline == pytest.approx(2)
    assert result.verdict is Verdict.SEE_DOCTOR_SOON
    scores[22] = 3  # 10/3: less than +2
    result = assess(diary(scores), set(), day(22))
    assert result is not None and result.verdict is Verdict.TOO_EARLY


def test_keep_going_is_not_forever_a_plateau_that_is_not_mild_sees_the_doctor() -> None:
    """9 -> 6 is 33 % better: keep going at the four-week review, but at day 119 with the
    pain still 6 since then, see your doctor; still falling, or mild, keeps going."""
    plateau = {n: 9 if n <= 6 else 6 for n in range(120)}
    early = assess(diary(plateau), set(), day(40))
    assert early is not None and early.verdict is Verdict.KEEP_GOING
    late = assess(diary(plateau), set(), day(119))
    assert late is not None and late.verdict is Verdict.SEE_DOCTOR
    assert "eight weeks" in late.message
    falling = {**plateau, **{n: 5 for n in range(113, 120)}}
    still = assess(diary(falling), {day(n) for n in range(120)}, day(119))
    assert still is not None and still.verdict is Verdict.KEEP_GOING
    assert "keep on with the exercises" in still.message
    mild = {n: 9 if n <= 6 else 4 for n in range(120)}
    calm = assess(diary(mild), set(), day(119))
    assert calm is not None and calm.verdict is Verdict.KEEP_GOING


def test_no_sessions_does_not_earn_keep_on_with_the_exercises() -> None:
    better = steady(8, 3, 30)
    without = assess(diary(better), set(), day(30))
    assert without is not None and without.verdict is Verdict.KEEP_GOING
    assert "keep on with the exercises" not in without.message
    assert "No session" in without.message
    done = assess(diary(better), {day(3)}, day(30))
    assert done is not None and "keep on with the exercises" in done.message


def reference_verdict(s: dict[int, int], weak: set[int], as_of: int) -> Verdict:
    """DESIGN.md's rule written out again with exact fractions, straight from the text."""
    logged = {n: v for n, v in s.items() if n <= as_of}
    start, latest = min(logged), max(logged)
    current_days = [n for n in logged if as_of - 6 <= n <= as_of]
    if not current_days:
        current_days = [n for n in logged if latest - 6 <= n <= latest]
    baseline_days = [n for n in logged if start <= n <= start + 6]
    baseline = Fraction(sum(logged[n] for n in baseline_days), len(baseline_days))
    current = Fraction(sum(logged[n] for n in current_days), len(current_days))
    new_weakness = bool(weak & set(current_days)) and not weak & set(baseline_days)
    if current >= baseline + 2 or new_weakness:
        return Verdict.SEE_DOCTOR_SOON
    if as_of - start < 28:
        return Verdict.TOO_EARLY
    if current > Fraction(7, 10) * baseline:
        return Verdict.SEE_DOCTOR
    if as_of - start >= 56:  # the second review: mild now, or lower than at the four-week review
        review_days = [n for n in logged if start + 22 <= n <= start + 28]
        review = (
            Fraction(sum(logged[n] for n in review_days), len(review_days)) if review_days else None
        )
        if current > 4 and (review is None or current >= review):
            return Verdict.SEE_DOCTOR
    return Verdict.KEEP_GOING


@given(scores, st.sets(st.integers(0, 60), max_size=3), st.integers(0, 120))
def test_verdict_matches_the_rule_written_with_exact_fractions(
    s: dict[int, int], weak: set[int], as_of: int
) -> None:
    result = assess(diary(s, weakness=weak), set(), day(as_of))
    if min(s) > as_of:
        assert result is None
    else:
        assert result is not None
        assert result.verdict is reference_verdict(s, weak & set(s), as_of)


@given(scores, st.integers(0, 70), st.randoms(use_true_random=False))
def test_the_order_of_the_entries_does_not_matter(
    s: dict[int, int], as_of: int, rng: random.Random
) -> None:
    entries = diary(s)
    shuffled = rng.sample(entries, len(entries))
    assert assess(shuffled, set(), day(as_of)) == assess(entries, set(), day(as_of))


@given(st.lists(scores, max_size=5), st.integers(0, 70))
def test_assess_many_is_assess_for_each_person(people: list[dict[int, int]], as_of: int) -> None:
    diaries = {f"p{i}": diary(s) for i, s in enumerate(people)}
    sessions = {"p0": {day(n) for n in range(0, 70, 3)}}
    many = assess_many(diaries, sessions, day(as_of))
    for key, entries in diaries.items():
        one = assess(entries, sessions.get(key, set()), day(as_of))
        assert many.get(key) == one  # nobody logged by as_of: left out, as assess gives None


def test_assess_many_leaves_out_people_with_nothing_logged_yet() -> None:
    diaries = {1: diary({0: 6}), 2: diary({10: 6}), 3: []}
    assert list(assess_many(diaries, {}, day(5))) == [1]


def test_nothing_logged_json_has_the_contract_keys_and_a_verdict_of_the_four() -> None:
    doc = nothing_logged_json()
    result = assess(diary({0: 5}), set(), day(0))
    assert result is not None
    assert list(doc) == list(result.to_json())
    assert doc["verdict"] == "too_early" and doc["message"] == NOTHING_LOGGED
    assert {k for k, v in doc.items() if v is None} == {
        "days", "baseline", "current", "change_pct", "adherence_pct", "review_date"
    }  # fmt: skip
