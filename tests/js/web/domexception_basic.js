// DOMException: name/message/code, the legacy code table, constants on the constructor and
// prototype, Error inheritance, the options form, brand checks.
const cases = [[], ["m"], ["m", "NotFoundError"], ["m", "AbortError"], ["m", "Nope"], [null, undefined],
  ["m", "SyntaxError"], ["m", "DataCloneError"], ["m", "EncodingError"], [123, 456]];
for (const args of cases) {
  const e = new DOMException(...args);
  console.log(JSON.stringify(args), e.name, JSON.stringify(e.message), e.code, String(e));
}
const e = new DOMException("msg", "InvalidStateError");
console.log(e instanceof DOMException, e instanceof Error, Object.getPrototypeOf(DOMException.prototype) === Error.prototype);
console.log(Object.keys(e).length, e.hasOwnProperty("name"), e.hasOwnProperty("message"), typeof e.stack);
console.log(Object.prototype.toString.call(e), DOMException.name, DOMException.length);
console.log(DOMException.INDEX_SIZE_ERR, DOMException.ABORT_ERR, DOMException.DATA_CLONE_ERR,
  e.TIMEOUT_ERR, DOMException.prototype.NOT_FOUND_ERR);
const c = Object.getOwnPropertyDescriptor(DOMException, "ABORT_ERR");
console.log(c.writable, c.enumerable, c.configurable);
const withCause = new DOMException("m", { name: "NotAllowedError", cause: "because" });
console.log(withCause.name, withCause.code, withCause.cause);
class MyError extends DOMException { constructor() { super("sub", "QuotaExceededError"); } }
const sub = new MyError();
console.log(sub instanceof MyError, sub instanceof DOMException, sub.name, sub.code);
for (const f of [
  () => DOMException(),
  () => Object.getOwnPropertyDescriptor(DOMException.prototype, "name").get.call({}),
  () => Object.getOwnPropertyDescriptor(DOMException.prototype, "code").get.call(new Error("x")),
  () => new DOMException(Symbol()),
]) {
  try { f(); console.log("no error"); } catch (err) { console.log(err.constructor.name); }
}
try { atob("*"); } catch (err) { console.log(err.name, err.code, err instanceof DOMException); }
