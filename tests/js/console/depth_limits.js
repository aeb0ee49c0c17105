// Nesting beyond depth 2 is abbreviated as [Object] / [Array] / [ClassName].
class Deep { constructor() { this.x = { y: { z: 1 } }; } }
console.log({ l1: { l2: { l3: { l4: 1 } } } });
console.log({ l1: { l2: { l3: [1] } } });
console.log([[[[[]]]]]);
console.log([[[['x']]]]);
console.log({ l1: { l2: { d: new Deep(), m: new Map([[1, 1]]), s: new Set([1]) } } });
console.log({ l1: { l2: { l3: {} } } });
