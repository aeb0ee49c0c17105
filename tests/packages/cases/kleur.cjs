// category: dual (exports import/require); needs: process.env, process.stdout (colour detection)
const { bold, green } = require('kleur');
const kleur = require('kleur');

console.log(bold().red('this is a bold red message'));
console.log(green().bold().underline('this is a bold green underlined message'));
console.log(kleur.enabled, kleur.yellow('yellow'));
kleur.enabled = true;
console.log(JSON.stringify(kleur.red('forced')));
