// An async function's awaits interleave with a parallel .then chain one step at a time.
async function worker(name) {
  for (let i = 0; i < 4; i++) {
    console.log(`${name} step ${i}`);
    await null;
  }
  return `${name} done`;
}
let p = Promise.resolve();
for (let i = 0; i < 4; i++) p = p.then(() => console.log(`then step ${i}`));
worker('w1').then(console.log);
worker('w2').then(console.log);
console.log('sync end');
