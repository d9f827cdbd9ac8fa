// The README's reference tables agree with the code they describe: a fault kind, a field or
// an event that the code has and the README leaves out (or marks wrongly) fails here, so the
// reference cannot drift from the schema and the catalogue (user report: fault fields found
// only in the schema or the bundled YAML).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventCatalog, unsimulatedEventIds } from '../../src/events/event-catalog.js';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The rows of the first table after a heading, as cells without their padding. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading} in the README`);
  const lines = readme.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('README event reference', () => {
  it('marks "sim: no" exactly the events the simulator never emits', () => {
    const rows = tableAfter('## Event reference');

    expect(rows.map((row) => [Number(row[0]), row.at(-1)])).toEqual(
      eventCatalog.map((event) => [event.id, unsimulatedEventIds.has(event.id) ? 'no' : 'yes']),
    );
  });
});
