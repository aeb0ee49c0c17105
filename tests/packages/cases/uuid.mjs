// category: esm-only (exports node -> dist-node); needs: node:crypto (randomUUID, randomFillSync, createHash)
import { v4 as uuidv4 } from 'uuid';
import { v5 as uuidv5, validate, version, parse as uuidParse, NIL as NIL_UUID } from 'uuid';

const id = uuidv4(); // ⇨ '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'
console.log(id.length, validate(id), version(id));
console.log(uuidv5('Hello, World!', uuidv5.URL)); // deterministic (SHA-1)
console.log(NIL_UUID, validate('not-a-uuid'));
console.log(Array.from(uuidParse('6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b')).join(','));
