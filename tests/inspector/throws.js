// An error thrown by a timer callback ends the program (tests/inspector/run.mjs: the debugger
// is told, Runtime.exceptionThrown).
function inner() { throw new Error("boom"); }
try { inner(); } catch (e) { console.log("caught"); }
setTimeout(() => inner(), 10);
