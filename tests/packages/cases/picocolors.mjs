// category: cjs-only (ESM importing CommonJS); needs: node:tty, process.env, process.argv
import pc from "picocolors"

console.log(pc.green(`How are ${pc.italic(`you`)} doing?`))
console.log(pc.isColorSupported)
const c = pc.createColors(true)
console.log(JSON.stringify(c.red(c.bold('forced'))))
