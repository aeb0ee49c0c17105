// An ES module for --inspect-brk (tests/inspector/run.mjs).
const greeting = "module";
export const shout = (s) => s.toUpperCase();
console.log(shout(greeting));
