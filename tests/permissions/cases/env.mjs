// flags: --allow-env=MRT_PERM_OK
// Environment variables, per name; the whole environment (toObject, process.env enumerated
// or serialised) only with all of it, as Deno.
import process from "node:process";
import { ok, denied, allowed, done } from "./lib.mjs";

await allowed("a granted name", () => mrt.env.get("MRT_PERM_OK"), (v) => v === "visible");
await denied("another name", () => mrt.env.get("MRT_PERM_SECRET"), "env");
await denied("toObject", () => mrt.env.toObject(), "env");
await denied("set another name", () => mrt.env.set("MRT_PERM_NEW", "x"), "env");
await denied("delete another name", () => mrt.env.delete("MRT_PERM_SECRET"), "env");
await allowed("process.env, a granted name", () => process.env.MRT_PERM_OK, (v) => v === "visible");
await denied("process.env, another name", () => process.env.MRT_PERM_SECRET, "env");
await denied("Object.keys(process.env)", () => Object.keys(process.env), "env");
await denied("{ ...process.env }", () => ({ ...process.env }), "env");
await denied("JSON.stringify(process.env)", () => JSON.stringify(process.env), "env");
await denied("process.env assignment", () => { process.env.MRT_PERM_NEW = "x"; }, "env");
await allowed("set a granted name", () => { mrt.env.set("MRT_PERM_OK", "changed"); return mrt.env.get("MRT_PERM_OK"); }, (v) => v === "changed");
done();
