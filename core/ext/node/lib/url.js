// node:url: the WHATWG URL and URLSearchParams (mrt's globals), file URL <-> path,
// domainToASCII/Unicode through the URL parser, urlToHttpOptions, format for both URL kinds,
// and Node's legacy url.parse/resolve (their common cases: the legacy parser's host and path
// splitting, escaping and lower-casing; resolve goes through the WHATWG parser).
(function (P) {
  "use strict";
  const path = P.nodeRequire("path");

  function describe(v) {
    if (v === null || v === undefined) return String(v);
    if (typeof v === "object") return `an instance of ${v.constructor?.name ?? "Object"}`;
    if (typeof v === "function") return `function ${v.name}`;
    return `type ${typeof v} (${typeof v === "string" ? `'${v}'` : String(v)})`;
  }
  function nodeError(Ctor, code, message) {
    const err = new Ctor(message);
    err.code = code;
    return err;
  }
  function invalidUrl(input) {
    const err = nodeError(TypeError, "ERR_INVALID_URL", "Invalid URL");
    err.input = input;
    return err;
  }
  function toURL(input) {
    try {
      return new URL(input);
    } catch {
      throw invalidUrl(input);
    }
  }

  // ---------------------------------------------------------------- file URLs

  function fileURLToPath(input) {
    let url;
    if (typeof input === "string") url = toURL(input);
    else if (input instanceof URL) url = input;
    else {
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
        `The "path" argument must be of type string or an instance of URL. Received ${describe(input)}`);
    }
    if (url.protocol !== "file:") {
      throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
    }
    if (url.hostname !== "") {
      throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST",
        'File URL host must be "localhost" or empty on linux');
    }
    const pathname = url.pathname;
    if (/%2f/i.test(pathname)) {
      throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH",
        "File URL path must not include encoded / characters");
    }
    return decodeURIComponent(pathname);
  }

  // Characters the URL parser would take as syntax or drop, escaped first (as Node does).
  function encodePathChars(p) {
    return p.replace(/[%\\\n\r\t?#]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
  }

  function pathToFileURL(filepath) {
    if (typeof filepath !== "string") {
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
        `The "path" argument must be of type string. Received ${describe(filepath)}`);
    }
    let resolved = path.resolve(filepath);
    // resolve drops a trailing slash; a directory URL keeps it.
    if (filepath.endsWith("/") && !resolved.endsWith("/")) resolved += "/";
    const url = new URL("file:///");
    url.pathname = encodePathChars(resolved);
    return url;
  }

  // ---------------------------------------------------------------- domains

  function domainToASCII(domain) {
    if (arguments.length < 1) {
      throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "domain" argument must be specified');
    }
    try {
      return new URL(`ws://${domain}`).hostname;
    } catch {
      return "";
    }
  }

  // RFC 3492 Punycode decoding of one label's ASCII part (after "xn--").
  function punycodeDecode(input) {
    const base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
    const out = [];
    let n = 128, i = 0, bias = 72;
    let basic = input.lastIndexOf("-");
    if (basic < 0) basic = 0;
    for (let j = 0; j < basic; j++) {
      const c = input.charCodeAt(j);
      if (c >= 0x80) return null;
      out.push(c);
    }
    const digit = (c) => (c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65
      : c >= 97 && c <= 122 ? c - 97 : base);
    const adapt = (delta, numPoints, first) => {
      delta = first ? Math.floor(delta / damp) : delta >> 1;
      delta += Math.floor(delta / numPoints);
      let k = 0;
      while (delta > ((base - tMin) * tMax) >> 1) {
        delta = Math.floor(delta / (base - tMin));
        k += base;
      }
      return k + Math.floor(((base - tMin + 1) * delta) / (delta + skew));
    };
    for (let idx = basic > 0 ? basic + 1 : 0; idx < input.length;) {
      const oldi = i;
      for (let w = 1, k = base; ; k += base) {
        if (idx >= input.length) return null;
        const d = digit(input.charCodeAt(idx++));
        if (d >= base) return null;
        i += d * w;
        const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
        if (d < t) break;
        w *= base - t;
        if (w > 0x7fffffff) return null;
      }
      bias = adapt(i - oldi, out.length + 1, oldi === 0);
      n += Math.floor(i / (out.length + 1));
      i %= out.length + 1;
      if (n > 0x10ffff) return null;
      out.splice(i++, 0, n);
    }
    return String.fromCodePoint(...out);
  }

  function domainToUnicode(domain) {
    if (arguments.length < 1) {
      throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "domain" argument must be specified');
    }
    const ascii = domainToASCII(domain);
    if (ascii === "") return "";
    const labels = ascii.split(".").map((label) => {
      if (!label.startsWith("xn--")) return label;
      const decoded = punycodeDecode(label.slice(4));
      return decoded === null ? label : decoded;
    });
    return labels.join(".");
  }

  function urlToHttpOptions(url) {
    const options = {
      protocol: url.protocol,
      hostname: typeof url.hostname === "string" && url.hostname.startsWith("[")
        ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: `${url.pathname || ""}${url.search || ""}`,
      href: url.href,
    };
    if (url.port !== "") options.port = Number(url.port);
    if (url.username || url.password) {
      options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    }
    return options;
  }

  // ---------------------------------------------------------------- legacy API

  function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
  }

  const slashedProtocols = new Set(["http", "http:", "https", "https:", "ftp", "ftp:", "gopher",
    "gopher:", "file", "file:", "ws", "ws:", "wss", "wss:"]);
  const hostlessProtocols = new Set(["javascript", "javascript:"]);
  const unsafeProtocols = hostlessProtocols;
  // Characters escaped in the path, query and hash (Node's autoEscape set).
  const autoEscape = /['{}|\\^`<>" \r\n\t]/g;
  // Where a host ends.
  const hostEnd = /[/?#%;'{}|\\^`<>" \r\n\t]/;
  const hostnamePart = /^[+a-z0-9A-Z_-]{0,63}$/;

  Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
    if (typeof url !== "string") {
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
        `The "url" argument must be of type string. Received ${describe(url)}`);
    }
    // Surrounding whitespace goes; backslashes before the query are slashes.
    let rest = url.trim();
    const qAt = rest.search(/[?#]/);
    rest = qAt < 0 ? rest.replace(/\\/g, "/") : rest.slice(0, qAt).replace(/\\/g, "/") + rest.slice(qAt);

    const proto = /^[a-z0-9.+-]+:/i.exec(rest);
    let lowerProto;
    if (proto) {
      lowerProto = proto[0].toLowerCase();
      this.protocol = lowerProto;
      rest = rest.slice(proto[0].length);
    }

    let slashes;
    if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
      slashes = rest.startsWith("//");
      if (slashes && !(proto && hostlessProtocols.has(lowerProto))) {
        rest = rest.slice(2);
        this.slashes = true;
      }
    }

    if (!hostlessProtocols.has(lowerProto) &&
      (slashes || (proto && !slashedProtocols.has(lowerProto)))) {
      // auth@host: the last "@" before the path.
      let end = rest.search(/[/?#]/);
      if (end < 0) end = rest.length;
      const at = rest.lastIndexOf("@", end);
      if (at >= 0) {
        this.auth = decodeURIComponent(rest.slice(0, at));
        rest = rest.slice(at + 1);
      }
      let hostLen = rest.search(hostEnd);
      if (hostLen < 0) hostLen = rest.length;
      if (rest[0] === "[" && rest.indexOf("]") > 0 && rest.indexOf("]") >= hostLen) {
        hostLen = rest.indexOf("]") + 1;
        const after = rest.slice(hostLen).search(hostEnd);
        hostLen = after < 0 ? rest.length : hostLen + after;
      }
      let host = rest.slice(0, hostLen);
      rest = rest.slice(hostLen);
      const port = /:[0-9]*$/.exec(host);
      if (port) {
        if (port[0] !== ":") this.port = port[0].slice(1);
        host = host.slice(0, host.length - port[0].length);
      }
      let hostname = host;
      const ipv6 = hostname.startsWith("[") && hostname.endsWith("]");
      if (!ipv6) {
        // A part that cannot be in a host name ends the host: the rest is path.
        const parts = hostname.split(".");
        for (let i = 0; i < parts.length; i++) {
          if (parts[i] && !hostnamePart.test(parts[i]) && !/[^\x00-\x7f]/.test(parts[i])) {
            const bad = /[^+a-z0-9A-Z_-]/.exec(parts[i]);
            const keep = parts.slice(0, i).concat(bad ? [parts[i].slice(0, bad.index)] : []);
            const moved = (bad ? parts[i].slice(bad.index) : "") + (i + 1 < parts.length ? "." + parts.slice(i + 1).join(".") : "");
            rest = "/" + moved + rest;
            hostname = keep.join(".");
            break;
          }
        }
      }
      hostname = hostname.length > 255 ? "" : hostname.toLowerCase();
      if (!ipv6 && /[^\x00-\x7f]/.test(hostname)) hostname = domainToASCII(hostname) || hostname;
      this.host = hostname + (this.port ? `:${this.port}` : "");
      this.hostname = ipv6 ? hostname.slice(1, -1) : hostname;
      if (ipv6 && rest[0] !== "/") rest = "/" + rest;
    }

    if (!unsafeProtocols.has(lowerProto)) {
      rest = rest.replace(autoEscape, (c) => encodeURIComponent(c) === c ? escape(c) : encodeURIComponent(c));
    }

    const hash = rest.indexOf("#");
    if (hash >= 0) {
      this.hash = rest.slice(hash);
      rest = rest.slice(0, hash);
    }
    const qm = rest.indexOf("?");
    if (qm >= 0) {
      this.search = rest.slice(qm);
      this.query = rest.slice(qm + 1);
      if (parseQueryString) this.query = P.nodeRequire("querystring").parse(this.query);
      rest = rest.slice(0, qm);
    } else if (parseQueryString) {
      this.search = null;
      this.query = { __proto__: null };
    }
    if (rest) this.pathname = rest;
    if (slashedProtocols.has(lowerProto) && this.hostname && !this.pathname) this.pathname = "/";
    if (this.pathname || this.search) this.path = (this.pathname || "") + (this.search || "");
    this.href = this.format();
    return this;
  };

  Url.prototype.format = function format() {
    let auth = this.auth || "";
    if (auth) auth = encodeURIComponent(auth).replace(/%3A/i, ":") + "@";
    let protocol = this.protocol || "";
    let pathname = this.pathname || "";
    let hash = this.hash || "";
    let host = "";
    let query = "";
    if (this.host) {
      host = auth + this.host;
    } else if (this.hostname) {
      host = auth + (this.hostname.includes(":") && !this.hostname.startsWith("[")
        ? `[${this.hostname}]` : this.hostname);
      if (this.port) host += `:${this.port}`;
    }
    if (this.query !== null && typeof this.query === "object") {
      query = P.nodeRequire("querystring").stringify(this.query);
    }
    let search = this.search || (query && `?${query}`) || "";
    if (protocol && !protocol.endsWith(":")) protocol += ":";
    pathname = pathname.replace(/[?#]/g, encodeURIComponent);
    search = search.replace(/#/g, "%23");
    if (this.slashes || slashedProtocols.has(protocol)) {
      if (this.slashes || host) {
        if (pathname && pathname[0] !== "/") pathname = "/" + pathname;
        host = "//" + host;
      } else if (protocol.startsWith("file")) {
        host = "//";
      }
    }
    if (hash && hash[0] !== "#") hash = "#" + hash;
    if (search && search[0] !== "?") search = "?" + search;
    return protocol + host + pathname + search + hash;
  };

  Url.prototype.resolve = function resolve(relative) {
    return urlResolve(this.format(), relative);
  };

  function urlParse(url, parseQueryString, slashesDenoteHost) {
    if (url instanceof Url) return url;
    return new Url().parse(url, parseQueryString, slashesDenoteHost);
  }

  // WHATWG format options: auth, fragment, search (true by default), unicode (false).
  function urlFormat(obj, options) {
    if (typeof obj === "string") return urlParse(obj).format();
    if (obj instanceof URL) {
      if (options !== undefined && (options === null || typeof options !== "object")) {
        throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
          `The "options" argument must be of type object. Received ${describe(options)}`);
      }
      const { auth = true, fragment = true, search = true, unicode = false } = options ?? {};
      let out = obj.protocol;
      if (obj.host !== "" || obj.href.startsWith(`${obj.protocol}//`)) {
        out += "//";
        if (auth && (obj.username || obj.password)) {
          out += obj.username + (obj.password ? `:${obj.password}` : "") + "@";
        }
        out += unicode ? domainToUnicode(obj.hostname) : obj.hostname;
        if (obj.port) out += `:${obj.port}`;
      }
      out += obj.pathname;
      if (search) out += obj.search;
      if (fragment) out += obj.hash;
      return out;
    }
    if (obj === null || typeof obj !== "object") {
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
        `The "urlObject" argument must be one of type object or string. Received ${describe(obj)}`);
    }
    return Url.prototype.format.call(obj);
  }

  // Legacy resolve: a base with a scheme goes through the WHATWG parser; a base without one
  // (a path, relative or absolute) is resolved as a path, keeping ".." above a relative base
  // as Node does.
  function urlResolve(source, relative) {
    const src = urlParse(source);
    if (src.protocol) {
      try {
        return new URL(relative, source).href;
      } catch {
        return urlParse(relative).format();
      }
    }
    const rel = urlParse(relative);
    if (rel.protocol) {
      try {
        return new URL(relative).href;
      } catch {
        return rel.format();
      }
    }
    if (rel.slashes || src.slashes) {
      try {
        const out = new URL(relative, `mrt-resolve:${source}`);
        return out.href.slice("mrt-resolve:".length);
      } catch {
        return rel.format();
      }
    }
    const srcPath = src.pathname || "";
    if (!rel.pathname) {
      if (rel.search) return srcPath + rel.search + (rel.hash || "");
      return srcPath + (src.search || "") + (rel.hash || "");
    }
    if (rel.pathname.startsWith("//")) return rel.format(); // a network-path reference
    let joined;
    if (rel.pathname.startsWith("/")) joined = rel.pathname;
    else joined = srcPath.slice(0, srcPath.lastIndexOf("/") + 1) + rel.pathname;
    const last = joined.slice(joined.lastIndexOf("/") + 1);
    let out = path.normalize(joined);
    if (out === ".") out = "";
    else if ((last === "" || last === "." || last === "..") && !out.endsWith("/")) out += "/";
    return out + (rel.search || "") + (rel.hash || "");
  }

  function urlResolveObject(source, relative) {
    return urlParse(urlResolve(typeof source === "string" ? source : urlFormat(source), relative));
  }

  return {
    Url,
    parse: urlParse,
    resolve: urlResolve,
    resolveObject: urlResolveObject,
    format: urlFormat,
    URL,
    URLSearchParams,
    domainToASCII,
    domainToUnicode,
    pathToFileURL,
    fileURLToPath,
    urlToHttpOptions,
  };
});
