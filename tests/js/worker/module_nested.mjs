// node: skip
// A module worker has the runtime's globals plus the worker scope (self, name, postMessage,
// close), resolves its imports against its own URL, and can start workers of its own.
const w = new Worker(new URL("./fixtures/module_scope.mjs", import.meta.url), {
  type: "module", name: "outer",
});
w.onmessage = (e) => {
  console.log(JSON.stringify(e.data));
  w.terminate();
};
w.postMessage("ping");
console.log(typeof Worker, Object.prototype.toString.call(w), w instanceof EventTarget);
try {
  new Worker("./fixtures/echo.js", { type: "shared" });
} catch (e) {
  console.log(e.name, e.message);
}
try {
  new Worker("https://example.com/w.js");
} catch (e) {
  console.log(e.name);
}
try {
  new Worker("./fixtures/%zz.js");
} catch (e) {
  console.log(e.name);
}
