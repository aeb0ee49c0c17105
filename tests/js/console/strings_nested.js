// Strings inside containers are quoted and escaped; quote choice avoids escaping.
console.log(['plain', "it's", 'say "hi"', `both ' and "`, 'back`tick', `all ' " \``]);
console.log({ s: 'line\nbreak', t: 'tab\t', u: '\u0001\u007f', bs: 'back\\slash' });
console.log(['', ' ', 'é', '😀']);
console.log({ long: 'x'.repeat(100) });
console.log([new String('boxed'), new Number(3), new Boolean(false), Object(Symbol('s')), Object(7n)]);
