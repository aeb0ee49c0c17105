// Map, Set, WeakMap, WeakSet, nested collections.
console.log(new Map());
console.log(new Map([['a', 1], [{ k: 1 }, [2]], [3, new Map([[4, 5]])]]));
console.log(new Set());
console.log(new Set([1, 'two', { three: 3 }, [4]]));
console.log(new WeakMap(), new WeakSet());
console.log({ m: new Map([[1, new Set([2])]]) });
const m = new Map([['x', 1]]);
m.extra = 'prop';
console.log(m);
console.log(new Set(Array.from({ length: 120 }, (_, i) => i)));
