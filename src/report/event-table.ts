// The event catalogue as an aligned table, for `dispatchsim events` (domain §2.1, §2.3):
// id, name, level, channel, task, opcode and payload of every ETW event of the catalogue,
// with whether the simulator emits it.

import { unsimulatedEventIds, type CatalogEntry } from '../events/event-catalog.js';
import type { EventLevel } from '../events/event-descriptor.js';
import { formatTable, type TableCell } from './text-table.js';
import { plainStyle, type TextStyle } from './text-style.js';

/**
 * @param entry - a catalogue row
 * @returns its payload fields in manifest order, e.g. `Uri (string), count (int32)`; `-` when
 *   the event carries only the implied AppDomain
 */
export function describePayload(entry: CatalogEntry): string {
  const fields: readonly { readonly name: string; readonly type: string }[] = entry.payload;
  return fields.length === 0 ? '-' : fields.map((f) => `${f.name} (${f.type})`).join(', ');
}

function levelCell(level: EventLevel, style: TextStyle): TableCell {
  switch (level) {
    case 'Critical':
    case 'Error':
      return { text: level, style: style.red };
    case 'Warning':
      return { text: level, style: style.yellow };
    case 'Information':
      return level;
    case 'Verbose':
      return { text: level, style: style.dim };
  }
}

/**
 * Formats the catalogue as a table with a header row.
 * @param catalog - the catalogue rows, in the order to show
 * @param style - colours
 * @returns the table and a note on the implied AppDomain field, ending with a newline
 */
export function formatEventTable(
  catalog: readonly CatalogEntry[],
  style: TextStyle = plainStyle,
): string {
  const header: TableCell[] = [
    'id',
    'name',
    'level',
    'channel',
    'task',
    'opcode',
    'sim',
    'payload',
  ].map((text) => ({ text, style: style.bold }));
  const rows = catalog.map((entry): TableCell[] => [
    String(entry.id),
    entry.name,
    levelCell(entry.level, style),
    entry.channel,
    `${entry.task.name} (${entry.task.id})`,
    `${entry.opcode.name} (${entry.opcode.id})`,
    // An expectation of an event the simulator never emits is never met (user report).
    unsimulatedEventIds.has(entry.id) ? { text: 'no', style: style.yellow } : 'yes',
    describePayload(entry),
  ]);
  const lines = formatTable([header, ...rows], { indent: '' });
  lines.push(
    '',
    style.dim(
      'Every payload also ends with the AppDomain string. Run `dispatchsim explain <id>` for causes and what the client sees.',
    ),
    style.dim(
      'sim no: the simulator never emits the event (it is not modelled); only a count of 0 meets an expectation of it.',
    ),
  );
  return lines.join('\n') + '\n';
}
