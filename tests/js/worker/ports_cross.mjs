// node: skip
// A port passed on from a worker to its nested worker keeps its channel with the main
// thread; two sibling workers joined by a MessageChannel made here talk to each other
// directly; a port sent back from a worker arrives here as a port again.
const url = (f) => new URL(`./fixtures/${f}`, import.meta.url);
const once = (w) => new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); });

// Nested: main -> relay -> nested echo.
{
  const relay = new Worker(url("port_relay.mjs"), { type: "module" });
  const { port1, port2 } = new MessageChannel();
  const relayed = once(relay);
  relay.postMessage(null, [port2]);
  console.log("nested:", JSON.stringify(await relayed));
  const echoes = [];
  await new Promise((resolve) => {
    port1.onmessage = (e) => {
      echoes.push(e.data);
      if (echoes.length === 3) resolve();
    };
    for (const m of ["a", "b", "c"]) port1.postMessage(m);
  });
  console.log("echoed by the nested worker:", echoes.join(" "));
  port1.close();
  relay.terminate();
}

// Siblings.
{
  const a = new Worker(url("port_peer.mjs"), { type: "module", name: "A" });
  const b = new Worker(url("port_peer.mjs"), { type: "module", name: "B" });
  const { port1, port2 } = new MessageChannel();
  const ready = [once(a), once(b)];
  a.postMessage("port", [port1]);
  b.postMessage("port", { transfer: [port2] });
  console.log("siblings:", (await Promise.all(ready)).join(" "));
  const replies = [];
  await new Promise((resolve) => {
    a.onmessage = (e) => {
      replies.push(e.data);
      if (replies.length === 3) resolve();
    };
    a.postMessage("ping");
  });
  console.log(replies.join("\n"));
  a.terminate();
  b.terminate();
}

// A port made in a worker, sent here, and one of ours sent there and back.
{
  const w = new Worker(url("port_back.mjs"), { type: "module" });
  const { port1, port2 } = new MessageChannel();
  const got = once(w);
  w.postMessage(port2, [port2]);
  const e = await got;
  console.log("back:", e.mine instanceof MessagePort, e.yours instanceof MessagePort);
  const answer = new Promise((resolve) => { e.mine.onmessage = (m) => resolve(m.data); });
  e.mine.postMessage("hello");
  console.log(await answer);
  const direct = new Promise((resolve) => { e.yours.onmessage = (m) => resolve(m.data); });
  port1.postMessage("to myself, by way of a worker");
  console.log(await direct);
  w.terminate();
  for (const p of [e.mine, e.yours, port1]) p.close();
}
