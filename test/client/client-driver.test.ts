// User code in the loop (issue 7): the simulated clients call a policy after each failed
// attempt, on virtual time, and a policy that misbehaves fails the run with its error.
import { describe, expect, it } from 'vitest';
import type { AttemptReport, ClientPolicy } from '../../src/client/client-policy.js';
import type { ScenarioInput } from '../../src/scenario/scenario-schema.js';
import { installMatchers, runScenario } from '../../src/vitest/index.js';

installMatchers();

// One session to a WAS app whose first handle duplication fails (F1): the client sees
// ConnectionDispatchFailed (domain §5); a retry finds a fresh worker and succeeds.
const oneF1: ScenarioInput = {
  name: 'one-f1',
  appPools: [{ name: 'OrdersPool', startMode: 'AlwaysRunning', startupMs: 100, idleTimeoutMs: 0 }],
  apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'OrdersPool' }],
  workload: { sessions: 1, startMs: 200 },
  faults: [{ kind: 'duplicate-handle-failure', nthSession: 1 }],
};

describe('ClientDriver', () => {
  it('lets an async policy sleep on virtual time before it retries', async () => {
    const seen: { attempt: number; fault: string | null; before: number; after: number }[] = [];
    const policy: ClientPolicy = async (report, { now, sleep }) => {
      const before = now();
      await sleep(300);
      seen.push({ attempt: report.attempt, fault: report.client.fault, before, after: now() });
      return { retry: true, afterMs: 200 };
    };

    const run = await runScenario(oneF1, { clientPolicy: policy });

    expect(seen).toEqual([
      { attempt: 1, fault: 'ConnectionDispatchFailed', before: 200, after: 500 },
    ]);
    expect(run.outcomes.map((o) => [o.attempt, o.kind, o.arrivedAtMs])).toEqual([
      [1, 'dispatch-failed', 200],
      [2, 'dispatched', 700],
    ]);
    expect(run).toHaveRequests({ succeededAfterRetry: 1, attempts: 2 });
  });

  it('tells a stateful policy about successes through onSuccess', async () => {
    const successes: AttemptReport[] = [];
    const policy: ClientPolicy = () => ({ retry: true });
    policy.onSuccess = (report) => successes.push(report);

    await runScenario(oneF1, { clientPolicy: policy });

    expect(successes.map((r) => [r.attempt, r.succeeded, r.outcome.kind])).toEqual([
      [2, true, 'dispatched'],
    ]);
  });

  it('fails the run with the error a policy throws', async () => {
    const policy: ClientPolicy = () => {
      throw new Error('policy bug');
    };
    await expect(runScenario(oneF1, { clientPolicy: policy })).rejects.toThrow('policy bug');
  });

  // These were a TypeError and RangeErrors without a code, though dispatchsim throws them for
  // what a policy gave it: isDispatchsimError said no (user report).
  it('fails the run when a policy returns something that is not a decision', async () => {
    const policy = (() => 'yes') as unknown as ClientPolicy;
    await expect(runScenario(oneF1, { clientPolicy: policy })).rejects.toThrow(
      expect.objectContaining({
        code: 'config.invalid-option',
        message:
          "clientPolicy: expected a decision { retry: false } or { retry: true, afterMs? }, got 'yes' (string)",
      }),
    );
  });

  it('fails the run when a policy retries after a negative time', async () => {
    const policy: ClientPolicy = () => ({ retry: true, afterMs: -5 });
    await expect(runScenario(oneF1, { clientPolicy: policy })).rejects.toThrow(
      expect.objectContaining({
        code: 'config.invalid-option',
        message:
          'clientPolicy: expected a decision whose afterMs is a finite number >= 0, got -5 (number)',
      }),
    );
  });

  it('rejects a sleep of a negative time', async () => {
    const policy: ClientPolicy = async (_report, { sleep }) => {
      await sleep(-1);
      return { retry: false };
    };
    await expect(runScenario(oneF1, { clientPolicy: policy })).rejects.toThrow(
      expect.objectContaining({
        code: 'config.invalid-option',
        message: 'context.sleep: expected a finite number of ms >= 0, got -1 (number)',
      }),
    );
  });

  // A policy awaiting a real timer or a foreign promise left the run stalled with only
  // "7 sessions or requests have no outcome": nothing said the policy was the cause (user report).
  it('names the requests left waiting on a policy promise that virtual time cannot settle', async () => {
    const policy: ClientPolicy = () => new Promise(() => undefined);

    const run = runScenario(oneF1, { clientPolicy: policy });

    await expect(run).rejects.toThrow(
      expect.objectContaining({
        code: 'sim.stalled',
        open: 1,
        awaitingPolicy: 1,
        message:
          "The run stalled at 300 ms of virtual time after 3 steps: nothing more is scheduled, yet 1 session or request has no outcome; 1 request is waiting on the client policy's promise, which virtual time cannot settle: a policy must not wait on real timers (setTimeout) or on promises from outside the run; wait with `await context.sleep(ms)` or return `{ retry: true, afterMs }`",
      }),
    );
  });
});
