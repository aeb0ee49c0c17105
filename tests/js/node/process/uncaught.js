// An uncaughtException listener takes errors thrown by timers, immediates, ticks and
// microtasks (the program goes on, origin 'uncaughtException'); an unhandledRejection
// listener takes rejections nothing handled (reason, promise).
process.on("uncaughtException", (err, origin) => console.log("uncaught:", err.message, origin));
process.on("unhandledRejection", (reason, promise) =>
  console.log("unhandled:", reason.message, promise instanceof Promise));
process.on("exit", (code) => console.log("exit", code));
setTimeout(() => {
  setTimeout(() => { throw new Error("in timer"); }, 1);
  setTimeout(() => {
    console.log("next timer runs");
    setImmediate(() => { throw new Error("in immediate"); });
    setImmediate(() => {
      console.log("next immediate runs");
      process.nextTick(() => { throw new Error("in tick"); });
      process.nextTick(() => console.log("next tick runs"));
      setTimeout(() => {
        queueMicrotask(() => { throw new Error("in microtask"); });
        queueMicrotask(() => console.log("next microtask runs"));
        setTimeout(() => {
          Promise.reject(new Error("rejected"));
          (async () => { throw new Error("async rejected"); })();
        }, 1);
      }, 1);
    });
  }, 2);
}, 1);
