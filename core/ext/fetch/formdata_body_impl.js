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

  // entries: [name, string | File] pairs -> [bytes, boundary].
  function serialize(entries) {
    const boundary = randomBoundary();
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

  // MIME Sniffing's "parse a MIME type": { type, subtype, params } or null on failure.
  const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const quotedCharsRe = /^[\t\x20-\x7e\x80-\xff]*$/;
  const httpWs = /^[\t\n\r ]+|[\t\n\r ]+$/g;
  function parseMimeType(input) {
    const s = input.replace(httpWs, "");
    let pos = s.indexOf("/");
    if (pos < 0) return null;
    const type = s.slice(0, pos);
    if (!tokenRe.test(type)) return null;
    let semi = s.indexOf(";", pos + 1);
    if (semi < 0) semi = s.length;
    const subtype = s.slice(pos + 1, semi).replace(/[\t\n\r ]+$/, "");
    if (!tokenRe.test(subtype)) return null;
    const params = new Map();
    pos = semi;
    while (pos < s.length) {
      pos++; // past ";"
      while (pos < s.length && /[\t\n\r ]/.test(s[pos])) pos++;
      let end = pos;
      while (end < s.length && s[end] !== ";" && s[end] !== "=") end++;
      const name = s.slice(pos, end).toLowerCase();
      pos = end;
      if (pos >= s.length) break;
      if (s[pos] === ";") continue;
      pos++; // past "="
      let value;
      if (s[pos] === '"') {
        value = "";
        pos++;
        while (pos < s.length && s[pos] !== '"') {
          if (s[pos] === "\\" && pos + 1 < s.length) pos++;
          value += s[pos++];
        }
        while (pos < s.length && s[pos] !== ";") pos++;
      } else {
        end = s.indexOf(";", pos);
        if (end < 0) end = s.length;
        value = s.slice(pos, end).replace(/[\t\n\r ]+$/, "");
        pos = end;
        if (value === "") continue;
      }
      if (name !== "" && tokenRe.test(name) && quotedCharsRe.test(value) && !params.has(name)) {
        params.set(name, value);
      }
    }
    return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), params };
  }

  function serializeMimeType(m) {
    let out = `${m.type}/${m.subtype}`;
    for (const [k, v] of m.params) {
      out += `;${k}=${v !== "" && tokenRe.test(v) ? v : `"${v.replace(/(["\\])/g, "\\$1")}"`}`;
    }
    return out;
  }

  // Fetch's "extract a MIME type" from a header value: its comma-separated values parsed,
  // the last valid one (other than */*) wins. null when none is.
  function extractMimeType(value) {
    let result = null;
    for (const part of value.split(",")) {
      const m = parseMimeType(part);
      if (m === null || (m.type === "*" && m.subtype === "*")) continue;
      result = m;
    }
    return result;
  }

  function parseMime(mime) {
    if (mime === null) return null;
    const m = extractMimeType(mime);
    return m === null ? null : { essence: `${m.type}/${m.subtype}`, params: m.params };
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

  function bad() {
    return new TypeError("Failed to execute 'formData': the body could not be parsed as " +
      "FormData.");
  }

  // A Content-Disposition parameter (name or filename): quoted, or a bare token.
  function dispositionParam(value, key) {
    const re = new RegExp(`;\\s*${key}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, "i");
    const m = re.exec(value);
    if (m === null) return null;
    return m[1] !== undefined ? m[1] : m[2];
  }

  const isPadding = (b) => b === 0x20 || b === 0x09;

  // RFC 7578 multipart/form-data: no preamble; each part's header lines end in CRLF, have a
  // token name and no NUL; names and filenames are UTF-8 and not unescaped (escaping is one
  // way); a file part's type is its Content-Type as a MIME type ("" when invalid, text/plain
  // when absent).
  function parseMultipart(bytes, boundary) {
    const { FormData, File } = P.blob();
    const fd = new FormData();
    const delim = ops.encode(`--${boundary}`);
    const sep = ops.encode(`${CRLF}--${boundary}`);
    const headEnd = ops.encode(`${CRLF}${CRLF}`);
    if (indexOfBytes(bytes, delim, 0) !== 0) throw bad();
    let pos = delim.length;
    for (;;) {
      if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) {
        // The close delimiter: padding, then the end or CRLF (and an ignored epilogue).
        pos += 2;
        while (isPadding(bytes[pos])) pos++;
        if (pos === bytes.length || (bytes[pos] === 0x0d && bytes[pos + 1] === 0x0a)) return fd;
        throw bad();
      }
      while (isPadding(bytes[pos])) pos++;
      if (bytes[pos] !== 0x0d || bytes[pos + 1] !== 0x0a) throw bad();
      pos += 2;
      let head = "";
      if (bytes[pos] === 0x0d && bytes[pos + 1] === 0x0a) {
        pos += 2; // no header lines
      } else {
        const he = indexOfBytes(bytes, headEnd, pos);
        if (he < 0) throw bad();
        head = ops.decode(bytes.subarray(pos, he), false);
        pos = he + 4;
      }
      const end = indexOfBytes(bytes, sep, pos);
      if (end < 0) throw bad();
      const content = bytes.subarray(pos, end);
      pos = end + sep.length;
      let name = null;
      let filename = null;
      let type = null; // null: no Content-Type; "" : an invalid one
      if (head !== "") {
        for (const line of head.split(CRLF)) {
          if (/[\0\r\n]/.test(line)) throw bad();
          const colon = line.indexOf(":");
          if (colon < 0) throw bad();
          const hname = line.slice(0, colon).replace(/^[\t ]+|[\t ]+$/g, "");
          if (!tokenRe.test(hname)) throw bad();
          const hvalue = line.slice(colon + 1).replace(/^[\t ]+|[\t ]+$/g, "");
          const lname = hname.toLowerCase();
          if (lname === "content-disposition") {
            if (!/^form-data\s*(;|$)/i.test(hvalue)) throw bad();
            name = dispositionParam(hvalue, "name");
            filename = dispositionParam(hvalue, "filename");
          } else if (lname === "content-type") {
            const m = extractMimeType(hvalue);
            type = m === null ? "" : serializeMimeType(m);
          }
        }
      }
      if (name === null) throw bad();
      if (filename !== null) {
        fd.append(name, new File([content], filename,
          { type: type === null ? "text/plain" : type, lastModified: 0 }));
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

  return { serialize, parse, parseMime, extractMimeType, serializeMimeType };
});
