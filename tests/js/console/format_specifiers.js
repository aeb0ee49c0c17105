// printf-style format specifiers in the first argument.
console.log('%s is %d years', 'Bob', 42);
console.log('%i and %d', 42.9, '17.5');
console.log('%f', '3.25abc');
console.log('%j', { a: [1, 'x'] });
console.log('%o', { a: 1 });
console.log('%O', { a: { b: { c: { d: 1 } } } });
console.log('%s', { a: 1 }, 'extra', 3);
console.log('%s %s', 'only one');
console.log('100%% sure', 'tail');
console.log('%c styled', 'color: red');
console.log('%d', 10n, '%i', 11n);
console.log('%s', 12n, Symbol('s'));
console.log('%s', null, undefined, '%s');
console.log('%x unknown %', 1);
console.log(5, '%s not a format when not first', 'x');
console.log('%s', [1, [2, [3]]]);
console.log('%d', {}, '%i', 'abc');
console.log('%s', -0, '%d', -0);
