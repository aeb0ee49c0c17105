// Two intervals of the same delay, each creating a timeout of that delay: every run
// re-queues behind the timeouts created before it (A, B, then tA, A, tB, B).
const runs = { A: 0, B: 0 };
const ids = {};
for (const name of ['A', 'B']) {
  ids[name] = setInterval(() => {
    const k = ++runs[name];
    console.log(`${name} ${k}`);
    if (k <= 2) setTimeout(() => console.log(`t${name} from run ${k}`), 10);
    if (k === 3) clearInterval(ids[name]);
  }, 10);
}
