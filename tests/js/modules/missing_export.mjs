// exit: 1
// stderr: SyntaxError: The requested module '\./fixtures/errors/no_such_export\.mjs' does not provide an export named 'absent'
// stderr: ^file:///.*/modules/missing_export\.mjs:6:10$
// A requested export that does not exist names the module and the export, in the importer.
import { present } from './fixtures/errors/no_such_export.mjs';
import { absent } from './fixtures/errors/no_such_export.mjs';
console.log('MUST NOT PRINT', present, absent);
