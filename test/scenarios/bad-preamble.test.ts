// Scenario bad-preamble (domain §3.1 steps 3-4, §3.4, §2.5 Protocol Failures).
import { describe, expect, it } from 'vitest';
import { sessionPath } from '../helpers/record-events.js';
import { clientSeen, outcomeOf, runBundled, unmetExpectations } from '../helpers/run-bundled.js';

describe('scenario: bad-preamble', () => {
  it('meets every expectation it states', async () => {
    const run = await runBundled('bad-preamble');

    expect(unmetExpectations(run.result)).toEqual([]);
  });

  it.each([
    { session: 2, variant: 'bad-record' },
    { session: 4, variant: 'unsupported-version' },
    { session: 6, variant: 'unsupported-mode' },
    { session: 8, variant: 'via-too-long' },
  ])(
    'aborts session $session ($variant) before 4001, without a fault',
    async ({ session, variant }) => {
      const run = await runBundled('bad-preamble');

      const outcome = outcomeOf(run, session);
      expect(sessionPath(run.events, session)).toEqual([]);
      expect([outcome.kind, outcome.reason, clientSeen(outcome)]).toEqual([
        'preamble-aborted',
        `bad preamble: ${variant}`,
        'abort - CommunicationException',
      ]);
    },
  );

  it('dispatches the well-formed sessions in between', async () => {
    const run = await runBundled('bad-preamble');

    expect([1, 3, 5, 7, 9, 10].map((s) => sessionPath(run.events, s).join(' '))).toEqual(
      Array(6).fill('4001 4035 4008 4019 4030'),
    );
  });
});
