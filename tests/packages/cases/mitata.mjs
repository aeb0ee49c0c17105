// category: esm-only; timeout: 30 s; needs: performance.now, AsyncFunction and generator benchmarks, large Uint8Arrays (its gc() stand-in without --expose-gc); the numbers vary, so only their shape is printed
import { run, bench } from 'mitata';

function fibonacci(n) { return n <= 1 ? n : fibonacci(n - 1) + fibonacci(n - 2); }

// One benchmark: mitata spends ~0.65 s on each, and ~2.6 s measuring its own overheads.
bench('fibonacci($n)', function* (state) {
  const n = state.get('n');
  yield () => fibonacci(n);
}).args('n', [15]);

const { benchmarks, context } = await run({ format: 'quiet', throw: true });
console.log(typeof context.runtime, typeof context.cpu.name);
for (const b of benchmarks) {
  for (const r of b.runs) {
    const s = r.stats;
    console.log(r.name, r.error === undefined, s.avg > 0 && Number.isFinite(s.avg),
      s.min <= s.avg && s.avg <= s.max, s.samples.length > 0);
  }
}
