// Class instances are prefixed with their class name.
class Foo { constructor() { this.a = 1; } }
class Bar extends Foo { constructor() { super(); this.b = [2]; } }
class Empty {}
console.log(new Foo());
console.log(new Bar());
console.log(new Empty());
console.log([new Foo(), { nested: new Bar() }]);
const Anon = (() => class {})();
console.log(new Anon());
class Tagged { get [Symbol.toStringTag]() { return 'MyTag'; } }
console.log(new Tagged());
function OldStyle() { this.v = 1; }
console.log(new OldStyle());
class MyArray extends Array {}
console.log(MyArray.from([1, 2]));
class MyMap extends Map {}
console.log(new MyMap([[1, 2]]));
const noProto = Object.setPrototypeOf({ a: 1 }, null);
console.log(noProto);
