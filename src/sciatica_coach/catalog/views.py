"""Plain-data views of the catalog, shared by the CLI's and the web's JSON."""

from typing import Any

from sciatica_coach.catalog.models import Routine, Side


def routine_document(routine: Routine) -> dict[str, Any]:
    """The `catalog --json` shape: steps worded for the first (right) side."""
    return {
        "id": routine.id,
        "kind": routine.kind.value,
        "title": routine.title,
        "purpose": routine.purpose,
        "targets": list(routine.targets),
        "position": routine.position,
        "equipment": list(routine.equipment),
        "sides": routine.sides.value,
        "cautions": [c.value for c in routine.cautions],
        "steps": [
            {
                "kind": step.kind.value,
                "text": step.text_for(Side.RIGHT),
                **(
                    {"seconds": step.seconds, "early_finish": step.early_finish}
                    if step.timed
                    else {}
                ),
                **({"warning": step.warning} if step.warning else {}),
                **({"position": step.position} if step.position else {}),
                "pose": step.pose,
            }
            for step in routine.steps
        ],
        "source": routine.source.model_dump(exclude_none=True),
    }
