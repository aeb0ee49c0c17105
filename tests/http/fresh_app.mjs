// The app tests/http/fresh.mjs serves with `mrt serve --fresh-runtime`: module state that a
// long-lived runtime would keep between requests (a counter), and echoes of the request.
let count = 0;
globalThis.seen = (globalThis.seen ?? 0) + 1;

export default {
  async fetch(request, env, ctx) {
    count++;
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/count":
        return Response.json({ count, seen: globalThis.seen });
      case "/echo": {
        const body = await request.text();
        return new Response(`${request.method} ${url.search} ${request.headers.get("x-test")} ${body}`, {
          status: 201,
          statusText: "Made",
          headers: { "x-answer": "42", "content-type": "text/plain" },
        });
      }
      case "/bytes": {
        const b = new Uint8Array(await request.arrayBuffer());
        const out = new Uint8Array(b.length);
        for (let i = 0; i < b.length; i++) out[i] = 255 - b[i];
        return new Response(out);
      }
      case "/cookies": {
        const h = new Headers();
        h.append("set-cookie", "a=1");
        h.append("set-cookie", "b=2");
        return new Response(null, { status: 204, headers: h });
      }
      case "/stream": {
        let i = 0;
        return new Response(new ReadableStream({
          pull(c) { if (i < 3) c.enqueue(new TextEncoder().encode(`part${i++};`)); else c.close(); },
        }));
      }
      case "/later": {
        await new Promise((r) => setTimeout(r, 5));
        ctx.waitUntil(new Promise((r) => setTimeout(r, 5)));
        return new Response("later");
      }
      case "/throw":
        throw new Error("boom from the app");
      case "/reject":
        return Promise.reject(new TypeError("rejected by the app"));
      case "/notresponse":
        return "a string";
      case "/stalled": // nothing left that could settle it
        return new Promise(() => {});
      case "/hang": // a timer keeps the loop alive: only --request-timeout ends it
        setInterval(() => {}, 1000);
        return new Promise(() => {});
      case "/spin":
        for (;;);
      case "/exit":
        mrt.exit(3);
        return new Response("unreachable");
      default:
        return new Response("not found", { status: 404 });
    }
  },
};
