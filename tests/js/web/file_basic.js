// File: name, lastModified (given, default now, long long conversion), type, inheritance from
// Blob, slice returning a Blob, and argument errors. (lastModified of a fraction or an
// infinity, where node 20 skips the long long conversion, is in blob_webidl.js.)
(async () => {
  const f = new File(["ab", new Uint8Array([99])], "dir/näme.txt",
    { type: "TEXT/Plain", lastModified: 1234 });
  console.log(f.name, f.lastModified, f.size, f.type, await f.text());
  console.log(f instanceof File, f instanceof Blob, String(f), File.name, File.length);
  console.log(Object.getPrototypeOf(File) === Blob, Object.getPrototypeOf(File.prototype) === Blob.prototype);
  const s = f.slice(1);
  console.log("slice", s instanceof File, s instanceof Blob, s.size, await s.text());
  const t0 = Date.now();
  const now = new File([], "now");
  const t1 = Date.now();
  console.log("default lastModified", now.lastModified >= t0 && now.lastModified <= t1,
    Number.isInteger(now.lastModified));
  for (const lm of [0, -5, "42", null, NaN, 2 ** 40]) {
    console.log("lastModified", String(lm), new File([], "x", { lastModified: lm }).lastModified);
  }
  console.log("name", new File([], null).name, new File([], 1).name,
    JSON.stringify(new File([], "a\ud800").name));
  console.log("of a File", (await new File([f, "!"], "g").text()), new File([f], "g").type);
  for (const k of ["name", "lastModified"]) {
    const d = Object.getOwnPropertyDescriptor(File.prototype, k);
    console.log(k, typeof d.get, d.enumerable, d.configurable, d.get.name);
  }
  const errs = [
    () => new File(),
    () => new File([]),
    () => new File("abc", "x"),
    () => new File([], "x", 1),
    () => File([], "x"),
    () => Object.getOwnPropertyDescriptor(File.prototype, "name").get.call(new Blob()),
  ];
  for (const e of errs) {
    try {
      e();
      console.log("no error");
    } catch (err) {
      console.log("throws", err.constructor.name);
    }
  }
})();
