console.log('dep: start');
await new Promise((r) => setTimeout(r, 5));
console.log('dep: after timer');
export const ready = true;
