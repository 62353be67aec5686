from datetime import date, timedelta

from sciatica_coach.progress import DiaryEntry, Reach
from sciatica_coach.progress.reach import Direction, reach_trend

D0 = date(2026, 10, 1)


def entries(*pairs: tuple[int, Reach | None]) -> list[DiaryEntry]:
    return [DiaryEntry(D0 + timedelta(n), 5, 5, reaches=r) for n, r in pairs]


def test_moving_towards_the_back() -> None:
    trend = reach_trend(
        entries((0, Reach.BELOW_KNEE), (3, Reach.THIGH), (20, Reach.BUTTOCK)), D0 + timedelta(20)
    )
    assert trend is not None
    assert (trend.first, trend.latest, trend.direction) == (
        Reach.BELOW_KNEE,
        Reach.BUTTOCK,
        Direction.TOWARDS_BACK,
    )
    assert trend.message == ("Your pain now reaches the buttock; in your first week it reached "
                             "below the knee: it has moved towards the back.")  # fmt: skip


def test_moving_down_the_leg_uses_the_furthest_of_each_week() -> None:
    trend = reach_trend(
        entries((0, Reach.THIGH), (14, Reach.FOOT), (15, Reach.THIGH)), D0 + timedelta(15)
    )
    assert trend is not None and trend.direction is Direction.DOWN_THE_LEG
    assert "further down the leg" in trend.message


def test_same_and_not_enough_data() -> None:
    same = reach_trend(entries((0, Reach.THIGH), (10, Reach.THIGH), (11, None)), D0 + timedelta(11))
    assert same is not None and same.direction is Direction.SAME
    assert reach_trend(entries((0, Reach.THIGH), (6, Reach.FOOT)), D0 + timedelta(6)) is None
    assert reach_trend(entries((0, None), (20, None)), D0 + timedelta(20)) is None
    assert reach_trend(entries((0, Reach.THIGH), (20, Reach.FOOT)), D0 + timedelta(10)) is None
