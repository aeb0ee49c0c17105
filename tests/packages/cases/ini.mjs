// category: cjs-only; needs: node:fs/promises (as the README shows)
import { readFile } from 'node:fs/promises'
import { stringify , parse } from 'ini'

// Read INI file as text
let text = await readFile(`./config.ini`, {
    encoding : 'utf-8'
})

// Parse text data to object
const config = parse(text)

// Modify data object
config.scope = 'local'
config.database.database = 'use_another_database'
config.paths.default.tmpdir = '/tmp'
delete config.paths.default.datadir
config.paths.default.array.push('fourth value')

// Stringify data object
text = stringify(config, {
    section : 'section'
})
console.log(text)
