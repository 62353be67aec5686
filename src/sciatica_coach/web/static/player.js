// Sciatica Coach: the session player in the browser.
//
// It plays the timeline that GET /api/timeline serves, the same cues as the terminal player,
// through the same engine rules (engine.js, checked against session/engine.py by one table of
// traces): the figure, the instruction, the side and a countdown for every cue; spoken cues
// (voice.js); the camera coach when it is on (camera.js); the check after each technique
// (aftercheck.js, asked by the engine); and the session record posted to
// POST /api/sessions. This file only draws and wires: the engine decides.
//
// The engine runs on deadlines on performance.now(): a tick only compares the clock with the
// deadline, so a late or missed tick never moves the rest of the session.
(function () {
  "use strict";

  const root = document.getElementById("player");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const voice = window.SciaticaVoice;
  const TICK_MS = 100; // ticks only sample the clock: the deadlines decide
  const COUNTED = new Set(["hold", "rest", "get_ready"]);
  const now = () => performance.now() / 1000;

  let doc = null; // the timeline document: cues, titles, the engine's rules and the words
  let engine = null;
  let camera = null;
  const run = { shown: -1, spoken: -1, announced: -1, timer: null, startedAt: null, endedAt: null };
  const note = { text: "" };

  // ---- drawing ---------------------------------------------------------------------------

  function show(id) {
    for (const screen of root.querySelectorAll("[data-screen]")) screen.hidden = screen.id !== id;
    const heading = $(id).querySelector("h1, h2");
    if (heading) heading.focus({ preventScroll: id === "playing" });
  }

  const sideLabel = (side) =>
    side === "right" ? "Right side" : side === "left" ? "Left side" : "";

  function drawCue(c, index) {
    $("where").textContent = [doc.titles[c.routine_id] || "", sideLabel(c.side)]
      .filter(Boolean)
      .join(" · ");
    $("instruction").textContent = c.text || "";
    $("warning").textContent = c.kind === "hold" && c.warning ? c.warning : "";
    const figure = $("figure");
    if (c.figure) {
      figure.src = `/figures/${encodeURIComponent(c.figure)}.svg`;
      figure.alt = c.figure_alt || ""; // what the picture shows (figures/poses.toml)
      figure.hidden = false;
    } else {
      figure.hidden = true;
      figure.removeAttribute("src");
    }
    const following = doc.cues.slice(index + 1).find((f) => f.text && f.kind !== "get_ready");
    $("next-up").textContent = following ? `Next: ${following.text}` : "";
    root.dataset.kind = c.kind;
    $("count").hidden = !COUNTED.has(c.kind);
    const fixed = c.kind === "hold" && !c.early_finish;
    $("next").disabled = fixed;
    $("next").title = fixed ? "This hold is timed: it ends by itself" : "";
    $("extend").disabled = c.kind !== "hold";
  }

  function drawClock(view) {
    const c = view.cue;
    const shown = Math.ceil(view.remaining - 1e-9);
    $("count").textContent = String(shown);
    const ring = $("ring-progress");
    ring.setAttribute("stroke-dashoffset", String(Number(ring.dataset.circumference) * view.cue_progress));
    $("overall").value = view.session_progress * engine.total;
    // Screen readers hear the time left politely, every 10 seconds, not every tick.
    if (c.seconds >= 10 && shown > 0 && shown % 10 === 0 && shown !== run.announced) {
      run.announced = shown;
      $("time-left").textContent = `${shown} seconds left`;
    }
    if (c.kind === "hold" && shown >= 1 && shown <= 3 && shown !== run.spoken) {
      run.spoken = shown;
      voice.say(String(shown));
    }
  }

  function cameraNote(view) {
    if (!camera || !camera.on) return "";
    const words = doc.player.words;
    if (view.side_to_do) return words.camera_other_side.replace("{side}", view.side_to_do.toUpperCase());
    if (view.waiting && view.state === "running") return words.camera_waiting;
    return view.hint || "";
  }

  function drawCameraNote(view) {
    const text = cameraNote(view);
    if (text === note.text) return;
    note.text = text;
    $("camera-note").textContent = text;
    if (text) voice.say(text);
  }

  function askCheck(view) {
    // The engine asks the check after a technique: the cue that ended beeps as it would have.
    const ended = run.shown >= 0 && run.cue;
    if (ended && COUNTED.has(ended.kind) && !run.acted) voice.beep();
    run.cue = null;
    if (camera) camera.watch(null);
    window.AfterCheck.ask(view);
  }

  function draw() {
    const view = engine.view(now());
    const check = window.AfterCheck;
    if (view.state === "asking_check") {
      if (check && !check.open) askCheck(view);
      return;
    }
    if (check && check.open) {
      check.closed(); // answered, skipped, or gone on by itself
      if (view.state === "running" || view.state === "paused") show("playing");
    }
    if (view.state === "asking_feeling") {
      askFeeling();
      return;
    }
    if (view.state === "asking_pain" || view.state === "offer_after_pain") return;
    if (view.entry !== run.shown) {
      const ended = run.shown >= 0 && run.cue;
      if (ended && COUNTED.has(ended.kind) && !run.acted) voice.beep();
      run.shown = view.entry;
      run.cue = view.cue;
      run.spoken = -1;
      drawCue(view.cue, view.index);
      voice.hush();
      voice.say(view.cue.speech || view.cue.text);
      if (camera) camera.watch(view.cue.figure || null);
    }
    run.acted = false;
    drawCameraNote(view);
    $("pause").textContent = view.state === "paused" ? "Resume" : "Pause";
    root.dataset.paused = String(view.state === "paused");
    drawClock(view);
  }

  // ---- the session ---------------------------------------------------------------------

  function start() {
    if (!doc || !doc.cues.length) return;
    voice.start($("voice").checked);
    run.startedAt = new Date();
    engine = window.SciaticaEngine.create(doc, now(), null, { ask_checks: !!window.AfterCheck });
    $("overall").max = engine.total;
    window.scrollTo(0, 0); // the player is one fixed screen: it never opens scrolled down
    show("playing");
    document.body.dataset.playing = "true"; // on a phone, the player takes the whole screen
    voice.keepAwake();
    if (root.dataset.motion && $("camera") && $("camera").checked) cameraOn();
    draw();
    run.timer = window.setInterval(draw, TICK_MS);
  }

  function act(name) {
    return () => {
      if (!engine) return;
      engine[name](now());
      run.acted = true;
      if (engine.state === "asking_pain") {
        voice.hush();
        voice.say(doc.player.words.withdraw);
        show("hurt");
        return;
      }
      if (engine.state === "running" && $("playing").hidden) show("playing");
      draw();
    };
  }

  function askFeeling() {
    if (run.endedAt) return;
    run.endedAt = new Date();
    cameraOff();
    if (run.timer !== null) window.clearInterval(run.timer);
    run.timer = null;
    voice.letSleep();
    document.body.dataset.playing = "false";
    voice.hush();
    voice.say(doc.player.words.check_in);
    show("feel");
  }

  function rateHurt(severity) {
    engine.pain(severity);
    for (const button of root.querySelectorAll("[data-severity]")) {
      button.setAttribute("aria-pressed", String(Number(button.dataset.severity) === severity));
    }
  }

  function showAdvice(advice) {
    // It hurt, or you feel worse: the article's advice instead of praise.
    const box = $("advice");
    box.hidden = advice === null;
    if (advice === null) return;
    $("saved-title").textContent = $("saved-title").dataset.advice;
    $("advice-title").textContent = advice.title;
    $("advice-points").replaceChildren(
      ...advice.points.map((point) => {
        const item = document.createElement("li");
        item.textContent = point;
        return item;
      }),
    );
    $("advice-source").textContent = advice.source;
    $("advice-more").href = advice.more;
  }

  function localDay(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  function cookie(name) {
    const found = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  async function save(feeling) {
    engine.feel(feeling || null);
    $("save-error").hidden = true;
    const buttons = root.querySelectorAll("[data-feeling]");
    for (const button of buttons) button.disabled = true;
    const record = {
      day: localDay(run.startedAt),
      started_at: run.startedAt.toISOString(),
      ended_at: run.endedAt.toISOString(),
      ...engine.record(),
    };
    try {
      const response = await fetch(root.dataset.sessions, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": cookie("csrf_token") },
        body: JSON.stringify(record),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const saved = await response.json();
      showAdvice(saved.advice || null);
      show("saved");
      root.dispatchEvent(new CustomEvent("sessionsaved", { bubbles: true, detail: saved })); // offline.js
    } catch (err) {
      $("save-error").hidden = false;
      for (const button of buttons) button.disabled = false;
    }
  }

  // ---- the camera ------------------------------------------------------------------------

  function cameraOn() {
    camera = window.SciaticaCamera(root.dataset.motion, {
      ready() {
        root.dataset.camera = "on";
        $("camera-view").hidden = false;
        $("camera-off").hidden = false;
        engine.watch_from((figure) => camera.checks(figure), now()); // a hold under way waits
        const cue = engine.cue();
        camera.watch(cue && cue.figure ? cue.figure : null);
      },
      status(changed, hint, status) {
        if (changed && ["in_pose", "out_of_pose", "wrong_side"].includes(changed)) engine[changed](now());
        engine.form_hint(hint);
        root.dataset.pose = status;
      },
      closed: cameraOff,
      failed() {
        $("camera-note").textContent = doc.player.words.camera_failed;
      },
    });
    camera.start();
  }

  function cameraOff() {
    if (!camera) return;
    if (camera.on) engine.unwatch(now()); // no camera: every hold runs by time again
    camera.stop();
    camera = null;
    $("camera-view").hidden = true;
    $("camera-off").hidden = true;
    $("camera-note").textContent = "";
    note.text = "";
    root.dataset.camera = "off";
  }

  // ---- wiring ------------------------------------------------------------------------------

  function onKey(event) {
    if ($("playing").hidden || event.target.closest("button, input, a, select, textarea")) return;
    const key = event.key;
    if (key === " ") act(engine.state === "paused" ? "resume" : "pause")();
    else if (key === "n" || key === "Enter" || key === "ArrowRight") act("next")();
    else if (key === "+") act("extend")();
    else if (key === "b" || key === "ArrowLeft") act("back")();
    else if (key === "h") act("hurts")();
    else return;
    event.preventDefault();
  }

  async function init() {
    $("start").disabled = true;
    try {
      const load = window.SciaticaOffline ? window.SciaticaOffline.timeline : fetch; // offline.js
      const response = await load(root.dataset.timeline, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      doc = await response.json();
      doc.cues = doc.cues || [];
      doc.titles = doc.titles || {};
    } catch (err) {
      $("load-error").hidden = false;
      return;
    }
    const total = doc.cues.reduce((sum, c) => sum + Math.max(0, Number(c.seconds) || 0), 0);
    $("length").textContent = String(Math.max(1, Math.round(total / 60)));
    $("start").disabled = doc.cues.length === 0;
    root.dataset.ready = "true";
  }

  $("figure").addEventListener("error", () => {
    $("figure").hidden = true; // a figure that cannot be drawn is left out, not shown broken
  });
  $("start").addEventListener("click", start);
  $("pause").addEventListener("click", () => act(engine.state === "paused" ? "resume" : "pause")());
  $("next").addEventListener("click", act("next"));
  $("back").addEventListener("click", act("back"));
  $("extend").addEventListener("click", act("extend"));
  $("hurts").addEventListener("click", act("hurts"));
  $("camera-off").addEventListener("click", () => {
    cameraOff(); // every hold goes by time from now on
    draw();
  });
  $("skip").addEventListener("click", act("skip_technique"));
  $("end").addEventListener("click", act("quit"));
  for (const button of root.querySelectorAll("[data-severity]")) {
    button.addEventListener("click", () => rateHurt(Number(button.dataset.severity)));
  }
  for (const button of root.querySelectorAll("[data-feeling]")) {
    button.addEventListener("click", () => save(button.dataset.feeling));
  }
  document.addEventListener("keydown", onKey);
  if (window.AfterCheck) {
    window.AfterCheck.attach({
      engine: () => engine,
      doc: () => doc,
      now,
      voice,
      title: (id) => doc.titles[id] || id,
      done: draw,
    });
  }
  document.addEventListener("visibilitychange", () => {
    if (run.timer !== null && document.visibilityState === "visible") voice.keepAwake();
  });
  init();
})();
