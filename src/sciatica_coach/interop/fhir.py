"""A FHIR R4 Bundle (type collection) of one person's diary, screenings and sessions.

Identifiers are UUIDs derived from the person and the record, so exporting twice gives the
same ids and a record system can de-duplicate. Values are checked here before export:
fhir.resources accepts out-of-range pain scores."""

import tomllib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from sciatica_coach.catalog import Kind, load_catalog
from sciatica_coach.errors import InvalidInput
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.safety import ScreeningRecord
from sciatica_coach.session import SessionRecord

NAMESPACE = uuid.UUID("5c1a71ca-0000-4000-8000-000000000000")
SNOMED, LOINC = "http://snomed.info/sct", "http://loinc.org"
SYSTEM = "urn:sciatica-coach"


@cache
def codes() -> dict[str, dict[str, dict[str, str]]]:
    text = (resources.files("sciatica_coach.interop") / "codes.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _coding(system: str, key: str) -> dict[str, Any]:
    table = codes()["snomed" if system == SNOMED else "loinc"]
    if key not in table:
        raise InvalidInput("code", key, f"one of {', '.join(table)}")
    return {"system": system, "code": table[key]["code"], "display": table[key]["display"]}


@dataclass(frozen=True)
class PatientInfo:
    key: str  # a stable, non-identifying key for the person (e.g. the account id)
    name: str | None = None  # pseudonymous unless set


def _id(patient: PatientInfo, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join([patient.key, *map(str, parts)])))


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def _patient(p: PatientInfo) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": _id(p, "patient"),
        "identifier": [{"system": f"{SYSTEM}:patient", "value": _id(p, "patient")}],
    }
    if p.name:
        resource["name"] = [{"text": p.name}]
    return resource


def _pain(p: PatientInfo, e: DiaryEntry, site: str, value: int) -> dict[str, Any]:
    if isinstance(value, bool) or not 0 <= value <= 10:
        raise InvalidInput(f"{site} pain", value, "an integer from 0 to 10")
    return {
        "resourceType": "Observation",
        "id": _id(p, "pain", site, e.day),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        "code": {"coding": [_coding(LOINC, "pain_severity")]},
        "subject": {"reference": f"urn:uuid:{_id(p, 'patient')}"},
        "effectiveDateTime": e.day.isoformat(),
        "bodySite": {"coding": [_coding(SNOMED, site)]},
        "valueInteger": value,
    }


def _symptom(p: PatientInfo, e: DiaryEntry, name: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": _id(p, name, e.day),
        "status": "final",
        "code": {"coding": [_coding(SNOMED, name)]},
        "subject": {"reference": f"urn:uuid:{_id(p, 'patient')}"},
        "effectiveDateTime": e.day.isoformat(),
        "valueBoolean": bool(getattr(e, name)),
    }


def _questionnaire(p: PatientInfo, s: ScreeningRecord) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "id": _id(p, "screening", s.taken_at.isoformat()),
        "status": "completed",
        "questionnaire": f"{SYSTEM}:questionnaire:red-flags",
        "subject": {"reference": f"urn:uuid:{_id(p, 'patient')}"},
        "authored": s.taken_at.isoformat(),
        "item": [
            {"linkId": q, "answer": [{"valueBoolean": bool(a)}]}
            for q, a in sorted(s.answers.items())
        ]
        + [{"linkId": "level", "answer": [{"valueString": s.level.value}]}],
    }


def _procedure(p: PatientInfo, s: SessionRecord) -> dict[str, Any]:
    kinds = {load_catalog().get(c.routine_id).kind for c in s.completed}
    code = "stretching" if Kind.EXERCISE in kinds else "exercise_therapy"
    done = sorted({c.routine_id for c in s.completed})
    return {
        "resourceType": "Procedure",
        "id": _id(p, "session", s.started_at.isoformat()),
        "status": "completed",
        "code": {"coding": [_coding(SNOMED, code)]},
        "subject": {"reference": f"urn:uuid:{_id(p, 'patient')}"},
        "performedPeriod": {"start": s.started_at.isoformat(), "end": s.ended_at.isoformat()},
        "note": [{"text": "Techniques done: " + ", ".join(done)}],
    }


def fhir_bundle(
    patient: PatientInfo,
    entries: Sequence[DiaryEntry],
    screenings: Sequence[ScreeningRecord],
    sessions: Sequence[SessionRecord],
    now: datetime,
) -> dict[str, Any]:
    resources_: list[dict[str, Any]] = [_patient(patient)]
    for e in entries:
        resources_ += [
            _pain(patient, e, "lower_limb", e.leg_pain),
            _pain(patient, e, "lower_back", e.back_pain),
        ]
        resources_ += [_symptom(patient, e, name) for name in ("tingling", "numbness", "weakness")]
    resources_ += [_questionnaire(patient, s) for s in screenings]
    resources_ += [_procedure(patient, s) for s in sessions if s.completed]
    return {
        "resourceType": "Bundle",
        "id": _id(patient, "bundle", now.isoformat()),
        "type": "collection",
        "timestamp": now.isoformat(),
        "entry": [_entry(r) for r in resources_],
    }
