// File errors in words. A 738 MB Perfetto trace given to validate was "an error (unknown)":
// reading more than V8's longest string as text throws a RangeError without a code (user
// report).
import { describe, expect, it } from 'vitest';
import { describeFileError, errorCode } from '../../src/cli/file-errors.js';

describe('errorCode and describeFileError', () => {
  it('name a file too large to read as text', () => {
    const code = errorCode(new RangeError('Invalid string length'));

    expect(describeFileError(code)).toBe('a file too large to read as text (over 512 MB)');
  });

  it('keep a Node error code, and call anything else unknown', () => {
    expect(errorCode(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(errorCode(new RangeError('Maximum call stack size exceeded'))).toBe('unknown');
    expect(describeFileError('unknown')).toBe('an error (unknown)');
  });
});
