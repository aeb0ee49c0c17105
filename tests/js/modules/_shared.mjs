console.log('evaluate _shared');
export let counter = 0;
export function bump() { counter++; }
