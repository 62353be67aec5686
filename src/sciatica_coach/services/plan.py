"""Today's plan for one person: gathers the profile, screening and history from the store."""

from datetime import date, timedelta

from sciatica_coach.catalog import load_catalog
from sciatica_coach.plan.builder import History, build_plan
from sciatica_coach.plan.models import Plan
from sciatica_coach.safety.profile import Profile, updated
from sciatica_coach.safety.screening import load_questions, triage
from sciatica_coach.store import Store

HISTORY_DAYS = 90


def load_profile(store: Store, user_id: int) -> Profile:
    return Profile.from_data(store.load_profile(user_id))


def todays_plan(store: Store, user_id: int, today: date, minutes: int | None = None) -> Plan:
    """`minutes` overrides the profile's minutes for today only."""
    profile = load_profile(store, user_id)
    if minutes is not None:
        profile = updated(profile, {"minutes": minutes})
    screening = store.latest_screening(user_id)
    questions = load_questions()
    advice = questions.advice[screening.level] if screening else None
    both_legs_advice = questions.advice[triage({"both_legs": True}).level]
    sessions = store.sessions(user_id, start=today - timedelta(days=HISTORY_DAYS), end=today)
    history = History(sessions)
    return build_plan(load_catalog(), profile, screening, history, advice, both_legs_advice)
