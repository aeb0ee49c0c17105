// category: cjs-only (UMD)
var pluralize = require('pluralize')

console.log(pluralize('test')) //=> "tests"
console.log(pluralize('test', 0)) //=> "tests"
console.log(pluralize('test', 1)) //=> "test"
console.log(pluralize('test', 5)) //=> "tests"
console.log(pluralize('test', 1, true)) //=> "1 test"
console.log(pluralize('test', 5, true)) //=> "5 tests"
console.log(pluralize('蘋果', 2, true)) //=> "2 蘋果"
console.log(pluralize.plural('regex')) //=> "regexes"
pluralize.addPluralRule(/gex$/i, 'gexii')
console.log(pluralize.plural('regex')) //=> "regexii"
console.log(pluralize.singular('singles')) //=> "single"
console.log(pluralize.isPlural('test')) //=> false
