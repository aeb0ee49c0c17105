// Breaking out of for await calls return() and runs the generator's finally block.
async function* gen() {
  try {
    yield 1;
    yield 2;
    yield 3;
  } finally {
    console.log('gen finally');
    await null;
    console.log('gen finally after await');
  }
}
(async () => {
  for await (const v of gen()) {
    console.log('value', v);
    if (v === 2) break;
  }
  console.log('after loop');
  const g = gen();
  console.log(JSON.stringify(await g.next()));
  console.log(JSON.stringify(await g.return('early')));
  console.log(JSON.stringify(await g.next()));
})();
