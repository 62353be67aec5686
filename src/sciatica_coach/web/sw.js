// Sciatica Coach's service worker, served at /sw.js (scope "/") by web/pages/offline.py, which
// fills in VERSION (a digest of the static files) and SHELL (the files every page needs).
//
// What it does:
// - keeps the shell (scripts, styles, icons, the manifest, the offline page) for this version;
// - keeps the signed-in person's pages (today, the player, the diary) and figures as they are
//   fetched, and serves them when the server cannot be reached; the player only with a plan
//   fetched in the last 24 hours that the server did not block (queue.js, playableTimeline);
// - a played session (POST /api/sessions) or a diary form (POST /diary) that cannot reach
//   the server goes to the outbox (IndexedDB, queue.js) under an idempotency key, and the
//   pages send it when the network returns (offline.js). Each session is sent with a key
//   from the first try, so a lost answer is never stored twice.
// Anything else goes to the network untouched (the timeline too: offline.js keeps it).
"use strict";

const VERSION = "__VERSION__";
const SHELL_FILES = __SHELL__;

importScripts("/static/queue.js");

// ---- Web Push ------------------------------------------------------------------------------
// The reminders' push handler (it needs nothing else from this file, and this file nothing
// from it).
importScripts("/static/sw-push.js");
// ----------------------------------------------------------------------------------------------

const Q = self.SciaticaQueue;
const SHELL = Q.SHELL_PREFIX + VERSION;
const KEPT_PAGES = new Set(["/today", "/session", "/diary"]);
const UNREACHABLE = new Set([502, 503, 504]); // a proxy's answer when the app is down
const SIGNING_OUT = new Set(["/logout", "/account/delete"]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(SHELL_FILES.map((path) => new Request(path, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(Q.SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST") {
    // A session is kept only when this worker made its key: the pages' own sending (which
    // carries the key already) must see the network's answer, not the outbox's.
    if (url.pathname === "/api/sessions" && !request.headers.has("Idempotency-Key")) {
      event.respondWith(sendSession(event));
    } else if (url.pathname === "/diary" && request.mode === "navigate") {
      event.respondWith(sendDiaryForm(event));
    } else if (SIGNING_OUT.has(url.pathname) && request.mode === "navigate") {
      event.respondWith(signOut(event, url.pathname));
    }
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, url));
  } else if (url.pathname.startsWith("/static/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(fromCacheFirst(SHELL, request));
  } else if (url.pathname.startsWith("/figures/")) {
    event.respondWith(figure(request));
  }
});

// Figures are kept with the person's copies (which ones they see tells their plan), so only
// while someone is signed in.
async function figure(request) {
  const account = await Q.meta.get("account");
  if (!account) return fetch(request);
  const found = await caches.match(request, { cacheName: Q.PERSONAL, ignoreSearch: true });
  if (found) return found;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await Q.keep(request, response.clone(), account);
  return response;
}

async function fromCacheFirst(name, request) {
  const cache = await caches.open(name);
  const found = await cache.match(request, { ignoreSearch: true });
  if (found) return found;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

// ---- pages ---------------------------------------------------------------------------------

async function navigate(event, url) {
  let response = null;
  try {
    response = await fetch(event.request);
  } catch (err) {
    response = null;
  }
  if (response !== null && !UNREACHABLE.has(response.status)) {
    if (KEPT_PAGES.has(url.pathname) && !url.search && response.ok && !response.redirected) {
      event.waitUntil(keepPage(url.pathname, response.clone()).catch(() => {}));
    }
    return response;
  }
  return (await keptPage(url)) || offlinePage("page");
}

// A page of the signed-in person's, kept as their copy. The player is kept only while there
// is something to play: a blocked plan's page (or a redirect) drops the kept player and plan.
async function keepPage(path, response) {
  const html = await response.clone().text();
  const account = Q.accountOf(html);
  if (!account) return;
  await Q.claimAccount(account);
  if (path === "/session" && !html.includes('id="player"')) {
    await Q.drop("/session", "/api/timeline");
    return;
  }
  await Q.keep(path, response, account);
}

async function keptPage(url) {
  if (url.pathname === "/session") {
    const plan = await Q.playableTimeline();
    if (!plan.ok) return offlinePage(plan.reason);
  }
  const found = await Q.kept(url.pathname);
  if (!found) return null;
  // The page says it is the copy kept on this phone (offline.js tells the person).
  const html = (await found.text()).replace("<body ", `<body data-offline-copy="${Q.fetchedAt(found)}" `);
  return new Response(html, { status: 200, headers: found.headers });
}

async function offlinePage(reason) {
  const cache = await caches.open(SHELL);
  const found = await cache.match("/offline");
  if (!found) {
    return new Response("You are offline.", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
  const html = (await found.text()).replace(`data-reason="${reason}" hidden`, `data-reason="${reason}"`);
  return new Response(html, { status: 200, headers: found.headers });
}

// Signed out (or the account deleted: the server answers a redirect only when it is): nothing
// personal stays on the phone. The pages asked first about anything unsent (offline.js);
// what a deleted account left unsent goes with it. With no connection, nothing changes.
async function signOut(event, path) {
  const account = (await Q.meta.get("account")) || "";
  const response = await reachable(event.request);
  if (response === null) return offlinePage("sign-out");
  if (path === "/logout" || response.type === "opaqueredirect") {
    if (path === "/account/delete" && account) await Q.forget(account);
    else await Q.claimAccount("");
  }
  return response;
}

// ---- writes that wait for the network --------------------------------------------------------

async function reachable(request) {
  try {
    const response = await fetch(request);
    return UNREACHABLE.has(response.status) ? null : response;
  } catch (err) {
    return null;
  }
}

async function tellPages() {
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage({ type: "outbox" });
  }
}

async function sendSession(event) {
  const request = event.request;
  const body = await request.clone().text();
  const key = Q.newKey();
  const headers = new Headers(request.headers);
  headers.set("Idempotency-Key", key);
  const sent = await reachable(
    new Request(request.url, { method: "POST", headers, body, credentials: "same-origin" }),
  );
  if (sent !== null) return sent;
  let record = null;
  try {
    record = JSON.parse(body);
  } catch (err) {
    return new Response("", { status: 503 });
  }
  await Q.outbox.put({
    key,
    kind: "session",
    url: "/api/sessions",
    body: record,
    account: (await Q.meta.get("account")) || "",
    created: Date.now(),
    state: "waiting",
  });
  event.waitUntil(tellPages());
  const hurt = record.feeling === "worse" || (record.pain_stops || []).length > 0;
  const answer = { ...record, id: null, queued: true, advice: hurt ? await keptAdvice() : null };
  return new Response(JSON.stringify(answer), {
    status: 202,
    headers: { "Content-Type": "application/json" },
  });
}

async function keptAdvice() {
  const found = await Q.kept("/api/sessions/advice");
  return found ? found.json() : null;
}

// The diary form, as the server reads it (pages/forms.py): checked here only as far as it must
// be to be sent later; the server checks it again.
function entryOf(form) {
  const text = (name) => String(form.get(name) || "").trim();
  const values = {};
  for (const name of ["date", "leg_pain", "back_pain", "reaches", "note"]) values[name] = text(name);
  for (const name of ["tingling", "numbness", "weakness"]) values[name] = form.get(name) ? "on" : "";
  const problems = [];
  const today = Q.localDay(new Date());
  const day = values.date || today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day > today) problems.push("date");
  for (const name of ["leg_pain", "back_pain"]) {
    if (!/^\d{1,2}$/.test(values[name]) || Number(values[name]) > 10) problems.push(name);
  }
  if (values.note.length > 2000) problems.push("note");
  const entry = {
    date: day,
    leg_pain: Number(values.leg_pain),
    back_pain: Number(values.back_pain),
    tingling: !!values.tingling,
    numbness: !!values.numbness,
    weakness: !!values.weakness,
    reaches: values.reaches || null,
    note: values.note,
  };
  return { values, problems, entry };
}

async function sendDiaryForm(event) {
  const form = await event.request.clone().formData();
  const sent = await reachable(event.request);
  if (sent !== null) return sent;
  const { values, problems, entry } = entryOf(form);
  if (problems.length) {
    // Nothing kept: the diary page shows the form again as it was, with what to change.
    await Q.meta.set("draft", { values, problems });
    return Response.redirect("/diary?offline=check", 303);
  }
  const account = (await Q.meta.get("account")) || "";
  // One entry a day waits on this phone: saving the day again changes the waiting one.
  for (const item of await Q.outbox.of(account)) {
    if (item.kind === "diary" && item.state === "waiting" && item.body.date === entry.date) {
      await Q.outbox.remove(item.key);
    }
  }
  await Q.outbox.put({
    key: Q.newKey(),
    kind: "diary",
    url: "/api/diary",
    body: entry,
    account,
    created: Date.now(),
    state: "waiting",
  });
  await Q.meta.remove("draft");
  event.waitUntil(tellPages());
  return Response.redirect("/diary?offline=saved", 303);
}
