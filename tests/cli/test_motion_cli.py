"""`sciatica motion check`: the matcher judged on photographs of real people (the shared set
beside the clone), and the command's contract."""

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sciatica_coach.catalog import load_catalog
from sciatica_coach.figures import load_poses
from sciatica_coach.motion.landmarks import Frame, write_stream
from sciatica_coach.motion.synthetic import pose_landmarks
from tests.cli.helpers import fails, run

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "motion-real"
TECHNIQUES = load_catalog().ids
LYING_KNEES_BENT = ("tennis-ball-massage", "knuckle-massage")
NO_HOLD = "palm-and-thumb-massage"


def manifest() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((REAL / "manifest.json").read_text())
    return entries


def judged(technique: str, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    files = [str(REAL / e["stream"]) for e in entries]
    code, out = run("motion", "check", technique, *files, "--json")
    assert code == 0, out
    results: list[dict[str, Any]] = json.loads(out)
    assert [r["file"] for r in results] == files  # in the order given
    return results


def in_position(truth: str, technique: str) -> bool:
    return truth == technique or (truth == "lying-knees-bent" and technique in LYING_KNEES_BENT)


def not_counted(truth: str, technique: str) -> bool:
    """A camera cannot see fists or balls under a back: tennis ball and knuckle massage
    positions look the same."""
    pair = {truth, technique}
    return pair == set(LYING_KNEES_BENT) or (truth == NO_HOLD == technique)


def figures() -> dict[str, Any]:
    entries = manifest()
    table: Counter[tuple[str, str, str]] = Counter()
    hits = misses = false = others = 0
    side_named = side_right = 0
    for technique in TECHNIQUES:
        for entry, result in zip(entries, judged(technique, entries), strict=True):
            truth, status = entry["truth"], result["status"]
            table[(truth, technique, status)] += 1
            if not_counted(truth, technique):
                continue
            if in_position(truth, technique):
                hits += status == "in_pose"
                misses += status != "in_pose"
                if entry["side"] and result["side"]:
                    side_named += 1
                    side_right += entry["side"] == result["side"]
            else:
                others += 1
                false += status == "in_pose"
    return {
        "recall": hits / (hits + misses),
        "false": false / others,
        "side": (side_named, side_right),
        "table": table,
    }


@pytest.mark.slow  # the real estimator on real photographs
def test_on_real_people_in_position_is_found_and_other_positions_are_not() -> None:
    assert (REAL / "manifest.json").is_file(), f"the shared set of real photos is not at {REAL}"
    found = figures()
    assert found["recall"] >= 0.8
    assert found["false"] <= 0.02
    named, right = found["side"]
    assert named == right  # the side right wherever one is named


def stream(tmp_path: Path, pose_id: str, name: str = "s.jsonl", seconds: float = 1) -> Path:
    body = pose_landmarks(load_poses()[pose_id])
    path = tmp_path / name
    path.write_text("".join(write_stream(Frame(i / 30, body) for i in range(int(30 * seconds)))))
    return path


def test_one_file_is_one_object_several_are_a_list_in_order(tmp_path: Path) -> None:
    lying = stream(tmp_path, "lying-knees-bent", "lying.jsonl")
    standing = stream(tmp_path, "standing-palms-lower-back", "standing.jsonl")
    code, out = run("motion", "check", "knuckle-massage", str(lying), "--json")
    assert code == 0
    assert json.loads(out) == {
        "file": str(lying),
        "technique": "knuckle-massage",
        "frames": 30,
        "status": "in_pose",
        "side": None,
        "hint": None,
    }
    code, out = run("motion", "check", "knuckle-massage", str(standing), str(lying), "--json")
    assert [(r["file"], r["status"]) for r in json.loads(out)] == [
        (str(standing), "out_of_pose"),
        (str(lying), "in_pose"),
    ]


def test_the_side_is_named_where_the_geometry_tells_it(tmp_path: Path) -> None:
    twist = load_poses()["seated-twist"].mirrored()
    path = tmp_path / "twist.jsonl"
    path.write_text("".join(write_stream(Frame(i / 30, pose_landmarks(twist)) for i in range(30))))
    code, out = run("motion", "check", "sitting-spinal-stretch", str(path))
    assert code == 0
    assert out == f"{path}: in position, left side\n"


def test_streams_need_no_motion_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("mediapipe", "cv2"):
        monkeypatch.setitem(sys.modules, module, None)  # as if they were not installed
    code, out = run("motion", "check", "tennis-ball-massage", str(stream(tmp_path, "fetal-rest")))
    assert code == 0 and out.endswith(": out of position\n")


def test_a_picture_without_the_motion_extra_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "mediapipe", None)
    picture = tmp_path / "me.jpg"
    picture.write_bytes(b"\xff\xd8\xff")
    good = stream(tmp_path, "lying-knees-bent")
    err = fails(capsys, "motion", "check", "tennis-ball-massage", str(good), str(picture))
    assert "motion extra" in err
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["no-such-technique", "{good}"], "no-such-technique"),
        (["tennis-ball-massage", "{good}", "{broken}"], "broken.jsonl"),
        (["tennis-ball-massage", "{good}", "missing.jsonl"], "missing.jsonl"),
    ],
)
def test_bad_input_is_named_on_one_line_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], named: str
) -> None:
    good = stream(tmp_path, "lying-knees-bent")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"t": 0, "landmarks": [[0, 0, 1]]}\n')
    args = [a.format(good=good, broken=broken) for a in args]
    err = fails(capsys, "motion", "check", *args)
    assert named in err
    assert capsys.readouterr().out == ""


def test_a_photograph_goes_through_the_real_estimator() -> None:
    pytest.importorskip("mediapipe", reason="the motion extra is not installed")
    photo = REAL / "images" / "fedb_crunches_0.jpg"  # lying on the back, knees bent
    code, out = run("motion", "check", "tennis-ball-massage", str(photo), "--json")
    assert code == 0
    result = json.loads(out)
    assert (result["frames"], result["status"], result["side"]) == (30, "in_pose", None)


@pytest.mark.slow  # the real estimator on real photographs
def test_a_video_goes_through_the_real_estimator_frame_by_frame(tmp_path: Path) -> None:
    pytest.importorskip("mediapipe", reason="the motion extra is not installed")
    import cv2

    photo = cv2.resize(cv2.imread(str(REAL / "images" / "fedb_crunches_0.jpg")), (640, 480))
    video = tmp_path / "lying.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 30, (640, 480))
    for _ in range(20):
        writer.write(photo)
    writer.release()
    code, out = run("motion", "check", "knuckle-massage", str(video))
    assert (code, out) == (0, f"{video}: in position\n")
