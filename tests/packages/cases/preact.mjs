// category: dual (exports import/require/browser); needs: deep subpath export (preact/hooks)
// Rendered to a string by hand: there is no DOM; h() and the VNode shape are what is checked.
import { h, Fragment, cloneElement, toChildArray } from 'preact';
import { useState } from 'preact/hooks';

const app = h('div', { id: 'app' }, h('h1', null, 'Hello World!'), h(Fragment, null, 'a', 'b'));
function show(v) {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  const tag = typeof v.type === 'function' ? (v.type.name || 'Fragment') : v.type;
  const kids = toChildArray(v.props.children).map(show).join('');
  return `<${tag}${v.props.id ? ` id="${v.props.id}"` : ''}>${kids}</${tag}>`;
}
console.log(show(app));
console.log(show(cloneElement(app, { id: 'copy' })));
console.log(typeof useState, app.key, app.props.children.length);
