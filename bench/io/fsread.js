// mrt version of /work/shared/workloads/fsread.mjs: 2e4 readFile of a 4 KiB file, 64 in flight.
// Classic script (top-level await needs modules): same work, same output line.
(async () => {
  const FILE = (mrt.env.get("TMPDIR") ?? "/tmp") + "/workload-4k.bin", N = 2e4, INFLIGHT = 64;
  await mrt.writeFile(FILE, new Uint8Array(4096).fill(7));
  const t0 = globalThis.performance.now();
  let issued = 0, bytes = 0;
  async function worker() {
    while (issued < N) { issued++; const b = await mrt.readFile(FILE); bytes += b.length; }
  }
  await Promise.all(Array.from({ length: INFLIGHT }, worker));
  const ms = globalThis.performance.now() - t0;
  if (bytes !== N * 4096) throw new Error("bad bytes " + bytes);
  console.log(`fsread ${(N / ms * 1000).toFixed(0)} reads/s ${ms.toFixed(1)} ms`);
})();
