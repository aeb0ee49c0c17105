// Errors whose stack was removed or replaced print without V8-specific frames.
const e = new Error('plain');
e.stack = undefined;
console.log(String(e), e.message, e.name);
const t = new TypeError('typed');
console.log(`${t.name}: ${t.message}`, t instanceof Error);
const f = new RangeError('with stack replaced');
f.stack = 'RangeError: with stack replaced';
console.log(f);
const g = new Error('with props');
g.stack = 'Error: with props';
g.code = 'E_CODE';
console.log(g);
console.log({ nested: f });
const agg = new AggregateError([new Error('inner')], 'many');
console.log(agg.name, agg.message, agg.errors.length, agg.errors[0].message);
const c = new Error('outer', { cause: 'the cause' });
console.log(c.cause);
