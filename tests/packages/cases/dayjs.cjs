// category: cjs-only (UMD); needs: deep subpath require of a plugin file (dayjs/plugin/utc)
const dayjs = require('dayjs')
const utc = require('dayjs/plugin/utc')
const advancedFormat = require('dayjs/plugin/advancedFormat') // load on demand

dayjs.extend(utc)
dayjs.extend(advancedFormat) // use plugin

console.log(dayjs('2018-08-08').format('YYYY-MM-DD'))
console.log(dayjs('2018-08-08').add(1, 'month').format('dddd, MMMM D YYYY'))
console.log(dayjs.utc('2019-01-25T00:00:00Z').format('Q Do k kk X x'))
console.log(dayjs('2019-01-25').isBefore(dayjs('2019-01-26')))
console.log(dayjs('2019-01-25').diff(dayjs('2018-06-05'), 'day'))
