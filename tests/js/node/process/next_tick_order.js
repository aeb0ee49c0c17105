// process.nextTick runs before promise jobs and queueMicrotask after the main script and
// after each timer and immediate; ticks queued by microtasks run once the microtask queue is
// drained; nested ticks run before the microtasks; arguments are passed.
const log = (s) => console.log(s);
Promise.resolve().then(() => log("main: promise"));
queueMicrotask(() => log("main: queueMicrotask"));
process.nextTick(() => log("main: tick 1"));
process.nextTick((a, b) => {
  log(`main: tick 2 ${a} ${b}`);
  process.nextTick(() => log("main: nested tick"));
  Promise.resolve().then(() => {
    log("promise from tick");
    process.nextTick(() => log("tick from promise from tick"));
    Promise.resolve().then(() => log("promise from promise from tick"));
  });
}, "x", "y");

// Each step starts from the previous one, so the order depends on no timing.
setTimeout(() => {
  log("timer 1");
  Promise.resolve().then(() => log("timer 1: promise"));
  process.nextTick(() => log("timer 1: tick"));
  setTimeout(() => {
    log("timer 2");
    queueMicrotask(() => {
      log("timer 2: microtask");
      process.nextTick(() => log("timer 2: tick from microtask"));
    });
    queueMicrotask(() => log("timer 2: microtask 2"));
    setImmediate(() => {
      log("immediate 1");
      Promise.resolve().then(() => log("immediate 1: promise"));
      process.nextTick(() => log("immediate 1: tick"));
    });
    setImmediate(() => log("immediate 2"));
  }, 1);
}, 1);
