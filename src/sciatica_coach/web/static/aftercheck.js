// The one-tap check after each technique (session/engine.py's ASKING_CHECK): compared with
// before it, is the leg pain better, the same or worse, and does it reach less far, the same
// or further down? Either may be skipped. The session clock waits while it is asked. The
// player (player.js) attaches itself and calls `ended` when a technique's last cue has passed.
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  let p = null; // the player's engine and helpers (attach)
  const chosen = { routine_id: null, pain: null, reach: null };
  let resume = null; // where the session goes once the check is answered
  let timer = null;
  // Hands-free: unanswered, it goes on by itself after this many seconds of session time
  // (session/timing.py CHECK_WAIT_SECONDS), keeping any answer given.
  const WAIT_SECONDS = 20;
  const root = document.getElementById("player");
  const speed = root && Number(root.dataset.speed) > 0 ? Number(root.dataset.speed) : 1;

  function show(id) {
    for (const screen of document.querySelectorAll("[data-screen]")) screen.hidden = screen.id !== id;
    const heading = $(id).querySelector("h1, h2");
    if (heading) heading.focus();
  }

  function press(attribute, value) {
    for (const button of document.querySelectorAll(`[${attribute}]`)) {
      button.setAttribute("aria-pressed", String(button.getAttribute(attribute) === value));
    }
  }

  function finish(keep) {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
    if (keep && (chosen.pain || chosen.reach)) {
      AfterCheck.answers.push({ routine_id: chosen.routine_id, pain: chosen.pain, reach: chosen.reach });
    }
    const back = resume;
    resume = null;
    if (back) back();
  }

  function answered() {
    // Both answered: go on by itself, after a moment to see the answer (longer for good news).
    if (!chosen.pain || !chosen.reach) return;
    if (timer !== null) window.clearTimeout(timer);
    timer = window.setTimeout(() => finish(true), chosen.reach === "less" ? 2500 : 1200);
  }

  const AfterCheck = {
    answers: [], // posted with the session as `checks`
    attach(player) {
      p = player;
    },
    ended(cue, at) {
      // A technique's last cue has passed: ask, unless the session is elsewhere.
      if (p === null || !cue || !cue.routine_id || !$("check")) return;
      const following = p.cue();
      if (following && following.routine_id === cue.routine_id) return;
      const state = p.eng.state;
      if (state !== "running" && state !== "asking_feeling") return;
      p.eng.state = "asking_check";
      p.eng.pausedAt = at;
      Object.assign(chosen, { routine_id: cue.routine_id, pain: null, reach: null });
      press("data-check-pain", null);
      press("data-check-reach", null);
      $("check-good").hidden = true;
      $("check-what").textContent = p.title(cue.routine_id);
      p.hush();
      p.say("Done. Compared with before, is your leg pain better, the same, or worse?");
      resume = () => {
        if (state === "running") {
          p.eng.state = "paused";
          p.events.resume(performance.now());
          p.show("playing");
        } else {
          p.eng.state = state;
          p.eng.pausedAt = null;
        }
        p.draw();
      };
      show("check");
      timer = window.setTimeout(() => finish(true), (WAIT_SECONDS * 1000) / speed);
    },
  };

  for (const button of document.querySelectorAll("[data-check-pain]")) {
    button.addEventListener("click", () => {
      chosen.pain = button.dataset.checkPain;
      press("data-check-pain", chosen.pain);
      answered();
    });
  }
  for (const button of document.querySelectorAll("[data-check-reach]")) {
    button.addEventListener("click", () => {
      chosen.reach = button.dataset.checkReach;
      press("data-check-reach", chosen.reach);
      $("check-good").hidden = chosen.reach !== "less";
      answered();
    });
  }
  if ($("check-done")) $("check-done").addEventListener("click", () => finish(true));
  if ($("check-skip")) $("check-skip").addEventListener("click", () => finish(false));

  window.AfterCheck = AfterCheck;
})();
