"""What the report for the doctor says, as plain text and table rows (pure: the PDF layout
lives in reports/pdf.py). Every number here is computed from the diary and the sessions."""

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sciatica_coach.catalog import load_catalog
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.reach import WORDS, Direction, ReachTrend
from sciatica_coach.progress.verdict import WINDOW_DAYS, Assessment, Verdict
from sciatica_coach.safety import Clearance, ScreeningRecord
from sciatica_coach.safety.screening import load_questions
from sciatica_coach.safety.status import wording
from sciatica_coach.session import SessionRecord

VERDICTS = {
    Verdict.TOO_EARLY: "Too early to tell: the four-week review is still ahead",
    Verdict.KEEP_GOING: "Better (at least 30 % less pain): keep going",
    Verdict.SEE_DOCTOR: "Not clearly better after four weeks: see the doctor",
    Verdict.SEE_DOCTOR_SOON: "Worse than at the start: see a doctor soon",
}
MOVES = {
    Direction.TOWARDS_BACK: "moved towards the back",
    Direction.DOWN_THE_LEG: "moved further down the leg",
    Direction.SAME: "unchanged",
}
CONDITIONS = {  # profile keys the doctor should see, with their labels
    "age": "Age",
    "side": "Painful side",
    "due_date": "Pregnant, due date",
    "hip_replacement": "Hip replacement",
    "osteoporosis": "Osteoporosis",
    "floor_difficulty": "Kneeling or floor work is hard",
    "diabetes": "Diabetes",
    "smoking": "Smokes",
    "occupation_strain": "Work strains the back",
    "occupation_sitting": "Sits for long periods",
    "occupation_twisting": "Work involves twisting",
}
SETTINGS = {"equipment", "minutes", "hold_seconds"}  # the plan's settings, not conditions
MAX_WEEKS = 12  # table rows; more weeks keep the first (the baseline) and the latest
MAX_STOPS = 12


MAX_ANSWERS = 12  # rows per questionnaire: the first (the baseline) and the latest


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def function_lines(tracks: Sequence[Any]) -> list[str]:
    """Function beside pain, one line per questionnaire with a change to report."""
    from sciatica_coach.outcomes import function_lines as lines

    return lines(tracks)


def track_note(track: Any) -> str:
    q = track.questionnaire
    better = "lower is better" if q.better == "lower" else "higher is better"
    return (
        f"Score {q.score_min}-{q.score_max}, {better}; meaningful change: {track.threshold}. "
        f"{track.message or 'One answer so far.'}"
    )


def track_rows(track: Any) -> tuple[list[str], list[list[str]]]:
    """Day, score, change from the first answer, and what was named (PSFS activities)."""
    answers = list(track.answers)
    if len(answers) > MAX_ANSWERS:
        answers = [answers[0], *answers[-(MAX_ANSWERS - 1) :]]
    first = track.baseline
    rows = []
    for s in answers:
        change = "-" if first is None or s is first else _n(s.score.value - first.score.value)
        if change not in ("-", "0") and not change.startswith("-"):
            change = f"+{change}"
        detail = ""
        if "activities" in s.answered.answers:
            detail = "; ".join(
                f"{a['name']}: {a['score']}" for a in s.answered.answers["activities"]
            )
        rows.append([s.day.isoformat(), s.score.text, change, detail])
    return ["Day", "Score", "Change from the first", "Activities"], rows


def number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


@dataclass(frozen=True)
class Week:
    number: int
    first: date
    last: date
    entries: tuple[DiaryEntry, ...]
    session_days: int

    def cells(self) -> list[str]:
        def spread(values: list[int]) -> str:
            if not values:
                return "-"
            return f"{sum(values) / len(values):.1f} ({min(values)}-{max(values)})"

        count = {n: sum(getattr(e, n) for e in self.entries) for n in ("tingling", "numbness")}
        return [
            str(self.number),
            f"{self.first:%d %b}-{self.last:%d %b}",
            str(len(self.entries)),
            spread([e.leg_pain for e in self.entries]),
            spread([e.back_pain for e in self.entries]),
            spread([e.score for e in self.entries]),
            str(count["tingling"]),
            str(count["numbness"]),
            str(sum(e.weakness for e in self.entries)),
            str(self.session_days),
        ]


WEEK_HEADER = [
    "Week", "Days", "Logged", "Leg pain", "Back pain", "Daily score",
    "Tingling", "Numbness", "Weakness", "Sessions",
]  # fmt: skip


def weeks(entries: Sequence[DiaryEntry], session_days: Collection[date], as_of: date) -> list[Week]:
    """Seven-day weeks from the diary's first day (week 1 is the baseline) up to as_of."""
    kept = sorted((e for e in entries if e.day <= as_of), key=lambda e: e.day)
    if not kept:
        return []
    start, found = kept[0].day, []
    for n in range((as_of - start).days // WINDOW_DAYS + 1):
        first = start + timedelta(days=n * WINDOW_DAYS)
        last = min(first + timedelta(days=WINDOW_DAYS - 1), as_of)
        inside = tuple(e for e in kept if first <= e.day <= last)
        sessions = sum(1 for d in session_days if first <= d <= last)
        found.append(Week(n + 1, first, last, inside, sessions))
    if len(found) > MAX_WEEKS:
        found = [found[0], *found[-(MAX_WEEKS - 1) :]]
    return found


def verdict_lines(a: Assessment | None) -> list[str]:
    if a is None:
        return ["No diary entries yet."]
    change = "n/a" if a.change_pct is None else f"{a.change_pct:+.1f} %"
    current = "last 7 days" if not a.stale else "the 7 days up to the latest entry (none lately)"
    return [
        f"{VERDICTS[a.verdict]}.",
        f"{a.days} days since the first entry; four-week review date {a.review_date}.",
        f"Daily score (the worse of leg and back pain, 0-10), mean: first week (baseline) "
        f"{a.baseline:.1f}, {current} {a.current:.1f}; change {change}.",
        f"Sessions done on {a.adherence_pct:.1f} % of the days since the diary began.",
    ]


def reach_line(trend: ReachTrend) -> str:
    return (
        f"How far the pain reaches (furthest, first week against the latest): "
        f"{WORDS[trend.first]}, then {WORDS[trend.latest]}: {MOVES[trend.direction]}. "
        "Information beside the verdict; it does not change it."
    )


def screening_lines(s: ScreeningRecord | None, clearances: Sequence[Clearance] = ()) -> list[str]:
    if s is None:
        return ["No red-flag screening done."]
    texts = {q.id: q.text for q in load_questions().questions}
    yes = [q for q, v in s.answers.items() if v is True]
    other = {q: v for q, v in s.answers.items() if not isinstance(v, bool)}
    no = sum(1 for v in s.answers.values() if v is False)
    lines = [f"Latest on {s.taken_at:%-d %b %Y}: {wording().titles[s.level]}."]
    lines += [f"Yes: {texts.get(q, q)}" for q in yes]
    lines += [f"{texts.get(q, q)}: {v}" for q, v in other.items()]
    lines.append(f"Answered no: {no} question{'s' if no != 1 else ''}." if no else "")
    lines += clearance_lines(clearances)
    return [line for line in lines if line]


def clearance_lines(clearances: Sequence[Clearance]) -> list[str]:
    """Each doctor's all-clear: when, what it covers, and the note, newest last."""
    signs = wording().signs
    return [
        f"A doctor's all-clear to exercise on {c.given_at:%-d %b %Y}, covering: "
        + ", ".join(signs.get(q, q) for q in c.covers)
        + "."
        + (f" Note: {c.note}" if c.note else "")
        for c in clearances
    ]


def condition_lines(profile: dict[str, Any]) -> list[str]:
    """The profile's conditions as they are: known ones labelled, in a fixed order, then any
    other key as stored (the profile may grow); the plan's settings are left out."""
    unknown = sorted(k for k in profile if k not in CONDITIONS and k not in SETTINGS)
    found = []
    for key in [*CONDITIONS, *unknown]:
        value = profile.get(key)
        if value in (None, False, "", [], {}):
            continue
        label = CONDITIONS.get(key, key.replace("_", " ").capitalize())
        found.append(label if value is True else f"{label}: {value}")
    return found or ["None recorded"]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def session_lines(sessions: Sequence[SessionRecord]) -> list[str]:
    done = [s for s in sessions if s.completed]
    days = len({s.day for s in done})
    feelings = Counter(s.feeling.value for s in sessions if s.feeling is not None)
    unrated = sum(1 for s in sessions if s.feeling is None)
    felt = ", ".join(f"{k} {feelings[k]}" for k in ("better", "same", "worse") if feelings[k])
    return [
        f"{_count(len(done), 'session')} with at least one technique done, on "
        f"{_count(days, 'day')}; {sum(1 for s in done if s.finished)} played to the end.",
        f"How they felt afterwards: {felt or 'not recorded'}"
        + (f" (not said: {unrated})." if unrated and felt else "."),
    ]


STOP_HEADER = ["Date", "Technique", "Side", "Step", "How bad"]


def stop_rows(sessions: Sequence[SessionRecord]) -> tuple[list[list[str]], int]:
    """The latest pain stops (newest last) and how many earlier ones were left out."""
    catalog = load_catalog()
    rows = [
        [
            str(s.day),
            catalog.get(p.routine_id).title,
            p.side.value if p.side else "-",
            str(p.step_index + 1),
            "not rated" if p.severity is None else f"{p.severity}/10",
        ]
        for s in sorted(sessions, key=lambda s: s.started_at)
        for p in s.pain_stops
    ]
    return rows[-MAX_STOPS:], max(0, len(rows) - MAX_STOPS)
