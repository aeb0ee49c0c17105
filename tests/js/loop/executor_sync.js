// The promise executor runs synchronously; extra resolve/reject calls are ignored.
const p = new Promise((resolve, reject) => {
  console.log('executor');
  resolve('first');
  resolve('second');
  reject(new Error('ignored'));
  console.log('executor end');
});
p.then((v) => console.log('value:', v));
const q = new Promise(() => { throw new Error('executor threw'); });
q.catch((e) => console.log('caught:', e.message));
console.log('sync');
