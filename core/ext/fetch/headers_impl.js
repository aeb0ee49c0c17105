// headers_impl.js: the Fetch standard's Headers (loaded by types_impl.js at first use).
//
// A header list is an array of [name, value] pairs in insertion order, names as given (they
// are sent that way) and compared ASCII-case-insensitively. Iteration sorts and combines
// (set-cookie stays one pair per value); that view is cached until the list changes.
(function (P) {
  "use strict";

  const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  // A value after normalisation may not hold NUL, CR or LF.
  const badValueRe = /[\0\r\n]/;
  const edgeWhitespaceRe = /^[\t\n\r ]+|[\t\n\r ]+$/g;
  const nonByteRe = /[^\x00-\xff]/;

  // WebIDL ByteString: ToString, then every code unit must fit in a byte.
  function byteString(v, what) {
    const s = typeof v === "string" ? v : `${v}`;
    if (nonByteRe.test(s)) {
      throw new TypeError(`${what}: Cannot convert value to a ByteString: it holds a character ` +
        "above U+00FF.");
    }
    return s;
  }

  function checkName(name, what) {
    if (!tokenRe.test(name)) throw new TypeError(`${what}: Invalid header name: "${name}".`);
    return name;
  }

  function normalizeValue(value) {
    // The common case has no edge whitespace: skip the regex replace.
    const n = value.length;
    if (n === 0) return value;
    const a = value.charCodeAt(0), b = value.charCodeAt(n - 1);
    if (a > 32 && b > 32) return value;
    return value.replace(edgeWhitespaceRe, "");
  }

  function checkValue(value, name, what) {
    if (badValueRe.test(value)) {
      throw new TypeError(`${what}: Invalid value for header "${name}".`);
    }
    return value;
  }

  // CORS-safelisted request-headers, for a "request-no-cors" guard.
  const corsUnsafeByte = /[\x00-\x08\x0a-\x1f"():<>?@[\\\]{}\x7f]/;
  function corsSafelisted(name, value) {
    if (value.length > 128) return false;
    switch (name.toLowerCase()) {
      case "accept":
        return !/[\x00-\x08\x0a-\x1f"():<>?@[\\\]{}\x7f]/.test(value);
      case "accept-language":
      case "content-language":
        return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
      case "content-type": {
        if (corsUnsafeByte.test(value)) return false;
        const essence = value.split(";")[0].trim().toLowerCase();
        return essence === "application/x-www-form-urlencoded" ||
          essence === "multipart/form-data" || essence === "text/plain";
      }
      case "range":
        return /^bytes=\d*-\d*$/.test(value) && value !== "bytes=-";
      default:
        return false;
    }
  }
  const noCorsSafelistedNames = new Set(["accept", "accept-language", "content-language",
    "content-type"]);

  let listOf, guardOf, setGuard, newHeaders, viewOf, dirty, isHeaders;

  class Headers {
    #list = [];
    #guard = "none";
    #sorted = null; // the cached sort-and-combine view

    constructor(init = undefined) {
      if (init !== undefined) fill(this, init, "Failed to construct 'Headers'");
    }

    append(name, value) {
      const list = this.#list;
      const what = "Failed to execute 'append' on 'Headers'";
      if (arguments.length < 2) throw argCount(what, 2, arguments.length);
      appendHeader(this, byteString(name, what), byteString(value, what), what);
    }

    delete(name) {
      const list = this.#list;
      const what = "Failed to execute 'delete' on 'Headers'";
      if (arguments.length < 1) throw argCount(what, 1, arguments.length);
      const n = checkName(byteString(name, what), what);
      this.#checkGuard(what);
      if (this.#guard === "request-no-cors" && !noCorsSafelistedNames.has(n.toLowerCase()) &&
          n.toLowerCase() !== "range") return;
      const key = n.toLowerCase();
      let j = 0;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0].toLowerCase() !== key) list[j++] = list[i];
      }
      if (j !== list.length) {
        list.length = j;
        this.#sorted = null;
      }
      if (this.#guard === "request-no-cors") removePrivilegedNoCors(list);
    }

    get(name) {
      const list = this.#list;
      const what = "Failed to execute 'get' on 'Headers'";
      if (arguments.length < 1) throw argCount(what, 1, arguments.length);
      const key = checkName(byteString(name, what), what).toLowerCase();
      return getHeader(list, key);
    }

    getSetCookie() {
      const list = this.#list;
      const out = [];
      for (let i = 0; i < list.length; i++) {
        if (list[i][0].toLowerCase() === "set-cookie") out.push(list[i][1]);
      }
      return out;
    }

    has(name) {
      const list = this.#list;
      const what = "Failed to execute 'has' on 'Headers'";
      if (arguments.length < 1) throw argCount(what, 1, arguments.length);
      const key = checkName(byteString(name, what), what).toLowerCase();
      for (let i = 0; i < list.length; i++) if (list[i][0].toLowerCase() === key) return true;
      return false;
    }

    set(name, value) {
      const list = this.#list;
      const what = "Failed to execute 'set' on 'Headers'";
      if (arguments.length < 2) throw argCount(what, 2, arguments.length);
      const n = checkName(byteString(name, what), what);
      const v = checkValue(normalizeValue(byteString(value, what)), n, what);
      this.#checkGuard(what);
      if (this.#guard === "request-no-cors" && !corsSafelisted(n, v)) return;
      setHeader(list, n, v);
      this.#sorted = null;
      if (this.#guard === "request-no-cors") removePrivilegedNoCors(list);
    }

    forEach(callback, thisArg = undefined) {
      this.#list;
      if (typeof callback !== "function") {
        throw new TypeError("Failed to execute 'forEach' on 'Headers': The callback provided " +
          "as parameter 1 is not a function.");
      }
      // Live: each step looks at the current sorted view.
      for (let i = 0; ; i++) {
        const pairs = this.#view();
        if (i >= pairs.length) break;
        callback.call(thisArg, pairs[i][1], pairs[i][0], this);
      }
    }

    entries() {
      this.#list;
      return new HeadersIterator(this, 2);
    }

    keys() {
      this.#list;
      return new HeadersIterator(this, 0);
    }

    values() {
      this.#list;
      return new HeadersIterator(this, 1);
    }

    #checkGuard(what) {
      if (this.#guard === "immutable") throw new TypeError(`${what}: Headers are immutable.`);
    }

    // Sort and combine: names lowercased, sorted; values of one name joined with ", ", except
    // set-cookie whose values each make a pair.
    #view() {
      if (this.#sorted !== null) return this.#sorted;
      const list = this.#list;
      const names = [];
      const byName = new Map();
      for (let i = 0; i < list.length; i++) {
        const key = list[i][0].toLowerCase();
        const prev = byName.get(key);
        if (prev === undefined) {
          names.push(key);
          byName.set(key, [list[i][1]]);
        } else {
          prev.push(list[i][1]);
        }
      }
      names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const out = [];
      for (const key of names) {
        const values = byName.get(key);
        if (key === "set-cookie") for (const v of values) out.push([key, v]);
        else out.push([key, values.join(", ")]);
      }
      this.#sorted = out;
      return out;
    }

    static {
      listOf = (h) => h.#list;
      guardOf = (h) => h.#guard;
      setGuard = (h, g) => {
        h.#guard = g;
      };
      viewOf = (h) => h.#view();
      dirty = (h) => {
        h.#sorted = null;
      };
      isHeaders = (h) => typeof h === "object" && h !== null && #list in h;
      newHeaders = (list, guard) => {
        const h = new Headers();
        h.#list = list;
        h.#guard = guard;
        return h;
      };
    }
  }

  function argCount(what, need, got) {
    return new TypeError(`${what}: ${need} argument${need > 1 ? "s" : ""} required, but only ${
      got} present.`);
  }

  function getHeader(list, key) {
    let out = null;
    for (let i = 0; i < list.length; i++) {
      if (list[i][0].toLowerCase() === key) out = out === null ? list[i][1] : `${out}, ${list[i][1]}`;
    }
    return out;
  }

  // Replace the first of that name, drop the others; or append.
  function setHeader(list, n, v) {
    const key = n.toLowerCase();
    let j = 0;
    let done = false;
    for (let i = 0; i < list.length; i++) {
      if (list[i][0].toLowerCase() !== key) list[j++] = list[i];
      else if (!done) {
        list[j++] = [list[i][0], v];
        done = true;
      }
    }
    list.length = j;
    if (!done) list.push([n, v]);
  }

  function removePrivilegedNoCors(list) {
    let j = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i][0].toLowerCase() !== "range") list[j++] = list[i];
    }
    list.length = j;
  }

  function appendHeader(h, name, value, what) {
    const n = checkName(name, what);
    const v = checkValue(normalizeValue(value), n, what);
    const guard = guardOf(h);
    if (guard === "immutable") throw new TypeError(`${what}: Headers are immutable.`);
    const list = listOf(h);
    if (guard === "request-no-cors") {
      const cur = getHeader(list, n.toLowerCase());
      const combined = cur === null ? v : `${cur}, ${v}`;
      if (!corsSafelisted(n, combined)) return;
    }
    list.push([n, v]);
    dirty(h);
    if (guard === "request-no-cors") removePrivilegedNoCors(list);
  }

  // HeadersInit: sequence<sequence<ByteString>> or record<ByteString, ByteString>.
  function fill(h, init, what) {
    if (init === null || (typeof init !== "object" && typeof init !== "function")) {
      throw new TypeError(`${what}: The provided value is not of type ` +
        "'(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
    }
    // A Headers of ours (with an untouched iterator) copies its list directly.
    if (isHeaders(init) && init[Symbol.iterator] === Headers.prototype.entries) {
      const src = listOf(init);
      for (let i = 0; i < src.length; i++) appendHeader(h, src[i][0], src[i][1], what);
      return;
    }
    const method = init[Symbol.iterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== "function") {
        throw new TypeError(`${what}: The object must have a callable @@iterator property.`);
      }
      const pairs = [];
      for (const pair of { [Symbol.iterator]: () => method.call(init) }) {
        if (pair === null || (typeof pair !== "object" && typeof pair !== "function")) {
          throw new TypeError(`${what}: The provided value cannot be converted to a sequence.`);
        }
        const items = [];
        for (const x of pair) items.push(byteString(x, what));
        if (items.length !== 2) {
          throw new TypeError(`${what}: Invalid value: a header pair must have exactly two ` +
            "items.");
        }
        pairs.push(items);
      }
      for (const [n, v] of pairs) appendHeader(h, n, v, what);
      return;
    }
    const pairs = [];
    for (const key of Reflect.ownKeys(init)) {
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      if (typeof key === "symbol") {
        throw new TypeError(`${what}: Cannot convert a Symbol value to a string.`);
      }
      const name = byteString(key, what);
      pairs.push([name, byteString(init[key], what)]);
    }
    for (const [n, v] of pairs) appendHeader(h, n, v, what);
  }

  // The pair iterator: its index walks the live sorted view.
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  class HeadersIterator {
    #headers;
    #kind;
    #index = 0;
    constructor(headers, kind) {
      this.#headers = headers;
      this.#kind = kind;
    }
    next() {
      const pairs = viewOf(this.#headers);
      const i = this.#index;
      if (i >= pairs.length) return { value: undefined, done: true };
      this.#index = i + 1;
      const e = pairs[i];
      const kind = this.#kind;
      return { value: kind === 2 ? [e[0], e[1]] : e[kind], done: false };
    }
  }
  const iterProto = HeadersIterator.prototype;
  Object.setPrototypeOf(iterProto, IteratorPrototype);
  Object.defineProperty(iterProto, "next", { enumerable: true });
  Object.defineProperty(iterProto, Symbol.toStringTag, {
    value: "Headers Iterator", configurable: true,
  });
  delete iterProto.constructor;

  P.webidlClass(Headers, "Headers");
  Object.defineProperty(Headers.prototype, Symbol.iterator, {
    value: Headers.prototype.entries, writable: true, enumerable: false, configurable: true,
  });

  return {
    Headers,
    isHeaders,
    listOf,
    guardOf,
    setGuard,
    newHeaders,
    fill,
    getHeader,
    setHeader,
    byteString,
    checkName,
    // The header list as sent: a copy of [name, value] pairs.
    pairsOf: (h) => listOf(h).map((e) => [e[0], e[1]]),
    // A list from trusted [name, value] pairs (the network's), copied.
    fromPairs(pairs, guard) {
      const list = [];
      if (pairs) for (const p of pairs) list.push([`${p[0]}`, `${p[1]}`]);
      return newHeaders(list, guard);
    },
    touched: dirty,
  };
});
