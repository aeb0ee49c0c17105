// Primitives at top level and several arguments separated by spaces.
console.log('string', 42, -0, 0, 3.14, -1e21, 1e21, 2 ** 53, NaN, Infinity, -Infinity);
console.log(true, false, null, undefined);
console.log(10n, -5n, 2n ** 64n);
console.log(Symbol(), Symbol('desc'), Symbol.iterator, Symbol.for('registered'));
console.log('');
console.log();
console.log(' leading and trailing ');
console.log('multi\nline', 'tab\there');
console.log('unicode: é ü 漢字 😀');
console.log(0.1 + 0.2, 1 / 3, 123456789012345680000, 5e-7, -0.0000001);
