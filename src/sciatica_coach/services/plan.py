"""Today's plan for one person: gathers the profile, safety facts and history from the store."""

from datetime import date, timedelta

from sciatica_coach.catalog import load_catalog
from sciatica_coach.plan.builder import History, build_plan
from sciatica_coach.plan.models import Plan
from sciatica_coach.safety.profile import Profile, updated
from sciatica_coach.safety.status import block_for
from sciatica_coach.services.screening import safety_facts
from sciatica_coach.store import Store

HISTORY_DAYS = 90


def load_profile(store: Store, user_id: int) -> Profile:
    return Profile.from_data(store.load_profile(user_id))


def todays_plan(store: Store, user_id: int, today: date, minutes: int | None = None) -> Plan:
    """`minutes` overrides the profile's minutes for today only."""
    profile = load_profile(store, user_id)
    if minutes is not None:
        profile = updated(profile, {"minutes": minutes})
    block = block_for(profile, safety_facts(store, user_id), today)
    sessions = store.sessions(user_id, start=today - timedelta(days=HISTORY_DAYS), end=today)
    return build_plan(load_catalog(), profile, today, History(sessions), block)
