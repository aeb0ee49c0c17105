// serve_api.mjs: mrt.serve (Deno.serve's shape) for the robustness corpus's api.* cases: port 0,
// hostname, onListen (prints the line run.mjs waits for), onError (its Response is sent),
// signal (aborted by /abort), info.remoteAddr, server.addr, server.shutdown() (/shutdown) and
// server.finished (prints "finished"; the program then ends by itself, exit code 0).
const controller = new AbortController();
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

const server = mrt.serve({
  port: 0,
  hostname: "127.0.0.1",
  signal: controller.signal,
  onListen({ hostname, port }) {
    console.log(`Listening on http://${hostname}:${port}/`);
  },
  onError(error) {
    console.error(`onError: ${error.message}`);
    return new Response(`onError: ${error.message}`, { status: 500, headers: { "x-from": "onError" } });
  },
}, async (request, info) => {
  const url = new URL(request.url);
  switch (url.pathname) {
    case "/hello":
      return new Response("hello");
    case "/throw":
      throw new Error("api boom");
    case "/info":
      return Response.json({ remoteAddr: info.remoteAddr, addr: server.addr });
    case "/abort":
      setTimeout(() => controller.abort(), 10);
      return new Response("aborting");
    case "/shutdown":
      setTimeout(() => server.shutdown().then(() => console.log("shutdown resolved")), 10);
      return new Response("shutting down");
    case "/stream": {
      let i = 0;
      return new Response(new ReadableStream({
        async pull(controller) {
          if (i > 0) await delay(100);
          if (i === 5) controller.close();
          else controller.enqueue(new TextEncoder().encode(`chunk${i++}\n`));
        },
      }));
    }
    default:
      return new Response("not found", { status: 404 });
  }
});
server.finished.then(() => console.log("finished"));
