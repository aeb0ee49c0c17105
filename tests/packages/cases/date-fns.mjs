// category: dual (exports import/require); needs: TZ=UTC (set by the runner)
import { compareAsc, format } from "date-fns";
import { addDays } from "date-fns/addDays";

console.log(format(new Date(2014, 1, 11), "yyyy-MM-dd"));
//=> '2014-02-11'

const dates = [
  new Date(1995, 6, 2),
  new Date(1987, 1, 11),
  new Date(1989, 6, 10),
];
dates.sort(compareAsc);
console.log(dates.map((d) => format(d, "PPP")).join(" | "));
console.log(format(addDays(new Date(2024, 1, 28), 2), "EEEE, do MMMM yyyy"));
