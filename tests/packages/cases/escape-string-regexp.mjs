// category: esm-only
import escapeStringRegexp from 'escape-string-regexp';

const escapedString = escapeStringRegexp('How much $ for a 🦄?');
console.log(escapedString);
//=> 'How much \\$ for a 🦄\\?'
console.log(new RegExp(escapedString).test('How much $ for a 🦄?'));
