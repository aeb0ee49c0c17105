// category: dual (exports import/default)
import clsx from 'clsx';

console.log(clsx('foo', true && 'bar', 'baz'));
console.log(clsx({ foo:true, bar:false, baz:isTrue() }));
console.log(clsx({ foo:true }, { bar:false }, null, { '--foobar':'hello' }));
console.log(clsx(['foo', 0, false, 'bar']));
console.log(clsx(['foo'], ['', 0, false, 'bar'], [['baz', [['hello'], 'there']]]));
console.log(clsx('foo', [1 && 'bar', { baz:false, bat:null }, ['hello', ['world']]], 'cya'));
function isTrue() { return true; }
