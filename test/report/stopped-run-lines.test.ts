// The books of a run that stopped early, as the summary prints them: arrived = outcomes + in
// flight, the first attempts not arrived apart, and the requests a client policy's promise
// held (user report: at a stall they were nowhere in the partial result).
import { describe, expect, it } from 'vitest';
import { stoppedBooksLines } from '../../src/report/stopped-run-lines.js';
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
