// The Ledger (DEVELOPERS.md "the books balance"): every arrival is booked once and once more at
// its outcome; the books balance only when every arrival has exactly one outcome.
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/model/ledger.js';
import type { SessionOutcome, SessionOutcomeKind } from '../../src/events/session-outcome.js';

const outcome = (kind: SessionOutcomeKind): SessionOutcome => ({ kind }) as SessionOutcome;

describe('Ledger', () => {
  it('balances when every arrival has one outcome, and counts refused connections apart', () => {
    const ledger = new Ledger();
    for (let i = 0; i < 4; i++) ledger.arrive();
    ledger.finish(outcome('dispatched'));
    ledger.finish(outcome('dispatched'));
    ledger.finish(outcome('connection-refused'));

    const open = ledger.summary();
    ledger.finish(outcome('dispatch-failed'));
    const closed = ledger.summary();

    expect([open.arrived, open.accepted, open.open, open.balanced]).toEqual([4, 3, 1, false]);
    expect([closed.open, closed.balanced, ledger.open, ledger.entries]).toEqual([0, true, 0, 8]);
    expect(closed.outcomes).toEqual({
      dispatched: 2,
      'dispatch-failed': 1,
      'no-route': 0,
      unavailable: 0,
      'queue-full': 0,
      'preamble-aborted': 0,
      'dropped-unavailable': 0,
      'dropped-aborted': 0,
      'connection-refused': 1,
    });
  });

  it('does not balance when a session gets two outcomes', () => {
    const ledger = new Ledger();
    ledger.arrive();
    ledger.arrive();
    ledger.finish(outcome('dispatched'));
    ledger.finish(outcome('dispatched'));
    ledger.finish(outcome('dispatched'));

    expect([ledger.summary().balanced, ledger.open]).toEqual([false, -1]);
  });

  it('balances an empty run', () => {
    expect(new Ledger().summary().balanced).toBe(true);
  });
});
