// node:path (posix) on the edge cases of every function: empty, dots, repeated and
// trailing slashes, suffixes, extensions; errors for non-strings.
import path from "node:path";
const cases = ["", ".", "..", "...", "/", "//", "///", "a", "/a", "a/", "/a/", "a/b", "/a/b/", "a//b", "./a", "../a", "a/..", "a/../..", "/..", "/../a", ".bashrc", "a.b.c", "a.", ".a.", "..a", "a/.b", "a/b.", "/a/b.txt/", "a\\b.c", "//a//b//", "file.tar.gz", "./", "../", "a/./b/../c/", "/a/b/c/../../..", "..."+"/x", "x/...", "x/..", "x/.", ".."];
for (const c of cases) {
  console.log(JSON.stringify(c), path.normalize(c), path.dirname(c), path.basename(c), path.basename(c, ".c"), path.extname(c), JSON.stringify(path.parse(c)), path.isAbsolute(c), path.join(c, "x"), path.join("x", c), path.resolve("/r", c), path.relative("/a/b/c", path.resolve("/a", c)), path.format(path.parse(c)));
}
console.log(path.join(), path.join(""), path.join("", ""), path.resolve("").length > 0, path.relative("", ""), path.relative("/", "/a"), path.relative("/a", "/"), path.relative("/a/b", "/a/bc"));
console.log(path.format({root: "/", base: "x"}), path.format({dir: "/d", name: "n", ext: "e"}), path.format({name: "n", ext: ".e"}), path.format({root: "/r/", dir: "/r/"}));
console.log(path.basename("aaa", "aaa"), path.basename("a.js", "js"), path.basename("/x/a.js/", ".js"), path.basename("a", "xa"));
for (const bad of [1, null, undefined, {}]) { try { path.join(bad) } catch (e) { console.log(e.code, e.message) } }
try { path.basename("a", 1) } catch (e) { console.log(e.message) }
console.log(path.sep, path.delimiter, path.posix === path, path.toNamespacedPath("/a"), path.win32.sep);
