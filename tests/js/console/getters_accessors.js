// Accessor properties are shown as [Getter], [Setter], [Getter/Setter]; non-enumerable hidden.
const o = {
  get g() { return 1; },
  set s(v) {},
  get gs() { return 2; },
  set gs(v) {},
  plain: 3,
};
Object.defineProperty(o, 'hidden', { value: 'not shown', enumerable: false });
console.log(o);
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  get len() { return Math.hypot(this.x, this.y); }
}
console.log(new Point(3, 4), new Point(3, 4).len);
