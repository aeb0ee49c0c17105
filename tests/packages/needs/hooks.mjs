// ESM loader hooks for needs.mjs (run by node in its hooks thread): each module node loads
// through import, with its format, appended to the trace file as one JSON line.
import fs from 'node:fs';

const TRACE = process.env.MRT_NEEDS_TRACE;

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  fs.appendFileSync(TRACE, JSON.stringify({ via: 'import', from: context.parentURL ?? null,
                                            specifier, url: r.url }) + '\n');
  return r;
}

export async function load(url, context, next) {
  const r = await next(url, context);
  fs.appendFileSync(TRACE, JSON.stringify({ loaded: url, format: r.format }) + '\n');
  return r;
}
