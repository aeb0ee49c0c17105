// category: cjs-only (exports require/default); needs: node:fs, node:path, node:os, node:crypto, process.env
// reads cases/.env (the working directory's .env, as the README shows); quiet: no tips printed
const dotenv = require('dotenv')
const result = dotenv.config({ quiet: true })
console.log(Object.keys(result.parsed).join(','))
console.log(process.env.S3_BUCKET)
console.log(JSON.stringify(process.env.MULTI))
const config = dotenv.parse(Buffer.from('BASIC=basic\nQUOTED="a b"'))
console.log(JSON.stringify(config))
