// Promise.all resolves in input order regardless of settle order, one tick after the last.
const d = (v, ms) => new Promise((r) => setTimeout(() => { console.log(`settle ${v}`); r(v); }, ms));
// (timers are created in ascending delay order so that no stall can reorder them)
const x = d('x', 1), b = d('b', 10), a = d('a', 30);
Promise.all([a, b, 'c', Promise.resolve('d')]).then((v) => console.log('all:', v.join(',')));
Promise.all([]).then(() => console.log('all([]) resolved'));
Promise.all([Promise.reject(new Error('first')), x]).catch((e) => console.log('all rejected:', e.message));
Promise.resolve().then(() => console.log('tick 1')).then(() => console.log('tick 2')).then(() => console.log('tick 3'));
