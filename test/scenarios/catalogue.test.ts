// The catalogue of bundled scenarios as a whole (STYLE rule 6): each file says what it shows
// and which domain section it follows, has its own test suite, states balanced books and a
// sequence, and together they reach every outcome, every 4031 path and every fault kind.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sessionOutcomeKinds } from '../../src/events/session-outcome.js';
import { faultKinds } from '../../src/scenario/fault-schema.js';
import { bundledScenarioPath, runBundled } from '../helpers/run-bundled.js';

const names = (await readdir(new URL('../../scenarios/', import.meta.url)))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

describe('scenario catalogue', () => {
  it('bundles at least 16 scenarios, including the ones other files depend on', () => {
    expect(names.length).toBeGreaterThanOrEqual(16);
    expect(names).toEqual(
      expect.arrayContaining([
        'healthy-baseline',
        'overload-burst',
        'dup-handle-failure',
        'worker-callback-failure',
        'worker-recycle-race',
        'rapid-fail-protection',
        'protocol-not-enabled',
        'worker-crash-queued',
        'self-hosted-last-worker',
        'no-route',
        'preamble-timeout',
        'bad-preamble',
        'port-sharing-paused',
        'listener-channel-faulted',
        'was-disconnect',
        'service-activation-failure',
        'hung-worker-3x-timeout',
        'net-pipe-dispatch-failure',
      ]),
    );
  });

  it.for(names)(
    '%s opens with its intent, its domain section and the schema line',
    async (name) => {
      const text = await readFile(bundledScenarioPath(name), 'utf8');

      const header = text.slice(0, text.search(/^[^#\n]/m));
      expect(header).toMatch(new RegExp(`^# ${name}: `));
      expect(header).toMatch(/^# Shows: /m);
      expect(header).toMatch(/^# Teaches: /m);
      expect(header).toMatch(/^# Domain §\d/m);
      expect(header).toMatch(/^# yaml-language-server: \$schema=\.\/scenario\.schema\.json$/m);
      expect(text).toMatch(new RegExp(`^name: ${name}$`, 'm'));
    },
  );

  it.for(names)('%s has its own suite in test/scenarios', async (name) => {
    const suite = await readFile(new URL(`./${name}.test.ts`, import.meta.url), 'utf8');

    expect(suite).toContain(`describe('scenario: ${name}'`);
  });

  it.for(names)('%s states balanced books and a session sequence', async (name) => {
    const run = await runBundled(name);

    const kinds = run.sim.scenario.expect.map((e) => Object.keys(e)[0]);
    expect(kinds).toContain('invariant');
    expect(kinds).toContain('sequence');
    expect(run.result.virtualDurationMs).toBeGreaterThan(0);
  });

  it('reaches every session outcome, every 4031 path on TCP and pipes, and every fault kind', async () => {
    const runs = await Promise.all(names.map((name) => runBundled(name)));

    const outcomes = new Set(runs.flatMap((r) => r.outcomes.map((o) => o.kind)));
    const failures = new Set(
      runs.flatMap((r) =>
        r.events.flatMap((e) =>
          e.name === 'DispatchSessionFailed'
            ? [`${e.annotations.path} ${e.annotations.via.split(':')[0]}`]
            : [],
        ),
      ),
    );
    const faults = new Set(runs.flatMap((r) => r.sim.scenario.faults.map((f) => f.kind)));
    expect([...outcomes].sort()).toEqual([...sessionOutcomeKinds].sort());
    expect([...failures].sort()).toEqual([
      'F1 net.pipe',
      'F1 net.tcp',
      'F2 net.pipe',
      'F2 net.tcp',
      'F3 net.tcp',
    ]);
    // queue-paused is the abstract CanDispatch switch of the cause matrix; the catalogue
    // shows its real causes instead (service-pause, protocol-disabled, app-pool-stop).
    expect(faultKinds.filter((k) => !faults.has(k))).toEqual(['queue-paused']);
  });
});
