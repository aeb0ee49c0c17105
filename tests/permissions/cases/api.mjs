// flags: --allow-read={dir}/allowed --allow-net=localhost:1 --allow-env=MRT_PERM_OK
// mrt.permissions in Deno's shape: query, revoke (then refused), request without a prompt.
import { inspect } from "node:util";
import { A, dir, ok, denied, done } from "./lib.mjs";

const q = (d) => mrt.permissions.querySync(d).state;
ok("read inside granted", q({ name: "read", path: `${A}/ok.txt` }) === "granted");
ok("read outside not", q({ name: "read", path: `${dir}/secret.txt` }) === "prompt");
ok("write not", q({ name: "write" }) === "prompt");
ok("net localhost:1", q({ name: "net", host: "localhost:1" }) === "granted");
ok("net 127.0.0.1:1 (localhost)", q({ name: "net", host: "127.0.0.1:1" }) === "granted");
ok("net localhost:2 not", q({ name: "net", host: "localhost:2" }) === "prompt");
ok("env granted name", q({ name: "env", variable: "MRT_PERM_OK" }) === "granted");
ok("env all not", q({ name: "env" }) === "prompt");
ok("inspected with its state, as in Deno",
  inspect(mrt.permissions.querySync({ name: "write" })) === "PermissionStatus { state: 'prompt', onchange: null }");
ok("query is a promise", (await mrt.permissions.query({ name: "read", path: A })).state === "granted");
ok("request answers without a prompt", (await mrt.permissions.request({ name: "write", path: A })).state === "denied");
try {
  q({ name: "bogus" });
  ok("a bad name is a TypeError", false);
} catch (e) {
  ok("a bad name is a TypeError", e instanceof TypeError);
}
ok("revoke answers prompt", mrt.permissions.revokeSync({ name: "read", path: A }).state === "prompt");
await denied("read after revoke", () => mrt.readTextFileSync(`${A}/ok.txt`), "read");
ok("new NotCapable()", new mrt.errors.NotCapable("x") instanceof mrt.errors.NotCapable);
done();
