// category: dual (exports node/import/default); the helpers tsc emits for CommonJS output
var tslib_1 = require("tslib");

var Base = /** @class */ (function () { function Base() { this.kind = "base"; } return Base; }());
var Derived = /** @class */ (function (_super) {
    tslib_1.__extends(Derived, _super);
    function Derived() { var _this = _super.call(this) || this; _this.extra = 1; return _this; }
    return Derived;
}(Base));
var d = new Derived();
console.log(d.kind, d.extra, d instanceof Base);
console.log(JSON.stringify(tslib_1.__assign({ a: 1 }, { b: 2 })));
console.log(JSON.stringify(tslib_1.__rest({ a: 1, b: 2, c: 3 }, ["a"])));
console.log(JSON.stringify(tslib_1.__spreadArray([1], [2, 3], false)));
function run() {
    return tslib_1.__awaiter(this, void 0, void 0, function () {
        var v;
        return tslib_1.__generator(this, function (_a) {
            switch (_a.label) {
                case 0: return [4 /*yield*/, Promise.resolve(42)];
                case 1: v = _a.sent(); console.log("awaited", v); return [2 /*return*/];
            }
        });
    });
}
run();
