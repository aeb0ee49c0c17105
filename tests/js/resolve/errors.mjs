// What a specifier that does not resolve throws, and import.meta.resolve, from a package.
import './fixtures/app/t_errors.js';
