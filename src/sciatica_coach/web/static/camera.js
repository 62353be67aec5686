// Sciatica Coach: the camera for the player (the motion coach). The page sends downscaled
// JPEG pictures over a WebSocket to this site's server only, one at a time, and gets back the
// landmarks (drawn as a skeleton over the video), the status and a form hint, which it hands
// to the player. What the engine does with them is in engine.js.
(function () {
  "use strict";

  // Pairs of BlazePose landmarks drawn as the skeleton.
  const SKELETON = [
    [11, 12], [23, 24], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24],
    [23, 25], [25, 27], [24, 26], [26, 28], [27, 29], [29, 31], [28, 30], [30, 32],
    [27, 31], [28, 32], [7, 11], [8, 12],
  ];
  const VISIBLE = 0.5;
  const PICTURE = { width: 320, height: 240, quality: 0.7 };
  const $ = (id) => document.getElementById(id);

  // hooks: ready(unchecked poses), status(name, hint), closed(), failed()
  window.SciaticaCamera = function (url, hooks) {
    const cam = { on: false, ws: null, stream: null, busy: false, unchecked: new Set() };

    function drawSkeleton(points) {
      const canvas = $("camera-skeleton");
      const ctx = canvas.getContext("2d");
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      if (!points) return;
      const at = (i) => [points[i][0] * canvas.width, points[i][1] * canvas.height];
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#f28c28";
      for (const [a, b] of SKELETON) {
        if (points[a][2] < VISIBLE || points[b][2] < VISIBLE) continue;
        ctx.beginPath();
        ctx.moveTo(...at(a));
        ctx.lineTo(...at(b));
        ctx.stroke();
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
        hooks.ready();
        sendPicture();
        return;
      }
      if ("figure" in reply) return; // the server watches the new position
      cam.busy = false;
      if (reply.error && !("landmarks" in reply)) return;
      drawSkeleton(reply.landmarks);
      hooks.status(reply.changed ? reply.status : null, reply.hint || null, reply.status || "");
      sendPicture();
    }

    const camera = {
      get on() {
        return cam.on;
      },
      // Can the camera check this figure's position? (e.g. "knee-to-chest:right")
      checks(figure) {
        return cam.on && !!figure && !cam.unchecked.has(figure.split(":")[0]);
      },
      async start() {
        try {
          cam.stream = await navigator.mediaDevices.getUserMedia({
            video: { width: 640, height: 480 },
            audio: false,
          });
        } catch (err) {
          hooks.failed();
          return;
        }
        const video = $("camera-video");
        video.srcObject = cam.stream;
        video.play().catch(() => {});
        const scheme = location.protocol === "https:" ? "wss" : "ws";
        const ws = new WebSocket(`${scheme}://${location.host}${url}`);
        ws.addEventListener("message", (event) => onReply(JSON.parse(event.data)));
        ws.addEventListener("close", () => hooks.closed());
        cam.ws = ws;
      },
      stop() {
        cam.on = false;
        if (cam.stream) for (const track of cam.stream.getTracks()) track.stop();
        cam.stream = null;
        if (cam.ws && cam.ws.readyState <= 1) cam.ws.close();
        cam.ws = null;
      },
      watch(figure) {
        if (cam.on && cam.ws && cam.ws.readyState === 1) cam.ws.send(JSON.stringify({ figure }));
      },
    };
    return camera;
  };
})();
