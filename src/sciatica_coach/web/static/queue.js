// Sciatica Coach: what the phone keeps for offline use, shared by the pages (offline.js) and
// the service worker (sw.js, which loads this file with importScripts).
//
// - The outbox (IndexedDB "sciatica-coach", store "outbox"): a session played or a diary
//   entry saved while the server could not be reached, each under the idempotency key it is
//   sent with, and the account it belongs to. It is sent by the pages when the network returns
//   (offline.js); the server stores each key once, so sending again is always safe.
// - The personal cache (Cache Storage "sciatica-personal"): the signed-in person's plan,
//   timeline, player, diary page and figures, each stamped with when it was fetched. It holds
//   one person's copies: another account's pages, or a signed-out page, empty it first.
(function (scope) {
  "use strict";

  const DB_NAME = "sciatica-coach";
  const DB_VERSION = 1;
  const PERSONAL = "sciatica-personal";
  const SHELL_PREFIX = "sciatica-shell-";
  const FETCHED_AT = "x-fetched-at"; // header stamped on every copy kept
  const PLAN_HOURS = 24; // a plan fetched longer ago than this is not played offline

  let opened = null;

  function open() {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const request = scope.indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains("outbox")) db.createObjectStore("outbox", { keyPath: "key" });
        if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta", { keyPath: "name" });
      };
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => {
          db.close();
          opened = null;
        };
        resolve(db);
      };
      request.onerror = () => {
        opened = null;
        reject(request.error);
      };
    });
    return opened;
  }

  // One transaction on one store: `work(store)` returns a request (or nothing); the promise
  // resolves with its result once the transaction has committed.
  async function run(storeName, mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(storeName, mode);
      const request = work(tx.objectStore(storeName));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  const outbox = {
    all: () => run("outbox", "readonly", (s) => s.getAll()),
    get: (key) => run("outbox", "readonly", (s) => s.get(key)),
    put: (item) => run("outbox", "readwrite", (s) => s.put(item)),
    remove: (key) => run("outbox", "readwrite", (s) => s.delete(key)),
    // What one account has waiting, oldest first.
    async of(account) {
      const items = await outbox.all();
      return items.filter((i) => i.account === account).sort((a, b) => a.created - b.created);
    },
    async removeAccount(account) {
      for (const item of await outbox.of(account)) await outbox.remove(item.key);
    },
  };

  const meta = {
    async get(name) {
      const found = await run("meta", "readonly", (s) => s.get(name));
      return found ? found.value : undefined;
    },
    set: (name, value) => run("meta", "readwrite", (s) => s.put({ name, value })),
    remove: (name) => run("meta", "readwrite", (s) => s.delete(name)),
  };

  // The personal cache belongs to one account ("id:name"; "" when signed out). Before a
  // page or a copy of another account's is kept, or when a page is signed out, it is emptied.
  // The account changes first and the cache goes after it: a copy on its way in meanwhile
  // (`keep`, in this page, another tab or the service worker) then finds the account changed
  // and takes the cache with it, so nothing of the account before is left behind.
  async function claimAccount(account) {
    const before = await meta.get("account");
    if (before === account) return;
    await meta.set("account", account);
    await scope.caches.delete(PERSONAL);
    await meta.remove("draft");
  }

  // Everything personal this phone holds for an account: its copies and its outbox.
  async function forget(account) {
    await meta.set("account", "");
    await scope.caches.delete(PERSONAL);
    await outbox.removeAccount(account);
    await meta.remove("draft");
  }

  function newKey() {
    if (scope.crypto && scope.crypto.randomUUID) return scope.crypto.randomUUID();
    const bytes = new Uint8Array(16);
    scope.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // A copy of a response, stamped with when it was fetched.
  async function stamped(response) {
    const headers = new Headers(response.headers);
    headers.set(FETCHED_AT, String(Date.now()));
    const body = await response.blob();
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  }

  // A copy kept for `account` (a path or a request), while that is still the phone's account.
  async function keep(path, response, account) {
    const cache = await scope.caches.open(PERSONAL);
    await cache.put(path, await stamped(response));
    if ((await meta.get("account")) !== account) await scope.caches.delete(PERSONAL);
  }

  async function drop(...paths) {
    if (!(await scope.caches.has(PERSONAL))) return;
    const cache = await scope.caches.open(PERSONAL);
    for (const path of paths) await cache.delete(path);
  }

  // A kept copy, or undefined (reading never makes the cache: signed out, there is none).
  const kept = (path) => scope.caches.match(path, { cacheName: PERSONAL });

  const fetchedAt = (response) => Number(response.headers.get(FETCHED_AT)) || 0;

  // The kept timeline, when it may be played with no network: fetched in the last 24 hours,
  // not blocked (the server said so when it was fetched), with something to play.
  async function playableTimeline() {
    const found = await kept("/api/timeline");
    if (!found) return { ok: false, reason: "no-plan" };
    if (Date.now() - fetchedAt(found) > PLAN_HOURS * 3600 * 1000) return { ok: false, reason: "old-plan" };
    let doc = null;
    try {
      doc = await found.clone().json();
    } catch (err) {
      return { ok: false, reason: "no-plan" };
    }
    if (doc.blocked || !doc.cues || !doc.cues.length) return { ok: false, reason: "no-plan" };
    return { ok: true, response: found };
  }

  // The account a page belongs to, from its HTML (base.html writes it on <body>); null when
  // the page does not say (an error page).
  function accountOf(html) {
    const found = /<body[^>]*\sdata-account="([^"]*)"/.exec(html);
    return found ? found[1] : null;
  }

  function localDay(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  scope.SciaticaQueue = {
    PERSONAL,
    SHELL_PREFIX,
    PLAN_HOURS,
    outbox,
    meta,
    claimAccount,
    forget,
    newKey,
    keep,
    kept,
    drop,
    fetchedAt,
    playableTimeline,
    accountOf,
    localDay,
  };
})(self);
