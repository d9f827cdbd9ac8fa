// What the scenario JSON Schema says about fields that zod checks with refinements (issue 15):
// JSON Schema cannot run code, so each refinement that it can express is restated here as
// JSON Schema keywords (enums, patterns) and attached to the zod field with `.meta()`. The
// agreement test (test/scenario/schema-agreement.test.ts) runs ajv and validate side by side
// so the two cannot drift.

import { eventCatalog } from '../events/event-catalog.js';
import { eventLogCatalog } from '../events/event-log-entry.js';

// A regular expression source matching the word in any letter case (JSON Schema patterns
// have no `i` flag): `Ab1` gives `[Aa][Bb]1`.
function anyCase(word: string): string {
  return word.replace(/[a-z]/gi, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
}

/** A TCP port, 1 to 65535, leading zeros allowed (as `Number()` reads it). */
const PORT =
  '0*(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';

/** A host: a name or wildcard, or a bracketed IPv6 address (hex digits in any case). */
const HOST = '(?:\\[[0-9A-Fa-f:.]+\\]|[^/:?#\\[\\]]+)';

/**
 * A net.tcp URI with an optional port from 1 to 65535, or a net.pipe URI without a port, as
 * parseServiceUri (service-uri.ts) accepts them; the scheme in any letter case.
 */
export const SERVICE_URI_PATTERN =
  `^(?:${anyCase('net.tcp').replace('.', '\\.')}://${HOST}(?::${PORT})?` +
  `|${anyCase('net.pipe').replace('.', '\\.')}://${HOST})(?:/[^?#]*)?$`;

/** A net.tcp URI, the only scheme a self-hosted (port-sharing) app can register. */
export const NET_TCP_URI_PATTERN = `^${anyCase('net.tcp').replace('.', '\\.')}://`;

/**
 * An ETW event by id or by name, as `findEvent` finds it: the id as a number, or a string
 * holding the id or the name in any letter case, blanks around it ignored. Editors complete
 * the first two forms.
 */
export function eventRefJsonSchema(): Record<string, unknown> {
  const ids = eventCatalog.map((entry) => entry.id);
  const names = eventCatalog.map((entry) => entry.name);
  return {
    anyOf: [
      { type: 'integer', enum: ids },
      { type: 'string', enum: names },
      {
        type: 'string',
        pattern: `^\\s*(?:0*(?:${ids.join('|')})|${names.map(anyCase).join('|')})\\s*$`,
      },
    ],
  };
}

/** A Windows Event Log entry by id (1-10) or by name in any letter case. */
export function eventLogRefJsonSchema(): Record<string, unknown> {
  const names = eventLogCatalog.map((entry) => entry.name);
  return {
    anyOf: [
      { type: 'integer', enum: eventLogCatalog.map((entry) => entry.id) },
      { type: 'string', enum: names },
      { type: 'string', pattern: `^(?:${names.map(anyCase).join('|')})$` },
    ],
  };
}
