// try/catch/finally across awaits, and rejections turned into throws.
async function mayFail(fail) {
  await null;
  if (fail) throw new Error('failed');
  return 'fine';
}
async function main() {
  try {
    console.log(await mayFail(false));
    console.log(await mayFail(true));
    console.log('MUST NOT PRINT');
  } catch (e) {
    console.log('caught', e.message);
  } finally {
    console.log('finally');
  }
  const results = await Promise.allSettled([mayFail(true), mayFail(false)]);
  console.log(results.map((r) => r.status).join(' '));
  return 'main done';
}
main().then(console.log);
console.log('sync');
