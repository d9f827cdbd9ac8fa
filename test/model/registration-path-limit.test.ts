// A base address longer than MAX_VIA_BYTES bytes of UTF-8 cannot be registered (domain §2.1
// 4014 with ListenerExceptionStatus PathTooLong); one of exactly that length can.
import { describe, expect, it } from 'vitest';
import { MAX_VIA_BYTES } from '../../src/scenario/service-uri.js';
import { runRecorded } from '../helpers/run-recorded.js';

async function register(baseAddress: string) {
  const run = await runRecorded({
    name: 'registration-path-limit',
    apps: [{ name: 'orders', baseAddress, hosting: 'self' }],
    workload: { sessions: 1, arrivals: { at: [10] }, vias: [{ via: `${baseAddress}` }] },
  });
  return run.events
    .filter((e) => e.id === 4014 || e.id === 4015)
    .map((e) => [e.id, 'Status' in e.payload ? e.payload.Status : null]);
}

describe('the registration of a long base address', () => {
  it(`succeeds at exactly ${MAX_VIA_BYTES} bytes and fails with PathTooLong one byte over`, async () => {
    const prefix = 'net.tcp://localhost/';
    const exact = `${prefix}${'a'.repeat(MAX_VIA_BYTES - prefix.length - 1)}/`;
    expect(exact).toHaveLength(MAX_VIA_BYTES);

    expect(await register(exact)).toEqual([[4015, null]]);
    expect(await register(`${prefix}${'a'.repeat(MAX_VIA_BYTES - prefix.length)}/`)).toEqual([
      [4014, 'PathTooLong'],
    ]);
  });
});
