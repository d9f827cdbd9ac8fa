// The listener adapter writes an HRESULT with int.ToString(): signed decimal (domain review).
import { describe, expect, it } from 'vitest';
import { hresultText } from '../../src/model/hresult-text.js';

describe('hresultText', () => {
  it.each([
    ['0x80070005', '-2147024891'],
    ['0x80004005', '-2147467259'],
    ['0x00000000', '0'],
    ['0x7FFFFFFF', '2147483647'],
    ['0xffffffff', '-1'],
  ])('writes %s as %s, as int.ToString() does', (hresult, text) => {
    expect(hresultText(hresult)).toBe(text);
  });
});
