// WorkerPool: the listener's side of the live worker processes (issue 14). A session it
// tracks must leave its books however the handover ends (user report: a load test's worker
// and listener memory grew with every session).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/live/worker-pool.js';

let dir: string;
let exitsAtOnce: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dispatchsim-pool-'));
  exitsAtOnce = join(dir, 'exits-at-once.mjs');
  await writeFile(exitsAtOnce, 'process.exit(0);\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('WorkerPool', () => {
  it('forgets a session its child never took (the child exited first)', async () => {
    // Arrange
    const pool = new WorkerPool(exitsAtOnce, 1);

    // Act
    const result = await pool.handOver(4004, 1, new Socket(), Buffer.alloc(0));

    // Assert
    expect(result).toBe('lost');
    expect(pool.sessionsTracked).toBe(0);
    await pool.close(1000);
  });

  it('forks no new child for one that exited before it was ready (no fork per session)', async () => {
    // Arrange
    const lost: unknown[] = [];
    const pool = new WorkerPool(exitsAtOnce, 1, undefined, undefined, (...told) => lost.push(told));

    // Act
    const first = await pool.handOver(4004, 1, new Socket(), Buffer.alloc(0));
    const second = await pool.handOver(4004, 2, new Socket(), Buffer.alloc(0));

    // Assert
    expect([first, second]).toEqual(['lost', 'lost']);
    expect(pool.size).toBe(1);
    expect(lost).toEqual([['exit code 0, before it was ready', 0, false]]);
    await pool.close(1000);
  });
});
