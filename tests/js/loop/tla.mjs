// Top-level await in a module: the module body pauses; microtasks and timers run.
console.log('module start');
setTimeout(() => console.log('timer 1'), 0);
Promise.resolve().then(() => console.log('micro before await'));
await null;
console.log('after await null');
await new Promise((r) => setTimeout(r, 5));
console.log('after timer await');
const v = await Promise.all([1, Promise.resolve(2)]);
console.log('all:', v.join(','));
queueMicrotask(() => console.log('micro after module end'));
console.log('module end');
