// timeout: 30000
// 100000 timers with a few distinct delays: every one fires, and timers with the same delay
// fire in creation order (delay 0 and 1 are the same delay).
const N = 100000;
let fired = 0, inOrder = true;
const last = new Map();
const delays = [0, 1, 2, 5];
for (let i = 0; i < N; i++) {
  const d = delays[i % 4];
  const cls = d === 0 ? 1 : d;
  setTimeout(() => {
    fired++;
    if ((last.get(cls) ?? -1) > i) inOrder = false;
    last.set(cls, i);
    if (fired === N) console.log(`fired ${fired} timers, same-delay creation order kept: ${inOrder}`);
  }, d);
}
const ids = [];
for (let i = 0; i < 1000; i++) ids.push(setTimeout(() => console.log('cleared MUST NOT RUN'), 3));
for (const id of ids) clearTimeout(id);
console.log('scheduled');
