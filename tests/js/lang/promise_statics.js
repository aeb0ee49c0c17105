// node: skip
// ES2024 Promise.withResolvers and ES2025 Promise.try (node 20 lacks them; .out checked
// against deno and bun).
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
};
const r = Promise.withResolvers();
console.log(Object.keys(r).join(), r.promise instanceof Promise, typeof r.resolve, typeof r.reject);
r.resolve("resolved");
r.promise.then((v) => console.log("withResolvers", v));
class MyPromise extends Promise {}
console.log(MyPromise.withResolvers().promise instanceof MyPromise, MyPromise.try(() => 1) instanceof MyPromise);
console.log(err(() => Promise.withResolvers.call(1)), err(() => Promise.withResolvers.call({})), err(() => Promise.try.call(1, () => {})));
let order = [];
const p = Promise.try((a, b) => {
  order.push("sync");
  return a + b;
}, 2, 3);
order.push("after");
p.then((v) => console.log("try", v, order.join()));
Promise.try(() => {
  throw new TypeError("boom");
}).catch((e) => console.log("try rejects", e.constructor.name, e.message));
Promise.try(() => Promise.resolve("inner")).then((v) => console.log("try adopts", v));
Promise.try(42).catch((e) => console.log("not callable rejects", e.constructor.name));
for (const k of ["withResolvers", "try"]) {
  const d = Object.getOwnPropertyDescriptor(Promise, k);
  console.log(k, d.value.name, d.value.length, d.writable, d.enumerable, d.configurable, Object.hasOwn(d.value, "prototype"));
}

// Promise.try on Promise itself: a thenable's then is read at once and called in a job, as
// a capability's resolve does; the order against other jobs is the spec's.
{
  const log = [];
  const thenable = {
    get then() {
      log.push("get then");
      return (resolve) => {
        log.push("then called");
        resolve("b");
      };
    },
  };
  Promise.try(() => Promise.resolve("a")).then((v) => log.push("try " + v));
  Promise.try(() => thenable).then((v) => log.push("try " + v));
  Promise.try((x, y) => x + y, 1, 2).then((v) => log.push("sum " + v));
  Promise.try(42).catch((e) => log.push("not callable: " + e.constructor.name));
  Promise.resolve().then(() => log.push("m1")).then(() => log.push("m2")).then(() => log.push("m3"));
  log.push("sync");
  setTimeout(() => console.log(log.join(", ")), 5);
}
