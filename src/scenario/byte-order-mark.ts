// The UTF-8 byte-order mark Windows editors put at the start of a file (Notepad, PowerShell
// 5's `Set-Content -Encoding UTF8`): YAML skips it, JSON.parse refuses it, and a scenario
// reads the same with it or without it (user report).

/**
 * @param text - a file's text, as read
 * @returns the text without a leading byte-order mark (U+FEFF), the same text when it has none
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
