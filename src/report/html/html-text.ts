// Text made safe for an HTML report (issue 16): escaped for element content and attribute
// values, and JSON that can sit inside a <script> element without ending it early.

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content or a quoted attribute value.
 * @param text - any text
 * @returns the text with `& < > " '` replaced by entities
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/**
 * Serialises a value as JSON to embed in a `<script type="application/json">` element: every
 * `<`, `>` and `&` is written as a `\u` escape, so no `</script>` or `<!--` can appear inside,
 * and U+2028/U+2029 are escaped too. `JSON.parse` of the element's text gives the value back.
 * @param value - a JSON-serialisable value
 * @returns the JSON text
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) =>
    c === '<'
      ? '\\u003c'
      : c === '>'
        ? '\\u003e'
        : c === '&'
          ? '\\u0026'
          : c === '\u2028'
            ? '\\u2028'
            : '\\u2029',
  );
}

/**
 * One data block of the report: a JSON script element the report's script reads on load.
 * @param kind - what the block holds (`meta`, `journey`, `marks`, `end`)
 * @param value - its data
 * @returns the element, on its own line
 */
export function dataBlock(kind: string, value: unknown): string {
  return `<script type="application/json" data-report="${kind}">${jsonForScript(value)}</script>\n`;
}
