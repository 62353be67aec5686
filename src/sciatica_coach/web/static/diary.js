// The diary form edits the entry of the day it shows: choosing another day loads that day's
// entry, or empties the form when there is none. The server still asks before it replaces a
// day the form did not show, so without this script (or when loading fails) nothing is lost.
"use strict";

(function () {
  const form = document.querySelector("form[data-day-form]");
  if (!form) return;
  const date = form.elements.namedItem("date");
  const heading = document.getElementById("log-heading");
  const status = document.getElementById("day-status");
  const question = document.getElementById("question");
  const today = date.max;
  let asked = 0;

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // "1 Dec 2026", as the pages write dates (web/dates.py)
  const forPeople = (iso) => {
    const [year, month, day] = iso.split("-").map(Number);
    return `${day} ${MONTHS[month - 1]} ${year}`;
  };

  function fill(entry) {
    for (const name of ["leg_pain", "back_pain"]) {
      for (const radio of form.querySelectorAll(`input[name="${name}"]`)) {
        radio.checked = entry !== null && radio.value === String(entry[name]);
      }
    }
    for (const name of ["tingling", "numbness", "weakness"]) {
      form.elements.namedItem(name).checked = entry !== null && entry[name] === true;
    }
    form.elements.namedItem("reaches").value = (entry && entry.reaches) || "";
    form.elements.namedItem("note").value = (entry && entry.note) || "";
  }

  async function load(day) {
    const mine = ++asked;
    const answer = await fetch(`/api/diary?from=${day}&to=${day}`, { credentials: "same-origin" });
    if (!answer.ok || mine !== asked) return;
    const found = await answer.json();
    if (mine !== asked || date.value !== day) return;
    const entry = found.length ? found[0] : null;
    fill(entry);
    form.elements.namedItem("shown").value = day;
    form.elements.namedItem("entry_id").value = entry ? String(entry.id) : "";
    heading.textContent =
      day === today ? heading.dataset.today : heading.dataset.other.replace("{day}", forPeople(day));
    status.textContent = entry ? status.dataset.logged : status.dataset.empty;
    if (question) question.hidden = true;
    form.dataset.loaded = day;
  }

  date.addEventListener("change", () => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(date.value) && date.value <= today) {
      load(date.value).catch(() => {});
    }
  });
  form.dataset.loaded = form.elements.namedItem("shown").value;
})();
