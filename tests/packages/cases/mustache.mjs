// category: dual (exports import -> mustache.mjs, require -> UMD)
import Mustache from 'mustache';

var view = {
  title: "Joe",
  calc: function () {
    return 2 + 4;
  }
};

var output = Mustache.render("{{title}} spends {{calc}}", view);
console.log(output);
console.log(Mustache.render("{{#repo}}<b>{{name}}</b>{{/repo}}{{^repo}}No repos :({{/repo}} {{&html}} {{html}}",
  { repo: [{ name: "resque" }, { name: "hub" }], html: "<i>x</i>" }));
console.log(Mustache.render("{{> user}}", { name: "Chris" }, { user: "<strong>{{name}}</strong>" }));
