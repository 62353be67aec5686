"""Outcomes that matter to the person: validated questionnaires as data, scored by their
published rules, answered weekly with the first answer as the baseline."""

from sciatica_coach.outcomes.questionnaires import (
    IDS,
    Kind,
    Questionnaire,
    load_questionnaires,
    questionnaire,
)
from sciatica_coach.outcomes.scoring import Score, normalise, score
from sciatica_coach.outcomes.tracking import (
    Answered,
    Change,
    Track,
    function_lines,
    track_document,
    tracks,
)

__all__ = [
    "IDS",
    "Answered",
    "Change",
    "Kind",
    "Questionnaire",
    "Score",
    "Track",
    "function_lines",
    "load_questionnaires",
    "normalise",
    "questionnaire",
    "score",
    "track_document",
    "tracks",
]
