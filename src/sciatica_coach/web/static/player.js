// Sciatica Coach: the session player in the browser.
//
// It plays the timeline that GET /api/timeline serves (the same cues the terminal player
// plays), shows each cue's figure, instruction, side and countdown, speaks the cues with the
// browser's own speech synthesis, keeps the screen awake, and posts the session record to
// POST /api/sessions at the end.
//
// Timing comes from deadlines: every cue starts at a fixed offset from the session's origin
// on performance.now(). A tick only looks at the clock, so a late or skipped tick never
// shifts the rest of the session. Pauses and "next" move the origin, never the offsets.
(function () {
  "use strict";

  const root = document.getElementById("player");
  if (!root) return;
  const speed = Number(root.dataset.speed) > 0 ? Number(root.dataset.speed) : 1;
  const $ = (id) => document.getElementById(id);
  const TICK_MS = 100;
  const TIMED = new Set(["hold", "rest", "get_ready"]);
  const WITHDRAW = "Stop. Come out of the position slowly and gently.";

  const state = {
    cues: [],
    offsets: [], // seconds from the start of the timeline to each cue
    total: 0,
    titles: {},
    origin: 0, // performance.now() when the timeline's second 0 was (moved by pauses)
    pausedAt: null,
    index: -1,
    spoken: -1, // the last countdown number spoken
    timer: null,
    startedAt: null,
    endedAt: null,
    completed: [],
    stops: [],
    hurt: new Set(), // "routine|side" groups stopped for pain
    finished: false,
    feeling: null,
    voice: true,
    wakeLock: null,
    audio: null,
  };

  // ---- screens and small helpers --------------------------------------------------------

  function show(id) {
    for (const screen of root.querySelectorAll("[data-screen]")) screen.hidden = screen.id !== id;
    const heading = $(id) && $(id).querySelector("h1, h2");
    if (heading) heading.focus();
  }

  function cookie(name) {
    const found = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  function localDay(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  function say(text) {
    if (!state.voice || !("speechSynthesis" in window) || !text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  }

  function hush() {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  }

  function beep() {
    if (!state.voice || !state.audio) return;
    const osc = state.audio.createOscillator();
    const gain = state.audio.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(state.audio.destination);
    osc.start();
    osc.stop(state.audio.currentTime + 0.18);
  }

  async function keepAwake() {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    try {
      state.wakeLock = await navigator.wakeLock.request("screen");
    } catch (err) {
      state.wakeLock = null; // not allowed (battery saver, no permission): carry on
    }
  }

  function letSleep() {
    if (state.wakeLock) state.wakeLock.release().catch(() => {});
    state.wakeLock = null;
  }

  // ---- the timeline ---------------------------------------------------------------------

  function load(doc) {
    state.cues = doc.cues || [];
    state.titles = doc.titles || {};
    let at = 0;
    state.offsets = state.cues.map((cue) => {
      const start = at;
      at += Math.max(0, Number(cue.seconds) || 0);
      return start;
    });
    state.total = at;
  }

  const groupOf = (cue) => (cue && cue.routine_id ? `${cue.routine_id}|${cue.side || ""}` : null);

  function elapsed(now) {
    return (((state.pausedAt === null ? now : state.pausedAt) - state.origin) * speed) / 1000;
  }

  function indexAt(seconds) {
    let i = 0;
    while (i + 1 < state.cues.length && state.offsets[i + 1] <= seconds) i += 1;
    return i;
  }

  function jumpTo(i, now) {
    // The cue i starts now: move the origin, keep every offset.
    const base = state.pausedAt === null ? now : state.pausedAt;
    state.origin = base - (state.offsets[i] * 1000) / speed;
  }

  function noteCompletion(from, to) {
    // Every (technique, side) whose last cue lies in [from, to) and that did not hurt is done.
    for (let i = from; i < to && i < state.cues.length; i += 1) {
      const group = groupOf(state.cues[i]);
      if (!group || group === groupOf(state.cues[i + 1]) || state.hurt.has(group)) continue;
      const cue = state.cues[i];
      state.completed.push({ routine_id: cue.routine_id, side: cue.side || null });
    }
  }

  function enter(i) {
    const previous = state.index;
    if (previous >= 0 && i > previous) noteCompletion(previous, i);
    state.index = i;
    state.spoken = -1;
    const cue = state.cues[i];
    render(cue, i);
    hush();
    say(cue.speech || cue.text);
  }

  // ---- drawing ---------------------------------------------------------------------------

  function sideLabel(side) {
    return side === "right" ? "Right side" : side === "left" ? "Left side" : "";
  }

  function render(cue, i) {
    const title = state.titles[cue.routine_id] || "";
    $("where").textContent = [title, sideLabel(cue.side)].filter(Boolean).join(" · ");
    $("instruction").textContent = cue.text || "";
    const figure = $("figure");
    if (cue.figure) {
      figure.hidden = false;
      figure.alt = "";
      figure.src = `/figures/${encodeURIComponent(cue.figure)}${cue.side === "left" ? "?side=left" : ""}`;
    } else {
      figure.hidden = true;
      figure.removeAttribute("src");
    }
    const next = state.cues.slice(i + 1).find((c) => c.text);
    $("next-up").textContent = next ? `Next: ${next.text}` : "Next: the end of the session";
    root.dataset.kind = cue.kind || "";
    $("count").hidden = !TIMED.has(cue.kind);
  }

  function drawClock(seconds) {
    const i = state.index;
    const cue = state.cues[i];
    const length = Math.max(0.001, Number(cue.seconds) || 0);
    const left = Math.max(0, state.offsets[i] + length - seconds);
    const shown = Math.ceil(left - 1e-9);
    $("count").textContent = String(shown);
    const ring = $("ring-progress");
    const circumference = Number(ring.dataset.circumference);
    ring.setAttribute("stroke-dashoffset", String(circumference * (1 - left / length)));
    $("overall").value = Math.min(state.total, seconds);
    if (cue.kind === "hold" && shown <= 3 && shown >= 1 && shown !== state.spoken) {
      state.spoken = shown;
      say(String(shown));
    }
  }

  // ---- the clock -------------------------------------------------------------------------

  function tick() {
    const now = performance.now();
    const seconds = elapsed(now);
    if (seconds >= state.total) {
      finish(true);
      return;
    }
    const i = indexAt(seconds);
    if (i !== state.index) {
      const ending = state.cues[state.index];
      if (ending && TIMED.has(ending.kind)) beep();
      enter(i);
    }
    drawClock(seconds);
  }

  function start() {
    if (!state.cues.length) return;
    try {
      const Context = window.AudioContext || window.webkitAudioContext;
      state.audio = Context ? new Context() : null;
    } catch (err) {
      state.audio = null;
    }
    state.voice = $("voice").checked;
    state.startedAt = new Date();
    state.origin = performance.now();
    $("overall").max = state.total;
    show("playing");
    keepAwake();
    enter(0);
    drawClock(0);
    state.timer = window.setInterval(tick, TICK_MS);
  }

  function togglePause() {
    const now = performance.now();
    if (state.pausedAt === null) {
      state.pausedAt = now;
      hush();
      $("pause").textContent = "Resume";
      root.dataset.paused = "true";
    } else {
      state.origin += now - state.pausedAt;
      state.pausedAt = null;
      $("pause").textContent = "Pause";
      root.dataset.paused = "false";
    }
  }

  function next() {
    if (state.index + 1 >= state.cues.length) {
      finish(true);
      return;
    }
    jumpTo(state.index + 1, performance.now());
    tick();
  }

  // ---- it hurts ----------------------------------------------------------------------------

  function hurts() {
    const cue = state.cues[state.index];
    if (state.pausedAt === null) togglePause();
    const group = groupOf(cue);
    if (group) state.hurt.add(group);
    state.stops.push({
      routine_id: cue.routine_id || "",
      side: cue.side || null,
      step_index: Number.isInteger(cue.step_index) ? cue.step_index : 0,
      severity: null,
    });
    hush();
    say(WITHDRAW);
    show("hurt");
  }

  function rateHurt(severity) {
    state.stops[state.stops.length - 1].severity = severity;
    for (const button of root.querySelectorAll("[data-severity]")) {
      button.setAttribute("aria-pressed", String(Number(button.dataset.severity) === severity));
    }
  }

  function skipTechnique() {
    const current = state.cues[state.index].routine_id;
    let j = state.index + 1;
    while (j < state.cues.length && state.cues[j].routine_id === current) j += 1;
    if (j >= state.cues.length) {
      finish(false);
      return;
    }
    state.pausedAt = null;
    $("pause").textContent = "Pause";
    root.dataset.paused = "false";
    jumpTo(j, performance.now());
    state.index = -1; // what was skipped does not count as done
    show("playing");
    tick();
  }

  // ---- the end -------------------------------------------------------------------------------

  function finish(reachedEnd) {
    if (state.timer !== null) window.clearInterval(state.timer);
    state.timer = null;
    if (reachedEnd) noteCompletion(Math.max(0, state.index), state.cues.length);
    state.finished = reachedEnd;
    state.endedAt = new Date();
    letSleep();
    hush();
    say("Well done. How do you feel now?");
    show("feel");
  }

  function record() {
    return {
      day: localDay(state.startedAt),
      started_at: state.startedAt.toISOString(),
      ended_at: state.endedAt.toISOString(),
      completed: state.completed,
      pain_stops: state.stops,
      feeling: state.feeling,
      finished: state.finished,
    };
  }

  async function save(feeling) {
    state.feeling = feeling;
    $("save-error").hidden = true;
    for (const button of root.querySelectorAll("[data-feeling]")) button.disabled = true;
    try {
      const response = await fetch(root.dataset.sessions, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": cookie("csrf_token") },
        body: JSON.stringify(record()),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      show("saved");
    } catch (err) {
      $("save-error").hidden = false;
      for (const button of root.querySelectorAll("[data-feeling]")) button.disabled = false;
    }
  }

  // ---- wiring ------------------------------------------------------------------------------

  function onKey(event) {
    if ($("playing").hidden || event.target.closest("button, input, a, select, textarea")) return;
    if (event.key === " ") togglePause();
    else if (event.key === "n" || event.key === "Enter" || event.key === "ArrowRight") next();
    else if (event.key === "h") hurts();
    else return;
    event.preventDefault();
  }

  async function init() {
    $("start").disabled = true;
    try {
      const response = await fetch(root.dataset.timeline, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      load(await response.json());
    } catch (err) {
      $("load-error").hidden = false;
      return;
    }
    $("length").textContent = String(Math.max(1, Math.round(state.total / 60)));
    $("start").disabled = state.cues.length === 0;
    root.dataset.ready = "true";
  }

  $("start").addEventListener("click", start);
  $("pause").addEventListener("click", togglePause);
  $("next").addEventListener("click", next);
  $("hurts").addEventListener("click", hurts);
  $("skip").addEventListener("click", skipTechnique);
  $("end").addEventListener("click", () => finish(false));
  for (const button of root.querySelectorAll("[data-severity]")) {
    button.addEventListener("click", () => rateHurt(Number(button.dataset.severity)));
  }
  for (const button of root.querySelectorAll("[data-feeling]")) {
    button.addEventListener("click", () => save(button.dataset.feeling || null));
  }
  document.addEventListener("keydown", onKey);
  document.addEventListener("visibilitychange", () => {
    if (state.timer !== null && document.visibilityState === "visible") keepAwake();
  });
  init();
})();
