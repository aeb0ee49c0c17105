// node: skip — node 20 clones a DOMException as {} (it became [Serializable] in node 21);
// expected output checked against deno, which follows WebIDL/HTML: a DOMException clones as
// a DOMException with the same name and message (code follows the name), and its stack.
const names = ["DataCloneError", "AbortError", "SyntaxError", "NotFoundError",
  "TimeoutError", "Error", "CustomName"];

function show(label, c, e) {
  console.log(label, c instanceof DOMException, c instanceof Error, c !== e,
    Object.getPrototypeOf(c) === DOMException.prototype, JSON.stringify(c.name),
    JSON.stringify(c.message), c.code, c.stack === e.stack,
    Object.prototype.toString.call(c));
}

for (const name of names) {
  const e = new DOMException(`message for ${name}`, name);
  show("clone", structuredClone(e), e);
}

// Default arguments; the options form with a cause (the cause is not serialized).
const d = new DOMException();
show("default", structuredClone(d), d);
const withCause = new DOMException("m", { name: "AbortError", cause: { x: 1 } });
const cc = structuredClone(withCause);
show("cause", cc, withCause);
console.log("cause cloned:", cc.cause);

// Inside other values, identity kept within one clone; a subclass arrives as a DOMException.
const shared = new DOMException("shared", "InvalidStateError");
const obj = structuredClone({ list: [shared, shared], map: new Map([["k", shared]]) });
console.log("same:", obj.list[0] === obj.list[1], obj.list[0] === obj.map.get("k"),
  obj.list[0].name, obj.list[0].code);
class MyException extends DOMException {}
const sub = structuredClone(new MyException("sub", "NetworkError"));
console.log("subclass:", sub.constructor === DOMException, sub instanceof MyException,
  sub.name, sub.code);

// The DataCloneError that structuredClone itself throws clones too.
try {
  structuredClone(() => {});
} catch (err) {
  const c = structuredClone(err);
  console.log("thrown:", c instanceof DOMException, c.name, c.code, c.message === err.message);
}

// Errors stay errors of their own type.
const te = structuredClone(new TypeError("t"));
console.log("TypeError:", te instanceof TypeError, te instanceof DOMException, te.message);

// Through a MessageChannel.
const { port1, port2 } = new MessageChannel();
const sent = names.map((n, i) => new DOMException(`posted ${i}`, n));
let got = 0;
port2.onmessage = ({ data }) => {
  if (Array.isArray(data)) {
    console.log("posted array:", data.map((x) => `${x.name}/${x.code}`).join(" "),
      data.every((x) => x instanceof DOMException));
  } else {
    show("posted", data, sent[got]);
    got++;
  }
  if (got === sent.length && Array.isArray(data)) port2.close();
};
for (const e of sent) port1.postMessage(e);
port1.postMessage(sent);
