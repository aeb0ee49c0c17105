// Two async loops awaiting timers interleave by deadline; equal deadlines by creation.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function loop(name, ms, n) {
  for (let i = 0; i < n; i++) {
    await sleep(ms);
    console.log(`${name} ${i}`);
  }
}
(async () => {
  await Promise.all([loop('a', 1, 3), loop('b', 1, 3)]);
  console.log('both done');
  await loop('c', 0, 2);
  console.log('all done');
})();
