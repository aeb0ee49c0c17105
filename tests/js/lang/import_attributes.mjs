// ES2025 import attributes: `with { type: "json" }`, beside the older `assert` (node 20 has
// both: the oracle).
import data from "./fixtures/data.json" with { type: "json" };
import again from "./fixtures/data.json" assert { type: "json" };
console.log(JSON.stringify(data), data === again);
const dynamic = await import("./fixtures/data.json", { with: { type: "json" } });
console.log(dynamic.default === data);
try {
  await import("./fixtures/data.json");
} catch (e) {
  console.log("without the attribute:", e.constructor.name);
}
try {
  await import("./fixtures/data.json", { with: { type: "css" } });
} catch (e) {
  console.log("another type:", e.constructor.name);
}
