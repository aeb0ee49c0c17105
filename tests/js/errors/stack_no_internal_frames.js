// Stacks of callbacks run by the event loop name the user's frames only: the runtime's own
// (timers, immediates) are left out. Node shows its own internals (node:...), which this
// test drops, and prefixes method names (Timeout.tick [as _onTimeout]); so only the
// locations are printed.
function frames(stack) {
  return stack.split('\n').slice(1)
    .map((l) => l.replace(/^\s+at (.*\()?([^()]*)\)?$/, '$2'))
    .filter((l) => !l.startsWith('node:'))
    .map((l) => l.replace(/^\/.*\//, ''));
}
function show(what) {
  console.log(what, frames(new Error(what).stack).join(' | '));
}
setTimeout(function tick() {
  show('timeout');
  setImmediate(function imm() {
    show('immediate');
    let n = 0;
    const id = setInterval(function iv() {
      show('interval');
      if (++n === 2) clearInterval(id);
    }, 1);
  });
}, 1);
