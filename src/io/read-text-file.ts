// Reads a text file a user gives (a scenario, a search's output) as UTF-8, or as UTF-16 when
// it starts with a UTF-16 byte-order mark: Windows PowerShell 5's `>` and `Out-File` write
// UTF-16LE, and such a scenario was refused with `Unexpected token '�'` (user report).

import { readFile } from 'node:fs/promises';

/**
 * @param bytes - a file's bytes
 * @returns its text: UTF-16 (little- or big-endian) after a UTF-16 byte-order mark, without
 *   the mark; UTF-8 otherwise (a UTF-8 mark is left for the parsers, which skip it)
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return bytes.toString('utf16le', 2);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

/**
 * @param path - the file
 * @returns its text (see {@link decodeText})
 */
export async function readTextFile(path: string): Promise<string> {
  return decodeText(await readFile(path));
}
