// formdata_body_impl.js: FormData as a fetch body: the multipart/form-data encoding (HTML)
// and the parsing of multipart/form-data and application/x-www-form-urlencoded bodies for
// formData() (loaded by body_impl.js).
(function (P) {
  "use strict";
  const ops = P.ops;
  const CRLF = "\r\n";

  function newlinesToCRLF(s) {
    return s.indexOf("\r") < 0 && s.indexOf("\n") < 0 ? s : s.replace(/\r\n|\r|\n/g, CRLF);
  }

  function escapeName(s) {
    return s.replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22");
  }

  function randomBoundary() {
    let s = "----formdata-mrt-";
    for (let i = 0; i < 24; i++) s += ((Math.random() * 16) | 0).toString(16);
    return s;
  }

  // entries: [name, string | File] pairs → [bytes, boundary].
  function serialize(entries) {
    const boundary = randomBoundary();
    // No entries: an empty body (as browsers send), not a lone closing delimiter.
    if (entries.length === 0) return [new Uint8Array(0), boundary];
    const parts = [];
    let text = "";
    for (const [name, value] of entries) {
      text += `--${boundary}${CRLF}Content-Disposition: form-data; name="${
        escapeName(newlinesToCRLF(name))}"`;
      if (typeof value === "string") {
        text += `${CRLF}${CRLF}${newlinesToCRLF(value)}${CRLF}`;
      } else {
        const type = value.type === "" ? "application/octet-stream" : value.type;
        text += `; filename="${escapeName(value.name)}"${CRLF}Content-Type: ${type}${CRLF}${CRLF}`;
        parts.push(ops.encode(text), P.blobBytes(value));
        text = CRLF;
      }
    }
    text += `--${boundary}--${CRLF}`;
    parts.push(ops.encode(text));
    if (parts.length === 1) return [parts[0], boundary];
    let total = 0;
    for (const p of parts) total += p.length;
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    return [out, boundary];
  }

  // The essence and parameters of a MIME type string (enough for formData()).
  function parseMime(mime) {
    if (mime === null) return null;
    const parts = mime.split(";");
    const essence = parts[0].trim().toLowerCase();
    const params = new Map();
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i];
      const eq = p.indexOf("=");
      if (eq < 0) continue;
      const k = p.slice(0, eq).trim().toLowerCase();
      let v = p.slice(eq + 1).trim();
      if (v.length >= 2 && v[0] === '"' && v[v.length - 1] === '"') v = v.slice(1, -1);
      if (!params.has(k)) params.set(k, v);
    }
    return { essence, params };
  }

  function indexOfBytes(hay, needle, from) {
    const first = needle[0];
    const n = needle.length;
    for (let i = hay.indexOf(first, from); i >= 0 && i + n <= hay.length;
      i = hay.indexOf(first, i + 1)) {
      let j = 1;
      while (j < n && hay[i + j] === needle[j]) j++;
      if (j === n) return i;
    }
    return -1;
  }

  function latin1(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + 8192, bytes.length)));
    }
    return s;
  }

  function bad() {
    return new TypeError("Failed to execute 'formData': the body could not be parsed as " +
      "FormData.");
  }

  // A Content-Disposition header's parameter (name or filename), quoted or not.
  function dispositionParam(value, key) {
    const re = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i");
    const m = re.exec(value);
    if (m === null) return null;
    return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2];
  }

  function unescapeName(s) {
    return s.replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%22/g, '"');
  }

  function parseMultipart(bytes, boundary) {
    const { FormData, File } = P.blob();
    const fd = new FormData();
    const delim = ops.encode(`--${boundary}`);
    const sep = ops.encode(`${CRLF}--${boundary}`);
    const headEnd = ops.encode(`${CRLF}${CRLF}`);
    let pos = indexOfBytes(bytes, delim, 0);
    if (pos !== 0) {
      // A preamble must end with CRLF before the first delimiter.
      pos = indexOfBytes(bytes, sep, 0);
      if (pos < 0) throw bad();
      pos += 2;
    }
    pos += delim.length;
    for (;;) {
      if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) return fd; // "--": the end
      // Transport padding, then CRLF.
      while (bytes[pos] === 0x20 || bytes[pos] === 0x09) pos++;
      if (bytes[pos] !== 0x0d || bytes[pos + 1] !== 0x0a) throw bad();
      pos += 2;
      const he = indexOfBytes(bytes, headEnd, pos);
      if (he < 0) throw bad();
      const head = ops.decode(bytes.subarray(pos, he), false);
      pos = he + 4;
      const end = indexOfBytes(bytes, sep, pos);
      if (end < 0) throw bad();
      const content = bytes.subarray(pos, end);
      pos = end + sep.length;
      let name = null;
      let filename = null;
      let type = null;
      for (const line of head.split(CRLF)) {
        const colon = line.indexOf(":");
        if (colon < 0) throw bad();
        const hname = line.slice(0, colon).trim().toLowerCase();
        const hvalue = line.slice(colon + 1).trim();
        if (hname === "content-disposition") {
          if (!/^form-data\s*(;|$)/i.test(hvalue)) throw bad();
          name = dispositionParam(hvalue, "name");
          filename = dispositionParam(hvalue, "filename");
        } else if (hname === "content-type") {
          type = hvalue;
        }
      }
      if (name === null) throw bad();
      name = unescapeName(name);
      if (filename !== null) {
        fd.append(name, new File([content], unescapeName(filename),
          { type: type === null ? "text/plain" : type }));
      } else {
        fd.append(name, ops.decode(content, false));
      }
    }
  }

  function parse(bytes, mime, text) {
    const m = parseMime(mime);
    if (m !== null && m.essence === "multipart/form-data") {
      const boundary = m.params.get("boundary");
      if (boundary === undefined || boundary === "") throw bad();
      return parseMultipart(bytes, boundary);
    }
    if (m !== null && m.essence === "application/x-www-form-urlencoded") {
      const { FormData } = P.blob();
      const { URLSearchParams } = P.loadURL();
      const fd = new FormData();
      const s = text !== null ? text : ops.decode(bytes, false);
      for (const [k, v] of new URLSearchParams(s)) fd.append(k, v);
      return fd;
    }
    throw new TypeError("Failed to execute 'formData': the Content-Type is neither " +
      "multipart/form-data nor application/x-www-form-urlencoded.");
  }

  return { serialize, parse, parseMime, latin1 };
});
