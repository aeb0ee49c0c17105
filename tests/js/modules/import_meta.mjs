// import.meta.url is the file: URL of the module; import.meta.resolve resolves against it.
const u = import.meta.url;
console.log(u.startsWith('file:///'), u.endsWith('/modules/import_meta.mjs'));
console.log(import.meta.resolve('./_lazy.mjs') === u.replace(/import_meta\.mjs$/, '_lazy.mjs'));
console.log(import.meta.resolve('../x/./y.mjs') === u.replace(/modules\/import_meta\.mjs$/, 'x/y.mjs'));
