// Sciatica Coach: the player's voice and screen. Spoken cues with the browser's own speech
// synthesis, a beep when a counted step ends, and the screen kept awake while playing.
(function () {
  "use strict";

  const media = { on: true, wakeLock: null, audio: null };

  window.SciaticaVoice = {
    start(on) {
      media.on = on;
      try {
        const Context = window.AudioContext || window.webkitAudioContext;
        media.audio = Context ? new Context() : null;
      } catch (err) {
        media.audio = null;
      }
    },
    say(text) {
      if (!media.on || !("speechSynthesis" in window) || !text) return;
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.rate = 0.95;
      window.speechSynthesis.speak(utterance);
    },
    hush() {
      if ("speechSynthesis" in window) window.speechSynthesis.cancel();
    },
    beep() {
      if (!media.on || !media.audio) return;
      const osc = media.audio.createOscillator();
      const gain = media.audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(media.audio.destination);
      osc.start();
      osc.stop(media.audio.currentTime + 0.18);
    },
    async keepAwake() {
      if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
      try {
        media.wakeLock = await navigator.wakeLock.request("screen");
      } catch (err) {
        media.wakeLock = null; // not allowed (battery saver, no permission): carry on
      }
    },
    letSleep() {
      if (media.wakeLock) media.wakeLock.release().catch(() => {});
      media.wakeLock = null;
    },
  };
})();
