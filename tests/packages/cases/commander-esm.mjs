// category: dual (the import condition: esm.mjs wrapping the CommonJS build)
import { Command } from 'commander';

const program = new Command();
program
  .option('-d, --debug', 'output extra debugging')
  .option('-s, --small', 'small pizza size')
  .option('-p, --pizza-type <type>', 'flavour of pizza');

program.parse(['node', 'pizza', '-d', '-p', 'vegetarian']);
const options = program.opts();
console.log(JSON.stringify(options));
if (options.small) console.log('- small pizza size');
if (options.pizzaType) console.log(`- ${options.pizzaType}`);
