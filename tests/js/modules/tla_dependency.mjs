// A module waits for a dependency's top-level await before it evaluates.
import { ready } from './_tla_dep.mjs';
console.log('main: ready =', ready);
