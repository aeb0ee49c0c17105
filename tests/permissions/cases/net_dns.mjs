// flags: --allow-net={name}:{tcp},{name}:{http},192.0.2.1
// A DNS name granted by name that resolves to this machine (the runner picks one from
// /etc/hosts pointing at 127.0.0.1) reaches it only if the loopback address itself is
// granted: a name cannot smuggle in access to local services.
import { ok, denied, done } from "./lib.mjs";

const [, tcp, http, name] = mrt.args;
await denied("connect a name resolving to loopback", async () => (await mrt.connect({ hostname: name, port: Number(tcp) })).close(), "net");
await denied("fetch a name resolving to loopback", () => fetch(`http://${name}:${http}/`), "net");
await denied("listen on a name resolving to loopback", () => mrt.listen({ hostname: name, port: Number(tcp) }), "net");
done();
