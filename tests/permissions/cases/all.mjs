// flags: -A
// --allow-all: the sandbox is on and grants everything.
import fs from "node:fs";
import { dir, ok, allowed, done } from "./lib.mjs";

await allowed("read anything", () => fs.readFileSync(`${dir}/secret.txt`, "utf8").length, (n) => n > 0);
ok("permissions granted", mrt.permissions.querySync({ name: "run" }).state === "granted");
done();
