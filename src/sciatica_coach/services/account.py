"""Everything a person has stored, as one JSON document (their right to take it with them)."""

from typing import Any

from sciatica_coach.progress.diary import entry_document
from sciatica_coach.store import Store
from sciatica_coach.store.care import clinicians_of


def all_my_data(store: Store, user_id: int, username: str) -> dict[str, Any]:
    return {
        "username": username,
        "profile": store.load_profile(user_id) or {},
        "diary": [entry_document(e) for e in store.entries(user_id)],
        "screenings": [
            {"taken_at": s.taken_at.isoformat(), "level": s.level.value, "answers": s.answers}
            for s in store.screenings(user_id)
        ],
        "sessions": [
            {
                "day": s.day.isoformat(),
                "started_at": s.started_at.isoformat(),
                "ended_at": s.ended_at.isoformat(),
                "completed": [
                    {"routine_id": c.routine_id, "side": c.side.value if c.side else None}
                    for c in s.completed
                ],
                "pain_stops": [
                    {
                        "routine_id": p.routine_id,
                        "side": p.side.value if p.side else None,
                        "step_index": p.step_index,
                        "severity": p.severity,
                    }
                    for p in s.pain_stops
                ],
                "checks": [
                    {
                        "routine_id": c.routine_id,
                        "pain": c.pain.value if c.pain else None,
                        "reach": c.reach.value if c.reach else None,
                    }
                    for c in s.checks
                ],
                "feeling": s.feeling.value if s.feeling else None,
                "finished": s.finished,
            }
            for s in store.sessions(user_id)
        ],
        "questionnaires": [
            {"questionnaire": a.questionnaire, "day": a.day.isoformat(), "answers": a.answers}
            for a in store.answers(user_id)
        ],
        "followed_by": [c.username for c in clinicians_of(store, user_id)],
        "reminders": _reminders(store, user_id),
    }


def _reminders(store: Store, user_id: int) -> dict[str, Any] | None:
    """When reminders come, and the browsers they go to: since when, through which push
    service (the endpoint itself is the browser's secret address, not shown)."""
    from sciatica_coach.store import reminders

    chosen = reminders.choice(store, user_id)
    browsers = reminders.browser_list(store, user_id)
    if chosen is None and not browsers:
        return None
    return {
        "days": list(chosen.days) if chosen else None,
        "time": chosen.at.strftime("%H:%M") if chosen else None,
        "time_zone": chosen.time_zone if chosen else None,
        "evening": chosen.evening if chosen else None,
        "review": chosen.review if chosen else None,
        "browsers": browsers,
    }
