// node: skip    (node 20 has no type stripping; .out checked with `deno run`)
// Erasable syntax: annotations, interfaces, type aliases, generics, `as`, `satisfies`, `!`,
// `declare`, `abstract`, access modifiers, overloads, `this` parameters, type predicates.
import type { Shape } from "./fixtures/shapes.ts";
import { type Id, Square, describe } from "./fixtures/shapes.ts";
export type { Shape };

interface Point<T = number> { x: T; y: T }
type Pair<A, B> = [A, B];
declare const outside: string;
declare global { interface Array<T> { never?: T } }

function id<T extends object>(v: T): T { return v; }
const p = { x: 1, y: 2 } satisfies Point;
const q = (p as unknown) as Point<number>;
const maybe: Point | undefined = q;
let later!: number;
later = maybe!.x + q.y;

abstract class Base<T> {
  public name: string = "base";
  private secret: number = 7;
  protected readonly tag?: string;
  declare ghost: number;
  abstract value(): T;
  static make<U>(this: void, u: U): U { return u; }
  reveal(): number { return this.secret; }
}
class Impl extends Base<string> {
  override value(): string { return "impl"; }
}

function over(a: number): number;
function over(a: string): string;
function over(a: any): any { return a; }
const isText = <T,>(v: T | string): v is string => typeof v === "string";
function inThis(this: { k: number }, add: number): number { return this.k + add; }

const pair: Pair<string, number> = ["a", 1];
const id1: Id = "sq-1";
const s: Shape = new Square(4);
const impl = new Impl();
console.log(id({ a: 1 }), q, later, pair);
console.log(impl.name, impl.value(), impl.reveal(), "ghost" in impl, Base.make(5));
console.log(over(2), over("x"), isText("t"), isText(3), inThis.call({ k: 1 }, 2));
console.log(id1, s.area(), describe(s), typeof outside);
