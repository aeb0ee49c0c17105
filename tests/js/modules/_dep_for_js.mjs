export const x = 42;
console.log('dependency evaluated first');
