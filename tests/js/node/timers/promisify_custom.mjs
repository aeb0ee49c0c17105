// util.promisify(setTimeout) works through Node's custom symbol: the global setTimeout and
// setImmediate and node:timers' carry it, giving node:timers/promises' functions.
import { setTimeout as st, setImmediate as sim } from "node:timers";
import tp from "node:timers/promises";
const custom = Symbol.for("nodejs.util.promisify.custom");
console.log(setTimeout[custom] === tp.setTimeout, setImmediate[custom] === tp.setImmediate, st[custom] === tp.setTimeout);
console.log(await setTimeout[custom](1, "slept"), await st[custom](1, "slept2"), await setImmediate[custom]("imm"), await sim[custom]("imm2"));
