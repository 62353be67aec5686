// Sciatica Coach: the session player in the browser.
//
// It plays the timeline that GET /api/timeline serves, the same cues as the terminal player,
// with the same rules as the player engine (session/engine.py): the figure, the instruction,
// the side and a countdown for every cue; spoken cues with the browser's own speech
// synthesis; the screen kept awake; and the session record posted to POST /api/sessions.
//
// Timing comes from deadlines: cue i ends at started + its end on the timeline + shift, on
// performance.now(). A tick only compares the clock with the deadline, so a late or missed
// tick never moves the rest of the session; pauses, "next" and "+10 s" change the shift.
//
// With the camera on (the motion coach), the page sends downscaled JPEG pictures over a
// WebSocket to this site's server only, one at a time, and gets back the landmarks (drawn as
// a skeleton over the video), the status and a form hint. As in the engine, a hold whose
// position the camera can check waits for "in_pose" and stops 2 s after "out_of_pose".
(function () {
  "use strict";

  const root = document.getElementById("player");
  if (!root) return;
  const speed = Number(root.dataset.speed) > 0 ? Number(root.dataset.speed) : 1;
  const $ = (id) => document.getElementById(id);
  // Ticks only sample the clock (deadlines decide); 10 per second, more when a test speeds
  // the session up, so that each second of the session is still seen.
  const TICK_MS = Math.max(10, Math.min(100, 250 / speed));
  const EXTEND_SECONDS = 10;
  const COUNTED = new Set(["hold", "rest", "get_ready"]);
  const WITHDRAW = "Stop. Come out of the position slowly and gently.";
  const ms = (seconds) => (seconds * 1000) / speed;
  const GRACE_SECONDS = 2; // a hold goes on this long after the person leaves the position
  // A hold ended with "Next" before this many seconds was skipped, not done (the article lets
  // a hold end early, "as long as you can", but not before it has begun).
  const SKIP_WITHIN_SECONDS = 5;

  const cues = [];
  const starts = []; // seconds from the session start to each cue
  let total = 0;
  let titles = {};
  const withHold = new Set(); // the technique sides that have a hold
  const sideOf = (c) => `${c.routine_id}|${c.side || ""}`;

  // The engine's state (session/engine.py).
  const eng = {
    state: "ready", // running, paused, asking_pain, asking_feeling, finished
    index: 0,
    started: 0,
    shift: 0,
    pausedAt: null,
    completed: [],
    skipped: [], // passed with "Next": not saved as done
    played: new Set(), // technique sides really done so far (a hold held, or timed steps)
    stops: [],
    finishedAll: false,
    feeling: null,
    posed: false, // the camera's last word: in the current cue's position
    heldAt: null, // a watched hold's clock stops here (ahead: in the grace period)
    sideToDo: null,
    hint: null,
  };
  const cam = { on: false, ws: null, stream: null, busy: false, unchecked: new Set(), note: "" };
  const run = { shown: -1, spoken: -1, timer: null, startedAt: null, endedAt: null };
  const media = { voice: true, wakeLock: null, audio: null };

  // ---- the engine ----------------------------------------------------------------------

  const cue = () => (eng.index < cues.length ? cues[eng.index] : null);
  const deadline = (i) => eng.started + ms(starts[i] + cues[i].seconds) + eng.shift;

  function enter(i, now) {
    const before = cue() ? cue().figure : null;
    eng.index = i;
    if (i < cues.length) eng.shift = now - eng.started - ms(starts[i]);
    settle();
    arrive(before, now);
  }

  // A hold the camera can check runs only while the person is in the position.
  const watched = (c) =>
    cam.on && c !== null && c.kind === "hold" && !!c.figure && !cam.unchecked.has(c.figure.split(":")[0]);
  const clockOf = (now) => (eng.heldAt === null ? now : Math.min(now, eng.heldAt));

  function arrive(previousFigure, at) {
    const c = cue();
    if (c === null || c.figure !== previousFigure) {
      eng.posed = false;
      eng.sideToDo = null;
      eng.hint = null;
    }
    eng.heldAt = watched(c) && !eng.posed ? at : null;
  }

  function holdFrom(now) {
    if (!watched(cue()) || eng.heldAt !== null) return;
    eng.heldAt = eng.state !== "running" && eng.pausedAt !== null ? eng.pausedAt : now + ms(GRACE_SECONDS);
  }

  const motion = {
    in_pose(now) {
      eng.posed = true;
      eng.sideToDo = null;
      if (eng.heldAt !== null) {
        const at = eng.pausedAt === null ? now : eng.pausedAt;
        eng.shift += Math.max(0, at - eng.heldAt);
        eng.heldAt = null;
      }
    },
    out_of_pose(now) {
      eng.posed = false;
      holdFrom(now);
    },
    wrong_side(now) {
      eng.posed = false;
      eng.sideToDo = cue() ? cue().side : null;
      holdFrom(now);
    },
  };

  function settle() {
    const c = cue();
    if (c === null) {
      eng.state = "asking_feeling";
    } else if (c.kind === "check_in") {
      eng.finishedAll = true;
      eng.state = "asking_feeling";
    }
  }

  function completeCurrent() {
    // Passing the last cue of a technique's side counts it as done.
    const c = cue();
    if (c === null || !c.routine_id) return;
    const f = eng.index + 1 < cues.length ? cues[eng.index + 1] : null;
    const sameGroup =
      f !== null && f.routine_id === c.routine_id && f.side === c.side && f.kind !== "switch_side";
    if (sameGroup) return;
    const done = { routine_id: c.routine_id, side: c.side || null };
    const list = eng.played.has(sideOf(c)) ? eng.completed : eng.skipped;
    const known = (d) => d.routine_id === done.routine_id && d.side === done.side;
    if (!eng.completed.some(known) && !list.some(known)) list.push(done); // `back` may replay
  }

  function played(c, byTime, now) {
    // A technique side is done once one of its holds ran out, or was held a while before
    // "Next"; one without a hold, once any of its steps ran out.
    if (!c.routine_id) return;
    if (c.kind === "hold") {
      const left = ((deadline(eng.index) - clockOf(now)) * speed) / 1000;
      if (byTime || c.seconds - left >= SKIP_WITHIN_SECONDS) eng.played.add(sideOf(c));
    } else if (byTime && !withHold.has(sideOf(c))) {
      eng.played.add(sideOf(c));
    }
  }

  function tick(now) {
    while (eng.state === "running" && cue() !== null && clockOf(now) >= deadline(eng.index)) {
      const ended = cue();
      const end = deadline(eng.index);
      played(ended, true, end);
      completeCurrent();
      eng.index += 1;
      settle();
      arrive(ended.figure, end);
      if (COUNTED.has(ended.kind)) beep();
    }
  }

  const events = {
    pause(now) {
      if (eng.state !== "running") return;
      tick(now);
      eng.state = "paused";
      eng.pausedAt = now;
    },
    resume(now) {
      if (eng.state !== "paused") return;
      eng.shift += now - eng.pausedAt;
      if (eng.heldAt !== null) eng.heldAt += now - eng.pausedAt; // still out of position
      eng.state = "running";
      eng.pausedAt = null;
    },
    next(now) {
      // Finish this cue early (a hold only where the article allows it).
      tick(now);
      const c = cue();
      if (eng.state !== "running" || c === null) return;
      if (c.kind === "hold" && !c.early_finish) return;
      played(c, false, now);
      completeCurrent();
      enter(eng.index + 1, now);
    },
    extend(now) {
      tick(now);
      const c = cue();
      if (eng.state === "running" && c && c.kind === "hold") eng.shift += ms(EXTEND_SECONDS);
    },
    back(now) {
      tick(now);
      if ((eng.state === "running" || eng.state === "paused") && cue() !== null) {
        eng.state = "running";
        eng.pausedAt = null;
        enter(Math.max(0, eng.index - 1), now);
      }
    },
    hurts(now) {
      // Stop and withdraw: remember where, then ask how bad.
      tick(now);
      const c = cue();
      if ((eng.state !== "running" && eng.state !== "paused") || !c || !c.routine_id) return;
      eng.stops.push({
        routine_id: c.routine_id,
        side: c.side || null,
        step_index: c.step_index || 0,
        severity: null,
      });
      eng.state = "asking_pain";
      eng.pausedAt = now;
    },
    skip(now) {
      // After a pain stop: go on with the next technique.
      if (eng.state !== "asking_pain") return;
      const stopped = eng.stops[eng.stops.length - 1].routine_id;
      let i = eng.index;
      while (i < cues.length && cues[i].routine_id === stopped) i += 1;
      eng.state = "running";
      eng.pausedAt = null;
      enter(i, now);
    },
    quit(now) {
      if (eng.state === "asking_feeling" || eng.state === "finished") return;
      tick(now);
      eng.state = "asking_feeling";
      eng.pausedAt = null;
    },
  };

  // ---- sound and screen ----------------------------------------------------------------

  function say(text) {
    if (!media.voice || !("speechSynthesis" in window) || !text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  }

  function hush() {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  }

  function beep() {
    if (!media.voice || !media.audio) return;
    const osc = media.audio.createOscillator();
    const gain = media.audio.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(media.audio.destination);
    osc.start();
    osc.stop(media.audio.currentTime + 0.18);
  }

  async function keepAwake() {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    try {
      media.wakeLock = await navigator.wakeLock.request("screen");
    } catch (err) {
      media.wakeLock = null; // not allowed (battery saver, no permission): carry on
    }
  }

  function letSleep() {
    if (media.wakeLock) media.wakeLock.release().catch(() => {});
    media.wakeLock = null;
  }

  // ---- drawing ---------------------------------------------------------------------------

  function show(id) {
    for (const screen of root.querySelectorAll("[data-screen]")) screen.hidden = screen.id !== id;
    const heading = $(id).querySelector("h1, h2");
    if (heading) heading.focus({ preventScroll: id === "playing" });
  }

  const sideLabel = (side) =>
    side === "right" ? "Right side" : side === "left" ? "Left side" : "";

  function drawCue(c) {
    $("where").textContent = [titles[c.routine_id] || "", sideLabel(c.side)]
      .filter(Boolean)
      .join(" · ");
    $("instruction").textContent = c.text || "";
    $("warning").textContent = c.kind === "hold" && c.warning ? c.warning : "";
    const figure = $("figure");
    if (c.figure) {
      figure.src = `/figures/${encodeURIComponent(c.figure)}.svg`;
      figure.hidden = false;
    } else {
      figure.hidden = true;
      figure.removeAttribute("src");
    }
    const following = cues.slice(eng.index + 1).find((f) => f.text && f.kind !== "get_ready");
    $("next-up").textContent = following ? `Next: ${following.text}` : "";
    root.dataset.kind = c.kind;
    $("count").hidden = !COUNTED.has(c.kind);
    const fixed = c.kind === "hold" && !c.early_finish;
    $("next").disabled = fixed;
    $("next").title = fixed ? "This hold is timed: it ends by itself" : "";
    $("extend").disabled = c.kind !== "hold";
  }

  function drawClock(now) {
    const c = cue();
    const clock = clockOf(eng.pausedAt === null ? now : eng.pausedAt);
    const left = Math.max(0, ((deadline(eng.index) - clock) * speed) / 1000);
    const shown = Math.ceil(left - 1e-9);
    $("count").textContent = String(shown);
    const ring = $("ring-progress");
    const circumference = Number(ring.dataset.circumference);
    const done = c.seconds ? Math.max(0, 1 - left / c.seconds) : 1;
    ring.setAttribute("stroke-dashoffset", String(circumference * done));
    $("overall").value = Math.min(total, Math.max(0, starts[eng.index] + c.seconds - left));
    // Screen readers hear the time left politely, every 10 seconds, not every tick.
    if (c.seconds >= 10 && shown > 0 && shown % 10 === 0 && shown !== run.announced) {
      run.announced = shown;
      $("time-left").textContent = `${shown} seconds left`;
    }
    if (c.kind === "hold" && shown >= 1 && shown <= 3 && shown !== run.spoken) {
      run.spoken = shown;
      say(String(shown));
    }
  }

  function draw() {
    const now = performance.now();
    tick(now);
    if (eng.state === "asking_feeling") {
      askFeeling();
      return;
    }
    if (eng.state === "asking_pain") return;
    if (eng.index !== run.shown) {
      run.shown = eng.index;
      run.spoken = -1;
      drawCue(cue());
      hush();
      say(cue().speech || cue().text);
      watchFigure();
    }
    drawCameraNote(now);
    $("pause").textContent = eng.state === "paused" ? "Resume" : "Pause";
    root.dataset.paused = String(eng.state === "paused");
    drawClock(now);
  }

  // ---- the session ---------------------------------------------------------------------

  function start() {
    if (!cues.length) return;
    try {
      const Context = window.AudioContext || window.webkitAudioContext;
      media.audio = Context ? new Context() : null;
    } catch (err) {
      media.audio = null;
    }
    media.voice = $("voice").checked;
    run.startedAt = new Date();
    eng.started = performance.now();
    eng.state = "running";
    $("overall").max = total;
    window.scrollTo(0, 0); // the player is one fixed screen: it never opens scrolled down
    show("playing");
    document.body.dataset.playing = "true"; // on a phone, the player takes the whole screen
    keepAwake();
    if (root.dataset.motion && $("camera") && $("camera").checked) cameraOn();
    settle();
    draw();
    run.timer = window.setInterval(draw, TICK_MS);
  }

  function act(name) {
    return () => {
      events[name](performance.now());
      if (eng.state === "asking_pain") {
        hush();
        say(WITHDRAW);
        show("hurt");
        return;
      }
      if (eng.state === "running" && $("playing").hidden) show("playing");
      run.shown = name === "back" || name === "skip" ? -1 : run.shown;
      draw();
    };
  }

  function askFeeling() {
    cameraOff();
    if (run.timer !== null) window.clearInterval(run.timer);
    run.timer = null;
    if (!run.endedAt) run.endedAt = new Date();
    letSleep();
    document.body.dataset.playing = "false";
    hush();
    say("Well done. How do you feel now: better, the same, or worse?");
    eng.state = "finished_playing";
    show("feel");
  }

  function rateHurt(severity) {
    eng.stops[eng.stops.length - 1].severity = severity;
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
    eng.feeling = feeling || null;
    $("save-error").hidden = true;
    const buttons = root.querySelectorAll("[data-feeling]");
    for (const button of buttons) button.disabled = true;
    const record = {
      day: localDay(run.startedAt),
      started_at: run.startedAt.toISOString(),
      ended_at: run.endedAt.toISOString(),
      completed: eng.completed,
      pain_stops: eng.stops,
      skipped: eng.skipped,
      feeling: eng.feeling,
      finished: eng.finishedAll,
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
      eng.state = "finished";
      showAdvice(saved.advice || null);
      show("saved");
      root.dispatchEvent(new CustomEvent("sessionsaved", { bubbles: true, detail: saved })); // offline.js
    } catch (err) {
      $("save-error").hidden = false;
      for (const button of buttons) button.disabled = false;
    }
  }

  // ---- the camera (the motion coach) -----------------------------------------------------

  // Pairs of BlazePose landmarks drawn as the skeleton.
  const BONES = [
    [11, 12], [23, 24], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24],
    [23, 25], [25, 27], [24, 26], [26, 28], [27, 29], [29, 31], [28, 30], [30, 32],
    [27, 31], [28, 32], [7, 11], [8, 12],
  ];
  const VISIBLE = 0.5;
  const PICTURE = { width: 320, height: 240, quality: 0.7 };

  function cameraNote(now) {
    if (!cam.on) return "";
    if (eng.sideToDo) return `That is the other side: do the ${eng.sideToDo.toUpperCase()} side.`;
    if (eng.heldAt !== null && eng.heldAt <= now && eng.state === "running") {
      return "Get into the position: the countdown starts when the camera sees you in it.";
    }
    return eng.hint || "";
  }

  function drawCameraNote(now) {
    const note = cameraNote(now);
    if (note === cam.note) return;
    cam.note = note;
    $("camera-note").textContent = note;
    if (note) say(note);
  }

  async function cameraOn() {
    try {
      cam.stream = await navigator.mediaDevices.getUserMedia({
        video: { width: 640, height: 480 },
        audio: false,
      });
    } catch (err) {
      $("camera-note").textContent = "The camera could not be started: the session runs by time.";
      return;
    }
    const video = $("camera-video");
    video.srcObject = cam.stream;
    video.play().catch(() => {});
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}${root.dataset.motion}`);
    ws.addEventListener("message", (event) => onReply(JSON.parse(event.data)));
    ws.addEventListener("close", () => cameraOff());
    cam.ws = ws;
  }

  function cameraOff() {
    const now = performance.now();
    if (cam.on) motion.in_pose(now); // no camera: every hold runs by time again
    cam.on = false;
    eng.posed = false;
    eng.sideToDo = null;
    eng.hint = null;
    if (cam.stream) for (const track of cam.stream.getTracks()) track.stop();
    cam.stream = null;
    if (cam.ws && cam.ws.readyState <= 1) cam.ws.close();
    cam.ws = null;
    $("camera-view").hidden = true;
    $("camera-off").hidden = true;
    $("camera-note").textContent = "";
    cam.note = "";
    root.dataset.camera = "off";
  }

  function watchFigure() {
    const c = cue();
    if (cam.on && cam.ws && cam.ws.readyState === 1) {
      cam.ws.send(JSON.stringify({ figure: c && c.figure ? c.figure : null }));
    }
  }

  function sendPicture() {
    if (!cam.on || cam.busy || !cam.ws || cam.ws.readyState !== 1) return;
    const video = $("camera-video");
    if (video.readyState < 2) {
      window.setTimeout(sendPicture, 100);
      return;
    }
    const canvas = document.createElement("canvas");
    canvas.width = PICTURE.width;
    canvas.height = PICTURE.height;
    canvas.getContext("2d").drawImage(video, 0, 0, PICTURE.width, PICTURE.height);
    cam.busy = true;
    canvas.toBlob(
      (blob) => {
        if (blob && cam.ws && cam.ws.readyState === 1) cam.ws.send(blob);
        else cam.busy = false;
      },
      "image/jpeg",
      PICTURE.quality,
    );
  }

  function onReply(reply) {
    if (reply.unchecked) {
      cam.unchecked = new Set(reply.unchecked);
      cam.on = true;
      root.dataset.camera = "on";
      $("camera-view").hidden = false;
      $("camera-off").hidden = false;
      arrive(cue() ? cue().figure : null, performance.now()); // a hold already under way
      watchFigure();
      sendPicture();
      return;
    }
    if ("figure" in reply) return; // the server watches the new position
    if (reply.error && !("landmarks" in reply)) {
      cam.busy = false;
      return;
    }
    cam.busy = false;
    drawSkeleton(reply.landmarks);
    const now = performance.now();
    if (reply.changed && motion[reply.status]) motion[reply.status](now);
    eng.hint = reply.hint || null;
    root.dataset.pose = reply.status || "";
    sendPicture();
  }

  function drawSkeleton(points) {
    const canvas = $("camera-skeleton");
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!points) return;
    const at = (i) => [points[i][0] * canvas.width, points[i][1] * canvas.height];
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#f28c28";
    for (const [a, b] of BONES) {
      if (points[a][2] < VISIBLE || points[b][2] < VISIBLE) continue;
      ctx.beginPath();
      ctx.moveTo(...at(a));
      ctx.lineTo(...at(b));
      ctx.stroke();
    }
  }

  // ---- wiring ------------------------------------------------------------------------------

  function onKey(event) {
    if ($("playing").hidden || event.target.closest("button, input, a, select, textarea")) return;
    const key = event.key;
    if (key === " ") act(eng.state === "paused" ? "resume" : "pause")();
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
      const doc = await response.json();
      titles = doc.titles || {};
      for (const c of doc.cues || []) {
        starts.push(total);
        cues.push(c);
        if (c.kind === "hold" && c.routine_id) withHold.add(sideOf(c));
        total += Math.max(0, Number(c.seconds) || 0);
      }
    } catch (err) {
      $("load-error").hidden = false;
      return;
    }
    $("length").textContent = String(Math.max(1, Math.round(total / 60)));
    $("start").disabled = cues.length === 0;
    root.dataset.ready = "true";
  }

  $("figure").addEventListener("error", () => {
    $("figure").hidden = true; // a figure that cannot be drawn is left out, not shown broken
  });
  $("start").addEventListener("click", start);
  $("pause").addEventListener("click", () => act(eng.state === "paused" ? "resume" : "pause")());
  $("next").addEventListener("click", act("next"));
  $("back").addEventListener("click", act("back"));
  $("extend").addEventListener("click", act("extend"));
  $("hurts").addEventListener("click", act("hurts"));
  $("camera-off").addEventListener("click", () => {
    cameraOff(); // every hold goes by time from now on
    draw();
  });
  $("skip").addEventListener("click", act("skip"));
  $("end").addEventListener("click", act("quit"));
  for (const button of root.querySelectorAll("[data-severity]")) {
    button.addEventListener("click", () => rateHurt(Number(button.dataset.severity)));
  }
  for (const button of root.querySelectorAll("[data-feeling]")) {
    button.addEventListener("click", () => save(button.dataset.feeling));
  }
  document.addEventListener("keydown", onKey);
  document.addEventListener("visibilitychange", () => {
    if (run.timer !== null && document.visibilityState === "visible") keepAwake();
  });
  init();
})();
