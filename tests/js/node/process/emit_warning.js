// emitWarning prints on stderr after the current operation (Node's format, with mrt's name in
// place of node's) and emits `warning` to listeners.
// stderr: ^\(mrt:\d+\) Warning: plain$
// stderr: ^\(mrt:\d+\) \[DEP0999\] DeprecationWarning: old api$
// stderr: ^\(mrt:\d+\) \[C1\] CustomWarning: custom\nsome detail$
process.on("warning", (w) => console.log("listener:", w.name, w.message, w.code));
process.emitWarning("plain");
process.emitWarning("old api", "DeprecationWarning", "DEP0999");
process.emitWarning("custom", { type: "CustomWarning", code: "C1", detail: "some detail" });
console.log("sync end");
try { process.emitWarning(5); } catch (e) { console.log(e.code); }
