// A failed write to standard output (issue 10): `run … > /dev/full` printed a Node stack and
// exited 1; `… | head` was silent. Now it is one line and exit 74.
import { describe, expect, it } from 'vitest';
import { stdoutFailureHandler } from '../../src/cli/stdout-failure.js';

describe('stdoutFailureHandler', () => {
  it.each([
    ['ENOSPC', 'no space left on the device'],
    ['EPIPE', 'the reader closed the pipe'],
    ['EACCES', 'permission denied'],
  ])('reports %s as one line and exits 74', (code, words) => {
    // Arrange
    let err = '';
    const exits: number[] = [];
    const handler = stdoutFailureHandler({
      stderr: (text) => (err += text),
      exit: (n) => exits.push(n),
    });

    // Act
    handler(Object.assign(new Error(`${code}: write failed`), { code }));

    // Assert
    expect(err).toBe(`dispatchsim: cannot write to standard output (${code}: ${words})\n`);
    expect(exits).toEqual([74]);
  });
});
