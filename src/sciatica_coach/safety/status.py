"""Whether the programme is blocked today, and why: one rule for every front end.

The plan is blocked, in this order, when there is no check; while the latest check has a yes
answer at `soon` or above that no doctor's clearance covers; while the profile says both legs
(unless the latest check's `both_legs` yes is covered); while the latest check is older than
28 days or answered an older question set; and after a diary entry dated after the latest
check reports leg weakness when the entry before it did not. A clearance covers the yes
answers of the check it was given on; for a lasting fact (questions.toml) it keeps covering
that answer in later checks, but a symptom answered yes again blocks again."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from sciatica_coach.catalog.loader import load_model
from sciatica_coach.progress.models import DiaryEntry
from sciatica_coach.safety.profile import AffectedSide, Profile
from sciatica_coach.safety.record import Clearance, Level, ScreeningRecord
from sciatica_coach.safety.screening import QuestionBank, advice_for, load_questions

RECHECK_DAYS = 28  # the four-week review's rhythm: warning signs are asked again as often


class BlockReason(StrEnum):
    NO_CHECK = "no_check"
    RED_FLAG = "red_flag"
    RECHECK_DUE = "recheck_due"
    NEW_WEAKNESS = "new_weakness"
    BOTH_LEGS = "both_legs"


@dataclass(frozen=True)
class Block:
    reason: BlockReason
    day: date | None = None  # the check's date, or the day weakness was logged
    level: Level | None = None  # the most severe uncovered answer's level (red_flag)
    signs: tuple[str, ...] = ()  # the uncovered question ids (red_flag)
    new_questions: bool = False  # recheck_due because the question set changed


@dataclass(frozen=True)
class SafetyFacts:
    """What the rule reads about one person, gathered by a service."""

    screening: ScreeningRecord | None
    clearances: Sequence[Clearance] = ()
    diary: Sequence[DiaryEntry] = ()  # entries from some time before the latest check on


class Wording(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    titles: dict[Level, str]
    sentences: dict[str, str]
    next_steps: dict[BlockReason, str]
    signs: dict[str, str]


@cache
def wording() -> Wording:
    return load_model(resources.files("sciatica_coach.safety") / "blocks.toml", Wording)


def uncovered(
    screening: ScreeningRecord, clearances: Iterable[Clearance], bank: QuestionBank
) -> tuple[str, ...]:
    """The check's yes answers at `soon` or above that no clearance covers, most severe first."""
    clearances = list(clearances)
    on_this = {q for c in clearances if c.screening_id == screening.id for q in c.covers}
    ever = {q for c in clearances for q in c.covers}
    found = []
    for question in sorted(bank.questions, key=lambda q: q.level.severity):
        if question.level is Level.SELF_CARE or question.id not in screening.yes:
            continue
        if question.id in on_this or (question.lasting and question.id in ever):
            continue
        found.append(question.id)
    return tuple(found)


def new_weakness_day(entries: Sequence[DiaryEntry], after: date) -> date | None:
    """The first day after `after` whose entry reports weakness when the entry before it
    did not (or there was none before it)."""
    ordered = sorted(entries, key=lambda e: e.day)
    for before, entry in zip([None, *ordered], ordered, strict=False):
        if entry.day > after and entry.weakness and not (before and before.weakness):
            return entry.day
    return None


def block_for(
    profile: Profile, facts: SafetyFacts, today: date, bank: QuestionBank | None = None
) -> Block | None:
    """Why the programme is blocked today, or None when it is not."""
    bank = bank or load_questions()
    screening = facts.screening
    if screening is None:
        return Block(BlockReason.NO_CHECK)
    checked = screening.taken_at.date()
    signs = uncovered(screening, facts.clearances, bank)
    if signs:
        level = bank.question(signs[0]).level
        return Block(BlockReason.RED_FLAG, checked, level, signs)
    if profile.side is AffectedSide.BOTH and "both_legs" not in screening.yes:
        return Block(BlockReason.BOTH_LEGS, checked, Level.EMERGENCY)
    if screening.question_set < bank.question_set:
        return Block(BlockReason.RECHECK_DUE, checked, new_questions=True)
    if (today - checked).days > RECHECK_DAYS:
        return Block(BlockReason.RECHECK_DUE, checked)
    weak = new_weakness_day(facts.diary, checked)
    if weak is not None:
        return Block(BlockReason.NEW_WEAKNESS, weak)
    return None


def describe(block: Block, country: str | None, day_format: str = "{:%-d %b %Y}") -> str:
    """The sentence a person reads: why there are no exercises today."""
    words = wording()
    key = "recheck_new_questions" if block.new_questions else block.reason.value
    advice = advice_for(block.level, country) if block.level else ""
    return words.sentences[key].format(
        day=day_format.format(block.day) if block.day else "",
        advice=advice,
        signs=", ".join(words.signs.get(s, s) for s in block.signs),
    )


def next_step(block: Block) -> str:
    return wording().next_steps[block.reason]


def coverable(
    screening: ScreeningRecord | None, clearances: Iterable[Clearance]
) -> tuple[str, ...]:
    """What a new clearance would cover now: the latest check's uncovered warning signs."""
    if screening is None:
        return ()
    return uncovered(screening, clearances, load_questions())
