"""The clinician's dashboard: every linked patient's verdict, computed in batches."""

from datetime import date

from sciatica_coach.progress.attention import PatientStatus, by_attention
from sciatica_coach.progress.verdict import decide
from sciatica_coach.safety.record import Level
from sciatica_coach.store import Store
from sciatica_coach.store.care import last_activity, latest_levels, patients_of


def dashboard(store: Store, clinician_id: int, as_of: date) -> list[PatientStatus]:
    """All linked patients, most urgent first (a handful of queries, whatever their number)."""
    linked = patients_of(store, clinician_id)
    ids = [p.user_id for p in linked]
    windows = store.windows(as_of, ids)
    levels = latest_levels(store, ids)
    active = last_activity(store, ids)
    statuses = [
        PatientStatus(
            patient_id=p.user_id,
            username=p.username,
            screening=Level(levels[p.user_id]) if p.user_id in levels else None,
            assessment=decide(windows[p.user_id], as_of) if p.user_id in windows else None,
            last_activity=active.get(p.user_id),
        )
        for p in linked
    ]
    return by_attention(statuses)
