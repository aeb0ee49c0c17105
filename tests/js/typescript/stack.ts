// node: skip    (node 20 has no type stripping; positions checked with `deno run`)
// exit: 1
// stderr: ^Uncaught RangeError: too deep: 3$
// stderr: ^    at deep \(file://.*/fixtures/throws\.ts:4:9\)$
// stderr: ^    at file://.*/stack\.ts:14:1$
// stderr: fixtures/throws\.ts:4:9$
// stderr: ^  throw new RangeError\(`too deep: \$\{input\.depth as number\}`\);$
// Stripped types leave every line and column where they were: traces need no map; the
// error report shows the line as written (types and all), as Deno does.
import { deep } from "./fixtures/throws.ts";

interface Unused { a: string }
const input: { depth: number } = { depth: 3 };
deep(input);
