// race, any, allSettled: results and their ticks relative to a plain chain.
const log = (s) => console.log(s);
Promise.race([Promise.resolve('r1'), Promise.resolve('r2')]).then((v) => log(`race: ${v}`));
Promise.race([new Promise(() => {}), Promise.reject(new Error('race err'))]).catch((e) => log(`race rejected: ${e.message}`));
Promise.any([Promise.reject(new Error('x')), Promise.resolve('any ok')]).then((v) => log(`any: ${v}`));
Promise.any([Promise.reject(new Error('e1')), Promise.reject(new Error('e2'))]).catch((e) => {
  log(`any rejected: ${e.constructor.name} ${e.errors.map((x) => x.message).join(',')}`);
});
Promise.allSettled([Promise.resolve(1), Promise.reject(new Error('no')), 3]).then((rs) => {
  log('allSettled: ' + rs.map((r) => r.status + ':' + (r.status === 'fulfilled' ? r.value : r.reason.message)).join(' '));
});
Promise.race([]).then(() => log('race([]) MUST NOT SETTLE'));
let p = Promise.resolve();
for (let i = 1; i <= 6; i++) p = p.then(() => log(`tick ${i}`));
