"""The held positions judged by what defines them: arms free where the article leaves them
free, a hidden defining leg never "in", the view said when it cannot be judged."""

from dataclasses import replace

from sciatica_coach.motion.landmarks import INDEX, Landmark, Landmarks
from sciatica_coach.motion.matcher import Status, Tracker
from sciatica_coach.motion.synthetic import pose_landmarks
from tests.motion.streams import bend, dim, frames, posed, run, statuses


def moved(body: Landmarks, shifts: dict[str, tuple[float, float]]) -> Landmarks:
    points = list(body.points)
    for name, (dx, dy) in shifts.items():
        p = points[INDEX[name]]
        points[INDEX[name]] = Landmark(p.x + dx, p.y + dy, p.visibility)
    return replace(body, points=tuple(points))


def final(figure: str, body: Landmarks, n: int = 30) -> tuple[Status, str | None]:
    readings = run(Tracker(figure), frames([body] * n))
    return readings[-1].status, readings[-1].hint


def test_the_arms_do_not_matter_where_the_article_leaves_them_free() -> None:
    lying = posed("lying-on-tennis-balls")
    for shoulder in (-60, 90, 170):  # arms down, up, behind the head
        arms = bend(bend(lying, "right.shoulder", shoulder), "left.shoulder", shoulder)
        assert final("lying-on-tennis-balls:none", pose_landmarks(arms)) == (Status.IN_POSE, None)


def test_both_knees_hugged_is_not_one_knee_to_the_opposite_shoulder() -> None:
    pose = posed("knee-to-opposite-shoulder")
    both = pose.model_copy(update={"left_leg": pose.right_leg})
    assert final("knee-to-opposite-shoulder:right", pose_landmarks(both))[0] is Status.OUT_OF_POSE


def test_a_far_leg_hidden_elsewhere_is_unknown_and_one_hidden_behind_is_seen() -> None:
    body = pose_landmarks(posed("lying-knees-bent"))
    far = ["left_knee", "left_ankle", "left_heel", "left_foot_index"]
    behind = dim(body, far, visibility=0.3)  # faint, right behind the near leg
    assert final("lying-knees-bent:none", behind)[0] is Status.IN_POSE
    elsewhere = dim(moved(body, {"left_knee": (0.1, 0.1), "left_ankle": (0.15, 0.1)}), far, 0.3)
    assert final("lying-knees-bent:none", elsewhere)[0] is Status.UNKNOWN
    gone = dim(body, far, visibility=0.05)
    assert final("lying-knees-bent:none", gone)[0] is Status.UNKNOWN


def test_lying_seen_from_the_front_asks_to_turn_side_on() -> None:
    body = pose_landmarks(posed("lying-knees-bent"))
    front = moved(body, {"left_hip": (0, -0.08), "right_hip": (0, 0.08)})  # hips wide apart
    assert final("lying-knees-bent:none", front) == (Status.UNKNOWN, "Turn side-on to the camera.")


def test_sitting_up_is_out_of_a_lying_position_from_any_view() -> None:
    sitting = pose_landmarks(posed("sitting-legs-long"))
    front = moved(sitting, {"left_hip": (0.08, 0), "right_hip": (-0.08, 0)})
    assert final("lying-knees-bent:none", front)[0] is Status.OUT_OF_POSE


def test_knees_already_bent_never_get_the_knees_bent_hint() -> None:
    lying = posed("lying-on-fists")
    for by in (-45, -30, -15, 0, 10):  # 77 to 132 degrees of bend (real people: 88-113)
        status, hint = final("lying-on-fists:none", pose_landmarks(bend(lying, "right.knee", by)))
        assert status is Status.IN_POSE and hint is None
    long = bend(bend(lying, "right.knee", -110), "left.knee", -110)  # both legs let long
    assert final("lying-on-fists:none", pose_landmarks(long))[1] is None  # far from it: no hint


def test_the_twist_names_its_side_from_the_arm_across_to_the_raised_knee() -> None:
    body = pose_landmarks(posed("seated-twist", "left"))
    readings = run(Tracker("seated-twist:left"), frames([body] * 30))
    assert statuses(readings) == [Status.IN_POSE] and readings[-1].side == "left"
    away = moved(body, {"right_elbow": (0.2, -0.2), "right_wrist": (0.25, -0.25)})  # arm off
    assert final("seated-twist:left", away)[0] is Status.OUT_OF_POSE
