// A script for cli.json: the cache directory given is under this file, so it can't exist.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log('app', fib(20));
