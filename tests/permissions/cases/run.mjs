// flags: --allow-read={dir}/allowed --allow-env
// Child processes and signals to other processes need --allow-run.
import cp from "node:child_process";
import process from "node:process";
import { denied, allowed, done } from "./lib.mjs";

await denied("execSync", () => cp.execSync("echo hi"), "run");
await denied("spawnSync", () => cp.spawnSync("/bin/echo", ["hi"]), "run");
await denied("spawn", () => cp.spawn("/bin/echo", ["hi"]), "run");
await denied("kill another process", () => process.kill(1, 0), "run");
await allowed("a signal 0 to itself", () => process.kill(process.pid, 0), () => true);
done();
