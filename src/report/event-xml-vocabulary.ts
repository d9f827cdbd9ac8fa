// The Windows event XML's vocabulary, as the Event Viewer export writes it (issue 6): the
// provider, the namespace, the made-up process and thread of SMSvcHost, the keyword names of a
// mask, escaping, and the SystemTime of a virtual instant. Apart from the writer
// (evtx-xml.ts), which builds each <Event> from these.

/** The ETW provider of the ActivationServices events (domain §0). */
export const ETW_PROVIDER = {
  name: 'Microsoft-Windows-Application Server-Applications',
  guid: '{c651f5f6-1c0d-492e-8ae1-b4efd7c9d503}',
} as const;

/** The event XML namespace. */
export const EVENT_NAMESPACE = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** Virtual time 0 as a wall-clock instant: 2026-01-01T00:00:00Z. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1);

/** Made-up, fixed process id of SMSvcHost.exe (the simulator has no real process). */
export const SMSVCHOST_PROCESS_ID = 1948;
/** Made-up, fixed thread id for every event written by SMSvcHost. */
export const SMSVCHOST_THREAD_ID = 2212;

/** The provider's keywords the catalogue's masks use, by bit (domain §0). */
export const providerKeywords: readonly (readonly [bit: bigint, name: string])[] = [
  [0x200n, 'TCPTransport'],
  [0x800n, 'ActivationServices'],
  [0x1000n, 'Channel'],
  [0x400000n, 'Quota'],
];

/**
 * @param keywords - a keyword mask as the catalogue writes it, e.g. `0x2000000000000800`
 * @returns the names of its provider keywords, lowest bit first, as Event Viewer renders
 *   them; the channel bits (the top byte) have no keyword name
 */
export function keywordNames(keywords: string): string[] {
  const mask = BigInt(keywords);
  return providerKeywords.filter(([bit]) => (mask & bit) !== 0n).map(([, name]) => name);
}

// Nearly no text has a character to escape: one scan instead of five replaceAll copies
// (issue 12: escaping was 36% of an evtx-xml run's time).
const markup = /[&<>"']/;

/**
 * Escapes text for XML element content and double-quoted attributes.
 * @param text - any text
 * @returns the text with `& < > " '` escaped (the text itself when it has none)
 */
export function escapeXml(text: string): string {
  if (!markup.test(text)) return text;
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

// Consecutive events nearly always fall in the same second: its ISO text is kept rather than
// formatted by a Date per event (issue 12: a tenth of an evtx-xml run's time).
let lastSeconds = Number.NaN;
let lastWholeSeconds = '';

/**
 * @param atMs - virtual time in ms
 * @returns the instant after the virtual epoch as SystemTime, in 100 ns ticks:
 *   `2026-01-01T00:00:00.5050000Z`
 */
export function systemTime(atMs: number): string {
  const ticks = Math.round(atMs * 10_000);
  const seconds = Math.floor(ticks / 10_000_000);
  const fraction = String(ticks - seconds * 10_000_000).padStart(7, '0');
  if (seconds !== lastSeconds) {
    lastWholeSeconds = new Date(VIRTUAL_EPOCH_MS + seconds * 1000).toISOString().slice(0, 19);
    lastSeconds = seconds;
  }
  return `${lastWholeSeconds}.${fraction}Z`;
}
