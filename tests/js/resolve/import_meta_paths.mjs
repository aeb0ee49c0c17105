// import.meta.dirname and import.meta.filename (Node 20.11+) of file: modules.
const { dirname, filename, url } = import.meta;
console.log(typeof dirname, typeof filename);
console.log(filename.endsWith('/resolve/import_meta_paths.mjs'), dirname.endsWith('/resolve'));
console.log(filename === dirname + '/import_meta_paths.mjs', url === 'file://' + filename);
const dep = await import('./fixtures/app/lib/util.js');
console.log(Object.keys(dep));
