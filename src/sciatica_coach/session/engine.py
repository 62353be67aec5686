"""The player engine: a pure state machine over a timeline, driven by `tick(now)` with an
injected monotonic clock and by the person's events.

With a camera (`watch` set), a hold whose position the camera can check runs only while the
person is in it: it waits for `in_pose`, and `out_of_pose` or `wrong_side` stop its clock
after a grace period. Without a camera nothing of this applies.

Every deadline is `start + cue offset + shift`. The shift changes only by events (pauses,
extensions, finishing early, going back, skipping), never by ticks, so a late tick never
moves the rest of the session."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sciatica_coach.catalog import Side
from sciatica_coach.session.record import (
    AfterCheck,
    Completed,
    Feeling,
    PainChange,
    PainStop,
    ReachChange,
    SessionRecord,
)
from sciatica_coach.session.timeline import PLAYER, Cue, CueKind, Timeline

EXTEND_SECONDS: int = PLAYER["rules"]["extend_seconds"]
OUT_OF_POSE_GRACE: float = PLAYER["rules"]["grace_seconds"]  # after leaving the position
SKIP_WITHIN_SECONDS: float = PLAYER["rules"]["skip_within_seconds"]
# the check after a technique goes on by itself, unanswered, after this
CHECK_WAIT_SECONDS: float = PLAYER["rules"]["check_wait_seconds"]


class State(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    ASKING_PAIN = "asking_pain"  # it hurt: how bad, 0-10?
    OFFER_AFTER_PAIN = "offer_after_pain"  # skip to the next technique, or end?
    ASKING_FEELING = "asking_feeling"  # better, same or worse?
    ASKING_CHECK = "asking_check"  # after a technique: the leg pain, and how far it reaches
    FINISHED = "finished"


@dataclass(frozen=True)
class View:
    """What a player shows now."""

    state: State
    cue: Cue | None
    next_cue: Cue | None
    index: int
    remaining: float  # seconds left in this cue, never negative
    cue_progress: float  # 0..1
    session_progress: float  # 0..1
    entry: int = 0  # changes whenever a cue starts, or starts again (after `back`)
    waiting: bool = False  # a watched hold waits for the person to be in position
    side_to_do: Side | None = None  # the camera sees the other side being worked
    hint: str | None = None  # the camera's form hint
    checking: str | None = None  # asking the check after this technique (its routine id)


@dataclass
class Engine:
    timeline: Timeline
    started: float  # monotonic time of the start
    state: State = State.RUNNING
    index: int = 0
    shift: float = 0.0
    extended: float = 0.0  # seconds added to the current cue by `extend`
    entries: int = 0  # how many times a cue was started
    paused_at: float | None = None
    completed: list[Completed] = field(default_factory=list)
    skipped: list[Completed] = field(default_factory=list)  # passed with "Next" undone
    played: set[Completed] = field(default_factory=set)  # technique sides really done so far
    pain_stops: list[PainStop] = field(default_factory=list)
    feeling: Feeling | None = None
    finished_all: bool = False
    watch: Callable[[str | None], bool] | None = None  # camera on: can it check this figure?
    posed: bool = False  # the camera's last word: in the current cue's position
    held_at: float | None = None  # a watched hold's clock stops here (ahead: in the grace)
    side_to_do: Side | None = None
    hint: str | None = None
    ask_checks: bool = False  # ask the one-tap check after each technique (the players do)
    checks: list[AfterCheck] = field(default_factory=list)
    checking: str | None = None  # the technique whose check is being asked
    check_pain: PainChange | None = None  # its first answer, while the second is asked
    check_reach: ReachChange | None = None  # its reach, when answered first (the browser)
    _after_check: State = State.RUNNING  # where the session goes once the check is answered

    def __post_init__(self) -> None:
        self._with_hold = {
            Completed(c.routine_id, c.side)
            for c in self.timeline.cues
            if c.kind is CueKind.HOLD and c.routine_id
        }
        if not self.timeline.cues:
            self.state = State.FINISHED
        else:
            self._settle()

    # timing

    @property
    def cue(self) -> Cue | None:
        cues = self.timeline.cues
        return cues[self.index] if self.index < len(cues) else None

    def deadline(self, index: int | None = None) -> float:
        cue = self.timeline.cues[self.index if index is None else index]
        return self.started + cue.end + self.shift

    def _enter(self, index: int, now: float) -> None:
        """Start cue `index` at `now`: the rest of the schedule follows from there."""
        figure = self.cue.figure if self.cue else None
        self.index, self.extended, self.entries = index, 0.0, self.entries + 1
        if index < len(self.timeline.cues):
            self.shift = now - self.started - self.timeline.cues[index].start
        self._settle()
        self._arrive(figure, now)

    # the camera

    def _watched(self) -> bool:
        cue = self.cue
        return (
            self.watch is not None
            and cue is not None
            and cue.kind is CueKind.HOLD
            and self.watch(cue.figure)
        )

    def _clock(self, now: float) -> float:
        """`now` as a watched hold sees it: stopped while the person is out of position."""
        return now if self.held_at is None else min(now, self.held_at)

    def _arrive(self, previous_figure: str | None, at: float) -> None:
        """A new cue began at `at`: a watched hold waits unless the person is in position."""
        if self.cue is None or self.cue.figure != previous_figure:
            self.posed, self.side_to_do, self.hint = False, None, None
        self.held_at = at if self._watched() and not self.posed else None

    def _hold_from(self, now: float, grace: float) -> None:
        if self._watched() and self.held_at is None:
            paused = self.paused_at if self.state is not State.RUNNING else None
            self.held_at = paused if paused is not None else now + grace

    def in_pose(self, now: float) -> None:
        """The camera sees the person in the position: a waiting hold starts or goes on."""
        self.posed, self.side_to_do = True, None
        if self.held_at is not None:
            at = self.paused_at if self.paused_at is not None else now
            self.shift += max(0.0, at - self.held_at)
            self.held_at = None

    def out_of_pose(self, now: float) -> None:
        """The person left the position: a watched hold stops after a grace period."""
        self.posed = False
        self._hold_from(now, OUT_OF_POSE_GRACE)

    def wrong_side(self, now: float) -> None:
        """The person works the other side: say which side to do; the hold stops as when
        out of position."""
        cue = self.cue
        self.posed, self.side_to_do = False, cue.side if cue else None
        self._hold_from(now, OUT_OF_POSE_GRACE)

    def watch_from(self, watch: Callable[[str | None], bool], now: float) -> None:
        """The camera is on from now: a hold already under way waits for the position."""
        self.watch = watch
        self._arrive(self.cue.figure if self.cue else None, now)

    def unwatch(self, now: float) -> None:
        """The camera is off (or gone): from now on every hold runs on time again."""
        self.in_pose(now)
        self.watch, self.posed, self.hint = None, False, None

    def form_hint(self, hint: str | None) -> None:
        self.hint = hint

    def _settle(self) -> None:
        cue = self.cue
        if cue is None:
            self.state = State.ASKING_FEELING
        elif cue.kind is CueKind.CHECK_IN:
            self.finished_all = True
            self.state = State.ASKING_FEELING

    def _played(self, cue: Cue, by_time: bool, now: float) -> None:
        """A technique side is done once one of its holds ran out, or was held a while before
        "Next"; one without a hold, once any of its steps ran out."""
        if not cue.routine_id:
            return
        key = Completed(cue.routine_id, cue.side)
        if cue.kind is CueKind.HOLD:
            held = cue.seconds + self.extended - max(0.0, self.deadline() - self._clock(now))
            if by_time or held >= SKIP_WITHIN_SECONDS:
                self.played.add(key)
        elif by_time and key not in self._with_hold:
            self.played.add(key)

    def _complete_current(self) -> None:
        """Passing the last cue of a technique's side counts it as done, or as skipped when
        it was passed with "Next" before it was done."""
        cue, cues = self.cue, self.timeline.cues
        if cue is None or cue.routine_id is None:
            return
        following = cues[self.index + 1] if self.index + 1 < len(cues) else None
        same_group = (
            following is not None
            and (following.routine_id, following.side) == (cue.routine_id, cue.side)
            and following.kind is not CueKind.SWITCH_SIDE
        )
        if same_group:
            return
        side = Completed(cue.routine_id, cue.side)
        if side in self.completed:  # `back` may replay a finished side
            return
        if side in self.played:
            self.completed.append(side)
            if side in self.skipped:  # skipped, then gone back to and done
                self.skipped.remove(side)
        elif side not in self.skipped:
            self.skipped.append(side)

    def seconds_to_deadline(self, now: float) -> float | None:
        """How long a player may sleep before the next cue is due (None: nothing is due)."""
        if self.state is State.ASKING_CHECK and self.paused_at is not None:
            return max(0.0, self.paused_at + CHECK_WAIT_SECONDS - now)
        if self.state is not State.RUNNING or self.cue is None:
            return None
        if self.held_at is not None and self.held_at <= now:
            return None
        return max(0.0, self.deadline() - now)

    def tick(self, now: float) -> None:
        if (
            self.state is State.ASKING_CHECK
            and self.paused_at is not None
            and now >= self.paused_at + CHECK_WAIT_SECONDS
        ):  # hands-free: a check left unanswered goes on by itself (keeping any answer)
            self.after_check(self.paused_at + CHECK_WAIT_SECONDS)
        while (
            self.state is State.RUNNING
            and self.cue is not None
            and self._clock(now) >= self.deadline()
        ):
            end, figure, routine = self.deadline(), self.cue.figure, self.cue.routine_id
            self._played(self.cue, True, end)
            self._complete_current()
            self.index, self.extended, self.entries = self.index + 1, 0.0, self.entries + 1
            self._settle()
            self._arrive(figure, end)
            self._ask_check(routine, end)

    # events

    def pause(self, now: float) -> None:
        if self.state is State.RUNNING:
            self.tick(now)
        if self.state is State.RUNNING:  # the tick may have ended the session
            self.state, self.paused_at = State.PAUSED, now

    def resume(self, now: float) -> None:
        if self.state is State.PAUSED and self.paused_at is not None:
            self.shift += now - self.paused_at
            if self.held_at is not None:  # still out of position: stopped from now on
                self.held_at += now - self.paused_at
            self.state, self.paused_at = State.RUNNING, None

    def next(self, now: float) -> None:
        """Finish this cue early. Instructions (say), get-ready, side switches and rests
        may always be cut short; a hold only where the catalog allows an early finish."""
        self.tick(now)
        cue = self.cue
        if self.state is not State.RUNNING or cue is None:
            return
        if cue.kind is CueKind.HOLD and not cue.early_finish:
            return
        self._played(cue, False, now)
        self._complete_current()
        self._enter(self.index + 1, now)
        self._ask_check(cue.routine_id, now)

    # the check after each technique

    def _ask_check(self, routine_id: str | None, at: float) -> None:
        """A technique just ended (its last cue passed): ask the check, with the clock
        stopped at `at`, unless the session is elsewhere (a pain stop, the end)."""
        following = self.cue
        if (
            not self.ask_checks
            or routine_id is None
            or (following is not None and following.routine_id == routine_id)
            or self.state not in (State.RUNNING, State.ASKING_FEELING)
        ):
            return
        self._after_check, self.checking = self.state, routine_id
        self.state, self.paused_at = State.ASKING_CHECK, at
        self.check_pain, self.check_reach = None, None

    def answer_pain(self, pain: PainChange) -> None:
        """The check's first answer; the session waits for the second (or goes on by itself
        after CHECK_WAIT_SECONDS, keeping this one)."""
        if self.state is State.ASKING_CHECK:
            self.check_pain = pain

    def answer_reach(self, reach: ReachChange) -> None:
        """How far it reaches, answered before the check is done (the browser asks both at
        once): kept as the first answer is, should the check go on by itself."""
        if self.state is State.ASKING_CHECK:
            self.check_reach = reach

    def after_check(
        self, now: float, pain: PainChange | None = None, reach: ReachChange | None = None
    ) -> None:
        """The answer (either part may be None; both None, and no pain answered before, is
        skipping it): then go on, the next technique starting now."""
        if self.state is not State.ASKING_CHECK or self.checking is None:
            return
        pain, reach = pain or self.check_pain, reach or self.check_reach
        if pain is not None or reach is not None:
            self.checks.append(AfterCheck(self.checking, pain, reach))
        self.checking, self.check_pain, self.check_reach = None, None, None
        if self._after_check is State.RUNNING and self.paused_at is not None:
            self.shift += now - self.paused_at
            if self.held_at is not None:
                self.held_at += now - self.paused_at
        self.state, self.paused_at = self._after_check, None

    def skip_check(self, now: float) -> None:
        """Skip the check (an answer already given to either part is kept)."""
        self.after_check(now)

    def extend(self, now: float) -> None:
        self.tick(now)
        if self.state is State.RUNNING and self.cue and self.cue.kind is CueKind.HOLD:
            self.shift += EXTEND_SECONDS
            self.extended += EXTEND_SECONDS

    def back(self, now: float) -> None:
        self.tick(now)
        if self.state in (State.RUNNING, State.PAUSED) and self.cue is not None:
            self.state, self.paused_at = State.RUNNING, None
            self._enter(max(0, self.index - 1), now)

    def hurts(self, now: float) -> None:
        """Stop and withdraw: remember where, then ask how bad."""
        self.tick(now)
        cue = self.cue
        if self.state not in (State.RUNNING, State.PAUSED) or cue is None or not cue.routine_id:
            return
        self.pain_stops.append(PainStop(cue.routine_id, cue.side, cue.step_index or 0, None))
        frozen_at = self.paused_at if self.state is State.PAUSED else now
        self.state, self.paused_at = State.ASKING_PAIN, frozen_at

    def pain(self, severity: int | None) -> None:
        """How bad it was (0-10, or not said); it may be changed until the person goes on."""
        if self.state in (State.ASKING_PAIN, State.OFFER_AFTER_PAIN):
            last = self.pain_stops[-1]
            if severity is not None and not 0 <= severity <= 10:
                raise ValueError("pain is 0-10")
            self.pain_stops[-1] = PainStop(last.routine_id, last.side, last.step_index, severity)
            self.state = State.OFFER_AFTER_PAIN

    def skip_technique(self, now: float) -> None:
        """After a pain stop: go on with the next technique."""
        if self.state not in (State.ASKING_PAIN, State.OFFER_AFTER_PAIN):
            return
        stopped = self.pain_stops[-1].routine_id
        cues = self.timeline.cues
        following = next(
            (i for i in range(self.index, len(cues)) if cues[i].routine_id != stopped), len(cues)
        )
        self.state, self.paused_at = State.RUNNING, None
        self._enter(following, now)

    def quit(self, now: float) -> None:
        if self.state not in (State.ASKING_FEELING, State.FINISHED):
            self.tick(now)
            self.state, self.paused_at = State.ASKING_FEELING, None

    end = quit  # after a pain stop, "end" is the same as quitting

    def feel(self, feeling: Feeling | None) -> None:
        if self.state is State.ASKING_FEELING:
            self.feeling, self.state = feeling, State.FINISHED

    # output

    def view(self, now: float) -> View:
        self.tick(now)
        cues, cue = self.timeline.cues, self.cue
        total = self.timeline.total_seconds or 1
        if cue is None or self.state is State.FINISHED:
            return View(self.state, None, None, self.index, 0.0, 1.0, 1.0, self.entries)
        clock = self._clock(self.paused_at if self.paused_at is not None else now)
        remaining = max(0.0, self.deadline() - clock)
        if self.state is State.ASKING_FEELING:
            remaining = 0.0
        length = cue.seconds + self.extended
        done = max(0.0, min(1.0, 1 - remaining / length)) if length else 1.0
        following = cues[self.index + 1] if self.index + 1 < len(cues) else None
        return View(
            self.state,
            cue,
            following,
            self.index,
            remaining,
            done,
            # the whole session's bar never goes back: a longer hold holds it still
            min(1.0, (cue.start + min(cue.seconds, length - remaining)) / total),
            self.entries,
            self.held_at is not None and self.held_at <= now,
            self.side_to_do,
            self.hint,
            self.checking,
        )

    def record(self, day: date, started_at: datetime, ended_at: datetime) -> SessionRecord:
        return SessionRecord(
            day=day,
            started_at=started_at,
            ended_at=ended_at,
            completed=tuple(self.completed),
            skipped=tuple(self.skipped),
            pain_stops=tuple(self.pain_stops),
            feeling=self.feeling,
            finished=self.finished_all,
            checks=tuple(self.checks),
        )
