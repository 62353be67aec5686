"""Changing a person's profile: every change or none, and sciatica in both legs screened
at once ("both" is the screening's `both_legs` red flag)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sciatica_coach.safety.profile import AffectedSide, Profile, updated
from sciatica_coach.safety.screening import Triage
from sciatica_coach.services.plan import load_profile
from sciatica_coach.services.screening import screen
from sciatica_coach.store import Store


@dataclass(frozen=True)
class ProfileChange:
    profile: Profile
    red_flag: Triage | None = None  # the screening this change ran, to show at once


def change_profile(
    store: Store, user_id: int, changes: Mapping[str, Any], now: datetime
) -> ProfileChange:
    """Validate every change first (InvalidInput names the first bad field and nothing is
    written), screen `both_legs` when the side has just become "both", then save.

    The screening is stored before the profile: they are two transactions, and should the
    second fail, the person is left blocked by the red flag, never with "both" and no block."""
    current = load_profile(store, user_id)
    new = updated(current, dict(changes), now.astimezone().date())
    if not changes:
        return ProfileChange(new)
    red_flag = None
    if new.side is AffectedSide.BOTH and current.side is not AffectedSide.BOTH:
        red_flag = screen(store, user_id, {"both_legs": True}, now)
    store.save_profile(user_id, new.to_data())
    return ProfileChange(new, red_flag)
