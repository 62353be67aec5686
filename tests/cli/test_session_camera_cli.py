"""`sciatica session --camera`: played from recorded landmark streams (no camera needed),
and a clear refusal without the motion extra."""

import sys
from pathlib import Path

import pytest

from sciatica_coach.cli.context import get_store
from sciatica_coach.figures import load_poses
from sciatica_coach.motion.landmarks import Frame, write_stream
from sciatica_coach.motion.synthetic import pose_landmarks
from tests.cli.helpers import fails, run

WAITING = "Get into the position: the countdown starts when the camera sees you in it."
SETUP = (
    "camera: Put the camera at floor level, side-on to you, with your whole body in the picture "
    "and nobody else in it."
)


def waiting_at(lines: list[str]) -> int | None:
    """The first camera line that says the hold waits (after the set-up's words, if any)."""
    return next((n for n, line in enumerate(lines) if line.startswith("camera: ")
                 and line.endswith(WAITING)), None)  # fmt: skip


def stream(tmp_path: Path, pose_id: str | None, seconds: float, fps: float = 5) -> Path:
    body = pose_landmarks(load_poses()[pose_id]) if pose_id else None
    path = tmp_path / "stream.jsonl"
    frames = (Frame(i / fps, body) for i in range(int(seconds * fps)))
    path.write_text("".join(write_stream(frames)))
    return path


@pytest.mark.slow  # real time, or the real estimator
def test_nobody_in_view_holds_the_hold_until_the_camera_stops(ready: str, tmp_path: Path) -> None:
    nobody = stream(tmp_path, None, 400)  # 2 s at --speed 200; the hold is due after 0.3 s
    code, out = run("session", "--speed", "200", "--camera", str(nobody), input="same\n")
    lines = out.splitlines()
    waits = waiting_at(lines)
    assert code == 0 and waits is not None
    assert lines.index(SETUP) < waits  # the set-up first, and still said while the hold waits
    assert lines[waits].startswith(SETUP)
    store = get_store()
    (record,) = store.sessions(store.local_user_id())
    assert record.finished  # when the stream ended, the session went on by time
    assert (record.ended_at - record.started_at).total_seconds() >= 2.0


@pytest.mark.slow  # real time
def test_in_position_before_the_hold_nothing_waits(ready: str, tmp_path: Path) -> None:
    # The hold is due 1.1 s after the start at --speed 50: time for the camera's thread to
    # start and see the person first even on a loaded machine (at --speed 200, 0.3 s was not)
    lying = stream(tmp_path, "lying-on-fists", 400)
    code, out = run("session", "--speed", "50", "--camera", str(lying), input="same\n")
    assert code == 0 and waiting_at(out.splitlines()) is None
    assert "hold: Keep this position for one minute" in out


def test_without_the_motion_extra_a_clear_error_and_nothing_written(
    cli_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "mediapipe", None)  # as if it were not installed
    database = Path(cli_db.removeprefix("sqlite:///"))
    before = database.read_bytes()
    err = fails(capsys, "session", "--camera")
    assert "motion extra" in err and "pip install" in err
    assert database.read_bytes() == before


def test_a_missing_stream_file_is_named(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = fails(capsys, "session", "--camera", "nowhere.jsonl")
    assert "nowhere.jsonl" in err


def test_a_camera_that_is_not_there_is_named_and_nothing_written(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("mediapipe", reason="the motion extra is not installed")
    database = Path(cli_db.removeprefix("sqlite:///"))
    before = database.read_bytes()
    err = fails(capsys, "session", "--camera", "/dev/no-such-camera")
    assert err == "sciatica: camera: cannot open '/dev/no-such-camera'\n"
    assert database.read_bytes() == before


@pytest.mark.slow  # real time, or the real estimator
def test_a_video_file_plays_through_the_real_estimator(ready: str, tmp_path: Path) -> None:
    pytest.importorskip("mediapipe", reason="the motion extra is not installed")
    import cv2
    from skimage import data

    video = tmp_path / "astronaut.avi"
    picture = cv2.cvtColor(cv2.resize(data.astronaut(), (640, 480)), cv2.COLOR_RGB2BGR)
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 30, (640, 480))
    for _ in range(30):
        writer.write(picture)
    writer.release()
    code, out = run("session", "--speed", "200", "--camera", str(video), input="same\n")
    assert code == 0 and "Session saved" in out


def test_record_writes_the_landmarks_seen_to_replay_later(ready: str, tmp_path: Path) -> None:
    lying = stream(tmp_path, "lying-on-fists", 20)
    out = tmp_path / "seen.jsonl"
    code, _ = run(
        "session", "--speed", "200", "--camera", str(lying), "--record", str(out), input="\n"
    )
    assert code == 0
    assert out.read_text() == lying.read_text()  # landmarks only, frame for frame


def test_record_needs_a_camera(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert "--record needs --camera" in fails(capsys, "session", "--record", "x.jsonl")


@pytest.mark.slow  # real time, or the real estimator
def test_in_a_terminal_the_hold_waits_and_c_turns_the_camera_off(
    ready: str, tmp_path: Path
) -> None:
    from tests.cli.terminal import Terminal

    nobody = stream(tmp_path, None, 3000, fps=1)  # nobody in view for longer than the session
    term = Terminal(ready, "session", "--speed", "20", "--camera", str(nobody))
    # the check after the palm and thumb massage goes on by itself, unanswered (1 s here)
    term.wait_for("HOLD", "the countdown starts when the camera sees you", "c turns the camera")
    held = term.wait_for_regex(r"(\d:\d\d) left").group(1)
    term.press("c")
    term.wait_for("REST")  # the hold went by time once the camera was off
    assert held == "1:00"  # it had not started while it waited
    term.wait_for("How do you feel now?")  # after the check, unanswered
    term.press("s")
    assert "Session saved" in term.finish()


@pytest.mark.slow  # real time, or the real estimator
def test_real_people_spliced_drive_a_whole_session(ready: str, tmp_path: Path) -> None:
    """Real stills: lying with a leg raised straight through the knuckle massage's hold's
    start (at 1:00), then lying with the knees bent: the hold waits, then runs and is done."""
    from tests.motion.test_real_session import IN, OUT, spliced

    frames = [f for f in spliced([(OUT, 75), (IN, 600)]) if round(f.t * 30) % 3 == 0]
    path = tmp_path / "real.jsonl"
    path.write_text("".join(write_stream(frames)))  # 10 frames a second
    code, out = run("session", "--speed", "100", "--camera", str(path), input="same\n")
    lines = out.splitlines()
    assert code == 0 and waiting_at(lines) is not None
    store = get_store()
    (record,) = store.sessions(store.local_user_id())
    assert "knuckle-massage" in {c.routine_id for c in record.completed}
    # done long before the stream's end (6.75 s at this speed), when it would go by time
    assert (record.ended_at - record.started_at).total_seconds() < 5.0
