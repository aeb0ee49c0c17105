// category: cjs-only; needs: process, timers, long stack-free promise machinery
var Promise = require("bluebird");

Promise.map([1, 2, 3], function (x) { return Promise.delay(5).then(function () { return x * 2; }); })
  .then(function (xs) { console.log("map", JSON.stringify(xs)); })
  .then(function () {
    return Promise.props({ a: Promise.resolve(1), b: 2 });
  })
  .then(function (o) { console.log("props", JSON.stringify(o)); })
  .then(function () {
    function legacy(x, cb) { setTimeout(function () { cb(null, x + 1); }, 1); }
    return Promise.promisify(legacy)(41);
  })
  .then(function (v) { console.log("promisify", v); })
  .then(function () { return Promise.reject(new TypeError("boom")); })
  .catch(TypeError, function (e) { console.log("caught", e.name, e.message); })
  .finally(function () { console.log("finally"); });
