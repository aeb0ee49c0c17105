// Web APIs whose code is compiled on first use: their errors carry only the program's frames
// (no runtime file), a global replaced before first use stays replaced, and each API's code
// runs once (the classes are the same objects on every read).
function frames(fn) {
  try {
    fn();
  } catch (e) {
    const lines = e.stack.split("\n").slice(1);
    return `${e.name}: runtime frames ${lines.some((l) => /\(mrt:/.test(l))}, ` +
      `program frames ${lines.filter((l) => l.includes("lazy_builtin_frames")).length > 0}`;
  }
  return "no error";
}
console.log(frames(() => new URL("not a url")));
console.log(frames(() => new Blob(1)));
console.log(frames(() => new TextDecoder("nope")));
console.log(frames(() => new EventTarget().addEventListener("x", 1)));
console.log(frames(() => new MessageChannel().port1.postMessage(Symbol())));
console.log(frames(() => performance.measure("m", "no such mark")));
console.log(frames(() => crypto.getRandomValues(new Float64Array(1))));
console.log(URL === globalThis.URL, Blob === globalThis.Blob, Event === globalThis.Event);
console.log(new URLSearchParams("a=1") instanceof URLSearchParams);
globalThis.File = 42;
console.log(File, typeof Blob, typeof FormData);
