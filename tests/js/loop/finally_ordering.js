// finally takes extra ticks compared to then.
const log = (s) => console.log(s);
Promise.resolve('v').finally(() => log('finally 1')).then((v) => log(`after finally 1: ${v}`));
Promise.reject(new Error('e')).finally(() => log('finally 2')).catch((e) => log(`after finally 2: ${e.message}`));
Promise.resolve('v').then(() => log('then a')).then(() => log('then b')).then(() => log('then c'))
  .then(() => log('then d')).then(() => log('then e'));
Promise.resolve('w').finally(() => { throw new Error('from finally'); }).catch((e) => log(`caught: ${e.message}`));
(async () => {
  try {
    log('try');
    await null;
    return 'ret';
  } finally {
    log('async finally');
  }
})().then((v) => log(`async result ${v}`));
