// category: esm-only; needs: process, node:os, node:tty (supports-color); stdout is a pipe so no colour
import chalk from 'chalk';

console.log(chalk.blue('Hello world!'));
console.log(chalk.blue('Hello') + ' World' + chalk.red('!'));
console.log(chalk.blue.bgRed.bold('Hello world!'));
console.log('level', chalk.level);
const error = chalk.bold.red;
console.log(error('Error!'));
