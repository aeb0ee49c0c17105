// category: dual (exports node -> CommonJS build: ESM importing CJS named exports); deep subpath rxjs/operators
import { range, filter, map, of, from, lastValueFrom } from 'rxjs';
import { scan, take } from 'rxjs/operators';

range(1, 200)
  .pipe(
    filter((x) => x % 2 === 1),
    map((x) => x + x)
  )
  .pipe(take(5))
  .subscribe((x) => console.log(x));

of(1, 2, 3).pipe(scan((acc, x) => acc + x, 0)).subscribe({
  next: (v) => console.log('sum', v),
  complete: () => console.log('complete'),
});
console.log('last', await lastValueFrom(from(Promise.resolve('async value'))));
