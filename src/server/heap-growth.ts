import v8 from 'node:v8';

/**
 * Under load most of a request's garbage is promoted out of the young generation while the request
 * waits on SQL, and V8 lets the old generation grow to up to 4× what survived the last full
 * collection before collecting it again (its factor on a machine with this much memory): on the
 * 100,000-article bench that was 160 MiB of heap for 38 MiB alive, 260 MiB resident. A factor of
 * 1.5 collects more often (each full collection costs ~10 ms at that size) and, with the 32 MiB
 * semi-space `npm start` gives the young generation, keeps the peak near 195 MiB for the same
 * requests per second. V8 reads this flag each time it sets the next limit, so it can be set
 * after start-up; 0 leaves V8's factor.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
