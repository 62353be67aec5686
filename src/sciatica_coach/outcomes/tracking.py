"""Weekly answers, the first as the baseline, and whether the change is meaningful (each
questionnaire's threshold is data: questionnaires/*.toml)."""

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from typing import Any

from sciatica_coach.outcomes.questionnaires import Questionnaire, load_questionnaires
from sciatica_coach.outcomes.scoring import Score, score

WORDS = tomllib.loads(
    (resources.files("sciatica_coach.outcomes") / "tracking.toml").read_text(encoding="utf-8")
)
THRESHOLDS: dict[str, str] = WORDS["thresholds"]
MESSAGES: dict[str, dict[str, str]] = WORDS["messages"]  # by what it measures, then the change


@dataclass(frozen=True)
class Answered:
    """One stored answer to one questionnaire."""

    questionnaire: str
    day: date
    answers: dict[str, Any]
    id: int | None = field(default=None, compare=False)


class Change(StrEnum):
    IMPROVED = "improved"
    WORSE = "worse"
    NO_MEANINGFUL_CHANGE = "no_meaningful_change"


@dataclass(frozen=True)
class Scored:
    day: date
    score: Score
    answered: Answered


@dataclass(frozen=True)
class Track:
    """One questionnaire over time, for one person."""

    questionnaire: Questionnaire
    answers: tuple[Scored, ...]
    due: date | None  # the next answer is due on this day (None: not before another one)

    @property
    def baseline(self) -> Scored | None:
        """The first answer (a questionnaire about change has none: it is the change)."""
        if self.questionnaire.measures == "change" or not self.answers:
            return None
        return self.answers[0]

    @property
    def latest(self) -> Scored | None:
        return self.answers[-1] if self.answers else None

    @property
    def difference(self) -> float | None:
        base, last = self.baseline, self.latest
        if base is None or last is None or last is base:
            return None
        return round(last.score.value - base.score.value, 2)

    @property
    def change(self) -> Change | None:
        return meaningful_change(self.questionnaire, self.baseline, self.latest)

    def is_due(self, today: date) -> bool:
        return self.due is not None and self.due <= today

    @property
    def threshold(self) -> str:
        """The meaningful change, as a person reads it."""
        m, q = self.questionnaire.meaningful, self.questionnaire
        if "improve_points" in m:
            points, percent = m["improve_points"], m["improve_percent"]
            return THRESHOLDS["points_or_percent"].format(points=points, percent=percent)
        if "points" in m:
            return THRESHOLDS["mean_points"].format(points=m["points"])
        options = {o.value: o.text for o in q.options}
        return THRESHOLDS["answer_or_better"].format(answer=options[m["improved_max"]])

    @property
    def message(self) -> str | None:
        """What the change means, in a sentence (None before there is one)."""
        change = self.change
        if change is None:
            return None
        return MESSAGES[self.questionnaire.measures][change.value]


def meaningful_change(q: Questionnaire, base: Scored | None, last: Scored | None) -> Change | None:
    m = q.meaningful
    if q.measures == "change":
        if last is None:
            return None
        value = last.score.value
        if value <= m["improved_max"]:
            return Change.IMPROVED
        if value >= m["worse_min"]:
            return Change.WORSE
        return Change.NO_MEANINGFUL_CHANGE
    if base is None or last is None or last is base:
        return None
    gain = last.score.value - base.score.value  # positive: the score went up
    if q.better == "lower":
        gain = -gain
    if "improve_points" in m:
        first = base.score.value
        improved = gain >= m["improve_points"] or (
            first > 0 and gain > 0 and gain * 100 >= m["improve_percent"] * first
        )
        if improved:
            return Change.IMPROVED
        if -gain >= m["worse_points"]:
            return Change.WORSE
        return Change.NO_MEANINGFUL_CHANGE
    if gain >= m["points"]:
        return Change.IMPROVED
    if -gain >= m["points"]:
        return Change.WORSE
    return Change.NO_MEANINGFUL_CHANGE


def tracks(answers: Sequence[Answered], today: date) -> list[Track]:
    """Every questionnaire with its answers in date order and the day the next is due."""
    qs = load_questionnaires()
    ordered = sorted(answers, key=lambda a: (a.day, a.id or 0))
    starts = [a.day for a in ordered if qs[a.questionnaire].measures != "change"]
    out = []
    for q in qs.values():
        mine = tuple(
            Scored(a.day, score(q, a.answers), a) for a in ordered if a.questionnaire == q.id
        )
        if mine:
            due: date | None = mine[-1].day + timedelta(days=q.every_days)
        elif q.after_start_days:
            due = starts[0] + timedelta(days=q.after_start_days) if starts else None
        else:
            due = today
        out.append(Track(q, mine, due))
    return out


def track_document(track: Track, today: date) -> dict[str, Any]:
    """One questionnaire in the `outcomes --json` contract."""

    def point(s: Scored | None) -> dict[str, Any] | None:
        return None if s is None else {"day": s.day.isoformat(), "score": s.score.value}

    q = track.questionnaire
    return {
        "id": q.id,
        "title": q.title,
        "measures": q.measures,
        "better": q.better,
        "score_range": [q.score_min, q.score_max],
        "baseline": point(track.baseline),
        "latest": point(track.latest),
        "difference": track.difference,
        "change": track.change.value if track.change else None,
        "meaningful_change": track.threshold,
        "message": track.message,
        "due": track.due.isoformat() if track.due else None,
        "due_now": track.is_due(today),
        "answers": [
            {"id": s.answered.id, "day": s.day.isoformat(), "score": s.score.value,
             "answers": s.answered.answers}
            for s in track.answers
        ],
    }  # fmt: skip


def function_lines(found: Sequence[Track]) -> list[str]:
    """Function beside pain (progress page, report): one line per questionnaire answered
    twice or more (or the PGIC once), with its meaningful change."""
    lines = []
    for t in found:
        q, last = t.questionnaire, t.latest
        if last is None or t.change is None:
            continue
        if t.baseline is not None:
            what = (
                f"{q.title}: {_n(t.baseline.score.value)} at the start, "
                f"{_n(last.score.value)} now ({'lower' if q.better == 'lower' else 'higher'} "
                f"is better; meaningful change: {t.threshold})."
            )
        else:
            what = f"{q.title}: {last.score.text} (meaningful: {t.threshold})."
        lines.append(f"{what} {t.message}")
    return lines


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")
