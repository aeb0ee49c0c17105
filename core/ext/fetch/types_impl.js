// types_impl.js: the Fetch standard's Request and Response (with Headers from headers_impl.js
// and the body mixin from body_impl.js), and `internals` for the fetch client and the HTTP
// server. Compiled at first use of Headers, Request or Response (fetch.js).
(function (P) {
  "use strict";
  const H = P.loadBuiltin("core/ext/fetch/headers_impl.js");
  const B = P.loadBuiltin("core/ext/fetch/body_impl.js");
  const { Headers } = H;

  // The base URL relative URLs resolve against: the global `location` when a host set one.
  function baseURL() {
    const loc = globalThis.location;
    if (loc !== undefined && loc !== null) {
      const href = loc.href;
      if (typeof href === "string") return href;
    }
    return undefined;
  }

  function parseURL(input, what) {
    const { URL } = P.loadURL();
    try {
      return new URL(input, baseURL());
    } catch {
      throw new TypeError(`${what}: Invalid URL: ${input}`);
    }
  }

  function isObject(v) {
    return v !== null && (typeof v === "object" || typeof v === "function");
  }

  function enumValue(v, allowed, type, what) {
    const s = `${v}`;
    if (!allowed.includes(s)) {
      throw new TypeError(`${what}: The provided value '${s}' is not a valid enum value of ` +
        `type ${type}.`);
    }
    return s;
  }

  let signalTools;
  function signals() {
    if (signalTools === undefined) {
      const { AbortController, AbortSignal } = P.events();
      const abortedGetter = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted").get;
      signalTools = {
        AbortController,
        AbortSignal,
        isSignal(v) {
          try {
            abortedGetter.call(v);
            return true;
          } catch {
            return false;
          }
        },
      };
    }
    return signalTools;
  }

  // A signal that follows `parent` (or never aborts when it is null).
  function followingSignal(parent) {
    const { AbortController, AbortSignal } = signals();
    if (parent === null) return new AbortController().signal;
    return AbortSignal.any([parent]);
  }

  const methodRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const normalMethods = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
  const forbiddenMethods = new Set(["CONNECT", "TRACE", "TRACK"]);

  function normalizeMethod(m, what) {
    if (!methodRe.test(m)) throw new TypeError(`${what}: '${m}' is not a valid HTTP method.`);
    const upper = m.toUpperCase();
    if (forbiddenMethods.has(upper)) {
      throw new TypeError(`${what}: '${m}' HTTP method is unsupported.`);
    }
    return normalMethods.has(upper) ? upper : m;
  }

  function contentTypeOf(headers) {
    return H.getHeader(H.listOf(headers), "content-type");
  }

  const modes = ["navigate", "same-origin", "no-cors", "cors"];
  const credentialsModes = ["omit", "same-origin", "include"];
  const cacheModes = ["default", "no-store", "reload", "no-cache", "force-cache",
    "only-if-cached"];
  const redirectModes = ["follow", "error", "manual"];
  const referrerPolicies = ["", "no-referrer", "no-referrer-when-downgrade", "same-origin",
    "origin", "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin",
    "unsafe-url"];
  const priorities = ["high", "low", "auto"];
  const duplexModes = ["half"];
  const destinations = ["", "audio", "audioworklet", "document", "embed", "font", "frame",
    "iframe", "image", "json", "manifest", "object", "paintworklet", "report", "script",
    "sharedworker", "style", "track", "video", "worker", "xslt"];

  const internal = Symbol("internal");
  let requestState, isRequest, requestBody, requestMime, requestParts, signalOf, newServerRequest;

  // A request's fields other than headers, body and signal.
  class RequestData {
    constructor() {
      this.method = "GET";
      this.url = "";
      this.urlList = [];
      this.referrer = "client";
      this.referrerPolicy = "";
      this.mode = "cors";
      this.credentials = "same-origin";
      this.cache = "default";
      this.redirect = "follow";
      this.integrity = "";
      this.keepalive = false;
      this.priority = "auto";
      this.destination = "";
      this.duplex = "half";
    }
  }

  class Request {
    #data;
    #headers;
    #body;
    #signal;

    constructor(input, init = undefined) {
      const what = "Failed to construct 'Request'";
      if (arguments.length < 1) {
        throw new TypeError(`${what}: 1 argument required, but only 0 present.`);
      }
      if (input === internal) return;
      if (init !== undefined && init !== null && !isObject(init)) {
        throw new TypeError(`${what}: The provided value is not of type 'RequestInit'.`);
      }
      init = init == null ? {} : init;

      let data;
      let inputReq = null;
      let parentSignal = null;
      if (isRequest(input)) {
        inputReq = input;
        const src = input.#data;
        data = Object.assign(new RequestData(), src);
        data.urlList = src.urlList.slice();
        parentSignal = signalOf(input);
      } else {
        const url = parseURL(`${input}`, what);
        if (url.username !== "" || url.password !== "") {
          throw new TypeError(`${what}: Request cannot be constructed from a URL that includes ` +
            "credentials.");
        }
        data = new RequestData();
        data.url = url.href;
        data.urlList = [url.href];
      }

      // RequestInit members, read in their dictionary (alphabetical) order.
      const body = init.body;
      const cache = init.cache;
      const credentials = init.credentials;
      const duplex = init.duplex;
      const headersInit = init.headers;
      const integrity = init.integrity;
      const keepalive = init.keepalive;
      const method = init.method;
      const mode = init.mode;
      const priority = init.priority;
      const redirect = init.redirect;
      const referrer = init.referrer;
      const referrerPolicy = init.referrerPolicy;
      const signal = init.signal;
      const windowValue = init.window;
      const cacheV = cache === undefined ? undefined : enumValue(cache, cacheModes, "RequestCache", what);
      const credV = credentials === undefined ? undefined
        : enumValue(credentials, credentialsModes, "RequestCredentials", what);
      const duplexV = duplex === undefined ? undefined
        : enumValue(duplex, duplexModes, "RequestDuplex", what);
      const integrityV = integrity === undefined ? undefined : `${integrity}`;
      const methodV = method === undefined ? undefined : H.byteString(method, what);
      const modeV = mode === undefined ? undefined : enumValue(mode, modes, "RequestMode", what);
      const priorityV = priority === undefined ? undefined
        : enumValue(priority, priorities, "RequestPriority", what);
      const redirectV = redirect === undefined ? undefined
        : enumValue(redirect, redirectModes, "RequestRedirect", what);
      const referrerV = referrer === undefined ? undefined : B.usv(`${referrer}`);
      const policyV = referrerPolicy === undefined ? undefined
        : enumValue(referrerPolicy, referrerPolicies, "ReferrerPolicy", what);
      if (signal !== undefined && signal !== null && !signals().isSignal(signal)) {
        throw new TypeError(`${what}: Failed to read the 'signal' property from 'RequestInit': ` +
          "Failed to convert value to 'AbortSignal'.");
      }
      if (windowValue !== undefined && windowValue !== null) {
        throw new TypeError(`${what}: 'window' must be null.`);
      }

      const initNonEmpty = body !== undefined || cache !== undefined ||
        credentials !== undefined || duplex !== undefined || headersInit !== undefined ||
        integrity !== undefined || keepalive !== undefined || method !== undefined ||
        mode !== undefined || priority !== undefined || redirect !== undefined ||
        referrer !== undefined || referrerPolicy !== undefined || signal !== undefined ||
        windowValue !== undefined;
      if (initNonEmpty) {
        if (data.mode === "navigate") data.mode = "same-origin";
        data.referrer = "client";
        data.referrerPolicy = "";
      }
      if (referrerV !== undefined) {
        if (referrerV === "") {
          data.referrer = "no-referrer";
        } else {
          const u = parseURL(referrerV, what);
          data.referrer = u.href === "about:client" ? "client" : u.href;
        }
      }
      if (policyV !== undefined) data.referrerPolicy = policyV;
      if (modeV === "navigate") {
        throw new TypeError(`${what}: Cannot construct a Request with a RequestInit whose mode ` +
          "member is set as 'navigate'.");
      }
      if (modeV !== undefined) data.mode = modeV;
      if (credV !== undefined) data.credentials = credV;
      if (cacheV !== undefined) data.cache = cacheV;
      if (data.cache === "only-if-cached" && data.mode !== "same-origin") {
        throw new TypeError(`${what}: 'only-if-cached' can be set only with 'same-origin' mode.`);
      }
      if (redirectV !== undefined) data.redirect = redirectV;
      if (integrityV !== undefined) data.integrity = integrityV;
      if (keepalive !== undefined) data.keepalive = !!keepalive;
      if (methodV !== undefined) data.method = normalizeMethod(methodV, what);
      if (priorityV !== undefined) data.priority = priorityV;

      if (signal !== undefined) parentSignal = signal;
      this.#data = data;
      this.#signal = followingSignal(parentSignal);

      // Headers: the input's, then init.headers replacing them.
      const headers = new Headers();
      H.setGuard(headers, "request");
      if (data.mode === "no-cors") {
        if (!(data.method === "GET" || data.method === "HEAD" || data.method === "POST")) {
          throw new TypeError(`${what}: '${data.method}' is unsupported in no-cors mode.`);
        }
        H.setGuard(headers, "request-no-cors");
      }
      if (headersInit !== undefined) {
        H.fill(headers, headersInit, what);
      } else if (inputReq !== null) {
        const src = H.listOf(inputReq.#headers);
        for (let i = 0; i < src.length; i++) H.listOf(headers).push([src[i][0], src[i][1]]);
      }
      this.#headers = headers;

      const inputBody = inputReq !== null ? inputReq.#body : null;
      const hasInitBody = body !== undefined && body !== null;
      if ((hasInitBody || inputBody !== null) &&
          (data.method === "GET" || data.method === "HEAD")) {
        throw new TypeError(`${what}: Request with GET/HEAD method cannot have body.`);
      }
      let finalBody = inputBody;
      if (hasInitBody) {
        const [b, type] = B.extract(body, data.keepalive, what);
        finalBody = b;
        if (type !== null && !headers.has("content-type")) {
          H.listOf(headers).push(["Content-Type", type]);
          H.touched(headers);
        }
        if (b.source === null && duplexV === undefined) {
          throw new TypeError(`${what}: The duplex member must be specified for a request ` +
            "with a streaming body.");
        }
      }
      if (finalBody !== null && finalBody.source === null) {
        if (data.mode !== "same-origin" && data.mode !== "cors") {
          throw new TypeError(`${what}: A streaming body needs mode 'same-origin' or 'cors'.`);
        }
      }
      if (!hasInitBody && inputBody !== null) {
        if (B.unusable(inputBody)) {
          throw new TypeError(`${what}: Cannot construct a Request with a Request object that ` +
            "has already been used.");
        }
        // The new request takes the input's body; the input's is then used.
        finalBody = new B.Body(inputBody.source, inputBody.stream, inputBody.length);
        inputBody.used = true;
      }
      this.#body = finalBody;
    }

    get method() {
      return this.#data.method;
    }

    get url() {
      return this.#data.url;
    }

    get headers() {
      return this.#headers;
    }

    get destination() {
      return this.#data.destination;
    }

    get referrer() {
      const r = this.#data.referrer;
      if (r === "no-referrer") return "";
      if (r === "client") return "about:client";
      return r;
    }

    get referrerPolicy() {
      return this.#data.referrerPolicy;
    }

    get mode() {
      return this.#data.mode;
    }

    get credentials() {
      return this.#data.credentials;
    }

    get cache() {
      return this.#data.cache;
    }

    get redirect() {
      return this.#data.redirect;
    }

    get integrity() {
      return this.#data.integrity;
    }

    get keepalive() {
      return this.#data.keepalive;
    }

    get isReloadNavigation() {
      this.#data;
      return false;
    }

    get isHistoryNavigation() {
      this.#data;
      return false;
    }

    get signal() {
      return signalOf(this);
    }

    get duplex() {
      return this.#data.duplex;
    }

    clone() {
      const body = this.#body;
      if (body !== null && B.unusable(body)) {
        throw new TypeError("Failed to execute 'clone' on 'Request': Request body is already " +
          "used.");
      }
      const r = new Request(internal);
      const data = Object.assign(new RequestData(), this.#data);
      data.urlList = this.#data.urlList.slice();
      r.#data = data;
      r.#headers = H.newHeaders(H.pairsOf(this.#headers), H.guardOf(this.#headers));
      r.#body = B.clone(body);
      r.#signal = followingSignal(signalOf(this));
      return r;
    }

    static {
      isRequest = (v) => isObject(v) && #data in v;
      requestState = (r) => {
        if (!isRequest(r)) throw new TypeError("Illegal invocation: not a Request.");
        return r;
      };
      requestBody = (r) => {
        if (!isRequest(r)) throw new TypeError("Illegal invocation: not a Request.");
        return r.#body;
      };
      requestMime = (r) => contentTypeOf(r.#headers);
      // A server's request's signal is made when first asked for (most handlers never do):
      // until then #signal holds the function that makes it.
      signalOf = (r) => {
        let s = r.#signal;
        if (typeof s === "function") r.#signal = s = s();
        return s;
      };
      // For the HTTP server: a request from the network, its fields known good (the parser
      // checked them), its headers a fresh list of [name, value] pairs.
      newServerRequest = (method, url, headerList, body, makeSignal) => {
        const r = new Request(internal);
        const d = new RequestData();
        d.method = method;
        d.url = url;
        d.urlList = [url];
        r.#data = d;
        r.#headers = H.newHeaders(headerList, "request");
        r.#body = body;
        r.#signal = makeSignal;
        return r;
      };
      requestParts = (r) => {
        const d = r.#data;
        return {
          method: d.method,
          url: d.url,
          headers: H.pairsOf(r.#headers),
          body: B.parts(r.#body),
          signal: signalOf(r),
          redirect: d.redirect,
          mode: d.mode,
          credentials: d.credentials,
          cache: d.cache,
          keepalive: d.keepalive,
        };
      };
    }
  }
  B.install(Request.prototype, "Request", (r) => requestBody(r), (r) => requestMime(r));

  // ---------------------------------------------------------------- Response

  const nullBodyStatus = (s) => s === 101 || s === 103 || s === 204 || s === 205 || s === 304;
  const redirectStatus = (s) => s === 301 || s === 302 || s === 303 || s === 307 || s === 308;
  const reasonPhraseRe = /^[\t\x20-\x7e\x80-\xff]*$/;

  class ResponseData {
    constructor() {
      this.type = "default";
      this.status = 200;
      this.statusText = "";
      this.urlList = [];
      this.redirected = false;
    }
  }

  let isResponse, responseBody, responseMime, newResponse;

  // WebIDL unsigned short.
  function unsignedShort(v) {
    const n = +v;
    if (!Number.isFinite(n)) return 0;
    const t = Math.trunc(n);
    return ((t % 65536) + 65536) % 65536;
  }

  // Response's init (status, statusText, headers) and body, per "initialize a response".
  function initialize(resp, data, headers, init, bodyAndType, what) {
    const status = init.status === undefined ? 200 : unsignedShort(init.status);
    const statusText = init.statusText === undefined ? ""
      : H.byteString(init.statusText, what);
    if (status < 200 || status > 599) {
      throw new RangeError(`${what}: The status provided (${status}) is outside the range ` +
        "[200, 599].");
    }
    if (!reasonPhraseRe.test(statusText)) {
      throw new TypeError(`${what}: Invalid statusText.`);
    }
    data.status = status;
    data.statusText = statusText;
    if (init.headers !== undefined) H.fill(headers, init.headers, what);
    if (bodyAndType !== null) {
      if (nullBodyStatus(status)) {
        throw new TypeError(`${what}: Response with null body status cannot have body.`);
      }
      const type = bodyAndType[1];
      if (type !== null && H.getHeader(H.listOf(headers), "content-type") === null) {
        H.listOf(headers).push(["Content-Type", type]);
        H.touched(headers);
      }
    }
  }

  class Response {
    #data;
    #headers;
    #body;

    constructor(body = null, init = undefined) {
      if (body === internal) return;
      const what = "Failed to construct 'Response'";
      if (init !== undefined && init !== null && !isObject(init)) {
        throw new TypeError(`${what}: The provided value is not of type 'ResponseInit'.`);
      }
      // Fast path for the common string body with no init.
      const data = new ResponseData();
      const headers = H.newHeaders([], "response");
      const bodyAndType = body === null ? null : B.extract(body, false, what);
      if (init == null) {
        if (bodyAndType !== null && bodyAndType[1] !== null) {
          H.listOf(headers).push(["Content-Type", bodyAndType[1]]);
        }
      } else {
        initialize(this, data, headers, init, bodyAndType, what);
      }
      this.#data = data;
      this.#headers = headers;
      this.#body = bodyAndType === null ? null : bodyAndType[0];
    }

    static error() {
      const r = new Response(internal);
      const data = new ResponseData();
      data.type = "error";
      data.status = 0;
      r.#data = data;
      r.#headers = H.newHeaders([], "immutable");
      r.#body = null;
      return r;
    }

    static redirect(url, status = 302) {
      const what = "Failed to execute 'redirect' on 'Response'";
      if (arguments.length < 1) {
        throw new TypeError(`${what}: 1 argument required, but only 0 present.`);
      }
      const parsed = parseURL(B.usv(`${url}`), what);
      const s = unsignedShort(status);
      if (!redirectStatus(s)) throw new RangeError(`${what}: Invalid status code ${s}.`);
      const r = new Response(internal);
      const data = new ResponseData();
      data.status = s;
      r.#data = data;
      r.#headers = H.newHeaders([["Location", parsed.href]], "immutable");
      r.#body = null;
      return r;
    }

    static json(data, init = undefined) {
      const what = "Failed to execute 'json' on 'Response'";
      if (arguments.length < 1) {
        throw new TypeError(`${what}: 1 argument required, but only 0 present.`);
      }
      if (init !== undefined && init !== null && !isObject(init)) {
        throw new TypeError(`${what}: The provided value is not of type 'ResponseInit'.`);
      }
      const text = JSON.stringify(data);
      if (text === undefined) {
        throw new TypeError(`${what}: The data is not JSON serializable.`);
      }
      const r = new Response(internal);
      const d = new ResponseData();
      const headers = H.newHeaders([], "response");
      const bodyAndType = [new B.Body(text, null, null), "application/json"];
      initialize(r, d, headers, init == null ? {} : init, bodyAndType, what);
      r.#data = d;
      r.#headers = headers;
      r.#body = bodyAndType[0];
      return r;
    }

    get type() {
      return this.#data.type;
    }

    get url() {
      const list = this.#data.urlList;
      if (list.length === 0) return "";
      const u = list[list.length - 1];
      const hash = u.indexOf("#");
      return hash < 0 ? u : u.slice(0, hash);
    }

    get redirected() {
      return this.#data.redirected;
    }

    get status() {
      return this.#data.status;
    }

    get ok() {
      const s = this.#data.status;
      return s >= 200 && s <= 299;
    }

    get statusText() {
      return this.#data.statusText;
    }

    get headers() {
      return this.#headers;
    }

    clone() {
      const body = this.#body;
      if (body !== null && B.unusable(body)) {
        throw new TypeError("Failed to execute 'clone' on 'Response': Response body is already " +
          "used.");
      }
      const r = new Response(internal);
      const data = Object.assign(new ResponseData(), this.#data);
      data.urlList = this.#data.urlList.slice();
      r.#data = data;
      r.#headers = H.newHeaders(H.pairsOf(this.#headers), H.guardOf(this.#headers));
      r.#body = B.clone(body);
      return r;
    }

    static {
      isResponse = (v) => isObject(v) && #data in v;
      responseBody = (r) => {
        if (!isResponse(r)) throw new TypeError("Illegal invocation: not a Response.");
        return r.#body;
      };
      responseMime = (r) => contentTypeOf(r.#headers);
      newResponse = (o) => {
        const r = new Response(internal);
        const data = new ResponseData();
        if (o.status !== undefined) data.status = o.status;
        if (o.statusText !== undefined) data.statusText = `${o.statusText}`;
        if (o.type !== undefined) data.type = o.type;
        if (o.urlList !== undefined && o.urlList !== null) data.urlList = o.urlList.slice();
        else if (o.url !== undefined && o.url !== null && o.url !== "") data.urlList = [`${o.url}`];
        data.redirected = !!o.redirected;
        r.#data = data;
        r.#headers = H.fromPairs(o.headers, "immutable");
        r.#body = B.fromNetwork(o.body);
        return r;
      };
    }
  }
  B.install(Response.prototype, "Response", (r) => responseBody(r), (r) => responseMime(r));

  P.webidlClass(Request, "Request");
  P.webidlClass(Response, "Response", null, ["error", "redirect", "json"]);

  const internals = {
    __proto__: null,
    requestParts(request) {
      return requestParts(requestState(request));
    },
    consumeRequestBody(request) {
      B.markUsed(requestBody(request));
    },
    newResponse,
    networkError() {
      return Response.error();
    },
    isRequest,
    isResponse,
    newServerRequest,
    // A body from the network's bytes or stream (B.fromNetwork).
    networkBody: (b) => B.fromNetwork(b),
    newSignalController: () => new (signals().AbortController)(),
    // For the HTTP server's hot path: out[0..3] = status, statusText, the header list (not
    // a copy: read it before the response can change), the Body (or null).
    responseWire(response, out) {
      out[3] = responseBody(response);
      out[0] = response.status;
      out[1] = response.statusText;
      out[2] = H.listOf(response.headers);
    },
    // For the HTTP server: a Response's parts as it sends them.
    responseParts(response) {
      const body = responseBody(response);
      return {
        status: response.status,
        statusText: response.statusText,
        headers: H.pairsOf(response.headers),
        body: B.parts(body),
      };
    },
    // A body already read or locked (a Response answered twice).
    bodyUnusable: (body) => body !== null && B.unusable(body),
    consumeResponseBody(response) {
      B.markUsed(responseBody(response));
    },
    // For the fetch client: a body that arrived whole, tied to the request's signal until it
    // is read (onSettled runs then, or at the abort).
    followAbort(response, onSettled) {
      responseBody(response).onSettled = onSettled;
    },
    abortResponse(response, reason) {
      B.abort(responseBody(response), reason);
    },
  };

  return { Headers, Request, Response, internals };
});
