// exit: 1
// stderr: _missing_module\.mjs
// A static import of a missing file fails before anything runs.
import './_missing_module.mjs';
console.log('MUST NOT PRINT');
