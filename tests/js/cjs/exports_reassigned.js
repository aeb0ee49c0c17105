// module.exports replaced: require gets the new value, `exports` keeps the old object.
const greet = require('./fixtures/reassign');
console.log(typeof greet, greet('you'), greet.extra, greet.lost, greet.alsoLost);
