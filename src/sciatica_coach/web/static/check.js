// The red-flag check in short steps: one step at a time with its progress, the emergency
// questions first. An emergency "yes" goes straight to the result (the server counts the
// questions not reached as no). Without this script every step shows on one page.
(function () {
  "use strict";
  const form = document.querySelector(".check-form");
  if (!form || form.querySelector(".has-error")) return; // errors: show every step
  const steps = Array.from(form.querySelectorAll(".check-step"));
  const progress = form.querySelector(".step-progress");
  const submit = form.querySelector(".see-result");
  let current = 0;

  function unanswered(step) {
    return Array.from(step.querySelectorAll("fieldset.question")).filter(
      (f) => !f.querySelector("input:checked")
    );
  }

  function show(index) {
    current = index;
    steps.forEach((step, n) => { step.hidden = n !== index; });
    steps.forEach((step) => {
      const actions = step.querySelector(".step-actions");
      if (actions) actions.hidden = false;
    });
    submit.hidden = index !== steps.length - 1;
    progress.hidden = false;
    progress.textContent = "Step " + (index + 1) + " of " + steps.length;
    const heading = steps[index].querySelector("h2");
    heading.tabIndex = -1;
    if (index > 0) heading.focus();
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input.value === "yes" && input.dataset.level === "emergency") form.submit();
  });
  steps.forEach((step, n) => {
    const next = step.querySelector(".next-step");
    if (!next) return;
    next.addEventListener("click", () => {
      const left = unanswered(step);
      step.querySelectorAll(".step-missing").forEach((p) => p.remove());
      if (left.length) {
        const note = document.createElement("p");
        note.className = "error step-missing";
        note.setAttribute("role", "alert");
        note.textContent = "Please answer every question of this step.";
        left[0].before(note);
        left[0].querySelector("input").focus();
        return;
      }
      show(n + 1);
    });
  });
  show(0);
})();
