// CPU work for the Profiler test (tests/inspector/run.mjs), and a debugger statement.
function spin(ms) {
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return n;
}
spin(300);
const answer = 42;
debugger;
console.log("spun", answer);
