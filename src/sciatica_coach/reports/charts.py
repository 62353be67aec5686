"""The pain chart: one builder for the CLI, the web page and the PDF report (data -> bytes).

matplotlib is imported inside the builder, never at import of the package, and only through
its object API (a `Figure` drawn by the Agg or SVG canvas): no pyplot, no global backend, no
figure registry. Its settings (rcParams) are global to the process, so the drawing holds a
lock: threads of a web worker may call the builder at once. Sizes follow the caller's
`font.size`, so a page can ask for larger text with `matplotlib.rc_context`."""

import io
import threading
from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from sciatica_coach.progress import DiaryEntry
from sciatica_coach.progress.verdict import BETTER_RATIO, Assessment

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ChartFormat = Literal["png", "svg"]
LEG, BACK, BASE, BETTER, SESSION, REVIEW = (
    "#c0392b", "#2c6fbb", "#555555", "#1e8449", "#8e44ad", "#333333"
)  # fmt: skip
MARKERS_UP_TO = 90  # days; beyond that the points would hide the lines
SESSION_ROW = -0.7  # session marks sit in a row under the 0 line
_DRAWING = threading.Lock()


def pain_chart(
    entries: Sequence[DiaryEntry],
    session_days: Collection[date],
    assessment: Assessment | None,
    fmt: ChartFormat = "png",
    narrow: bool = False,
) -> bytes:
    """Daily leg and back pain, the baseline, the 30 %-better line, session days and the
    four-week review date. A day without an entry leaves a gap in the lines. `narrow`: for a
    phone, nearly square, with the legend under the plot instead of beside it."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    entries = sorted(entries, key=lambda e: e.day)
    # Same data, same SVG bytes; SVG text stays text (searchable, small, accessible).
    with _DRAWING, matplotlib.rc_context({"svg.hashsalt": "sciatica", "svg.fonttype": "none"}):
        fig = Figure(figsize=(4.6, 5.0) if narrow else (8, 3.8), dpi=110, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        span = _span(entries, session_days, assessment)
        if entries:
            _draw_pain(ax, entries)
            _draw_sessions(ax, entries[0].day, session_days, span)
        else:
            ax.text(0.5, 0.5, "Nothing logged yet", transform=ax.transAxes, ha="center")
        if span is not None:
            ax.set_xlim(*_x([span[0] - timedelta(1), span[1] + timedelta(1)]))
        if assessment is not None:
            _draw_rule(ax, assessment, span)
        _dress(ax, entries, narrow)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else None
        fig.savefig(out, format=fmt, metadata=metadata)
    return out.getvalue()


def _x(days: Sequence[date]) -> list[float]:
    """Dates as matplotlib's day numbers (its date axis understands them)."""
    from matplotlib import dates as mdates

    return [float(mdates.date2num(d)) for d in days]  # type: ignore[no-untyped-call]


def _daily(entries: Sequence[DiaryEntry]) -> tuple[list[date], list[float], list[float]]:
    """Every day from the first entry to the last; NaN where nothing was logged."""
    by_day = {e.day: e for e in entries}
    first, last = entries[0].day, entries[-1].day
    days = [first + timedelta(n) for n in range((last - first).days + 1)]
    nan = float("nan")
    leg = [float(by_day[d].leg_pain) if d in by_day else nan for d in days]
    back = [float(by_day[d].back_pain) if d in by_day else nan for d in days]
    return days, leg, back


def _draw_pain(ax: "Axes", entries: Sequence[DiaryEntry]) -> None:
    days, leg, back = _daily(entries)
    size = 4 if len(days) <= MARKERS_UP_TO else 0
    ax.plot(_x(days), leg, "o-", color=LEG, label="Leg pain", lw=2, ms=size)
    ax.plot(_x(days), back, "s--", color=BACK, label="Back pain", lw=1.5, ms=size * 0.8)


def _span(
    entries: Sequence[DiaryEntry], session_days: Collection[date], a: Assessment | None
) -> tuple[date, date] | None:
    """The days the chart shows: the diary, later sessions, and the review date."""
    days = [e.day for e in entries]
    if days:
        days += [d for d in session_days if d >= days[0]]
    if a is not None:
        days.append(a.review_date)
    return (min(days), max(days)) if days else None


def _draw_sessions(
    ax: "Axes", first: date, session_days: Collection[date], span: tuple[date, date] | None
) -> None:
    sessions = sorted(d for d in session_days if d >= first)
    long = span is not None and (span[1] - span[0]).days > MARKERS_UP_TO
    if sessions:
        ax.plot(_x(sessions), [SESSION_ROW] * len(sessions), "|" if long else "^", color=SESSION,
                ms=7 if long else 5, label="Session done", clip_on=False)  # fmt: skip


def _draw_rule(ax: "Axes", a: Assessment, span: tuple[date, date] | None) -> None:
    better = a.baseline * float(BETTER_RATIO)
    ax.axhline(a.baseline, color=BASE, lw=1.2, ls=":", label=f"Baseline: {a.baseline:.1f}")
    ax.axhline(better, color=BETTER, lw=1.2, ls="-.", label=f"30 % better: {better:.1f}")
    review = _x([a.review_date])[0]
    ax.axvline(review, color=REVIEW, lw=1, alpha=0.7)
    # The label goes on the side of the line with more room.
    left_half = span is None or a.review_date - span[0] < span[1] - a.review_date
    ax.annotate(
        f"4-week review\n{a.review_date:%d %b}",
        (review, 10.4),
        xytext=(3 if left_half else -3, 0),
        textcoords="offset points",
        ha="left" if left_half else "right",
        va="top",
        fontsize="small",
        color=REVIEW,
    )


def _dress(ax: "Axes", entries: Sequence[DiaryEntry], narrow: bool = False) -> None:
    from matplotlib import dates as mdates

    ax.set_ylim(-1.2, 10.5)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel("Pain (0 = none, 10 = worst)")
    ax.set_xlabel("Date")
    if entries:
        first, last = entries[0].day, entries[-1].day
        title = (
            f"{first:%-d %b} to {last:%-d %b %Y}"
            if narrow
            else (f"Daily pain, {first:%-d %b %Y} to {last:%-d %b %Y}")
        )
        ax.set_title(title, loc="left")
        locator = mdates.AutoDateLocator(maxticks=5 if narrow else 10)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))  # type: ignore[no-untyped-call]
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if not ax.get_legend_handles_labels()[0]:
        return
    if narrow:  # under the plot, so nothing is cut off on a phone
        ax.figure.legend(loc="outside lower center", ncols=2, fontsize="small", frameon=False)
    else:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
