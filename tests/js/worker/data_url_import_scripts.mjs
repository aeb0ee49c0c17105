// node: skip
// Classic workers from data: URLs (percent-encoded and base64; module ones are refused:
// the module loader has no data: URLs), and importScripts in classic workers (file: and
// data: URLs, all read first, then run in order); module workers have no importScripts.
const once = (w) => new Promise((resolve, reject) => {
  w.onmessage = (e) => {
    resolve(e.data);
    w.terminate();
  };
  w.onerror = (e) => {
    e.preventDefault();
    reject(new Error(e.message));
  };
});
const classic = "data:text/javascript,postMessage(typeof importScripts + ' ' + (1 + 1) + ' %C3%A9')";
console.log("classic data:", await once(new Worker(classic)));
try {
  new Worker("data:text/javascript,postMessage(1)", { type: "module" });
} catch (e) {
  console.log("module data:", e.name);
}
const b64 = `data:text/javascript;base64,${btoa("postMessage('from base64')")}`;
console.log("base64:", await once(new Worker(b64)));
try {
  await once(new Worker("data:text/javascript,throw new TypeError('bad')"));
} catch (e) {
  console.log("error in a data: worker:", e.message);
}
try {
  new Worker("data:text/javascript;base64,%%%");
} catch (e) {
  console.log(e.name);
}

const r = await once(new Worker(new URL("./fixtures/imports.js", import.meta.url)));
const here = new URL(".", import.meta.url).href;
for (const [k, v] of Object.entries(r)) console.log(`${k}:`, JSON.stringify(v).replaceAll(here, "./"));
console.log("module worker:", await once(new Worker(new URL("./fixtures/imports_module.mjs", import.meta.url), { type: "module" })));
