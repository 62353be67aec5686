"""Today's safety block: levels, a doctor's all-clear, checks that come back, both legs."""

from datetime import UTC, date, datetime, timedelta

import pytest

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.safety import Clearance, Level, ScreeningRecord
from sciatica_coach.safety.profile import Profile
from sciatica_coach.safety.screening import load_questions, triage
from sciatica_coach.safety.status import (
    RECHECK_DAYS,
    BlockReason,
    SafetyFacts,
    block_for,
    describe,
)

DAY = date(2026, 11, 1)
SET = load_questions().question_set


def check(answers: dict[str, bool], day: date = DAY, sid: int = 1, qset: int = SET):  # type: ignore[no-untyped-def]
    taken = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return ScreeningRecord(taken, triage(answers).level, answers, id=sid, question_set=qset)


def cleared(screening: ScreeningRecord, *ids: str) -> Clearance:
    assert screening.id is not None
    return Clearance(screening.taken_at, screening.id, ids)


NO_CONDITIONS = Profile()


def reason(facts: SafetyFacts, today: date = DAY, profile: Profile = NO_CONDITIONS) -> str | None:
    block = block_for(profile, facts, today)
    return block.reason.value if block else None


def test_no_check_blocks() -> None:
    assert reason(SafetyFacts(None)) == "no_check"


@pytest.mark.parametrize("question", ["chest_pain", "fever", "cancer_history", "back_lump"])
def test_every_level_from_soon_up_blocks_until_cleared(question: str) -> None:
    first = check({question: True})
    assert reason(SafetyFacts(first)) == "red_flag"
    assert reason(SafetyFacts(first, [cleared(first, question)])) is None


def test_advice_only_answers_do_not_block() -> None:
    assert reason(SafetyFacts(check({"not_coping": True}))) is None


def test_a_lasting_fact_stays_cleared_but_a_symptom_blocks_again() -> None:
    first = check({"cancer_history": True, "night_pain": True})
    clearance = cleared(first, "cancer_history", "night_pain")
    assert reason(SafetyFacts(first, [clearance])) is None
    later = check({"cancer_history": True}, DAY + timedelta(days=3), sid=2)
    assert reason(SafetyFacts(later, [clearance]), DAY + timedelta(days=3)) is None
    again = check({"cancer_history": True, "night_pain": True}, DAY + timedelta(days=5), sid=3)
    block = block_for(Profile(), SafetyFacts(again, [clearance]), DAY + timedelta(days=5))
    assert block is not None and block.signs == ("night_pain",) and block.level is Level.URGENT
    new = check({"cancer_history": True, "iv_drug_use": True}, DAY + timedelta(days=6), sid=4)
    block = block_for(Profile(), SafetyFacts(new, [clearance]), DAY + timedelta(days=6))
    assert block is not None and block.signs == ("iv_drug_use",)


def test_a_clear_recheck_unblocks_symptoms_that_passed() -> None:
    assert reason(SafetyFacts(check({}, sid=2), [])) is None


def test_a_check_older_than_28_days_is_due_again() -> None:
    facts = SafetyFacts(check({}))
    assert reason(facts, DAY + timedelta(days=RECHECK_DAYS)) is None
    block = block_for(Profile(), facts, DAY + timedelta(days=RECHECK_DAYS + 1))
    assert block is not None and block.reason is BlockReason.RECHECK_DUE
    assert "new red-flag check is due" in describe(block, None)


def test_a_check_of_the_old_question_set_is_due_again() -> None:
    block = block_for(Profile(), SafetyFacts(check({}, qset=1)), DAY)
    assert block is not None and block.reason is BlockReason.RECHECK_DUE
    assert "questions have changed" in describe(block, None)


def entry(day: date, weakness: bool) -> DiaryEntry:
    return DiaryEntry(day=day, leg_pain=4, back_pain=2, weakness=weakness)


def test_new_leg_weakness_after_the_check_blocks_until_a_new_check() -> None:
    later = DAY + timedelta(days=2)
    diary = [entry(DAY - timedelta(days=1), False), entry(DAY + timedelta(days=1), False)]
    assert reason(SafetyFacts(check({}), [], diary), later) is None
    weak = [*diary, entry(later, True)]
    block = block_for(Profile(), SafetyFacts(check({}), [], weak), later)
    assert block is not None and block.reason is BlockReason.NEW_WEAKNESS
    assert block.day == later
    assert reason(SafetyFacts(check({}, later + timedelta(days=1)), [], weak), later) is None


def test_weakness_that_was_there_before_the_check_is_not_new() -> None:
    diary = [entry(DAY - timedelta(days=1), True), entry(DAY + timedelta(days=1), True)]
    assert reason(SafetyFacts(check({}), [], diary), DAY + timedelta(days=1)) is None


def test_both_legs_in_the_profile_blocks_after_a_clear_check_until_a_doctor_clears_it() -> None:
    both = Profile(side="both")  # type: ignore[arg-type]
    assert reason(SafetyFacts(check({})), profile=both) == "both_legs"
    flagged = check({"both_legs": True})
    assert reason(SafetyFacts(flagged), profile=both) == "red_flag"
    assert reason(SafetyFacts(flagged, [cleared(flagged, "both_legs")]), profile=both) is None


def test_the_sentence_names_the_signs_the_date_and_the_countrys_numbers() -> None:
    block = block_for(Profile(), SafetyFacts(check({"chest_pain": True})), DAY)
    assert block is not None
    text = describe(block, "NZ")
    assert "1 Nov 2026" in text and "chest pain" in text and "111" in text
    assert "_" not in text and "`" not in text
