// node: skip
// resourceLimits (node's WorkerOptions names): a worker over its heap limit ends alone, with
// an error event carrying node's ERR_WORKER_OUT_OF_MEMORY text; the parent goes on, and a
// worker made afterwards (without limits) runs normally. Bad limits are refused.
const hog = new URL("./fixtures/hog.js", import.meta.url);
const echo = new URL("./fixtures/echo.js", import.meta.url);

for (const bad of [{ maxOldGenerationSizeMb: -1 }, { stackSizeMb: "4" }, { maxYoungGenerationSizeMb: NaN }]) {
  try {
    new Worker(hog, { resourceLimits: bad });
  } catch (e) {
    console.log(e.name, e.message);
  }
}
try {
  new Worker(hog, { resourceLimits: 5 });
} catch (e) {
  console.log(e.name, e.message);
}

const w = new Worker(hog, { resourceLimits: { maxOldGenerationSizeMb: 16, stackSizeMb: 4 } });
const event = await new Promise((resolve) => {
  w.onerror = (e) => {
    e.preventDefault();
    resolve(e);
  };
});
console.log("error event:", event.message);
const started = new Worker(echo);
started.onmessage = (e) => {
  console.log("the parent goes on; a new worker echoes:", e.data);
  started.terminate();
};
started.postMessage("hi");
