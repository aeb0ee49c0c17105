// category: cjs-only (module field only); needs: setImmediate / process.nextTick
var async = require("async");

async.mapLimit([3, 1, 2], 2, function (n, callback) {
  setTimeout(function () { callback(null, n * 10); }, n * 5);
}, function (err, results) {
  console.log("mapLimit", err, JSON.stringify(results));
  async.series([
    function (cb) { cb(null, "one"); },
    function (cb) { setImmediate(function () { cb(null, "two"); }); },
  ], function (err2, res) {
    console.log("series", err2, JSON.stringify(res));
    async.waterfall([
      function (cb) { cb(null, 1, 2); },
      function (a, b, cb) { cb(null, a + b); },
    ], function (err3, sum) {
      console.log("waterfall", err3, sum);
    });
  });
});
