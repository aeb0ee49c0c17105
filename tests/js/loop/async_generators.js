// Async generators and for await, interleaved with a plain promise chain.
async function* gen() {
  for (let i = 0; i < 3; i++) {
    console.log(`gen yields ${i}`);
    yield i;
  }
  console.log('gen done');
}
(async () => {
  for await (const v of gen()) console.log(`got ${v}`);
  console.log('loop 1 end');
  for await (const v of [Promise.resolve('p0'), 'v1', Promise.resolve('p2')]) console.log(`sync iter ${v}`);
  console.log('loop 2 end');
})();
let p = Promise.resolve();
for (let i = 1; i <= 8; i++) p = p.then(() => console.log(`tick ${i}`));
