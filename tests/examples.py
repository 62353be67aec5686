"""How many Hypothesis examples a test tries: its own number under `make test`, at most the
`check` profile's under `make check` (a decorator's own max_examples would otherwise override
whatever profile is loaded)."""

from hypothesis import settings


def examples(wanted: int) -> int:
    if settings.get_current_profile_name() == "check":
        return min(wanted, settings.get_profile("check").max_examples)
    return wanted
