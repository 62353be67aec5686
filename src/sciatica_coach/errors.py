"""Domain errors. Each front end translates them once: the CLI into one line and exit 2,
the web app into a re-rendered form or a 422."""


class CoachError(Exception):
    """Base class of every error a user can cause or see."""


class ContentError(CoachError):
    """A data file in the package is broken: `FILE: field: what is wrong`."""


class UnknownRoutine(CoachError):
    def __init__(self, routine_id: str, valid: list[str]) -> None:
        self.routine_id = routine_id
        self.valid = valid
        super().__init__(f"unknown routine {routine_id!r}; valid ids: {', '.join(valid)}")


class InvalidInput(CoachError):
    """Bad input from a user: names the field, the value and what is allowed."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {value!r} is not allowed; {allowed}")


class MotionUnavailable(CoachError):
    """The motion coach cannot run here: the `motion` extra is missing, or no camera."""
