// Preloaded by needs.mjs (node --import): installs hooks.mjs for import, and wraps
// Module._load to see every require, with the file that made it.
import { register, createRequire } from 'node:module';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

register('./hooks.mjs', import.meta.url);

const Module = createRequire(import.meta.url)('node:module');
const TRACE = process.env.MRT_NEEDS_TRACE;
const original = Module._load;
Module._load = function (request, parent, isMain) {
  let url = null;
  try {
    url = Module.isBuiltin(request) ? (request.startsWith('node:') ? request : 'node:' + request)
                                    : pathToFileURL(Module._resolveFilename(request, parent, isMain)).href;
  } catch { /* the original call reports it */ }
  fs.appendFileSync(TRACE, JSON.stringify({ via: 'require', specifier: request, url,
    from: parent?.filename ? pathToFileURL(parent.filename).href : null }) + '\n');
  return original.apply(this, arguments);
};
