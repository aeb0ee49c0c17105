console.log('evaluate _lazy');
export const value = 'lazy value';
export default function hello() { return 'hello from _lazy'; }
