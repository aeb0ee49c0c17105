// node: skip
// Sockets keep the process alive only while something waits on them: a pending accept
// waits for the connection that a timer makes later; afterwards the listener and both
// connections stay open with nothing waiting, and the program ends by itself (the runtime
// closes them on the way out).
(async () => {
  const l = mrt.listen({ port: 0 });
  setTimeout(async () => {
    console.log("timer: connecting");
    const c = await mrt.connect({ port: l.addr.port });
    await c.write(new Uint8Array([5]));
    globalThis.keep = c; // open, nobody reads
  }, 50);
  const s = await l.accept(); // keeps the loop alive until the timer connected
  console.log("accepted");
  const b = new Uint8Array(4);
  console.log("read:", await s.read(b), b[0]);
  globalThis.keep2 = [l, s];
  setTimeout(() => console.log("last timer"), 20);
})();
console.log("script end");
