"""What the terminal player shows: one engine view drawn as a Rich panel, large enough to
read from the floor (the countdown in big digits, the side as a badge, two labelled bars)."""

from rich.align import Align
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sciatica_coach.cli.bigtext import big
from sciatica_coach.session.engine import State, View
from sciatica_coach.session.timeline import PLAYER, Cue, CueKind

KEYS = "space pause · n/enter next · + 10 s more · b back · h it hurts · q quit"
HEADINGS = {
    CueKind.SAY: "DO THIS",
    CueKind.GET_READY: "GET INTO POSITION",
    CueKind.HOLD: "HOLD",
    CueKind.SWITCH_SIDE: "SWITCH SIDES",
    CueKind.REST: "REST",
    CueKind.CHECK_IN: "HOW DO YOU FEEL?",
}
PAIN_PROMPT = "Stop and withdraw. How bad is it, 0 to 10?"
OFFER_PROMPT = "s: skip to the next technique    e: end the session"
FEELING_PROMPT = "How do you feel now?"
FEELING_KEYS = "b better · s the same · w worse"
CHECK_PAIN_PROMPT = "Compared with before it, your leg pain is:"
CHECK_PAIN_KEYS = "b better · s the same · w worse · enter skip"
CHECK_REACH_PROMPT = "And it reaches:"
CHECK_REACH_KEYS = "l less far · s the same · f further down · enter skip"
BAR_WIDTH = 40


def mmss(seconds: float, countdown: bool = True) -> str:
    """M:SS; a countdown rounds up (0:01 until the very end), elapsed time rounds down."""
    whole = int(seconds + 0.999) if countdown else int(seconds)
    return f"{whole // 60:d}:{whole % 60:02d}"


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def heading(cue: Cue) -> Text:
    text = Text(HEADINGS[cue.kind], style="bold cyan")
    if cue.kind is CueKind.REST and cue.position:
        text.append(f" · {cue.position}", style="cyan")
    if cue.side is not None:
        text.append("   ")
        text.append(f" {cue.side.value.upper()} SIDE ", style="bold reverse magenta")
    text.justify = "center"
    return text


WAITING: str = PLAYER["words"]["camera_waiting"]
OTHER_SIDE: str = PLAYER["words"]["camera_other_side"]


def camera_note(view: View) -> str | None:
    """What the camera has to say about the person now, if anything (one thing at a time)."""
    if view.side_to_do is not None:
        return OTHER_SIDE.format(side=view.side_to_do.value.upper())
    if view.waiting:  # with the set-up or a view hint ("turn side-on") first: why it waits
        return f"{view.hint} {WAITING}" if view.hint else WAITING
    return view.hint


def _countdown(view: View) -> RenderableType:
    paused = view.state is State.PAUSED
    digits = Align.center(Text("\n".join(big(mmss(view.remaining))), style="bold yellow"))
    note = Text("PAUSED: space to go on" if paused else "", style="bold red", justify="center")
    camera = camera_note(view)
    if camera and not paused:
        note = Text(camera, style="bold green", justify="center")
        if view.waiting:
            note.append("\n(c turns the camera off: the hold then goes by time)", style="dim")
    return Group(digits, note)


def _cue_body(view: View, cue: Cue, total_seconds: int) -> RenderableType:
    parts: list[RenderableType] = [
        heading(cue),
        Text(""),
        Text(cue.text, style="bold", justify="center"),
    ]
    if cue.warning:
        parts.append(Text(f"! {cue.warning}", style="bold red", justify="center"))
    nxt = view.next_cue
    parts += [
        Text(""),
        _countdown(view),
        Align.center(_bars(view, cue, total_seconds)),
        Text(""),
        Text(f"Next: {_short(nxt.text) if nxt else 'the end'}", style="dim", justify="center"),
    ]
    return Group(*parts)


def _bars(view: View, cue: Cue, total_seconds: int) -> Table:
    """Two labelled bars, aligned: this hold (or step) and the whole session."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right")
    grid.add_column()
    grid.add_column()
    what = "this hold" if cue.kind is CueKind.HOLD else "this step"
    grid.add_row(what, bar(view.cue_progress), f"{mmss(view.remaining)} left", style="yellow")
    elapsed = view.session_progress * total_seconds
    grid.add_row(
        "session",
        bar(view.session_progress),
        f"{mmss(elapsed, countdown=False)} of {mmss(total_seconds)}",
        style="green",
    )
    return grid


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _prompt(*lines: str, style: str = "bold") -> RenderableType:
    return Text("\n\n".join(lines), style=style, justify="center")


def render(view: View, total_seconds: int, typed: str = "", title: str = "") -> Panel:
    """The whole screen for one view; `typed` is the pain score being typed (or, during the
    check after a technique, "pain" once the pain is answered); `title` names the technique
    being checked."""
    body: RenderableType
    if view.state is State.ASKING_CHECK:
        if typed == "pain":
            body = _prompt(f"{title}: done.", CHECK_REACH_PROMPT, CHECK_REACH_KEYS)
        else:
            body = _prompt(f"{title}: done.", CHECK_PAIN_PROMPT, CHECK_PAIN_KEYS)
    elif view.state is State.ASKING_PAIN:
        body = _prompt(PAIN_PROMPT, f"{typed}_", "(type a number, then Enter)", style="bold red")
    elif view.state is State.OFFER_AFTER_PAIN:
        body = _prompt("Stopped.", OFFER_PROMPT)
    elif view.state in (State.ASKING_FEELING, State.FINISHED):
        body = _prompt(FEELING_PROMPT, FEELING_KEYS)
    elif view.cue is None:
        body = Text("")
    else:
        body = _cue_body(view, view.cue, total_seconds)
    return Panel(
        Group(body, Text(""), Text(KEYS, style="dim", justify="center")),
        title="Sciatica Coach",
        padding=(1, 2),
    )
