// A name cjs-module-lexer did not find in a CommonJS module: Node's message, which shows how
// to import it through the default export.
try {
  await import('./fixtures/imports_missing_name.mjs');
} catch (e) {
  console.log(e.name);
  console.log(e.message);
}
