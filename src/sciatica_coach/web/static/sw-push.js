// Reminders that arrive: the server's Web Push message (JSON: title, body, url, tag) shown as
// a notification; a tap opens the page it names, in a window of this site if one is open.
// Loaded by the service worker at /sw.js (importScripts).
(function () {
  "use strict";

  function sameSite(path) {
    try {
      const url = new URL(path || "/", self.location.origin);
      return url.origin === self.location.origin ? url.href : self.location.origin + "/";
    } catch (error) {
      return self.location.origin + "/";
    }
  }

  self.addEventListener("push", (event) => {
    let message = {};
    try {
      message = event.data ? event.data.json() : {};
    } catch (error) {
      message = {};
    }
    const title = typeof message.title === "string" && message.title ? message.title : "Sciatica Coach";
    const options = {
      body: typeof message.body === "string" ? message.body : "",
      icon: "/static/icon.svg",
      tag: typeof message.tag === "string" && message.tag ? message.tag : "sciatica-reminder",
      data: { url: sameSite(message.url) },
    };
    event.waitUntil(self.registration.showNotification(title, options));
  });

  self.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const target = sameSite(event.notification.data && event.notification.data.url);
    event.waitUntil((async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((client) => client.url === target) ||
        windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        const focused = await open.focus();
        if (open.url !== target && "navigate" in focused) {
          try {
            return await focused.navigate(target);
          } catch (error) {
            // a window this worker does not control cannot be sent elsewhere: open a new one
          }
        } else {
          return focused;
        }
      }
      return self.clients.openWindow(target);
    })());
  });

  // The browser replaced the subscription (Firefox does when one expires): hand the new one
  // to the server, signed in as the same browser. Where the worker cannot read the CSRF
  // cookie (no cookieStore), the next visit to the account page asks to turn reminders on.
  self.addEventListener("pushsubscriptionchange", (event) => {
    event.waitUntil((async () => {
      if (!self.cookieStore || !event.newSubscription) return;
      const csrf = await self.cookieStore.get("csrf_token");
      if (!csrf) return;
      await fetch("/api/push/subscriptions", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf.value },
        body: JSON.stringify(event.newSubscription.toJSON()),
      });
    })());
  });
})();
