"""The FHIR R4 bundle, validated resource by resource with fhir.resources' R4B models."""

import json
import random
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.errors import ContentError, InvalidInput
from sciatica_coach.interop import codes as codes_module
from sciatica_coach.interop.codes import codes, load_codes, loinc_ok, snomed_concept_ok
from sciatica_coach.interop.fhir import PatientInfo, check_bundle, fhir_bundle
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.safety import Level, ScreeningRecord
from tests.core.export_data import ENTRIES, NOW, SCREENING, SESSIONS, START
from tests.examples import examples

Doc = dict[str, Any]


def bundle(name: str | None = None, key: str = "user-1") -> Doc:
    return fhir_bundle(PatientInfo(key, name), ENTRIES, [SCREENING], SESSIONS, NOW)


def resources(doc: Doc, kind: str) -> list[Doc]:
    return [e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == kind]


def validate_r4(doc: Doc) -> dict[str, int]:
    """Every resource on its own, then the bundle; returns how many of each kind."""
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle

    kinds: dict[str, int] = {}
    for entry in doc["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        kinds[resource["resourceType"]] = kinds.get(resource["resourceType"], 0) + 1
    Bundle.model_validate(doc)
    return kinds


def test_every_resource_and_the_bundle_validate_as_fhir_r4() -> None:
    doc = bundle()
    assert doc["type"] == "collection"
    assert validate_r4(doc) == {
        "Patient": 1,
        "Observation": 30 * 5,  # leg and back pain, tingling, numbness, weakness
        "QuestionnaireResponse": 1,
        "Procedure": 2,  # the session quit before any technique leaves none
    }
    json.dumps(doc)  # plain JSON, nothing else


def pain_by_day_and_site(doc: Doc) -> dict[tuple[str, str], int]:
    return {
        (o["effectiveDateTime"], o["bodySite"]["coding"][0]["code"]): o["valueInteger"]
        for o in resources(doc, "Observation")
        if o["code"]["coding"][0]["code"] == "72514-3"
    }


def test_pain_scores_are_the_diarys_with_leg_and_back_told_apart() -> None:
    found = pain_by_day_and_site(bundle())
    assert len(found) == 60
    for e in ENTRIES:
        assert found[(e.day.isoformat(), "61685007")] == e.leg_pain
        assert found[(e.day.isoformat(), "37822005")] == e.back_pain


def test_symptoms_are_yes_or_no_per_day_in_the_leg() -> None:
    codes_of = {"91019004": "tingling", "44077006": "numbness", "26544005": "weakness"}
    seen = 0
    for o in resources(bundle(), "Observation"):
        name = codes_of.get(o["code"]["coding"][0]["code"])
        if name is None:
            continue
        entry = next(e for e in ENTRIES if e.day.isoformat() == o["effectiveDateTime"])
        assert o["valueBoolean"] is getattr(entry, name)
        assert o["bodySite"]["coding"][0]["code"] == "61685007"
        seen += 1
    assert seen == 90


def test_sessions_are_coded_stretching_or_exercise_therapy_with_what_was_done() -> None:
    first, second = resources(bundle(), "Procedure")
    assert first["code"]["coding"][0]["code"] == "229070002"  # a stretch was done
    assert second["code"]["coding"][0]["code"] == "229065009"  # massages only
    assert first["note"][0]["text"] == (
        "Done: Knuckle massage; Sitting pigeon pose, right side. "
        "Stopped for pain: Sitting pigeon pose, left side, 6/10."
    )
    assert first["outcome"] == {"text": "Felt better afterwards"}
    assert first["performedPeriod"]["start"] == SESSIONS[0].started_at.isoformat()


def test_screening_answers_keep_their_questions_and_types() -> None:
    taken = SCREENING.taken_at + timedelta(days=3)
    later = ScreeningRecord(taken, Level.URGENT, {"fever": True, "weeks": 12, "score": 1.5})
    doc = fhir_bundle(PatientInfo("u"), [], [SCREENING, later], [], NOW)
    first, second = resources(doc, "QuestionnaireResponse")
    night = next(i for i in first["item"] if i["linkId"] == "night_pain")
    assert night["answer"] == [{"valueBoolean": True}]
    assert night["text"].startswith("Does the pain not improve")
    answers = {i["linkId"]: i["answer"][0] for i in second["item"]}
    assert answers["weeks"] == {"valueInteger": 12}
    assert answers["score"] == {"valueDecimal": 1.5}
    assert answers["level"] == {"valueString": "urgent"}
    validate_r4(doc)


def test_identifiers_are_stable_and_the_patient_pseudonymous() -> None:
    first = bundle()
    shuffled = random.Random(4).sample(ENTRIES, len(ENTRIES))
    later = fhir_bundle(PatientInfo("user-1"), shuffled, [SCREENING], SESSIONS, NOW + timedelta(1))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in later["entry"]]
    assert first["id"] != later["id"]  # the bundle itself is a new snapshot
    for entry in first["entry"]:
        resource = entry["resource"]
        ids = resource["identifier"]
        identifier = ids[0] if isinstance(ids, list) else ids
        assert identifier["value"] == resource["id"] == entry["fullUrl"].removeprefix("urn:uuid:")
    patient = resources(first, "Patient")[0]
    assert "name" not in patient and "user-1" not in json.dumps(first)
    assert resources(bundle("Ann Smith"), "Patient")[0]["name"] == [{"text": "Ann Smith"}]
    other = bundle(key="user-2")
    assert not {e["fullUrl"] for e in other["entry"]} & {e["fullUrl"] for e in first["entry"]}


def test_an_edited_day_keeps_its_ids_and_carries_the_new_score() -> None:
    edited = [*ENTRIES[:-1], DiaryEntry(ENTRIES[-1].day, 0, 0)]
    before, after = bundle(), fhir_bundle(PatientInfo("user-1"), edited, [SCREENING], SESSIONS, NOW)
    assert [e["fullUrl"] for e in before["entry"]] == [e["fullUrl"] for e in after["entry"]]
    assert pain_by_day_and_site(after)[(ENTRIES[-1].day.isoformat(), "61685007")] == 0


def test_out_of_range_values_are_refused_before_export() -> None:
    broken = DiaryEntry(START, 5, 5)
    object.__setattr__(broken, "leg_pain", 12)  # past the entry's own check
    with pytest.raises(InvalidInput, match="lower_limb pain: 12"):
        fhir_bundle(PatientInfo("u"), [broken], [], [], NOW)


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        (("valueInteger",), 11, "pain score: 11"),
        (("valueInteger",), -1, "pain score: -1"),
        (("valueInteger",), True, "pain score: True"),
        (("bodySite", "coding", 0, "code"), "61685008", "61685008"),
        (("code", "coding", 0, "display"), "Pain", "72514-3|Pain"),
        (("subject", "reference"), "urn:uuid:nobody", "subject"),
    ],
)
def test_the_check_before_export_catches_what_fhir_resources_lets_through(
    path: tuple[str | int, ...], value: object, named: str
) -> None:
    from fhir.resources.R4B.observation import Observation

    doc = bundle()
    pain = doc["entry"][1]["resource"]
    node: Any = pain
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    if path[0] == "valueInteger" and not isinstance(value, bool):
        Observation.model_validate(pain)  # the library accepts it: the project must not
    with pytest.raises(InvalidInput, match=named):
        check_bundle(doc)


def test_duplicate_ids_are_refused() -> None:
    doc = bundle()
    doc["entry"].append(doc["entry"][1])
    with pytest.raises(InvalidInput, match="fullUrl"):
        check_bundle(doc)


def test_every_code_in_the_list_is_well_formed_and_sourced() -> None:
    table = codes()
    assert {c.code for c in table.values()} >= {"37822005", "229070002", "229065009", "72514-3"}
    for code in table.values():
        assert "http" in code.source and code.display
        if code.system == "http://snomed.info/sct":
            assert snomed_concept_ok(code.code), code
            assert f"snomed.info/id/{code.code}" in code.source
        elif code.system == "http://loinc.org":
            assert loinc_ok(code.code), code


@pytest.mark.parametrize("typo", ["37822006", "37822015", "3782205"])
def test_a_typo_in_the_list_fails_on_loading(typo: str) -> None:
    from importlib import resources as files

    text = (files.files(codes_module.__package__) / "codes.toml").read_text(encoding="utf-8")
    with pytest.raises(ContentError, match="lower_back"):
        load_codes(text.replace('"37822005"', f'"{typo}"', 1))


def test_check_digits_against_known_codes() -> None:
    assert all(loinc_ok(c) for c in ("8867-4", "29463-7", "72514-3", "8480-6"))
    assert not any(loinc_ok(c) for c in ("8867-5", "72514-2", "72514", "7a514-3"))
    assert all(snomed_concept_ok(c) for c in ("22253000", "279039007", "404684003"))
    assert not any(snomed_concept_ok(c) for c in ("22253001", "22253010", "022253000"))


diaries = st.lists(
    st.builds(
        DiaryEntry,
        st.dates(START, START + timedelta(days=120)),
        st.integers(0, 10),
        st.integers(0, 10),
        st.booleans(),
        st.booleans(),
        st.booleans(),
    ),
    max_size=12,
    unique_by=lambda e: e.day,
)


@settings(max_examples=examples(30), deadline=None)
@given(diaries, st.text(min_size=1, max_size=20))
def test_any_diary_exports_a_valid_bundle_with_its_own_numbers(
    entries: list[DiaryEntry], key: str
) -> None:
    doc = fhir_bundle(PatientInfo(key), entries, [], [], NOW)
    kinds = validate_r4(doc)
    assert kinds.get("Observation", 0) == 5 * len(entries)
    found = pain_by_day_and_site(doc)
    assert found == {
        **{(e.day.isoformat(), "61685007"): e.leg_pain for e in entries},
        **{(e.day.isoformat(), "37822005"): e.back_pain for e in entries},
    }


def test_a_doctors_clearance_is_an_observation_derived_from_its_check() -> None:
    from dataclasses import replace

    from sciatica_coach.safety import Clearance

    checked = replace(SCREENING, id=7)
    given = Clearance(SCREENING.taken_at + timedelta(days=2), 7, ("night_pain",), "Dr Lee")
    doc = fhir_bundle(PatientInfo("u"), [], [checked], [], NOW, [given])
    (questionnaire,) = resources(doc, "QuestionnaireResponse")
    (cleared,) = [o for o in resources(doc, "Observation") if "all-clear" in o["code"]["text"]]
    assert cleared["derivedFrom"] == [{"reference": f"urn:uuid:{questionnaire['id']}"}]
    assert "worse at night" in cleared["valueString"] and cleared["note"] == [{"text": "Dr Lee"}]
    validate_r4(doc)
