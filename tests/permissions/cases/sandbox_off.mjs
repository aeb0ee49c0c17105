// flags:
// No flag: no sandbox, everything as before (node and bun behave the same).
import fs from "node:fs";
import { dir, ok, allowed, done } from "./lib.mjs";

await allowed("read anything", () => fs.readFileSync(`${dir}/secret.txt`, "utf8").length, (n) => n > 0);
await allowed("env", () => Object.keys(mrt.env.toObject()).length, (n) => n > 0);
ok("permissions all granted", mrt.permissions.querySync({ name: "write" }).state === "granted");
done();
