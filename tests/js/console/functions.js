// Functions and classes.
function named() {}
const arrow = () => {};
async function asyncFn() {}
function* gen() {}
async function* asyncGen() {}
class A {}
class B extends A {}
console.log(named, arrow, asyncFn, gen, asyncGen);
console.log(A, B, class {});
console.log(named.bind(null), (() => {}), function () {});
console.log([named, arrow], { fn: named, method() {} });
const withProps = function withProps() {};
withProps.extra = 1;
console.log(withProps);
console.log(Math.max, Array.prototype.push);
const o = { ['computed' + 1]() {}, get g() { return 1; } };
console.log(o.computed1);
