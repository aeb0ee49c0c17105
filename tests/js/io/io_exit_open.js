// node: skip
// exit: 3
// mrt.exit() with a read and an accept pending, open sockets and a file read in flight:
// the runtime tears them down without hanging, leaking or crashing.
(async () => {
  const l = mrt.listen({ port: 0 });
  const acc = l.accept();
  const c = await mrt.connect({ port: l.addr.port });
  const s = await acc;
  c.read(new Uint8Array(10)); // pending forever
  l.accept(); // pending forever
  const f = await mrt.open("io_exit_open.js");
  mrt.readFile("io_exit_open.js");
  f.read(new Uint8Array(10));
  console.log("exiting", typeof s.rid);
  mrt.exit(3);
})();
