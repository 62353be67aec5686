// A "Copy" button for a code: shown only where the browser can copy (a secure page).
(function () {
  "use strict";
  document.querySelectorAll("button.copy[data-copy]").forEach((button) => {
    if (!navigator.clipboard) return;
    button.hidden = false;
    const said = button.parentElement.querySelector(".copied");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        if (said) said.textContent = "Copied.";
      } catch (error) {
        if (said) said.textContent = "Could not copy: select the code and copy it yourself.";
      }
    });
  });
})();
