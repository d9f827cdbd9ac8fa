// The books of a run that stopped early, as the summary prints them: arrived = outcomes + in
// flight, the first attempts not arrived apart, and the requests a client policy's promise
// held (user report: at a stall they were nowhere in the partial result).
import { describe, expect, it } from 'vitest';
import { stoppedBooksLines, stoppedHeading } from '../../src/report/stopped-run-lines.js';
import { plainStyle } from '../../src/report/text-style.js';
import type { StoppedRunResult } from '../../src/sim/run-result.js';

const stopped = (fields: Partial<StoppedRunResult>): StoppedRunResult =>
  ({
    sessions: 10,
    accepted: 10,
    stoppedBy: 'sim.stalled',
    inFlight: 0,
    notArrived: 0,
    awaitingPolicy: 0,
    ...fields,
  }) as StoppedRunResult;

describe('stoppedBooksLines', () => {
  it('counts the requests waiting on the client policy at a stall', () => {
    expect(stoppedBooksLines(stopped({ awaitingPolicy: 3 }), 10, plainStyle)).toEqual([
      '  10 sessions arrived, 10 accepted, 10 outcomes, 0 in flight without an outcome: outcomes + in flight = arrived',
      "  3 requests were waiting on the client policy's promise",
    ]);
    expect(stoppedBooksLines(stopped({ awaitingPolicy: 1 }), 10, plainStyle)[1]).toBe(
      "  1 request was waiting on the client policy's promise",
    );
  });

  it('says so when outcomes and sessions in flight do not add up to the arrived', () => {
    expect(stoppedBooksLines(stopped({ inFlight: 1 }), 10, plainStyle)).toEqual([
      '  10 sessions arrived, 10 accepted, 10 outcomes, 1 in flight without an outcome: OUTCOMES + IN FLIGHT DO NOT ADD UP TO ARRIVED',
    ]);
  });
});

// `horizonMs: 1e12` printed `what happened up to 1000000000000 ms` above `136111 h 7 min
// simulated`, which read as a contradiction (user report).
describe('stoppedHeading', () => {
  it('gives a long horizon in hours, and when the last thing happened before it', () => {
    const heading = stoppedHeading(
      stopped({ stoppedBy: 'sim.horizon-exceeded', horizonMs: 1e12, virtualDurationMs: 4.9e11 }),
      plainStyle,
    );

    expect(heading).toBe(
      '  stopped at its horizon: what happened up to 277777 h 47 min (1000000000000 ms); the last step was at 136111 h 7 min',
    );
  });

  it('says a short horizon in ms, once', () => {
    expect(
      stoppedHeading(
        stopped({ stoppedBy: 'sim.horizon-exceeded', horizonMs: 100, virtualDurationMs: 100 }),
        plainStyle,
      ),
    ).toBe('  stopped at its horizon: what happened up to 100 ms');
  });
});
