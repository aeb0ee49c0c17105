// A JSON module that starts with a UTF-8 byte-order mark loads (Node strips the BOM before
// JSON.parse); a BOM anywhere else is still a syntax error. Found by tests/fuzz/fuzz_json_module.
import data from './fixtures/json/bom.json' assert { type: 'json' };
console.log(data);
