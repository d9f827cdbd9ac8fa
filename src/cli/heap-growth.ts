// How far V8 lets the heap grow past what survived its last full collection, in the
// executable's own process (issue 12, memory). V8 picks a factor of up to 4 on its own; a run
// whose sessions wait long (every waiting session's state outlives the young generation and
// dies in the old one) then peaks at ~4x its live data. At 2x, the default-pool
// reference run peaks at 155-164 MB instead of 209-224 MB, a queue 125,000 deep at 295 MB
// instead of 353-366, a 1M-session HTML report at 121 MB instead of 152-158, with no wall-time
// change measured (3 alternating runs each). The library leaves V8 alone: its process is the
// caller's.

import v8 from 'node:v8';

/** The growth the executable sets: the heap may reach twice what survived (V8: 100%). */
const HEAP_GROWING_PERCENT = 100;

const FLAG = /--heap[-_]growing[-_]percent\b/;

/**
 * Sets V8's heap growing factor unless the user chose one (`node --heap-growing-percent=…` or
 * NODE_OPTIONS). V8 reads the flag whenever it sets the next full collection's limit, so
 * setting it once the process runs takes effect.
 * @param execArgv - Node's own arguments (`process.execArgv`)
 * @param nodeOptions - `NODE_OPTIONS`, if set
 * @param setFlags - `v8.setFlagsFromString`
 * @returns whether it set the flag
 */
export function limitHeapGrowth(
  execArgv: readonly string[],
  nodeOptions: string | undefined,
  setFlags: (flags: string) => void,
): boolean {
  if (execArgv.some((arg) => FLAG.test(arg)) || FLAG.test(nodeOptions ?? '')) return false;
  setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}

/**
 * {@link limitHeapGrowth} for this process: what the executable does before it runs a
 * command (main.ts), and the bench's runner of the command line with it.
 * @returns whether it set the flag
 */
export function limitThisProcessHeapGrowth(): boolean {
  // v8.setFlagsFromString is looked up at the call, where a test's preload may stand in.
  return limitHeapGrowth(process.execArgv, process.env['NODE_OPTIONS'], (flags) =>
    v8.setFlagsFromString(flags),
  );
}
