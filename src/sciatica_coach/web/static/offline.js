// Sciatica Coach: installed and offline, on every page (after queue.js, before the page's own
// script).
//
// - Registers the service worker (/sw.js), and ties the phone's kept copies to the account
//   the page belongs to (<body data-account>): another account's, or a signed-out page, empty
//   them first (queue.js, claimAccount).
// - Keeps the plan for the player: SciaticaOffline.timeline(url) fetches the timeline; with
//   no network it answers the kept one when it may be played (fetched in the last 24 hours,
//   not blocked). A fetched timeline is kept with its figures, the player, today and the
//   diary page; a blocked one drops them.
// - Sends the outbox (what was saved with no connection) when the network returns: on load,
//   when the browser comes online, when the service worker keeps something, and every few
//   seconds while something waits. Each item carries its idempotency key, so the server
//   stores it once however often it is sent. A day that has an entry on the server already
//   is not overwritten: both are shown and the person chooses.
// - Says what is waiting, at the top of every page.
// - Signing out with something unsent asks first (send now, or discard); signing out forgets
//   everything kept on this phone for the person (here, and in the service worker).
(function () {
  "use strict";

  const Q = window.SciaticaQueue;
  const body = document.body;
  // Cache Storage and service workers need a secure origin (HTTPS, or localhost): elsewhere
  // the pages work as before, online only.
  if (!Q || !window.isSecureContext || !("caches" in window) || !("indexedDB" in window)) return;

  const account = body.dataset.account; // undefined: the page does not say (an error page)
  const params = new URLSearchParams(location.search);
  const UNREACHABLE = new Set([502, 503, 504]);
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const REACHES = {
    back: "the back only",
    buttock: "the buttock",
    thigh: "the thigh",
    below_knee: "below the knee",
    foot: "the foot",
  };
  const DIARY_PROBLEMS = {
    date: "Choose today or a day before it.",
    leg_pain: "Choose how bad the leg pain is, from 0 to 10.",
    back_pain: "Choose how bad the back pain is, from 0 to 10.",
    note: "Make the note 2000 characters or shorter.",
  };
  const RETRY_FIRST_MS = 2000;
  const RETRY_MOST_MS = 10000;

  // "24 Nov 2026", as the pages write dates (web/dates.py)
  const forPeople = (iso) => {
    const [year, month, day] = String(iso).split("-").map(Number);
    return `${day} ${MONTHS[month - 1]} ${year}`;
  };
  const clock = (ms) => {
    const at = new Date(ms);
    const pad = (n) => String(n).padStart(2, "0");
    return `${forPeople(Q.localDay(at))}, ${pad(at.getHours())}:${pad(at.getMinutes())}`;
  };

  function cookie(name) {
    const found = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  function element(tag, attributes, ...children) {
    const made = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) made.setAttribute(name, value);
    for (const child of children) made.append(child);
    return made;
  }

  // ---- the account these copies belong to ---------------------------------------------------

  const ready = (account === undefined ? Promise.resolve() : Q.claimAccount(account)).catch(() => {});

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(() => {}); // offline: the next page
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "outbox") {
        render();
        later(RETRY_FIRST_MS);
      }
    });
  }

  // ---- the plan, for the player -------------------------------------------------------------

  async function timeline(url) {
    await ready;
    let response = null;
    try {
      response = await fetch(url, { credentials: "same-origin" });
    } catch (err) {
      response = null;
    }
    if (response !== null && !UNREACHABLE.has(response.status)) {
      if (response.ok) keepPlan(response.clone()).catch(() => {});
      return response;
    }
    const plan = await Q.playableTimeline();
    if (plan.ok) return plan.response;
    return new Response(JSON.stringify({ detail: "No connection, and no plan kept to play." }), {
      status: 503,
      headers: { "Content-Type": "application/json" },
    });
  }

  // Everything the player needs with no network, kept as it is now; a blocked plan (the
  // server decides) drops the kept player and plan instead. The pages for after the session
  // (today, the diary) are kept when they are missing or old, and not while a session plays:
  // the player's timing comes first.
  const EXTRAS = ["/session", "/today", "/diary", "/api/sessions/advice"];
  const EXTRAS_HOURS = 12;

  async function keepPlan(response) {
    const doc = await response.clone().json();
    if (doc.blocked || !doc.cues || !doc.cues.length) {
      await Q.drop("/api/timeline", "/session");
      return;
    }
    await Q.keep("/api/timeline", response, account);
    const figures = new Set();
    for (const cue of doc.cues) {
      for (const [name, value] of Object.entries(cue)) {
        if (name === "figure" && typeof value === "string" && value) {
          figures.add(`/figures/${encodeURIComponent(value)}.svg`);
        }
      }
    }
    for (const path of figures) if (!(await Q.kept(path))) await keepCopy(path);
    await notPlaying();
    for (const path of EXTRAS) {
      const found = await Q.kept(path);
      if (!found || Date.now() - Q.fetchedAt(found) > EXTRAS_HOURS * 3600 * 1000) await keepCopy(path);
    }
    body.dataset.offlineReady = "true";
  }

  function notPlaying() {
    return new Promise((resolve) => {
      const check = () => {
        if (body.dataset.playing === "true") window.setTimeout(check, 1000);
        else resolve();
      };
      window.setTimeout(check, 1500);
    });
  }

  async function keepCopy(path) {
    try {
      const response = await fetch(path, { credentials: "same-origin" });
      if (!response.ok || response.redirected) return;
      if ((response.headers.get("Content-Type") || "").startsWith("text/html")) {
        const html = await response.clone().text();
        if (Q.accountOf(html) !== account) return;
        if (path === "/session" && !html.includes('id="player"')) return;
      }
      await Q.keep(path, response, account);
    } catch (err) {
      // no connection: the copy kept before stays
    }
  }

  // The player's hook: a session kept in the outbox says so on the "saved" screen.
  document.addEventListener("sessionsaved", (event) => {
    if (!event.detail || !event.detail.queued) return;
    const saved = document.getElementById("saved");
    if (!saved) return;
    let note = document.getElementById("saved-offline");
    if (!note) {
      note = element("p", { id: "saved-offline", class: "notice" });
      saved.querySelector("h2").after(note);
    }
    note.textContent =
      "There is no connection: your session is saved on this phone, and it is sent when the " +
      "connection returns.";
    render();
  });

  // ---- sending the outbox -------------------------------------------------------------------

  let sending = null;
  let retryMs = RETRY_FIRST_MS;
  let timer = null;
  let said = "";
  let connected = false; // the server answered since this page (a kept copy) was shown
  let unsent = null; // how many of this person's wait on this phone (null: not read yet)

  function later(ms) {
    if (timer !== null) window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      timer = null;
      send();
    }, ms);
  }

  function send() {
    if (!sending) {
      const work = () => sendAll();
      const locked = navigator.locks ? navigator.locks.request("sciatica-outbox", work) : work();
      sending = locked.finally(() => {
        sending = null;
      });
    }
    return sending;
  }

  async function post(url, body, key) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRF-Token": cookie("csrf_token"),
        "Idempotency-Key": key,
      },
      body: JSON.stringify(body),
    });
  }

  const sameEntry = (a, b) =>
    ["date", "leg_pain", "back_pain", "tingling", "numbness", "weakness", "note"].every(
      (name) => a[name] === b[name],
    ) && (a.reaches || null) === (b.reaches || null);

  // One item: "sent", "asked" (a day to choose), "refused", or "stop" (no network, not signed
  // in, a server error: try again later).
  async function sendOne(item) {
    const url = item.keep ? `${item.url}?replace=true` : item.url;
    const key = item.keep ? `${item.key}:keep` : item.key;
    let response = null;
    try {
      response = await post(url, item.body, key);
      if (response.status === 403) {
        await fetch("/api/csrf", { credentials: "same-origin" }); // a new token, then again
        response = await post(url, item.body, key);
      }
    } catch (err) {
      return "stop";
    }
    if (!UNREACHABLE.has(response.status)) connected = true;
    if (response.ok) {
      await Q.outbox.remove(item.key);
      return "sent";
    }
    if (response.status === 409 && item.kind === "diary") {
      let there = null;
      try {
        const taken = await response.json();
        const found = await fetch(`/api/diary/${Number(taken.id)}`, { credentials: "same-origin" });
        there = found.ok ? await found.json() : null;
      } catch (err) {
        return "stop";
      }
      if (there !== null && sameEntry(there, item.body)) {
        await Q.outbox.remove(item.key); // it is there already, as it was saved here
        return "sent";
      }
      await Q.outbox.put({ ...item, state: "conflict", there });
      return "asked";
    }
    if (response.status === 422 || response.status === 404) {
      await Q.outbox.put({ ...item, state: "refused" });
      return "refused";
    }
    return "stop";
  }

  async function sendAll() {
    await ready;
    if (!account) return;
    const sent = [];
    let stopped = false;
    for (const item of await Q.outbox.of(account)) {
      if (item.state !== "waiting") continue;
      const result = await sendOne(item);
      if (result === "sent") sent.push(item);
      if (result === "stop") {
        stopped = true;
        break;
      }
    }
    if (sent.length) said = `Sent: ${sent.map(what).join(", ")}.`;
    else if (stopped) said = "";
    if (stopped) {
      later(retryMs);
      retryMs = Math.min(RETRY_MOST_MS, retryMs * 2);
    } else {
      retryMs = RETRY_FIRST_MS;
    }
    await render();
  }

  const what = (item) =>
    item.kind === "session"
      ? `your session of ${forPeople(item.body.day || Q.localDay(new Date(item.created)))}`
      : `your diary entry for ${forPeople(item.body.date)}`;

  function entryText(entry) {
    const parts = [`Leg ${entry.leg_pain} · Back ${entry.back_pain}`];
    const felt = ["tingling", "numbness", "weakness"].filter((name) => entry[name]);
    if (felt.length) parts.push(felt.join(", "));
    if (entry.reaches) parts.push(`reaches ${REACHES[entry.reaches] || entry.reaches}`);
    if (entry.note) parts.push(`“${entry.note}”`);
    return parts.join("; ");
  }

  // ---- what the page says ---------------------------------------------------------------------

  const main = document.getElementById("main");
  const box = element("section", { id: "outbox", class: "outbox", "aria-label": "Saved on this phone" });
  const news = element("p", { id: "outbox-news", "aria-live": "polite" });
  box.hidden = true;
  if (main) main.prepend(box, news);

  async function render() {
    await ready;
    const parts = [];
    if (body.dataset.offlineCopy && connected) {
      const again = element("a", { href: location.pathname }, "Reload this page");
      parts.push(element("p", { class: "offline-copy" }, "The connection is back. ", again,
        " to see it as it is now.")); // prettier-ignore
    } else if (body.dataset.offlineCopy) {
      const when = clock(Number(body.dataset.offlineCopy));
      parts.push(element("p", { class: "offline-copy" },
        `No connection: this is the copy kept on this phone on ${when}.`)); // prettier-ignore
    }
    if (account === "") {
      const others = (await Q.outbox.all()).length;
      if (others) {
        parts.push(
          element(
            "p",
            {},
            `Saved on this phone and not sent yet: ${others === 1 ? "one entry" : `${others} entries`}. ` +
              "Sign in as the person who saved them to send them.",
          ),
        );
      }
    } else if (account) {
      const mine = await Q.outbox.of(account);
      unsent = mine.length;
      const waiting = mine.filter((i) => i.state === "waiting");
      if (waiting.length) {
        const list = waiting.map(what).join(", ");
        const lead = params.get("offline") === "saved" ? "Saved on this phone. " : "";
        parts.push(
          element(
            "p",
            { class: "waiting" },
            element("strong", {}, `${lead}Not sent yet: `),
            `${list}. ${waiting.length === 1 ? "It is" : "They are"} sent when the connection ` +
              "returns.",
          ),
        );
        const now = element("button", { type: "button", class: "button", id: "send-now" }, "Send now");
        now.addEventListener("click", async () => {
          now.disabled = true;
          await send();
          if ((await Q.outbox.of(account)).some((i) => i.state === "waiting")) {
            said = "Not sent: there is still no connection.";
            await render();
          }
        });
        parts.push(now);
      }
      for (const item of mine.filter((i) => i.state === "conflict")) parts.push(conflict(item));
      for (const item of mine.filter((i) => i.state === "refused")) parts.push(refused(item));
    }
    box.replaceChildren(...parts);
    box.hidden = parts.length === 0;
    if (news.textContent !== said) news.textContent = said;
  }

  // A day with an entry on the server already: both, and the person's choice.
  function conflict(item) {
    const day = forPeople(item.body.date);
    const keep = element("button", { type: "button", class: "button primary", "data-keep": "phone" },
      "Keep the one from this phone");
    const leave = element("button", { type: "button", class: "button", "data-keep": "server" },
      "Keep the one saved before");
    keep.addEventListener("click", async () => {
      await Q.outbox.put({ ...item, state: "waiting", keep: true });
      await send();
    });
    leave.addEventListener("click", async () => {
      await Q.outbox.remove(item.key);
      said = `The entry for ${day} saved before is kept.`;
      await render();
    });
    const there = item.there ? entryText(item.there) : "(it could not be read)";
    return element(
      "div",
      { class: "conflict", role: "group", "aria-labelledby": `conflict-${item.key}` },
      element("p", { id: `conflict-${item.key}` },
        element("strong", {}, `${day} has two entries.`),
        " The one saved on this phone with no connection was not sent over the one saved " +
          "before. Which one do you keep?"),
      element("dl", { class: "both" },
        element("dt", {}, "From this phone"), element("dd", { "data-entry": "phone" }, entryText(item.body)),
        element("dt", {}, "Saved before"), element("dd", { "data-entry": "server" }, there)),
      element("div", { class: "actions" }, keep, leave),
    ); // prettier-ignore
  }

  function refused(item) {
    const drop = element("button", { type: "button", class: "button" }, "Discard it");
    drop.addEventListener("click", async () => {
      await Q.outbox.remove(item.key);
      await render();
    });
    return element(
      "div",
      { class: "conflict" },
      element("p", {}, `Not accepted by the server: ${what(item)} (a day after today, or a ` +
        "value out of range). It cannot be sent as it is."),
      drop,
    ); // prettier-ignore
  }

  // ---- the diary page with no connection ------------------------------------------------------

  function fill(form, values) {
    for (const name of ["leg_pain", "back_pain"]) {
      for (const radio of form.querySelectorAll(`input[name="${name}"]`)) {
        radio.checked = values !== null && radio.value === String(values[name]);
      }
    }
    for (const name of ["tingling", "numbness", "weakness"]) {
      form.elements.namedItem(name).checked = values !== null && !!values[name];
    }
    form.elements.namedItem("reaches").value = (values && values.reaches) || "";
    form.elements.namedItem("note").value = (values && values.note) || "";
  }

  async function diaryPage() {
    const form = document.querySelector("form[data-day-form]");
    if (!form) return;
    const date = form.elements.namedItem("date");
    const today = Q.localDay(new Date());
    if (body.dataset.offlineCopy && date.max < today) date.max = today;
    const heading = document.getElementById("log-heading");
    const status = document.getElementById("day-status");
    if (body.dataset.offlineCopy && !params.get("date") && date.value !== today) {
      // The copy was kept on another day: the form is about today.
      fill(form, null);
      date.value = today;
      form.elements.namedItem("shown").value = today;
      form.elements.namedItem("entry_id").value = "";
      if (heading) heading.textContent = heading.dataset.today;
      if (status) status.textContent = status.dataset.empty;
    }
    const waiting = (await Q.outbox.of(account || "")).find(
      (i) => i.kind === "diary" && i.state === "waiting" && i.body.date === date.value,
    );
    if (waiting && params.get("offline") !== "check") {
      fill(form, waiting.body);
      if (status) status.textContent = "Saved on this phone for this day, not sent yet: saving again changes it.";
    }
    if (params.get("offline") !== "check") return;
    const draft = await Q.meta.get("draft");
    if (!draft) return;
    fill(form, draft.values);
    date.value = draft.values.date || today;
    const problems = element("div", { class: "error-summary", id: "offline-problems", tabindex: "-1" },
      element("h2", {}, "Nothing is saved yet"),
      element("ul", {}, ...draft.problems.map((name) => element("li", {}, DIARY_PROBLEMS[name] || name))),
    ); // prettier-ignore
    form.before(problems);
    problems.focus();
  }

  // ---- signing out ----------------------------------------------------------------------------

  async function reachable() {
    try {
      const response = await fetch("/api/csrf", { cache: "no-store", credentials: "same-origin" });
      return !UNREACHABLE.has(response.status);
    } catch (err) {
      return false;
    }
  }

  async function leave(form) {
    await Q.forget(account);
    form.submit();
  }

  function dialog(title, text, buttons) {
    const old = document.getElementById("sign-out");
    if (old) old.remove();
    const said = element("p", { id: "sign-out-said", "aria-live": "polite" });
    const shown = element("dialog", { id: "sign-out", class: "sign-out", "aria-labelledby": "sign-out-title" },
      element("h2", { id: "sign-out-title" }, title),
      element("p", {}, text),
      said,
      element("div", { class: "actions" }, ...buttons),
    ); // prettier-ignore
    body.append(shown);
    shown.showModal();
    return said;
  }

  function button(text, kind, action) {
    const made = element("button", { type: "button", class: `button ${kind}` }, text);
    made.addEventListener("click", action);
    return made;
  }

  async function signOut(form) {
    const mine = await Q.outbox.of(account);
    const close = () => document.getElementById("sign-out").close();
    if (!mine.length) return leave(form);
    const list = mine.map(what).join(", ");
    let said = null;
    const sendThenLeave = async () => {
      said.textContent = "Sending…";
      await send();
      const left = await Q.outbox.of(account);
      if (!left.length) return leave(form);
      said.textContent = left.some((i) => i.state === "conflict")
        ? "A day needs your choice first: close this and choose at the top of the page."
        : "Not everything could be sent: there is no connection. Try again later, or discard them.";
    };
    const discardThenLeave = async () => {
      if (!(await reachable())) {
        said.textContent = "Signing out needs the connection: nothing is discarded.";
        return;
      }
      await leave(form);
    };
    said = dialog(
      "Not sent yet",
      `Saved on this phone and not sent yet: ${list}. Signing out removes everything kept on ` +
        "this phone. Send them first?",
      [
        button("Send now, then sign out", "primary", sendThenLeave),
        button("Discard them and sign out", "danger", discardThenLeave),
        button("Stay signed in", "", close),
      ],
    );
  }

  // With nothing unsent, signing out goes as it always did (the service worker empties the
  // kept copies once the server has signed the person out); with something unsent, it asks.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (form.getAttribute("action") !== "/logout" || !account || unsent === 0) return;
      event.preventDefault();
      signOut(form).catch(() => form.submit());
    },
    true,
  );

  // ---- start ------------------------------------------------------------------------------------

  window.addEventListener("online", () => send());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") send();
  });
  window.SciaticaOffline = { timeline, send, ready, render };
  ready.then(() => {
    diaryPage().catch(() => {});
    render();
    send();
  });
})();
