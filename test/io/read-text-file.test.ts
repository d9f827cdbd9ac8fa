// A file saved as UTF-16 (Windows PowerShell 5's `>` and `Out-File`) reads as the same text
// as in UTF-8 (user report: a UTF-16 scenario was refused with `Unexpected token '�'`).
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/read-text-file.js';

const text = 'name: café\napps: []\n';

describe('decodeText', () => {
  it('reads UTF-8, leaving its byte-order mark to the parsers', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.from(`\uFEFF${text}`, 'utf8'))).toBe(`\uFEFF${text}`);
  });

  it('reads UTF-16LE after its byte-order mark, without the mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

    expect(decodeText(bytes)).toBe(text);
  });

  it('reads UTF-16BE after its byte-order mark, without the mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

    expect(decodeText(bytes)).toBe(text);
  });
});
