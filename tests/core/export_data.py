"""A small diary, one screening and two sessions shared by the export tests."""

from datetime import UTC, date, datetime, timedelta

from sciatica_coach.catalog import Side
from sciatica_coach.progress import DiaryEntry
from sciatica_coach.safety import Level, ScreeningRecord
from sciatica_coach.session import Completed, Feeling, PainStop, SessionRecord

START = date(2026, 10, 1)
NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)
ENTRIES = [
    DiaryEntry(START + timedelta(n), 7 - n // 8, 3 + n % 2, tingling=n % 3 == 0, weakness=n == 5)
    for n in range(30)
]
SCREENING = ScreeningRecord(
    datetime(2026, 10, 1, 8, tzinfo=UTC), Level.SOON, {"night_pain": True, "fever": False}
)
T = datetime(2026, 10, 2, 8, tzinfo=UTC)
SESSIONS = [
    SessionRecord(
        T.date(),
        T,
        T + timedelta(minutes=12),
        (Completed("knuckle-massage", None), Completed("sitting-pigeon-pose", Side.RIGHT)),
        (PainStop("sitting-pigeon-pose", Side.LEFT, 4, 6),),
        Feeling.BETTER,
        False,
    ),
    SessionRecord(
        T.date() + timedelta(1),
        T + timedelta(1),
        T + timedelta(1, 600),
        (Completed("palm-and-thumb-massage", None),),
        (),
        Feeling.SAME,
        True,
    ),
    SessionRecord(  # quit before any technique was done: no Procedure
        T.date() + timedelta(2), T + timedelta(2), T + timedelta(2, 60), (), (), None, False
    ),
]
