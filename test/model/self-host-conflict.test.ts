// Two self-hosted services registering the same base address (domain §6.4): the first
// process's queue cannot be shared (CanShare false), so the second process's Register gets
// ConflictingRegistration (4014, 3366) and its ServiceHost.Open throws
// AddressAlreadyInUseException, whether the two processes belong to one app (`workers: 2`)
// or to two apps. The base addresses are compared as BaseUriWithWildcard compares them:
// scheme, port, host-name comparison mode and path, whole segments (a trailing slash does
// not matter), and the host only in the exact mode.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { runRecorded } from '../helpers/run-recorded.js';

type AppInput = ScenarioInput['apps'][number];

const twoServices = (first: Partial<AppInput>, second: Partial<AppInput>): ScenarioInput => ({
  name: 'self-host-conflict',
  apps: [
    { name: 'first', baseAddress: 'net.tcp://localhost/a/', hosting: 'self', ...first },
    { name: 'second', baseAddress: 'net.tcp://localhost/a/', hosting: 'self', ...second },
  ],
  workload: {
    sessions: 3,
    arrivals: { fixed: { intervalMs: 10 } },
    vias: [{ via: 'net.tcp://localhost/a/service.svc' }],
  },
});

const registrations = async (scenario: ScenarioInput) => {
  const run = await runRecorded(scenario);
  const ids = (id: number) => run.events.filter((e) => e.id === id);
  return {
    run,
    started: ids(4011).length,
    completed: ids(4015).map((e) => e.annotations.app),
    failed: run.events
      .filter((e) => e.name === 'MessageQueueRegisterFailed')
      .map((e) => [e.annotations.app, e.payload.Status]),
    workerFailed: ids(3366).map((e) => e.annotations.app),
  };
};

describe('two self-hosted services on one base address', () => {
  it.each([
    { case: 'the same address twice', second: {} },
    {
      case: 'one written without the trailing slash',
      second: { baseAddress: 'net.tcp://localhost/a' },
    },
    {
      case: 'another host name, both wildcard registrations',
      second: { baseAddress: 'net.tcp://machine.example/a/' },
    },
  ])('gives the second ConflictingRegistration: $case', async ({ second }) => {
    const { run, started, completed, failed, workerFailed } = await registrations(
      twoServices({}, second),
    );

    expect(started).toBe(2);
    expect(completed).toEqual(['first']);
    expect(failed).toEqual([['second', 'ConflictingRegistration']]);
    expect(workerFailed).toEqual(['second']);
    expect(run.outcomes.map((o) => o.kind)).toEqual(['dispatched', 'dispatched', 'dispatched']);
  });

  it('emits what a second process of one service emits', async () => {
    const across = await runRecorded(twoServices({}, {}));
    const within = await runRecorded({
      ...twoServices({}, {}),
      apps: [{ name: 'first', baseAddress: 'net.tcp://localhost/a/', hosting: 'self', workers: 2 }],
    });
    const shape = (run: typeof across) =>
      run.events.map((e) => [
        e.atMs,
        e.id,
        JSON.stringify(e.payload).replaceAll('second', 'first'),
      ]);

    expect(shape(across)).toEqual(shape(within));
  });

  it.each([
    {
      case: 'other ports',
      first: {},
      second: { baseAddress: 'net.tcp://localhost:9000/a/' },
    },
    {
      case: 'other host-name comparison modes',
      first: {},
      second: { hostNameComparisonMode: 'exact' as const },
    },
    {
      case: 'other hosts, both exact',
      first: { hostNameComparisonMode: 'exact' as const },
      second: {
        baseAddress: 'net.tcp://machine.example/a/',
        hostNameComparisonMode: 'exact' as const,
      },
    },
    { case: 'a longer path', first: {}, second: { baseAddress: 'net.tcp://localhost/a/b/' } },
  ])('registers both on $case', async ({ first, second }) => {
    const { completed, failed } = await registrations(twoServices(first, second));

    expect(completed).toEqual(['first', 'second']);
    expect(failed).toEqual([]);
  });
});
