// category: esm-only; needs: EventTarget and Event (subclassed), performance.now, process.hrtime; the numbers vary, so only their shape is printed
import { Bench } from 'tinybench';

function fibonacci(n) { return n <= 1 ? n : fibonacci(n - 1) + fibonacci(n - 2); }

const bench = new Bench({ name: 'simple benchmark', time: 100 });
const events = [];
bench.addEventListener('cycle', (e) => events.push(`cycle ${e.task.name}`));
bench.addEventListener('complete', () => events.push('complete'));

bench
  .add('fibonacci(15)', () => fibonacci(15))
  .add('faster task', async () => { await Promise.resolve(1); });

await bench.run();

console.log(bench.name);
for (const task of bench.tasks) {
  const r = task.result;
  console.log(task.name, r.state, r.latency.mean > 0 && Number.isFinite(r.latency.mean),
    r.throughput.mean > 0, r.latency.samplesCount > 0);
}
console.log(events.join(', '));
const table = bench.table();
console.log(table.length, Object.keys(table[0]).join(', '));
