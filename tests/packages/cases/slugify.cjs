// category: cjs-only (UMD)
var slugify = require('slugify')

console.log(slugify('some string')) // some-string
// if you prefer something other than '-' as separator
console.log(slugify('some string', '_'))  // some_string
console.log(slugify('Ünïcödé ♥ & $ Straße', { lower: true, strict: false }))
console.log(slugify('some string', { replacement: '.', remove: /[*+~.()'"!:@]/g, lower: true, strict: true, trim: true }))
slugify.extend({'☢': 'radioactive'})
console.log(slugify('unicode ♥ is ☢'))
