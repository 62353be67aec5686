"""The real estimator on a real photograph of a person (scikit-image's astronaut, public
domain). Needs the `motion` extra, which `make test` installs."""

import pytest

from sciatica_coach.motion.landmarks import NAMES

pytest.importorskip(
    "mediapipe", reason="the motion extra is not installed: pip install -e '.[dev,motion]'"
)

from skimage import data

from sciatica_coach.motion.estimator import MediaPipeEstimator
from sciatica_coach.motion.sources import decode_jpeg

UPPER_BODY = {
    "nose",
    "left_eye",
    "right_eye",
    "left_ear",
    "right_ear",
    "left_shoulder",
    "right_shoulder",
}


def test_the_astronaut_is_found_with_her_upper_body() -> None:
    estimator = MediaPipeEstimator(video=False)
    try:
        body = estimator.estimate(data.astronaut())
    finally:
        estimator.close()
    assert body is not None and body.aspect == 1.0
    seen = {n for n in NAMES if body[n].visible}
    assert seen >= UPPER_BODY
    assert body["nose"].y < body["left_shoulder"].y and body["nose"].y < body["right_shoulder"].y
    assert body["right_shoulder"].x < body["left_shoulder"].x  # she faces the camera


def test_a_browser_jpeg_frame_decodes_to_the_same_picture_size() -> None:
    import cv2

    picture = data.astronaut()
    ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(picture, cv2.COLOR_RGB2BGR))
    assert ok
    assert decode_jpeg(jpeg.tobytes()).shape == picture.shape
    with pytest.raises(ValueError, match="not a JPEG"):
        decode_jpeg(b"not a picture")


def test_a_picture_scaled_down_first_finds_the_same_body() -> None:
    picture = data.astronaut()
    found = []
    for width in (None, 256):
        estimator = MediaPipeEstimator(video=False, width=width)
        try:
            found.append(estimator.estimate(picture))
        finally:
            estimator.close()
    full, small = found
    assert full is not None and small is not None and small.aspect == full.aspect == 1.0
    for name in UPPER_BODY:
        assert abs(full[name].x - small[name].x) < 0.03 and abs(full[name].y - small[name].y) < 0.03
