// category: cjs-only; needs: require of a folder's index (lib/index.js -> handlebars/...)
var Handlebars = require("handlebars");
var template = Handlebars.compile("Handlebars <b>{{doesWhat}}</b>");
console.log(template({ doesWhat: "rocks!" }));

Handlebars.registerHelper("loud", function (s) { return s.toUpperCase(); });
var t2 = Handlebars.compile("{{#each people}}<li>{{loud this}}</li>{{/each}} {{#if ok}}yes{{else}}no{{/if}} {{esc}}");
console.log(t2({ people: ["Yehuda Katz", "Alan Johnson"], ok: false, esc: "<&>" }));
