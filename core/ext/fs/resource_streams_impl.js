// resource_streams_impl.js: ReadableStream / WritableStream over mrt's own resources, behind
// FsFile's and Conn's .readable / .writable (fs.js, net.js); compiled when the first of those
// getters is touched, and it is what loads the Streams classes (P.streams()).
//
// Deno's semantics. A readable is a byte stream (BYOB readers work) that reads only when its
// consumer asks (highWaterMark 0: touching .readable reads nothing); at end of data, on an error
// and on cancel it closes the resource. A writable writes each chunk fully before reporting it
// done (the write ops retry partial writes); close() and abort() close the resource, and a
// failed write errors the stream and closes it too.
//
// Copies. A file read comes back from the thread pool in a buffer of its own (fs.c: workers
// never touch JS memory), so a default reader gets that buffer as the chunk (enqueued, not
// copied); only a BYOB reader's view is filled by a copy. A socket read goes straight into the
// stream's buffer (tcp.c holds its memory), 64 KiB at a time (file reads: 256 KiB). A writable hands the chunk itself
// to the write op, so file.readable.pipeTo(conn.writable) writes each chunk from the buffer the
// file was read into.
(function (P) {
  "use strict";
  const { ReadableStream, WritableStream } = P.streams();
  // A file read is a trip to the thread pool: larger chunks make fewer trips (a pipe to a
  // socket is bound by them). A socket read fills at most tcp.c's 64 KiB read-ahead.
  const FILE_CHUNK = 256 * 1024;
  const SOCKET_CHUNK = 64 * 1024;

  function chunkBytes(chunk) {
    if (chunk instanceof Uint8Array) return chunk;
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    const err = new TypeError("The chunk written to a resource stream must be a Uint8Array");
    err.code = "ERR_INVALID_ARG_TYPE";
    throw err;
  }

  // res: { readFresh(len) -> Promise<Uint8Array> (empty at the end), tryClose() }.
  function fileReadable(res) {
    let done = false;
    const finish = () => {
      done = true;
      res.tryClose();
    };
    return new ReadableStream({
      type: "bytes",
      async pull(controller) {
        const req = controller.byobRequest;
        let bytes;
        try {
          bytes = await res.readFresh(req ? req.view.byteLength : FILE_CHUNK);
        } catch (err) {
          if (!done) {
            finish();
            controller.error(err);
          }
          return;
        }
        if (done) return; // cancelled while the read was in flight: its bytes are dropped
        if (bytes.length === 0) {
          finish();
          controller.close();
          if (req) req.respond(0);
        } else if (req) {
          req.view.set(bytes);
          req.respond(bytes.length);
        } else {
          controller.enqueue(bytes);
        }
      },
      cancel() {
        if (!done) finish();
      },
    });
  }

  // res: { readInto(u8) -> Promise<count | null at the end>, tryClose() }.
  function socketReadable(res) {
    let done = false;
    const finish = () => {
      done = true;
      res.tryClose();
    };
    return new ReadableStream({
      type: "bytes",
      autoAllocateChunkSize: SOCKET_CHUNK,
      async pull(controller) {
        const req = controller.byobRequest;
        const view = req ? req.view : new Uint8Array(SOCKET_CHUNK);
        let n;
        try {
          n = await res.readInto(view);
        } catch (err) {
          if (!done) {
            finish();
            controller.error(err);
          }
          return;
        }
        if (done) return;
        if (n === null) {
          finish();
          controller.close();
          if (req) req.respond(0);
        } else if (req) {
          req.respond(n);
        } else if (n > 0) {
          controller.enqueue(view.subarray(0, n));
        }
      },
      cancel() {
        if (!done) finish();
      },
    });
  }

  // res: { write(u8) -> Promise (all of it written), tryClose() }.
  function resourceWritable(res) {
    return new WritableStream({
      async write(chunk) {
        try {
          await res.write(chunkBytes(chunk));
        } catch (err) {
          res.tryClose();
          throw err;
        }
      },
      close() {
        res.tryClose();
      },
      abort() {
        res.tryClose();
      },
    });
  }

  return { fileReadable, socketReadable, resourceWritable };
});
