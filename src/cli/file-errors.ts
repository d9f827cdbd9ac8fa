// File and stream errors in words: Node's error codes (ENOENT, EPIPE, ENOSPC, …) as the CLI
// names them in its one-line messages (STYLE rule 25).

/**
 * @param error - what a file or stream operation failed with
 * @returns the Node error code (`ENOENT`, …) or `unknown`
 */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  // Reading a file of more than V8's longest string (~512 MB) as text throws a RangeError
  // without a code (user report: a 738 MB Perfetto trace was "an error (unknown)").
  if (error instanceof RangeError && error.message === 'Invalid string length') {
    return 'ERR_STRING_TOO_LONG';
  }
  return 'unknown';
}

/**
 * @param code - a Node error code
 * @returns it in words, for messages
 */
export function describeFileError(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a path through a file';
    case 'EPIPE':
      return 'the reader closed the pipe';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'a read-only file system';
    case 'EIO':
      return 'an input/output error';
    case 'ERR_STRING_TOO_LONG':
      return 'a file too large to read as text (over 512 MB)';
    default:
      return `an error (${code})`;
  }
}
