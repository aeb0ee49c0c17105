// category: cjs-only (UMD); needs: TZ=UTC (set by the runner); deep subpath require of a locale
var moment = require('moment');
require('moment/locale/fr');

var m = moment('2019-03-15T13:45:30');
console.log(m.format('MMMM Do YYYY, h:mm:ss a'));
console.log(m.format('dddd'));
console.log(m.clone().add(7, 'days').format('YYYY-MM-DD'));
console.log(moment('20111031', 'YYYYMMDD').from(moment('2012-10-31')));
console.log(moment.duration(90, 'minutes').humanize());
console.log(m.locale('fr').format('LLLL'));
console.log(moment.utc(0).toISOString(), moment.locale());
