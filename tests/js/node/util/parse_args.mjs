import { parseArgs } from "node:util";
const options = {
  foo: { type: "boolean", short: "f" },
  bar: { type: "string", short: "b" },
  many: { type: "string", multiple: true, short: "m" },
  def: { type: "string", default: "d" },
  v: { type: "boolean", multiple: true },
};
const cases = [
  ["-f", "--bar", "x"], ["-fb", "val"], ["-bVALUE"], ["--bar=1=2", "-m", "a", "--many=b", "-mc"], ["-fvv"],
  ["--", "-f", "pos"], ["pos1", "-f", "pos2"], ["--def", "e"], ["--bar"], ["--foo=1"], ["--nope"], ["-x"], ["pos"], ["--bar", "-f"],
];
for (const args of cases) {
  for (const strict of [true, false]) {
    try {
      const r = parseArgs({ args, options, strict, allowPositionals: args.includes("pos") || args.includes("pos1") ? true : undefined });
      console.log(JSON.stringify(args), strict, JSON.stringify(r.values), JSON.stringify(r.positionals));
    } catch (e) {
      console.log(JSON.stringify(args), strict, e.code, e.message);
    }
  }
}
console.log(JSON.stringify(parseArgs({ args: ["-fb", "x", "--", "y"], options, tokens: true, allowPositionals: true }).tokens));
for (const bad of [{ options: { a: { type: "number" } } }, { options: { a: { type: "string", short: "ab" } } }, { args: "x" }, { options: { a: { type: "string", default: 1 } } }]) {
  try { parseArgs(bad); } catch (e) { console.log(e.code, e.message); }
}
console.log(Object.getPrototypeOf(parseArgs({ args: [] }).values));
