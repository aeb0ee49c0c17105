// node: skip    (node's strip mode refuses these; .out checked with `deno run`, which runs them)
// Syntax that needs code, transformed as Deno does: enums (also const), namespaces,
// parameter properties.
enum Color { Red, Green = 5, Blue }
const enum Size { S = "s", L = "l" }
namespace Geometry {
  export const unit = 1;
  export function double(n: number): number { return n * 2 * unit; }
}
class Account {
  constructor(public readonly owner: string, private balance: number = 0) {}
  deposit(n: number): number { this.balance += n; return this.balance; }
}
const a = new Account("ann");
console.log(Color.Green, Color[6], Size.L, Geometry.double(4));
console.log(a.owner, a.deposit(5), Object.keys(a).join(","));
