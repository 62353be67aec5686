"""The clinician's dashboard: every linked patient's line, read from the summary rows
(store/summaries.py) in attention order, a page at a time."""

from dataclasses import dataclass
from datetime import date, timedelta

from sciatica_coach.safety.attention import PatientStatus
from sciatica_coach.store import Store, summaries


@dataclass(frozen=True)
class Page:
    total: int
    rows: list[PatientStatus]


def refresh_daily(store: Store, today: date, force: bool = False) -> int | None:
    """Recompute everyone's line as of today, once a day whatever the number of workers: the
    rows made, or None when today's run was already claimed (`force` runs it again)."""
    with store.transaction() as s:
        return summaries.run_daily(s, today, force=force)


def _ensure_today(store: Store, today: date) -> None:
    with store.reading() as s:
        due = summaries.is_due(s, today)
    if due:
        refresh_daily(store, today)


def dashboard_page(
    store: Store, clinician_id: int, today: date, page: int = 1, per_page: int | None = None
) -> Page:
    """One page of the linked patients, most urgent first (all of them without `per_page`);
    the first call of a day brings every line to today first."""
    _ensure_today(store, today)
    offset = 0 if per_page is None else (page - 1) * per_page
    with store.reading() as s:
        total, rows = summaries.page(s, clinician_id, offset, per_page)
    return Page(total, rows)


def dashboard(store: Store, clinician_id: int, as_of: date) -> list[PatientStatus]:
    """All linked patients, most urgent first."""
    return dashboard_page(store, clinician_id, as_of).rows


def patient_line(store: Store, clinician_id: int, patient_id: int) -> PatientStatus | None:
    """One linked patient's line, or None."""
    with store.reading() as s:
        return summaries.line(s, clinician_id, patient_id)


CHECK_DAYS = 90  # the plan reads this much session history (services/plan.py)


def check_alerts(store: Store, patient_ids: list[int], today: date) -> dict[int, list[str]]:
    """Per patient, the titles of the techniques that the checks after them leave out
    (worse, or further down the leg, twice in a row): the plan leaves them out, and the
    clinician sees it on the dashboard. Read from the same days of sessions as the plan."""
    from sciatica_coach.catalog import load_catalog
    from sciatica_coach.plan.builder import left_out_by_checks

    catalog = load_catalog()
    titles = {r.id: r.title for r in catalog.routines}
    found = store.checked_sessions(patient_ids, today - timedelta(days=CHECK_DAYS), today)
    alerts = {uid: [titles[r] for r in left_out_by_checks(catalog, sessions)]
              for uid, sessions in found.items()}  # fmt: skip
    return {uid: names for uid, names in alerts.items() if names}
