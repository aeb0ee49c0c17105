// source_maps_impl.js: source maps (Source Map Revision 3) of the files the runtime compiled,
// by URL, and the place in the original source of a place in generated code. Fed by
// TypeScript's transform (core/ext/typescript) and, with --enable-source-maps, by the
// `//# sourceMappingURL=` comment of JavaScript files (inline data: URLs and files). Once a
// map is known, P.mapStackSite (errors.js formats stack frames with it) and
// P.mapStackPosition (the C error report's place, core/source_transform.c) are set.
(function (P) {
  "use strict";

  // url -> { json, source, lines, text, base }; decoded on first use.
  const maps = new Map();

  // A map for url: its JSON text; source, the original text when the map has no
  // sourcesContent (TypeScript's: the file itself); base, the URL its sources are relative to.
  function add(url, json, source, base) {
    maps.set(url, { json, source, base: base === undefined ? url : base, lines: undefined, text: undefined, sources: undefined });
    P.mapStackPosition = mapPosition;
    P.mapStackSite = mapSite;
  }

  // A stack frame (errors.js's formatting) at its place in the original source.
  function mapSite(site) {
    const text = site.toString();
    const file = site.getFileName(), line = site.getLineNumber(), col = site.getColumnNumber();
    if (typeof file !== "string" || !line || !col) return text;
    const pos = mapPosition(file, line, col);
    if (pos == null) return text;
    const at = `${file}:${line}:${col}`, k = text.lastIndexOf(at);
    return k < 0 ? text : text.slice(0, k) + `${pos[3]}:${pos[0]}:${pos[1]}` + text.slice(k + at.length);
  }

  // The map a JavaScript file's last `//# sourceMappingURL=` names: a data: URL (base64 or
  // percent-encoded) or a URL relative to the file. One that cannot be read or parsed is
  // ignored, as Node ignores it. Returns whether a map was added.
  const COMMENT = /\/\/[#@][ \t]*sourceMappingURL=([^\s'"]+)[ \t]*$/gm;
  function fromComment(url, source) {
    let ref;
    for (const m of source.matchAll(COMMENT)) ref = m[1];
    if (ref === undefined) return false;
    let json, base = url;
    try {
      const fileURL = url.includes(":") && !url.startsWith("/") ? url : "file://" + encodeURI(url);
      if (ref.startsWith("data:")) {
        const comma = ref.indexOf(",");
        const meta = ref.slice(5, comma), data = ref.slice(comma + 1);
        json = meta.endsWith(";base64")
          ? new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)))
          : decodeURIComponent(data);
      } else {
        const u = new URL(ref, fileURL);
        if (u.protocol !== "file:") return false;
        json = P.ops.fsReadTextFileSync(decodeURIComponent(u.pathname));
        base = u.href;
      }
      JSON.parse(json); // refused now rather than at the first stack trace
      add(url, json, undefined, base);
      return true;
    } catch {
      return false;
    }
  }

  // Base64 VLQ "mappings". A decoder of our own (60 lines) where a library would bring three
  // packages (@jridgewell/trace-mapping, sourcemap-codec, resolve-uri): only generated ->
  // original positions are needed. Checked against trace-mapping on 49k positions.
  const B64 = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    B64["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
  }

  // lines[generatedLine] = flat [genColumn, source, origLine, origColumn, ...] sorted by
  // column (0-based), segments without an original position left out.
  function decode(mappings) {
    const lines = [], field = [0, 0, 0, 0, 0], len = mappings.length;
    let line = [], genCol = 0, src = 0, origLine = 0, origCol = 0, i = 0;
    for (;;) {
      const ch = i < len ? mappings.charCodeAt(i) : 59;
      if (ch === 59 /* ; */) {
        lines.push(line);
        if (i++ >= len) break;
        line = [];
        genCol = 0;
        continue;
      }
      if (ch === 44 /* , */) { i++; continue; }
      let n = 0;
      while (i < len) { // one segment: up to five VLQ values
        const c = mappings.charCodeAt(i);
        if (c === 44 || c === 59) break;
        let value = 0, shift = 0, digit;
        do {
          const cc = mappings.charCodeAt(i++); // NaN past the end: refused below
          digit = cc < 128 ? B64[cc] : -1;
          if (digit < 0) throw new Error("bad source map");
          value += (digit & 31) * 2 ** shift;
          shift += 5;
        } while (digit & 32);
        if (n < 5) field[n] = value % 2 ? -(value - 1) / 2 : value / 2;
        n++;
      }
      genCol += field[0];
      if (n >= 4) { // [genColumn, source, origLine, origColumn(, name)]
        src += field[1];
        origLine += field[2];
        origCol += field[3];
        line.push(genCol, src, origLine, origCol);
      }
    }
    for (const l of lines) sortSegments(l);
    return lines;
  }

  // By generated column (they come sorted from every producer we know: usually no moves).
  function sortSegments(a) {
    for (let i = 4; i < a.length; i += 4) {
      for (let j = i; j > 0 && a[j - 4] > a[j]; j -= 4) {
        for (let k = 0; k < 4; k++) { const t = a[j - 4 + k]; a[j - 4 + k] = a[j + k]; a[j + k] = t; }
      }
    }
  }

  // The map's parts, decoded once; undefined when it is not a usable map.
  function load(url) {
    const m = maps.get(url);
    if (m === undefined) return undefined;
    if (m.lines === undefined) {
      try {
        const map = JSON.parse(m.json);
        m.lines = decode(String(map.mappings));
        const root = typeof map.sourceRoot === "string" && map.sourceRoot ? map.sourceRoot.replace(/\/?$/, "/") : "";
        m.sources = Array.isArray(map.sources) ? map.sources.map((s) => sourceURL(root + s, m.base, url)) : [];
        const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : [];
        m.text = m.sources.map((_, i) => typeof contents[i] === "string" ? contents[i].split("\n") : undefined);
        if (m.source !== undefined) m.text[0] = m.source.split("\n");
        m.source = m.json = undefined;
      } catch {
        maps.delete(url);
        return undefined;
      }
    }
    return m;
  }

  // A source's name as frames show it: the generated file's own name when it is that file
  // (TypeScript), else a path for a file (as Node shows original sources), else its URL.
  function sourceURL(s, base, url) {
    let u;
    try {
      u = new URL(s, base.includes(":") && !base.startsWith("/") ? base : "file://" + encodeURI(base)).href;
    } catch {
      return url;
    }
    if (u === url || "file://" + encodeURI(url) === u) return url;
    return u.startsWith("file://") ? decodeURIComponent(new URL(u).pathname) : u;
  }

  // (url, 1-based line, 1-based column) of generated code -> [line, column, line's text or
  // undefined, source] in the original; undefined when the URL has no map, null when the
  // line has no mapping. Before a line's first segment, the first segment's place.
  function mapPosition(url, line, column) {
    const m = load(url);
    if (m === undefined) return undefined;
    const segs = m.lines[line - 1];
    if (segs === undefined || segs.length === 0) return null; // mapped file, unmapped place
    let lo = 0, hi = segs.length / 4 - 1, best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid * 4] <= column - 1) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    const src = segs[best * 4 + 1], origLine = segs[best * 4 + 2];
    const lines = m.text[src];
    const text = lines === undefined ? undefined : lines[origLine];
    return [origLine + 1, segs[best * 4 + 3] + 1, text === undefined ? undefined : text.replace(/\r$/, ""),
      m.sources[src] === undefined ? url : m.sources[src]];
  }

  return { add, fromComment, mapPosition };
});
