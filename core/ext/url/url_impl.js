// url_impl.js: URL and URLSearchParams, compiled from the binary at first use (url.js). A URL
// is its normalized href plus the offsets of its components (core/ext/url/url.c parses in one
// op call and writes the offsets into a shared Int32Array), so the getters are slices.
(function (P) {
  "use strict";
  const ops = P.ops;

  const urlParse = ops.urlParse;
  const urlSet = ops.urlSet;
  const urlCanParse = ops.urlCanParse;
  const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

  // Offsets written by the ops (url_parse.h: URL_O_*).
  const off = new Int32Array(12);
  const F_HOST = 1, F_SPECIAL = 2, F_FILE = 8;
  // Setter numbers (url.c: SET_*).
  const SET_PROTOCOL = 0, SET_USERNAME = 1, SET_PASSWORD = 2, SET_HOST = 3, SET_HOSTNAME = 4,
    SET_PORT = 5, SET_PATHNAME = 6, SET_SEARCH = 7, SET_HASH = 8;

  function codeError(Ctor, code, message) {
    const err = new Ctor(message);
    err.code = code;
    return err;
  }
  function missing(names) {
    const list = names.map((n) => `"${n}"`);
    const what = list.length === 1 ? `${list[0]} argument` : `${list.join(" and ")} arguments`;
    return codeError(TypeError, "ERR_MISSING_ARGS", `The ${what} must be specified`);
  }
  // node's messages: URL's differ from URLSearchParams'.
  function receiver(name) {
    if (name === "URL") return new TypeError("Receiver must be an instance of class URL");
    return codeError(TypeError, "ERR_INVALID_THIS", `Value of "this" must be of type ${name}`);
  }
  function invalidURL(input, base) {
    const err = codeError(TypeError, "ERR_INVALID_URL", "Invalid URL");
    err.input = input;
    if (base !== undefined) err.base = base;
    return err;
  }

  // USVString: lone surrogates become U+FFFD.
  const surrogate = /[\uD800-\uDFFF]/;
  function usv(v) {
    const s = typeof v === "string" ? v : `${v}`;
    if (!surrogate.test(s)) return s;
    let out = "";
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          out += s[i] + s[i + 1];
          i++;
          continue;
        }
      }
      out += c >= 0xd800 && c <= 0xdfff ? "\ufffd" : s[i];
    }
    return out;
  }

  // ---------------------------------------------------------------- form-urlencoded

  // Percent-decoding without exceptions: runs of %XX bytes are UTF-8 decoded with
  // replacement (the spec's "percent-decode, then UTF-8 decode without BOM").
  const hexv = (c) => (c >= 48 && c <= 57 ? c - 48
    : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1);
  const fromCharCode = String.fromCharCode;

  function utf8Decode(bytes, n) {
    let out = "";
    for (let i = 0; i < n;) {
      const b = bytes[i];
      if (b < 0x80) {
        out += fromCharCode(b);
        i++;
        continue;
      }
      let need = 0, cp = 0, lo = 0x80, hi = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2; cp = b & 0xf;
        if (b === 0xe0) lo = 0xa0;
        if (b === 0xed) hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3; cp = b & 7;
        if (b === 0xf0) lo = 0x90;
        if (b === 0xf4) hi = 0x8f;
      } else {
        out += "\ufffd";
        i++;
        continue;
      }
      let k = 1;
      for (; k <= need && i + k < n; k++) {
        const c = bytes[i + k];
        if (c < lo || c > hi) break;
        lo = 0x80;
        hi = 0xbf;
        cp = (cp << 6) | (c & 0x3f);
      }
      if (k <= need) {
        out += "\ufffd"; // a maximal subpart: one U+FFFD, then resume at the failing byte
        i += k;
        continue;
      }
      out += cp > 0xffff ? fromCharCode(0xd7c0 + (cp >> 10), 0xdc00 | (cp & 0x3ff))
        : fromCharCode(cp);
      i += need + 1;
    }
    return out;
  }

  const pctBytes = new Uint8Array(64);
  function percentDecode(s) {
    let out = "";
    let last = 0;
    const n = s.length;
    for (let i = s.indexOf("%"); i !== -1 && i < n; i = s.indexOf("%", i)) {
      let k = i;
      let nb = 0;
      let bytes = pctBytes;
      while (k + 2 < n && s.charCodeAt(k) === 37) {
        const h = hexv(s.charCodeAt(k + 1)), l = hexv(s.charCodeAt(k + 2));
        if (h < 0 || l < 0) break;
        if (nb === bytes.length) {
          const more = new Uint8Array(nb * 2);
          more.set(bytes);
          bytes = more;
        }
        bytes[nb++] = h * 16 + l;
        k += 3;
      }
      if (nb === 0) {
        i++;
        continue;
      }
      out += s.slice(last, i) + utf8Decode(bytes, nb);
      last = i = k;
    }
    return last === 0 ? s : out + s.slice(last);
  }

  function formDecode(s) {
    if (s.indexOf("+") !== -1) s = s.replaceAll("+", " ");
    return s.indexOf("%") === -1 ? s : percentDecode(s);
  }

  // application/x-www-form-urlencoded serializing: ASCII by table, the rest as UTF-8 bytes.
  const formTable = [];
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    formTable.push(/[A-Za-z0-9*._-]/.test(ch) ? ch : c === 32 ? "+"
      : `%${c.toString(16).toUpperCase().padStart(2, "0")}`);
  }
  const hex2 = (b) => formHex[b];
  const formHex = [];
  for (let b = 0; b < 256; b++) formHex.push(`%${b.toString(16).toUpperCase().padStart(2, "0")}`);

  const formKeep = new Uint8Array(128);
  for (let c = 0; c < 128; c++) formKeep[c] = formTable[c].length === 1 && c !== 32 ? 1 : 0;

  function formEncode(s) {
    let out = "";
    let last = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80 && formKeep[c] === 1) continue;
      if (last < i) out += s.slice(last, i);
      if (c < 0x80) {
        out += formTable[c];
      } else if (c < 0x800) {
        out += hex2(0xc0 | (c >> 6)) + hex2(0x80 | (c & 63));
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n &&
                 (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        out += hex2(0xf0 | (c >> 18)) + hex2(0x80 | ((c >> 12) & 63)) +
          hex2(0x80 | ((c >> 6) & 63)) + hex2(0x80 | (c & 63));
      } else {
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // (lists hold USVStrings already)
        out += hex2(0xe0 | (c >> 12)) + hex2(0x80 | ((c >> 6) & 63)) + hex2(0x80 | (c & 63));
      }
      last = i + 1;
    }
    return last === 0 ? s : last < n ? out + s.slice(last) : out;
  }

  function parseQuery(s, list) {
    const n = s.length;
    let start = 0;
    while (start < n) {
      let amp = s.indexOf("&", start);
      if (amp === -1) amp = n;
      if (amp > start) {
        const eq = s.indexOf("=", start);
        if (eq !== -1 && eq < amp) {
          list.push(formDecode(s.slice(start, eq)), formDecode(s.slice(eq + 1, amp)));
        } else {
          list.push(formDecode(s.slice(start, amp)), "");
        }
      }
      start = amp + 1;
    }
    return list;
  }

  function serializeQuery(list) {
    let out = "";
    for (let i = 0; i < list.length; i += 2) {
      if (i) out += "&";
      out += `${formEncode(list[i])}=${formEncode(list[i + 1])}`;
    }
    return out;
  }

  // ---------------------------------------------------------------- URL

  const internal = {}; // the token of URL objects made from an href (URL.parse)
  let setQueryOf; // (url, serialized query) the searchParams' update steps
  let newParams; // (url, query) a URLSearchParams linked to url
  let resetParams; // (params, query) its list parsed again

  class URL {
    #href = "";
    #pe = 0; // after the protocol's ':'
    #us = 0;
    #ue = 0;
    #ps = 0;
    #pse = 0;
    #hs = 0;
    #he = 0;
    #port = -1;
    #path = 0;
    #search = -1;
    #hash = -1;
    #flags = 0;
    #params = null;

    constructor(url, base = undefined) {
      if (url === internal) {
        this.#update(base);
        return;
      }
      if (arguments.length === 0) throw missing(["url"]);
      url = `${url}`;
      if (base !== undefined) base = `${base}`;
      const r = urlParse(url, base, off);
      if (r === undefined) throw invalidURL(url, base);
      this.#update(r === true ? url : r);
    }

    #update(href) {
      this.#href = href;
      this.#pe = off[0];
      this.#us = off[1];
      this.#ue = off[2];
      this.#ps = off[3];
      this.#pse = off[4];
      this.#hs = off[5];
      this.#he = off[6];
      this.#port = off[7];
      this.#path = off[8];
      this.#search = off[9];
      this.#hash = off[10];
      this.#flags = off[11];
    }

    #set(which, value) {
      const r = urlSet(this.#href, which, value, off);
      if (r !== undefined) this.#update(r);
    }

    #query() {
      if (this.#search < 0) return "";
      return this.#href.slice(this.#search + 1, this.#hash < 0 ? this.#href.length : this.#hash);
    }

    static {
      setQueryOf = (url, s) => {
        const h = url.#href;
        const end = url.#search >= 0 ? url.#search : url.#hash >= 0 ? url.#hash : h.length;
        const frag = url.#hash >= 0 ? h.slice(url.#hash) : "";
        const q = s === "" ? "" : `?${s}`;
        url.#href = h.slice(0, end) + q + frag;
        url.#search = s === "" ? -1 : end;
        if (url.#hash >= 0) url.#hash = end + q.length;
      };
    }

    static canParse(url, base = undefined) {
      if (arguments.length === 0) throw missing(["url"]);
      url = `${url}`;
      if (base !== undefined) base = `${base}`;
      return urlCanParse(url, base);
    }

    static parse(url, base = undefined) {
      if (arguments.length === 0) throw missing(["url"]);
      url = `${url}`;
      if (base !== undefined) base = `${base}`;
      const r = urlParse(url, base, off);
      if (r === undefined) return null;
      return new URL(internal, r === true ? url : r);
    }

    toString() {
      if (!(#href in this)) throw receiver("URL");
      return this.#href;
    }

    get href() {
      if (!(#href in this)) throw receiver("URL");
      return this.#href;
    }
    set href(value) {
      if (!(#href in this)) throw receiver("URL");
      value = `${value}`;
      const r = urlParse(value, undefined, off);
      if (r === undefined) throw invalidURL(value);
      this.#update(r === true ? value : r);
      if (this.#params !== null) resetParams(this.#params, this.#query());
    }

    get origin() {
      if (!(#href in this)) throw receiver("URL");
      const f = this.#flags;
      const h = this.#href;
      if ((f & F_SPECIAL) && !(f & F_FILE)) {
        return `${h.slice(0, this.#pe)}//${h.slice(this.#hs, this.#path)}`;
      }
      if (this.#pe === 5 && h.startsWith("blob:")) {
        const inner = URL.parse(this.pathname);
        if (inner !== null && (inner.protocol === "http:" || inner.protocol === "https:")) {
          return inner.origin;
        }
      }
      return "null";
    }

    get protocol() {
      if (!(#href in this)) throw receiver("URL");
      return this.#href.slice(0, this.#pe);
    }
    set protocol(value) {
      if (!(#href in this)) throw receiver("URL");
      this.#set(SET_PROTOCOL, `${usv(value)}:`);
    }

    get username() {
      if (!(#href in this)) throw receiver("URL");
      return this.#href.slice(this.#us, this.#ue);
    }
    set username(value) {
      if (!(#href in this)) throw receiver("URL");
      this.#set(SET_USERNAME, `${value}`);
    }

    get password() {
      if (!(#href in this)) throw receiver("URL");
      return this.#href.slice(this.#ps, this.#pse);
    }
    set password(value) {
      if (!(#href in this)) throw receiver("URL");
      this.#set(SET_PASSWORD, `${value}`);
    }

    get host() {
      if (!(#href in this)) throw receiver("URL");
      if (!(this.#flags & F_HOST)) return "";
      return this.#href.slice(this.#hs, this.#path);
    }
    set host(value) {
      if (!(#href in this)) throw receiver("URL");
      this.#set(SET_HOST, `${value}`);
    }

    get hostname() {
      if (!(#href in this)) throw receiver("URL");
      return this.#href.slice(this.#hs, this.#he);
    }
    set hostname(value) {
      if (!(#href in this)) throw receiver("URL");
      this.#set(SET_HOSTNAME, `${value}`);
    }

    get port() {
      if (!(#href in this)) throw receiver("URL");
      return this.#port < 0 ? "" : `${this.#port}`;
    }
    set port(value) {
      if (!(#href in this)) throw receiver("URL");
      this.#set(SET_PORT, `${value}`);
    }

    get pathname() {
      if (!(#href in this)) throw receiver("URL");
      const end = this.#search >= 0 ? this.#search : this.#hash >= 0 ? this.#hash : this.#href.length;
      return this.#href.slice(this.#path, end);
    }
    set pathname(value) {
      if (!(#href in this)) throw receiver("URL");
      this.#set(SET_PATHNAME, `${value}`);
    }

    get search() {
      if (!(#href in this)) throw receiver("URL");
      if (this.#search < 0) return "";
      const end = this.#hash >= 0 ? this.#hash : this.#href.length;
      return end - this.#search <= 1 ? "" : this.#href.slice(this.#search, end);
    }
    set search(value) {
      if (!(#href in this)) throw receiver("URL");
      value = `${value}`;
      this.#set(SET_SEARCH, value);
      if (this.#params !== null) {
        resetParams(this.#params, value === "" ? "" : this.#query());
      }
    }

    get searchParams() {
      if (!(#href in this)) throw receiver("URL");
      if (this.#params === null) this.#params = newParams(this, this.#query());
      return this.#params;
    }

    get hash() {
      if (!(#href in this)) throw receiver("URL");
      if (this.#hash < 0 || this.#href.length - this.#hash <= 1) return "";
      return this.#href.slice(this.#hash);
    }
    set hash(value) {
      if (!(#href in this)) throw receiver("URL");
      this.#set(SET_HASH, `${value}`);
    }

    toJSON() {
      if (!(#href in this)) throw receiver("URL");
      return this.#href;
    }

    [inspectCustom](depth, opts, inspect) {
      if (typeof depth === "number" && depth < 0) return this;
      const obj = {
        href: this.href, origin: this.origin, protocol: this.protocol,
        username: this.username, password: this.password, host: this.host,
        hostname: this.hostname, port: this.port, pathname: this.pathname,
        search: this.search, searchParams: this.searchParams, hash: this.hash,
      };
      return `${this.constructor.name} ${inspect(obj, opts)}`;
    }
  }

  // ---------------------------------------------------------------- URLSearchParams

  let listOf; // (params) its list (for the iterator)

  class URLSearchParams {
    #list = []; // name, value, name, value, ...
    #url = null;

    constructor(init = undefined) {
      if (init === undefined || init === internal) return;
      const list = this.#list;
      if (typeof init === "string") {
        parseQuery(init.charCodeAt(0) === 63 ? usv(init.slice(1)) : usv(init), list);
        return;
      }
      if (init !== null && (typeof init === "object" || typeof init === "function")) {
        const iter = init[Symbol.iterator];
        if (iter !== undefined && iter !== null) {
          if (typeof iter !== "function") throw new TypeError("Query pairs must be iterable");
          for (const pair of init) {
            if (pair === null || (typeof pair !== "object" && typeof pair !== "function") ||
                typeof pair[Symbol.iterator] !== "function") {
              throw codeError(TypeError, "ERR_INVALID_TUPLE",
                "Each query pair must be an iterable [name, value] tuple");
            }
            const p = [...pair];
            if (p.length !== 2) {
              throw codeError(TypeError, "ERR_INVALID_TUPLE",
                "Each query pair must be an iterable [name, value] tuple");
            }
            list.push(usv(p[0]), usv(p[1]));
          }
        } else {
          const seen = new Map();
          for (const key of Reflect.ownKeys(init)) {
            const desc = Reflect.getOwnPropertyDescriptor(init, key);
            if (desc === undefined || !desc.enumerable) continue;
            const name = usv(key);
            const value = usv(init[key]);
            const at = seen.get(name);
            if (at === undefined) {
              seen.set(name, list.length);
              list.push(name, value);
            } else {
              list[at + 1] = value;
            }
          }
        }
      } else {
        let s = usv(init);
        if (s.charCodeAt(0) === 63) s = s.slice(1);
        parseQuery(s, list);
      }
    }

    static {
      newParams = (url, query) => {
        const p = new URLSearchParams(internal);
        p.#url = url;
        parseQuery(query, p.#list);
        return p;
      };
      resetParams = (p, query) => {
        p.#list = parseQuery(query, []);
      };
      listOf = (p) => p.#list;
    }

    #update() {
      if (this.#url !== null) setQueryOf(this.#url, serializeQuery(this.#list));
    }

    get size() {
      if (!(#list in this)) throw receiver("URLSearchParams");
      return this.#list.length >> 1;
    }

    append(name, value) {
      if (!(#list in this)) throw receiver("URLSearchParams");
      if (arguments.length < 2) throw missing(["name", "value"]);
      this.#list.push(usv(name), usv(value));
      this.#update();
    }

    delete(name, value = undefined) {
      if (!(#list in this)) throw receiver("URLSearchParams");
      if (arguments.length < 1) throw missing(["name"]);
      name = usv(name);
      if (value !== undefined) value = usv(value);
      const list = this.#list;
      let k = 0;
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === name && (value === undefined || list[i + 1] === value)) continue;
        list[k++] = list[i];
        list[k++] = list[i + 1];
      }
      list.length = k;
      this.#update();
    }

    get(name) {
      if (!(#list in this)) throw receiver("URLSearchParams");
      if (arguments.length < 1) throw missing(["name"]);
      name = usv(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
      return null;
    }

    getAll(name) {
      if (!(#list in this)) throw receiver("URLSearchParams");
      if (arguments.length < 1) throw missing(["name"]);
      name = usv(name);
      const list = this.#list;
      const out = [];
      for (let i = 0; i < list.length; i += 2) if (list[i] === name) out.push(list[i + 1]);
      return out;
    }

    has(name, value = undefined) {
      if (!(#list in this)) throw receiver("URLSearchParams");
      if (arguments.length < 1) throw missing(["name"]);
      name = usv(name);
      if (value !== undefined) value = usv(value);
      const list = this.#list;
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
      }
      return false;
    }

    set(name, value) {
      if (!(#list in this)) throw receiver("URLSearchParams");
      if (arguments.length < 2) throw missing(["name", "value"]);
      name = usv(name);
      value = usv(value);
      const list = this.#list;
      let found = false;
      let k = 0;
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === name) {
          if (found) continue;
          found = true;
          list[k++] = name;
          list[k++] = value;
          continue;
        }
        list[k++] = list[i];
        list[k++] = list[i + 1];
      }
      list.length = k;
      if (!found) list.push(name, value);
      this.#update();
    }

    sort() {
      if (!(#list in this)) throw receiver("URLSearchParams");
      const list = this.#list;
      const pairs = [];
      for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
      // Array.prototype.sort is stable; < compares UTF-16 code units.
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (let i = 0; i < pairs.length; i++) {
        list[2 * i] = pairs[i][0];
        list[2 * i + 1] = pairs[i][1];
      }
      this.#update();
    }

    entries() {
      if (!(#list in this)) throw receiver("URLSearchParams");
      return new Iterator(this, 2);
    }

    forEach(callback, thisArg = undefined) {
      if (!(#list in this)) throw receiver("URLSearchParams");
      if (typeof callback !== "function") {
        throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
          `The "callback" argument must be of type function.${describe(callback)}`);
      }
      for (let i = 0; i < this.#list.length; i += 2) {
        callback.call(thisArg, this.#list[i + 1], this.#list[i], this);
      }
    }

    keys() {
      if (!(#list in this)) throw receiver("URLSearchParams");
      return new Iterator(this, 0);
    }

    values() {
      if (!(#list in this)) throw receiver("URLSearchParams");
      return new Iterator(this, 1);
    }

    toString() {
      if (!(#list in this)) throw receiver("URLSearchParams");
      return serializeQuery(this.#list);
    }

    [inspectCustom](depth, opts, inspect) {
      if (typeof depth === "number" && depth < 0) return "[Object]";
      const list = this.#list;
      if (list.length === 0) return "URLSearchParams {}";
      const parts = [];
      for (let i = 0; i < list.length; i += 2) {
        parts.push(`${inspect(list[i], opts)} => ${inspect(list[i + 1], opts)}`);
      }
      return `URLSearchParams { ${parts.join(", ")} }`;
    }
  }

  function describe(v) {
    if (v === null) return " Received null";
    if (v === undefined) return " Received undefined";
    if (typeof v === "object") return " Received an instance of Object";
    let s = typeof v === "string" ? `'${v}'` : String(v);
    if (s.length > 28) s = `${s.slice(0, 25)}...`;
    return ` Received type ${typeof v} (${s})`;
  }

  // The live iterator: an index into the list as it is at each next().
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  class Iterator {
    #params;
    #kind;
    #index = 0;
    constructor(params, kind) {
      this.#params = params;
      this.#kind = kind;
    }
    next() {
      if (!(#params in this)) throw receiver("URLSearchParamsIterator");
      const list = listOf(this.#params);
      const i = this.#index;
      if (2 * i >= list.length) return { value: undefined, done: true };
      this.#index = i + 1;
      const kind = this.#kind;
      const value = kind === 0 ? list[2 * i] : kind === 1 ? list[2 * i + 1]
        : [list[2 * i], list[2 * i + 1]];
      return { value, done: false };
    }
    [inspectCustom](depth, opts, inspect) {
      const list = listOf(this.#params);
      const parts = [];
      for (let i = 2 * this.#index; i < list.length; i += 2) {
        const k = this.#kind;
        parts.push(k === 2 ? `[ ${inspect(list[i], opts)}, ${inspect(list[i + 1], opts)} ]`
          : inspect(list[i + k], opts));
      }
      return `URLSearchParams Iterator { ${parts.join(", ")}${parts.length ? " " : ""}}`;
    }
  }
  const itProto = Iterator.prototype;
  Object.setPrototypeOf(itProto, IteratorPrototype);
  Object.defineProperty(itProto, "next", { enumerable: true });
  Object.defineProperty(itProto, Symbol.toStringTag, {
    value: "URLSearchParams Iterator", configurable: true,
  });

  // WebIDL: operations and attributes are enumerable; the class's own names are fixed.
  P.webidlClass(URL, "URL", undefined, ["canParse", "parse"]);
  P.webidlClass(URLSearchParams, "URLSearchParams");
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries, writable: true, configurable: true,
  });

  return { URL, URLSearchParams };
});
