// then with non-function arguments passes values and reasons through, one tick per link.
Promise.resolve('v').then(null).then(undefined, 42).then((v) => console.log('passed value:', v));
Promise.reject(new Error('r')).then(() => {}).then('x').catch((e) => console.log('passed reason:', e.message));
let p = Promise.resolve();
for (let i = 1; i <= 5; i++) p = p.then(() => console.log(`tick ${i}`));
