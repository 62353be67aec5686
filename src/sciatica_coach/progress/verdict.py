"""The four-week rule (DESIGN.md), from the article: "If you get better within a month, keep
with the exercises. If you don't, see your doctor."

The rule reads only a few numbers per person (`Windows`), so the same decision serves one
person's diary in memory and ten thousand people's windows summed up by the database."""

import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from importlib import resources
from operator import attrgetter, le
from typing import Any, TypeVar

from sciatica_coach.progress.models import DiaryEntry, LoggedDay

# The rule's numbers and their sources are data (rule.toml).
RULE = tomllib.loads(
    (resources.files("sciatica_coach.progress") / "rule.toml").read_text(encoding="utf-8")
)
WINDOW_DAYS: int = RULE["window_days"]
REVIEW_AFTER_DAYS: int = RULE["review_after_days"]
BETTER_RATIO = Fraction(*RULE["better_ratio"])
WORSE_POINTS: int = RULE["worse_points"]
SECOND_REVIEW_DAYS: int = RULE["second_review_days"]
MILD_MAX: int = RULE["mild_max"]


Key = TypeVar("Key", bound=Hashable)
_DAY = attrgetter("day")


class Verdict(StrEnum):
    TOO_EARLY = "too_early"
    KEEP_GOING = "keep_going"
    SEE_DOCTOR = "see_doctor"
    SEE_DOCTOR_SOON = "see_doctor_soon"

    @property
    def heading(self) -> str:
        """What a person reads (rule.toml)."""
        return str(RULE["verdict_titles"][self.value])


VERDICT_TITLES: dict[str, str] = {v.value: v.heading for v in Verdict}


@dataclass(frozen=True)
class Window:
    """Daily scores summed over a window of days."""

    total: int = 0
    count: int = 0
    weakness: bool = False

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


@dataclass(frozen=True)
class Windows:
    """What the rule needs to know about one person's diary up to the as-of date."""

    start: date
    latest: date
    baseline: Window
    current: Window  # as-of - 6 .. as-of
    fallback: Window  # the 7 days ending on the latest entry (used when current is empty)
    session_days: int  # days from start to as-of with at least one completed session
    review: Window = Window()  # the 7 days ending on the four-week review (start + 28)


@dataclass(frozen=True)
class Assessment:
    verdict: Verdict
    days: int
    baseline: float
    current: float
    change_pct: float | None
    adherence_pct: float
    review_date: date
    stale: bool
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "days": self.days,
            "baseline": round(self.baseline, 1),
            "current": round(self.current, 1),
            "change_pct": None if self.change_pct is None else round(self.change_pct, 1),
            "adherence_pct": round(self.adherence_pct, 1),
            "review_date": self.review_date.isoformat(),
            "stale": self.stale,
            "message": self.message,
        }


MESSAGES: dict[str, str] = RULE["messages"]
NOTHING_LOGGED = MESSAGES["nothing_logged"]


def nothing_logged_json() -> dict[str, Any]:
    """The JSON of a diary with nothing logged by the as-of date: the same keys as
    `Assessment.to_json`, verdict `too_early` (the four weeks have not begun) and null
    numbers, so a reader of the contract never meets a verdict outside the four."""
    numbers = ("days", "baseline", "current", "change_pct", "adherence_pct", "review_date")
    return {
        "verdict": Verdict.TOO_EARLY.value,
        **dict.fromkeys(numbers),
        "stale": False,
        "message": NOTHING_LOGGED,
    }


def windows_from_entries(
    entries: Sequence[LoggedDay], session_days: Collection[date], as_of: date
) -> Windows | None:
    """The rule's windows from one diary in memory, in any order; None when nothing was
    logged by as-of. A diary already in day order (as the store returns it) is not sorted
    again, and each window is found by bisection: a year costs little more than a week."""
    ordered, days = entries, [e.day for e in entries]
    if not all(map(le, days, days[1:])):
        ordered = sorted(entries, key=_DAY)
        days = [e.day for e in ordered]
    end = bisect_right(days, as_of)
    if end == 0:
        return None
    start, latest = days[0], days[end - 1]

    def window(first: date, last: date) -> Window:
        inside = ordered[bisect_left(days, first, 0, end) : bisect_right(days, last, 0, end)]
        return Window(sum(e.score for e in inside), len(inside), any(e.weakness for e in inside))

    span = timedelta(days=WINDOW_DAYS - 1)
    return Windows(
        start=start,
        latest=latest,
        baseline=window(start, start + span),
        current=window(as_of - span, as_of),
        fallback=window(latest - span, latest),
        session_days=len({d for d in session_days if start <= d <= as_of}),
        review=window(*review_window(start)),
    )


def review_window(start: date) -> tuple[date, date]:
    """The week ending on the four-week review date."""
    review = start + timedelta(days=REVIEW_AFTER_DAYS)
    return review - timedelta(days=WINDOW_DAYS - 1), review


def decide(w: Windows, as_of: date) -> Assessment:
    """The verdict, the first rule that applies (DESIGN.md, "The four-week rule")."""
    stale = w.current.count == 0
    current_window = w.fallback if stale else w.current
    baseline = w.baseline.mean or 0.0
    current = current_window.mean or 0.0
    days = (as_of - w.start).days
    review = w.start + timedelta(days=REVIEW_AFTER_DAYS)
    worse = _at_least_points_worse(current_window, w.baseline) or (
        current_window.weakness and not w.baseline.weakness
    )
    if worse:
        verdict = Verdict.SEE_DOCTOR_SOON
    elif days < REVIEW_AFTER_DAYS:
        verdict = Verdict.TOO_EARLY
    elif _at_least_30_percent_better(current_window, w.baseline) and not _plateau(
        current_window, w.review, days
    ):
        verdict = Verdict.KEEP_GOING
    else:
        verdict = Verdict.SEE_DOCTOR
    change = (current - baseline) / baseline * 100 if baseline else None
    return Assessment(
        verdict=verdict,
        days=days,
        baseline=baseline,
        current=current,
        change_pct=change,
        adherence_pct=w.session_days / (days + 1) * 100,
        review_date=review,
        stale=stale,
        message=_message(verdict, review, stale, w, current_window, days),
    )


# The thresholds are compared on whole-number sums, never on rounded means: with floats,
# 4.2 <= 0.7 x 6 is false and 11/3 >= 5/3 + 2 is false, exactly on the boundaries the rule
# draws. Both windows always hold at least one entry (the first entry is in the baseline).


def _at_least_30_percent_better(current: Window, baseline: Window) -> bool:
    """current mean <= 0.7 x baseline mean, exactly."""
    ratio = BETTER_RATIO
    return current.total * baseline.count * ratio.denominator <= (
        ratio.numerator * baseline.total * current.count
    )


def _at_least_points_worse(current: Window, baseline: Window) -> bool:
    """current mean >= baseline mean + 2, exactly."""
    extra = WORSE_POINTS * baseline.count
    return current.total * baseline.count >= (baseline.total + extra) * current.count


def _plateau(current: Window, review: Window, days: int) -> bool:
    """From the second review on: the pain is not mild and no lower than at the four-week
    review (with no entries in that week, only "mild" can keep it going)."""
    if days < SECOND_REVIEW_DAYS:
        return False
    mild = current.total <= MILD_MAX * current.count
    falling = review.count > 0 and current.total * review.count < review.total * current.count
    return not (mild or falling)


def assess(
    entries: Sequence[DiaryEntry], session_days: Collection[date], as_of: date
) -> Assessment | None:
    """One person's verdict as of a date; None when the diary has nothing up to then (front
    ends then show `NOTHING_LOGGED`, or `nothing_logged_json()` for JSON)."""
    w = windows_from_entries(entries, session_days, as_of)
    return None if w is None else decide(w, as_of)


def _message(
    verdict: Verdict, review: date, stale: bool, w: Windows, current: Window, days: int
) -> str:
    """The verdict's words (rule.toml's messages): which case decided it, then the stale
    note."""
    baseline = w.baseline
    if verdict is Verdict.SEE_DOCTOR_SOON:
        new_weakness = current.weakness and not baseline.weakness
        keys = ["new_weakness" if new_weakness else "clearly_worse"]
    elif verdict is Verdict.TOO_EARLY:
        keys = ["too_early"]
    elif verdict is Verdict.KEEP_GOING:
        keys = ["better" if baseline.total else "no_pain"]
        keys.append("exercising" if w.session_days > 0 else "no_session")
    else:
        plateau = days >= SECOND_REVIEW_DAYS and _at_least_30_percent_better(current, baseline)
        keys = ["stopped_falling" if plateau else "not_better"]
    if stale:
        keys.append("stale")
    return " ".join(MESSAGES[key].format(review=review, latest=w.latest) for key in keys)


def assess_many(
    diaries: Mapping[Key, Sequence[DiaryEntry]],
    session_days: Mapping[Key, Collection[date]],
    as_of: date,
) -> dict[Key, Assessment]:
    """Everyone's verdict as of one date (the clinician dashboard), keyed like `diaries`.

    A person with nothing logged by as_of is left out, as `Store.windows` leaves them out;
    a person missing from `session_days` has done no session."""
    verdicts = {}
    for key, entries in diaries.items():
        w = windows_from_entries(entries, session_days.get(key, ()), as_of)
        if w is not None:
            verdicts[key] = decide(w, as_of)
    return verdicts
