// Text in an HTML report (issue 16): escaped content, and JSON blocks that no value can end.
import { describe, expect, it } from 'vitest';
import { dataBlock, escapeHtml, jsonForScript } from '../../../src/report/html/html-text.js';

describe('escapeHtml', () => {
  it('replaces the five characters that change HTML structure', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });
});

describe('jsonForScript', () => {
  it.for([
    { value: { via: '</script><script>alert(1)</script>' } },
    { value: ['<!--', '-->', 'a & b', '\u2028\u2029'] },
  ])('gives back $value through JSON.parse with no < > & or line separator left', ({ value }) => {
    // Act
    const text = jsonForScript(value);

    // Assert
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('dataBlock', () => {
  it('wraps the JSON in a script element of its kind', () => {
    expect(dataBlock('meta', { a: '</script>' })).toBe(
      '<script type="application/json" data-report="meta">{"a":"\\u003c/script\\u003e"}</script>\n',
    );
  });
});
