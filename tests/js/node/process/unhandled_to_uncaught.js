// With no unhandledRejection listener, an unhandled rejection goes to uncaughtException
// listeners with origin 'unhandledRejection' (Node's default --unhandled-rejections=throw);
// removing the listener restores the default (the rejection ends the program).
// exit: 1
// stderr: late
function onUncaught(err, origin) {
  console.log("uncaught:", err.message, origin);
}
process.on("uncaughtException", onUncaught);
Promise.reject(new Error("first"));
setTimeout(() => {
  process.off("uncaughtException", onUncaught);
  console.log("listeners", process.listenerCount("uncaughtException"));
  Promise.reject(new Error("late"));
}, 1);
