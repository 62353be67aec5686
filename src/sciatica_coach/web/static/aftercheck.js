// The one-tap check after each technique (the engine's ASKING_CHECK, engine.js as
// session/engine.py): compared with before it, is the leg pain better, the same or worse, and
// does it reach less far, the same or further down? Either may be skipped. The engine asks it,
// stops the session clock while it is asked and goes on by itself, unanswered, after the
// timeline's `player.rules.check_wait_seconds`, keeping any answer given. This file only
// draws the check and passes the person's taps to the engine; player.js opens it (`open`)
// when the engine's view is asking it.
(function () {
  "use strict";

  const $ = (id) => document.getElementById(id);
  let p = null; // the player: { engine(), doc(), now(), voice, title(id), done() to redraw }
  let timer = null;
  let shown = false;

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

  function settled() {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
  }

  function finish(skip) {
    // Done (the answers the engine holds are recorded) or skipped (likewise: the engine's rule
    // keeps an answer already given); either way the session goes on from now.
    const engine = p && p.engine();
    settled();
    if (!engine || engine.state !== "asking_check") return;
    if (skip) engine.skip_check(p.now());
    else engine.after_check(p.now(), null, null);
    p.done();
  }

  function answered() {
    // Both answered: go on by itself, after a moment to see the answer (longer for good news).
    const engine = p.engine();
    if (!engine.checkPain || !engine.checkReach) return;
    const rules = p.doc().player.rules;
    const seconds = engine.checkReach === "less" ? rules.check_good_news_seconds : rules.check_answered_seconds;
    if (timer !== null) window.clearTimeout(timer);
    timer = window.setTimeout(() => finish(false), seconds * 1000);
  }

  const AfterCheck = {
    attach(player) {
      p = player;
    },
    get open() {
      return shown;
    },
    ask(view) {
      // The engine asks the check after `view.checking`: show it, once.
      if (shown || !$("check")) return;
      shown = true;
      press("data-check-pain", null);
      press("data-check-reach", null);
      $("check-good").hidden = true;
      $("check-what").textContent = p.title(view.checking);
      p.voice.hush();
      p.voice.say(p.doc().player.words.check_question);
      show("check");
    },
    closed() {
      // The engine went on (answered, skipped, or by itself once the wait ran out).
      settled();
      shown = false;
    },
  };

  for (const button of document.querySelectorAll("[data-check-pain]")) {
    button.addEventListener("click", () => {
      const engine = p && p.engine();
      if (!engine || engine.state !== "asking_check") return;
      engine.answer_pain(button.dataset.checkPain);
      press("data-check-pain", button.dataset.checkPain);
      answered();
    });
  }
  for (const button of document.querySelectorAll("[data-check-reach]")) {
    button.addEventListener("click", () => {
      const engine = p && p.engine();
      if (!engine || engine.state !== "asking_check") return;
      engine.answer_reach(button.dataset.checkReach);
      press("data-check-reach", button.dataset.checkReach);
      $("check-good").hidden = button.dataset.checkReach !== "less";
      answered();
    });
  }
  if ($("check-done")) $("check-done").addEventListener("click", () => finish(false));
  if ($("check-skip")) $("check-skip").addEventListener("click", () => finish(true));

  window.AfterCheck = AfterCheck;
})();
