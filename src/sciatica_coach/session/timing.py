"""How long each part of a session takes: one source for the plan's fit and the timeline."""

from sciatica_coach.catalog import Step, StepKind

GET_READY_SECONDS = 5  # a countdown to get into position before every hold
SWITCH_SIDE_SECONDS = 8
INTRO_SECONDS = 6  # the technique's title and starting position
BASE_READING_SECONDS = 3.0
SECONDS_PER_WORD = 0.4  # slow, calm speech: about 150 words a minute
STANDARD_HOLD = 30  # the article's "up to 30 seconds" holds follow the person's hold time


def reading_seconds(text: str) -> int:
    """Time to hear or read an instruction and do it: 3 s plus 0.4 s per word."""
    return round(BASE_READING_SECONDS + SECONDS_PER_WORD * len(text.split()))


def hold_seconds(step: Step, personal_hold: int) -> int:
    """The article's 30-second holds use the person's hold time (10-30 s); the massages'
    one-minute holds and the rests keep the article's time."""
    assert step.seconds is not None
    if step.kind is StepKind.HOLD and step.seconds <= STANDARD_HOLD:
        return min(step.seconds, personal_hold)
    return step.seconds
