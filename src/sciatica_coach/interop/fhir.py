"""A FHIR R4 Bundle (type collection) of one person's diary, screenings and sessions.

Identifiers are UUIDs derived from the person's key and the record (uuid5), so exporting
twice gives the same ids and a record system can de-duplicate; an edited diary day keeps its
id. The person's key never appears in the bundle. Values are checked here before export
(`check_bundle`): fhir.resources accepts out-of-range pain scores and any code."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sciatica_coach.catalog import Kind, Side, load_catalog
from sciatica_coach.errors import InvalidInput
from sciatica_coach.interop.codes import check_codings, coding
from sciatica_coach.outcomes import Answered, normalise, questionnaire, score
from sciatica_coach.outcomes import Kind as Form
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.safety import Clearance, ScreeningRecord
from sciatica_coach.safety.screening import load_questions
from sciatica_coach.safety.status import wording
from sciatica_coach.session import SessionRecord

NAMESPACE = uuid.UUID("5c1a71ca-0000-4000-8000-000000000000")
SYSTEM = "urn:sciatica-coach"  # the identifier system of every record this app makes
SYMPTOMS = ("tingling", "numbness", "weakness")  # in the leg, as the diary asks
FEELINGS = {"better": "Felt better", "same": "Felt the same", "worse": "Felt worse"}
Resource = dict[str, Any]


@dataclass(frozen=True)
class PatientInfo:
    key: str  # stable and unique to this person (e.g. a secret-derived token); never exported
    name: str | None = None  # pseudonymous unless set


def _id(patient: PatientInfo, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join([patient.key, *map(str, parts)])))


def _identify(kind: str, resource: Resource) -> Resource:
    """The id doubles as a business identifier a record system can match on."""
    identifier = {"system": f"{SYSTEM}:{kind}", "value": resource["id"]}
    many = resource["resourceType"] != "QuestionnaireResponse"  # 0..1 there, 0..* elsewhere
    return {**resource, "identifier": [identifier] if many else identifier}


def _subject(p: PatientInfo) -> dict[str, str]:
    return {"reference": f"urn:uuid:{_id(p, 'patient')}"}


def _patient(p: PatientInfo) -> Resource:
    resource: Resource = {"resourceType": "Patient", "id": _id(p, "patient")}
    if p.name:
        resource["name"] = [{"text": p.name}]
    return _identify("patient", resource)


def check_pain(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise InvalidInput(field, value, "an integer from 0 to 10")
    return value


def _observation(p: PatientInfo, kind: str, e: DiaryEntry, code: str, site: str) -> Resource:
    return {
        "resourceType": "Observation",
        "id": _id(p, kind, e.day),
        "status": "final",
        "category": [{"coding": [coding("survey")]}],
        "code": {"coding": [coding(code)]},
        "subject": _subject(p),
        "effectiveDateTime": e.day.isoformat(),
        "bodySite": {"coding": [coding(site)]},
    }


def _pain(p: PatientInfo, e: DiaryEntry, site: str) -> Resource:
    value = check_pain(e.leg_pain if site == "lower_limb" else e.back_pain, f"{site} pain")
    resource = _observation(p, f"pain/{site}", e, "pain_severity", site)
    return _identify("pain", {**resource, "valueInteger": value})


def _symptom(p: PatientInfo, e: DiaryEntry, name: str) -> Resource:
    resource = _observation(p, name, e, name, "lower_limb")
    return _identify("symptom", {**resource, "valueBoolean": bool(getattr(e, name))})


def _answer(value: object) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    if isinstance(value, float):
        return {"valueDecimal": value}
    raise InvalidInput("screening answer", value, "yes/no or a number")


def _questionnaire(p: PatientInfo, s: ScreeningRecord) -> Resource:
    texts = {q.id: q.text for q in load_questions().questions}
    items = [
        {"linkId": q, **({"text": texts[q]} if q in texts else {}), "answer": [_answer(a)]}
        for q, a in sorted(s.answers.items())
    ]
    level = {"linkId": "level", "text": "Result", "answer": [{"valueString": s.level.value}]}
    resource = {
        "resourceType": "QuestionnaireResponse",
        "id": _id(p, "screening", s.taken_at.isoformat()),
        "status": "completed",
        "questionnaire": f"{SYSTEM}:questionnaire:red-flags",
        "subject": _subject(p),
        "authored": s.taken_at.isoformat(),
        "item": [*items, level],
    }
    return _identify("screening", resource)


def _technique(routine_id: str, side: Side | None) -> str:
    title = load_catalog().get(routine_id).title
    return f"{title}, {side.value} side" if side else title


def _what_was_done(s: SessionRecord) -> str:
    text = "Done: " + "; ".join(_technique(c.routine_id, c.side) for c in s.completed) + "."
    stops = [
        _technique(x.routine_id, x.side)
        + ("" if x.severity is None else f", {check_pain(x.severity, 'pain stop')}/10")
        for x in s.pain_stops
    ]
    return text + (" Stopped for pain: " + "; ".join(stops) + "." if stops else "")


def _procedure(p: PatientInfo, s: SessionRecord) -> Resource:
    kinds = {load_catalog().get(c.routine_id).kind for c in s.completed}
    code = "stretching" if Kind.EXERCISE in kinds else "exercise_therapy"  # massages only
    resource: Resource = {
        "resourceType": "Procedure",
        "id": _id(p, "session", s.started_at.isoformat()),
        "status": "completed",
        "code": {"coding": [coding(code)]},
        "subject": _subject(p),
        "performedPeriod": {"start": s.started_at.isoformat(), "end": s.ended_at.isoformat()},
        "note": [{"text": _what_was_done(s)}],
    }
    if s.feeling is not None:
        resource["outcome"] = {"text": f"{FEELINGS[s.feeling.value]} afterwards"}
    return _identify("session", resource)


def _clearance(p: PatientInfo, c: Clearance, screenings: Sequence[ScreeningRecord]) -> Resource:
    """A doctor's all-clear: an Observation derived from the check it covers."""
    signs = wording().signs
    resource: Resource = {
        "resourceType": "Observation",
        "id": _id(p, "clearance", c.given_at.isoformat()),
        "status": "final",
        "code": {"text": "A doctor's all-clear to exercise despite red-flag answers"},
        "subject": _subject(p),
        "effectiveDateTime": c.given_at.isoformat(),
        "valueString": "Covers: " + ", ".join(signs.get(q, q) for q in c.covers),
    }
    checked = next((s for s in screenings if s.id == c.screening_id), None)
    if checked is not None:
        screening_id = _id(p, "screening", checked.taken_at.isoformat())
        resource["derivedFrom"] = [{"reference": f"urn:uuid:{screening_id}"}]
    if c.note:
        resource["note"] = [{"text": c.note}]
    return _identify("clearance", resource)


def _outcome_items(a: Answered) -> list[Resource]:
    q = questionnaire(a.questionnaire)
    answers = normalise(q, a.answers)  # every item, a blank one as not ticked
    if q.kind is Form.CHECKLIST:
        return [
            {"linkId": n, "text": q.items[int(n) - 1].text, "answer": [{"valueBoolean": ticked}]}
            for n, ticked in answers.items()
        ]
    if q.kind is Form.ACTIVITIES:
        return [
            {"linkId": f"activity-{n}", "text": act["name"],
             "answer": [{"valueInteger": act["score"]}]}
            for n, act in enumerate(answers["activities"], 1)
        ]  # fmt: skip
    option = next(o for o in q.options if o.value == answers["answer"])
    return [
        {"linkId": "1", "text": q.instructions[0].text,
         "answer": [{"valueCoding": {"system": q.url, "code": str(option.value),
                                     "display": option.text}}]}
    ]  # fmt: skip


def _outcome(p: PatientInfo, a: Answered) -> list[Resource]:
    """A questionnaire's answer, and its score as an Observation derived from it."""
    q = questionnaire(a.questionnaire)
    key = a.id if a.id is not None else a.day.isoformat()
    response: Resource = _identify("outcome", {
        "resourceType": "QuestionnaireResponse",
        "id": _id(p, "outcome", a.questionnaire, key),
        "status": "completed",
        "questionnaire": q.url,
        "subject": _subject(p),
        "authored": a.day.isoformat(),
        "item": _outcome_items(a),
    })  # fmt: skip
    result = score(q, a.answers)
    observation: Resource = _identify("outcome-score", {
        "resourceType": "Observation",
        "id": _id(p, "outcome-score", a.questionnaire, key),
        "status": "final",
        "category": [{"coding": [coding("survey")]}],
        "code": {"text": f"{q.title} score"},
        "subject": _subject(p),
        "effectiveDateTime": a.day.isoformat(),
        "valueQuantity": {"value": result.value, "unit": "score"},
        "interpretation": [{"text": result.text}],
        "derivedFrom": [{"reference": f"urn:uuid:{response['id']}"}],
    })  # fmt: skip
    return [response, observation]


def fhir_bundle(
    patient: PatientInfo,
    entries: Sequence[DiaryEntry],
    screenings: Sequence[ScreeningRecord],
    sessions: Sequence[SessionRecord],
    now: datetime,
    clearances: Sequence[Clearance] = (),
    answers: Sequence[Answered] = (),
) -> dict[str, Any]:
    """Patient; per diary day a leg and a back pain score and the three leg symptoms; a
    QuestionnaireResponse per screening; an Observation per doctor's all-clear, derived from
    the screening it covers; a Procedure per session with a technique done; per answered
    questionnaire a QuestionnaireResponse and its score as an Observation derived from it."""
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    found: list[Resource] = [_patient(patient)]
    for e in sorted(entries, key=lambda e: e.day):
        found += [_pain(patient, e, "lower_limb"), _pain(patient, e, "lower_back")]
        found += [_symptom(patient, e, name) for name in SYMPTOMS]
    found += [_questionnaire(patient, s) for s in screenings]
    found += [_clearance(patient, c, screenings) for c in clearances]
    found += [_procedure(patient, s) for s in sessions if s.completed]
    for a in sorted(answers, key=lambda a: (a.day, a.id or 0)):
        found += _outcome(patient, a)
    bundle = {
        "resourceType": "Bundle",
        "id": _id(patient, "bundle", now.isoformat()),
        "type": "collection",
        "timestamp": now.isoformat(),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in found],
    }
    check_bundle(bundle)
    return bundle


def check_bundle(bundle: dict[str, Any]) -> None:
    """What the project promises about every bundle it exports, checked before export:
    codes only from the fixed list, pain scores 0-10, unique ids, references that resolve."""
    check_codings(bundle)
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    if len(set(urls)) != len(urls):
        raise InvalidInput("fullUrl", next(u for u in urls if urls.count(u) > 1), "unique ids")
    for entry in bundle["entry"]:
        resource = entry["resource"]
        subject = resource.get("subject", {}).get("reference")
        if subject is not None and subject not in urls:
            raise InvalidInput("subject", subject, "a reference to the bundle's Patient")
        if resource.get("code", {}).get("coding", [{}])[0] == coding("pain_severity"):
            check_pain(resource.get("valueInteger"), "pain score")
