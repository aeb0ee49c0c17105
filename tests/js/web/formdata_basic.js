// FormData: append/set/get/getAll/has/delete, Blob → File "blob", the filename argument,
// USVString conversion, no newline normalization at append, live iteration, forEach, the
// iterator's shape and argument errors. (FormData.length, 0 by WebIDL where node 20 says 1,
// is in blob_webidl.js.)
(async () => {
  const fd = new FormData();
  fd.append("a", "1");
  fd.append("b", new Blob(["bb"], { type: "text/x" }));
  fd.append("a", "x\r\ny\nz\r");
  fd.append("c", new Blob(["cc"]), "c.bin");
  const file = new File(["ff"], "orig.txt", { lastModified: 7 });
  fd.append("d", file);
  fd.append("e", file, "renamed.txt");
  fd.append("\ud800k", "v\udc00");
  fd.append(1, 2);
  const show = (v) => typeof v === "string" ? JSON.stringify(v)
    : `${v.constructor.name}(${v.name}, ${v.size}, ${JSON.stringify(v.type)})`;
  for (const [k, v] of fd) console.log(JSON.stringify(k), show(v));
  console.log("get", show(fd.get("a")), fd.get("missing"), fd.getAll("a").map(show), fd.getAll("none"));
  console.log("has", fd.has("a"), fd.has("A"), fd.has("\ufffdk"));
  console.log("same File", fd.get("d") === file, fd.get("e") === file, fd.get("e").lastModified,
    await fd.get("e").text(), await fd.get("b").text());
  fd.set("a", "only");
  fd.set("new", "n");
  console.log("after set", [...fd.keys()].join(","), fd.getAll("a"));
  fd.delete("b");
  fd.delete("nothing");
  console.log("after delete", [...fd.keys()].join(","));
  console.log("values", [...fd.values()].map(show).join(" "));
  const seen = [];
  fd.forEach(function (v, k, obj) { seen.push(k, obj === fd, this.tag); }, { tag: "T" });
  console.log("forEach", seen.join(","));

  // Live iteration.
  const live = new FormData();
  live.append("x", "1");
  live.append("y", "2");
  const it = live.entries();
  console.log(JSON.stringify(it.next()));
  live.append("z", "3");
  live.delete("x");
  console.log(JSON.stringify(it.next()), JSON.stringify(it.next()));

  // Shape.
  const iterProto = Object.getPrototypeOf(fd.entries());
  const arrayIterProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  console.log(String(fd), Object.prototype.toString.call(it), FormData.name,
    Object.getPrototypeOf(iterProto) === arrayIterProto,
    FormData.prototype[Symbol.iterator] === FormData.prototype.entries);
  for (const k of ["append", "delete", "get", "getAll", "has", "set", "entries", "keys", "values", "forEach"]) {
    const d = Object.getOwnPropertyDescriptor(FormData.prototype, k);
    console.log(k, d.value.length, d.enumerable, d.writable, d.configurable);
  }
  const errs = [
    () => FormData(),
    () => new FormData({}),
    () => new FormData(null),
    () => fd.append("only-name"),
    () => fd.append("n", "v", "f"),
    () => fd.set("n", {}, "f"),
    () => fd.get(),
    () => fd.forEach(null),
    () => FormData.prototype.get.call({}, "a"),
    () => it.next.call({}),
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
