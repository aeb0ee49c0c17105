// exit: 1
// stderr: TypeError: Module "file:///.*/fixtures/json/data\.json" needs an import assertion of type "json"
// A static JSON import without the assertion fails before anything runs.
import data from './fixtures/json/data.json';
console.log('MUST NOT PRINT', data);
