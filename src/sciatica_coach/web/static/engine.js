// Sciatica Coach: the player engine, for the browser.
//
// The same state machine as session/engine.py, rule for rule, on the same timeline and with
// the same values (the timeline's `player.rules`): a shared table of event traces
// (tests/engine/traces.json) is played through both in the tests, so they cannot drift.
// Time is in seconds on a monotonic clock; nothing here reads a clock, draws or speaks.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SciaticaEngine = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const HOLD = "hold";
  const key = (c) => `${c.routine_id}|${c.side || ""}`;
  const sideOf = (c) => ({ routine_id: c.routine_id, side: c.side || null });
  const same = (a) => (b) => a.routine_id === b.routine_id && a.side === b.side;

  function create(timeline, started, watch, options) {
    // Each cue starts where the one before it ends, as the timeline compiler places them.
    let total = 0;
    const cues = (timeline.cues || []).map((c) => {
      const placed = { ...c, start: total };
      total += Math.max(0, Number(c.seconds) || 0);
      return placed;
    });
    const rules = timeline.player.rules;
    const withHold = new Set(cues.filter((c) => c.kind === HOLD && c.routine_id).map(key));
    const e = {
      state: "running",
      index: 0,
      shift: 0,
      extended: 0,
      entries: 0,
      pausedAt: null,
      completed: [],
      skipped: [],
      played: new Set(),
      painStops: [],
      feeling: null,
      finishedAll: false,
      watch: watch || null,
      posed: false,
      heldAt: null,
      sideToDo: null,
      hint: null,
      askChecks: !!(options && options.ask_checks), // ask the check after each technique
      checks: [],
      checking: null, // the technique whose check is being asked
      checkPain: null, // its first answer, while the second is asked
      checkReach: null, // its reach, when answered first (the browser)
      afterCheck: "running", // where the session goes once the check is answered
    };

    const cue = () => (e.index < cues.length ? cues[e.index] : null);
    const deadline = (i) => {
      const c = cues[i === undefined ? e.index : i];
      return started + c.start + c.seconds + e.shift;
    };
    const watched = () => {
      const c = cue();
      return e.watch !== null && c !== null && c.kind === HOLD && e.watch(c.figure);
    };
    const clock = (now) => (e.heldAt === null ? now : Math.min(now, e.heldAt));

    function settle() {
      const c = cue();
      if (c === null) {
        e.state = "asking_feeling";
      } else if (c.kind === "check_in") {
        e.finishedAll = true;
        e.state = "asking_feeling";
      }
    }

    function arrive(previousFigure, at) {
      const c = cue();
      if (c === null || c.figure !== previousFigure) {
        e.posed = false;
        e.sideToDo = null;
        e.hint = null;
      }
      e.heldAt = watched() && !e.posed ? at : null;
    }

    function enter(i, now) {
      const figure = cue() ? cue().figure : null;
      e.index = i;
      e.extended = 0;
      e.entries += 1;
      if (i < cues.length) e.shift = now - started - cues[i].start;
      settle();
      arrive(figure, now);
    }

    function holdFrom(now, grace) {
      if (watched() && e.heldAt === null) {
        const paused = e.state !== "running" ? e.pausedAt : null;
        e.heldAt = paused !== null ? paused : now + grace;
      }
    }

    function played(c, byTime, now) {
      // A technique side is done once one of its holds ran out, or was held a while before
      // "Next"; one without a hold, once any of its steps ran out.
      if (!c.routine_id) return;
      if (c.kind === HOLD) {
        const held = c.seconds + e.extended - Math.max(0, deadline() - clock(now));
        if (byTime || held >= rules.skip_within_seconds) e.played.add(key(c));
      } else if (byTime && !withHold.has(key(c))) {
        e.played.add(key(c));
      }
    }

    function completeCurrent() {
      // Passing the last cue of a technique's side counts it as done, or as skipped.
      const c = cue();
      if (c === null || !c.routine_id) return;
      const f = e.index + 1 < cues.length ? cues[e.index + 1] : null;
      const sameGroup =
        f !== null && f.routine_id === c.routine_id && f.side === c.side && f.kind !== "switch_side";
      if (sameGroup) return;
      const side = sideOf(c);
      if (e.completed.some(same(side))) return; // `back` may replay a finished side
      if (e.played.has(key(c))) {
        e.completed.push(side);
        e.skipped = e.skipped.filter((s) => !same(side)(s)); // skipped, then done after all
      } else if (!e.skipped.some(same(side))) {
        e.skipped.push(side);
      }
    }

    // the check after each technique

    function askCheck(routineId, at) {
      // A technique just ended (its last cue passed): ask the check, with the clock stopped
      // at `at`, unless the session is elsewhere (a pain stop, the end).
      const following = cue();
      if (
        !e.askChecks ||
        !routineId ||
        (following !== null && following.routine_id === routineId) ||
        (e.state !== "running" && e.state !== "asking_feeling")
      ) {
        return;
      }
      e.afterCheck = e.state;
      e.checking = routineId;
      e.state = "asking_check";
      e.pausedAt = at;
      e.checkPain = null;
      e.checkReach = null;
    }

    const engine = {
      get state() {
        return e.state;
      },
      get index() {
        return e.index;
      },
      get checkPain() {
        return e.checkPain;
      },
      get checkReach() {
        return e.checkReach;
      },
      cue,
      total,

      tick(now) {
        if (e.state === "asking_check" && e.pausedAt !== null && now >= e.pausedAt + rules.check_wait_seconds) {
          // hands-free: a check left unanswered goes on by itself (keeping any answer)
          engine.after_check(e.pausedAt + rules.check_wait_seconds);
        }
        while (e.state === "running" && cue() !== null && clock(now) >= deadline()) {
          const end = deadline();
          const figure = cue().figure;
          const routine = cue().routine_id;
          played(cue(), true, end);
          completeCurrent();
          e.index += 1;
          e.extended = 0;
          e.entries += 1;
          settle();
          arrive(figure, end);
          askCheck(routine, end);
        }
      },

      // the camera
      in_pose(now) {
        e.posed = true;
        e.sideToDo = null;
        if (e.heldAt !== null) {
          const at = e.pausedAt !== null ? e.pausedAt : now;
          e.shift += Math.max(0, at - e.heldAt);
          e.heldAt = null;
        }
      },
      out_of_pose(now) {
        e.posed = false;
        holdFrom(now, rules.grace_seconds);
      },
      wrong_side(now) {
        const c = cue();
        e.posed = false;
        e.sideToDo = c ? c.side : null;
        holdFrom(now, rules.grace_seconds);
      },
      watch_from(watchFn, now) {
        e.watch = watchFn;
        arrive(cue() ? cue().figure : null, now);
      },
      unwatch(now) {
        engine.in_pose(now);
        e.watch = null;
        e.posed = false;
        e.hint = null;
      },
      form_hint(hint) {
        e.hint = hint || null;
      },

      // the person's events
      pause(now) {
        if (e.state !== "running") return;
        engine.tick(now);
        if (e.state !== "running") return;
        e.state = "paused";
        e.pausedAt = now;
      },
      resume(now) {
        if (e.state !== "paused" || e.pausedAt === null) return;
        e.shift += now - e.pausedAt;
        if (e.heldAt !== null) e.heldAt += now - e.pausedAt; // still out of position
        e.state = "running";
        e.pausedAt = null;
      },
      next(now) {
        // Finish this cue early (a hold only where the article allows it).
        engine.tick(now);
        const c = cue();
        if (e.state !== "running" || c === null) return;
        if (c.kind === HOLD && !c.early_finish) return;
        played(c, false, now);
        completeCurrent();
        enter(e.index + 1, now);
        askCheck(c.routine_id, now);
      },

      // the check after each technique
      answer_pain(pain) {
        // The check's first answer; the session waits for the second (or goes on by itself
        // after the wait, keeping this one).
        if (e.state === "asking_check") e.checkPain = pain;
      },
      answer_reach(reach) {
        // How far it reaches, answered before the check is done: kept as the first answer is.
        if (e.state === "asking_check") e.checkReach = reach;
      },
      after_check(now, pain, reach) {
        // The answer (either part may be null; both null, and no pain answered before, is
        // skipping it): then go on, the next technique starting now.
        if (e.state !== "asking_check" || e.checking === null) return;
        const said = pain || e.checkPain || null;
        const far = reach || e.checkReach || null;
        if (said !== null || far !== null) e.checks.push({ routine_id: e.checking, pain: said, reach: far });
        e.checking = null;
        e.checkPain = null;
        e.checkReach = null;
        if (e.afterCheck === "running" && e.pausedAt !== null) {
          e.shift += now - e.pausedAt;
          if (e.heldAt !== null) e.heldAt += now - e.pausedAt;
        }
        e.state = e.afterCheck;
        e.pausedAt = null;
      },
      skip_check(now) {
        // Skip the check (an answer already given to either part is kept).
        engine.after_check(now);
      },
      extend(now) {
        engine.tick(now);
        const c = cue();
        if (e.state === "running" && c && c.kind === HOLD) {
          e.shift += rules.extend_seconds;
          e.extended += rules.extend_seconds;
        }
      },
      back(now) {
        engine.tick(now);
        if ((e.state === "running" || e.state === "paused") && cue() !== null) {
          e.state = "running";
          e.pausedAt = null;
          enter(Math.max(0, e.index - 1), now);
        }
      },
      hurts(now) {
        // Stop and withdraw: remember where, then ask how bad.
        engine.tick(now);
        const c = cue();
        if ((e.state !== "running" && e.state !== "paused") || !c || !c.routine_id) return;
        e.painStops.push({
          routine_id: c.routine_id,
          side: c.side || null,
          step_index: c.step_index || 0,
          severity: null,
        });
        e.pausedAt = e.state === "paused" ? e.pausedAt : now;
        e.state = "asking_pain";
      },
      pain(severity) {
        // How bad it was (0-10, or not said); it may be changed until the person goes on.
        if (e.state !== "asking_pain" && e.state !== "offer_after_pain") return;
        if (severity !== null && !(severity >= 0 && severity <= 10)) throw new Error("pain is 0-10");
        e.painStops[e.painStops.length - 1].severity = severity;
        e.state = "offer_after_pain";
      },
      skip_technique(now) {
        // After a pain stop: go on with the next technique.
        if (e.state !== "asking_pain" && e.state !== "offer_after_pain") return;
        const stopped = e.painStops[e.painStops.length - 1].routine_id;
        let i = e.index;
        while (i < cues.length && cues[i].routine_id === stopped) i += 1;
        e.state = "running";
        e.pausedAt = null;
        enter(i, now);
      },
      quit(now) {
        if (e.state === "asking_feeling" || e.state === "finished") return;
        engine.tick(now);
        e.state = "asking_feeling";
        e.pausedAt = null;
      },
      feel(feeling) {
        if (e.state !== "asking_feeling") return;
        e.feeling = feeling || null;
        e.state = "finished";
      },

      // output
      secondsToDeadline(now) {
        if (e.state === "asking_check" && e.pausedAt !== null) {
          return Math.max(0, e.pausedAt + rules.check_wait_seconds - now);
        }
        if (e.state !== "running" || cue() === null) return null;
        if (e.heldAt !== null && e.heldAt <= now) return null;
        return Math.max(0, deadline() - now);
      },
      view(now) {
        engine.tick(now);
        const c = cue();
        const base = { state: e.state, index: e.index, entry: e.entries };
        if (c === null || e.state === "finished") {
          return { ...base, cue: null, remaining: 0, cue_progress: 1, session_progress: 1, checking: null };
        }
        let remaining = Math.max(0, deadline() - clock(e.pausedAt !== null ? e.pausedAt : now));
        if (e.state === "asking_feeling") remaining = 0;
        const length = c.seconds + e.extended;
        const done = length ? Math.max(0, Math.min(1, 1 - remaining / length)) : 1;
        const sofar = c.start + Math.min(c.seconds, length - remaining);
        return {
          ...base,
          cue: c,
          next_cue: e.index + 1 < cues.length ? cues[e.index + 1] : null,
          remaining,
          cue_progress: done,
          session_progress: Math.min(1, sofar / (total || 1)),
          waiting: e.heldAt !== null && e.heldAt <= now,
          side_to_do: e.sideToDo,
          hint: e.hint,
          checking: e.checking,
        };
      },
      record() {
        return {
          completed: e.completed.slice(),
          skipped: e.skipped.slice(),
          pain_stops: e.painStops.map((s) => ({ ...s })),
          feeling: e.feeling,
          finished: e.finishedAll,
          checks: e.checks.map((c) => ({ ...c })),
        };
      },
    };
    if (!cues.length) e.state = "finished";
    else settle();
    return engine;
  }

  return { create };
});
