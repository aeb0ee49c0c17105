// category: esm-only (exports default)
import { marked } from 'marked';

const html = marked.parse('# Marked in Node.js\n\nRendered by **marked**.');
console.log(html);
console.log(marked.parse('- a\n- b\n\n```js\nlet x = 1 < 2;\n```\n\n| h1 | h2 |\n|----|----|\n| c1 | c2 |'));
console.log(marked.parseInline('*inline* `code` [link](http://x.y)'));
