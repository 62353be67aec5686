"""The questionnaires as data (questionnaires/*.toml): their published words, where each
text comes from, the scoring rule, the missing-answer rule and the meaningful change."""

import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from sciatica_coach.errors import ContentError

IDS = ("rmdq", "psfs", "pgic")


class Kind(StrEnum):
    CHECKLIST = "checklist"  # tick the sentences that describe you today
    ACTIVITIES = "activities"  # name up to N activities, rate each 0-10
    SINGLE_CHOICE = "single_choice"  # one answer of several


@dataclass(frozen=True)
class Text:
    text: str
    source: str  # a key of `Questionnaire.sources`
    value: int | None = None  # options and anchors carry a number


@dataclass(frozen=True)
class Source:
    address: str
    accessed: str
    fixture: str


@dataclass(frozen=True)
class Questionnaire:
    id: str
    title: str
    short: str
    kind: Kind
    measures: str  # "function" or "change"
    score_min: int
    score_max: int
    better: str  # "lower" or "higher"
    every_days: int
    instrument: str
    licence: str
    scoring: str
    missing: str
    sources: dict[str, Source]
    meaningful: dict[str, Any]
    instructions: tuple[Text, ...] = ()
    items: tuple[Text, ...] = ()
    options: tuple[Text, ...] = ()
    anchors: tuple[Text, ...] = ()
    max_activities: int = 0
    after_start_days: int = 0  # asked only this long after the first answer to another one
    blank: str = ""
    fill: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def shown(self, text: str) -> str:
        """The words a person reads: the form's blank filled in (PSFS), else as published."""
        return text.replace(self.blank, self.fill) if self.blank else text

    @property
    def url(self) -> str:
        """The canonical URL the FHIR export names the questionnaire by."""
        return f"https://sciatica-coach.example/fhir/Questionnaire/{self.id}"


def _texts(raw: list[dict[str, Any]], sources: dict[str, Source], where: str) -> tuple[Text, ...]:
    out = []
    for n, entry in enumerate(raw, 1):
        if entry.get("source") not in sources:
            raise ContentError(f"{where} {n}: source: one of {', '.join(sources)}")
        if not isinstance(entry.get("text"), str) or not entry["text"]:
            raise ContentError(f"{where} {n}: text: missing")
        out.append(Text(entry["text"], entry["source"], entry.get("value")))
    return tuple(out)


def parse(data: dict[str, Any], name: str) -> Questionnaire:
    try:
        sources = {k: Source(**v) for k, v in data["sources"].items()}
        return Questionnaire(
            id=data["id"],
            title=data["title"],
            short=data["short"],
            kind=Kind(data["kind"]),
            measures=data["measures"],
            score_min=data["score_min"],
            score_max=data["score_max"],
            better=data["better"],
            every_days=data["every_days"],
            instrument=data["instrument"],
            licence=data["licence"],
            scoring=data["scoring"],
            missing=data["missing"],
            sources=sources,
            meaningful=dict(data["meaningful_change"]),
            instructions=_texts(data.get("instructions", []), sources, "instructions"),
            items=_texts(data.get("items", []), sources, "items"),
            options=_texts(data.get("options", []), sources, "options"),
            anchors=_texts(data.get("anchors", []), sources, "anchors"),
            max_activities=data.get("max_activities", 0),
            after_start_days=data.get("after_start_days", 0),
            blank=data.get("blank", ""),
            fill=data.get("fill", ""),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ContentError(f"{name}: {error}") from error


@cache
def load_questionnaires() -> dict[str, Questionnaire]:
    folder = resources.files("sciatica_coach.outcomes") / "questionnaires"
    found = {}
    for qid in IDS:
        name = f"{qid}.toml"
        q = parse(tomllib.loads((folder / name).read_text(encoding="utf-8")), name)
        if q.id != qid:
            raise ContentError(f"{name}: id: {q.id!r} should be {qid!r}")
        found[qid] = q
    return found


def questionnaire(qid: str) -> Questionnaire:
    from sciatica_coach.errors import InvalidInput

    found = load_questionnaires()
    if qid not in found:
        raise InvalidInput("questionnaire", qid, f"one of {', '.join(found)}")
    return found[qid]
