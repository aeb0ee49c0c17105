// node: skip
// self and navigator (node 20 has neither; the values are deno's and bun's forms, checked by
// hand): userAgent "mrt/<version>", hardwareConcurrency from libuv's available parallelism,
// language(s) from the locale variables (read at first use, so set here first), platform
// "<sysname> <machine>", the Navigator interface's shape and brand checks.
mrt.env.delete("LC_MESSAGES");
mrt.env.delete("LANG");
mrt.env.set("LC_ALL", "pt_BR.UTF-8@x");
console.log("self", self === globalThis, Object.getOwnPropertyDescriptor(globalThis, "self").enumerable);
console.log(navigator.userAgent === `mrt/${mrt.version}`, /^mrt\/\d+\.\d+\.\d+/.test(navigator.userAgent));
const n = navigator.hardwareConcurrency;
console.log("hardwareConcurrency", Number.isInteger(n) && n >= 1);
console.log(navigator.language, navigator.languages, navigator.languages === navigator.languages,
  Object.isFrozen(navigator.languages));
console.log(/^Linux \S+$/.test(navigator.platform));
console.log(String(navigator), navigator instanceof Navigator, Navigator.name, Navigator.length);
try {
  new Navigator();
} catch (e) {
  console.log("new Navigator", e.constructor.name);
}
for (const k of ["userAgent", "hardwareConcurrency", "language", "languages", "platform"]) {
  const d = Object.getOwnPropertyDescriptor(Navigator.prototype, k);
  let brand;
  try {
    d.get.call({});
    brand = "no error";
  } catch (e) {
    brand = e.constructor.name;
  }
  console.log(k, typeof d.get, d.set, d.enumerable, d.configurable, brand);
}
