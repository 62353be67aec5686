// Reminders on the account page: fills in this browser's time zone, and turns reminders to
// this browser on or off (a service worker, the browser's push subscription, and the server's
// copy of it). Without this script the times can still be saved; only the subscribing needs it.
(function () {
  "use strict";
  const box = document.getElementById("push");
  if (!box) return;
  const status = document.getElementById("push-status");
  const hint = document.getElementById("push-hint");
  const on = document.getElementById("push-on");
  const off = document.getElementById("push-off");
  const zoneField = document.getElementById("time_zone");
  const SUBSCRIBE_WAIT = 30000;

  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }
  if (zoneField && !zoneField.value) zoneField.value = browserZone();

  function say(text, more) {
    status.textContent = text;
    hint.textContent = more || "";
    hint.hidden = !more;
  }
  function show(state) {
    on.hidden = state !== "off";
    off.hidden = state !== "on";
  }
  function cookie(name) {
    const found = document.cookie.split("; ").find((part) => part.startsWith(name + "="));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }
  function api(method, url, body) {
    const headers = { "X-CSRF-Token": cookie("csrf_token") };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(url, {
      method, credentials: "same-origin", headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  function base64url(buffer) {
    const text = String.fromCharCode(...new Uint8Array(buffer));
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  async function idOf(subscription) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(subscription.endpoint));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function withTimeout(promise, ms) {
    let timer;
    const late = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { name: "TimeoutError" })), ms);
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  }

  if (!window.isSecureContext) {
    say("This browser cannot get reminders from this site: the connection to it is not secure.",
      "Use the calendar file below, or ask whoever runs this site to set it up with HTTPS.");
    return;
  }
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    const apple = /iPhone|iPad|iPod/.test(navigator.userAgent) ||
      (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
    say("This browser cannot get reminders from this site.", apple
      ? "On an iPhone or iPad: add this site to your Home Screen (Share, then Add to Home Screen), open it from there, and turn reminders on in that window."
      : "Use the calendar file below instead.");
    return;
  }

  function blocked() {
    say("Notifications are blocked for this site in this browser.",
      "To get reminders here, allow notifications for this site in the browser's settings, then reload this page.");
    show("none");
  }

  async function current() {
    const registration = await navigator.serviceWorker.getRegistration("/");
    return registration ? registration.pushManager.getSubscription() : null;
  }

  async function keep(subscription) {
    const body = Object.assign(subscription.toJSON(), { time_zone: browserZone() });
    const answer = await api("POST", "/api/push/subscriptions", body);
    if (!answer.ok) throw Object.assign(new Error("refused"), { name: "ServerRefused" });
  }

  function saidOn() {
    say("This browser gets your reminders.", box.dataset.saved ? "" :
      "Until you save your own times above, they come every day at 09:00.");
    show("on");
  }

  async function refresh() {
    if (Notification.permission === "denied") return blocked();
    const subscription = await current();
    if (subscription) {
      const answer = await fetch("/api/push/subscriptions/" + await idOf(subscription), { credentials: "same-origin" });
      if (answer.ok) {
        await keep(subscription); // tied to this signed-in browser, with its newest keys
        return saidOn();
      }
    }
    say("This browser does not get your reminders.");
    show("off");
  }

  function reason(error) {
    const name = error && error.name;
    if (name === "NotAllowedError" || name === "AbortError") {
      return "The browser refused. A private window cannot get reminders; in a normal window, check that notifications are allowed for this site, then try again.";
    }
    if (name === "TimeoutError") return "The browser's push service did not answer. Try again later.";
    if (name === "ServerRefused") return "This site did not take this browser's subscription. Try again later.";
    return "Try again later, or use the calendar file below.";
  }

  on.addEventListener("click", async () => {
    on.disabled = true;
    say("Turning reminders on…");
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        if (permission === "denied") return blocked();
        say("Reminders stay off: this browser was not allowed to show notifications.", "Press the button again to allow them.");
        return show("off");
      }
      await navigator.serviceWorker.register("/sw.js");
      const registration = await navigator.serviceWorker.ready;
      let subscription = await registration.pushManager.getSubscription();
      const key = subscription && subscription.options && subscription.options.applicationServerKey;
      if (subscription && key && base64url(key) !== box.dataset.key) {
        await subscription.unsubscribe(); // made for another server key: it would not work
        subscription = null;
      }
      if (!subscription) {
        subscription = await withTimeout(registration.pushManager.subscribe({
          userVisibleOnly: true, applicationServerKey: box.dataset.key,
        }), SUBSCRIBE_WAIT);
      }
      await keep(subscription);
      saidOn();
    } catch (error) {
      say("Reminders could not be turned on in this browser.", reason(error));
      show("off");
    } finally {
      on.disabled = false;
    }
  });

  off.addEventListener("click", async () => {
    off.disabled = true;
    try {
      const subscription = await current();
      if (subscription) {
        await api("DELETE", "/api/push/subscriptions/" + await idOf(subscription));
        await subscription.unsubscribe();
      }
      say("This browser no longer gets your reminders.");
      show("off");
    } catch (error) {
      say("Reminders could not be turned off here just now.", "Try again later.");
    } finally {
      off.disabled = false;
    }
  });

  refresh().catch(() => {
    say("Could not find out whether this browser gets your reminders.", "Reload the page to try again.");
    show("off");
  });
})();
