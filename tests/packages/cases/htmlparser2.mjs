// category: esm-only (type module); depends on domhandler, domutils, entities (a small graph)
import * as htmlparser2 from "htmlparser2";

const parser = new htmlparser2.Parser({
    onopentag(name, attributes) {
        if (name === "script" && attributes.type === "text/javascript") {
            console.log("JS! Hooray!");
        }
    },
    ontext(text) {
        console.log("-->", text);
    },
    onclosetag(tagname) {
        if (tagname === "script") {
            console.log("That's it?!");
        }
    },
});
parser.write(
    "Xyz <script type='text/javascript'>const foo = '<<bar>>';</script>",
);
parser.end();

const dom = htmlparser2.parseDocument("<ul><li>a</li><li class=x>b &amp; c</li></ul>");
console.log(dom.children.length, dom.children[0].name, dom.children[0].children.length);
const feed = htmlparser2.parseFeed("<rss version='2.0'><channel><title>T</title><item><title>I1</title></item></channel></rss>");
console.log(feed.type, feed.title, feed.items.length);
