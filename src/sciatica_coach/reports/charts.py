"""The pain chart: one builder for the CLI, the web page and the PDF report (data -> bytes)."""

import io
from collections.abc import Collection, Sequence
from datetime import date
from typing import Literal

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.verdict import BETTER_RATIO, Assessment

ChartFormat = Literal["png", "svg"]
LEG, BACK, BASE, BETTER, SESSION = "#c0392b", "#2c6fbb", "#555555", "#1e8449", "#8e44ad"


def pain_chart(
    entries: Sequence[DiaryEntry],
    session_days: Collection[date],
    assessment: Assessment | None,
    fmt: ChartFormat = "png",
) -> bytes:
    """Daily leg and back pain, the baseline, the 30 %-better line, session days and the
    four-week review date."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.6), dpi=110, layout="constrained")
    try:

        def x(values: Sequence[date]) -> list[float]:
            return [float(mdates.date2num(v)) for v in values]  # type: ignore[no-untyped-call]

        days = [e.day for e in entries]
        ax.plot(
            x(days), [e.leg_pain for e in entries], "o-", color=LEG, label="Leg pain", lw=2, ms=4
        )
        ax.plot(
            x(days),
            [e.back_pain for e in entries],
            "s--",
            color=BACK,
            label="Back pain",
            lw=1.5,
            ms=3,
        )
        sessions = sorted(d for d in session_days if not days or days[0] <= d <= days[-1])
        if sessions:
            ax.plot(x(sessions), [-0.6] * len(sessions), "^", color=SESSION, ms=6,
                    label="Session done", clip_on=False)  # fmt: skip
        if assessment is not None:
            ax.axhline(
                assessment.baseline,
                color=BASE,
                lw=1,
                ls=":",
                label=f"Baseline {assessment.baseline:.1f}",
            )
            ax.axhline(assessment.baseline * BETTER_RATIO, color=BETTER, lw=1.2, ls="-.",
                       label="30 % better")  # fmt: skip
            review = x([assessment.review_date])[0]
            ax.axvline(review, color="#333333", lw=1, alpha=0.6)
            ax.annotate("4-week review", (review, 10.2), fontsize=8, ha="center", va="bottom",
                        annotation_clip=False)  # fmt: skip
        ax.set_ylim(-1, 10.5)
        ax.set_yticks(range(0, 11, 2))
        ax.set_ylabel("Pain (0-10)")
        ax.grid(axis="y", alpha=0.3)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        out = io.BytesIO()
        fig.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
        return out.getvalue()
    finally:
        plt.close(fig)
