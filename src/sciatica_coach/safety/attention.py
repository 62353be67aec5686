"""Which patients a clinician should look at first: a red flag, then the verdicts that say
see a doctor, then low adherence, then the rest."""

from dataclasses import dataclass
from datetime import date

from sciatica_coach.progress.verdict import Assessment, Verdict
from sciatica_coach.safety.record import Level

LOW_ADHERENCE_PCT = 50.0  # sessions on fewer than half the days: a product choice, not a rule


@dataclass(frozen=True)
class PatientStatus:
    patient_id: int
    username: str
    screening: Level | None
    assessment: Assessment | None
    last_activity: date | None
    # Whether a red flag blocks the programme now (safety/status.py `block_for`: a doctor's
    # clearance lifts it). None when not known: then the latest check's level decides.
    red_flag: bool | None = None

    @property
    def reason(self) -> str:
        group = attention_group(self)
        return "no diary entries yet" if group == 4 and self.assessment is None else REASONS[group]


REASONS = [
    "red flag in the latest check",
    "see a doctor soon",
    "see the doctor",
    "low adherence",
    "on track",
]


def attention_group(p: PatientStatus) -> int:
    a = p.assessment
    flagged = p.red_flag if p.red_flag is not None else (p.screening and p.screening.blocks)
    if flagged:
        return 0
    if a is not None and a.verdict is Verdict.SEE_DOCTOR_SOON:
        return 1
    if a is not None and a.verdict is Verdict.SEE_DOCTOR:
        return 2
    if a is not None and a.adherence_pct < LOW_ADHERENCE_PCT:
        return 3
    return 4


def by_attention(patients: list[PatientStatus]) -> list[PatientStatus]:
    """Most urgent first; within a group, the longest silent first, then by name."""
    return sorted(
        patients,
        key=lambda p: (attention_group(p), p.last_activity or date.min, p.username),
    )
