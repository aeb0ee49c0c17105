// category: esm-only since v22 (type module, exports array fallbacks)
import parser from 'yargs-parser'

const argv = parser('--foo=99 --bar=9987930', {
  string: ['bar']
})
console.log(JSON.stringify(argv))
console.log(JSON.stringify(parser(['-x', '1', '--no-color', '--arr', 'a', '--arr', 'b', 'pos'], { array: ['arr'] })))
console.log(JSON.stringify(parser.detailed('--a-b 2', { configuration: { 'camel-case-expansion': true } }).argv))
