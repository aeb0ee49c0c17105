// exit: 1
// stderr: ^Uncaught Error: boom\n    at tick \([^\n]*uncaught_in_timer_frames\.js:8:9\)$(?![\s\S]*mrt:)
// An uncaught error in a timer callback: its stack ends at the user's callback (no frame
// of the runtime's own timer code).
console.log('before');
setTimeout(function tick() {
  console.log('in timer');
  throw new Error('boom');
}, 1);
