// cases/limits.mjs: what is refused and how: 431/414/413 limits, malformed and request-smuggling
// inputs (400 or the status given, then the close), truncated messages, seeded mutations.
import { MAX_BODY, H, get, post, chunkedPost, add, show, rng } from "./common.mjs";

// ---- limits ----------------------------------------------------------------------------

add("limit.headers-under-16k", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/hello", `X-Big: ${"a".repeat(15 * 1024)}\r\n`));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "a 15 KiB header section is accepted");
});

add("limit.headers-over-16k-one", "base", async (t) => {
  const c = await t.connect();
  await c.write(get("/hello", `X-Big: ${"a".repeat(17 * 1024)}\r\n`));
  await t.expectError(c, [431]);
});

add("limit.headers-over-16k-many", "base", async (t) => {
  const c = await t.connect();
  let extra = "";
  for (let i = 0; i < 40; i++) extra += `X-H${i}: ${"b".repeat(500)}\r\n`;
  await c.write(get("/hello", extra));
  await t.expectError(c, [431]);
});

add("limit.header-count", "base", async (t) => {
  // h1.h: more than 128 fields → 431 (even though they are small).
  const c = await t.connect();
  let extra = "";
  for (let i = 0; i < 200; i++) extra += `X-${i}: 1\r\n`;
  await c.write(get("/hello", extra));
  await t.expectError(c, [431]);
}, { node: "node's http accepts 2000 fields (maxHeadersCount drops the rest, no 431)" });

add("limit.headers-over-16k-trickled", "base", async (t) => {
  // The limit holds across reads: 20 KiB of headers in 1 KiB writes.
  const c = await t.connect();
  await c.trickle(get("/hello", `X-Big: ${"c".repeat(20 * 1024)}\r\n`), 1024, 5);
  await t.expectError(c, [431]);
});

add("limit.uri-under-8k", "base", async (t) => {
  const c = await t.connect();
  await c.write(get(`/hello?${"q".repeat(8000)}`));
  t.expectResponse(await c.response(), { status: 200, body: "hello" }, "an 8000-byte target is accepted");
});

add("limit.uri-over-8k", "base", async (t) => {
  const c = await t.connect();
  await c.write(get(`/hello?${"q".repeat(9000)}`));
  await t.expectError(c, [414]);
});

add("limit.body-at-max", "maxbody", async (t) => {
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: ${MAX_BODY}\r\n\r\n`);
  await c.write(Buffer.alloc(MAX_BODY, 65));
  t.expectResponse(await c.response({ timeout: 5000 }), { status: 200, headers: { "x-received-length": String(MAX_BODY) } }, "a body of exactly --max-body-size");
});

add("limit.body-chunked-at-max", "maxbody", async (t) => {
  const c = await t.connect();
  const piece = "y".repeat(16384);
  await c.write(`POST /echo HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n` + `4000\r\n${piece}\r\n`.repeat(4) + "0\r\n\r\n");
  t.expectResponse(await c.response({ timeout: 5000 }), { status: 200, headers: { "x-received-length": String(MAX_BODY) } }, "a chunked body of exactly --max-body-size");
});

add("limit.body-chunked-one-over", "maxbody", async (t) => {
  const c = await t.connect();
  const piece = "y".repeat(16384);
  await c.write(`POST /echo HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n` + `4000\r\n${piece}\r\n`.repeat(4) + "1\r\nz\r\n0\r\n\r\n");
  await t.expectError(c, [413], "a chunked body one byte over --max-body-size");
});

add("limit.body-default-bound", "base", async (t) => {
  // Without --max-body-size there is still a bound: a declared terabyte is refused at once.
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: 1000000000000\r\n\r\n`);
  await t.expectError(c, [413]);
}, { node: "node_app has no default body limit" });

add("limit.body-content-length-over", "maxbody", async (t) => {
  // Refused from the header alone: 413 before the body is sent.
  const c = await t.connect();
  await c.write(`POST /echo HTTP/1.1\r\n${H}Content-Length: ${MAX_BODY + 1}\r\n\r\n`);
  await t.expectError(c, [413]);
});

add("limit.body-chunked-over", "maxbody", async (t) => {
  const c = await t.connect();
  const chunk = "z".repeat(16384);
  let body = "";
  for (let i = 0; i < 5; i++) body += `4000\r\n${chunk}\r\n`;
  await c.write(`POST /echo HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n${body}0\r\n\r\n`);
  await t.expectError(c, [413]);
});

// ---- malformed requests: 400 (or the status given) and close ---------------------------

const malformed = [
  // request line
  ["bad-request-line.no-version", "GET /hello\r\n\r\n", [400],
    { node: "node's http answers it as HTTP/0.9 (200 and close)" }],
  ["bad-request-line.extra-word", "GET /hello HTTP/1.1 extra\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.no-method", "/hello HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.method-char", "G@T /hello HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.space-in-target", "GET /he llo HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.relative-target", "GET hello HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.bare-cr", "GET /hello HTTP/1.1\rHost: x\r\n\r\n", [400]],
  ["bad-request-line.lowercase-http", "GET /hello http/1.1\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.version-letters", "GET /hello HTTP/A.B\r\nHost: x\r\n\r\n", [400]],
  ["bad-request-line.version-two-digits", "GET /hello HTTP/11\r\nHost: x\r\n\r\n", [400]],
  // "X" is a token: the parser refuses it as an unknown method (501, RFC 9110 9.1) as soon as
  // it sees it, before the line shows it has no target (400); either closes.
  ["bad-request-line.empty-lines-only", "\r\n\r\n\r\n\r\nX\r\n\r\n", [400, 501],
    { note: "empty lines before a request line may be skipped; \"X\" alone is no request-line (no target, no version)" }],
  ["bad-request-line.binary", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", [400],
    { note: "a TLS ClientHello on the plain port" }],
  // versions
  ["version.http2-preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", [400, 501, 505],
    { note: "PRI is an unknown method to an HTTP/1.1 server (501, RFC 9110 9.1) with version 2.0 (505)" }],
  ["version.http3", "GET /hello HTTP/3.0\r\nHost: x\r\n\r\n", [505],
    { node: "node's http answers 400" }],
  ["version.http2-0", "GET /hello HTTP/2.0\r\nHost: x\r\n\r\n", [505],
    { node: "node's http serves it (200)" }],
  // header fields
  ["header.no-colon", "GET /hello HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n", [400]],
  ["header.space-before-colon", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A : 1\r\n\r\n", [400]],
  ["header.name-bad-char", "GET /hello HTTP/1.1\r\nHost: x\r\nX(A): 1\r\n\r\n", [400]],
  ["header.empty-name", "GET /hello HTTP/1.1\r\nHost: x\r\n: value\r\n\r\n", [400]],
  ["header.obs-fold", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\n\r\n", [400],
    { note: "RFC 9112 5.2 allows replacing obs-fold with SP; h1.h refuses it" }],
  ["header.obs-fold-tab", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tfolded\r\n\r\n", [400]],
  ["header.whitespace-before-first", "GET /hello HTTP/1.1\r\n Host: x\r\n\r\n", [400]],
  ["header.nul-in-value", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n", [400]],
  ["header.ctl-in-value", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n", [400],
    { note: "h1.h refuses control bytes (RFC 9110 5.5 would allow keeping them)" }],
  ["header.del-in-value", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\x7fb\r\n\r\n", [400],
    { note: "h1.h refuses control bytes" }],
  ["header.ctl-in-name", "GET /hello HTTP/1.1\r\nHost: x\r\nX-\x01A: 1\r\n\r\n", [400]],
  ["header.nul-in-target", "GET /hel\x00lo HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["header.ctl-in-target", "GET /hel\x7flo HTTP/1.1\r\nHost: x\r\n\r\n", [400]],
  ["header.lf-in-value-then-junk", "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\nb c\r\n\r\n", [400]],
  // framing: request smuggling
  ["smuggling.cl-and-te", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n`, [400]],
  ["smuggling.te-and-cl", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n`, [400]],
  ["smuggling.cl-differing", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhelloX`, [400]],
  ["smuggling.cl-list-differing", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhelloX`, [400]],
  ["smuggling.cl-negative", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`, [400]],
  ["smuggling.cl-plus", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello`, [400]],
  ["smuggling.cl-overflow", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n`, [400, 413]],
  ["smuggling.cl-overflow-wrap", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 18446744073709551621\r\n\r\nhello`, [400, 413],
    { note: "2^64 + 5: wraps to 5 in an unchecked parser" }],
  ["smuggling.cl-hex", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0x5\r\n\r\nhello`, [400]],
  ["smuggling.cl-trailing-letter", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5a\r\n\r\nhello`, [400]],
  ["smuggling.cl-empty", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n`, [400]],
  ["smuggling.te-not-chunked-last", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n`, [400],
    { note: "RFC 9112 6.3: chunked not final → 400 and close" }],
  ["smuggling.te-unknown", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n`, [400]],
  ["smuggling.te-gzip-chunked", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`, [501],
    { note: "h1.h: a coding other than chunked → 501 (RFC 9112 6.1 SHOULD)", node: "node's http passes gzip, chunked through to the handler" }],
  ["smuggling.te-in-http10", `POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, [400], {
    note: "RFC 9112 6.1: TE in an HTTP/1.0 request: the server MUST treat the framing as faulty and close (400 expected)",
    node: "node's http honours chunked in HTTP/1.0" }],
  // chunked bodies
  ["chunk.size-not-hex", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`, [400]],
  ["chunk.size-negative", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n`, [400]],
  ["chunk.size-overflow", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\nhello\r\n0\r\n\r\n`, [400, 413]],
  ["chunk.size-overflow-wrap", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000005\r\nhello\r\n0\r\n\r\n`, [400, 413],
    { note: "2^64 + 5 in hex" }],
  ["chunk.size-empty", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n`, [400]],
  ["chunk.data-longer-than-size", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n`, [400]],
  ["chunk.data-shorter-than-size", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel\r\n0\r\n\r\n`, [400]],
  ["chunk.bad-trailer", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nBad Trailer\r\n\r\n`, [400]],
  ["chunk.huge-extension", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;${"e".repeat(100000)}\r\nhello\r\n0\r\n\r\n`, [400, 413, 431],
    { note: "a server must bound the chunk-size line" }],
  ["chunk.huge-trailers", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: ${"t".repeat(100000)}\r\n\r\n`, [400, 413, 431],
    { note: "a server must bound the trailer section" }],
];
for (const [name, bytes, statuses, more = {}] of malformed) {
  add(`malformed.${name}`, "base", async (t) => {
    const c = await t.connect();
    await c.write(bytes);
    await t.expectError(c, statuses);
  }, { note: more.note, node: more.node, request: bytes });
}

// A message cut short by the client's FIN: no success answer, the connection closed (a 400 is
// allowed), and the server goes on.
const truncated = [
  ["truncated.chunk-data", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel`],
  ["truncated.chunk-size", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1`],
  ["truncated.no-last-chunk", `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`],
  ["truncated.content-length", `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhello`],
  ["truncated.head", `GET /hello HTTP/1.1\r\nHost: x\r\nX-A: 1`],
];
for (const [name, bytes] of truncated) {
  add(name, "base", async (t) => {
    const c = await t.connect();
    await c.write(bytes);
    c.end();
    const closed = await c.closedWithin(2000);
    t.ok(closed, "the server closes a connection whose request the client cut short", "still open after 2000 ms");
    let r = null;
    try {
      r = await c.response({ timeout: 200 });
    } catch {
      // closed without a response: allowed
    }
    if (r) t.ok(r.status === 400, "no answer, or 400, to a truncated request", r.describe());
    await t.serverServes();
  }, { request: bytes });
}

// ---- mutations ---------------------------------------------------------------------------


add("mutations.seeded-600", "base", async (t) => {
  // 600 valid requests with random damage (bytes flipped, inserted, deleted, duplicated,
  // CRLFs dropped, cut short): each connection gets well-formed responses and/or a close
  // within 1.5 s (or silence while a request is incomplete), never a malformed response, and the server lives on.
  const seeds = [
    get("/hello"), post("/echo", "hello body"), chunkedPost("/echo", ["abc", "defgh"]),
    `HEAD /big?size=10 HTTP/1.1\r\n${H}\r\n`, get("/headers", "X-A: 1\r\nX-B: two\r\n"),
    `POST /echo HTTP/1.1\r\n${H}Content-Length: 3\r\nExpect: 100-continue\r\n\r\nabc`,
    "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
  ];
  const special = ["\r", "\n", "\r\n", " ", "\t", ":", ";", "\x00", "\x7f", "\xff", "0", "f", "-", ","];
  const rand = rng(Number(process.env.HTTP_MUTATION_SEED) || 0x5eed); // another seed: explore
  const inputs = [];
  for (let i = 0; i < 600; i++) {
    let m = seeds[rand(seeds.length)];
    for (let k = 1 + rand(3); k > 0; k--) {
      const at = rand(m.length + 1);
      switch (rand(6)) {
        case 0: m = m.slice(0, at) + String.fromCharCode(m.charCodeAt(at) ^ (1 << rand(8))) + m.slice(at + 1); break;
        case 1: m = m.slice(0, at) + special[rand(special.length)] + m.slice(at); break;
        case 2: m = m.slice(0, at) + m.slice(at + 1 + rand(4)); break;
        case 3: m = m.slice(0, at) + m.slice(at, at + 1 + rand(8)) + m.slice(at); break;
        case 4: m = m.replace("\r\n", rand(2) ? "\n" : ""); break;
        default: m = m.slice(0, Math.max(1, at)); break;
      }
    }
    inputs.push(m + get("/hello")); // a valid request behind it: answered only if framing held
  }
  const bad = [];
  let next = 0;
  await Promise.all(Array.from({ length: 20 }, async () => {
    while (next < inputs.length) {
      const i = next++;
      const c = await t.connect({ quiet: true });
      await c.write(inputs[i]);
      const method = /^\s*HEAD/.test(inputs[i]) ? "HEAD" : "GET";
      let last = null;
      try {
        // responses until the close or 1.5 s of silence; each must parse
        for (let n = 0; n < 4 && !c.gone; n++) {
          last = await c.response({ method: n === 0 ? method : "GET", timeout: 1500 });
          if (last.status === 100) n--;
        }
      } catch (e) {
        const timedOut = e instanceof Error && /timed out/.test(e.message);
        // an error answer to a request the server could not parse as HEAD may carry a body
        const errorBodyAfterHead = method === "HEAD" && last?.status >= 400 && /not an HTTP response/.test(e.message);
        if (!(e.message.includes("without a response") || (timedOut && c.received.length === 0 && !c.gone) ||
          (timedOut && c.buf.length === 0) || errorBodyAfterHead)) {
          bad.push(`#${i} ${show(inputs[i], 160)}: ${e.message}`);
        }
      }
      c.destroy();
    }
  }));
  if (bad.length) t.fail(`${bad.length} of 600 mutated requests answered with a malformed response or a broken connection`, "valid responses or a close", `\n      ${bad.slice(0, 8).join("\n      ")}`);
  await t.serverServes();
}, { timeout: 120000 });
