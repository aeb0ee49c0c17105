// flags: --allow-net=localhost:{tcp},localhost:{http}
// Connect and listen checked on the address: localhost is 127.0.0.1 and ::1, IPv4-mapped
// IPv6 is the IPv4 address, 0.0.0.0 (which reaches this machine) only when named.
import { ok, denied, allowed, done } from "./lib.mjs";

const [, tcp, http] = mrt.args.map(Number);
const connect = async (hostname, port) => {
  const c = await mrt.connect({ hostname, port });
  c.close();
  return true;
};
await allowed("connect 127.0.0.1 (localhost granted)", () => connect("127.0.0.1", tcp));
await allowed("connect localhost", () => connect("localhost", tcp));
await allowed("connect ::ffff:127.0.0.1 (the same address)", () => connect("::ffff:127.0.0.1", tcp));
await denied("connect another port", () => connect("127.0.0.1", tcp + 1), "net");
await denied("connect 0.0.0.0", () => connect("0.0.0.0", tcp), "net");
await denied("connect ::ffff:0.0.0.0", () => connect("::ffff:0.0.0.0", tcp), "net");
await denied("connect [::]", () => connect("::", tcp), "net");
await denied("connect 127.0.0.2", () => connect("127.0.0.2", tcp), "net");
await denied("connect ::ffff:7f00:2 (127.0.0.2 in hex)", () => connect("::ffff:7f00:2", tcp), "net");
await denied("connect a public address", () => connect("192.0.2.1", 80), "net");
await denied("listen 0.0.0.0", () => mrt.listen({ hostname: "0.0.0.0", port: tcp }), "net");
await denied("listen ::", () => mrt.listen({ hostname: "::", port: tcp }), "net");
await denied("listen ::ffff:0.0.0.0", () => mrt.listen({ hostname: "::ffff:0.0.0.0", port: tcp }), "net");
await denied("listen on a port not granted", () => mrt.listen({ hostname: "127.0.0.1", port: tcp + 2 }), "net");
await allowed("fetch a granted host and port", async () => (await fetch(`http://127.0.0.1:${http}/`)).text(), (t) => t === "http ok");
await allowed("fetch [::ffff:127.0.0.1]", async () => (await fetch(`http://[::ffff:127.0.0.1]:${http}/`)).text(), (t) => t === "http ok");
await denied("fetch another port", () => fetch(`http://127.0.0.1:${tcp + 3}/`), "net");
await denied("fetch a redirect to a place not granted", () => fetch(`http://127.0.0.1:${http}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${tcp + 3}/`)}`), "net");
await denied("serve on 0.0.0.0", () => mrt.serve({ hostname: "0.0.0.0", port: tcp + 4, onListen() {} }, () => new Response("x")), "net");
done();
