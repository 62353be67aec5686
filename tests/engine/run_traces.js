// Plays tests/engine/traces.json through the browser's engine (web/static/engine.js) under
// Node, for tests/engine/test_traces.py: reads {timeline, traces} on stdin and writes, per
// trace, the views it was asked for and the record.
"use strict";
const path = require("path");
const fs = require("fs");
const { create } = require(path.join(__dirname, "../../src/sciatica_coach/web/static/engine.js"));

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const results = input.traces.map((trace) => {
  const camera = trace.camera ? new Set(trace.camera) : null;
  // as both players play it: the check is asked after every technique
  const watch = camera ? (figure) => camera.has(figure) : null;
  const engine = create(input.timeline, 0, watch, { ask_checks: true });
  const views = [];
  for (const step of trace.steps) {
    if (step.view) {
      views.push(engine.view(step.at));
    } else if (step.do === "feel" || step.do === "pain" || step.do === "answer_pain" || step.do === "answer_reach") {
      engine[step.do](step.value);
    } else if (step.do === "after_check") {
      engine.after_check(step.at, step.value[0], step.value[1]);
    } else if (step.do === "watch_from") {
      const watching = new Set(step.value);
      engine.watch_from((figure) => watching.has(figure), step.at);
    } else {
      engine[step.do](step.at);
    }
  }
  return { views, record: engine.record() };
});
process.stdout.write(JSON.stringify(results));
