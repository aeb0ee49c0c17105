// Waits on a long timer that a debugger clears (tests/inspector/run.mjs: messages that arrive
// while the event loop waits).
globalThis.timer = setTimeout(() => console.log("not cleared"), 60000);
