// app.js: the application the HTTP robustness corpus (run.mjs) serves, in the form mrt, deno,
// bun and workerd share: a default export with fetch(request, env, ctx). Served by
// `mrt serve app.js`, and by node_app.mjs (node's http) to check the corpus itself.
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

const reused = new Response("reused body");

const routes = {
  "/hello": () => new Response("hello", { headers: { "content-type": "text/plain" } }),

  // The request body, byte for byte; its length also in a header.
  "/echo": async (request) => {
    const body = new Uint8Array(await request.arrayBuffer());
    return new Response(body, { headers: { "x-received-length": String(body.length) } });
  },

  // n chunks "chunk<i>\n", `delay` ms apart, so the length is not known up front.
  "/stream": (request, url) => {
    const n = Number(url.searchParams.get("n") ?? 3);
    const ms = Number(url.searchParams.get("delay") ?? 50);
    const size = Number(url.searchParams.get("size") ?? 0); // pad each chunk to size bytes
    let i = 0;
    const enc = new TextEncoder();
    return new Response(new ReadableStream({
      async pull(controller) {
        if (i > 0) await delay(ms);
        if (i === n) {
          controller.close();
          return;
        }
        let s = `chunk${i++}\n`;
        if (size > s.length) s = s.padStart(size, ".");
        controller.enqueue(enc.encode(s));
      },
    }), { headers: { "content-type": "text/plain" } });
  },

  // A stream that fails after its first chunk: the response cannot be completed.
  "/stream-error": () => {
    let i = 0;
    return new Response(new ReadableStream({
      async pull(controller) {
        if (i++ === 0) controller.enqueue(new TextEncoder().encode("part1\n"));
        else {
          await delay(50);
          controller.error(new Error("the body stream broke"));
        }
      },
    }));
  },

  // "hello" with the response headers the query names (?name=value...), as a stream with
  // stream=1: what the server does with framing headers set by the application.
  "/set-header": (request, url) => {
    const headers = new Headers();
    let stream = false;
    for (const [k, v] of url.searchParams) {
      if (k === "stream") stream = true;
      else headers.append(k, v);
    }
    const body = stream ? new Blob(["hello"]).stream() : "hello";
    return new Response(body, { headers });
  },

  // The request body streamed back as it arrives (full duplex).
  "/echo-stream": (request) => new Response(request.body),

  // Waits for the client to go away: request.signal aborts, reported on stderr.
  "/wait-abort": (request, url) => new Promise((resolve) => {
    const id = url.searchParams.get("id");
    request.signal.addEventListener("abort", () => {
      console.error(`aborted ${id}`);
      resolve(new Response("too late"));
    });
  }),

  // A response header of `size` bytes.
  "/big-header": (request, url) => new Response("ok", { headers: { "x-big": "h".repeat(Number(url.searchParams.get("size") ?? 1000)) } }),

  // Response.error(): a network error, which a server cannot send (500).
  "/error-response": () => Response.error(),

  // The same Response object for every request: its body can be sent once only.
  "/reused": () => reused,

  // Which process answered (mrt serve --workers N forks N).
  "/pid": () => new Response(String(globalThis.process?.pid ?? 0)),

  // A body of `size` bytes of known length.
  "/big": (request, url) => new Response("x".repeat(Number(url.searchParams.get("size") ?? 1000))),

  "/throw": () => {
    throw new Error("boom: the handler threw");
  },
  "/reject": async () => {
    await delay(1);
    throw new Error("boom: the handler rejected");
  },
  "/bad-return": () => "not a Response",

  "/never": () => new Promise(() => {}),

  // Reads the body a chunk at a time with a pause after each (backpressure on the sender).
  "/slow-body": async (request, url) => {
    const ms = Number(url.searchParams.get("delay") ?? 5);
    let bytes = 0, chunks = 0;
    if (request.body) {
      const reader = request.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        chunks++;
        await delay(ms);
      }
    }
    return Response.json({ bytes, chunks });
  },

  // Method, path and headers as the handler sees them (names lower-cased by Headers).
  "/headers": (request) => {
    const headers = {};
    for (const [k, v] of request.headers) headers[k] = v;
    const url = new URL(request.url);
    return Response.json({ method: request.method, url: request.url, path: url.pathname + url.search, headers });
  },
};

export default {
  // Not async: /throw throws synchronously, /reject rejects.
  fetch(request, env, ctx) {
    const url = new URL(request.url);
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    if (status) {
      const code = Number(status[1]);
      const empty = code === 204 || code === 304;
      return new Response(empty ? null : `status ${code}`, { status: code });
    }
    const route = routes[url.pathname];
    if (!route) return new Response("not found", { status: 404 });
    return route(request, url);
  },
};
