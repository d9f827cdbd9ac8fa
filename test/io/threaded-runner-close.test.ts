// Closing a threaded search while a thread answers a case it has given up (Ctrl-C racing a
// case's end): piscina reports that answer as an 'error' event on the pool, which threw and
// turned an interrupted search into an internal error (seen in CI: "internal error:
// Unexpected message from Worker"). Once closing, the pool's errors are dropped.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { dropErrorsOnceClosing } from '../../src/io/threaded-runner.js';

const lateAnswer = new Error('Unexpected message from Worker: { taskId: 7 }');

describe('a threaded runner', () => {
  it('drops the error of an answer that comes once the pool is closing', () => {
    const pool = new EventEmitter();
    const errors = dropErrorsOnceClosing(pool);

    errors.closing();

    expect(() => pool.emit('error', lateAnswer)).not.toThrow();
  });

  it('throws a pool error that comes before closing, as an unheard error event would', () => {
    const pool = new EventEmitter();
    dropErrorsOnceClosing(pool);

    expect(() => pool.emit('error', lateAnswer)).toThrow(lateAnswer);
  });
});
