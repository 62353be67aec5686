"""The pose estimator behind a small interface; MediaPipe's BlazePose is the one we have.

Only `model_complexity=1` (the "full" model) is used: it ships inside the mediapipe wheel and
runs offline. Complexities 0 and 2 download their models on first use, which must not happen."""

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from sciatica_coach.errors import MotionUnavailable
from sciatica_coach.motion.landmarks import COUNT, Landmark, Landmarks

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Image = npt.NDArray[np.uint8]
else:
    Image = Any

INSTALL = "pip install 'sciatica-coach[motion]'"


class Estimator(Protocol):
    def estimate(self, frame_rgb: "Image") -> Landmarks | None:
        """The body's 33 landmarks in an RGB picture (height x width x 3), or None."""

    def close(self) -> None: ...


def _mediapipe() -> Any:
    os.environ.setdefault("GLOG_minloglevel", "2")  # MediaPipe's C++ logging: errors only
    # protobuf's deprecation notice from inside mediapipe 0.10.14: not the person's concern
    warnings.filterwarnings("ignore", "SymbolDatabase.GetPrototype", UserWarning)
    try:
        import mediapipe as mp
    except ImportError:
        raise MotionUnavailable(
            f"the motion coach needs the optional motion extra: {INSTALL}"
        ) from None
    return mp


@contextmanager
def quiet_native_logs() -> Iterator[None]:
    """MediaPipe's C++ side prints notices on the process's stderr while the model loads
    (TensorFlow Lite's delegate, the feedback manager): keep them off the player's screen."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def require_motion() -> None:
    """Fail early, before anything is opened or written, when the extra is not installed."""
    _mediapipe()


class MediaPipeEstimator:
    """BlazePose "full"; `video` tracks the body from frame to frame (faster, steadier),
    otherwise each picture is looked at on its own. A picture wider than `width` is scaled
    down first (the model looks at 256x256 anyway). `make bench` compares the two: on this
    machine scaling 640x480 down to 320x240 saved no measurable time and, on photographs of
    real people, found one position fewer, so the camera uses the full picture."""

    def __init__(self, video: bool = True, width: int | None = None) -> None:
        import numpy as np

        self._width = width
        pose = _mediapipe().solutions.pose
        with quiet_native_logs():
            self._pose = pose.Pose(
                static_image_mode=not video,
                model_complexity=1,
                smooth_landmarks=video,
                enable_segmentation=False,
            )
            self._pose.process(np.zeros((48, 64, 3), dtype=np.uint8))  # loads the models

    def estimate(self, frame_rgb: "Image") -> Landmarks | None:
        height, width = frame_rgb.shape[:2]
        picture: Any = frame_rgb
        if self._width is not None and width > self._width:
            import cv2

            size = (self._width, max(1, round(height * self._width / width)))
            picture = cv2.resize(frame_rgb, size, interpolation=cv2.INTER_AREA)
        result = self._pose.process(picture)
        if result.pose_landmarks is None:
            return None
        marks = result.pose_landmarks.landmark[:COUNT]
        points = tuple(Landmark(m.x, m.y, m.visibility) for m in marks)
        return Landmarks(points, width / height)

    def close(self) -> None:
        self._pose.close()
