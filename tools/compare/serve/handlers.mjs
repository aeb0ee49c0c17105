// The request handlers every fetch-style server of serve.sh runs (Bun.serve, Deno.serve,
// mrt.serve, `mrt serve`): the same code for each, chosen once at start by the workload name.
//   hello   GET  → "hello" (text/plain;charset=UTF-8, the type a string body gets)
//   echo    POST → the request's JSON body parsed and sent back with Response.json
//   stream  GET  → 1 MiB as a ReadableStream of 16 × 64 KiB Uint8Array chunks, pulled on demand
const CHUNK = new Uint8Array(64 * 1024).fill(120); // shared: no runtime may detach it (serve.sh checks 1 MiB arrives)
const CHUNKS = 16;

export const handlers = {
  hello: () => new Response("hello"),
  echo: async (request) => Response.json(await request.json()),
  stream: () => {
    let sent = 0;
    return new Response(new ReadableStream({
      pull(controller) {
        controller.enqueue(CHUNK);
        if (++sent === CHUNKS) controller.close();
      },
    }));
  },
};

export function handlerFor(name) {
  const h = handlers[name || "hello"];
  if (!h) throw new Error(`unknown workload ${name} (hello, echo, stream)`);
  return h;
}
