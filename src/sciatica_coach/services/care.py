"""Link codes: how a patient lets a clinician follow them. A code is shown once, as
XXXX-XXXX; only its hash is stored. The web app limits the guesses before it calls `accept`."""

import hashlib
import secrets
from datetime import datetime

from sciatica_coach.store import Store
from sciatica_coach.store.care import accept_link_code, add_link_code

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over a desk


def code_hash(code: str) -> str:
    normal = code.replace("-", "").replace(" ", "").upper()
    return hashlib.sha256(normal.encode()).hexdigest()


def new_code(store: Store, patient_id: int, now: datetime) -> tuple[str, datetime]:
    """A new one-time code for the patient, and when it expires."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    expires = add_link_code(store, patient_id, code_hash(raw), now)
    return f"{raw[:4]}-{raw[4:]}", expires


def accept(store: Store, clinician_id: int, code: str, now: datetime) -> int:
    """The clinician now follows the code's patient: their id (InvalidInput if the code is
    wrong, used or expired)."""
    return accept_link_code(store, clinician_id, code_hash(code), now)
